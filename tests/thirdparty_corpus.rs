//! Every file of `../shared/corpus/thirdparty/` (real profiles and provider files written by
//! people unrelated to this project): each case scans without a panic, and every POP3 or IMAP
//! account that Thunderbird would load from a `prefs.js` is reported.
//!
//! The expected accounts come from a deliberately small reading of `prefs.js` here, apart
//! from the project's own grammar, so a bug there cannot hide itself.

mod support;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/thirdparty"
    ))
    .to_path_buf();
    if dir.is_dir() {
        Some(dir)
    } else {
        support::skip(format_args!(
            "corpus folder ../shared/corpus/thirdparty is absent; third-party files not read"
        ));
        None
    }
}

/// `user_pref("name", "string");` pairs with plain string values (no escapes needed here).
fn string_prefs(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("user_pref(\"") else {
            continue;
        };
        let Some((name, rest)) = rest.split_once('"') else {
            continue;
        };
        let rest = rest.trim_start().trim_start_matches(',').trim_start();
        let Some(value) = rest.strip_prefix('"').and_then(|v| v.split_once('"')) else {
            continue;
        };
        out.insert(name.to_string(), value.0.to_string());
    }
    out
}

/// Hosts of the POP3 and IMAP accounts Thunderbird loads: listed, not repeated, with a
/// server of that type that no earlier account uses (reference/thunderbird.md §1.5).
fn loaded_hosts(prefs: &BTreeMap<String, String>) -> Vec<String> {
    let Some(list) = prefs.get("mail.accountmanager.accounts") else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    let mut servers = HashSet::new();
    let mut hosts = Vec::new();
    for acct in list.split(',').map(str::trim).filter(|a| !a.is_empty()) {
        if !seen.insert(acct) {
            continue;
        }
        let Some(server) = prefs.get(&format!("mail.account.{acct}.server")) else {
            continue;
        };
        if !servers.insert(server.trim().to_string()) {
            continue;
        }
        let ty = prefs.get(&format!("mail.server.{server}.type"));
        let host = prefs.get(&format!("mail.server.{server}.hostname"));
        if let (Some(ty), Some(host)) = (ty, host) {
            if (ty == "pop3" || ty == "imap") && !host.trim().is_empty() {
                hosts.push(host.trim().to_lowercase());
            }
        }
    }
    hosts
}

fn files_named(dir: &Path, name: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == name)
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[test]
fn every_third_party_case_scans_and_reports_every_loaded_account() {
    let Some(dir) = corpus() else { return };
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut failures = Vec::new();
    let mut accounts = 0;
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let result =
            std::panic::catch_unwind(|| mailaudit::scan::scan(std::slice::from_ref(case), None));
        let report = match result {
            Err(_) => {
                failures.push(format!("{name}: panicked"));
                continue;
            }
            // A case that cannot be scanned at all must say why, not crash.
            Ok(Err(e)) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
            Ok(Ok(r)) => r,
        };
        // Every renderer copes with real text too.
        for out in [
            mailaudit::report::text::render(&report),
            mailaudit::report::html::render(&report),
            mailaudit::report::markdown::render(&report),
            mailaudit::report::csv::render(&report),
            mailaudit::report::json::render(&report),
        ] {
            assert!(!out.is_empty(), "{name}");
        }
        let reported: Vec<String> = report
            .accesses
            .iter()
            .filter(|a| a.client == mailaudit::model::Client::Thunderbird)
            .map(|a| a.host.to_lowercase())
            .collect();
        let mut expected = Vec::new();
        for prefs in files_named(case, "prefs.js") {
            let text = String::from_utf8_lossy(&std::fs::read(&prefs).unwrap()).into_owned();
            expected.extend(loaded_hosts(&string_prefs(&text)));
        }
        accounts += expected.len();
        let mut left = reported.clone();
        for host in &expected {
            match left.iter().position(|h| h == host) {
                Some(i) => {
                    left.remove(i);
                }
                None => failures.push(format!(
                    "{name}: Thunderbird loads an account on {host}, not reported (reported: {reported:?})"
                )),
            }
        }
        let is_provider = name.starts_with("ac-") || name.starts_with("ad-");
        if is_provider && report.providers.is_empty() && report.problems.is_empty() {
            failures.push(format!("{name}: provider file neither read nor reported"));
        }
    }
    assert!(accounts > 10, "only {accounts} accounts in the corpus");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
