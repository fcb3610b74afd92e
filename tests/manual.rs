//! `[[manual]]` entries of the site file: client defaults, required fields, errors naming lines.

use mailaudit::model::{Access, Client, Field, Origin, Protocol};
use mailaudit::report::i18n::assumptions::{en, English};
use mailaudit::site::{Site, SiteError};
use mailaudit::sources::manual;
use proptest::prelude::*;

fn parse(toml: &str) -> Result<Vec<Access>, SiteError> {
    let site = Site::parse(toml, "site.toml")?;
    manual::accesses(&site)
}

fn err(toml: &str) -> SiteError {
    match parse(toml) {
        Ok(a) => panic!("expected an error, got {a:?}"),
        Err(e) => e,
    }
}

fn client_default(c: &str) -> Origin {
    Origin::ClientDefault { client: c.into() }
}

const IPHONE: &str = r#"[defaults]
away_days = 7

[[manual]]
device = "iPhone-Sato"
client = "ios-mail"
owner = "Mr. Sato"
mailbox = "info@example.co.jp"
protocol = "pop3"
host = "pop.example.co.jp"
"#;

#[test]
fn a_windows_login_in_double_quotes_names_its_column_and_says_how_to_write_it() {
    let bad = format!("{IPHONE}username = \"OFFICE\\info\"\n");
    let e = err(&bad);
    assert_eq!((e.line, e.col), (11, 20), "{e}");
    assert!(e.message.contains("single quotes ('OFFICE\\info')"), "{e}");
    let good = format!("{IPHONE}username = 'OFFICE\\info'\n");
    assert_eq!(parse(&good).unwrap()[0].username, "OFFICE\\info");
    // Other grammar errors get no such hint.
    let e = err(&format!("{IPHONE}username = \"x\n"));
    assert!(!e.message.contains("backslash"), "{e}");
}

#[test]
fn iphone_keeps_copies_by_apple_default_and_cites_the_site_file() {
    let a = &parse(IPHONE).unwrap()[0];
    assert_eq!(a.client, Client::Manual);
    assert_eq!(a.device, "iPhone-Sato");
    assert_eq!(a.account, "ios-mail");
    assert_eq!(a.mailbox, "info@example.co.jp");
    assert_eq!(a.protocol, Protocol::Pop3);
    assert_eq!(a.source.path, "site.toml");
    assert_eq!(a.source.line, Some(4));
    let r = a.retention.as_ref().unwrap();
    assert!(r.leave_on_server);
    assert_eq!(r.delete_after_days, None);
    assert!(!r.delete_when_deleted_locally);
    for f in [
        Field::LeaveOnServer,
        Field::DeleteAfterDays,
        Field::DeleteWhenDeletedLocally,
    ] {
        assert_eq!(a.provenance[&f], client_default("ios-mail"), "{f:?}");
    }
    assert_eq!(a.provenance[&Field::Host], Origin::at("site.toml", 10));
    assert!(a.fetch.automatic);
}

#[test]
fn iphone_given_fields_override_the_defaults() {
    let t =
        format!("{IPHONE}delete_after_days = 7\nfetch_interval_minutes = 15\naccount = \"Info\"\n");
    let a = &parse(&t).unwrap()[0];
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, Some(7));
    assert_eq!(
        a.provenance[&Field::DeleteAfterDays],
        Origin::at("site.toml", 11)
    );
    assert_eq!(a.fetch.interval_minutes, Some(15));
    assert_eq!(a.account, "Info");
}

const GMAIL: &str = r#"[[manual]]
device = "Gmail"
client = "gmail-fetcher"
mailbox = "info@example.co.jp"
host = "pop.example.co.jp"
"#;

#[test]
fn gmail_fetcher_removes_at_download_unless_told_otherwise() {
    let a = &parse(GMAIL).unwrap()[0];
    assert_eq!(a.protocol, Protocol::Pop3);
    let r = a.retention.as_ref().unwrap();
    assert!(!r.leave_on_server);
    // Gmail's default is not documented: it is an assumption, which rules word as one.
    assert!(
        matches!(&a.provenance[&Field::LeaveOnServer], Origin::Assumed { assumption, .. } if en(assumption).contains("unticked")),
        "{:?}",
        a.provenance[&Field::LeaveOnServer]
    );
    assert!(a
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("unticked")));

    let a = &parse(&format!("{GMAIL}leave_on_server = true\n")).unwrap()[0];
    assert!(a.retention.as_ref().unwrap().leave_on_server);
    assert_eq!(
        a.provenance[&Field::LeaveOnServer],
        Origin::at("site.toml", 6)
    );

    let e = err(&format!("{GMAIL}delete_after_days = 7\n"));
    assert_eq!(e.line, 6, "{e}");
    let e = err(&format!("{GMAIL}protocol = \"imap\"\n"));
    assert_eq!(e.line, 6, "{e}");
    assert!(e.to_string().starts_with("site.toml:6:"), "{e}");
}

#[test]
fn webmail_reads_like_imap() {
    let t = "[[manual]]\ndevice = \"Webmail-Tanaka\"\nclient = \"webmail\"\nmailbox = \"info@example.co.jp\"\n";
    let a = &parse(t).unwrap()[0];
    assert_eq!(a.protocol, Protocol::Imap);
    assert!(a.retention.is_none());
    assert!(a.protocol.sees_server_state());
    let e = err(&format!("{t}leave_on_server = false\n"));
    assert_eq!(e.line, 5, "{e}");
    let e = err(&format!("{t}protocol = \"pop3\"\n"));
    assert_eq!(e.line, 5, "{e}");
}

const HIDEMARU: &str = r#"[[manual]]
device = "PC-D"
client = "hidemaru"
mailbox = "info@example.co.jp"
protocol = "pop3"
host = "pop.example.co.jp"
"#;

#[test]
fn hidemaru_requires_the_fields() {
    let e = err(HIDEMARU);
    assert_eq!(e.line, 1, "{e}");
    assert!(e.message.contains("leave_on_server"), "{e}");
    let e = err(&format!("{HIDEMARU}leave_on_server = true\n"));
    assert!(e.message.contains("delete_after_days"), "{e}");
    let e = err(&format!(
        "{HIDEMARU}leave_on_server = true\ndelete_after_days = 0\n"
    ));
    assert!(e.message.contains("delete_when_deleted_locally"), "{e}");
    let a = &parse(&format!(
        "{HIDEMARU}leave_on_server = true\ndelete_after_days = 10\ndelete_when_deleted_locally = false\n"
    ))
    .unwrap()[0];
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, Some(10));
    assert_eq!(a.account, "hidemaru");
    // Removing at download makes the other two fields moot.
    let a = &parse(&format!("{HIDEMARU}leave_on_server = false\n")).unwrap()[0];
    assert!(!a.retention.as_ref().unwrap().leave_on_server);
    // host is required too for a client without defaults.
    let e = err(&HIDEMARU.replace(
        "host = \"pop.example.co.jp\"\n",
        "leave_on_server = false\n",
    ));
    assert!(e.message.contains("host"), "{e}");
    for c in [
        "thunderbird",
        "outlook",
        "becky",
        "thunderbird-android",
        "other",
    ] {
        let e = err(&HIDEMARU.replace("hidemaru", c));
        assert!(e.message.contains("leave_on_server"), "{c}: {e}");
    }
}

#[test]
fn unknown_client_key_or_value_names_the_line() {
    let e = err("[[manual]]\ndevice = \"x\"\nclient = \"iphone\"\nmailbox = \"a@b.jp\"\n");
    assert_eq!(e.line, 3, "{e}");
    assert!(
        e.message.contains("ios-mail"),
        "lists the known clients: {e}"
    );

    let e = err(&format!("{IPHONE}leave_on_sever = true\n"));
    assert_eq!(e.line, 11, "{e}");
    assert!(e.message.contains("leave_on_sever"), "{e}");

    let bad_values = [
        ("leave_on_server = \"yes\"", "boolean"),
        ("delete_after_days = -1", "negative"),
        ("security = \"ssl3\"", "ssl3"),
        ("auth = \"kerberos\"", "kerberos"),
        ("port = 0", "port"),
        ("port = 70000", ""),
        ("fetch_interval_minutes = \"often\"", ""),
        ("kind = \"toaster\"", ""),
    ];
    for (line, word) in bad_values {
        let e = err(&format!("{IPHONE}{line}\n"));
        assert_eq!(e.line, 11, "{line}: {e}");
        assert!(e.message.contains(word), "{line}: {e}");
    }
    let e = err(&IPHONE.replace("\"pop3\"", "\"smtp\""));
    assert_eq!(e.line, 9, "{e}");
    let e = err(&IPHONE.replace("protocol = \"pop3\"\n", ""));
    assert_eq!(e.line, 4, "{e}");
    assert!(e.message.contains("protocol"), "{e}");
    let e = err(&IPHONE.replace("mailbox = \"info@example.co.jp\"\n", ""));
    assert!(e.message.contains("mailbox"), "{e}");
}

#[test]
fn errors_point_into_the_right_entry() {
    let t = format!("{IPHONE}\n[[manual]]\ndevice = \"Gmail\"\nclient = \"gmail-fetcher\"\nmailbox = \"info@example.co.jp\"\ndelete_when_deleted_locally = true\n");
    let e = err(&t);
    assert_eq!(e.line, 16, "{e}");
    assert!(e.message.contains("Gmail"), "{e}");
}

#[test]
fn a_scan_lists_the_phone_as_a_device_with_the_site_file_as_source() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.toml"), IPHONE).unwrap();
    std::fs::create_dir(dir.path().join("PC-A")).unwrap();
    let report = mailaudit::scan::scan(&[dir.path().to_path_buf()], None).unwrap();
    let a = report
        .accesses
        .iter()
        .find(|a| a.device == "iPhone-Sato")
        .expect("the phone is reported");
    assert_eq!(a.source.path, "site.toml");
    let dev = report
        .devices
        .iter()
        .find(|d| d.id == "iPhone-Sato")
        .unwrap();
    assert_eq!(dev.owner.as_deref(), Some("Mr. Sato"));
    assert!(report
        .mailboxes
        .iter()
        .any(|m| m.key == "info@example.co.jp" && m.devices == ["iPhone-Sato"]));
}

#[test]
fn a_bad_site_file_stops_the_scan_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        IPHONE.replace("ios-mail", "blackberry"),
    )
    .unwrap();
    let e = mailaudit::scan::scan(&[dir.path().to_path_buf()], None).unwrap_err();
    assert!(e.to_string().contains("site.toml:6:"), "{e}");
}

#[derive(Debug, Clone)]
struct Spec {
    client: usize,
    protocol: Option<usize>,
    leave: Option<bool>,
    days: Option<i64>,
    local: Option<bool>,
    interval: Option<u32>,
    junk: Option<String>,
}

const CLIENTS: [&str; 9] = [
    "ios-mail",
    "gmail-fetcher",
    "webmail",
    "hidemaru",
    "thunderbird",
    "outlook",
    "becky",
    "thunderbird-android",
    "other",
];
const PROTOCOLS: [&str; 3] = ["pop3", "imap", "exchange"];

fn render(s: &Spec) -> String {
    let mut t = format!(
        "[[manual]]\ndevice = \"D\"\nclient = \"{}\"\nmailbox = \"info@example.co.jp\"\nhost = \"pop.example.co.jp\"\n",
        CLIENTS[s.client]
    );
    if let Some(p) = s.protocol {
        t += &format!("protocol = \"{}\"\n", PROTOCOLS[p]);
    }
    if let Some(l) = s.leave {
        t += &format!("leave_on_server = {l}\n");
    }
    if let Some(d) = s.days {
        t += &format!("delete_after_days = {d}\n");
    }
    if let Some(l) = s.local {
        t += &format!("delete_when_deleted_locally = {l}\n");
    }
    if let Some(n) = s.interval {
        t += &format!("fetch_interval_minutes = {n}\n");
    }
    if let Some(j) = &s.junk {
        t += &format!("security = {j:?}\n");
    }
    t
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0usize..9,
        proptest::option::of(0usize..3),
        proptest::option::of(any::<bool>()),
        proptest::option::of(-3i64..60),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0u32..240),
        proptest::option::of("[ -~]{0,8}"),
    )
        .prop_map(
            |(client, protocol, leave, days, local, interval, junk)| Spec {
                client,
                protocol,
                leave,
                days,
                local,
                interval,
                junk,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every entry either yields an access whose given fields are kept, or an error naming a
    /// line inside the file.
    #[test]
    fn entries_read_back_or_fail_on_a_line(s in spec()) {
        let text = render(&s);
        let lines = text.lines().count() as u32;
        match parse(&text) {
            Ok(v) => {
                let a = &v[0];
                if let Some(n) = s.interval {
                    prop_assert_eq!(a.fetch.automatic, n > 0);
                }
                if let Some(r) = &a.retention {
                    prop_assert_eq!(a.protocol, Protocol::Pop3);
                    if let Some(l) = s.leave { prop_assert_eq!(r.leave_on_server, l); }
                    if let Some(d) = s.days { prop_assert_eq!(r.delete_after_days, Some(d).filter(|d| *d > 0)); }
                    if let Some(l) = s.local { prop_assert_eq!(r.delete_when_deleted_locally, l); }
                    for f in [Field::LeaveOnServer, Field::DeleteAfterDays, Field::DeleteWhenDeletedLocally] {
                        prop_assert!(a.provenance.contains_key(&f));
                    }
                } else {
                    prop_assert!(s.leave.is_none() && s.days.is_none() && s.local.is_none());
                }
            }
            Err(e) => {
                prop_assert!(e.line >= 1 && e.line <= lines, "{} not in 1..={}", e, lines);
                prop_assert!(e.to_string().starts_with("site.toml:"));
            }
        }
    }
}
