//! Outlook, PRF and Windows Mail readers on the real sample files of the shared corpus.

mod support;

use mailaudit::model::{Auth, Client, Field, Origin, Protocol, Security};
use mailaudit::report::i18n::assumptions::English;
use mailaudit::sources::{self, Ctx, Input, Kind, Readout};
use std::path::{Path, PathBuf};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/outlook");

fn corpus() -> Option<PathBuf> {
    let p = PathBuf::from(CORPUS);
    if p.is_dir() {
        Some(p)
    } else {
        support::skip(format_args!(
            "corpus folder {CORPUS} is absent: test skipped"
        ));
        None
    }
}

fn read(dir: &Path, name: &str, kind: Kind) -> Readout {
    let ctx = Ctx {
        root: dir.to_path_buf(),
    };
    let path = dir.join(name);
    let input = Input {
        kind,
        rel: ctx.rel(&path),
        path,
    };
    sources::read(&input, &ctx)
}

#[test]
fn two_real_exports_yield_three_pop3_accounts_keeping_14_days() {
    let Some(dir) = corpus() else { return };
    let one = read(&dir, "reg16-pop-1acct-fabriq.reg", Kind::RegistryExport);
    let two = read(&dir, "reg16-pop-2acct-fabriq.reg", Kind::RegistryExport);
    assert!(one.problems.is_empty(), "{:?}", one.problems);
    assert!(two.problems.is_empty(), "{:?}", two.problems);
    let all: Vec<_> = one.accesses.iter().chain(&two.accesses).collect();
    let names: Vec<&str> = all.iter().map(|a| a.account.as_str()).collect();
    assert_eq!(
        names,
        [
            "yamada@exmpl.co.jp",
            "yamada@exmpl.co.jp (1)",
            "sales1@exmpl.co.jp"
        ]
    );
    for a in &all {
        assert_eq!(a.client, Client::Outlook);
        assert_eq!(a.protocol, Protocol::Pop3);
        assert_eq!(a.host, "sv3061.xserver.jp");
        assert!(a.password_stored);
        let r = a.retention.as_ref().unwrap();
        assert!(r.leave_on_server);
        assert_eq!(r.delete_after_days, Some(14));
        assert!(!r.delete_when_deleted_locally);
        assert!(matches!(
            a.provenance[&Field::LeaveOnServer],
            Origin::File { line: Some(_), .. }
        ));
        assert_eq!(a.outgoing[0].host, "sv3061.xserver.jp");
    }
    let first = &one.accesses[0];
    assert_eq!(first.username, "yamada@exmpl.co.jp");
    assert_eq!(first.port, Some(995));
    assert_eq!(first.security, Security::Tls);
    assert_eq!(first.auth, Auth::PasswordCleartext);
    assert_eq!(first.outgoing[0].port, Some(465));
    assert_eq!(first.outgoing[0].security, Security::Tls);
    assert_eq!(first.source.path, "reg16-pop-1acct-fabriq.reg");
    let sales = &two.accesses[1];
    assert_eq!(sales.username, "sales1@exmpl.co.jp");
    assert_eq!(sales.identities, ["sales1@exmpl.co.jp"]);
    // No POP3 Port / POP3 Use SSL in the second capture: Outlook's defaults.
    assert_eq!(sales.port, Some(110));
    assert_eq!(sales.security, Security::None);
    assert_eq!(
        sales.provenance[&Field::Port],
        Origin::ClientDefault {
            client: "outlook".into()
        }
    );
    assert_eq!(sales.outgoing[0].port, Some(587));
    assert_eq!(sales.outgoing[0].security, Security::Starttls);
}

#[test]
fn leave_on_server_line_points_at_the_value() {
    let Some(dir) = corpus() else { return };
    let r = read(&dir, "reg16-pop-1acct-fabriq.reg", Kind::RegistryExport);
    let Origin::File {
        line: Some(line), ..
    } = &r.accesses[0].provenance[&Field::LeaveOnServer]
    else {
        panic!("no file origin");
    };
    let bytes = std::fs::read(dir.join("reg16-pop-1acct-fabriq.reg")).unwrap();
    let text = mailaudit::text::decode(&bytes, mailaudit::text::Fallback::Ansi).text;
    let shown = mailaudit::sources::ini::split_lines(&text)
        .nth(*line as usize - 1)
        .unwrap();
    assert_eq!(shown, "\"Leave on Server\"=dword:000e0003");
}

#[test]
fn outlook_2000_prf_account_without_retention_keys_is_assumed_to_remove() {
    let Some(dir) = corpus() else { return };
    let r = read(
        &dir,
        "prf-kb259957-outlook2000-sample.prf",
        Kind::OutlookPrf,
    );
    // Wrapped comment lines outside [Account1] are ignored as Outlook ignores them.
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.accesses.len(), 1);
    let a = &r.accesses[0];
    assert_eq!(a.account, "PopAccount");
    assert_eq!(a.protocol, Protocol::Pop3);
    assert_eq!(a.host, "MyPOPServer");
    assert_eq!(a.identities, ["someone@microsoft.com"]);
    assert_eq!(a.username, "someone@microsoft.com");
    assert_eq!(a.outgoing[0].host, "MySMTPServer");
    assert!(!a.retention.as_ref().unwrap().leave_on_server);
    assert!(matches!(
        a.provenance[&Field::LeaveOnServer],
        Origin::Assumed { .. }
    ));
    assert!(a
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("LeaveOnServer")));
}

#[test]
fn office_customization_tool_prf_without_accounts_reads_cleanly() {
    let Some(dir) = corpus() else { return };
    let r = read(&dir, "prf-custom16-outlookprofiler.prf", Kind::OutlookPrf);
    assert!(r.accesses.is_empty());
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn windows_mail_imap_example_ignores_its_pop3_retention_elements() {
    let Some(dir) = corpus() else { return };
    let r = read(
        &dir,
        "oeaccount-msdocs-imap-example.oeaccount",
        Kind::OeAccount,
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let a = &r.accesses[0];
    assert_eq!(a.client, Client::WindowsLiveMail);
    assert_eq!(a.account, "donhallimap");
    assert_eq!(a.protocol, Protocol::Imap);
    assert_eq!(a.host, "mail.wingtiptoys.com");
    assert_eq!(a.username, "don");
    assert_eq!(a.port, Some(0x3e1));
    assert_eq!(a.security, Security::Tls);
    assert_eq!(a.auth, Auth::PasswordEncrypted);
    assert!(a.retention.is_none());
    assert_eq!(a.outgoing[0].port, Some(25));
    assert_eq!(a.identities, ["don@wingtiptoys.com"]);
}

#[test]
fn windows_mail_template_has_no_server_and_true_false_dwords_parse() {
    let Some(dir) = corpus() else { return };
    let r = read(&dir, "oeaccount-msdocs-template.oeaccount", Kind::OeAccount);
    assert!(r.accesses.is_empty());
    // Only "no server": TRUE/FALSE inside DWORD elements are not problems.
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(r.problems[0]
        .message
        .contains("no POP3_Server or IMAP_Server"));
}
