//! `migrate` on the sample office against a new host's autoconfig and Autodiscover files.

use mailaudit::migrate::{migrate, Migration};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn office() -> Vec<PathBuf> {
    vec![
        root().join("samples/office"),
        root().join("tests/data/migrate-other-domain"),
    ]
}

fn run(to: &str) -> Migration {
    migrate(&office(), None, &root().join("tests/data").join(to)).unwrap()
}

/// Devices of the scanned model that read a mailbox on example.co.jp.
fn devices_on_domain() -> BTreeSet<String> {
    let model = mailaudit::scan::build_model(&office(), None).unwrap();
    model
        .accesses
        .iter()
        .filter(|a| a.mailbox.ends_with("@example.co.jp") || a.host.ends_with(".example.co.jp"))
        .map(|a| a.device.clone())
        .collect()
}

#[test]
fn every_device_on_the_domain_gets_a_host_change() {
    let m = run("newhost-autoconfig.xml");
    let expected = devices_on_domain();
    assert!(
        expected.contains("PC-A") && expected.contains("PC-B"),
        "{expected:?}"
    );
    let got: BTreeSet<String> = m.migration.iter().map(|s| s.device.clone()).collect();
    assert_eq!(got, expected);
    for s in &m.migration {
        let host = s.changes.iter().find(|c| c.field == "host");
        let host = host.unwrap_or_else(|| panic!("{} {}: no host change", s.device, s.account));
        assert!(host.to.ends_with(".newhost.example"), "{host:?}");
        assert!(s.mailbox.ends_with("@example.co.jp"), "{}", s.mailbox);
    }
    let info_a = m
        .migration
        .iter()
        .find(|s| s.device == "PC-A" && s.mailbox == "info@example.co.jp")
        .unwrap();
    let host = info_a.changes.iter().find(|c| c.field == "host").unwrap();
    assert_eq!(
        (host.from.as_str(), host.to.as_str()),
        ("pop.example.co.jp", "pop.newhost.example")
    );
    // What a new device keeps is reported beside the changes, not as one.
    assert!(m
        .migration
        .iter()
        .all(|s| s.changes.iter().all(|c| c.field != "retention")));
    let r = info_a.new_retention.as_ref().unwrap();
    assert_eq!((r.leave_on_server, r.delete_after_days), (true, Some(30)));
}

#[test]
fn accounts_on_other_domains_are_left_out() {
    let m = run("newhost-autoconfig.xml");
    let model = mailaudit::scan::build_model(&office(), None).unwrap();
    assert!(
        model.accesses.iter().any(|a| a.device == "PC-X"),
        "the other-domain device is scanned"
    );
    assert!(m.migration.iter().all(|s| s.device != "PC-X"));
    assert!(m
        .migration
        .iter()
        .all(|s| !s.mailbox.contains("other.example")));
}

#[test]
fn autodiscover_target_gives_hosts_but_no_retention() {
    let m = run("newhost-autodiscover.xml");
    assert_eq!(
        m.migration
            .iter()
            .map(|s| s.device.clone())
            .collect::<BTreeSet<_>>(),
        devices_on_domain()
    );
    for s in &m.migration {
        assert!(s
            .changes
            .iter()
            .any(|c| c.field == "host" && c.to == "pop.newhost.example"));
        assert!(s.new_retention.is_none());
        assert!(s
            .notes
            .iter()
            .any(|n| n.contains("says nothing about keeping POP3 mail")));
    }
}

#[test]
fn json_has_the_contract_envelope() {
    let m = run("newhost-autoconfig.xml");
    let v: serde_json::Value =
        serde_json::from_str(&mailaudit::report::migration::json(&m)).unwrap();
    assert_eq!(v["schema"], "mailaudit/1");
    let first = &v["migration"][0];
    for key in ["device", "account", "mailbox", "changes"] {
        assert!(!first[key].is_null(), "missing {key}");
    }
    let c = &first["changes"][0];
    for key in ["field", "from", "to"] {
        assert!(c[key].is_string(), "change lacks {key}");
    }
}

#[test]
fn text_and_markdown_name_every_change() {
    let m = run("newhost-autoconfig.xml");
    let text = mailaudit::report::migration::text(&m);
    let md = mailaudit::report::migration::markdown(&m);
    for s in &m.migration {
        assert!(
            text.contains(&format!("{} ({}", s.device, s.client)),
            "{text}"
        );
        for c in &s.changes {
            assert!(text.contains(&c.to), "{text}");
        }
    }
    assert!(
        text.contains("a POP3 device set up anew keeps 30 days"),
        "{text}"
    );
    assert!(
        text.contains("set up anew, a device keeps 30 days"),
        "{text}"
    );
    assert!(md.starts_with("# Migration to example.co.jp"));
    assert!(
        md.contains("| [ ] | host | pop.example.co.jp | pop.newhost.example |"),
        "{md}"
    );
}

#[test]
fn a_broken_target_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("new.xml");
    std::fs::write(&bad, "<clientConfig><emailProvider>\n<domain>x").unwrap();
    let e = migrate(&office(), None, &bad).unwrap_err().to_string();
    assert!(e.contains("new.xml:2:"), "{e}");
}
