//! The `mixed-five-clients` case: Thunderbird, Outlook (.reg), Thunderbird for Android (.k9s),
//! Becky! (CP932) and an iPhone from the site file all read info@, and the report says so.

use mailaudit::model::{Client, Effect};
use std::path::Path;

#[test]
fn five_clients_one_mailbox_each_with_its_own_retention() {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/mixed-five-clients/input");
    let report = mailaudit::scan::scan(&[input], None).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.mailboxes.len(), 1);
    let mb = &report.mailboxes[0];
    assert_eq!(mb.key, "info@example.co.jp");
    assert_eq!(
        mb.devices,
        ["Android-Tanaka", "PC-A", "PC-B", "PC-C", "iPhone-Reception"]
    );

    let expect = [
        (
            "Android-Tanaka",
            Client::ThunderbirdAndroid,
            Effect::KeepsUntilDeleted,
        ),
        ("PC-A", Client::Thunderbird, Effect::KeepsDays(14)),
        ("PC-B", Client::Outlook, Effect::RemovesAtDownload),
        ("PC-C", Client::Becky, Effect::KeepsDays(7)),
        ("iPhone-Reception", Client::Manual, Effect::KeepsForever),
    ];
    assert_eq!(report.accesses.len(), expect.len());
    for (device, client, effect) in expect {
        let a = report
            .accesses
            .iter()
            .find(|a| a.device == device)
            .unwrap_or_else(|| panic!("{device} missing"));
        assert_eq!(a.client, client, "{device}");
        assert_eq!(a.mailbox, "info@example.co.jp", "{device}");
        assert_eq!(a.effect(), Some(effect), "{device}");
    }
    let becky = report.accesses.iter().find(|a| a.device == "PC-C").unwrap();
    assert_eq!(becky.account, "受付（info）", "CP932 name decoded");
    let outlook = report.accesses.iter().find(|a| a.device == "PC-B").unwrap();
    assert_eq!(
        outlook.account, "受付 (info@example.co.jp)",
        "UTF-16LE .reg decoded"
    );

    let rules: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.rule.name(), f.devices.clone()))
        .collect();
    assert!(
        rules.contains(&("delete-on-download", vec!["PC-B".to_string()])),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("delete-follows-user", vec!["Android-Tanaka".to_string()])),
        "{rules:?}"
    );
}
