//! Terminal report: per mailbox a table of who does what to the server copies, then findings.

use super::sanitize::terminal as clean;
use crate::analyze::facts::effect_words;
use crate::analyze::rules::human_bytes;
use crate::analyze::simulate::{lifetime, Lifetime};
use crate::model::{Access, Protocol, Severity};
use crate::scan::Report;
use comfy_table::{presets, Table};
use std::fmt::Write;

/// Renders the report for a terminal.
pub fn render(report: &Report) -> String {
    let mut s = String::new();
    let count = |sev| report.findings.iter().filter(|f| f.severity == sev).count();
    let _ = writeln!(
        s,
        "mailaudit: {} device{}, {} mailbox{}, {} finding{} ({} critical, {} warning, {} info)",
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
        count(Severity::Critical),
        count(Severity::Warning),
        count(Severity::Info),
    );
    for mb in &report.mailboxes {
        let _ = write!(s, "\nMailbox {}", clean(&mb.key));
        let mut facts = Vec::new();
        if let Some(q) = mb.quota_bytes {
            facts.push(format!("quota {}", human_bytes(q)));
        }
        if let Some(d) = mb.daily_bytes {
            facts.push(format!("{} a day", human_bytes(d)));
        }
        if !facts.is_empty() {
            let _ = write!(s, " ({})", facts.join(", "));
        }
        s.push('\n');
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        table.set_header([
            "Device",
            "Client",
            "Account",
            "Protocol",
            "Server copies",
            "Fetches",
            "Source",
        ]);
        let accesses: Vec<&Access> = report
            .accesses
            .iter()
            .filter(|a| a.mailbox == mb.key && a.inactive.is_none())
            .collect();
        for a in &accesses {
            table.add_row([
                clean(&a.device),
                match &a.app {
                    Some(app) => format!("{} ({})", a.client.name(), clean(app)),
                    None => a.client.name().to_string(),
                },
                clean(&a.account),
                protocol(a),
                copies(a),
                fetches(a),
                clean(&short_source(&a.source)),
            ]);
        }
        let _ = writeln!(s, "{table}");
        let _ = writeln!(
            s,
            "  On the server: {}",
            lifetime_words(&lifetime(&accesses))
        );
        for a in &accesses {
            if let Some(st) = &a.server_state {
                let since = st
                    .oldest
                    .map(date)
                    .map(|d| format!(", the oldest downloaded {d}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "  {}: {} message{} left on the server by this device{since} ({})",
                    clean(&a.device),
                    st.kept + st.partial,
                    plural((st.kept + st.partial) as usize),
                    clean(&st.source.to_string())
                );
            }
            for note in &a.assumptions {
                let _ = writeln!(s, "  {}: assumed: {}", clean(&a.device), clean(note));
            }
        }
    }
    let inactive: Vec<&Access> = report
        .accesses
        .iter()
        .filter(|a| a.inactive.is_some())
        .collect();
    if !inactive.is_empty() {
        s.push_str("\nAccounts not counted (they do not fetch in normal use)\n");
        for a in inactive {
            let _ = writeln!(
                s,
                "  {} {} {} ({}): {}",
                clean(&a.device),
                clean(&a.account),
                clean(&a.mailbox),
                copies(a),
                clean(a.inactive.as_deref().unwrap_or_default())
            );
        }
    }
    if report.findings.is_empty() {
        s.push_str("\nNo findings.\n");
    } else {
        s.push_str("\nFindings\n");
        for f in &report.findings {
            let _ = writeln!(
                s,
                "\n{:<8} {}  {}  [{}]",
                f.severity.name().to_uppercase(),
                f.rule,
                clean(&f.mailbox),
                clean(&f.devices.join(", "))
            );
            let _ = writeln!(s, "  {}", clean(&f.message));
            let _ = writeln!(s, "  why: {}", clean(&f.why));
            let _ = writeln!(s, "  fix: {}", clean(&f.fix));
            if !f.evidence.is_empty() {
                let ev: Vec<String> = f.evidence.iter().map(|e| clean(&e.to_string())).collect();
                let _ = writeln!(s, "  evidence: {}", ev.join(", "));
            }
        }
    }
    if !report.recommendations.is_empty() {
        s.push_str("\nRecommended layout (main device keeps copies, the others get own forwarded addresses)\n");
        for r in &report.recommendations {
            let _ = writeln!(
                s,
                "  {}: {} keeps copies {} days ({}).",
                clean(&r.mailbox),
                clean(&r.main),
                r.keep_days,
                clean(&r.main_reason)
            );
            for f in &r.forwards {
                let _ = writeln!(
                    s,
                    "    forward {} to {}: {}",
                    clean(&r.mailbox),
                    clean(&f.address),
                    clean(&f.change)
                );
            }
            if r.quota_must_grow {
                let _ = writeln!(
                    s,
                    "    the quota is too small even for one day of copies: it must grow"
                );
            }
        }
    }
    if !report.providers.is_empty() {
        let _ = writeln!(s, "\nProvider profiles: {}", report.providers.len());
        for p in &report.providers {
            let _ = writeln!(
                s,
                "  {} ({}): {}",
                clean(&p.id),
                clean(&p.domains.join(", ")),
                clean(&p.source.to_string())
            );
        }
    }
    if !report.problems.is_empty() {
        let _ = writeln!(
            s,
            "\nProblems ({}): these files or lines were not read",
            report.problems.len()
        );
        for p in &report.problems {
            let place = match p.line {
                Some(l) => format!("{}:{l}", p.path),
                None => p.path.clone(),
            };
            let _ = writeln!(s, "  {}: {}", clean(&place), clean(&p.message));
        }
    }
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn protocol(a: &Access) -> String {
    match a.protocol {
        Protocol::Pop3 => "POP3",
        Protocol::Imap => "IMAP",
        Protocol::Exchange => "Exchange",
        Protocol::Unknown => "unknown",
    }
    .to_string()
}

fn copies(a: &Access) -> String {
    match (&a.retention, a.protocol) {
        (Some(r), _) => {
            let mut w = effect_words(r.effect());
            if r.leave_on_server && r.delete_when_deleted_locally && !r.headers_only {
                if let crate::model::Effect::KeepsDays(_) = r.effect() {
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

fn fetches(a: &Access) -> String {
    match (a.fetch.automatic, a.fetch.interval_minutes) {
        (true, Some(m)) => format!("every {m} min"),
        (true, None) => "automatically".into(),
        (false, _) if a.fetch.at_startup => "at start-up".into(),
        (false, _) => "by hand".into(),
    }
}

/// A Unix time as a calendar date (UTC).
fn date(t: i64) -> String {
    jiff::Timestamp::from_second(t)
        .map(|ts| ts.strftime("%Y-%m-%d").to_string())
        .unwrap_or_else(|_| t.to_string())
}

fn lifetime_words(l: &Lifetime) -> String {
    match l {
        Lifetime::NextFetch(d, Some(m)) => format!(
            "a message stays only until {} fetches (every {m} min), then it is gone for everyone",
            clean(d)
        ),
        Lifetime::NextFetch(d, None) => format!(
            "a message stays only until {} next fetches, then it is gone for everyone",
            clean(d)
        ),
        Lifetime::Days(d, n) => format!(
            "a message stays {n} day{} after {} downloads it",
            plural(*n as usize),
            clean(d)
        ),
        Lifetime::UserDelete(d) => {
            format!("a message stays until someone deletes it on {}", clean(d))
        }
        Lifetime::Forever => "no device removes anything; the mailbox only grows".to_string(),
        Lifetime::NotPop => {
            "read over IMAP/webmail only; users manage the server folder".to_string()
        }
    }
}

/// The last folder, file and line of a source: the full path is in the findings and JSON.
fn short_source(e: &crate::model::Evidence) -> String {
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
