//! Becky! `Mailbox.ini`: discovery, encodings, Folder.lst, malformed and hostile input, round trips.
//!
//! No public Becky! `Mailbox.ini` exists; every file here is synthetic, built from the key list
//! in Thunderbird's Becky! importer.

use mailaudit::discover::discover;
use mailaudit::model::{Client, Field, Origin, Protocol, Security};
use mailaudit::report::i18n::assumptions::English;
use mailaudit::sources::{self, becky, Kind};
use proptest::prelude::*;
use std::path::Path;

fn sjis(s: &str) -> Vec<u8> {
    let (b, _, unmappable) = encoding_rs::SHIFT_JIS.encode(s);
    assert!(!unmappable);
    b.into_owned()
}

const INFO: &str = "[Account]\r\nName=受付（共有）\r\nYourName=株式会社サンプル 受付\r\nMailAddress=info@example.co.jp\r\nProtocol=0\r\nMailServer=pop.example.co.jp\r\nUserID=info@example.co.jp\r\nPOP3Port=995\r\nSSLPOP=1\r\nPOP3Auth=0\r\nLeaveServer=1\r\nKeepDays=14\r\nCheckInt=1\r\nCheckEvery=5\r\nSMTPServer=smtp.example.co.jp\r\nSMTPPort=465\r\nSSLSMTP=1\r\nSMTPAUTH=1\r\nSMTPAUTHMODE=2\r\n";

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Reads every Becky! input discover finds under `root`.
fn scan(
    root: &Path,
) -> (
    Vec<mailaudit::model::Access>,
    Vec<mailaudit::model::Problem>,
    Vec<String>,
) {
    let found = discover(root);
    let mut accesses = Vec::new();
    let mut problems = found.problems.clone();
    let mut also = Vec::new();
    for inputs in found.devices.values() {
        for input in inputs {
            assert_eq!(input.kind, Kind::BeckyMailbox, "{}", input.rel);
            let out = sources::read(input, &found.ctx);
            accesses.extend(out.accesses);
            problems.extend(out.problems);
            also.extend(out.also_read);
        }
    }
    (accesses, problems, also)
}

#[test]
fn discover_routes_every_mailbox_and_folder_lst_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let user = dir.path().join("PC-C/Becky!/sato");
    write(&user.join("4a1b2c3d.mb/Mailbox.ini"), &sjis(INFO));
    write(
        &user.join("5e6f7a8b.mb/Mailbox.ini"),
        &sjis("[Account]\r\nName=営業\r\nMailServer=pop.example.co.jp\r\nUserID=sales@example.co.jp\r\nLeaveServer=0\r\n"),
    );
    write(
        &user.join("9c0d1e2f.mb/Mailbox.ini"),
        b"[Account]\r\nName=old\r\nMailServer=pop.old.example\r\nUserID=old@old.example\r\nLeaveServer=1\r\n",
    );
    // 1 and 2 are real mailboxes, 3 was never collected, 9c0d1e2f.mb is not listed.
    write(
        &user.join("Folder.lst"),
        b"4a1b2c3d.mb\\\r\n5e6f7a8b.mb\r\n7777aaaa.mb\r\n",
    );
    write(
        &user.join("4a1b2c3d.mb/!!!!Inbox/Folder.lst"),
        b"!!!!Inbox\r\n",
    );

    let (mut accesses, problems, also) = scan(dir.path());
    accesses.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    assert_eq!(accesses.len(), 3);
    let info = &accesses[0];
    assert_eq!(info.client, Client::Becky);
    assert_eq!(info.account, "受付（共有）");
    assert_eq!(info.source.path, "PC-C/Becky!/sato/4a1b2c3d.mb/Mailbox.ini");
    assert_eq!(info.host, "pop.example.co.jp");
    assert_eq!(info.security, Security::Tls);
    let r = info.retention.as_ref().unwrap();
    assert!(r.leave_on_server);
    assert_eq!(r.delete_after_days, Some(14));
    assert_eq!(info.fetch.interval_minutes, Some(5));
    assert_eq!(info.identities, vec!["info@example.co.jp".to_string()]);

    let sales = &accesses[1];
    assert_eq!(sales.account, "営業");
    assert!(!sales.retention.as_ref().unwrap().leave_on_server);

    let old = &accesses[2];
    assert!(old
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("not listed in Folder.lst")));
    assert!(old
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("KeepDays is missing")));

    let missing: Vec<_> = problems
        .iter()
        .filter(|p| p.message.contains("7777aaaa.mb"))
        .collect();
    assert!(!missing.is_empty(), "{problems:?}");
    assert_eq!(missing[0].at.path, "PC-C/Becky!/sato/Folder.lst");
    assert_eq!(missing[0].at.line, Some(3));
    assert!(also.contains(&"PC-C/Becky!/sato/Folder.lst".to_string()));
}

#[test]
fn utf8_with_and_without_bom_and_cp932_read_the_same() {
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(INFO.as_bytes());
    for bytes in [bom, INFO.as_bytes().to_vec(), sjis(INFO)] {
        let (a, p) = becky::parse(&bytes, "m/Mailbox.ini", "m.mb");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(a[0].account, "受付（共有）");
        assert_eq!(a[0].source.line, Some(1));
    }
}

#[test]
fn malformed_mailbox_ini_names_file_and_line() {
    let text = "[Account]\nMailServer=pop.example.jp\nUserID=u@example.jp\nthis line is broken\nPOP3Port=nine\nLeaveServer=yes\nKeepDays=-3\n";
    let (a, p) = becky::parse(text.as_bytes(), "PC/x.mb/Mailbox.ini", "x.mb");
    assert_eq!(a.len(), 1, "the account is still reported");
    let lines: Vec<_> = p.iter().map(|p| p.at.line).collect();
    assert!(lines.contains(&Some(4)), "{p:?}");
    assert!(lines.contains(&Some(5)), "{p:?}");
    assert!(lines.contains(&Some(6)), "{p:?}");
    assert!(p.iter().all(|p| p.at.path == "PC/x.mb/Mailbox.ini"));
    assert_eq!(a[0].port, Some(110), "unreadable port: the standard one");
    assert!(matches!(
        a[0].provenance[&Field::Port],
        Origin::Assumed { .. }
    ));

    let (a, p) = becky::parse(b"[General]\nx=1\n", "y/Mailbox.ini", "y.mb");
    assert!(a.is_empty());
    assert!(p[0].message.contains("[Account]"));

    let (a, p) = becky::parse(b"[Account]\nName=x\n", "y/Mailbox.ini", "y.mb");
    assert!(a.is_empty());
    assert_eq!(p[0].at.line, Some(1));
}

#[test]
fn hostile_input_never_panics() {
    let long = format!(
        "[Account]\nMailServer={}\nUserID=u\n",
        "h".repeat(5_000_000)
    );
    let (a, _) = becky::parse(long.as_bytes(), "m", "m.mb");
    assert_eq!(a.len(), 1);
    for junk in [
        &b""[..],
        b"\x00\x00\x00\x00",
        b"\xff\xfe[\x00A\x00",
        b"\x82\xa0\x82\xa2\x82",
        b"[Account",
        b"[Account]\nMailServer\n",
        b"[Account]\r\nMailServer=h\r\nUserID=u\r\nPOP3Port=99999999999999999999\r\nCheckEvery=-5\r\n",
    ] {
        let _ = becky::parse(junk, "m", "m.mb");
    }
    let mut utf16 = vec![0xFF, 0xFE];
    for u in INFO.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let (a, _) = becky::parse(&utf16, "m", "m.mb");
    assert_eq!(a[0].account, "受付（共有）");
    for cut in (0..INFO.len())
        .filter(|c| INFO.is_char_boundary(*c))
        .step_by(7)
    {
        let (a, _) = becky::parse(&sjis(&INFO[..cut]), "m", "m.mb");
        assert!(a.len() <= 1);
    }
}

#[test]
fn cp932_garbage_is_flagged() {
    let (_, p) = becky::parse(
        b"[Account]\nName=\x81\x7f\xfd\nMailServer=h\nUserID=u\n",
        "m",
        "m.mb",
    );
    assert!(p.iter().any(|p| p.message.contains("CP932")), "{p:?}");
}

#[test]
fn a_stored_password_is_noted_and_never_read() {
    const SECRET: &str = "Zq81xSecretBlob";
    for key in ["PassWd", "passwd", "SMTPPassWd", "Password"] {
        let text = format!("[Account]\r\nMailServer=h\r\nUserID=u\r\n{key}={SECRET}\r\n");
        let (a, p) = becky::parse(text.as_bytes(), "m", "m.mb");
        assert!(a[0].password_stored, "{key}");
        assert!(p.is_empty(), "{p:?}");
        let out = format!("{a:?}") + &serde_json::to_string(&a).unwrap();
        assert!(!out.contains(SECRET), "{key}: the value leaked");
    }
    let (a, _) = becky::parse(
        b"[Account]\r\nMailServer=h\r\nUserID=u\r\nPassWd=\r\n",
        "m",
        "m.mb",
    );
    assert!(!a[0].password_stored, "an empty value is no password");
    let (a, _) = becky::parse(b"[Account]\r\nMailServer=h\r\nUserID=u\r\n", "m", "m.mb");
    assert!(!a[0].password_stored);
}

#[test]
fn tls_only_ports_without_an_ssl_key_are_assumed_tls() {
    let (a, _) = becky::parse(
        b"[Account]\r\nMailServer=h\r\nUserID=u\r\nPOP3Port=995\r\nSMTPServer=s\r\nSMTPPort=465\r\n",
        "m",
        "m.mb",
    );
    assert_eq!(a[0].security, Security::Tls);
    assert!(matches!(
        a[0].provenance[&Field::Security],
        Origin::Assumed { .. }
    ));
    assert_eq!(a[0].outgoing[0].security, Security::Tls);
    let (a, _) = becky::parse(
        b"[Account]\r\nMailServer=h\r\nUserID=u\r\nPOP3Port=995\r\nSSLPOP=0\r\n",
        "m",
        "m.mb",
    );
    assert_eq!(a[0].security, Security::None, "what the file says stands");
    assert!(a[0]
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("cannot fetch mail")));
}

#[derive(Debug, Clone)]
struct Spec {
    name: String,
    imap: bool,
    host: String,
    user: String,
    port: Option<u16>,
    ssl: bool,
    leave: Option<bool>,
    keep_days: Option<u16>,
    check: Option<u16>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        "[a-zA-Z0-9 受付営業総務（）]{0,12}",
        any::<bool>(),
        "[a-z0-9][a-z0-9.-]{0,30}",
        "[a-zA-Z0-9._@+-]{1,30}",
        proptest::option::of(1u16..),
        any::<bool>(),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0u16..400),
        proptest::option::of(1u16..600),
    )
        .prop_map(
            |(name, imap, host, user, port, ssl, leave, keep_days, check)| Spec {
                name,
                imap,
                host,
                user,
                port,
                ssl,
                leave,
                keep_days,
                check,
            },
        )
}

fn render(s: &Spec) -> String {
    let mut t = String::from("[Account]\r\n");
    if !s.name.trim().is_empty() {
        t += &format!("Name={}\r\n", s.name);
    }
    t += &format!(
        "Protocol={}\r\nMailServer={}\r\nUserID={}\r\n",
        u8::from(s.imap),
        s.host,
        s.user
    );
    let (port_key, ssl_key) = if s.imap {
        ("IMAP4Port", "SSLIMAP")
    } else {
        ("POP3Port", "SSLPOP")
    };
    if let Some(p) = s.port {
        t += &format!("{port_key}={p}\r\n");
    }
    t += &format!("{ssl_key}={}\r\n", u8::from(s.ssl));
    if let Some(l) = s.leave {
        t += &format!("LeaveServer={}\r\n", u8::from(l));
    }
    if let Some(d) = s.keep_days {
        t += &format!("KeepDays={d}\r\n");
    }
    if let Some(c) = s.check {
        t += &format!("CheckInt=1\r\nCheckEvery={c}\r\n");
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn rendered_mailbox_ini_reads_back(s in spec()) {
        let (a, p) = becky::parse(&sjis(&render(&s)), "m/Mailbox.ini", "m.mb");
        prop_assert!(p.is_empty(), "{:?}", p);
        let a = &a[0];
        let want_name = if s.name.trim().is_empty() { "m.mb".to_string() } else { s.name.trim().to_string() };
        prop_assert_eq!(&a.account, &want_name);
        prop_assert_eq!(&a.host, &s.host);
        prop_assert_eq!(&a.username, &s.user);
        prop_assert_eq!(a.protocol, if s.imap { Protocol::Imap } else { Protocol::Pop3 });
        prop_assert_eq!(a.security, if s.ssl { Security::Tls } else { Security::None });
        if let Some(p) = s.port { prop_assert_eq!(a.port, Some(p)); }
        prop_assert_eq!(a.fetch.interval_minutes, s.check.map(u32::from));
        match &a.retention {
            None => prop_assert!(s.imap),
            Some(r) => {
                let leave = s.leave == Some(true);
                prop_assert_eq!(r.leave_on_server, leave);
                let days = s.keep_days.filter(|d| leave && *d > 0).map(i64::from);
                prop_assert_eq!(r.delete_after_days, days);
            }
        }
    }

    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = becky::parse(&bytes, "m", "m.mb");
    }
}
