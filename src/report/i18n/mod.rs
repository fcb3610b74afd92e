//! The catalogs: every sentence of the report, per language, made from typed data.
//!
//! A `Catalog` is implemented once per language; each method matches its data exhaustively,
//! so a new finding kind, effect or lifetime fails to build until every language words it.

pub mod assumptions;
mod en;
mod ja;
mod ja_rules;
pub(crate) mod migrate_en;
pub(crate) mod migrate_ja;

use crate::analyze::simulate::Lifetime;
use crate::model::{Effect, Finding, Lang, Reader, Severity};
use crate::scan::Report;

/// The three sentences of a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    pub message: String,
    pub why: String,
    pub fix: String,
}

/// A rule's documentation in one language.
#[derive(Debug, Clone, Copy)]
pub struct RuleText {
    pub summary: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub example: &'static str,
    pub fix: &'static str,
}

/// Fixed words of the report's chrome: headings, column names, field labels.
#[derive(Debug)]
pub struct Labels {
    pub title: &'static str,
    /// The language's full stop.
    pub stop: &'static str,
    /// Between the items of a short list: ", " or "、".
    pub sep: &'static str,
    /// Around an aside, spaces included: " (" and ")", or full-width "（" and "）".
    pub parens: [&'static str; 2],
    pub mailbox: &'static str,
    pub access_headers: [&'static str; 7],
    pub on_server: &'static str,
    pub assumed: &'static str,
    pub inactive_title: &'static str,
    pub inactive_why: &'static str,
    pub inactive_headers: [&'static str; 5],
    pub findings: &'static str,
    pub no_findings: &'static str,
    pub devices: &'static str,
    /// Between a finding's rule and its mailbox in a heading: "`rule` on info@…".
    pub on: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
    pub evidence: &'static str,
    pub layout_title: &'static str,
    pub forward_headers: [&'static str; 3],
    pub quota_must_grow: &'static str,
    pub providers_title: &'static str,
    pub provider_headers: [&'static str; 3],
    pub problems_title: &'static str,
    pub problems_why: &'static str,
    /// What the terminal's problems line says they are.
    pub problems_what: &'static str,
    pub problem_headers: [&'static str; 2],
    pub first_steps: &'static str,
    pub scanned: &'static str,
}

impl Labels {
    /// An aside in the language's parentheses: " (2.0 GB)" or "（2.0 GB）".
    pub fn paren(&self, inner: &str) -> String {
        let [open, close] = self.parens;
        format!("{open}{inner}{close}")
    }
}

/// Everything a report says in one language.
pub trait Catalog: Sync {
    /// The fixed words.
    fn labels(&self) -> &'static Labels;
    /// A rule's documentation; English is the rule's own.
    fn rule_doc(&self, doc: &crate::analyze::RuleDoc) -> RuleText;
    /// The headings of `mailaudit explain`: what it finds, why it matters, example, fix.
    fn explain_headings(&self) -> [&'static str; 4];
    /// The closing line of the rule list.
    fn explain_more(&self) -> &'static str;
    /// A finding's message, why and fix.
    fn finding(&self, f: &Finding) -> Texts;
    /// The change that stops a finding losing mail, said first in the report; `None` for
    /// findings that lose nothing today.
    fn first_step(&self, f: &Finding) -> Option<String>;
    /// A finding's message when it rests on an assumed value.
    fn probably(&self, message: &str, reason: &str) -> String;
    /// A mail program as people call it ("Thunderbird", "iPhone Mail").
    fn program(&self, program: &str) -> String;
    /// The account column of a device described in the site file.
    fn site_entry(&self) -> &'static str;
    /// A severity as a badge says it.
    fn severity(&self, s: Severity) -> &'static str;
    /// A reader of a mailbox by device, or by program, account and device.
    fn reader(&self, r: &Reader) -> String;
    /// A list of names as a sentence joins them.
    fn join(&self, names: &[String]) -> String;
    /// What a retention does to the server copies, in a few words.
    fn effect(&self, e: Effect) -> String;
    /// How long a message stays on the server, without a capital or full stop.
    fn lifetime(&self, l: &Lifetime) -> String;
    /// "4 devices, 2 mailboxes, 6 findings (2 critical, 2 warning, 2 info)".
    fn summary(
        &self,
        devices: usize,
        mailboxes: usize,
        counts: [usize; 3],
        problems: usize,
    ) -> String;
    /// "quota 2.0 GB", "40 MB a day (estimated)".
    fn quota(&self, bytes: u64) -> String;
    /// The daily volume of a mailbox.
    fn daily(&self, bytes: u64, estimated: bool) -> String;
    /// The copies column's extra for a device that also removes when deleted here.
    fn or_deleted_here(&self) -> &'static str;
    /// The copies column for headers-only download.
    fn headers_only_forever(&self) -> &'static str;
    /// The copies column's extra for a size limit.
    fn over_size_forever(&self, kib: u32) -> String;
    /// The copies column for IMAP/Exchange.
    fn sees_server_folder(&self) -> &'static str;
    /// An unknown value.
    fn unknown(&self) -> &'static str;
    /// The fetches column.
    fn fetches(&self, automatic: bool, interval: Option<u32>, at_startup: bool) -> String;
    /// What popstate evidence proves a device left.
    fn server_state(&self, left: u64, oldest: Option<&str>) -> String;
    /// "PC-A keeps copies 14 days (reason)".
    fn main_keeps(&self, main: &str, days: u32, reason: &str) -> String;
    /// The main device's part in the layout, in a matrix cell: "→ main, 14 days".
    fn main_cell(&self, days: u32) -> String;
    /// A forward line in the terminal layout.
    fn forward_line(&self, mailbox: &str, address: &str, change: &str) -> String;
    /// Where, when and with what the scan ran: the roots, the time (already in words), the
    /// version, and the site file used.
    fn scan_facts(
        &self,
        roots: &[String],
        at: Option<&str>,
        version: &str,
        site: Option<&str>,
    ) -> String;
    /// The problems heading with its count.
    fn problems_heading(&self, n: usize) -> String;
    /// What a problem is, in one sentence or phrase; a grammar's message stays English.
    fn problem(&self, k: &crate::model::ProblemKind) -> String;
    /// Why the site file could not be used.
    fn site_fault(&self, f: &crate::model::site::SiteFault) -> String;
}

/// The catalog of a language.
pub fn catalog(lang: Lang) -> &'static dyn Catalog {
    match lang {
        Lang::En => &en::En,
        Lang::Ja => &ja::Ja,
    }
}

/// Fills every finding's sentences in `lang`, applying the "probably" wording to findings
/// whose conclusion rests on an assumed value.
pub fn localize_findings(findings: &mut [Finding], lang: Lang) {
    let c = catalog(lang);
    for f in findings {
        let t = c.finding(f);
        f.message = match f.assumed_basis() {
            Some(crate::model::Origin::Assumed { assumption, .. }) if f.probably => {
                c.probably(&t.message, &assumptions::text(assumption, lang))
            }
            _ => t.message,
        };
        f.why = t.why;
        f.fix = t.fix;
    }
}

/// A site file's error as `path:line:col: words`, in `lang`.
pub fn site_error(e: &crate::site::SiteError, lang: Lang) -> String {
    let words = catalog(lang).site_fault(&e.fault);
    format!("{}:{}:{}: {words}", e.path, e.line, e.col)
}

/// Fills every problem's message in `lang`.
pub fn localize_problems(problems: &mut [crate::model::Problem], lang: Lang) {
    let c = catalog(lang);
    for p in problems {
        p.message = c.problem(&p.kind);
    }
}

/// A copy of the report with every sentence filled in its language.
pub fn localized(report: &Report) -> Report {
    let mut r = report.clone();
    localize_findings(&mut r.findings, r.lang);
    localize_problems(&mut r.problems, r.lang);
    assumptions::localize(&mut r.accesses, &mut r.providers, r.lang);
    for rec in &mut r.recommendations {
        rec.main_reason = crate::plan::text::main_reason(r.lang, rec.main_why);
        for fw in &mut rec.forwards {
            fw.change = crate::plan::text::forward_change(r.lang, &fw.device, &fw.address, fw.then);
        }
    }
    r
}

/// The `migrate` command line that checks a provider profile against the scanned folder, as
/// a user can paste it: both paths from where the scan ran, quoted for a POSIX shell when
/// they hold anything but plain characters.
pub fn migrate_command(root: Option<&str>, profile: &str) -> String {
    fn quoted(p: &str) -> String {
        if p.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c))
        {
            p.to_string()
        } else {
            format!("'{}'", p.replace('\'', "'\\''"))
        }
    }
    match root {
        Some(r) => {
            let to = format!("{}/{profile}", r.trim_end_matches('/'));
            format!("mailaudit migrate {} --to {}", quoted(r), quoted(&to))
        }
        None => format!("mailaudit migrate . --to {}", quoted(profile)),
    }
}

/// An RFC 3339 UTC time as people read it: `2026-12-01 21:20 UTC`.
pub fn when(rfc3339: &str) -> String {
    match rfc3339.parse::<jiff::Timestamp>() {
        Ok(t) => t.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => rfc3339.to_string(),
    }
}

/// "" for one, "s" otherwise.
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub use crate::present::human_bytes;

#[cfg(test)]
mod tests;
