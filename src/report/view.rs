//! The report walked once into what every human-readable format shows: sections, table rows
//! and lines of raw text. Text, Markdown and HTML each only escape and lay this out, so a
//! column, a note or a count is decided in one place and the formats cannot drift apart.
//!
//! Cells hold raw text that may come from files (device names, paths); each renderer makes it
//! safe for its own output with `sanitize`.

use super::words;
use crate::analyze::simulate::lifetime;
use crate::model::{Access, Effect, Finding, Severity};
use crate::plan::Recommendation;
use crate::scan::Report;

/// A table with fixed headers and rows of raw cell text.
pub struct Table<const N: usize> {
    /// Column headers; fixed text.
    pub headers: [&'static str; N],
    /// One array of raw cells per row.
    pub rows: Vec<[String; N]>,
}

impl<const N: usize> Table<N> {
    /// True when the table has no rows, so its section is left out.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The columns of a mailbox's table of accesses.
pub const ACCESS_HEADERS: [&str; 7] = [
    "Device",
    "Client",
    "Account",
    "Protocol",
    "Server copies",
    "Fetches",
    "Source",
];

/// One device reading a mailbox, as a row of the mailbox's table.
pub struct AccessRow {
    /// The device name.
    pub device: String,
    /// The client, with the app a site-file entry names.
    pub client: String,
    /// The account name in the client.
    pub account: String,
    /// POP3, IMAP, Exchange or unknown.
    pub protocol: &'static str,
    /// What the device does to the server copies.
    pub copies: String,
    /// When the device fetches.
    pub fetches: String,
    /// The last folder, file and line of the source.
    pub short_source: String,
    /// The full source path and line.
    pub source: String,
    /// Set when the device removes every message at download, the case a page marks.
    pub removes_at_download: bool,
}

impl AccessRow {
    fn of(a: &Access) -> Self {
        AccessRow {
            device: a.device.clone(),
            client: words::client(a),
            account: a.account.clone(),
            protocol: words::protocol(a),
            copies: words::copies(a),
            fetches: words::fetches(a),
            short_source: words::short_source(&a.source),
            source: a.source.to_string(),
            removes_at_download: a.effect() == Some(Effect::RemovesAtDownload),
        }
    }

    /// The cells in the order of `ACCESS_HEADERS`.
    pub fn cells(&self) -> [&str; 7] {
        [
            &self.device,
            &self.client,
            &self.account,
            self.protocol,
            &self.copies,
            &self.fetches,
            &self.short_source,
        ]
    }
}

/// A line under a mailbox's table about one of its devices.
pub enum Note {
    /// What popstate evidence proves the device left on the server, and the file that says so.
    ServerState {
        /// The device name.
        device: String,
        /// "its popstate.dat lists 40 messages it left on the server, …".
        words: String,
        /// The popstate file and line.
        source: String,
    },
    /// A value the reader had to assume for the device.
    Assumed {
        /// The device name.
        device: String,
        /// The assumption, one plain sentence.
        note: String,
    },
}

impl Note {
    /// The note as one line, file text escaped by `text` and the source path by `source`.
    pub fn line(&self, text: impl Fn(&str) -> String, source: impl Fn(&str) -> String) -> String {
        match self {
            Note::ServerState {
                device,
                words,
                source: file,
            } => format!("{}: {} ({})", text(device), text(words), source(file)),
            Note::Assumed { device, note } => format!("{}: assumed: {}", text(device), text(note)),
        }
    }
}

/// One mailbox: its facts, who reads it how, and how long a message stays on the server.
pub struct MailboxView {
    /// The mailbox key.
    pub key: String,
    /// Quota and daily volume, when known.
    pub facts: Option<String>,
    /// The counted accesses, in report order.
    pub rows: Vec<AccessRow>,
    /// How long a message stays on the server, without a capital or full stop.
    pub on_server: String,
    /// Server-state evidence and assumptions, per device in row order.
    pub notes: Vec<Note>,
}

/// One finding with its lists joined or spelled out.
pub struct FindingView<'a> {
    /// The finding's severity.
    pub severity: Severity,
    /// The rule ID.
    pub rule: &'static str,
    /// The mailbox key.
    pub mailbox: &'a str,
    /// The devices responsible, comma-separated.
    pub devices: String,
    /// What was found.
    pub message: &'a str,
    /// Why it matters.
    pub why: &'a str,
    /// What to change.
    pub fix: &'a str,
    /// Each piece of evidence as "path:line".
    pub evidence: Vec<String>,
}

/// The columns of a layout's forwarding table.
pub const FORWARD_HEADERS: [&str; 3] = ["Forward to", "Device", "What changes on the device"];

/// The recommended layout for one mailbox.
pub struct LayoutView<'a> {
    /// The mailbox key.
    pub mailbox: &'a str,
    /// "PC-A keeps copies 14 days (…)".
    pub main_keeps: String,
    /// The addresses the server forwards to, and what changes on each device.
    pub forwards: Table<3>,
    /// Set when even one day of copies overfills the quota.
    pub quota_must_grow: bool,
}

/// Everything the text, Markdown and HTML reports show, in report order.
pub struct View<'a> {
    /// "4 devices, 2 mailboxes, 6 findings (…)".
    pub summary: String,
    /// Findings per severity, most severe first.
    pub counts: [(Severity, usize); 3],
    /// The mailboxes, each with its counted accesses.
    pub mailboxes: Vec<MailboxView>,
    /// Accounts reported but not counted: device, account, mailbox, server copies, why.
    pub inactive: Table<5>,
    /// The findings, most severe first as the analysis ordered them.
    pub findings: Vec<FindingView<'a>>,
    /// The recommended layout per shared mailbox.
    pub layouts: Vec<LayoutView<'a>>,
    /// Provider profiles: profile, domains, source.
    pub providers: Table<3>,
    /// Files, lines or site entries that could not be used: where, problem.
    pub problems: Table<2>,
}

impl<'a> View<'a> {
    /// Walks the report once into the sections every format shows.
    pub fn of(report: &'a Report) -> Self {
        View {
            summary: words::summary(report),
            counts: words::severity_counts(&report.findings),
            mailboxes: mailboxes(report),
            inactive: Table {
                headers: ["Device", "Account", "Mailbox", "Server copies", "Why"],
                rows: words::inactive_accesses(report)
                    .into_iter()
                    .map(|a| {
                        [
                            a.device.clone(),
                            a.account.clone(),
                            a.mailbox.clone(),
                            words::copies(a),
                            a.inactive_text.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            },
            findings: report.findings.iter().map(finding).collect(),
            layouts: report.recommendations.iter().map(layout).collect(),
            providers: Table {
                headers: ["Profile", "Domains", "Source"],
                rows: report
                    .providers
                    .iter()
                    .map(|p| [p.id.clone(), p.domains.join(", "), p.source.to_string()])
                    .collect(),
            },
            problems: Table {
                headers: ["Where", "Problem"],
                rows: report
                    .problems
                    .iter()
                    .map(|p| [words::problem_place(p), p.message.clone()])
                    .collect(),
            },
        }
    }
}

/// One format's layout of each section. `View::render` calls these in report order and
/// leaves out the sections that would be empty, so every format has the same sections.
pub trait Renderer {
    /// The title, the summary line and the counts.
    fn start(s: &mut String, view: &View);
    /// One mailbox with its table of accesses, called once per mailbox.
    fn mailbox(s: &mut String, mb: &MailboxView);
    /// The accounts reported but not counted; called only when there are some.
    fn inactive(s: &mut String, t: &Table<5>);
    /// The findings; always called, so a format can say there are none.
    fn findings(s: &mut String, findings: &[FindingView]);
    /// The recommended layouts; called only when there are some.
    fn layouts(s: &mut String, layouts: &[LayoutView]);
    /// The provider profiles; called only when there are some.
    fn providers(s: &mut String, t: &Table<3>);
    /// The problems; called only when there are some.
    fn problems(s: &mut String, t: &Table<2>);
    /// Whatever closes the document.
    fn end(_s: &mut String) {}
}

impl View<'_> {
    /// Writes every section in report order with the layout of format `L`.
    pub fn render<L: Renderer>(&self) -> String {
        let mut s = String::new();
        L::start(&mut s, self);
        for mb in &self.mailboxes {
            L::mailbox(&mut s, mb);
        }
        if !self.inactive.is_empty() {
            L::inactive(&mut s, &self.inactive);
        }
        L::findings(&mut s, &self.findings);
        if !self.layouts.is_empty() {
            L::layouts(&mut s, &self.layouts);
        }
        if !self.providers.is_empty() {
            L::providers(&mut s, &self.providers);
        }
        if !self.problems.is_empty() {
            L::problems(&mut s, &self.problems);
        }
        L::end(&mut s);
        s
    }
}

fn mailboxes(report: &Report) -> Vec<MailboxView> {
    report
        .mailboxes
        .iter()
        .map(|mb| {
            let accesses = words::active_accesses(report, &mb.key);
            let mut notes = Vec::new();
            for a in &accesses {
                if let Some(st) = &a.server_state {
                    notes.push(Note::ServerState {
                        device: a.device.clone(),
                        words: words::server_state(st),
                        source: st.source.to_string(),
                    });
                }
                notes.extend(a.assumption_text.iter().map(|n| Note::Assumed {
                    device: a.device.clone(),
                    note: n.clone(),
                }));
            }
            MailboxView {
                key: mb.key.clone(),
                facts: words::mailbox_facts(mb),
                rows: accesses.iter().map(|a| AccessRow::of(a)).collect(),
                on_server: words::lifetime_words(&lifetime(&accesses)),
                notes,
            }
        })
        .collect()
}

fn finding(f: &Finding) -> FindingView<'_> {
    FindingView {
        severity: f.severity,
        rule: f.rule,
        mailbox: &f.mailbox,
        devices: f.devices.join(", "),
        message: &f.message,
        why: &f.why,
        fix: &f.fix,
        evidence: f.evidence.iter().map(ToString::to_string).collect(),
    }
}

fn layout(r: &Recommendation) -> LayoutView<'_> {
    LayoutView {
        mailbox: &r.mailbox,
        main_keeps: words::main_keeps(r),
        forwards: Table {
            headers: FORWARD_HEADERS,
            rows: r
                .forwards
                .iter()
                .map(|f| [f.address.clone(), f.device.clone(), f.change.clone()])
                .collect(),
        },
        quota_must_grow: r.quota_must_grow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;
    use std::path::Path;

    fn office() -> Report {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/office");
        scan(&[root], None).expect("the sample office scans")
    }

    #[test]
    fn every_counted_access_is_one_row_under_its_mailbox() {
        let report = office();
        let view = View::of(&report);
        assert_eq!(view.mailboxes.len(), report.mailboxes.len());
        let rows: usize = view.mailboxes.iter().map(|m| m.rows.len()).sum();
        let counted = report
            .accesses
            .iter()
            .filter(|a| a.inactive.is_none())
            .count();
        assert_eq!(rows, counted);
        let info = view
            .mailboxes
            .iter()
            .find(|m| m.key == "info@example.co.jp")
            .expect("the shared mailbox");
        let pc_c = info
            .rows
            .iter()
            .find(|r| r.device == "PC-C")
            .expect("PC-C reads info@");
        assert_eq!(pc_c.cells()[4], "removes at download");
        assert!(pc_c.removes_at_download);
        assert_eq!(pc_c.cells().len(), ACCESS_HEADERS.len());
    }

    #[test]
    fn counts_add_up_to_the_findings() {
        let report = office();
        let view = View::of(&report);
        let total: usize = view.counts.iter().map(|(_, n)| n).sum();
        assert_eq!(total, report.findings.len());
        assert_eq!(view.counts[0].0, Severity::Critical);
        assert_eq!(view.findings.len(), report.findings.len());
    }
}
