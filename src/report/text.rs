//! Terminal report: per mailbox a table of who does what to the server copies, then findings.

use super::i18n::{Catalog, Labels};
use super::sanitize::terminal as clean;
use super::view::{self, FindingView, LayoutView, MailboxView, Renderer, View};
use crate::scan::Report;
use comfy_table::{presets, Table};
use std::fmt::Write;

/// Renders the report for a terminal.
pub fn render(report: &Report) -> String {
    View::of(&super::i18n::localized(report)).render::<Terminal>()
}

/// Plain lines and box-drawn tables, every piece of file text stripped of control characters.
struct Terminal;

impl Renderer for Terminal {
    fn start(s: &mut String, view: &View) {
        let _ = writeln!(s, "mailaudit: {}", view.summary);
    }

    fn mailbox(s: &mut String, l: &Labels, mb: &MailboxView) {
        let _ = write!(s, "\n{} {}", l.mailbox, clean(&mb.key));
        if let Some(facts) = &mb.facts {
            let _ = write!(s, " ({facts})");
        }
        s.push('\n');
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        table.set_header(l.access_headers);
        for r in &mb.rows {
            table.add_row(r.cells().map(clean));
        }
        let _ = writeln!(s, "{table}");
        let _ = writeln!(s, "  {}: {}", l.on_server, clean(&mb.on_server));
        for n in &mb.notes {
            let _ = writeln!(s, "  {}", n.line(l, clean, clean));
        }
    }

    fn inactive(s: &mut String, l: &Labels, t: &view::Table<5>) {
        let _ = writeln!(
            s,
            "\n{} ({})",
            l.inactive_title,
            l.inactive_why.trim_end_matches(['.', '。']).to_lowercase()
        );
        for [device, account, mailbox, copies, why] in &t.rows {
            let _ = writeln!(
                s,
                "  {} {} {} ({copies}): {}",
                clean(device),
                clean(account),
                clean(mailbox),
                clean(why)
            );
        }
    }

    fn findings(s: &mut String, l: &Labels, findings: &[FindingView]) {
        if findings.is_empty() {
            let _ = writeln!(s, "\n{}", l.no_findings);
        } else {
            let _ = writeln!(s, "\n{}", l.findings);
        }
        for f in findings {
            finding(s, l, f);
        }
    }

    fn layouts(s: &mut String, l: &Labels, c: &dyn Catalog, layouts: &[LayoutView]) {
        let _ = writeln!(s, "\n{}", l.layout_title);
        for lay in layouts {
            let _ = writeln!(s, "  {}: {}.", clean(lay.mailbox), clean(&lay.main_keeps));
            for [address, _device, change] in &lay.forwards.rows {
                let _ = writeln!(
                    s,
                    "    {}",
                    c.forward_line(&clean(lay.mailbox), &clean(address), &clean(change))
                );
            }
            if lay.quota_must_grow {
                let _ = writeln!(s, "    {}", l.quota_must_grow);
            }
        }
    }

    fn providers(s: &mut String, l: &Labels, t: &view::Table<3>) {
        let _ = writeln!(s, "\n{}: {}", l.providers_title, t.rows.len());
        for [id, domains, source] in &t.rows {
            let _ = writeln!(s, "  {} ({}): {}", clean(id), clean(domains), clean(source));
        }
    }

    fn problems(s: &mut String, l: &Labels, c: &dyn Catalog, t: &view::Table<2>) {
        let _ = writeln!(
            s,
            "\n{}: {}",
            c.problems_heading(t.rows.len()),
            l.problems_what
        );
        for [place, message] in &t.rows {
            let _ = writeln!(s, "  {}: {}", clean(place), clean(message));
        }
    }
}

fn finding(s: &mut String, l: &Labels, f: &FindingView) {
    let _ = writeln!(
        s,
        "\n{:<8} {}  {}  [{}]",
        f.severity_word.to_uppercase(),
        f.rule,
        clean(f.mailbox),
        clean(&f.devices)
    );
    let _ = writeln!(s, "  {}", clean(f.message));
    let _ = writeln!(s, "  {}: {}", l.why.to_lowercase(), clean(f.why));
    let _ = writeln!(s, "  {}: {}", l.fix.to_lowercase(), clean(f.fix));
    if !f.evidence.is_empty() {
        let ev: Vec<String> = f.evidence.iter().map(|e| clean(e)).collect();
        let _ = writeln!(s, "  {}: {}", l.evidence.to_lowercase(), ev.join(", "));
    }
}
