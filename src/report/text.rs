//! Terminal report: per mailbox a table of who does what to the server copies, then findings.

use super::sanitize::terminal as clean;
use super::view::{self, FindingView, LayoutView, MailboxView, Renderer, View, ACCESS_HEADERS};
use super::words;
use crate::scan::Report;
use comfy_table::{presets, Table};
use std::fmt::Write;

/// Renders the report for a terminal.
pub fn render(report: &Report) -> String {
    View::of(report).render::<Terminal>()
}

/// Plain lines and box-drawn tables, every piece of file text stripped of control characters.
struct Terminal;

impl Renderer for Terminal {
    fn start(s: &mut String, view: &View) {
        let _ = writeln!(s, "mailaudit: {}", view.summary);
    }

    fn mailbox(s: &mut String, mb: &MailboxView) {
        let _ = write!(s, "\nMailbox {}", clean(&mb.key));
        if let Some(facts) = &mb.facts {
            let _ = write!(s, " ({facts})");
        }
        s.push('\n');
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        table.set_header(ACCESS_HEADERS);
        for r in &mb.rows {
            table.add_row(r.cells().map(clean));
        }
        let _ = writeln!(s, "{table}");
        let _ = writeln!(s, "  On the server: {}", clean(&mb.on_server));
        for n in &mb.notes {
            let _ = writeln!(s, "  {}", n.line(clean, clean));
        }
    }

    fn inactive(s: &mut String, t: &view::Table<5>) {
        s.push_str("\nAccounts not counted (they do not fetch in normal use)\n");
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

    fn findings(s: &mut String, findings: &[FindingView]) {
        if findings.is_empty() {
            s.push_str("\nNo findings.\n");
        } else {
            s.push_str("\nFindings\n");
        }
        for f in findings {
            finding(s, f);
        }
    }

    fn layouts(s: &mut String, layouts: &[LayoutView]) {
        let _ = writeln!(s, "\n{}", words::LAYOUT_TITLE);
        for l in layouts {
            let _ = writeln!(s, "  {}: {}.", clean(l.mailbox), clean(&l.main_keeps));
            for [address, _device, change] in &l.forwards.rows {
                let _ = writeln!(
                    s,
                    "    forward {} to {}: {}",
                    clean(l.mailbox),
                    clean(address),
                    clean(change)
                );
            }
            if l.quota_must_grow {
                let _ = writeln!(s, "    {}", words::QUOTA_MUST_GROW);
            }
        }
    }

    fn providers(s: &mut String, t: &view::Table<3>) {
        let _ = writeln!(s, "\n{}: {}", words::PROVIDERS_TITLE, t.rows.len());
        for [id, domains, source] in &t.rows {
            let _ = writeln!(s, "  {} ({}): {}", clean(id), clean(domains), clean(source));
        }
    }

    fn problems(s: &mut String, t: &view::Table<2>) {
        let _ = writeln!(
            s,
            "\nProblems ({}): files, lines or site entries that could not be used",
            t.rows.len()
        );
        for [place, message] in &t.rows {
            let _ = writeln!(s, "  {}: {}", clean(place), clean(message));
        }
    }
}

fn finding(s: &mut String, f: &FindingView) {
    let _ = writeln!(
        s,
        "\n{:<8} {}  {}  [{}]",
        f.severity.name().to_uppercase(),
        f.rule,
        clean(f.mailbox),
        clean(&f.devices)
    );
    let _ = writeln!(s, "  {}", clean(f.message));
    let _ = writeln!(s, "  why: {}", clean(f.why));
    let _ = writeln!(s, "  fix: {}", clean(f.fix));
    if !f.evidence.is_empty() {
        let ev: Vec<String> = f.evidence.iter().map(|e| clean(e)).collect();
        let _ = writeln!(s, "  evidence: {}", ev.join(", "));
    }
}
