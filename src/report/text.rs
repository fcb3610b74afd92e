//! Terminal report: per mailbox a table of who does what to the server copies, then findings.

use super::sanitize::terminal as clean;
use super::words;
use crate::analyze::simulate::lifetime;
use crate::scan::Report;
use comfy_table::{presets, Table};
use std::fmt::Write;

/// Renders the report for a terminal.
pub fn render(report: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "mailaudit: {}", words::summary(report));
    for mb in &report.mailboxes {
        let _ = write!(s, "\nMailbox {}", clean(&mb.key));
        if let Some(facts) = words::mailbox_facts(mb) {
            let _ = write!(s, " ({facts})");
        }
        s.push('\n');
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        table.set_header([
            "Device",
            "Client",
            "Account",
            "Protocol",
            "Server copies",
            "Fetches",
            "Source",
        ]);
        let accesses = words::active_accesses(report, &mb.key);
        for a in &accesses {
            table.add_row([
                clean(&a.device),
                clean(&words::client(a)),
                clean(&a.account),
                words::protocol(a).to_string(),
                words::copies(a),
                words::fetches(a),
                clean(&words::short_source(&a.source)),
            ]);
        }
        let _ = writeln!(s, "{table}");
        let _ = writeln!(
            s,
            "  On the server: {}",
            clean(&words::lifetime_words(&lifetime(&accesses)))
        );
        for a in &accesses {
            if let Some(st) = &a.server_state {
                let _ = writeln!(
                    s,
                    "  {}: {} ({})",
                    clean(&a.device),
                    words::server_state(st),
                    clean(&st.source.to_string())
                );
            }
            for note in &a.assumptions {
                let _ = writeln!(s, "  {}: assumed: {}", clean(&a.device), clean(note));
            }
        }
    }
    let inactive = words::inactive_accesses(report);
    if !inactive.is_empty() {
        s.push_str("\nAccounts not counted (they do not fetch in normal use)\n");
        for a in inactive {
            let _ = writeln!(
                s,
                "  {} {} {} ({}): {}",
                clean(&a.device),
                clean(&a.account),
                clean(&a.mailbox),
                words::copies(a),
                clean(a.inactive.as_deref().unwrap_or_default())
            );
        }
    }
    if report.findings.is_empty() {
        s.push_str("\nNo findings.\n");
    } else {
        s.push_str("\nFindings\n");
        for f in &report.findings {
            let _ = writeln!(
                s,
                "\n{:<8} {}  {}  [{}]",
                f.severity.name().to_uppercase(),
                f.rule,
                clean(&f.mailbox),
                clean(&f.devices.join(", "))
            );
            let _ = writeln!(s, "  {}", clean(&f.message));
            let _ = writeln!(s, "  why: {}", clean(&f.why));
            let _ = writeln!(s, "  fix: {}", clean(&f.fix));
            if !f.evidence.is_empty() {
                let ev: Vec<String> = f.evidence.iter().map(|e| clean(&e.to_string())).collect();
                let _ = writeln!(s, "  evidence: {}", ev.join(", "));
            }
        }
    }
    if !report.recommendations.is_empty() {
        let _ = writeln!(s, "\n{}", words::LAYOUT_TITLE);
        for r in &report.recommendations {
            let _ = writeln!(
                s,
                "  {}: {}.",
                clean(&r.mailbox),
                clean(&words::main_keeps(r))
            );
            for f in &r.forwards {
                let _ = writeln!(
                    s,
                    "    forward {} to {}: {}",
                    clean(&r.mailbox),
                    clean(&f.address),
                    clean(&f.change)
                );
            }
            if r.quota_must_grow {
                let _ = writeln!(s, "    {}", words::QUOTA_MUST_GROW);
            }
        }
    }
    if !report.providers.is_empty() {
        let _ = writeln!(s, "\nProvider profiles: {}", report.providers.len());
        for p in &report.providers {
            let _ = writeln!(
                s,
                "  {} ({}): {}",
                clean(&p.id),
                clean(&p.domains.join(", ")),
                clean(&p.source.to_string())
            );
        }
    }
    if !report.problems.is_empty() {
        let _ = writeln!(
            s,
            "\nProblems ({}): files, lines or site entries that could not be used",
            report.problems.len()
        );
        for p in &report.problems {
            let _ = writeln!(
                s,
                "  {}: {}",
                clean(&words::problem_place(p)),
                clean(&p.message)
            );
        }
    }
    s
}
