//! The report walked once into what every human-readable format shows: sections, table rows
//! and lines of raw text. Text, Markdown and HTML each only escape and lay this out, so a
//! column, a note or a count is decided in one place and the formats cannot drift apart.
//!
//! Cells hold raw text that may come from files (device names, paths); each renderer makes it
//! safe for its own output with `sanitize`.

use super::i18n::{catalog, Catalog, Labels};
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

/// One device reading a mailbox, as a row of the mailbox's table.
pub struct AccessRow {
    /// The device name.
    pub device: String,
    /// The client, with the app a site-file entry names.
    pub client: String,
    /// The account name in the client.
    pub account: String,
    /// POP3, IMAP, Exchange or unknown.
    pub protocol: String,
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
    fn of(c: &dyn Catalog, a: &Access, owner: Option<&str>) -> Self {
        AccessRow {
            // The office knows a phone or laptop by whose it is.
            device: match owner {
                Some(o) => format!("{} — {o}", a.device),
                None => a.device.clone(),
            },
            client: words::client(c, a),
            account: words::account(c, a),
            protocol: words::protocol(c, a),
            copies: words::copies(c, a),
            fetches: words::fetches(c, a),
            short_source: words::short_source(&a.source),
            source: a.source.to_string(),
            removes_at_download: a.effect() == Some(Effect::RemovesAtDownload),
        }
    }

    /// The cells in the order of the labels' `access_headers`.
    pub fn cells(&self) -> [&str; 7] {
        [
            &self.device,
            &self.client,
            &self.account,
            &self.protocol,
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
    pub fn line(
        &self,
        l: &Labels,
        text: impl Fn(&str) -> String,
        source: impl Fn(&str) -> String,
    ) -> String {
        match self {
            Note::ServerState {
                device,
                words,
                source: file,
            } => format!(
                "{}: {}{}",
                text(device),
                text(words),
                l.paren(&source(file))
            ),
            Note::Assumed { device, note } => {
                format!("{}: {}: {}", text(device), l.assumed, text(note))
            }
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
    /// The severity as the badge says it.
    pub severity_word: &'static str,
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
    /// The server mailbox by day, today's layout against the plan, when it could be projected.
    pub projection: Option<&'a crate::plan::BeforeAfter>,
}

/// One cell of the device × mailbox matrix: what the device does to that mailbox's server
/// copies today, and its part in the recommended layout.
pub struct MatrixCell {
    /// What it does today, in words.
    pub today: String,
    /// Today's effect, for a page to colour: `removes`, `days`, `keeps` or `server`.
    pub class: &'static str,
    /// "→ main, 14 days" or "→ info2@…", when the layout changes the device.
    pub plan: Option<String>,
}

/// Every device against every mailbox it could read.
pub struct Matrix {
    /// The mailbox keys, the columns.
    pub mailboxes: Vec<String>,
    /// One row per device: its name and a cell per mailbox (`None`: it does not read it).
    pub rows: Vec<(String, Vec<Option<MatrixCell>>)>,
}

/// Everything the text, Markdown and HTML reports show, in report order.
pub struct View<'a> {
    /// The report's language.
    pub lang: crate::model::Lang,
    /// The language's catalog.
    pub catalog: &'static dyn Catalog,
    /// The language's fixed words.
    pub labels: &'static Labels,
    /// The one or two changes that stop mail being lost, in order.
    pub first_steps: Vec<String>,
    /// Where, when and with what the scan ran; `None` when the report does not say.
    pub facts: Option<String>,
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
    /// Devices against mailboxes, today and with the layout.
    pub matrix: Matrix,
    /// Provider profiles: profile, domains, source.
    pub providers: Table<3>,
    /// Files, lines or site entries that could not be used: where, problem.
    pub problems: Table<2>,
    /// Per problem row, the bad line and the column to point at, when both are known.
    pub problem_carets: Vec<Option<Caret>>,
}

/// A bad line and the place in it a problem points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caret {
    /// The 1-based line number.
    pub line: u32,
    /// The 1-based column, in characters.
    pub col: u32,
    /// A short excerpt of the line as read (not yet escaped).
    pub text: String,
    /// The column where `text` starts; past 1 when the front of the line was left out.
    pub from_col: u32,
    /// The line goes on after `text`.
    pub cut_end: bool,
}

impl<'a> View<'a> {
    /// Walks the report (localized: its sentences filled) once into the sections every
    /// format shows.
    pub fn of(report: &'a Report) -> Self {
        let c = catalog(report.lang);
        let l = c.labels();
        View {
            lang: report.lang,
            catalog: c,
            labels: l,
            first_steps: first_steps(c, report),
            facts: scan_facts(c, report),
            summary: words::summary(c, report),
            counts: words::severity_counts(&report.findings),
            mailboxes: mailboxes(c, report),
            inactive: Table {
                headers: l.inactive_headers,
                rows: words::inactive_accesses(report)
                    .into_iter()
                    .map(|a| {
                        [
                            a.device.clone(),
                            a.account.clone(),
                            a.mailbox.clone(),
                            words::copies(c, a),
                            a.inactive_text.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            },
            findings: report.findings.iter().map(|f| finding(c, f)).collect(),
            layouts: report
                .recommendations
                .iter()
                .map(|r| layout(c, r))
                .collect(),
            matrix: matrix(c, report),
            providers: Table {
                headers: l.provider_headers,
                rows: report
                    .providers
                    .iter()
                    .map(|p| [p.id.clone(), p.domains.join(", "), p.source.to_string()])
                    .collect(),
            },
            problems: Table {
                headers: l.problem_headers,
                rows: report
                    .problems
                    .iter()
                    .map(|p| [words::problem_place(p), p.message.clone()])
                    .collect(),
            },
            problem_carets: report
                .problems
                .iter()
                .map(|p| match (p.at.line, p.at.col, &p.excerpt) {
                    (Some(line), Some(col), Some(e)) => Some(Caret {
                        line,
                        col,
                        text: e.text.clone(),
                        from_col: e.from_col,
                        cut_end: e.cut_end,
                    }),
                    _ => None,
                })
                .collect(),
        }
    }
}

/// One format's layout of each section. `View::render` calls these in report order and
/// leaves out the sections that would be empty, so every format has the same sections.
pub trait Renderer {
    /// The title, the summary line and the counts.
    fn start(&self, s: &mut String, view: &View);
    /// One mailbox with its table of accesses, called once per mailbox.
    fn mailbox(&self, s: &mut String, l: &Labels, mb: &MailboxView);
    /// The accounts reported but not counted; called only when there are some.
    fn inactive(&self, s: &mut String, l: &Labels, t: &Table<5>);
    /// The findings; always called, so a format can say there are none.
    fn findings(&self, s: &mut String, l: &Labels, findings: &[FindingView]);
    /// The recommended layouts; called only when there are some.
    fn layouts(&self, s: &mut String, l: &Labels, c: &dyn Catalog, layouts: &[LayoutView]);
    /// The provider profiles; called only when there are some.
    fn providers(&self, s: &mut String, l: &Labels, t: &Table<3>);
    /// The problems, with the bad line of each that has one; called only when there are
    /// some.
    fn problems(
        &self,
        s: &mut String,
        l: &Labels,
        c: &dyn Catalog,
        t: &Table<2>,
        carets: &[Option<Caret>],
    );
    /// Whatever closes the document.
    fn end(&self, _s: &mut String) {}
}

impl View<'_> {
    /// Writes every section in report order with the layout of format `L`.
    pub fn render<L: Renderer>(&self, r: &L) -> String {
        let mut s = String::new();
        let l = self.labels;
        r.start(&mut s, self);
        for mb in &self.mailboxes {
            r.mailbox(&mut s, l, mb);
        }
        if !self.inactive.is_empty() {
            r.inactive(&mut s, l, &self.inactive);
        }
        r.findings(&mut s, l, &self.findings);
        if !self.layouts.is_empty() {
            r.layouts(&mut s, l, self.catalog, &self.layouts);
        }
        if !self.providers.is_empty() {
            r.providers(&mut s, l, &self.providers);
        }
        if !self.problems.is_empty() {
            r.problems(
                &mut s,
                l,
                self.catalog,
                &self.problems,
                &self.problem_carets,
            );
        }
        r.end(&mut s);
        s
    }
}

fn scan_facts(c: &dyn Catalog, report: &Report) -> Option<String> {
    let roots: Vec<String> = if report.roots.is_empty() {
        report.root.iter().cloned().collect()
    } else {
        report.roots.clone()
    };
    if roots.is_empty() {
        return None;
    }
    let at = report.scanned_at.as_deref().map(super::i18n::when);
    Some(c.scan_facts(
        &roots,
        at.as_deref(),
        report.tool.version,
        report.site.as_deref(),
    ))
}

/// The fixes of the findings that lose mail, most severe first, at most two and each once.
fn first_steps(c: &dyn Catalog, report: &Report) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in &report.findings {
        if let Some(step) = c.first_step(f) {
            if !out.contains(&step) && out.len() < 2 {
                out.push(step);
            }
        }
    }
    out
}

/// The matrix of the mailboxes the layout changes (the shared ones) and the devices that read
/// them; one lookup table keeps it linear in the accesses.
fn matrix(c: &dyn Catalog, report: &Report) -> Matrix {
    use std::collections::HashMap;
    let mailboxes: Vec<String> = report
        .recommendations
        .iter()
        .map(|r| r.mailbox.clone())
        .collect();
    let column: HashMap<&str, usize> = mailboxes
        .iter()
        .enumerate()
        .map(|(i, m)| (m.as_str(), i))
        .collect();
    let mut first: HashMap<(&str, usize), &Access> = HashMap::new();
    let mut seen = std::collections::HashSet::new();
    let mut devices: Vec<&str> = Vec::new();
    for a in report.accesses.iter().filter(|a| a.inactive.is_none()) {
        let Some(&col) = column.get(a.mailbox.as_str()) else {
            continue;
        };
        if seen.insert(a.device.as_str()) {
            devices.push(&a.device);
        }
        first.entry((a.device.as_str(), col)).or_insert(a);
    }
    // Each device's forward per mailbox, looked up once per cell.
    let forward: HashMap<(&str, usize), &str> = report
        .recommendations
        .iter()
        .enumerate()
        .flat_map(|(col, r)| {
            r.forwards
                .iter()
                .map(move |f| ((f.device.as_str(), col), f.address.as_str()))
        })
        .collect();
    let rows = devices
        .into_iter()
        .map(|d| {
            let cells = report
                .recommendations
                .iter()
                .enumerate()
                .map(|(col, r)| {
                    let a = first.get(&(d, col))?;
                    let class = match a.effect() {
                        Some(Effect::RemovesAtDownload) => "removes",
                        Some(Effect::KeepsDays(_)) => "days",
                        Some(_) => "keeps",
                        None => "server",
                    };
                    let plan = if r.main == d {
                        Some(c.main_cell(r.keep_days))
                    } else {
                        forward.get(&(d, col)).map(|addr| format!("→ {addr}"))
                    };
                    Some(MatrixCell {
                        today: words::copies(c, a),
                        class,
                        plan,
                    })
                })
                .collect();
            (d.to_string(), cells)
        })
        .collect();
    Matrix { mailboxes, rows }
}

/// The owner the site file names for a device.
fn owner<'a>(report: &'a Report, device: &str) -> Option<&'a str> {
    report
        .devices
        .iter()
        .find(|d| d.id == device)
        .and_then(|d| d.owner.as_deref())
}

fn mailboxes(c: &dyn Catalog, report: &Report) -> Vec<MailboxView> {
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
                        words: words::server_state(c, st),
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
                facts: words::mailbox_facts(c, mb),
                rows: accesses
                    .iter()
                    .map(|a| AccessRow::of(c, a, owner(report, &a.device)))
                    .collect(),
                on_server: words::lifetime_words(c, &lifetime(&accesses)),
                notes,
            }
        })
        .collect()
}

fn finding<'a>(c: &dyn Catalog, f: &'a Finding) -> FindingView<'a> {
    FindingView {
        severity: f.severity,
        severity_word: c.severity(f.severity),
        rule: f.rule.name(),
        mailbox: &f.mailbox,
        devices: f.devices.join(c.labels().sep),
        message: &f.message,
        why: &f.why,
        fix: &f.fix,
        evidence: f.evidence.iter().map(ToString::to_string).collect(),
    }
}

fn layout<'a>(c: &dyn Catalog, r: &'a Recommendation) -> LayoutView<'a> {
    LayoutView {
        mailbox: &r.mailbox,
        main_keeps: words::main_keeps(c, r),
        forwards: Table {
            headers: c.labels().forward_headers,
            rows: r
                .forwards
                .iter()
                .map(|f| [f.address.clone(), f.device.clone(), f.change.clone()])
                .collect(),
        },
        quota_must_grow: r.quota_must_grow,
        projection: r.projection.as_ref(),
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
        assert_eq!(pc_c.cells().len(), view.labels.access_headers.len());
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
