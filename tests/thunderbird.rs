//! Thunderbird profiles: effective settings from prefs.js / user.js, accounts, popstate.dat.

mod support;

use mailaudit::model::{Access, Auth, Effect, Field, Origin, Protocol, Security};
use mailaudit::report::i18n::assumptions::English;
use mailaudit::sources::{thunderbird, Ctx, Input, Kind, Readout};
use std::fs;
use std::path::Path;
use tempfile::TempDir;

const PROFILE: &str = "PC-A/.thunderbird/abcd1234.default";

/// A POP3 account `account1` on `server1` plus Local Folders; `extra` lines are appended.
fn pop_prefs(extra: &str) -> String {
    format!(
        r#"// Mozilla User Preferences
user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.accountmanager.accounts", "account1,account2");
user_pref("mail.identity.id1.useremail", "info@example.jp");
user_pref("mail.server.server1.hostname", "pop.example.jp");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.userName", "info@example.jp");
user_pref("mail.server.server2.hostname", "Local Folders");
user_pref("mail.server.server2.type", "none");
user_pref("mail.server.server2.userName", "nobody");
{extra}"#
    )
}

struct Fixture {
    _dir: TempDir,
    ctx: Ctx,
    input: Input,
}

fn fixture(files: &[(&str, &[u8])]) -> Fixture {
    let dir = TempDir::new().unwrap();
    let profile = dir.path().join(PROFILE);
    fs::create_dir_all(&profile).unwrap();
    for (name, bytes) in files {
        let p = profile.join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    let ctx = Ctx {
        root: dir.path().to_path_buf(),
    };
    let input = Input {
        kind: Kind::ThunderbirdProfile,
        rel: ctx.rel(&profile),
        path: profile,
    };
    Fixture {
        _dir: dir,
        ctx,
        input,
    }
}

fn read(files: &[(&str, &[u8])]) -> Readout {
    let f = fixture(files);
    thunderbird::read_profile(&f.input, &f.ctx)
}

fn only(out: &Readout) -> &Access {
    assert_eq!(out.accesses.len(), 1, "accesses: {:#?}", out.accesses);
    &out.accesses[0]
}

fn prefs_rel() -> String {
    format!("{PROFILE}/prefs.js")
}

#[test]
fn absent_leave_on_server_removes_at_download() {
    let out = read(&[("prefs.js", pop_prefs("").as_bytes())]);
    let a = only(&out);
    assert_eq!(a.account, "account1");
    assert_eq!(a.protocol, Protocol::Pop3);
    assert_eq!(a.host, "pop.example.jp");
    assert_eq!(a.username, "info@example.jp");
    let r = a.retention.as_ref().unwrap();
    assert!(!r.leave_on_server);
    assert_eq!(a.effect(), Some(Effect::RemovesAtDownload));
    assert_eq!(
        a.provenance[&Field::LeaveOnServer],
        Origin::ClientDefault {
            client: "thunderbird".into()
        }
    );
    // The access points at the line that defines the server's type.
    assert_eq!(a.source.path, prefs_rel());
    assert_eq!(a.source.line, Some(8));
    assert_eq!(a.identities, vec!["info@example.jp".to_string()]);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
}

#[test]
fn string_true_is_ignored_and_said() {
    let p = pop_prefs(r#"user_pref("mail.server.server1.leave_on_server", "true");"#);
    let out = read(&[("prefs.js", p.as_bytes())]);
    let a = only(&out);
    assert!(!a.retention.as_ref().unwrap().leave_on_server);
    assert!(
        a.assumptions.english().iter().any(|s| s
            .contains("mail.server.server1.leave_on_server is the string \"true\"")
            && s.contains("Thunderbird ignores")
            && s.contains("the default (false) applies")),
        "{:?}",
        a.assumptions
    );
}

#[test]
fn user_js_beats_prefs_js() {
    let p = pop_prefs(r#"user_pref("mail.server.server1.leave_on_server", true);"#);
    let u = "// office policy\nuser_pref(\"mail.server.server1.leave_on_server\", false);\n";
    let out = read(&[("prefs.js", p.as_bytes()), ("user.js", u.as_bytes())]);
    let a = only(&out);
    assert!(!a.retention.as_ref().unwrap().leave_on_server);
    assert_eq!(
        a.provenance[&Field::LeaveOnServer],
        Origin::at(&format!("{PROFILE}/user.js"), 2)
    );
    assert!(out.also_read.contains(&format!("{PROFILE}/user.js")));
}

#[test]
fn user_set_default_applies_to_servers_without_their_own_value() {
    let extra = r#"user_pref("mail.server.default.leave_on_server", true);
user_pref("mail.account.account3.server", "server3");
user_pref("mail.accountmanager.accounts", "account1,account2,account3");
user_pref("mail.server.server3.hostname", "pop.example.jp");
user_pref("mail.server.server3.type", "pop3");
user_pref("mail.server.server3.userName", "sales@example.jp");
user_pref("mail.server.server3.leave_on_server", false);"#;
    let out = read(&[("prefs.js", pop_prefs(extra).as_bytes())]);
    assert_eq!(out.accesses.len(), 2);
    let a1 = &out.accesses[0];
    let a3 = &out.accesses[1];
    assert_eq!(a1.account, "account1");
    assert!(a1.retention.as_ref().unwrap().leave_on_server);
    assert_eq!(
        a1.provenance[&Field::LeaveOnServer],
        Origin::at(&prefs_rel(), 13)
    );
    assert_eq!(a3.account, "account3");
    assert!(!a3.retention.as_ref().unwrap().leave_on_server);
}

#[test]
fn by_age_without_a_day_count_means_seven_days() {
    let extra = r#"user_pref("mail.server.server1.leave_on_server", true);
user_pref("mail.server.server1.delete_by_age_from_server", true);"#;
    let out = read(&[("prefs.js", pop_prefs(extra).as_bytes())]);
    let a = only(&out);
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, Some(7));
    assert_eq!(a.effect(), Some(Effect::KeepsDays(7)));
    assert_eq!(
        a.provenance[&Field::DeleteAfterDays],
        Origin::at(&prefs_rel(), 14)
    );
}

#[test]
fn day_count_without_the_checkbox_removes_nothing_by_age() {
    let extra = r#"user_pref("mail.server.server1.leave_on_server", true);
user_pref("mail.server.server1.num_days_to_leave_on_server", 14);"#;
    let out = read(&[("prefs.js", pop_prefs(extra).as_bytes())]);
    let a = only(&out);
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, None);
    assert_eq!(a.effect(), Some(Effect::KeepsForever));
}

#[test]
fn zero_days_disables_and_negative_days_remove_at_next_fetch() {
    let zero = r#"user_pref("mail.server.server1.leave_on_server", true);
user_pref("mail.server.server1.delete_by_age_from_server", true);
user_pref("mail.server.server1.num_days_to_leave_on_server", 0);"#;
    let out = read(&[("prefs.js", pop_prefs(zero).as_bytes())]);
    let a = only(&out);
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, None);
    assert!(
        a.assumptions.english().iter().any(|s| s.contains("is 0")),
        "{:?}",
        a.assumptions
    );

    let neg = zero.replace(", 0);", ", -2);");
    let out = read(&[("prefs.js", pop_prefs(&neg).as_bytes())]);
    let a = only(&out);
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, Some(-2));
    assert_eq!(a.effect(), Some(Effect::RemovesAtDownload));
    assert!(
        a.assumptions
            .english()
            .iter()
            .any(|s| s.contains("next fetch")),
        "{:?}",
        a.assumptions
    );
}

#[test]
fn delete_locally_headers_only_and_size_limit() {
    let extra = r#"user_pref("mail.server.server1.leave_on_server", true);
user_pref("mail.server.server1.delete_mail_left_on_server", true);
user_pref("mail.server.server1.headers_only", true);
user_pref("mail.server.server1.limit_offline_message_size", true);"#;
    let out = read(&[("prefs.js", pop_prefs(extra).as_bytes())]);
    let r = only(&out).retention.clone().unwrap();
    assert!(r.delete_when_deleted_locally);
    assert!(r.headers_only);
    assert_eq!(r.size_limit_kib, Some(50));
}

fn port_and_security(extra: &str) -> (Option<u16>, Security, Vec<String>) {
    let out = read(&[("prefs.js", pop_prefs(extra).as_bytes())]);
    let a = only(&out);
    (a.port, a.security, a.assumptions.english().clone())
}

#[test]
fn port_defaults_follow_the_socket_type() {
    assert_eq!(port_and_security("").0, Some(110));
    let tls = r#"user_pref("mail.server.server1.socketType", 3);"#;
    assert_eq!(port_and_security(tls), (Some(995), Security::Tls, vec![]));
    let one = format!("{tls}\nuser_pref(\"mail.server.server1.port\", 1);");
    assert_eq!(port_and_security(&one).0, Some(995));
    let own = format!("{tls}\nuser_pref(\"mail.server.server1.port\", 1995);");
    assert_eq!(port_and_security(&own).0, Some(1995));
    let out = read(&[("prefs.js", pop_prefs("").as_bytes())]);
    assert_eq!(
        only(&out).provenance[&Field::Port],
        Origin::ClientDefault {
            client: "thunderbird".into()
        }
    );
}

#[test]
fn imap_ports_and_no_retention() {
    let p = pop_prefs("").replace("\"pop3\"", "\"imap\"");
    let out = read(&[("prefs.js", p.as_bytes())]);
    let a = only(&out);
    assert_eq!(a.protocol, Protocol::Imap);
    assert_eq!(a.port, Some(143));
    assert!(a.retention.is_none());
    let tls = format!(
        "{}\nuser_pref(\"mail.server.server1.socketType\", 3);",
        p.trim_end()
    );
    let out = read(&[("prefs.js", tls.as_bytes())]);
    assert_eq!(only(&out).port, Some(993));
}

#[test]
fn socket_type_and_legacy_is_secure() {
    let st = |v: &str| {
        port_and_security(&format!(
            "user_pref(\"mail.server.server1.socketType\", {v});"
        ))
    };
    assert_eq!(st("0").1, Security::None);
    assert_eq!(st("2").1, Security::Starttls);
    let (_, sec, notes) = st("1");
    assert_eq!(sec, Security::Starttls);
    assert!(
        notes.iter().any(|n| n.contains("try STARTTLS")),
        "{notes:?}"
    );
    let secure = r#"user_pref("mail.server.server1.isSecure", true);"#;
    assert_eq!(port_and_security(secure).0, Some(995));
    assert_eq!(port_and_security(secure).1, Security::Tls);
    // isSecure only counts when socketType is absent.
    let both = format!("{secure}\nuser_pref(\"mail.server.server1.socketType\", 0);");
    assert_eq!(port_and_security(&both).1, Security::None);
}

#[test]
fn wrong_type_default_is_ignored() {
    let extra = r#"user_pref("mail.server.default.check_time", "5");
user_pref("mail.server.default.leave_on_server", "true");
user_pref("mail.server.server1.download_on_biff", true);"#;
    let out = read(&[("prefs.js", pop_prefs(extra).as_bytes())]);
    let a = only(&out);
    assert!(!a.retention.as_ref().unwrap().leave_on_server);
    assert_eq!(a.fetch.interval_minutes, Some(10));
    assert!(
        a.assumptions
            .english()
            .iter()
            .any(|s| s.contains("mail.server.default.check_time is the string \"5\"")),
        "{:?}",
        a.assumptions
    );
}

#[test]
fn auth_methods() {
    let auth = |v: i32| {
        let out = read(&[(
            "prefs.js",
            pop_prefs(&format!(
                "user_pref(\"mail.server.server1.authMethod\", {v});"
            ))
            .as_bytes(),
        )]);
        only(&out).auth
    };
    assert_eq!(
        only(&read(&[("prefs.js", pop_prefs("").as_bytes())])).auth,
        Auth::PasswordCleartext
    );
    assert_eq!(auth(4), Auth::PasswordEncrypted);
    assert_eq!(auth(10), Auth::Oauth2);
    assert_eq!(auth(6), Auth::Ntlm);
    assert_eq!(auth(1), Auth::None);
    assert_eq!(auth(9), Auth::Unknown);
}

#[test]
fn pop3_fetches_on_its_own_only_when_biff_downloads() {
    let out = read(&[("prefs.js", pop_prefs("").as_bytes())]);
    let f = &only(&out).fetch;
    assert!(
        !f.automatic,
        "check without download_on_biff only counts new mail"
    );
    assert_eq!(f.interval_minutes, None);
    let extra = r#"user_pref("mail.server.server1.download_on_biff", true);
user_pref("mail.server.server1.check_time", 15);
user_pref("mail.server.server1.login_at_startup", true);"#;
    let out = read(&[("prefs.js", pop_prefs(extra).as_bytes())]);
    let f = &only(&out).fetch;
    assert!(f.automatic && f.at_startup);
    assert_eq!(f.interval_minutes, Some(15));
    let off = format!("{extra}\nuser_pref(\"mail.server.server1.check_new_mail\", false);");
    let out = read(&[("prefs.js", pop_prefs(&off).as_bytes())]);
    let f = &only(&out).fetch;
    assert!(!f.automatic && f.at_startup);
}

#[test]
fn accounts_list_rules() {
    let p = r#"user_pref("mail.accountmanager.accounts", "account1, account1,account9,account2,account3,account4");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.account.account2.server", "server1");
user_pref("mail.account.account3.server", "server3");
user_pref("mail.account.account4.server", "server4");
user_pref("mail.server.server1.hostname", "pop.example.jp");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.userName", "a");
user_pref("mail.server.server3.hostname", "news.example.jp");
user_pref("mail.server.server3.type", "nntp");
user_pref("mail.server.server4.hostname", "Feeds");
user_pref("mail.server.server4.type", "rss");
"#;
    let out = read(&[("prefs.js", p.as_bytes())]);
    let a = only(&out);
    assert_eq!(a.account, "account1");
    let msgs: Vec<&str> = out.problems.iter().map(|p| p.message.as_str()).collect();
    assert!(msgs.iter().any(|m| m.contains("account9")), "{msgs:?}");
    assert!(
        msgs.iter()
            .any(|m| m.contains("account2") && m.contains("account1 already uses")),
        "{msgs:?}"
    );
    assert_eq!(out.problems.len(), 2, "{msgs:?}");
}

#[test]
fn identities_and_smtp_servers() {
    let extra = r#"user_pref("mail.account.account1.identities", "id1,id2");
user_pref("mail.identity.id2.useremail", "sales@example.jp");
user_pref("mail.identity.id2.smtpServer", "smtp2");
user_pref("mail.smtpservers", "smtp1,smtp2");
user_pref("mail.smtpserver.smtp1.hostname", "smtp.example.jp");
user_pref("mail.smtpserver.smtp1.try_ssl", 3);
user_pref("mail.smtpserver.smtp2.hostname", "smtp2.example.jp");
user_pref("mail.smtpserver.smtp2.authMethod", 4);
user_pref("mail.smtpserver.smtp2.try_ssl", 2);"#;
    let out = read(&[("prefs.js", pop_prefs(extra).as_bytes())]);
    let a = only(&out);
    assert_eq!(a.identities, vec!["info@example.jp", "sales@example.jp"]);
    assert_eq!(a.outgoing.len(), 2);
    assert_eq!(a.outgoing[0].host, "smtp.example.jp");
    assert_eq!(a.outgoing[0].port, Some(465));
    assert_eq!(a.outgoing[0].security, Security::Tls);
    assert_eq!(a.outgoing[1].host, "smtp2.example.jp");
    assert_eq!(a.outgoing[1].port, Some(587));
    assert_eq!(a.outgoing[1].security, Security::Starttls);
    assert_eq!(a.outgoing[1].auth, Auth::PasswordEncrypted);
}

#[test]
fn a_broken_statement_keeps_all_others_and_names_its_line() {
    let p = pop_prefs("user_pref(\"mail.server.server1.leave_on_server\" true);\nuser_pref(\"mail.server.server1.socketType\", 3);\n");
    let out = read(&[("prefs.js", p.as_bytes())]);
    let a = only(&out);
    assert_eq!(a.security, Security::Tls);
    assert!(!a.retention.as_ref().unwrap().leave_on_server);
    assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
    assert_eq!(out.problems[0].at.line, Some(13));
    assert_eq!(out.problems[0].at.path, prefs_rel());
    assert!(out.problems[0].message.starts_with("prefs parse error: "));
}

#[test]
fn bom_is_noted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(
        pop_prefs("")
            .trim_start_matches("// Mozilla User Preferences\n")
            .bytes(),
    );
    let out = read(&[("prefs.js", &bytes)]);
    let a = only(&out);
    assert_eq!(a.host, "pop.example.jp");
    assert!(
        out.problems.iter().any(|p| p.at.line == Some(1)
            && p.message.contains("byte-order mark")
            && p.message.contains("115")),
        "{:?}",
        out.problems
    );
    assert!(a
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("mail.account.account1.identities")));
}

#[test]
fn utf16_user_js_is_reported_and_not_applied() {
    let mut u16 = vec![0xFF, 0xFE];
    for unit in "user_pref(\"mail.server.server1.leave_on_server\", true);\r\n".encode_utf16() {
        u16.extend(unit.to_le_bytes());
    }
    let out = read(&[("prefs.js", pop_prefs("").as_bytes()), ("user.js", &u16)]);
    assert!(!only(&out).retention.as_ref().unwrap().leave_on_server);
    assert!(out.problems.iter().any(|p| p.message.contains("UTF-16LE")));
}

#[test]
fn user_js_alone_defines_no_account_and_says_so() {
    let out = read(&[(
        "user.js",
        b"user_pref(\"mail.server.server1.check_time\", 5);\n" as &[u8],
    )]);
    assert!(out.accesses.is_empty());
    assert_eq!(out.problems.len(), 1);
    assert!(out.problems[0].message.contains("no account list"));
}

#[test]
fn garbage_never_panics() {
    for bytes in [
        &b""[..],
        b"\x00\x00\x00",
        b"user_pref(",
        b"user_pref(\"mail.accountmanager.accounts\", 5);",
        b"user_pref(\"mail.accountmanager.accounts\", \",,,\");",
        b"\xff\xfe\xfd garbage \xc3",
    ] {
        let _ = read(&[("prefs.js", bytes)]);
    }
}

const POPSTATE: &str = "# POP3 State File\r\n# This is a generated file!  Do not edit.\r\n\r\n*pop.example.jp info@example.jp\r\nk UIDL-1 1700000000\r\nk UIDL-2 1700086400\r\nb BIG 1700000100\r\nd GONE 1700000200";

#[test]
fn popstate_in_directory_rel_is_attached() {
    let extra = r#"user_pref("mail.server.server1.directory-rel", "[ProfD]Mail/pop.example-1.jp");
user_pref("mail.server.server1.leave_on_server", true);"#;
    let out = read(&[
        ("prefs.js", pop_prefs(extra).as_bytes()),
        ("Mail/pop.example-1.jp/popstate.dat", POPSTATE.as_bytes()),
        // A stale folder named after the host must not be used when directory-rel is set.
        (
            "Mail/pop.example.jp/popstate.dat",
            b"*pop.example.jp info@example.jp\nk X 1\n",
        ),
    ]);
    let a = only(&out);
    let st = a.server_state.as_ref().expect("popstate attached");
    assert_eq!((st.kept, st.partial, st.marked_for_delete), (2, 1, 1));
    assert_eq!(st.oldest, Some(1_700_000_000));
    assert_eq!(st.newest, Some(1_700_086_400));
    let rel = format!("{PROFILE}/Mail/pop.example-1.jp/popstate.dat");
    assert_eq!(st.source.path, rel);
    assert!(out.also_read.contains(&rel));
}

#[test]
fn popstate_falls_back_to_the_host_folder_and_reports_garbage() {
    let state = "*pop.example.jp info@example.jp\nk A 100\nthis is not an entry at all\nz B 200\nk C soon\nk D 300\n";
    let out = read(&[
        ("prefs.js", pop_prefs("").as_bytes()),
        ("Mail/pop.example.jp/popstate.dat", state.as_bytes()),
    ]);
    let a = only(&out);
    let st = a.server_state.as_ref().unwrap();
    assert_eq!(st.kept, 3);
    assert_eq!(st.oldest, Some(100));
    assert_eq!(st.newest, Some(300));
    let lines: Vec<Option<u32>> = out.problems.iter().map(|p| p.at.line).collect();
    assert_eq!(lines, vec![Some(3), Some(4), Some(5)], "{:?}", out.problems);
}

#[test]
fn legacy_multi_section_popstate_uses_the_matching_section() {
    let state = "# POP3 State File\n\n*old.example.jp info\nk OLD1 50\nk OLD2 60\n*pop.example.jp info@example.jp\nk NEW 1000\nd DEL 1100\n";
    let out = read(&[
        ("prefs.js", pop_prefs("").as_bytes()),
        ("Mail/pop.example.jp/popstate.dat", state.as_bytes()),
    ]);
    let st = only(&out).server_state.clone().unwrap();
    assert_eq!((st.kept, st.marked_for_delete), (1, 1));
    assert_eq!(st.oldest, Some(1000));
    assert_eq!(st.source.line, Some(6));
}

#[test]
fn directory_rel_cannot_escape_the_profile() {
    let extra = r#"user_pref("mail.server.server1.directory-rel", "[ProfD]../../../outside");"#;
    let f = fixture(&[("prefs.js", pop_prefs(extra).as_bytes())]);
    let outside = f.ctx.root.join("PC-A/outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("popstate.dat"), POPSTATE).unwrap();
    let out = thunderbird::read_profile(&f.input, &f.ctx);
    assert!(only(&out).server_state.is_none());
}

// ---- corpus ----------------------------------------------------------------------------------

fn corpus() -> Option<std::path::PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/thunderbird"
    ));
    if dir.is_dir() {
        Some(dir.to_path_buf())
    } else {
        support::skip(format_args!(
            "corpus folder ../shared/corpus/thunderbird is absent; skipping"
        ));
        None
    }
}

fn read_corpus(name: &str, as_name: &str) -> Option<Readout> {
    let dir = corpus()?;
    let bytes = fs::read(dir.join(name)).unwrap();
    Some(read(&[(as_name, &bytes)]))
}

#[test]
fn corpus_bloat_and_perf_pop3_account() {
    for (file, email) in [
        (
            "cc-bloat-mailnewsTestPrefs.prefs.js",
            "tinderbox@foo.invalid",
        ),
        (
            "cc-perf-common-mailnewsTestPrefs.prefs.js",
            "tinderbox@invalid.com",
        ),
    ] {
        let Some(out) = read_corpus(file, "prefs.js") else {
            return;
        };
        assert!(out.problems.is_empty(), "{file}: {:?}", out.problems);
        let a = only(&out);
        assert_eq!(a.account, "account2");
        assert_eq!(a.protocol, Protocol::Pop3);
        assert_eq!(a.host, "tinderbox");
        assert_eq!(a.username, "tinderbox");
        assert_eq!(a.port, Some(110));
        assert_eq!(a.security, Security::None);
        assert_eq!(a.identities, vec![email.to_string()]);
        assert_eq!(a.outgoing.len(), 1);
        assert_eq!(a.outgoing[0].host, "tinderbox");
        assert_eq!(a.outgoing[0].port, Some(587));
        // check_new_mail is false: no automatic fetch.
        assert!(!a.fetch.automatic);
        assert_eq!(a.effect(), Some(Effect::RemovesAtDownload));
    }
}

#[test]
fn corpus_mozmill_imap_gmail() {
    let Some(out) = read_corpus("cc-mozmill-migration-from-tb2.prefs.js", "prefs.js") else {
        return;
    };
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let a = only(&out);
    assert_eq!(a.account, "account2");
    assert_eq!(a.protocol, Protocol::Imap);
    assert_eq!(a.host, "imap.gmail.com");
    assert_eq!(a.username, "blaketestwinton");
    assert_eq!(a.port, Some(993));
    assert_eq!(a.security, Security::Tls);
    assert!(a.retention.is_none());
    assert_eq!(a.identities, vec!["blaketestwinton@gmail.com".to_string()]);
    // id4 names smtp2 explicitly.
    assert_eq!(a.outgoing.len(), 1);
    assert_eq!(a.outgoing[0].host, "smtp.gmail.com");
    assert_eq!(a.outgoing[0].port, Some(587));
    assert_eq!(a.outgoing[0].security, Security::Starttls);
}

#[test]
fn corpus_distroastro_has_only_local_folders_and_feeds() {
    let Some(out) = read_corpus("distroastro-tb-profile-upstream.prefs.js", "prefs.js") else {
        return;
    };
    assert!(out.accesses.is_empty());
    assert!(out.problems.is_empty(), "{:?}", out.problems);
}

#[test]
fn corpus_user_js_files_parse_and_define_no_accounts() {
    for file in [
        "nobuto-m-dotfiles.user.prefs.js",
        "floeff-thunderbird-configuration.user.prefs.js",
        "horlogeskynet-thunderbird-user.user.prefs.js",
    ] {
        let Some(out) = read_corpus(file, "user.js") else {
            return;
        };
        assert!(out.accesses.is_empty(), "{file}");
        let parse_errors: Vec<_> = out
            .problems
            .iter()
            .filter(|p| p.message.starts_with("prefs parse error"))
            .collect();
        assert!(parse_errors.is_empty(), "{file}: {parse_errors:?}");
        let expect_note = file.starts_with("nobuto");
        assert_eq!(
            out.problems.len(),
            usize::from(expect_note),
            "{file}: {:?}",
            out.problems
        );
    }
}

#[test]
fn corpus_user_js_overrides_a_prefs_js() {
    // nobuto's user.js sets server1's check_time to 5 over a POP3 prefs.js.
    let Some(dir) = corpus() else { return };
    let user = fs::read(dir.join("nobuto-m-dotfiles.user.prefs.js")).unwrap();
    let extra = "user_pref(\"mail.server.server1.download_on_biff\", true);";
    let out = read(&[
        ("prefs.js", pop_prefs(extra).as_bytes()),
        ("user.js", &user),
    ]);
    let a = only(&out);
    assert_eq!(a.fetch.interval_minutes, Some(5));
    assert!(
        matches!(&a.provenance[&Field::Fetch], Origin::File { path, .. } if path.ends_with("user.js"))
    );
}

#[test]
fn thousands_of_broken_statements_are_summed_up() {
    let mut p = pop_prefs("");
    for _ in 0..5000 {
        p.push_str("junk;\n");
    }
    let out = read(&[("prefs.js", p.as_bytes())]);
    assert_eq!(only(&out).host, "pop.example.jp");
    let listed = out
        .problems
        .iter()
        .filter(|p| p.at.line.is_some() && p.message.starts_with("prefs parse error"))
        .count();
    assert!(listed <= 1000, "{listed}");
    assert!(out
        .problems
        .iter()
        .any(|p| p.at.line.is_none() && p.message.contains("more problems in this file")));
}

#[test]
fn check_new_mail_of_the_wrong_type_falls_back_to_the_protocol_default() {
    let extra = r#"user_pref("mail.server.server1.check_new_mail", 0);
user_pref("mail.server.server1.download_on_biff", true);"#;
    let out = read(&[("prefs.js", pop_prefs(extra).as_bytes())]);
    let a = only(&out);
    assert!(a.fetch.automatic);
    assert!(
        a.assumptions
            .english()
            .iter()
            .any(|s| s.contains("check_new_mail is the number 0")),
        "{:?}",
        a.assumptions
    );
}

#[test]
fn bom_before_leave_on_server_means_delete_on_download_on_thunderbird_115() {
    // The shape of a prefs.js generated with PowerShell 5's `Out-File -Encoding UTF8`.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(b"user_pref(\"mail.server.server1.leave_on_server\", true);\n");
    bytes.extend(b"user_pref(\"mail.server.server1.delete_by_age_from_server\", true);\n");
    bytes.extend(pop_prefs("").bytes());
    let out = read(&[("prefs.js", &bytes)]);
    let a = only(&out);
    assert_eq!(a.effect(), Some(Effect::KeepsDays(7)));
    assert!(
        a.assumptions.english().iter().any(|s| {
            s.contains(
            "removes each message from the server at download instead of keeps server copies 7 days"
        )
        }),
        "{:?}",
        a.assumptions
    );
}

/// The sentences that say what Thunderbird 115 and older do instead.
fn on_old_versions(a: &Access) -> Vec<String> {
    a.assumptions
        .english()
        .into_iter()
        .filter(|s| s.contains("Thunderbird 115"))
        .collect()
}

#[test]
fn pref_in_user_js_keeps_copies_on_thunderbird_115() {
    let user = b"pref(\"mail.server.server1.leave_on_server\", true);\n" as &[u8];
    let out = read(&[("prefs.js", pop_prefs("").as_bytes()), ("user.js", user)]);
    let a = only(&out);
    // Current Thunderbird rejects the statement: the account still removes at download.
    assert_eq!(a.effect(), Some(Effect::RemovesAtDownload));
    let user_rel = format!("{PROFILE}/user.js");
    assert!(
        out.problems.iter().any(|p| p.at.path == user_rel
            && p.at.line == Some(1)
            && p.message.contains("user_pref")),
        "{:?}",
        out.problems
    );
    let old = on_old_versions(a);
    assert_eq!(old.len(), 1, "{:?}", a.assumptions);
    assert!(
        old[0].contains(&format!(
            "{user_rel} line 1 sets mail.server.server1.leave_on_server with pref()"
        )) && old[0].contains(
            "this account keeps server copies forever instead of removes each message from the server at download"
        ),
        "{}",
        old[0]
    );
}

#[test]
fn a_user_value_beats_pref_and_sticky_pref_names_what_applies() {
    let prefs = pop_prefs(r#"user_pref("mail.server.server1.leave_on_server", true);"#);
    let user = br#"pref("mail.server.server1.leave_on_server", false);
sticky_pref("mail.server.server1.delete_by_age_from_server", true);
"# as &[u8];
    let out = read(&[("prefs.js", prefs.as_bytes()), ("user.js", user)]);
    let a = only(&out);
    assert_eq!(a.effect(), Some(Effect::KeepsForever));
    let old = on_old_versions(a);
    assert_eq!(old.len(), 1, "{:?}", a.assumptions);
    // The overridden pref() changes nothing and is not named; the sticky_pref() is.
    assert!(!old[0].contains("leave_on_server"), "{}", old[0]);
    assert!(
        old[0].contains(
            "line 2 sets mail.server.server1.delete_by_age_from_server with sticky_pref()"
        ) && old[0].contains("keeps server copies 7 days instead of keeps server copies forever"),
        "{}",
        old[0]
    );
}

#[test]
fn pref_that_changes_nothing_adds_no_sentence() {
    let prefs = pop_prefs(r#"user_pref("mail.server.server1.leave_on_server", true);"#);
    let user = br#"pref("mail.server.server1.leave_on_server", false);
pref("browser.startup.homepage", "about:blank");
pref("mail.server.server2.leave_on_server", true);
"# as &[u8];
    let out = read(&[("prefs.js", prefs.as_bytes()), ("user.js", user)]);
    let a = only(&out);
    assert!(on_old_versions(a).is_empty(), "{:?}", a.assumptions);
}

#[test]
fn pref_on_the_default_branch_and_connection_fields_are_explained() {
    let prefs = format!(
        "{}pref(\"mail.server.default.leave_on_server\", true);\npref(\"mail.server.server1.socketType\", 3);\n",
        pop_prefs("")
    );
    let out = read(&[("prefs.js", prefs.as_bytes())]);
    let a = only(&out);
    assert_eq!(a.port, Some(110));
    let old = on_old_versions(a);
    assert_eq!(old.len(), 1, "{:?}", a.assumptions);
    assert!(
        old[0].contains("connects with TLS on port 995 instead of no encryption on port 110")
            && old[0].contains("keeps server copies forever instead of removes each message")
            && old[0].contains("line 14 sets mail.server.server1.socketType with pref()")
            && old[0].contains("line 13 sets mail.server.default.leave_on_server with pref()"),
        "{}",
        old[0]
    );
}

#[test]
fn bom_and_pref_in_one_file_make_one_sentence() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(b"user_pref(\"mail.server.server1.leave_on_server\", true);\n");
    bytes.extend(b"pref(\"mail.server.server1.delete_mail_left_on_server\", true);\n");
    bytes.extend(pop_prefs("").bytes());
    let out = read(&[("prefs.js", &bytes)]);
    let a = only(&out);
    assert_eq!(a.effect(), Some(Effect::KeepsForever));
    let old = on_old_versions(a);
    assert_eq!(old.len(), 1, "{:?}", a.assumptions);
    assert!(
        old[0].contains("loses its first statement (mail.server.server1.leave_on_server)")
            && old[0].contains("line 2 sets mail.server.server1.delete_mail_left_on_server with pref()")
            && old[0].contains("removes each message from the server at download instead of keeps server copies forever"),
        "{}",
        old[0]
    );
}

#[test]
fn a_long_account_list_keeps_its_duplicate_rules() {
    // Thousands of accounts: the first account on a server wins, however far apart they are.
    let n = 20_000;
    let mut p = String::new();
    let list: Vec<String> = (0..n).map(|i| format!("account{i}")).collect();
    p.push_str(&format!(
        "user_pref(\"mail.accountmanager.accounts\", \"{}\");\n",
        list.join(",")
    ));
    for i in 0..n {
        let server = if i == n - 1 { 0 } else { i };
        p.push_str(&format!(
            "user_pref(\"mail.account.account{i}.server\", \"server{server}\");\n"
        ));
        p.push_str(&format!(
            "user_pref(\"mail.server.server{i}.type\", \"imap\");\nuser_pref(\"mail.server.server{i}.hostname\", \"imap{i}.example.jp\");\n"
        ));
    }
    let out = read(&[("prefs.js", p.as_bytes())]);
    assert_eq!(out.accesses.len(), n - 1);
    assert_eq!(out.accesses[0].account, "account0");
    let last = format!("account{}", n - 1);
    assert!(out.accesses.iter().all(|a| a.account != last));
    let skipped: Vec<&str> = out
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .filter(|m| m.contains("already uses"))
        .collect();
    assert_eq!(
        skipped,
        vec![format!(
            "{last} uses server0, which account0 already uses; Thunderbird skips {last}"
        )]
    );
}

mod legacy_props {
    use super::*;
    use proptest::prelude::*;

    const NAMES: &[&str] = &[
        "mail.server.server1.leave_on_server",
        "mail.server.server1.delete_by_age_from_server",
        "mail.server.server1.num_days_to_leave_on_server",
        "mail.server.server1.socketType",
        "mail.server.default.leave_on_server",
        "mail.server.default.check_time",
    ];

    fn statement() -> impl Strategy<Value = (usize, &'static str, String)> {
        let value = prop_oneof![
            any::<bool>().prop_map(|b| b.to_string()),
            (-3i32..40).prop_map(|i| i.to_string()),
            (0i32..5).prop_map(|i| format!("\"{i}\"")),
        ];
        (
            0..NAMES.len(),
            prop_oneof![Just("user_pref"), Just("pref"), Just("sticky_pref")],
            value,
        )
    }

    fn render(stmts: &[(usize, &'static str, String)], keep_defaults: bool) -> String {
        stmts
            .iter()
            .filter(|(_, kw, _)| keep_defaults || *kw == "user_pref")
            .map(|(n, kw, v)| format!("{kw}(\"{}\", {v});\n", NAMES[*n]))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Current Thunderbird ignores pref()/sticky_pref() in prefs.js and user.js, so removing
        /// them changes nothing but the sentence about older versions.
        #[test]
        fn defaults_never_change_the_current_reading(
            in_prefs in proptest::collection::vec(statement(), 0..6),
            in_user in proptest::collection::vec(statement(), 0..6),
        ) {
            let with = read(&[
                ("prefs.js", format!("{}{}", pop_prefs(""), render(&in_prefs, true)).as_bytes()),
                ("user.js", render(&in_user, true).as_bytes()),
            ]);
            let without = read(&[
                ("prefs.js", format!("{}{}", pop_prefs(""), render(&in_prefs, false)).as_bytes()),
                ("user.js", render(&in_user, false).as_bytes()),
            ]);
            let (a, b) = (only(&with), only(&without));
            prop_assert_eq!(&a.retention, &b.retention);
            prop_assert_eq!((a.port, a.security, &a.fetch), (b.port, b.security, &b.fetch));
            prop_assert!(on_old_versions(b).is_empty());
            let any_default = in_prefs.iter().chain(&in_user).any(|(_, kw, _)| *kw != "user_pref");
            prop_assert!(any_default || on_old_versions(a).is_empty());
        }
    }
}

#[test]
fn a_default_of_the_wrong_type_is_rejected_on_old_versions_too() {
    // mailnews.js ships mail.server.default.leave_on_server as a boolean, so a string default
    // is rejected by every version.
    let user = b"pref(\"mail.server.default.leave_on_server\", \"true\");\n" as &[u8];
    let out = read(&[("prefs.js", pop_prefs("").as_bytes()), ("user.js", user)]);
    assert!(on_old_versions(only(&out)).is_empty());
}

#[test]
fn a_change_through_an_identity_names_the_file() {
    let user = br#"pref("mail.identity.id1.smtpServer", "smtp9");
pref("mail.smtpserver.smtp9.hostname", "smtp.example.net");
"# as &[u8];
    let out = read(&[("prefs.js", pop_prefs("").as_bytes()), ("user.js", user)]);
    let a = only(&out);
    assert!(a.outgoing.is_empty());
    let old = on_old_versions(a);
    assert_eq!(old.len(), 1, "{:?}", a.assumptions);
    assert!(
        old[0].starts_with(&format!(
            "Thunderbird 115 and older read {PROFILE}/user.js differently"
        )) && old[0].contains("sends through smtp.example.net"),
        "{}",
        old[0]
    );
}

#[test]
fn hostile_old_style_files_never_panic() {
    for user in [
        &b"\xEF\xBB\xBF"[..],
        b"\xEF\xBB\xBFpref(",
        b"pref(\"mail.accountmanager.accounts\", 5);",
        b"sticky_pref(\"mail.accountmanager.accounts\", \"account1,account1,,\");",
        b"pref(\"mail.account.account1.server\", \"server1\"); pref(\"mail.account.account9.server\", \"server1\");",
        b"pref(\"mail.server.server1.type\", \"imap\");\x00pref(\"x\", 1);",
        b"\xEF\xBB\xBF\xEF\xBB\xBFpref(\"mail.server.server1.port\", -1);",
    ] {
        let out = read(&[("prefs.js", pop_prefs("").as_bytes()), ("user.js", user)]);
        assert_eq!(only(&out).host, "pop.example.jp");
    }
}
