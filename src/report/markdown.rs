//! Markdown report, for a ticket or an e-mail to the office owner: headings and pipe tables.

use super::sanitize::{markdown as md, markdown_code as code};
use super::view::{FindingView, LayoutView, MailboxView, Renderer, Table, View, ACCESS_HEADERS};
use super::words;
use crate::scan::Report;
use std::fmt::Write;

/// Renders the report as Markdown (CommonMark with GitHub pipe tables).
pub fn render(report: &Report) -> String {
    View::of(report).render::<Markdown>()
}

/// Headings, pipe tables and bullet lists, every piece of file text escaped.
struct Markdown;

impl Renderer for Markdown {
    fn start(s: &mut String, view: &View) {
        let _ = writeln!(s, "# Mail audit\n\n{}", md(&view.summary));
    }

    fn mailbox(s: &mut String, mb: &MailboxView) {
        let _ = write!(s, "\n## Mailbox {}", md(&mb.key));
        if let Some(facts) = &mb.facts {
            let _ = write!(s, " ({})", md(facts));
        }
        s.push_str("\n\n");
        table_head(s, &ACCESS_HEADERS);
        for r in &mb.rows {
            row(s, &r.cells());
        }
        let _ = writeln!(s, "\n**On the server:** {}.", md(&mb.on_server));
        if !mb.notes.is_empty() {
            s.push('\n');
            for n in &mb.notes {
                let _ = writeln!(s, "- {}", n.line(md, code));
            }
        }
    }

    fn inactive(s: &mut String, t: &Table<5>) {
        section(s, words::INACTIVE_TITLE, Some(words::INACTIVE_WHY), t);
    }

    fn findings(s: &mut String, findings: &[FindingView]) {
        s.push_str("\n## Findings\n");
        if findings.is_empty() {
            s.push_str("\nNo findings.\n");
        }
        for f in findings {
            finding(s, f);
        }
    }

    fn layouts(s: &mut String, layouts: &[LayoutView]) {
        let _ = writeln!(s, "\n## {}", words::LAYOUT_TITLE);
        for l in layouts {
            let _ = writeln!(s, "\n### {}\n\n{}.\n", md(l.mailbox), md(&l.main_keeps));
            if !l.forwards.is_empty() {
                table(s, &l.forwards);
            }
            if l.quota_must_grow {
                let _ = writeln!(s, "\n**{}.**", words::capitalized(words::QUOTA_MUST_GROW));
            }
        }
    }

    fn providers(s: &mut String, t: &Table<3>) {
        section(s, words::PROVIDERS_TITLE, None, t);
    }

    fn problems(s: &mut String, t: &Table<2>) {
        let title = format!("Problems ({})", t.rows.len());
        section(s, &title, Some(words::PROBLEMS_WHY), t);
    }
}

fn finding(s: &mut String, f: &FindingView) {
    let _ = writeln!(
        s,
        "\n### {}: `{}` on {}\n",
        f.severity.name().to_uppercase(),
        f.rule,
        md(f.mailbox)
    );
    let _ = writeln!(s, "**Devices:** {}\n", md(&f.devices));
    let _ = writeln!(s, "{}\n", md(f.message));
    let _ = writeln!(s, "- **Why:** {}", md(f.why));
    let _ = writeln!(s, "- **Fix:** {}", md(f.fix));
    if !f.evidence.is_empty() {
        let ev: Vec<String> = f.evidence.iter().map(|e| code(e)).collect();
        let _ = writeln!(s, "- **Evidence:** {}", ev.join(", "));
    }
}

/// A section that is one table: the heading (fixed text), an optional sentence, the table.
fn section<const N: usize>(s: &mut String, title: &str, note: Option<&str>, t: &Table<N>) {
    let _ = writeln!(s, "\n## {title}\n");
    if let Some(note) = note {
        let _ = writeln!(s, "{note}\n");
    }
    table(s, t);
}

/// A whole table: the header, then every row escaped.
fn table<const N: usize>(s: &mut String, t: &Table<N>) {
    table_head(s, &t.headers);
    for r in &t.rows {
        row(s, r);
    }
}

/// A table's header and delimiter rows; headers are fixed text.
fn table_head(s: &mut String, headers: &[&str]) {
    let _ = writeln!(s, "| {} |", headers.join(" | "));
    let _ = writeln!(s, "|{}", "---|".repeat(headers.len()));
}

/// One table row; every cell is escaped, so file text cannot add or close a cell.
fn row(s: &mut String, cells: &[impl AsRef<str>]) {
    let cells: Vec<String> = cells.iter().map(|c| md(c.as_ref())).collect();
    let _ = writeln!(s, "| {} |", cells.join(" | "));
}
