//! Plain-language pieces every renderer shows the same way: counts, what a device does to the
//! server copies, how often it fetches, how long a message lives on the server. The words
//! come from the language's catalog.
//!
//! These return raw text that may hold file text (device names, paths); each renderer makes
//! it safe for its own output with `sanitize`.

use super::i18n::Catalog;
use crate::analyze::simulate::Lifetime;
use crate::model::{
    Access, Effect, Evidence, Finding, Mailbox, Problem, Protocol, ServerState, Severity,
};
use crate::plan::Recommendation;
use crate::scan::Report;

/// How many findings there are of each severity, most severe first.
pub fn severity_counts(findings: &[Finding]) -> [(Severity, usize); 3] {
    [Severity::Critical, Severity::Warning, Severity::Info]
        .map(|sev| (sev, findings.iter().filter(|f| f.severity == sev).count()))
}

/// "4 devices, 2 mailboxes, 6 findings (2 critical, 2 warning, 2 info)".
pub fn summary(c: &dyn Catalog, report: &Report) -> String {
    let counts = severity_counts(&report.findings).map(|(_, n)| n);
    c.summary(
        report.devices.len(),
        report.mailboxes.len(),
        counts,
        report.problems.len(),
    )
}

/// The accesses rules count for a mailbox (inactive profiles left out), in report order.
pub fn active_accesses<'a>(report: &'a Report, mailbox: &str) -> Vec<&'a Access> {
    report
        .accesses
        .iter()
        .filter(|a| a.mailbox == mailbox && a.inactive.is_none())
        .collect()
}

/// Accounts that are reported but not counted, because they do not fetch in normal use.
pub fn inactive_accesses(report: &Report) -> Vec<&Access> {
    report
        .accesses
        .iter()
        .filter(|a| a.inactive.is_some())
        .collect()
}

/// Quota and daily volume of a mailbox, e.g. "quota 2.0 GB, 40 MB a day"; `None` when unknown.
pub fn mailbox_facts(c: &dyn Catalog, mb: &Mailbox) -> Option<String> {
    let mut facts = Vec::new();
    if let Some(q) = mb.quota_bytes {
        facts.push(c.quota(q));
    }
    if let Some(d) = mb.daily_bytes {
        // DESIGN: an estimated volume is always labelled as such.
        facts.push(c.daily(d, mb.daily_estimated));
    }
    (!facts.is_empty()).then(|| facts.join(c.labels().sep))
}

/// The program as people call it: "Thunderbird", or the app a site-file entry describes.
pub fn client(c: &dyn Catalog, a: &Access) -> String {
    c.program(a.program())
}

/// The account as the office knows it: the client's account name, or for a device described
/// in the site file, a note that it is one.
pub fn account(c: &dyn Catalog, a: &Access) -> String {
    // A site-file entry without an account name of its own is named after its app.
    if a.client == crate::model::Client::Manual && Some(&a.account) == a.app.as_ref() {
        c.site_entry().to_string()
    } else {
        match &a.name {
            Some(n) if *n != a.account => format!("{n}{}", c.labels().paren(&a.account)),
            _ => a.account.clone(),
        }
    }
}

/// The protocol as people write it: POP3, IMAP, Exchange.
pub fn protocol(c: &dyn Catalog, a: &Access) -> String {
    match a.protocol {
        Protocol::Pop3 => "POP3".into(),
        Protocol::Imap => "IMAP".into(),
        Protocol::Exchange => "Exchange".into(),
        Protocol::Unknown => c.unknown().into(),
    }
}

/// What the device does to the server copies: "keeps 3 days, or when deleted here".
pub fn copies(c: &dyn Catalog, a: &Access) -> String {
    match (&a.retention, a.protocol) {
        (Some(r), _) => {
            let mut w = c.effect(r.effect());
            if r.leave_on_server && r.delete_when_deleted_locally && !r.headers_only {
                if let Effect::KeepsDays(_) = r.effect() {
                    w.push_str(c.or_deleted_here());
                }
            }
            if r.headers_only {
                w = c.headers_only_forever().into();
            } else if let Some(k) = r.size_limit_kib {
                w.push_str(&c.over_size_forever(k));
            }
            w
        }
        (None, Protocol::Imap | Protocol::Exchange) => c.sees_server_folder().into(),
        (None, _) => c.unknown().into(),
    }
}

/// When the device fetches: "every 10 min", "at start-up", "by hand".
pub fn fetches(c: &dyn Catalog, a: &Access) -> String {
    c.fetches(
        a.fetch.automatic,
        a.fetch.interval_minutes,
        a.fetch.at_startup,
    )
}

/// A Unix time as a calendar date (UTC).
pub fn date(t: i64) -> String {
    jiff::Timestamp::from_second(t)
        .map(|ts| ts.strftime("%Y-%m-%d").to_string())
        .unwrap_or_else(|_| t.to_string())
}

/// How long a message stays on the server, in one sentence without a capital or full stop.
pub fn lifetime_words(c: &dyn Catalog, l: &Lifetime) -> String {
    c.lifetime(l)
}

/// What popstate evidence proves: "its popstate.dat lists 40 messages it left on the server,
/// the oldest downloaded 2026-06-01" (as of its last fetch; another device may have removed them since).
pub fn server_state(c: &dyn Catalog, st: &ServerState) -> String {
    let oldest = st.oldest.map(date);
    c.server_state(st.kept + st.partial, oldest.as_deref())
}

/// The last folder, file and line of a source: the full path is in the findings and JSON.
pub fn short_source(e: &Evidence) -> String {
    let parts: Vec<&str> = e.path.rsplitn(3, '/').collect();
    let tail = if parts.len() == 3 {
        format!("…/{}/{}", parts[1], parts[0])
    } else {
        e.path.clone()
    };
    match e.line {
        Some(l) => format!("{tail}:{l}"),
        None => tail,
    }
}

/// Where a problem is: "path:line", or the path alone.
pub fn problem_place(p: &Problem) -> String {
    match p.at.line {
        Some(l) => format!("{}:{l}", p.at.path),
        None => p.at.path.clone(),
    }
}

/// "PC-A keeps copies 14 days (named as main in the site file)".
pub fn main_keeps(c: &dyn Catalog, r: &Recommendation) -> String {
    c.main_keeps(&r.main, r.keep_days, &r.main_reason)
}

/// The text with its first letter in upper case, to start a sentence.
pub fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::report::i18n::catalog;

    #[test]
    fn short_source_keeps_the_last_folder_file_and_line() {
        let e = Evidence {
            path: "PC-A/AppData/Profiles/x.default/prefs.js".into(),
            line: Some(43),
            col: None,
        };
        assert_eq!(short_source(&e), "…/x.default/prefs.js:43");
        let e = Evidence {
            path: "PC-C/outlook.reg".into(),
            line: None,
            col: None,
        };
        assert_eq!(short_source(&e), "PC-C/outlook.reg");
    }

    #[test]
    fn lifetime_names_the_deciding_device() {
        let en = catalog(Lang::En);
        assert_eq!(
            lifetime_words(en, &Lifetime::Days("PC-B", 1)),
            "a message stays 1 day after PC-B downloads it"
        );
        assert!(lifetime_words(en, &Lifetime::NextFetch("PC-C", Some(30))).contains("every 30 min"));
        let ja = catalog(Lang::Ja);
        assert!(
            lifetime_words(ja, &Lifetime::Days("PC-B", 1)).contains("PC-B が受信してから 1 日間")
        );
    }
}
