//! `collect`, `scan` with no path, and Thunderbird's enterprise layers (AutoConfig, policies).

use mailaudit::collect::{self, Os, Roots};
use mailaudit::model::assumption::Assumption;
use mailaudit::model::{Field, Origin};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

const PREFS: &str = r#"// Mozilla User Preferences
user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.identity.id1.useremail", "info@example.jp");
user_pref("mail.server.server1.hostname", "pop.example.jp");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.userName", "info@example.jp");
user_pref("mail.server.server1.password", "hunter2-never-copied");
user_pref("mail.server.server1.directory-rel", "[ProfD]Mail/pop.example.jp");
"#;

const PROFILES_INI: &str =
    "[General]\nStartWithLastProfile=1\nVersion=2\n\n[Profile0]\nName=default\nIsRelative=1\nPath=PROFILE\nDefault=1\n";

fn write(path: &Path, bytes: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// A Thunderbird folder (`tb`, holding profiles.ini) with one profile at `profile` under it,
/// with the secret files next to the settings.
fn thunderbird(tb: &Path, profile: &str) -> PathBuf {
    write(
        &tb.join("profiles.ini"),
        PROFILES_INI.replace("PROFILE", profile).as_bytes(),
    );
    let p = tb.join(profile);
    write(&p.join("prefs.js"), PREFS.as_bytes());
    write(
        &p.join("logins.json"),
        b"{\"logins\":[{\"encryptedPassword\":\"SECRET\"}]}",
    );
    write(&p.join("key4.db"), b"SQLite format 3\0SECRET");
    write(&p.join("cert9.db"), b"SQLite format 3\0SECRET");
    let mail = p.join("Mail/pop.example.jp");
    write(
        &mail.join("popstate.dat"),
        b"# POP3 State File\n# This is a generated file!  Do not edit.\n\n*pop.example.jp info@example.jp\nk UIDL1 1700000000",
    );
    write(
        &mail.join("Inbox"),
        b"From - Mon Jan 1 00:00:00 2024\nSubject: SECRET body\n\nhello\nFrom - Mon Jan 2 00:00:00 2024\nSubject: two\n\nx\n",
    );
    p
}

fn files_under(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn assert_no_secrets(out: &Path) {
    for f in files_under(out) {
        let lower = f.to_lowercase();
        for secret in ["logins.json", "key4.db", "cert9.db", "inbox"] {
            assert!(!lower.ends_with(secret), "{f} must not be copied");
        }
        let bytes = fs::read(out.join(&f)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("SECRET"), "{f} holds secret bytes");
        assert!(!text.contains("hunter2"), "{f} holds a password value");
    }
}

fn bin(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailaudit"));
    c.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

fn json_of(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json report")
}

fn hosts(report: &serde_json::Value) -> Vec<(String, String)> {
    report["accesses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["device"].as_str().unwrap().to_string(),
                a["host"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn linux_collect_copies_settings_never_secrets_and_the_copy_scans() {
    let tmp = TempDir::new().unwrap();
    let home = tmp.path().join("home/u");
    thunderbird(&home.join(".thunderbird"), "abcd1234.default");
    let out = tmp.path().join("stick");

    let run = bin(&home)
        .args(["collect", "--out"])
        .arg(&out)
        .args(["--device", "PC-A"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(
        stdout.trim(),
        "PC-A: 1 Thunderbird profile; 3 files; 0 secrets copied"
    );
    let dev = out.join("PC-A");
    let mut copied = files_under(&dev);
    copied.sort();
    assert_eq!(
        copied,
        vec![
            ".thunderbird/abcd1234.default/Mail/pop.example.jp/popstate.dat",
            ".thunderbird/abcd1234.default/prefs.js",
            ".thunderbird/profiles.ini",
            "manifest.json",
        ]
    );
    assert_no_secrets(&out);
    // The password line is blanked, not removed: every other line keeps its number.
    let prefs = fs::read_to_string(dev.join(".thunderbird/abcd1234.default/prefs.js")).unwrap();
    assert_eq!(prefs.lines().count(), PREFS.lines().count());

    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(dev.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["device"], "PC-A");
    assert_eq!(manifest["secrets_copied"], 0);
    let secrets: Vec<&str> = manifest["secrets_not_copied"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(secrets.contains(&".thunderbird/abcd1234.default/logins.json"));
    assert!(secrets.contains(&".thunderbird/abcd1234.default/key4.db"));
    let store = &manifest["mail_stores"][0];
    assert_eq!(store["messages"], 2);
    assert!(store["bytes"].as_u64().unwrap() > 0);
    let prefs_entry = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == ".thunderbird/abcd1234.default/prefs.js")
        .unwrap();
    assert_eq!(prefs_entry["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(prefs_entry["removed_secret_values"], 1);
    assert!(manifest["looked"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["path"]
            .as_str()
            .unwrap()
            .ends_with("snap/thunderbird/common/.thunderbird")
            && l["result"] == "absent"));

    // A second run does not overwrite the device folder unless told to.
    let again = bin(&home)
        .args(["collect", "--out"])
        .arg(&out)
        .args(["--device", "PC-A"])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let forced = bin(&home)
        .args(["collect", "--force", "--out"])
        .arg(&out)
        .args(["--device", "PC-A"])
        .output()
        .unwrap();
    assert!(forced.status.success());
    let ja = bin(&home)
        .args(["collect", "--lang", "ja", "--out"])
        .arg(tmp.path().join("stick-ja"))
        .args(["--device", "PC-A-ja"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&ja.stdout).trim(),
        "PC-A-ja: Thunderbird プロファイル 1 件、ファイル 3 件をコピー、パスワード等の秘密情報のコピーは 0 件です。"
    );

    // The collected folder scans to the account.
    let scanned = json_of(
        &bin(&home)
            .arg("scan")
            .arg(&out)
            .args(["--format", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        hosts(&scanned),
        vec![("PC-A".to_string(), "pop.example.jp".to_string())]
    );
    // The Inbox stayed on the machine; its size comes from the manifest.
    assert_eq!(
        scanned["accesses"][0]["server_state"]["inbox_bytes"],
        store["bytes"]
    );

    // With no path, the same account is found in place, under this machine's name.
    let before = files_under(&home);
    let local = json_of(
        &bin(&home)
            .args(["scan", "--format", "json"])
            .output()
            .unwrap(),
    );
    let found = hosts(&local);
    assert!(
        found
            .iter()
            .any(|(d, h)| *d == collect::host_name() && h == "pop.example.jp"),
        "{found:?}"
    );
    assert_eq!(files_under(&home), before, "scan must not write anything");
    let inside = home.join(".thunderbird/report.txt");
    let refused = bin(&home)
        .args(["scan", "-o"])
        .arg(&inside)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        !inside.exists(),
        "nothing is written where the clients are read"
    );
}

#[test]
fn windows_layout_under_a_fake_root_with_a_plain_autoconfig_lock() {
    let tmp = TempDir::new().unwrap();
    let root = tmp.path().join("C");
    let roots = Roots::fake(Os::Windows, &root, "Users/u");
    thunderbird(
        &roots.appdata.clone().unwrap().join("Thunderbird"),
        "Profiles/abcd1234.default-release",
    );
    let install = root.join("Program Files/Mozilla Thunderbird");
    write(
        &install.join("defaults/pref/autoconfig.js"),
        b"pref(\"general.config.filename\", \"office.cfg\");\npref(\"general.config.obscure_value\", 0);\n",
    );
    write(
        &install.join("office.cfg"),
        b"// office settings\nlockPref(\"mail.server.server1.leave_on_server\", true);\nif (x) { lockPref(\"mail.server.server1.delete_by_age_from_server\", true); }\n",
    );
    write(&install.join("omni.ja"), b"not settings");
    write(
        &root.join("Users/u/Documents/Becky/abc.mb/Mailbox.ini"),
        b"[Account]\r\nName=info\r\nPOP3Server=pop.example.jp\r\nUserID=info@example.jp\r\n",
    );

    let out = tmp.path().join("share");
    let m = collect::collect(&roots, &out, "PC-W", false).unwrap();
    assert_eq!(m.thunderbird_profiles, 1);
    assert_eq!(m.becky_mailboxes, 1);
    assert!(
        m.summary().starts_with("PC-W: 1 Thunderbird profile, ")
            && m.summary()
                .contains("1 Becky! mailbox; 6 files; 0 secrets copied"),
        "{}",
        m.summary()
    );
    let dev = out.join("PC-W");
    for f in [
        "AppData/Roaming/Thunderbird/profiles.ini",
        "AppData/Roaming/Thunderbird/Profiles/abcd1234.default-release/prefs.js",
        "Program Files/Mozilla Thunderbird/defaults/pref/autoconfig.js",
        "Program Files/Mozilla Thunderbird/office.cfg",
        "Documents/Becky/abc.mb/Mailbox.ini",
    ] {
        assert!(dev.join(f).is_file(), "{f} not collected");
    }
    assert!(!dev
        .join("Program Files/Mozilla Thunderbird/omni.ja")
        .exists());
    assert_no_secrets(&out);

    let report = mailaudit::scan::scan(std::slice::from_ref(&out), None).unwrap();
    let tb = report
        .accesses
        .iter()
        .find(|a| a.source.path.contains("Thunderbird/Profiles"))
        .expect("the Thunderbird account");
    assert!(
        report.devices[0]
            .sources
            .iter()
            .any(|f| f.path.ends_with("Documents/Becky/abc.mb/Mailbox.ini")),
        "the Becky! mailbox is read too"
    );
    let r = tb.retention.as_ref().unwrap();
    assert!(r.leave_on_server, "the lock keeps copies on the server");
    // The conditional lock is not evaluated: removal by age stays off.
    assert_eq!(r.delete_after_days, None);
    let cfg = "PC-W/Program Files/Mozilla Thunderbird/office.cfg";
    let kinds: Vec<(&str, &str)> = report.devices[0]
        .sources
        .iter()
        .map(|f| (f.path.as_str(), f.kind.as_str()))
        .collect();
    assert!(
        kinds.contains(&(cfg, "thunderbird-autoconfig")),
        "{kinds:?}"
    );
    assert!(kinds.contains(&(
        "PC-W/Program Files/Mozilla Thunderbird/defaults/pref/autoconfig.js",
        "thunderbird-default-prefs"
    )));
    assert_eq!(tb.provenance[&Field::LeaveOnServer], Origin::at(cfg, 2));
    assert!(tb.assumptions.iter().any(|x| matches!(x,
        Assumption::TbLocked { file, line: 2, .. } if file == cfg)));
    assert!(report
        .problems
        .iter()
        .any(|p| p.at.path == cfg && p.at.line == Some(3)));
}

#[test]
fn macos_layout_with_an_obscured_autoconfig_and_scan_in_place() {
    let tmp = TempDir::new().unwrap();
    let roots = Roots::fake(Os::Macos, tmp.path(), "Users/u");
    thunderbird(
        &roots.home.join("Library/Thunderbird"),
        "Profiles/abcd1234.default",
    );
    let res = tmp
        .path()
        .join("Applications/Thunderbird.app/Contents/Resources");
    write(
        &res.join("defaults/pref/autoconfig.js"),
        b"pref(\"general.config.filename\", \"mailaudit.cfg\");\n",
    );
    let cfg = "// first line\n\nlockPref(\"mail.server.server1.leave_on_server\", true);\nlockPref(\"mail.server.server1.delete_by_age_from_server\", true);\nlockPref(\"mail.server.server1.num_days_to_leave_on_server\", 21);\n";
    // No obscure_value pref: every byte is shifted by the default 13.
    let obscured: Vec<u8> = cfg.bytes().map(|b| b.wrapping_add(13)).collect();
    write(&res.join("mailaudit.cfg"), &obscured);

    let check = |report: &mailaudit::scan::Report, cfg_path: &str| {
        let a = report
            .accesses
            .iter()
            .find(|a| a.host == "pop.example.jp")
            .expect("the account");
        let r = a.retention.as_ref().unwrap();
        assert!(r.leave_on_server);
        assert_eq!(r.delete_after_days, Some(21));
        assert_eq!(
            a.provenance[&Field::DeleteAfterDays],
            Origin::at(cfg_path, 5)
        );
    };

    let out = tmp.path().join("out");
    collect::collect(&roots, &out, "MAC", false).unwrap();
    assert_no_secrets(&out);
    let report = mailaudit::scan::scan(std::slice::from_ref(&out), None).unwrap();
    check(
        &report,
        "MAC/Applications/Thunderbird.app/Contents/Resources/mailaudit.cfg",
    );

    // In place: the same files read where they are, as one device.
    let found = collect::local_inputs(&roots, "this-mac");
    let model = mailaudit::scan::build_model_found([found], None).unwrap();
    let report = mailaudit::scan::report(model);
    assert_eq!(report.devices.len(), 1);
    assert_eq!(report.devices[0].id, "this-mac");
    check(
        &report,
        "Applications/Thunderbird.app/Contents/Resources/mailaudit.cfg",
    );
}

#[test]
fn a_policies_lock_decides_retention_and_a_user_value_does_not_beat_it() {
    let tmp = TempDir::new().unwrap();
    let roots = Roots::fake(Os::Linux, tmp.path(), "home/u");
    let profile = thunderbird(&roots.home.join(".thunderbird"), "abcd1234.default");
    // The user keeps copies in Thunderbird's settings; the policy removes them at download.
    let mut prefs = fs::read_to_string(profile.join("prefs.js")).unwrap();
    prefs.push_str("user_pref(\"mail.server.server1.leave_on_server\", true);\n");
    write(&profile.join("prefs.js"), prefs.as_bytes());
    write(
        &tmp.path()
            .join("usr/lib/thunderbird/distribution/policies.json"),
        br#"{
  "policies": {
    "Preferences": {
      "mail.server.server1.leave_on_server": {"Value": 0, "Status": "locked"},
      "mail.server.default.check_time": {"Value": 5, "Status": "default"}
    }
  }
}"#,
    );
    let out = tmp.path().join("out");
    collect::collect(&roots, &out, "PC-L", false).unwrap();
    let report = mailaudit::scan::scan(&[out.join("PC-L")], None).unwrap();
    let a = report
        .accesses
        .iter()
        .find(|a| a.host == "pop.example.jp")
        .unwrap();
    assert!(!a.retention.as_ref().unwrap().leave_on_server);
    let file = "usr/lib/thunderbird/distribution/policies.json";
    assert_eq!(a.provenance[&Field::LeaveOnServer], Origin::at(file, 4));
    assert!(a.assumptions.iter().any(|x| matches!(x,
        Assumption::TbLocked { file: f, line: 4, .. } if f == file)));
    // The sentence names the file and line, in both languages.
    let en = mailaudit::report::i18n::assumptions::text(
        &a.assumptions
            .iter()
            .find(|x| matches!(x, Assumption::TbLocked { .. }))
            .unwrap()
            .clone(),
        mailaudit::model::Lang::En,
    );
    assert!(en.contains(file) && en.contains("line 4"), "{en}");
}

#[test]
fn the_plan_says_a_locked_retention_is_changed_in_the_locking_file() {
    let tmp = TempDir::new().unwrap();
    let office = tmp.path().join("office");
    for (device, lock) in [("PC-A", true), ("PC-B", false)] {
        let root = tmp.path().join(device);
        let roots = Roots::fake(Os::Linux, &root, "home/u");
        let profile = thunderbird(&roots.home.join(".thunderbird"), "abcd1234.default");
        let mut prefs = fs::read_to_string(profile.join("prefs.js")).unwrap();
        prefs.push_str("user_pref(\"mail.server.server1.leave_on_server\", true);\n");
        write(&profile.join("prefs.js"), prefs.as_bytes());
        if lock {
            write(
                &root.join("etc/thunderbird/policies/policies.json"),
                br#"{"policies": {"Preferences": {
  "mail.server.server1.leave_on_server": false
}}}"#,
            );
        }
        collect::collect(&roots, &office, device, false).unwrap();
    }
    let report = mailaudit::scan::scan(std::slice::from_ref(&office), None).unwrap();
    let rec = &report.recommendations[0];
    let file = "PC-A/etc/thunderbird/policies/policies.json";
    let locked: Vec<String> = rec
        .steps
        .iter()
        .filter(|s| serde_json::to_value(s).unwrap()["locked_by"]["file"] == file)
        .map(|s| mailaudit::plan::text::step_do(mailaudit::model::Lang::En, s))
        .collect();
    assert_eq!(locked.len(), 1, "{:?}", rec.steps);
    assert!(
        locked[0].contains("PC-A") && locked[0].contains(&format!("locked by {file} line 2")),
        "{}",
        locked[0]
    );
    let ja = rec
        .steps
        .iter()
        .find(|s| serde_json::to_value(s).unwrap()["locked_by"]["file"] == file)
        .map(|s| mailaudit::plan::text::step_do(mailaudit::model::Lang::Ja, s))
        .unwrap();
    assert!(ja.contains(file) && ja.contains("ロック"), "{ja}");
}

#[cfg(unix)]
#[test]
fn a_profile_kept_elsewhere_is_collected_beside_its_profiles_ini() {
    let tmp = TempDir::new().unwrap();
    let roots = Roots::fake(Os::Linux, tmp.path(), "home/u");
    let elsewhere = tmp.path().join("data/mail/work.default");
    let tb = roots.home.join(".thunderbird");
    thunderbird(&tb, "abcd1234.default");
    thunderbird(&tmp.path().join("data/mail"), "work.default");
    write(
        &tb.join("profiles.ini"),
        format!(
            "[General]\nStartWithLastProfile=1\nVersion=2\n\n[Profile0]\nName=default\nIsRelative=1\nPath=abcd1234.default\nDefault=1\n\n[Profile1]\nName=work\nIsRelative=0\nPath={}\n",
            elsewhere.display()
        )
        .as_bytes(),
    );
    let out = tmp.path().join("out");
    let m = collect::collect(&roots, &out, "PC", false).unwrap();
    assert_eq!(m.thunderbird_profiles, 2);
    assert!(out.join("PC/.thunderbird/work.default/prefs.js").is_file());
    assert_no_secrets(&out);
    let report = mailaudit::scan::scan(std::slice::from_ref(&out), None).unwrap();
    assert!(
        !report
            .problems
            .iter()
            .any(|p| p.message.contains("not in the collected folder")),
        "{:?}",
        report.problems
    );
}

#[test]
fn a_device_folder_holding_an_install_folders_files_directly_is_applied() {
    let tmp = TempDir::new().unwrap();
    let dev = tmp.path().join("office/PC-H");
    thunderbird(&dev.join(".thunderbird"), "abcd1234.default");
    write(
        &dev.join("defaults/pref/autoconfig.js"),
        b"pref(\"general.config.filename\", \"site.cfg\");\npref(\"general.config.obscure_value\", 0);\n",
    );
    write(
        &dev.join("site.cfg"),
        b"//\ndefaultPref(\"mail.server.default.leave_on_server\", true);\n",
    );
    let report = mailaudit::scan::scan(&[tmp.path().join("office")], None).unwrap();
    let a = report
        .accesses
        .iter()
        .find(|a| a.host == "pop.example.jp")
        .unwrap();
    // A default, not a lock: it applies because the server has no value of its own.
    assert!(a.retention.as_ref().unwrap().leave_on_server);
    assert_eq!(
        a.provenance[&Field::LeaveOnServer],
        Origin::at("PC-H/site.cfg", 2)
    );
    assert!(!a
        .assumptions
        .iter()
        .any(|x| matches!(x, Assumption::TbLocked { .. })));
}

#[test]
fn collect_reports_what_it_cannot_read_and_never_writes_into_a_client_folder() {
    let tmp = TempDir::new().unwrap();
    let roots = Roots::fake(Os::Linux, tmp.path(), "home/u");
    let profile = thunderbird(&roots.home.join(".thunderbird"), "abcd1234.default");
    // A user.js over the size cap is listed, not copied, and the rest is still collected.
    let big = fs::File::create(profile.join("user.js")).unwrap();
    big.set_len(mailaudit::fsio::MAX_FILE_BYTES + 1).unwrap();
    let out = tmp.path().join("out");
    let m = collect::collect(&roots, &out, "PC", false).unwrap();
    assert!(m
        .unreadable
        .iter()
        .any(|u| u.path == ".thunderbird/abcd1234.default/user.js" && u.reason.contains("limit")));
    assert!(out
        .join("PC/.thunderbird/abcd1234.default/prefs.js")
        .is_file());
    assert!(!out
        .join("PC/.thunderbird/abcd1234.default/user.js")
        .exists());

    let inside = roots.home.join(".thunderbird/collected");
    let err = collect::collect(&roots, &inside, "PC", false).unwrap_err();
    assert!(err.to_string().contains("refusing"), "{err}");
    assert!(!inside.exists());
}

#[test]
fn scan_in_place_says_when_this_machine_has_nothing_to_read() {
    let tmp = TempDir::new().unwrap();
    let roots = Roots::fake(Os::Linux, tmp.path(), "home/u");
    let found = collect::local_inputs(&roots, "empty-pc");
    assert!(found.devices.is_empty());
    assert!(
        found.problems[0].message.contains(".thunderbird"),
        "{:?}",
        found.problems
    );
}
