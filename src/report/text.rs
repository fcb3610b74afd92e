//! Terminal report: what to do first, per mailbox a table of who does what to the server
//! copies, then findings. Prose is wrapped to the terminal's width (East Asian wide
//! characters count two columns), tables shrink to it, and colour is used only when asked.

use super::i18n::{Catalog, Labels};
use super::sanitize::terminal as clean;
use super::view::{self, FindingView, LayoutView, MailboxView, Renderer, View};
use crate::model::Severity;
use crate::scan::Report;
use comfy_table::{presets, Table};
use std::fmt::Write;

/// How the terminal report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Columns to fit; never fewer than 80.
    pub width: usize,
    /// ANSI colour for severities and removals.
    pub color: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            width: 100,
            color: false,
        }
    }
}

/// Renders the report for a terminal 100 columns wide, without colour.
pub fn render(report: &Report) -> String {
    render_with(report, Layout::default())
}

/// Renders the report with the given width and colour.
pub fn render_with(report: &Report, layout: Layout) -> String {
    let t = Terminal(Layout {
        width: layout.width.max(80),
        ..layout
    });
    View::of(&super::i18n::localized(report)).render(&t)
}

/// Wraps prose at word boundaries (and between CJK characters) to the width, each line
/// starting with `first` or, after the first, `rest`.
pub(crate) fn wrap(s: &mut String, width: usize, text: &str, first: &str, rest: &str) {
    let opts = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties);
    for line in textwrap::wrap(text, opts) {
        let _ = writeln!(s, "{line}");
    }
}

/// Colours text with an ANSI SGR code when colour is on.
fn paint(color: bool, text: &str, sgr: &str) -> String {
    if color {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn severity_sgr(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;34",
    }
}

/// Plain lines and box-drawn tables, every piece of file text stripped of control characters.
struct Terminal(Layout);

impl Renderer for Terminal {
    fn start(&self, s: &mut String, view: &View) {
        wrap(
            s,
            self.0.width,
            &format!("mailaudit: {}", view.summary),
            "",
            "  ",
        );
        if let Some(facts) = &view.facts {
            wrap(s, self.0.width, &clean(facts), "", "  ");
        }
        let l = view.labels;
        if !view.first_steps.is_empty() {
            let _ = writeln!(s, "\n{}", paint(self.0.color, l.first_steps, "1"));
            for (i, step) in view.first_steps.iter().enumerate() {
                wrap(
                    s,
                    self.0.width,
                    &clean(step),
                    &format!("  {}. ", i + 1),
                    "     ",
                );
            }
        }
    }

    fn mailbox(&self, s: &mut String, l: &Labels, mb: &MailboxView) {
        let mut head = format!("{} {}", l.mailbox, clean(&mb.key));
        if let Some(facts) = &mb.facts {
            head.push_str(&l.paren(facts));
        }
        s.push('\n');
        wrap(s, self.0.width, &head, "", "  ");
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        table.set_header(l.access_headers);
        for r in &mb.rows {
            table.add_row(r.cells().map(clean));
        }
        let drawn = table.to_string();
        let fits = drawn
            .lines()
            .all(|line| unicode_width::UnicodeWidthStr::width(line) <= self.0.width);
        if fits {
            let _ = writeln!(s, "{drawn}");
        } else {
            // Too wide for the terminal: one short paragraph per device instead of a table
            // whose cells would wrap into fragments.
            let h = l.access_headers;
            for r in &mb.rows {
                let c = r.cells().map(clean);
                let width = self.0.width;
                wrap(
                    s,
                    width,
                    &format!("{}: {}, {}, {}", c[0], c[1], c[2], c[3]),
                    "  ",
                    "    ",
                );
                wrap(
                    s,
                    width,
                    &format!("{}: {}; {}: {}", h[4], c[4], h[5], c[5]),
                    "    ",
                    "      ",
                );
                wrap(s, width, &format!("{}: {}", h[6], c[6]), "    ", "      ");
            }
        }
        wrap(
            s,
            self.0.width,
            &format!("{}: {}", l.on_server, clean(&mb.on_server)),
            "  ",
            "    ",
        );
        for n in &mb.notes {
            wrap(s, self.0.width, &n.line(l, clean, clean), "  ", "    ");
        }
    }

    fn inactive(&self, s: &mut String, l: &Labels, t: &view::Table<5>) {
        let why = l.inactive_why.trim_end_matches(['.', '。']).to_lowercase();
        let _ = writeln!(s, "\n{}{}", l.inactive_title, l.paren(&why));
        for [device, account, mailbox, copies, why] in &t.rows {
            let line = format!(
                "{} {} {}{}: {}",
                clean(device),
                clean(account),
                clean(mailbox),
                l.paren(copies),
                clean(why)
            );
            wrap(s, self.0.width, &line, "  ", "    ");
        }
    }

    fn findings(&self, s: &mut String, l: &Labels, findings: &[FindingView]) {
        if findings.is_empty() {
            let _ = writeln!(s, "\n{}", l.no_findings);
        } else {
            let _ = writeln!(s, "\n{}", paint(self.0.color, l.findings, "1"));
        }
        for f in findings {
            finding(s, self.0, l, f);
        }
    }

    fn layouts(&self, s: &mut String, l: &Labels, c: &dyn Catalog, layouts: &[LayoutView]) {
        s.push('\n');
        wrap(s, self.0.width, l.layout_title, "", "  ");
        for lay in layouts {
            wrap(
                s,
                self.0.width,
                &format!(
                    "{}: {}{}",
                    clean(lay.mailbox),
                    clean(&lay.main_keeps),
                    l.stop
                ),
                "  ",
                "    ",
            );
            for [address, _device, change] in &lay.forwards.rows {
                let line = c.forward_line(&clean(lay.mailbox), &clean(address), &clean(change));
                wrap(s, self.0.width, &line, "    ", "      ");
            }
            if lay.quota_must_grow {
                wrap(s, self.0.width, l.quota_must_grow, "    ", "      ");
            }
        }
    }

    fn providers(&self, s: &mut String, l: &Labels, t: &view::Table<3>) {
        let _ = writeln!(s, "\n{}: {}", l.providers_title, t.rows.len());
        for [id, domains, source] in &t.rows {
            let line = format!(
                "{}{}: {}",
                clean(id),
                l.paren(&clean(domains)),
                clean(source)
            );
            wrap(s, self.0.width, &line, "  ", "    ");
        }
    }

    fn problems(
        &self,
        s: &mut String,
        l: &Labels,
        c: &dyn Catalog,
        t: &view::Table<2>,
        carets: &[Option<view::Caret>],
    ) {
        s.push('\n');
        wrap(
            s,
            self.0.width,
            &format!("{}: {}", c.problems_heading(t.rows.len()), l.problems_what),
            "",
            "  ",
        );
        for (i, [place, message]) in t.rows.iter().enumerate() {
            wrap(
                s,
                self.0.width,
                &format!("{}: {}", clean(place), clean(message)),
                "  ",
                "    ",
            );
            if let Some(Some(caret)) = carets.get(i) {
                caret_lines(s, self.0.width, caret);
            }
        }
    }
}

/// The bad line under its problem with a caret under the column, as the `toml` crate shows
/// a parse error:
///
/// ```text
///      |
///   11 | user_pref("mail.server.server1.login_at_startup", true;
///      |                                                       ^
/// ```
///
/// The line is escaped like all file text and cut to the width around the caret; columns
/// count display cells, so a caret after Japanese text still lands under its character.
fn caret_lines(s: &mut String, width: usize, caret: &view::Caret) {
    use unicode_width::UnicodeWidthStr;
    const INDENT: &str = "    ";
    let number = caret.line.to_string();
    let gutter = " ".repeat(number.len());
    // Each character escaped alone, so the caret counts exactly what is shown; a tab is
    // one space, as the report shows no tab stops.
    let cells: Vec<String> = caret
        .text
        .chars()
        .map(|ch| match ch {
            '\t' => " ".to_string(),
            _ => clean(&ch.to_string()),
        })
        .collect();
    let widths: Vec<usize> = cells.iter().map(|c| c.as_str().width()).collect();
    let at = (caret.col.saturating_sub(caret.from_col) as usize).min(cells.len());
    // Room for the text after the indent, the number and " | ", keeping one cell for "…".
    let room = width
        .saturating_sub(INDENT.len() + number.len() + 3)
        .max(20);
    let mut start = 0;
    let mut before: usize = widths[..at].iter().sum();
    // A caret far right: drop the front of the line until the caret sits mid-way.
    if before + 1 > room.saturating_sub(1) {
        while start < at && before > room / 2 {
            before -= widths[start];
            start += 1;
        }
    }
    let lead = if start > 0 || caret.from_col > 1 {
        "…"
    } else {
        ""
    };
    let mut shown = String::from(lead);
    let mut used = lead.width();
    let mut end = start;
    while end < cells.len() && used + widths[end] < room {
        shown.push_str(&cells[end]);
        used += widths[end];
        end += 1;
    }
    if end < cells.len() || caret.cut_end {
        shown.push('…');
    }
    let pad = " ".repeat(lead.width() + before);
    let _ = writeln!(s, "{INDENT}{gutter} |");
    let _ = writeln!(s, "{INDENT}{number} | {}", shown.trim_end());
    let _ = writeln!(s, "{INDENT}{gutter} | {pad}^");
}

fn finding(s: &mut String, lay: Layout, l: &Labels, f: &FindingView) {
    let word = f.severity_word.to_uppercase();
    // Pad by display width, so a two-column-wide Japanese severity lines up too.
    let pad = 8usize.saturating_sub(unicode_width::UnicodeWidthStr::width(word.as_str()));
    s.push('\n');
    let head = format!(
        "{}{} {}  {}  [{}]",
        paint(lay.color, &word, severity_sgr(f.severity)),
        " ".repeat(pad),
        f.rule,
        clean(f.mailbox),
        clean(&f.devices)
    );
    if lay.color {
        let _ = writeln!(s, "{head}");
    } else {
        wrap(s, lay.width, &head, "", "  ");
    }
    wrap(s, lay.width, &clean(f.message), "  ", "  ");
    wrap(
        s,
        lay.width,
        &format!("{}: {}", l.why.to_lowercase(), clean(f.why)),
        "  ",
        "    ",
    );
    wrap(
        s,
        lay.width,
        &format!("{}: {}", l.fix.to_lowercase(), clean(f.fix)),
        "  ",
        "    ",
    );
    if !f.evidence.is_empty() {
        let ev: Vec<String> = f.evidence.iter().map(|e| clean(e)).collect();
        wrap(
            s,
            lay.width,
            &format!("{}: {}", l.evidence.to_lowercase(), ev.join(", ")),
            "  ",
            "    ",
        );
    }
}
