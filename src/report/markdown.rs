//! Markdown report, for a ticket or an e-mail to the office owner: headings and pipe tables.

use super::i18n::{Catalog, Labels};
use super::sanitize::{markdown as md, markdown_code as code};
use super::view::{FindingView, LayoutView, MailboxView, Renderer, Table, View};
use super::words;
use crate::scan::Report;
use std::fmt::Write;

/// Renders the report as Markdown (CommonMark with GitHub pipe tables).
pub fn render(report: &Report) -> String {
    View::of(&super::i18n::localized(report)).render(&Markdown)
}

/// Headings, pipe tables and bullet lists, every piece of file text escaped.
struct Markdown;

impl Renderer for Markdown {
    fn start(&self, s: &mut String, view: &View) {
        let l = view.labels;
        let _ = writeln!(s, "# {}\n\n{}", l.title, md(&view.summary));
        if let Some(facts) = &view.facts {
            let _ = writeln!(s, "\n{}", md(facts));
        }
        if !view.first_steps.is_empty() {
            let _ = writeln!(s, "\n## {}\n", l.first_steps);
            for (i, step) in view.first_steps.iter().enumerate() {
                let _ = writeln!(s, "{}. {}", i + 1, md(step));
            }
        }
    }

    fn mailbox(&self, s: &mut String, l: &Labels, mb: &MailboxView) {
        let _ = write!(s, "\n## {} {}", l.mailbox, md(&mb.key));
        if let Some(facts) = &mb.facts {
            s.push_str(&l.paren(&md(facts)));
        }
        s.push_str("\n\n");
        table_head(s, &l.access_headers);
        for r in &mb.rows {
            row(s, &r.cells());
        }
        let _ = writeln!(s, "\n**{}:** {}{}", l.on_server, md(&mb.on_server), l.stop);
        if !mb.notes.is_empty() {
            s.push('\n');
            for n in &mb.notes {
                let _ = writeln!(s, "- {}", n.line(l, md, code));
            }
        }
    }

    fn inactive(&self, s: &mut String, l: &Labels, t: &Table<5>) {
        section(s, l.inactive_title, Some(l.inactive_why), t);
    }

    fn findings(&self, s: &mut String, l: &Labels, findings: &[FindingView]) {
        let _ = writeln!(s, "\n## {}", l.findings);
        if findings.is_empty() {
            let _ = writeln!(s, "\n{}", l.no_findings);
        }
        for f in findings {
            finding(s, l, f);
        }
    }

    fn layouts(&self, s: &mut String, l: &Labels, _c: &dyn Catalog, layouts: &[LayoutView]) {
        let _ = writeln!(s, "\n## {}", l.layout_title);
        for lay in layouts {
            let _ = writeln!(
                s,
                "\n### {}\n\n{}{}\n",
                md(lay.mailbox),
                md(&lay.main_keeps),
                l.stop
            );
            if !lay.forwards.is_empty() {
                table(s, &lay.forwards);
            }
            if lay.quota_must_grow {
                let _ = writeln!(
                    s,
                    "\n**{}{}**",
                    words::capitalized(l.quota_must_grow),
                    l.stop
                );
            }
        }
    }

    fn providers(&self, s: &mut String, l: &Labels, t: &Table<3>) {
        section(s, l.providers_title, None, t);
    }

    // The caret is the terminal's: a page shows the place, and the file is a click away.
    fn problems(
        &self,
        s: &mut String,
        l: &Labels,
        c: &dyn Catalog,
        t: &Table<2>,
        _carets: &[Option<super::view::Caret>],
    ) {
        let title = c.problems_heading(t.rows.len());
        section(s, &title, Some(l.problems_why), t);
    }
}

fn finding(s: &mut String, l: &Labels, f: &FindingView) {
    let _ = writeln!(
        s,
        "\n### {}: `{}` {} {}\n",
        f.severity_word.to_uppercase(),
        f.rule,
        l.on,
        md(f.mailbox)
    );
    let _ = writeln!(s, "**{}:** {}\n", l.devices, md(&f.devices));
    let _ = writeln!(s, "{}\n", md(f.message));
    let _ = writeln!(s, "- **{}:** {}", l.why, md(f.why));
    let _ = writeln!(s, "- **{}:** {}", l.fix, md(f.fix));
    if !f.evidence.is_empty() {
        let ev: Vec<String> = f.evidence.iter().map(|e| code(e)).collect();
        let _ = writeln!(s, "- **{}:** {}", l.evidence, ev.join(", "));
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
