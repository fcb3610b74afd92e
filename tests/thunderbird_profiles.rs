//! Which Thunderbird profile of a device comes first: profiles.ini / installs.ini.

mod support;

use mailaudit::report::i18n::assumptions::{inactive_en, English};
use mailaudit::sources::{thunderbird, Ctx, Input, Kind};
use std::fs;
use std::path::Path;
use tempfile::TempDir;

const PREFS: &str = "user_pref(\"mail.accountmanager.accounts\", \"\");\n";

/// Builds a device folder: `files` are (relative path, content); every folder named in
/// `profiles` gets a prefs.js and becomes an input, in the given order.
fn device(files: &[(&str, &str)], profiles: &[&str]) -> (TempDir, Ctx, Vec<Input>) {
    let dir = TempDir::new().unwrap();
    for (rel, text) in files {
        let p = dir.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    let ctx = Ctx {
        root: dir.path().to_path_buf(),
    };
    let inputs = profiles
        .iter()
        .map(|rel| {
            let p = dir.path().join(rel);
            fs::create_dir_all(&p).unwrap();
            fs::write(p.join("prefs.js"), PREFS).unwrap();
            Input {
                kind: Kind::ThunderbirdProfile,
                rel: ctx.rel(&p),
                path: p,
            }
        })
        .collect();
    (dir, ctx, inputs)
}

fn order(
    dir: &TempDir,
    ctx: &Ctx,
    inputs: Vec<Input>,
) -> (Vec<String>, Vec<mailaudit::model::Problem>) {
    let (ordered, problems) = thunderbird::arrange_profiles(dir.path(), inputs, ctx);
    (ordered.into_iter().map(|i| i.rel).collect(), problems)
}

fn corpus_text(name: &str) -> Option<String> {
    let p = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/thunderbird"
    ))
    .join(name);
    if p.is_file() {
        Some(fs::read_to_string(p).unwrap())
    } else {
        support::skip(format_args!("corpus file {name} is absent; skipping"));
        None
    }
}

#[test]
fn corpus_install_default_comes_first_on_linux() {
    let (Some(profiles), Some(installs)) = (
        corpus_text("domiq44-deploy.profiles.ini"),
        corpus_text("domiq44-deploy.installs.ini"),
    ) else {
        return;
    };
    let (dir, ctx, inputs) = device(
        &[
            (".thunderbird/profiles.ini", &profiles),
            (".thunderbird/installs.ini", &installs),
        ],
        &[
            ".thunderbird/aaaa1111.unlisted",
            ".thunderbird/xqxp8ug6.default-esr",
        ],
    );
    let (names, problems) = order(&dir, &ctx, inputs);
    assert_eq!(
        names,
        vec![
            ".thunderbird/xqxp8ug6.default-esr",
            ".thunderbird/aaaa1111.unlisted"
        ]
    );
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn corpus_installs_ini_alone_names_the_default() {
    let Some(installs) = corpus_text("domiq44-deploy.installs.ini") else {
        return;
    };
    let (dir, ctx, inputs) = device(
        &[(
            "snap/thunderbird/common/.thunderbird/installs.ini",
            &installs,
        )],
        &[
            "snap/thunderbird/common/.thunderbird/aaaa1111.other",
            "snap/thunderbird/common/.thunderbird/xqxp8ug6.default-esr",
        ],
    );
    let (names, _) = order(&dir, &ctx, inputs);
    assert!(names[0].ends_with("xqxp8ug6.default-esr"), "{names:?}");
}

#[test]
fn corpus_legacy_default_profile_comes_first() {
    let Some(profiles) = corpus_text("distroastro-skel.profiles.ini") else {
        return;
    };
    let (dir, ctx, inputs) = device(
        &[(".thunderbird/profiles.ini", &profiles)],
        &[
            ".thunderbird/a0000000.spare",
            ".thunderbird/sclu99sw.default",
        ],
    );
    let (names, problems) = order(&dir, &ctx, inputs);
    assert_eq!(names[0], ".thunderbird/sclu99sw.default");
    assert!(problems.is_empty(), "{problems:?}");
}

const WINDOWS_INI: &str = "[General]\r
StartWithLastProfile=1\r
Version=2\r
\r
[Profile0]\r
Name=old\r
IsRelative=1\r
Path=Profiles/aaaa0000.old\r
Default=1\r
\r
[Profile1]\r
Name=work\r
IsRelative=0\r
Path=C:\\Users\\office\\AppData\\Roaming\\Thunderbird\\Profiles\\bbbb0000.work\r
\r
[Profile2]\r
Name=default-release\r
IsRelative=1\r
Path=Profiles/cccc0000.default-release\r
\r
[Profile3]\r
Name=gone\r
IsRelative=1\r
Path=Profiles/eeee0000.gone\r
\r
[Profile5]\r
Name=after-gap\r
IsRelative=1\r
Path=Profiles/ffff0000.after-gap\r
\r
[Install308046B0AF4A39CB]\r
Default=Profiles/cccc0000.default-release\r
Locked=1\r
";

#[test]
fn windows_order_absolute_paths_gaps_and_missing_profiles() {
    let base = "Users/office/AppData/Roaming/Thunderbird";
    let ini_rel = format!("{base}/profiles.ini");
    let (dir, ctx, inputs) = device(
        &[(&ini_rel, WINDOWS_INI)],
        &[
            &format!("{base}/Profiles/aaaa0000.old"),
            &format!("{base}/Profiles/bbbb0000.work"),
            &format!("{base}/Profiles/cccc0000.default-release"),
            &format!("{base}/Profiles/dddd0000.unlisted"),
            &format!("{base}/Profiles/ffff0000.after-gap"),
        ],
    );
    let (names, problems) = order(&dir, &ctx, inputs);
    let short: Vec<&str> = names
        .iter()
        .map(|n| n.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        short,
        vec![
            "cccc0000.default-release",
            "aaaa0000.old",
            "bbbb0000.work",
            "dddd0000.unlisted",
            "ffff0000.after-gap",
        ]
    );
    let found: Vec<(Option<u32>, &str)> = problems
        .iter()
        .map(|p| (p.at.line, p.message.as_str()))
        .collect();
    assert_eq!(problems.len(), 2, "{found:?}");
    assert!(problems.iter().all(|p| p.at.path == ini_rel));
    assert!(found
        .iter()
        .any(|(l, m)| *l == Some(24) && m.contains("eeee0000.gone")));
    assert!(found
        .iter()
        .any(|(l, m)| *l == Some(26) && m.contains("[Profile5]") && m.contains("[Profile4]")));
}

#[test]
fn macos_relative_profiles_folder() {
    let ini = "[Profile1]\nName=b\nIsRelative=1\nPath=Profiles/bbbb.b\nDefault=1\n\n[Profile0]\nName=a\nIsRelative=1\nPath=Profiles/aaaa.a\n";
    let (dir, ctx, inputs) = device(
        &[("Users/x/Library/Thunderbird/profiles.ini", ini)],
        &[
            "Users/x/Library/Thunderbird/Profiles/aaaa.a",
            "Users/x/Library/Thunderbird/Profiles/bbbb.b",
        ],
    );
    let (names, problems) = order(&dir, &ctx, inputs);
    assert!(names[0].ends_with("bbbb.b"), "{names:?}");
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn no_ini_file_keeps_path_order() {
    let (dir, ctx, mut inputs) = device(&[], &["b/x.default", "a/y.default"]);
    inputs.reverse();
    let (names, problems) = order(&dir, &ctx, inputs);
    assert_eq!(names, vec!["a/y.default", "b/x.default"]);
    assert!(problems.is_empty());
}

#[test]
fn hostile_ini_files_never_panic() {
    for text in [
        "",
        "[Profile0]\n",
        "[Profile0]\nIsRelative=1\n",
        "[Profile0]\nIsRelative=1\nPath=../../../../etc\nName=x\n",
        "[Install]\nDefault=\n[Installx]\nDefault=/\n",
        "garbage without equals\n\u{0}\u{1}",
    ] {
        let (dir, ctx, inputs) = device(&[("profiles.ini", text)], &["p/q.default"]);
        let (names, _) = order(&dir, &ctx, inputs);
        assert_eq!(names.len(), 1);
    }
}

#[test]
fn a_scan_reads_the_default_profile_first() {
    let prefs = |host: &str| {
        format!(
            r#"user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.server.server1.hostname", "{host}");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.userName", "info@example.jp");
"#
        )
    };
    let dir = TempDir::new().unwrap();
    let tb = dir.path().join("PC-A/.thunderbird");
    for (name, host) in [
        ("aaaa.old", "old.example.jp"),
        ("zzzz.default-esr", "pop.example.jp"),
    ] {
        fs::create_dir_all(tb.join(name)).unwrap();
        fs::write(tb.join(name).join("prefs.js"), prefs(host)).unwrap();
    }
    fs::write(
        tb.join("installs.ini"),
        "[3DDF446CE6CB1A45]\nDefault=zzzz.default-esr\nLocked=1\n",
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("PC-B")).unwrap();
    let report = mailaudit::scan::scan(&[dir.path().to_path_buf()], None).unwrap();
    let hosts: Vec<&str> = report
        .accesses
        .iter()
        .filter(|a| a.device == "PC-A")
        .map(|a| a.host.as_str())
        .collect();
    assert_eq!(hosts.first(), Some(&"pop.example.jp"), "{hosts:?}");
}

#[test]
fn accounts_of_a_profile_thunderbird_does_not_start_say_so() {
    let prefs = r#"user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.server.server1.hostname", "pop.example.jp");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.userName", "info@example.jp");
"#;
    let ini = "[Profile0]\nName=a\nIsRelative=1\nPath=Profiles/aaaa.a\nDefault=1\n\n[Profile1]\nName=b\nIsRelative=1\nPath=Profiles/bbbb.b\n";
    let (dir, ctx, inputs) = device(
        &[
            ("Thunderbird/profiles.ini", ini),
            ("Thunderbird/Profiles/aaaa.a/prefs.js", prefs),
            ("Thunderbird/Profiles/bbbb.b/prefs.js", prefs),
        ],
        &[],
    );
    assert!(inputs.is_empty());
    let read = |name: &str| {
        let p = dir.path().join("Thunderbird/Profiles").join(name);
        let input = Input {
            kind: Kind::ThunderbirdProfile,
            rel: ctx.rel(&p),
            path: p,
        };
        thunderbird::read_profile(&input, &ctx).accesses.remove(0)
    };
    assert!(read("aaaa.a").inactive.is_none());
    let b = read("bbbb.b");
    let why = inactive_en(
        b.inactive
            .as_ref()
            .expect("an account of a profile that is not started is marked inactive"),
    );
    assert!(
        why.contains("Profiles/aaaa.a") && why.contains("profiles.ini line 4"),
        "{why}"
    );
}

#[test]
fn a_profile_chooser_at_every_start_counts_every_profile() {
    let prefs = r#"user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.server.server1.hostname", "pop.example.jp");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.userName", "info@example.jp");
"#;
    let ini = "[General]\nStartWithLastProfile=0\nVersion=2\n\n[Profile0]\nName=a\nIsRelative=1\nPath=Profiles/aaaa.a\nDefault=1\n\n[Profile1]\nName=b\nIsRelative=1\nPath=Profiles/bbbb.b\n\n[Install308046B0AF4A39CB]\nDefault=Profiles/aaaa.a\nLocked=1\n";
    let (dir, ctx, _) = device(
        &[
            ("Thunderbird/profiles.ini", ini),
            ("Thunderbird/Profiles/aaaa.a/prefs.js", prefs),
            ("Thunderbird/Profiles/bbbb.b/prefs.js", prefs),
            ("Thunderbird/Profiles/cccc.unlisted/prefs.js", prefs),
        ],
        &[],
    );
    let read = |name: &str| {
        let p = dir.path().join("Thunderbird/Profiles").join(name);
        let input = Input {
            kind: Kind::ThunderbirdProfile,
            rel: ctx.rel(&p),
            path: p,
        };
        thunderbird::read_profile(&input, &ctx).accesses.remove(0)
    };
    let said = "Thunderbird asks which profile to use at every start (StartWithLastProfile=0, Thunderbird/profiles.ini line 2); accounts of every profile are counted";
    for name in ["aaaa.a", "bbbb.b"] {
        let a = read(name);
        assert_eq!(a.inactive, None, "{name}");
        assert!(
            a.assumptions.english().iter().any(|s| s == said),
            "{name}: {:?}",
            a.assumptions
        );
    }
    // The chooser lists only the profiles in profiles.ini; a folder it does not list is not started.
    let unlisted = read("cccc.unlisted");
    assert!(unlisted.inactive.is_some());
    assert!(!unlisted.assumptions.english().iter().any(|s| s == said));
}

#[test]
fn start_with_last_profile_other_than_0_still_starts_the_default() {
    let prefs = r#"user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.server.server1.hostname", "pop.example.jp");
user_pref("mail.server.server1.type", "pop3");
"#;
    // Gecko compares the value with "0" exactly; "1", "false" or "00" all start the default.
    for value in ["1", "false", "00"] {
        let ini = format!("[General]\nStartWithLastProfile={value}\n\n[Profile0]\nName=a\nIsRelative=1\nPath=aaaa.a\nDefault=1\n\n[Profile1]\nName=b\nIsRelative=1\nPath=bbbb.b\n");
        let (dir, ctx, _) = device(
            &[
                (".thunderbird/profiles.ini", &ini),
                (".thunderbird/bbbb.b/prefs.js", prefs),
            ],
            &[],
        );
        let p = dir.path().join(".thunderbird/bbbb.b");
        let input = Input {
            kind: Kind::ThunderbirdProfile,
            rel: ctx.rel(&p),
            path: p,
        };
        let a = thunderbird::read_profile(&input, &ctx).accesses.remove(0);
        assert!(a.inactive.is_some(), "StartWithLastProfile={value}");
    }
}

#[test]
fn corpus_profiles_ini_switched_to_the_chooser() {
    // domiq44's profiles.ini with an install default, as written; then with the chooser on.
    let Some(ini) = corpus_text("domiq44-deploy.profiles.ini") else {
        return;
    };
    let prefs = r#"user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.server.server1.hostname", "pop.example.jp");
user_pref("mail.server.server1.type", "pop3");
"#;
    let chooser = ini.replace("StartWithLastProfile=1", "StartWithLastProfile=0");
    for (text, counted) in [(&ini, false), (&chooser, true)] {
        // A second listed profile next to the install default.
        let text = format!("{text}\n[Profile1]\nName=spare\nIsRelative=1\nPath=aaaa1111.spare\n");
        let (dir, ctx, _) = device(
            &[
                (".thunderbird/profiles.ini", &text),
                (".thunderbird/aaaa1111.spare/prefs.js", prefs),
            ],
            &[],
        );
        let p = dir.path().join(".thunderbird/aaaa1111.spare");
        let input = Input {
            kind: Kind::ThunderbirdProfile,
            rel: ctx.rel(&p),
            path: p,
        };
        let a = thunderbird::read_profile(&input, &ctx).accesses.remove(0);
        assert_eq!(a.inactive.is_none(), counted, "{:?}", a.inactive);
        let said = a
            .assumptions
            .english()
            .iter()
            .any(|s| s.contains("(StartWithLastProfile=0, .thunderbird/profiles.ini line 7)"));
        assert_eq!(said, counted, "{:?}", a.assumptions);
    }
}
