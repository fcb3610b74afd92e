//! No pass is quadratic in its input: each case doubles the input twice (n and 4n) and
//! checks the work grows about four times, not sixteen. Timings are compared in one run,
//! never against absolute times; the tests take a lock so only one measures at a time.

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

const PROFILE: &str = "Thunderbird/Profiles/abcd1234.default";

fn prefs(host: &str, user: &str) -> String {
    format!(
        r#"user_pref("mail.account.account1.server", "server1");
user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.server.server1.hostname", "{host}");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.userName", "{user}");
"#
    )
}

/// The fastest of five runs of each size, interleaved: the least disturbed by other work
/// on a shared machine.
fn fastest_pair(small: &dyn Fn(), big: &dyn Fn()) -> (Duration, Duration) {
    let time = |f: &dyn Fn()| {
        let t = Instant::now();
        f();
        t.elapsed()
    };
    let (mut s, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        s = s.min(time(small));
        b = b.min(time(big));
    }
    (s, b)
}

/// The work for 4n is about 4 times the work for n: far below the 16 a quadratic pass gives.
/// Up to three measurements are taken before failing, since one burst of other work on the machine
/// can slow one size; a quadratic pass is slow both times.
fn grows_linearly(what: &str, run: impl Fn(usize)) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let n = 1500;
    let mut ratio = f64::MAX;
    let mut times = (Duration::ZERO, Duration::ZERO);
    for _ in 0..3 {
        times = fastest_pair(&|| run(n), &|| run(4 * n));
        ratio = times.1.as_secs_f64() / times.0.as_secs_f64().max(1e-6);
        if ratio < 9.0 {
            break;
        }
    }
    eprintln!("{what}: 4x the input took {ratio:.1}x the time");
    assert!(
        ratio < 9.0,
        "{what}: 4x the input took {ratio:.1}x the time ({:?} → {:?})",
        times.0,
        times.1
    );
}

#[test]
fn manual_entries_and_site_mailboxes_cost_linear_work() {
    grows_linearly("[[manual]] entries", |n| {
        let mut text = String::new();
        for i in 0..n {
            text.push_str(&format!(
                "[[manual]]\ndevice = \"phone{i}\"\nclient = \"ios-mail\"\nprotocol = \"pop3\"\nmailbox = \"u{i}@example.jp\"\nhost = \"pop.example.jp\"\n\n"
            ));
        }
        let site = mailaudit::site::Site::parse(&text, "site.toml").unwrap();
        let manual = mailaudit::sources::manual::accesses(&site).unwrap();
        assert_eq!(manual.len(), n);
        let model =
            mailaudit::assemble::assemble(Default::default(), manual, Vec::new(), Vec::new(), site);
        assert_eq!(model.devices.len(), n);
    });
    grows_linearly("[mailbox] entries", |n| {
        let mut text = String::new();
        for i in 0..n {
            text.push_str(&format!(
                "[mailbox.\"box{i}@example.jp\"]\nquota = \"1GB\"\naliases = [\"box{i}@mail.example.jp\"]\n\n"
            ));
        }
        for i in 0..n {
            text.push_str(&format!(
                "[[manual]]\ndevice = \"phone{i}\"\nclient = \"ios-mail\"\nprotocol = \"pop3\"\nmailbox = \"u{i}@example.jp\"\n\n"
            ));
        }
        let site = mailaudit::site::Site::parse(&text, "site.toml").unwrap();
        let manual = mailaudit::sources::manual::accesses(&site).unwrap();
        let model =
            mailaudit::assemble::assemble(Default::default(), manual, Vec::new(), Vec::new(), site);
        assert!(model.problems.len() >= n);
    });
}

#[test]
fn registry_deletions_and_per_account_errors_cost_linear_work() {
    grows_linearly(".reg key deletions", |n| {
        let mut text = String::from("Windows Registry Editor Version 5.00\r\n\r\n");
        for i in 0..n {
            text.push_str(&format!(
                "[HKEY_CURRENT_USER\\Software\\k{i}]\r\n\"v\"=\"x\"\r\n\r\n"
            ));
        }
        for i in 0..n {
            text.push_str(&format!("[-HKEY_CURRENT_USER\\Software\\k{i}]\r\n\r\n"));
        }
        mailaudit::sources::outlook::read_reg_bytes(text.as_bytes(), "x.reg");
    });
    grows_linearly(".reg errors per account", |n| {
        let mut text = String::from("Windows Registry Editor Version 5.00\r\n\r\n");
        for i in 0..n {
            text.push_str(&format!(
                "[HKEY_CURRENT_USER\\Software\\Microsoft\\Internet Account Manager\\Accounts\\{i:08}]\r\n\"Account Name\"=\"a{i}\"\r\n\"POP3 Server\"=\"pop.example.jp\"\r\n\"POP3 User Name\"=\"u{i}@example.jp\"\r\n\"Leave Mail On Server\"=bogus:1\r\n\r\n"
            ));
        }
        let r = mailaudit::sources::outlook::read_reg_bytes(text.as_bytes(), "x.reg");
        assert_eq!(r.accesses.len(), n);
    });
}

#[test]
fn prf_accounts_with_bad_lines_cost_linear_work() {
    grows_linearly(".prf accounts and bad lines", |n| {
        let mut text = String::from("[General]\r\nCustom=1\r\n[Internet Account List]\r\n");
        for i in 0..n {
            text.push_str(&format!("Account{i}=I_Mail\r\n"));
        }
        for i in 0..n {
            text.push_str(&format!(
                "[Account{i}]\r\nAccountName=a{i}\r\nPOP3Server=pop.example.jp\r\nPOP3UserName=u{i}@example.jp\r\nthis line lost its equals sign\r\n"
            ));
        }
        mailaudit::sources::prf::read_bytes(text.as_bytes(), "x.prf");
    });
}

#[test]
fn profiles_ini_sections_cost_linear_work() {
    let dir = tempfile::tempdir().unwrap();
    grows_linearly("profiles.ini sections", |n| {
        let root = dir.path().join(format!("d{n}"));
        write(
            &root.join("PC-A").join(PROFILE).join("prefs.js"),
            prefs("pop.example.jp", "info@example.jp").as_bytes(),
        );
        let mut ini = String::from("[General]\nStartWithLastProfile=1\n");
        for i in 0..n {
            ini.push_str(&format!(
                "[Profile{i}]\nName=p{i}\nIsRelative=1\nPath=Profiles/p{i}\n[Install{i:016X}]\nDefault=Profiles/p{i}\n"
            ));
        }
        write(&root.join("PC-A/Thunderbird/profiles.ini"), ini.as_bytes());
        let found = mailaudit::discover::discover(&root);
        assert!(found.devices.contains_key("PC-A"));
    });
}

#[test]
fn provider_domains_against_mailboxes_cost_linear_work() {
    grows_linearly("provider domains × mailboxes", |n| {
        // n domains in the profile; n mailboxes, half on a listed domain (late in the list),
        // half on none, so a pass over the domains per mailbox would cost n² lookups.
        let mut xml =
            String::from("<clientConfig version=\"1.1\"><emailProvider id=\"big.example\">");
        for i in 0..n {
            xml.push_str(&format!("<domain>d{i}.example</domain>"));
        }
        xml.push_str(
            "<incomingServer type=\"pop3\"><hostname>pop.d0.example</hostname><port>995</port>\
             <socketType>SSL</socketType><username>%EMAILADDRESS%</username>\
             <pop3><leaveMessagesOnServer>false</leaveMessagesOnServer></pop3></incomingServer>\
             </emailProvider></clientConfig>",
        );
        let profile =
            mailaudit::sources::autoconfig::parse_profile(xml.as_bytes(), "config-v1.1.xml")
                .unwrap();
        let mut text = String::new();
        for i in 0..n {
            let domain = if i % 2 == 0 {
                format!("d{}.example", n - 1 - i)
            } else {
                format!("other{i}.example")
            };
            text.push_str(&format!(
                "[[manual]]\ndevice = \"phone{i}\"\nclient = \"ios-mail\"\nprotocol = \"pop3\"\nmailbox = \"u{i}@{domain}\"\nhost = \"pop.{domain}\"\n\n"
            ));
        }
        let site = mailaudit::site::Site::parse(&text, "site.toml").unwrap();
        let manual = mailaudit::sources::manual::accesses(&site).unwrap();
        let model = mailaudit::assemble::assemble(
            Default::default(),
            manual,
            vec![profile.clone()],
            Vec::new(),
            site,
        );
        let findings = mailaudit::analyze::run(&model);
        let covered = n.div_ceil(2);
        let conflicts = findings
            .iter()
            .filter(|f| f.rule == mailaudit::model::RuleId::ProviderDefaultConflict)
            .count();
        assert!(
            conflicts >= covered,
            "{conflicts} findings for {covered} mailboxes"
        );
        assert_eq!(mailaudit::migrate::steps(&model, &profile).len(), covered);
    });
}
