//! The one-line status for remote-management tools, which keep a short text field per
//! machine or customer: the worst severity and its count, then the findings in a few words.

use crate::model::{Fill, Finding, FindingKind, Lang, Severity};
use crate::scan::Report;

/// Longest status line, in characters (not bytes): the field size of the tools it is for.
pub const MAX_CHARS: usize = 255;

/// Longest name (device, mailbox) inside the line, so one odd name cannot crowd out the rest.
const MAX_NAME_CHARS: usize = 40;

/// The status line followed by a line break.
pub fn render(report: &Report) -> String {
    let mut s = line(report);
    s.push('\n');
    s
}

/// The status line: at most [`MAX_CHARS`] characters, cut between items, never inside one.
pub fn line(report: &Report) -> String {
    let lang = report.lang;
    let mut findings: Vec<&Finding> = report.findings.iter().collect();
    // Worst first; the sort is stable, so equal severities keep the report's order.
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let head = match findings.first() {
        None => match lang {
            Lang::En => "OK".to_string(),
            Lang::Ja => "問題なし".to_string(),
        },
        Some(worst) => {
            let n = findings
                .iter()
                .filter(|f| f.severity == worst.severity)
                .count();
            format!("{} {n}", severity_word(worst.severity, lang))
        }
    };
    let short = short_mailboxes(report);
    let items: Vec<String> = findings.iter().map(|f| item(f, short, lang)).collect();
    fit(&head, &items, lang)
}

/// Head and as many items as fit, with a count of the ones left out.
fn fit(head: &str, items: &[String], lang: Lang) -> String {
    let len = |s: &str| s.chars().count();
    for keep in (0..=items.len()).rev() {
        let mut s = head.to_string();
        for it in &items[..keep] {
            s.push_str(" | ");
            s.push_str(it);
        }
        let left = items.len() - keep;
        if left > 0 {
            s.push_str(" | ");
            s.push_str(&match lang {
                Lang::En => format!("+{left} more"),
                Lang::Ja => format!("ほか {left} 件"),
            });
        }
        if len(&s) <= MAX_CHARS {
            return s;
        }
    }
    head.chars().take(MAX_CHARS).collect()
}

/// The severity as the line's first word.
fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Critical, Lang::En) => "CRITICAL",
        (Severity::Warning, Lang::En) => "WARNING",
        (Severity::Info, Lang::En) => "INFO",
        (Severity::Critical, Lang::Ja) => "重大",
        (Severity::Warning, Lang::Ja) => "警告",
        (Severity::Info, Lang::Ja) => "情報",
    }
}

/// Mailboxes may be shown as `info@` only when they all share one domain.
fn short_mailboxes(report: &Report) -> bool {
    let mut domains = report
        .mailboxes
        .iter()
        .map(|m| m.key.rsplit_once('@').map(|(_, d)| d))
        .chain(
            report
                .findings
                .iter()
                .map(|f| f.mailbox.rsplit_once('@').map(|(_, d)| d)),
        );
    match domains.next() {
        Some(Some(first)) => domains.all(|d| d == Some(first)),
        _ => false,
    }
}

/// A name from a file on one line and not too long.
fn name(s: &str) -> String {
    let clean: String = super::sanitize::terminal(s)
        .chars()
        .map(|c| if c == '|' { '/' } else { c })
        .collect();
    if clean.chars().count() <= MAX_NAME_CHARS {
        clean
    } else {
        let mut cut: String = clean.chars().take(MAX_NAME_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

/// One finding in a few words.
fn item(f: &Finding, short: bool, lang: Lang) -> String {
    let mb = match f.mailbox.rsplit_once('@') {
        Some((local, _)) if short => name(&format!("{local}@")),
        _ => name(&f.mailbox),
    };
    let what = match (&f.kind, lang) {
        (FindingKind::RemovesAtDownload { device, .. }, Lang::En) => {
            format!("{} removes at download", name(device))
        }
        (FindingKind::RemovesAtDownload { device, .. }, Lang::Ja) => {
            format!("{} が受信時にサーバーから削除", name(device))
        }
        (
            FindingKind::ShortWindow {
                away_device,
                lost_days,
                ..
            },
            Lang::En,
        ) => {
            format!("{} may miss {lost_days} days", name(away_device))
        }
        (
            FindingKind::ShortWindow {
                away_device,
                lost_days,
                ..
            },
            Lang::Ja,
        ) => {
            format!(
                "{} が最大 {lost_days} 日分を受信できない",
                name(away_device)
            )
        }
        (
            FindingKind::NeverRemoved {
                fill: Fill::InDays { days, .. },
                ..
            },
            Lang::En,
        ) => {
            format!("full in {days} days")
        }
        (
            FindingKind::NeverRemoved {
                fill: Fill::InDays { days, .. },
                ..
            },
            Lang::Ja,
        ) => {
            format!("約 {days} 日で容量がいっぱい")
        }
        (FindingKind::NeverRemoved { .. }, Lang::En) => "nothing removed from the server".into(),
        (FindingKind::NeverRemoved { .. }, Lang::Ja) => "サーバーから削除されない".into(),
        (FindingKind::DeleteFollowsUser { device, .. }, Lang::En) => {
            format!("{} removes what its user deletes", name(device))
        }
        (FindingKind::DeleteFollowsUser { device, .. }, Lang::Ja) => {
            format!("{} で削除するとサーバーからも削除", name(device))
        }
        (FindingKind::PopImapMix { .. }, Lang::En) => "POP3 removals under IMAP".into(),
        (FindingKind::PopImapMix { .. }, Lang::Ja) => "POP3 の削除が IMAP にも及ぶ".into(),
        (FindingKind::HeadersOnly { device, .. }, Lang::En) => {
            format!("{} fetches headers only", name(device))
        }
        (FindingKind::HeadersOnly { device, .. }, Lang::Ja) => {
            format!("{} はヘッダーのみ受信", name(device))
        }
        (FindingKind::SharedAddress { devices }, Lang::En) => {
            format!("on {} devices", devices.len())
        }
        (FindingKind::SharedAddress { devices }, Lang::Ja) => {
            format!("{} 台で共有", devices.len())
        }
        (
            FindingKind::Unencrypted {
                device, protocol, ..
            },
            Lang::En,
        ) => {
            format!("{} {} unencrypted", name(device), name(protocol))
        }
        (
            FindingKind::Unencrypted {
                device, protocol, ..
            },
            Lang::Ja,
        ) => {
            format!("{} の {} が暗号化なし", name(device), name(protocol))
        }
        (FindingKind::SenderDomain { device, domain, .. }, Lang::En) => {
            format!("{} sends as {}", name(device), name(domain))
        }
        (FindingKind::SenderDomain { device, domain, .. }, Lang::Ja) => {
            format!("{} が {} として送信", name(device), name(domain))
        }
        (FindingKind::ProviderRetention { domain, .. }, Lang::En) => {
            format!("{} provider default removes mail", name(domain))
        }
        (FindingKind::ProviderRetention { domain, .. }, Lang::Ja) => {
            format!("{} のプロバイダー既定設定がメールを削除", name(domain))
        }
        (FindingKind::ProviderHosts { domain, .. }, Lang::En) => {
            format!("{} provider hosts not in use", name(domain))
        }
        (FindingKind::ProviderHosts { domain, .. }, Lang::Ja) => {
            format!("{} のプロバイダー設定のサーバーが未使用", name(domain))
        }
    };
    if mb.is_empty() {
        what
    } else {
        format!("{mb}: {what}")
    }
}
