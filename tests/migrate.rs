//! `migrate` on the sample office against a new host's autoconfig and Autodiscover files.

use mailaudit::migrate::{migrate, Change, Field, Migration, Note, Value};
use mailaudit::model::Lang;
use mailaudit::report::migration;
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

/// The host change of a step: its value today (if set) and the new one.
fn host_change(changes: &[Change]) -> Option<(Option<String>, String)> {
    let c = changes.iter().find(|c| c.field == Field::Host)?;
    let text = |v: &Value| match v {
        Value::Text(t) => t.clone(),
        other => panic!("a host is text: {other:?}"),
    };
    Some((c.from.as_ref().map(text), text(&c.to)))
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
        let (_, to) = host_change(&s.changes)
            .unwrap_or_else(|| panic!("{} {}: no host change", s.device, s.account));
        assert!(to.ends_with(".newhost.example"), "{to}");
        assert!(s.mailbox.ends_with("@example.co.jp"), "{}", s.mailbox);
    }
    let info_a = m
        .migration
        .iter()
        .find(|s| s.device == "PC-A" && s.mailbox == "info@example.co.jp")
        .unwrap();
    assert_eq!(
        host_change(&info_a.changes),
        Some((
            Some("pop.example.co.jp".to_string()),
            "pop.newhost.example".to_string()
        ))
    );
    // What a new device keeps is reported beside the changes, not as one.
    let v: serde_json::Value = serde_json::from_str(&migration::json(&m, Lang::En)).unwrap();
    for step in v["migration"].as_array().unwrap() {
        for c in step["changes"].as_array().unwrap() {
            assert_ne!(c["field"], "retention", "{c}");
        }
    }
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
        assert_eq!(host_change(&s.changes).unwrap().1, "pop.newhost.example");
        assert!(s.new_retention.is_none());
        assert!(
            s.notes.contains(&Note::Pop3RetentionUnsaid),
            "{:?}",
            s.notes
        );
    }
}

#[test]
fn json_has_the_contract_envelope_with_typed_values() {
    let m = run("newhost-autoconfig.xml");
    for lang in [Lang::En, Lang::Ja] {
        let v: serde_json::Value = serde_json::from_str(&migration::json(&m, lang)).unwrap();
        assert_eq!(v["schema"], "mailaudit/1");
        assert_eq!(v["lang"], lang.code());
        let steps = v["migration"].as_array().unwrap();
        for key in ["device", "account", "mailbox", "changes"] {
            assert!(!steps[0][key].is_null(), "missing {key}");
        }
        let all: Vec<&serde_json::Value> = steps
            .iter()
            .flat_map(|s| s["changes"].as_array().unwrap())
            .collect();
        let field = |f: &str| all.iter().find(|c| c["field"] == f).copied().unwrap();
        // Ports are numbers, an unset one is null; encryption and login use the model's spelling.
        assert_eq!(field("outgoing_port")["from"], 587);
        assert_eq!(field("outgoing_port")["to"], 465);
        assert_eq!(field("outgoing_security")["from"], "starttls");
        assert_eq!(field("outgoing_security")["to"], "tls");
        let iphone = steps
            .iter()
            .find(|s| s["device"] == "iPhone-Reception")
            .unwrap();
        let port = iphone["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["field"] == "port")
            .unwrap();
        assert!(port["from"].is_null(), "{port}");
        assert_eq!(port["to"], 995);
        let auth = iphone["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["field"] == "auth")
            .unwrap();
        assert!(auth["from"].is_null(), "{auth}");
        assert_eq!(auth["to"], "password-cleartext");
        // Nothing in a change is a sentence: no "not set", no port as a string.
        for c in &all {
            assert!(c["from"] != "not set" && c["to"] != "not set", "{c}");
            assert!(!c["field"].as_str().unwrap().contains(' '), "{c}");
        }
        let pc_b = &steps[1];
        assert_eq!(pc_b["device"], "PC-B");
        assert_eq!(
            pc_b["now_effect"],
            serde_json::json!({"effect": "keeps-days", "days": 3})
        );
        assert_eq!(
            pc_b["new_effect"],
            serde_json::json!({"effect": "keeps-days", "days": 30})
        );
    }
}

#[test]
fn notes_carry_a_kind_and_a_message_in_the_language() {
    let m = run("newhost-autodiscover.xml");
    for (lang, words) in [
        (Lang::En, "says nothing about keeping POP3 mail"),
        (Lang::Ja, "サーバーに残すかどうかが書かれていません"),
    ] {
        let v: serde_json::Value = serde_json::from_str(&migration::json(&m, lang)).unwrap();
        let note = &v["migration"][0]["notes"][0];
        assert_eq!(note["kind"], "pop3-retention-unsaid", "{note}");
        assert!(note["message"].as_str().unwrap().contains(words), "{note}");
    }
}

#[test]
fn text_and_markdown_name_every_change_in_words() {
    let m = run("newhost-autoconfig.xml");
    let text = migration::text(&m, Lang::En);
    let md = migration::markdown(&m, Lang::En);
    for s in &m.migration {
        assert!(text.contains(&format!("{} (", s.device)), "{text}");
    }
    for words in [
        "Incoming server (POP3): pop.newhost.example, port 995, SSL/TLS, Normal password",
        "A POP3 device set up anew keeps 30 days.",
        "A device set up anew keeps 30 days; this one keeps 3 days.",
        "PC-C (Outlook, account info (受付)): info@example.co.jp",
        "Encryption (outgoing)",
        "STARTTLS",
    ] {
        assert!(text.contains(words), "{words} missing:\n{text}");
    }
    for internal in ["outgoing_", "password-cleartext", "starttls"] {
        assert!(!text.contains(internal), "{internal} in:\n{text}");
    }
    assert!(md.starts_with("# Migration to example.co.jp"));
    for row in [
        "| Done | Setting | Now | New |",
        "| [ ] | Incoming server | pop.example.co.jp | pop.newhost.example |",
        "| [ ] | Port (outgoing) | 587 | 465 |",
        "| [ ] | Port (incoming) | not set | 995 |",
    ] {
        assert!(md.contains(row), "{row} missing:\n{md}");
    }
}

#[test]
fn japanese_checklist_names_settings_in_japanese() {
    let m = run("newhost-autoconfig.xml");
    let md = migration::markdown(&m, Lang::Ja);
    for part in [
        "# example.co.jp への移行チェックリスト",
        "| 済 | 設定項目 | 現在 | 変更後 |",
        "| [ ] | 受信サーバー | pop.example.co.jp | pop.newhost.example |",
        "| [ ] | ポート番号（受信） | 未設定 | 995 |",
        "| [ ] | 暗号化方式（送信） | STARTTLS | SSL/TLS |",
        "## PC-C の Outlook（アカウント info (受付)）: info@example.co.jp",
        "「30 日間残す」",
        "Thunderbird のアカウント設定の「サーバー設定」",
    ] {
        assert!(md.contains(part), "{part} missing:\n{md}");
    }
    for english in ["Setting", "Incoming", "set up anew", "not set"] {
        assert!(!md.contains(english), "{english} in:\n{md}");
    }
}

#[test]
fn file_text_cannot_break_the_html_or_markdown() {
    let mut m = run("newhost-autoconfig.xml");
    m.migration[0].account = "<script>alert(1)</script>|x\n# y".into();
    for lang in [Lang::En, Lang::Ja] {
        let page = migration::html(&m, lang);
        assert!(!page.contains("<script"), "{page}");
        assert!(page.contains("&lt;script&gt;"), "{page}");
        assert!(page.contains(&format!("<html lang=\"{}\">", lang.code())));
        assert!(page.contains("Content-Security-Policy"));
        let md = migration::markdown(&m, lang);
        assert!(!md.contains("<script"), "{md}");
        assert!(!md.contains("\n# y"), "{md}");
    }
    m.migration[0].account = "a\u{1b}[2J\u{202e}b".into();
    for lang in [Lang::En, Lang::Ja] {
        let text = migration::text(&m, lang);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{text:?}"
        );
    }
}

#[test]
fn a_device_already_on_the_host_has_nothing_to_change() {
    let m = run("samehost-autoconfig.xml");
    assert!(!m.migration.is_empty());
    assert!(m.migration.iter().all(|s| s.changes.is_empty()));
    assert!(!m.any_change());
    let text = migration::text(&m, Lang::En);
    assert!(text.contains("Nothing to change."), "{text}");
    assert!(migration::text(&m, Lang::Ja).contains("変更する設定はありません。"));
}

#[test]
fn a_broken_target_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("new.xml");
    std::fs::write(&bad, "<clientConfig><emailProvider>\n<domain>x").unwrap();
    let e = migrate(&office(), None, &bad).unwrap_err().to_string();
    assert!(e.contains("new.xml:2:"), "{e}");
}

#[test]
fn unreadable_files_are_listed_in_every_human_format() {
    let case = root().join("tests/cases/report-every-section/input");
    let m = migrate(
        std::slice::from_ref(&case),
        None,
        &case.join("autoconfig/config-v1.1.xml"),
    )
    .unwrap();
    assert!(!m.problems.is_empty());
    let at = "PC-C/profile/prefs.js:11";
    for (lang, heading) in [
        (Lang::En, "Files that could not be read"),
        (Lang::Ja, "読み取れなかったファイル"),
    ] {
        for out in [
            migration::text(&m, lang),
            migration::markdown(&m, lang),
            migration::html(&m, lang),
        ] {
            assert!(out.contains(heading) && out.contains(at), "{out}");
        }
        let v: serde_json::Value = serde_json::from_str(&migration::json(&m, lang)).unwrap();
        assert_eq!(v["problems"][0]["line"], 11);
    }
    // An account that already matches has nothing to change; one that does not is listed.
    assert!(m.migration.iter().any(|s| s.changes.is_empty()));
    assert!(m.any_change());
}

#[test]
fn what_the_reader_noted_about_the_new_hosts_file_is_said_in_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("config-v1.1.xml");
    std::fs::write(
        &to,
        "<clientConfig version=\"1.1\"><emailProvider id=\"example.co.jp\">\n<domain>example.co.jp</domain>\n<incomingServer type=\"pop3\"><hostname>pop.newhost.example</hostname><port>abc</port></incomingServer>\n</emailProvider></clientConfig>\n",
    )
    .unwrap();
    let m = migrate(&office(), None, &to).unwrap();
    let en = migration::text(&m, Lang::En);
    assert!(
        en.contains("port \"abc\" at line 3 is not a port number"),
        "{en}"
    );
    let ja = migration::markdown(&m, Lang::Ja);
    assert!(ja.contains("3 行目のポート"), "{ja}");
    let v: serde_json::Value = serde_json::from_str(&migration::json(&m, Lang::Ja)).unwrap();
    assert_eq!(v["provider"]["note_kinds"][0]["kind"], "bad-port");
    assert!(v["provider"]["notes"][0]
        .as_str()
        .unwrap()
        .contains("3 行目"));
}
