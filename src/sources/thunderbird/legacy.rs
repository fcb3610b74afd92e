//! Thunderbird 115 and older: the same profile files read by the older prefs parser, and what
//! that changes for an account (reference §5.6).
//!
//! That parser differs in two ways that matter here: a UTF-8 byte-order mark is an error that costs
//! the first statement, and `pref(...)` / `sticky_pref(...)` in prefs.js or user.js are accepted as
//! default values instead of being rejected. Both files are parsed once more that way into a second
//! store; an account is resolved from both, and the access says what the older version does instead.

use super::account_list;
use super::incoming::resolve_account;
use super::prefstore::PrefStore;
use crate::model::{Access, Effect, Origin, Problem, Protocol, Security};
use crate::sources::prefs::{self, Dialect, FileKind, Parsed, Spec};
use crate::sources::Readout;
use std::collections::{HashMap, HashSet};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// At most this many statements are named in one sentence; the rest are counted.
const NAMED: usize = 3;

/// Why the older parser reads a statement differently.
#[derive(Debug)]
enum Why {
    /// The statement is lost after a byte-order mark.
    Bom,
    /// `pref` or `sticky_pref`: rejected now, a default value on Thunderbird 115 and older.
    Default { line: u32, keyword: &'static str },
}

/// One statement the two parser generations read differently.
#[derive(Debug)]
struct Cause {
    /// Index of the file in the order added.
    file: usize,
    rel: String,
    name: String,
    why: Why,
}

/// The statements of one sentence in words: each lost statement on its own, the default values
/// together.
fn causes_words(causes: &[&Cause]) -> Vec<String> {
    let mut out = Vec::new();
    let mut defaults = Vec::new();
    for c in causes {
        match c.why {
            Why::Bom => out.push(format!(
                "{} starts with a byte-order mark; Thunderbird 115 loses its first statement ({})",
                c.rel, c.name
            )),
            Why::Default { line, keyword } => defaults.push(format!(
                "{} line {line} sets {} with {keyword}()",
                c.rel, c.name
            )),
        }
    }
    match defaults.len() {
        0 => {}
        1 => out.push(format!(
            "{}, which current Thunderbird rejects and Thunderbird 115 and older take as a default value",
            defaults[0]
        )),
        _ => {
            let last = defaults.pop().unwrap_or_default();
            out.push(format!(
                "{} and {last}: current Thunderbird rejects these, Thunderbird 115 and older take them as default values",
                defaults.join(", ")
            ));
        }
    }
    out
}

/// Which accounts a pref name configures.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Scope {
    Server(String),
    Account(String),
    /// `mail.server.default.*` and the account list.
    Every,
}

/// A pref name's scope; `None` for names no account lookup reaches directly (identities, SMTP).
/// A server or account key is the text up to the next dot, as Thunderbird generates them.
fn scope(name: &str) -> Option<Scope> {
    if name == "mail.accountmanager.accounts" || name.starts_with("mail.server.default.") {
        return Some(Scope::Every);
    }
    let key = |rest: &str| rest.split_once('.').map(|(k, _)| k.to_string());
    if let Some(rest) = name.strip_prefix("mail.server.") {
        return key(rest).map(Scope::Server);
    }
    name.strip_prefix("mail.account.")
        .and_then(key)
        .map(Scope::Account)
}

/// The profile as Thunderbird 115 and older read it, with the statements read differently.
#[derive(Debug, Default)]
pub(super) struct Legacy {
    /// Each file's older reading, kept only when it differs from the current one.
    parsed: Vec<Option<Parsed>>,
    store: PrefStore,
    causes: Vec<Cause>,
    /// Causes by scope, so each account finds its own without a scan of all causes.
    by_scope: HashMap<Scope, Vec<usize>>,
    /// Scopes a statement lost to a byte-order mark belongs to.
    bom_scopes: HashSet<Scope>,
    /// The accounts the older version loads, as (server key, origin); built at the first lookup.
    accounts: Option<HashMap<String, (String, Origin)>>,
}

impl Legacy {
    /// Parses one file the older way, next to its current reading `now`; says when it starts
    /// with a byte-order mark. Files are added in the order Thunderbird reads them.
    pub(super) fn add(
        &mut self,
        rel: &str,
        file_name: &str,
        bytes: &[u8],
        now: &Parsed,
        problems: &mut Vec<Problem>,
    ) {
        let old = prefs::parse_dialect(bytes, FileKind::User, Dialect::Legacy);
        let before = self.causes.len();
        if bytes.starts_with(UTF8_BOM) {
            // Both parsers resynchronise after the first `;`, so the statements lost are the
            // current reading's first ones that the older reading has no user value for.
            let kept = old
                .prefs
                .iter()
                .filter(|p| p.spec == Spec::UserPref)
                .count();
            let lost = &now.prefs[..now.prefs.len().saturating_sub(kept)];
            let named = lost
                .first()
                .map(|p| format!("`{}`, line {}", p.name, p.line))
                .unwrap_or_else(|| "none here".to_string());
            problems.push(Problem::at(
                rel,
                1,
                format!(
                    "{file_name} starts with a UTF-8 byte-order mark: current Thunderbird skips it, but Thunderbird 115 (and likely 128) reports an error there and loses the first statement ({named})"
                ),
            ));
            for p in lost {
                self.push(Cause {
                    file: self.parsed.len(),
                    rel: rel.to_string(),
                    name: p.name.clone(),
                    why: Why::Bom,
                });
            }
        }
        for p in old.prefs.iter().filter(|p| p.spec != Spec::UserPref) {
            let keyword = if p.spec == Spec::StickyPref {
                "sticky_pref"
            } else {
                "pref"
            };
            self.push(Cause {
                file: self.parsed.len(),
                rel: rel.to_string(),
                name: p.name.clone(),
                why: Why::Default {
                    line: p.line,
                    keyword,
                },
            });
        }
        self.parsed
            .push((self.causes.len() > before).then_some(old));
    }

    /// Builds the older reading of the profile from the files as added, in `current` their
    /// current readings; only when some statement is read differently, since the store is large.
    pub(super) fn finish(&mut self, current: &[(String, Parsed)]) {
        let parsed = std::mem::take(&mut self.parsed);
        if self.causes.is_empty() {
            return;
        }
        for ((rel, now), old) in current.iter().zip(parsed) {
            self.store.add(rel, old.as_ref().unwrap_or(now));
        }
        // A default value that a user value overrides, or that libpref rejects for its type,
        // changes nothing; such statements are not named.
        let (store, causes) = (&self.store, &self.causes);
        let applies = |i: &usize| {
            let c = &causes[*i];
            match c.why {
                Why::Bom => true,
                Why::Default { line, .. } => store
                    .applied(&c.name)
                    .is_some_and(|s| s.default && s.file == c.file && s.line == line),
            }
        };
        for list in self.by_scope.values_mut() {
            list.retain(applies);
        }
    }

    fn push(&mut self, cause: Cause) {
        if let Some(s) = scope(&cause.name) {
            if matches!(cause.why, Why::Bom) {
                self.bom_scopes.insert(s.clone());
            }
            self.by_scope.entry(s).or_default().push(self.causes.len());
        }
        self.causes.push(cause);
    }

    /// One sentence on what Thunderbird 115 and older do with this account instead, when that
    /// differs from `now` or a statement lost to a byte-order mark configures it.
    pub(super) fn explain(&mut self, acct: &str, server_key: &str, now: &Access) -> Option<String> {
        if self.causes.is_empty() {
            return None;
        }
        let differs = match self.old_access(acct) {
            None => Some("this account is not loaded at all".to_string()),
            Some(old) => differences(now, &old),
        };
        let buckets = [
            Scope::Server(server_key.to_string()),
            Scope::Account(acct.to_string()),
            Scope::Every,
        ];
        let mine: Vec<&[usize]> = buckets
            .iter()
            .filter_map(|s| self.by_scope.get(s).map(Vec::as_slice))
            .collect();
        let bom_here = buckets.iter().any(|s| self.bom_scopes.contains(s));
        if differs.is_none() && !bom_here {
            return None;
        }
        let total: usize = mine.iter().map(|b| b.len()).sum();
        let mut named: Vec<usize> = mine
            .iter()
            .flat_map(|b| b.iter().copied())
            .take(NAMED)
            .collect();
        named.sort_unstable();
        let reasons = if named.is_empty() {
            // What changed comes through an identity or SMTP server, or a key with a dot.
            let mut files: Vec<&str> = self.causes.iter().map(|c| c.rel.as_str()).collect();
            files.dedup();
            format!(
                "Thunderbird 115 and older read {} differently (pref() statements current Thunderbird rejects, or a statement lost to a byte-order mark)",
                files.join(" and ")
            )
        } else {
            let named: Vec<&Cause> = named.iter().map(|&i| &self.causes[i]).collect();
            let mut words = causes_words(&named);
            if total > named.len() {
                words.push(format!("and {} more such statements", total - named.len()));
            }
            words.join("; ")
        };
        let old = differs.unwrap_or_else(|| "this account's mail handling stays the same".into());
        Some(format!("{reasons}, so there {old}"))
    }

    /// The account as the older version resolves it, `None` when it does not load it.
    fn old_access(&mut self, acct: &str) -> Option<Access> {
        let store = &self.store;
        let accounts = self.accounts.get_or_insert_with(|| {
            account_list(store, "", &mut Vec::new())
                .into_iter()
                .map(|(a, server, origin)| (a, (server, origin)))
                .collect()
        });
        let (server, origin) = accounts.get(acct)?;
        let mut scratch = Readout::default();
        resolve_account(store, acct, server, origin, &mut scratch)
    }
}

/// What the older reading `old` does differently from `now`, as one clause, or `None`.
fn differences(now: &Access, old: &Access) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if old.protocol != now.protocol {
        parts.push(format!(
            "is read over {} instead of {}",
            protocol_words(old.protocol),
            protocol_words(now.protocol)
        ));
    }
    if old.host != now.host {
        parts.push(format!("fetches from {} instead of {}", old.host, now.host));
    }
    if old.username != now.username {
        parts.push(format!(
            "logs in as {} instead of {}",
            shown(&old.username),
            shown(&now.username)
        ));
    }
    if old.security != now.security || old.port != now.port {
        parts.push(format!(
            "connects with {} instead of {}",
            connection_words(old),
            connection_words(now)
        ));
    }
    if old.auth != now.auth {
        parts.push(format!(
            "signs in with {} instead of {}",
            old.auth.name(),
            now.auth.name()
        ));
    }
    if old.fetch != now.fetch {
        parts.push(format!(
            "fetches {} instead of {}",
            fetch_words(old),
            fetch_words(now)
        ));
    }
    match (old.effect(), now.effect()) {
        (Some(o), Some(n)) if o != n => parts.push(format!(
            "{} instead of {}",
            effect_words(o),
            effect_words(n)
        )),
        _ => {}
    }
    let limit = |a: &Access| a.retention.as_ref().and_then(|r| r.size_limit_kib);
    if limit(old) != limit(now) {
        parts.push(format!(
            "downloads {} instead of {}",
            limit_words(limit(old)),
            limit_words(limit(now))
        ));
    }
    if old.identities != now.identities {
        parts.push(format!(
            "sends as {} instead of {}",
            list_words(&old.identities),
            list_words(&now.identities)
        ));
    }
    let smtp = |a: &Access| {
        a.outgoing
            .iter()
            .map(|o| {
                let port = o
                    .port
                    .map_or("the default port".to_string(), |p| format!("port {p}"));
                format!("{} ({}, {port})", o.host, security_words(o.security))
            })
            .collect::<Vec<_>>()
    };
    if smtp(old) != smtp(now) {
        parts.push(format!(
            "sends through {} instead of {}",
            list_words(&smtp(old)),
            list_words(&smtp(now))
        ));
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!("this account {}", parts.join(", and ")))
}

fn protocol_words(p: Protocol) -> &'static str {
    match p {
        Protocol::Pop3 => "POP3",
        Protocol::Imap => "IMAP",
        Protocol::Exchange => "Exchange",
        Protocol::Unknown => "an unknown protocol",
    }
}

fn shown(s: &str) -> String {
    if s.trim().is_empty() {
        "no login name".to_string()
    } else {
        s.to_string()
    }
}

fn connection_words(a: &Access) -> String {
    let port = a
        .port
        .map_or("an unknown port".to_string(), |p| format!("port {p}"));
    format!("{} on {port}", security_words(a.security))
}

fn security_words(s: Security) -> &'static str {
    match s {
        Security::Tls => "TLS",
        Security::Starttls => "STARTTLS",
        Security::None => "no encryption",
    }
}

fn fetch_words(a: &Access) -> String {
    let f = &a.fetch;
    let mut s = match (f.automatic, f.interval_minutes) {
        (true, Some(m)) => format!("on its own every {m} minutes"),
        (true, None) => "on its own".to_string(),
        (false, _) => "only when asked".to_string(),
    };
    if f.at_startup {
        s.push_str(" and at start-up");
    }
    s
}

/// What a POP3 account does to server copies, in a few words.
fn effect_words(e: Effect) -> String {
    match e {
        Effect::RemovesAtDownload => "removes each message from the server at download".into(),
        Effect::KeepsDays(d) => format!("keeps server copies {d} days"),
        Effect::KeepsUntilDeleted => "keeps server copies until they are deleted here".into(),
        Effect::KeepsForever => "keeps server copies forever".into(),
    }
}

fn limit_words(l: Option<u32>) -> String {
    match l {
        Some(k) => format!("only the first lines of messages over {k} KiB"),
        None => "whole messages".to_string(),
    }
}

fn list_words(items: &[String]) -> String {
    if items.is_empty() {
        "nothing".to_string()
    } else {
        items.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_follow_thunderbird_key_names() {
        assert_eq!(
            scope("mail.server.server2.leave_on_server"),
            Some(Scope::Server("server2".into()))
        );
        assert_eq!(
            scope("mail.account.account1.identities"),
            Some(Scope::Account("account1".into()))
        );
        assert_eq!(scope("mail.server.default.check_time"), Some(Scope::Every));
        assert_eq!(scope("mail.accountmanager.accounts"), Some(Scope::Every));
        assert_eq!(scope("mail.identity.id1.useremail"), None);
        assert_eq!(scope("mail.server.noDot"), None);
    }
}
