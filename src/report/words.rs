//! Plain-language pieces every renderer shows the same way: counts, what a device does to the
//! server copies, how often it fetches, how long a message lives on the server.
//!
//! These return raw text that may hold file text (device names, paths); each renderer makes
//! it safe for its own output with `sanitize`.

use crate::analyze::rules::human_bytes;
use crate::analyze::simulate::Lifetime;
use crate::model::{
    Access, Effect, Evidence, Finding, Mailbox, Problem, Protocol, ServerState, Severity,
};
use crate::plan::Recommendation;
use crate::scan::Report;

/// "" for one, "s" otherwise.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// How many findings there are of each severity, most severe first.
pub fn severity_counts(findings: &[Finding]) -> [(Severity, usize); 3] {
    [Severity::Critical, Severity::Warning, Severity::Info]
        .map(|sev| (sev, findings.iter().filter(|f| f.severity == sev).count()))
}

/// "4 devices, 2 mailboxes, 6 findings (2 critical, 2 warning, 2 info)".
pub fn summary(report: &Report) -> String {
    let [(_, critical), (_, warning), (_, info)] = severity_counts(&report.findings);
    format!(
        "{} device{}, {} mailbox{}, {} finding{} ({} critical, {} warning, {} info)",
        report.devices.len(),
        plural(report.devices.len()),
        report.mailboxes.len(),
        if report.mailboxes.len() == 1 {
            ""
        } else {
            "es"
        },
        report.findings.len(),
        plural(report.findings.len()),
        critical,
        warning,
        info,
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
pub fn mailbox_facts(mb: &Mailbox) -> Option<String> {
    let mut facts = Vec::new();
    if let Some(q) = mb.quota_bytes {
        facts.push(format!("quota {}", human_bytes(q)));
    }
    if let Some(d) = mb.daily_bytes {
        // DESIGN: an estimated volume is always labelled as such.
        let est = if mb.daily_estimated {
            " (estimated)"
        } else {
            ""
        };
        facts.push(format!("{} a day{est}", human_bytes(d)));
    }
    (!facts.is_empty()).then(|| facts.join(", "))
}

/// The client name, with the app a site-file entry describes: "manual (ios-mail)".
pub fn client(a: &Access) -> String {
    match &a.app {
        Some(app) => format!("{} ({app})", a.client.name()),
        None => a.client.name().to_string(),
    }
}

/// The protocol as people write it: POP3, IMAP, Exchange.
pub fn protocol(a: &Access) -> &'static str {
    match a.protocol {
        Protocol::Pop3 => "POP3",
        Protocol::Imap => "IMAP",
        Protocol::Exchange => "Exchange",
        Protocol::Unknown => "unknown",
    }
}

/// What the device does to the server copies: "keeps 3 days, or when deleted here".
pub fn copies(a: &Access) -> String {
    match (&a.retention, a.protocol) {
        (Some(r), _) => {
            let mut w = crate::analyze::facts::effect_words(r.effect());
            if r.leave_on_server && r.delete_when_deleted_locally && !r.headers_only {
                if let Effect::KeepsDays(_) = r.effect() {
                    w.push_str(", or when deleted here");
                }
            }
            if r.headers_only {
                w = "headers only: keeps forever".into();
            } else if let Some(k) = r.size_limit_kib {
                w.push_str(&format!("; over {k} KB: keeps forever"));
            }
            w
        }
        (None, Protocol::Imap | Protocol::Exchange) => "sees the server folder".into(),
        (None, _) => "unknown".into(),
    }
}

/// When the device fetches: "every 10 min", "at start-up", "by hand".
pub fn fetches(a: &Access) -> String {
    match (a.fetch.automatic, a.fetch.interval_minutes) {
        (true, Some(m)) => format!("every {m} min"),
        (true, None) => "automatically".into(),
        (false, _) if a.fetch.at_startup => "at start-up".into(),
        (false, _) => "by hand".into(),
    }
}

/// A Unix time as a calendar date (UTC).
pub fn date(t: i64) -> String {
    jiff::Timestamp::from_second(t)
        .map(|ts| ts.strftime("%Y-%m-%d").to_string())
        .unwrap_or_else(|_| t.to_string())
}

/// How long a message stays on the server, in one sentence without a capital or full stop.
pub fn lifetime_words(l: &Lifetime) -> String {
    match l {
        Lifetime::NextFetch(d, Some(m)) => format!(
            "a message stays only until {d} fetches (every {m} min), then it is gone for everyone"
        ),
        Lifetime::NextFetch(d, None) => {
            format!("a message stays only until {d} next fetches, then it is gone for everyone")
        }
        Lifetime::Days(d, n) => format!(
            "a message stays {n} day{} after {d} downloads it",
            plural(*n as usize)
        ),
        Lifetime::UserDelete(d) => format!("a message stays until someone deletes it on {d}"),
        Lifetime::Forever => "no device removes anything; the mailbox only grows".to_string(),
        Lifetime::NotPop => {
            "read over IMAP/webmail only; users manage the server folder".to_string()
        }
    }
}

/// What popstate evidence proves: "its popstate.dat lists 40 messages it left on the server,
/// the oldest downloaded 2026-06-01" (as of its last fetch; another device may have removed them since).
pub fn server_state(st: &ServerState) -> String {
    let n = st.kept + st.partial;
    let since = st
        .oldest
        .map(date)
        .map(|d| format!(", the oldest downloaded {d}"))
        .unwrap_or_default();
    format!(
        "its popstate.dat lists {n} message{} it left on the server (as of its last fetch){since}",
        plural(n as usize)
    )
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
    match p.line {
        Some(l) => format!("{}:{l}", p.path),
        None => p.path.clone(),
    }
}

/// "PC-A keeps copies 14 days (named as main in the site file)".
pub fn main_keeps(r: &Recommendation) -> String {
    format!(
        "{} keeps copies {} day{} ({})",
        r.main,
        r.keep_days,
        plural(r.keep_days as usize),
        r.main_reason
    )
}

/// The heading of the recommended layout.
pub const LAYOUT_TITLE: &str =
    "Recommended layout (main device keeps copies, the others get own forwarded addresses)";

/// The heading of the accounts that are reported but not counted.
pub const INACTIVE_TITLE: &str = "Accounts not counted";

/// Why those accounts are not counted, as a sentence under the heading.
pub const INACTIVE_WHY: &str = "They do not fetch in normal use.";

/// The heading of the provider profiles.
pub const PROVIDERS_TITLE: &str = "Provider profiles";

/// What the problems section lists, as a sentence under the heading.
pub const PROBLEMS_WHY: &str = "These files or lines were not read.";

/// The line said when even one day of copies overfills the quota.
pub const QUOTA_MUST_GROW: &str = "the quota is too small even for one day of copies: it must grow";

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

    #[test]
    fn short_source_keeps_the_last_folder_file_and_line() {
        let e = Evidence {
            path: "PC-A/AppData/Profiles/x.default/prefs.js".into(),
            line: Some(43),
        };
        assert_eq!(short_source(&e), "…/x.default/prefs.js:43");
        let e = Evidence {
            path: "PC-C/outlook.reg".into(),
            line: None,
        };
        assert_eq!(short_source(&e), "PC-C/outlook.reg");
    }

    #[test]
    fn lifetime_names_the_deciding_device() {
        assert_eq!(
            lifetime_words(&Lifetime::Days("PC-B", 1)),
            "a message stays 1 day after PC-B downloads it"
        );
        assert!(lifetime_words(&Lifetime::NextFetch("PC-C", Some(30))).contains("every 30 min"));
    }
}
