//! The accounts Thunderbird loads from `mail.accountmanager.accounts`.

use super::fields::push_problem;
use super::prefstore::PrefStore;
use crate::model::{Location, Origin, Problem, ProblemKind};
use std::collections::{HashMap, HashSet};

/// The accounts Thunderbird loads: in list order, skipping duplicates, accounts without a
/// server and a second account on a server already used (reference §1.5).
pub(super) fn account_list(
    store: &PrefStore,
    profile_rel: &str,
    problems: &mut Vec<Problem>,
) -> Vec<(String, String, Origin)> {
    let name = "mail.accountmanager.accounts";
    let Some((list, set)) = store.string(name) else {
        if let Some(set) = store.last(name) {
            let o = store.origin(set);
            push_problem(
                problems,
                &o,
                ProblemKind::AccountListNotString {
                    pref: name.to_string(),
                },
            );
        } else if store
            .names()
            .any(|n| n.starts_with("mail.server.") && !n.starts_with("mail.server.default."))
        {
            problems.push(Problem::new(
                Location::file(profile_rel),
                ProblemKind::NoAccountList {
                    pref: name.to_string(),
                },
            ));
        }
        return Vec::new();
    };
    let list_origin = store.origin(set);
    let mut seen_accounts = HashSet::new();
    // Server key → the account that uses it first; a map keeps long account lists linear.
    let mut seen_servers: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for acct in list.split(',').map(str::trim).filter(|a| !a.is_empty()) {
        if !seen_accounts.insert(acct.to_string()) {
            continue;
        }
        let server_pref = format!("mail.account.{acct}.server");
        let Some((server, sset)) = store
            .string(&server_pref)
            .filter(|(s, _)| !s.trim().is_empty())
        else {
            push_problem(
                problems,
                &list_origin,
                ProblemKind::ListedAccountNoServer {
                    list: name.to_string(),
                    account: acct.to_string(),
                    server_pref: server_pref.to_string(),
                },
            );
            continue;
        };
        let server = server.trim().to_string();
        if let Some(first) = seen_servers.get(&server) {
            push_problem(
                problems,
                &store.origin(sset),
                ProblemKind::ServerShared {
                    account: acct.to_string(),
                    server: server.clone(),
                    first: first.clone(),
                },
            );
            continue;
        }
        seen_servers.insert(server.clone(), acct.to_string());
        out.push((acct.to_string(), server, store.origin(sset)));
    }
    out
}
