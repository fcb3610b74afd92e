//! Thunderbird 115 and older: the same profile files read by the older prefs parser, and what
//! that changes for an account (reference §5.6).
//!
//! That parser differs in two ways that matter here: a UTF-8 byte-order mark is an error that costs
//! the first statement, and `pref(...)` / `sticky_pref(...)` in prefs.js or user.js are accepted as
//! default values instead of being rejected. Both files are parsed once more that way into a second
//! store; an account is resolved from both, and the access says what the older version does instead.

use super::accounts::account_list;
use super::incoming::resolve_account;
use super::prefstore::PrefStore;
use crate::model::assumption::{LegacyCause, LegacyChange, LegacyOutcome, ServerCopies, SmtpShape};
use crate::model::{Access, Assumption, Effect, Location, Origin, Problem, ProblemKind};
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

/// A statement as the assumption names it.
fn typed_cause(c: &Cause) -> LegacyCause {
    match c.why {
        Why::Bom => LegacyCause::Bom {
            file: c.rel.clone(),
            pref: c.name.clone(),
        },
        Why::Default { line, keyword } => LegacyCause::Default {
            file: c.rel.clone(),
            line,
            pref: c.name.clone(),
            keyword: keyword.to_string(),
        },
    }
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
        // The older parser differs only at a byte-order mark and in accepting `pref` and
        // `sticky_pref`, which the current one reports as errors: a file with neither reads
        // the same both ways, and the second parse is skipped.
        if !bytes.starts_with(UTF8_BOM) && !now.has_errors() {
            self.parsed.push(None);
            return;
        }
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
            problems.push(Problem::new(
                Location::at(rel, 1),
                ProblemKind::PrefsBom {
                    file: file_name.to_string(),
                    lost: lost.first().map(|p| (p.name.to_string(), p.line)),
                },
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
    pub(super) fn explain(
        &mut self,
        acct: &str,
        server_key: &str,
        now: &Access,
    ) -> Option<Assumption> {
        if self.causes.is_empty() {
            return None;
        }
        let differs = match self.old_access(acct) {
            None => Some(LegacyOutcome::NotLoaded),
            Some(old) => differences(now, &old).map(|changes| LegacyOutcome::Differs { changes }),
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
        // What changed comes through an identity or SMTP server, or a key with a dot: then
        // no statement is named, only the files.
        let files = if named.is_empty() {
            let mut files: Vec<String> = self.causes.iter().map(|c| c.rel.clone()).collect();
            files.dedup();
            files
        } else {
            Vec::new()
        };
        Some(Assumption::Tb115Differs {
            causes: named
                .iter()
                .map(|&i| typed_cause(&self.causes[i]))
                .collect(),
            more: if named.is_empty() {
                0
            } else {
                total - named.len()
            },
            files,
            outcome: differs.unwrap_or(LegacyOutcome::Same),
        })
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

/// What the older reading `old` does differently from `now`, or `None`.
fn differences(now: &Access, old: &Access) -> Option<Vec<LegacyChange>> {
    let mut parts = Vec::new();
    if old.protocol != now.protocol {
        parts.push(LegacyChange::Protocol {
            old: old.protocol,
            new: now.protocol,
        });
    }
    if old.host != now.host {
        parts.push(LegacyChange::Host {
            old: old.host.clone(),
            new: now.host.clone(),
        });
    }
    if old.username != now.username {
        parts.push(LegacyChange::Username {
            old: old.username.clone(),
            new: now.username.clone(),
        });
    }
    if old.security != now.security || old.port != now.port {
        parts.push(LegacyChange::Connection {
            old_security: old.security,
            old_port: old.port,
            new_security: now.security,
            new_port: now.port,
        });
    }
    if old.auth != now.auth {
        parts.push(LegacyChange::Auth {
            old: old.auth,
            new: now.auth,
        });
    }
    if old.fetch != now.fetch {
        parts.push(LegacyChange::Fetch {
            old: old.fetch.clone(),
            new: now.fetch.clone(),
        });
    }
    match (old.effect(), now.effect()) {
        (Some(o), Some(n)) if o != n => parts.push(LegacyChange::ServerCopies {
            old: copies(o),
            new: copies(n),
        }),
        _ => {}
    }
    let limit = |a: &Access| a.retention.as_ref().and_then(|r| r.size_limit_kib);
    if limit(old) != limit(now) {
        parts.push(LegacyChange::SizeLimit {
            old: limit(old),
            new: limit(now),
        });
    }
    if old.identities != now.identities {
        parts.push(LegacyChange::Identities {
            old: old.identities.clone(),
            new: now.identities.clone(),
        });
    }
    let smtp = |a: &Access| {
        a.outgoing
            .iter()
            .map(|o| SmtpShape {
                host: o.host.clone(),
                security: o.security,
                port: o.port,
            })
            .collect::<Vec<_>>()
    };
    if smtp(old) != smtp(now) {
        parts.push(LegacyChange::Smtp {
            old: smtp(old),
            new: smtp(now),
        });
    }
    (!parts.is_empty()).then_some(parts)
}

/// The effect on server copies, as an assumption states it.
fn copies(e: Effect) -> ServerCopies {
    match e {
        Effect::RemovesAtDownload => ServerCopies::RemovesAtDownload,
        Effect::KeepsDays(days) => ServerCopies::KeepsDays { days },
        Effect::KeepsUntilDeleted => ServerCopies::KeepsUntilDeleted,
        Effect::KeepsForever => ServerCopies::KeepsForever,
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
