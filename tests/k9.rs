//! Thunderbird for Android / K-9 Mail `.k9s` exports: corpus files, hostile input, round trips.

mod support;

use mailaudit::model::{Access, Auth, Client, Field, Origin, Protocol, Security};
use mailaudit::sources::{self, k9, Ctx, Input, Kind};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn corpus(name: &str) -> Option<PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/mobile"
    ));
    if !dir.is_dir() {
        support::skip(format_args!(
            "corpus folder {} is absent; skipping",
            dir.display()
        ));
        return None;
    }
    Some(dir.join(name))
}

fn read_file(path: &Path) -> sources::Readout {
    let ctx = Ctx {
        root: path.parent().unwrap().to_path_buf(),
    };
    let input = Input {
        kind: Kind::K9Settings,
        path: path.to_path_buf(),
        rel: ctx.rel(path),
    };
    sources::read(&input, &ctx)
}

fn read_bytes(bytes: &[u8]) -> sources::Readout {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phone_settings_export_2025-01-01.k9s");
    std::fs::write(&path, bytes).unwrap();
    read_file(&path)
}

#[test]
fn corpus_qr_code_writer_output_is_an_imap_account() {
    let Some(path) = corpus("tb-android-qrcode-xmlsettingwriter-expected.k9s") else {
        return;
    };
    let out = read_file(&path);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(out.accesses.len(), 1);
    let a = &out.accesses[0];
    assert_eq!(a.client, Client::ThunderbirdAndroid);
    assert_eq!(a.account, "Account name");
    assert_eq!(a.protocol, Protocol::Imap);
    assert_eq!(a.host, "imap.domain.example");
    assert_eq!(a.port, Some(993));
    assert_eq!(a.username, "user@domain.example");
    assert_eq!(a.security, Security::Tls);
    assert_eq!(a.auth, Auth::PasswordCleartext);
    assert_eq!(a.identities, vec!["user@domain.example".to_string()]);
    assert!(a.retention.is_none(), "IMAP has no POP3 retention");
    assert!(a.password_stored);
    assert_eq!(a.outgoing[0].host, "smtp.domain.example");
    assert_eq!(a.outgoing[0].port, Some(465));
    // version 99 has no automaticCheckIntervalMinutes: the app's default of that era (60) applies.
    assert_eq!(a.fetch.interval_minutes, Some(60));
    assert_eq!(a.source.line, Some(4));
    assert_eq!(a.provenance[&Field::Host], Origin::at(&a.source.path, 10));
    let json = serde_json::to_string(a).unwrap();
    assert!(
        !json.contains(":\"password\""),
        "password value leaked: {json}"
    );
}

#[test]
fn corpus_importer_test_document_is_an_imap_account_without_port() {
    let Some(path) = corpus("tb-android-settingsimporter-test-global-v101.k9s") else {
        return;
    };
    let out = read_file(&path);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(out.accesses.len(), 1);
    let a = &out.accesses[0];
    assert_eq!(a.account, "Account");
    assert_eq!(a.protocol, Protocol::Imap);
    assert_eq!(a.host, "googlemail.com");
    assert_eq!(a.username, "user@gmail.com");
    assert_eq!(a.auth, Auth::PasswordEncrypted);
    assert_eq!(
        a.port,
        Some(993),
        "no <port>: the standard IMAPS port is assumed"
    );
    assert!(matches!(a.provenance[&Field::Port], Origin::Assumed { .. }));
    assert!(!a.password_stored);
    assert_eq!(a.outgoing[0].host, "googlemail.com");
}

const POP3: &str = r#"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<k9settings version="111" format="1">
  <global><value key="theme">DARK</value></global>
  <accounts>
    <account uuid="a-1">
      <name>受付 info</name>
      <incoming-server type="POP3">
        <host>pop.example.co.jp</host>
        <port>995</port>
        <connection-security>SSL_TLS_REQUIRED</connection-security>
        <authentication-type>PLAIN</authentication-type>
        <username>info@example.co.jp</username>
      </incoming-server>
      <settings>
        <value key="deletePolicy">DELETE</value>
        <value key="deletePolicy">NEVER</value>
        <value key="automaticCheckIntervalMinutes">-1</value>
      </settings>
    </account>
    <account uuid="a-2">
      <name>Sales</name>
      <settings><value key="deletePolicy">NEVER</value></settings>
      <incoming-server type="POP3">
        <host>pop.example.co.jp</host>
        <connection-security>STARTTLS_REQUIRED</connection-security>
        <authentication-type>CRAM_MD5</authentication-type>
        <username>sales@example.co.jp</username>
      </incoming-server>
    </account>
  </accounts>
</k9settings>
"#;

#[test]
fn pop3_accounts_every_one_and_first_duplicate_wins() {
    let out = read_bytes(POP3.as_bytes());
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(out.accesses.len(), 2);
    let info = &out.accesses[0];
    assert_eq!(info.account, "受付 info");
    let r = info.retention.as_ref().unwrap();
    assert!(r.leave_on_server, "the app never removes at download");
    assert_eq!(r.delete_after_days, None);
    assert!(
        r.delete_when_deleted_locally,
        "first deletePolicy (DELETE) wins"
    );
    assert!(!info.fetch.automatic, "-1 means no automatic check");
    let sales = &out.accesses[1];
    assert_eq!(sales.security, Security::Starttls);
    assert_eq!(sales.port, Some(110));
    assert!(
        !sales
            .retention
            .as_ref()
            .unwrap()
            .delete_when_deleted_locally
    );
    assert_eq!(sales.fetch.interval_minutes, Some(15), "v111 default");
    assert!(matches!(
        sales.provenance[&Field::LeaveOnServer],
        Origin::ClientDefault { ref client } if client == "thunderbird-android"
    ));
}

#[test]
fn malformed_export_names_file_and_line_and_keeps_complete_accounts() {
    let broken = POP3.replace("<name>Sales</name>", "<name>Sales</nam>");
    let out = read_bytes(broken.as_bytes());
    assert_eq!(out.accesses.len(), 1, "the first, complete account is kept");
    let p = &out.problems[0];
    assert!(p.at.path.ends_with(".k9s"), "{p:?}");
    assert_eq!(p.at.line, Some(21), "{p:?}");
}

#[test]
fn truncated_export_reports_where_it_stops() {
    for cut in (0..POP3.len()).step_by(37) {
        let out = read_bytes(&POP3.as_bytes()[..cut]);
        assert!(out.accesses.len() <= 2);
        if cut < POP3.len() - 20 {
            assert!(!out.problems.is_empty(), "cut at {cut} reported nothing");
        }
    }
    let cut = POP3.find("<account uuid=\"a-2\">").unwrap() + 30;
    let out = read_bytes(&POP3.as_bytes()[..cut]);
    assert_eq!(out.accesses.len(), 1);
    assert!(out.problems[0].at.line.is_some());
}

#[test]
fn dtd_and_entities_are_never_expanded() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE k9settings [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<k9settings version="1" format="1"><accounts><account uuid="x">
<incoming-server type="POP3"><host>&xxe;</host><username>&lol2;</username></incoming-server>
</account></accounts></k9settings>"#;
    let out = read_bytes(laughs.as_bytes());
    assert!(out.accesses.is_empty());
    assert_eq!(out.problems[0].at.line, Some(6), "{:?}", out.problems);
    assert!(out.problems[0].message.contains("DTD"));

    let no_dtd = r#"<k9settings version="1" format="1"><accounts><account uuid="x">
<incoming-server type="POP3"><host>&xxe;</host><username>u@x.jp</username></incoming-server>
</account></accounts></k9settings>"#;
    let out = read_bytes(no_dtd.as_bytes());
    assert!(
        out.problems.iter().any(|p| p.at.line == Some(2)),
        "{:?}",
        out.problems
    );
    assert!(!out.accesses.iter().any(|a| a.host.contains("root:")));
}

#[test]
fn hostile_shapes_never_panic() {
    let deep = format!(
        "<k9settings version=\"1\" format=\"1\">{}",
        "<a>".repeat(100_000)
    );
    let out = read_bytes(deep.as_bytes());
    assert!(out.problems[0].message.contains("nested"));

    let long_host = format!(
        "<k9settings version=\"1\" format=\"1\"><accounts><account uuid=\"x\"><incoming-server type=\"IMAP\"><host>{}</host><username>u</username></incoming-server></account></accounts></k9settings>",
        "h".repeat(2_000_000)
    );
    let out = read_bytes(long_host.as_bytes());
    assert!(out.accesses[0].host.len() <= 1024);

    for junk in [
        &b""[..],
        b"\xff\xfe\x00\x00garbage",
        b"<<<<>>>>",
        b"<k9settings",
        b"<k9settings version=\"x\" format=\"1\"/>",
        b"<k9settings version=\"1\" format=\"1\"><accounts><account><incoming-server/></account></accounts></k9settings>",
        b"<other/>",
        b"\x00\x01\x02\x03",
    ] {
        let out = read_bytes(junk);
        assert!(out.accesses.is_empty());
        assert!(!out.problems.is_empty(), "{junk:?} reported nothing");
    }
}

#[test]
fn utf16_export_is_read_and_flagged() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in POP3
        .replace("encoding='UTF-8'", "encoding='UTF-16'")
        .encode_utf16()
    {
        bytes.extend(u.to_le_bytes());
    }
    let out = read_bytes(&bytes);
    assert_eq!(out.accesses.len(), 2);
    assert!(out.problems.iter().any(|p| p.message.contains("not UTF-8")));
}

#[test]
fn files_over_the_size_cap_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.k9s");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(sources::MAX_FILE_BYTES + 1).unwrap();
    let out = read_file(&path);
    assert!(out.accesses.is_empty());
    assert!(out.problems[0].message.contains("limit"));
}

#[derive(Debug, Clone)]
struct Spec {
    name: String,
    pop3: bool,
    host: String,
    port: Option<u16>,
    security: usize,
    username: String,
    delete_policy: Option<usize>,
    interval: Option<i32>,
}

const SECURITIES: [(&str, Security); 3] = [
    ("NONE", Security::None),
    ("STARTTLS_REQUIRED", Security::Starttls),
    ("SSL_TLS_REQUIRED", Security::Tls),
];
const POLICIES: [&str; 3] = ["NEVER", "DELETE", "MARK_AS_READ"];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn render(specs: &[Spec]) -> String {
    let mut x = String::from("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<k9settings version=\"111\" format=\"1\">\n<accounts>\n");
    for (i, s) in specs.iter().enumerate() {
        x += &format!(
            "<account uuid=\"u{i}\">\n<name>{}</name>\n",
            escape(&s.name)
        );
        x += &format!(
            "<incoming-server type=\"{}\">\n<host>{}</host>\n",
            if s.pop3 { "POP3" } else { "IMAP" },
            escape(&s.host)
        );
        if let Some(p) = s.port {
            x += &format!("<port>{p}</port>\n");
        }
        x += &format!(
            "<connection-security>{}</connection-security>\n<authentication-type>PLAIN</authentication-type>\n<username>{}</username>\n</incoming-server>\n<settings>\n",
            SECURITIES[s.security].0,
            escape(&s.username)
        );
        if let Some(d) = s.delete_policy {
            x += &format!("<value key=\"deletePolicy\">{}</value>\n", POLICIES[d]);
        }
        if let Some(n) = s.interval {
            x += &format!("<value key=\"automaticCheckIntervalMinutes\">{n}</value>\n");
        }
        x += "</settings>\n</account>\n";
    }
    x + "</accounts>\n</k9settings>\n"
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        "[^\\x00-\\x1f]{1,20}",
        any::<bool>(),
        "[a-z0-9][a-z0-9.-]{0,30}",
        proptest::option::of(1u16..),
        0usize..3,
        "[a-zA-Z0-9._@+-]{1,30}",
        proptest::option::of(0usize..3),
        proptest::option::of(-1i32..1000),
    )
        .prop_map(
            |(name, pop3, host, port, security, username, delete_policy, interval)| Spec {
                name,
                pop3,
                host,
                port,
                security,
                username,
                delete_policy,
                interval,
            },
        )
}

fn check(spec: &Spec, a: &Access) {
    assert_eq!(a.account, spec.name.trim());
    assert_eq!(a.host, spec.host);
    assert_eq!(a.username, spec.username);
    assert_eq!(a.security, SECURITIES[spec.security].1);
    if let Some(p) = spec.port {
        assert_eq!(a.port, Some(p));
    }
    match spec.interval {
        Some(n) if n > 0 => assert_eq!(a.fetch.interval_minutes, Some(n as u32)),
        Some(_) => assert!(!a.fetch.automatic),
        None => assert_eq!(a.fetch.interval_minutes, Some(15)),
    }
    if spec.pop3 {
        let r = a.retention.as_ref().unwrap();
        assert!(r.leave_on_server);
        assert_eq!(r.delete_when_deleted_locally, spec.delete_policy == Some(1));
    } else {
        assert!(a.retention.is_none());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn rendered_exports_read_back(specs in proptest::collection::vec(spec(), 0..4)) {
        prop_assume!(specs.iter().all(|s| !s.name.trim().is_empty()));
        let (accesses, problems) = k9::parse(render(&specs).as_bytes(), "p.k9s");
        prop_assert!(problems.is_empty(), "{:?}", problems);
        prop_assert_eq!(accesses.len(), specs.len());
        for (s, a) in specs.iter().zip(&accesses) {
            check(s, a);
        }
    }

    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = k9::parse(&bytes, "p.k9s");
    }

    #[test]
    fn any_cut_of_a_good_export_never_panics(cut in 0usize..POP3.len()) {
        let (accesses, problems) = k9::parse(&POP3.as_bytes()[..cut], "p.k9s");
        prop_assert!(accesses.len() <= 2);
        prop_assert!(accesses.len() == 2 || !problems.is_empty());
    }
}
