//! Markdown report, for a ticket or an e-mail to the office owner: headings and pipe tables.

use super::sanitize::{markdown as md, markdown_code as code};
use super::words;
use crate::analyze::simulate::lifetime;
use crate::model::{Evidence, Finding};
use crate::plan::Recommendation;
use crate::scan::Report;
use std::fmt::Write;

/// Renders the report as Markdown (CommonMark with GitHub pipe tables).
pub fn render(report: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Mail audit\n\n{}", md(&words::summary(report)));
    mailboxes(report, &mut s);
    inactive(report, &mut s);
    if report.findings.is_empty() {
        s.push_str("\n## Findings\n\nNo findings.\n");
    } else {
        s.push_str("\n## Findings\n");
        for f in &report.findings {
            finding(f, &mut s);
        }
    }
    if !report.recommendations.is_empty() {
        let _ = writeln!(s, "\n## {}", words::LAYOUT_TITLE);
        for r in &report.recommendations {
            recommendation(r, &mut s);
        }
    }
    providers(report, &mut s);
    problems(report, &mut s);
    s
}

fn mailboxes(report: &Report, s: &mut String) {
    for mb in &report.mailboxes {
        let _ = write!(s, "\n## Mailbox {}", md(&mb.key));
        if let Some(facts) = words::mailbox_facts(mb) {
            let _ = write!(s, " ({})", md(&facts));
        }
        s.push_str("\n\n");
        let accesses = words::active_accesses(report, &mb.key);
        table_head(
            s,
            &[
                "Device",
                "Client",
                "Account",
                "Protocol",
                "Server copies",
                "Fetches",
                "Source",
            ],
        );
        for a in &accesses {
            row(
                s,
                &[
                    &a.device,
                    &words::client(a),
                    &a.account,
                    words::protocol(a),
                    &words::copies(a),
                    &words::fetches(a),
                    &words::short_source(&a.source),
                ],
            );
        }
        let _ = writeln!(
            s,
            "\n**On the server:** {}.",
            md(&words::lifetime_words(&lifetime(&accesses)))
        );
        let mut notes = Vec::new();
        for a in &accesses {
            if let Some(st) = &a.server_state {
                notes.push(format!(
                    "{}: {} ({})",
                    md(&a.device),
                    md(&words::server_state(st)),
                    code(&st.source.to_string())
                ));
            }
            for note in &a.assumptions {
                notes.push(format!("{}: assumed: {}", md(&a.device), md(note)));
            }
        }
        if !notes.is_empty() {
            s.push('\n');
            for n in notes {
                let _ = writeln!(s, "- {n}");
            }
        }
    }
}

fn inactive(report: &Report, s: &mut String) {
    let inactive = words::inactive_accesses(report);
    if inactive.is_empty() {
        return;
    }
    s.push_str("\n## Accounts not counted\n\nThey do not fetch in normal use.\n\n");
    table_head(s, &["Device", "Account", "Mailbox", "Server copies", "Why"]);
    for a in inactive {
        row(
            s,
            &[
                &a.device,
                &a.account,
                &a.mailbox,
                &words::copies(a),
                a.inactive.as_deref().unwrap_or_default(),
            ],
        );
    }
}

fn finding(f: &Finding, s: &mut String) {
    let _ = writeln!(
        s,
        "\n### {}: `{}` on {}\n",
        f.severity.name().to_uppercase(),
        f.rule,
        md(&f.mailbox)
    );
    let _ = writeln!(s, "**Devices:** {}\n", md(&f.devices.join(", ")));
    let _ = writeln!(s, "{}\n", md(&f.message));
    let _ = writeln!(s, "- **Why:** {}", md(&f.why));
    let _ = writeln!(s, "- **Fix:** {}", md(&f.fix));
    if !f.evidence.is_empty() {
        let _ = writeln!(s, "- **Evidence:** {}", evidence(&f.evidence));
    }
}

fn evidence(ev: &[Evidence]) -> String {
    ev.iter()
        .map(|e| code(&e.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn recommendation(r: &Recommendation, s: &mut String) {
    let _ = writeln!(
        s,
        "\n### {}\n\n{}.\n",
        md(&r.mailbox),
        md(&words::main_keeps(r))
    );
    if !r.forwards.is_empty() {
        table_head(s, &["Forward to", "Device", "What changes on the device"]);
        for f in &r.forwards {
            row(s, &[&f.address, &f.device, &f.change]);
        }
    }
    if r.quota_must_grow {
        let _ = writeln!(s, "\n**{}.**", words::capitalized(words::QUOTA_MUST_GROW));
    }
}

fn providers(report: &Report, s: &mut String) {
    if report.providers.is_empty() {
        return;
    }
    s.push_str("\n## Provider profiles\n\n");
    table_head(s, &["Profile", "Domains", "Source"]);
    for p in &report.providers {
        row(s, &[&p.id, &p.domains.join(", "), &p.source.to_string()]);
    }
}

fn problems(report: &Report, s: &mut String) {
    if report.problems.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "\n## Problems ({})\n\nThese files or lines were not read.\n",
        report.problems.len()
    );
    table_head(s, &["Where", "Problem"]);
    for p in &report.problems {
        row(s, &[&words::problem_place(p), &p.message]);
    }
}

/// A table's header and delimiter rows; headers are fixed text.
fn table_head(s: &mut String, headers: &[&str]) {
    let _ = writeln!(s, "| {} |", headers.join(" | "));
    let _ = writeln!(s, "|{}", "---|".repeat(headers.len()));
}

/// One table row; every cell is escaped, so file text cannot add or close a cell.
fn row(s: &mut String, cells: &[&str]) {
    let cells: Vec<String> = cells.iter().map(|c| md(c)).collect();
    let _ = writeln!(s, "| {} |", cells.join(" | "));
}
