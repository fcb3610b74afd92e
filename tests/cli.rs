//! The binary as a user runs it: exit codes, formats, explain, and a scanned tree left untouched.

mod common;
use common::copy_tree;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The binary with no locale and no terminal width of the caller's, so English at 100
/// columns unless a test says otherwise.
fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailaudit"));
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS", "NO_COLOR"] {
        c.env_remove(var);
    }
    c
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/office")
}

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(name)
        .join("input")
}

#[test]
fn sample_office_reports_the_story_and_exits_1() {
    let out = bin().arg("scan").arg(sample()).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("Mailbox info@example.co.jp"), "{text}");
    assert!(text.contains("keeps forever"), "{text}");
    assert!(text.contains("keeps 3 days"), "{text}");
    assert!(text.contains("short-retention-window"), "{text}");
    assert!(text.contains("unbounded-growth"), "{text}");
}

#[test]
fn json_format_is_the_mailaudit_1_contract() {
    let out = bin()
        .args(["scan", "--format", "json"])
        .arg(sample())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "mailaudit/1");
    for key in [
        "devices",
        "accesses",
        "mailboxes",
        "findings",
        "recommendations",
        "providers",
        "problems",
    ] {
        assert!(v[key].is_array(), "missing {key}");
    }
    let a = v["accesses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["device"] == "PC-B" && a["mailbox"] == "info@example.co.jp")
        .expect("PC-B reads info@");
    assert_eq!(a["client"], "thunderbird");
    assert_eq!(a["protocol"], "pop3");
    assert_eq!(a["retention"]["delete_after_days"], 3);
    assert!(a["source"]["path"].as_str().unwrap().starts_with("PC-B/"));
}

#[test]
fn fail_on_sets_the_threshold() {
    // Only an info finding (shared-address) and warnings: clean at the default threshold.
    let dir = case("delete-follows-user");
    let code = |args: &[&str]| {
        bin()
            .arg("scan")
            .args(args)
            .arg(&dir)
            .arg("-q")
            .status()
            .unwrap()
            .code()
    };
    assert_eq!(code(&[]), Some(0));
    assert_eq!(code(&["--fail-on", "warning"]), Some(1));
    assert_eq!(code(&["--fail-on", "info"]), Some(1));
    // A critical finding fails at the default threshold.
    assert_eq!(
        bin()
            .args(["scan", "-q"])
            .arg(case("delete-on-download"))
            .status()
            .unwrap()
            .code(),
        Some(1)
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    let out = bin()
        .args(["scan", "/nonexistent/office"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
    assert_eq!(
        bin()
            .args(["scan", "--format", "pdf", "x"])
            .status()
            .unwrap()
            .code(),
        Some(2)
    );
    assert_eq!(
        bin()
            .args(["explain", "no-such-rule"])
            .status()
            .unwrap()
            .code(),
        Some(2)
    );
}

#[test]
fn explain_prints_every_rule_and_one_rule() {
    let out = bin().arg("explain").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for r in mailaudit::analyze::all() {
        assert!(text.contains(r.doc().id.name()), "{}", r.doc().id);
    }
    let out = bin()
        .args(["explain", "delete-on-download"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for part in [
        "What it finds",
        "Why it matters",
        "Example",
        "Fix",
        "critical",
    ] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.json");
    std::fs::write(&target, "old").unwrap();
    bin()
        .args(["scan", "--format", "json", "-o"])
        .arg(&target)
        .arg(sample())
        .status()
        .unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(v["schema"], "mailaudit/1");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "temporary files left behind");
}

fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let meta = e.metadata().unwrap();
            let bytes = if meta.is_file() {
                std::fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (e.path().to_path_buf(), (bytes, meta.modified().unwrap()))
        })
        .collect()
}

fn set_readonly(root: &Path, ro: bool) {
    let mut entries: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    // Files before their folders when locking, folders before their files when unlocking.
    if ro {
        entries.reverse();
    }
    for e in entries {
        let mut p = e.metadata().unwrap().permissions();
        p.set_readonly(ro);
        std::fs::set_permissions(e.path(), p).unwrap();
    }
}

#[test]
fn scanning_a_read_only_tree_changes_no_byte() {
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("office");
    copy_tree(&sample(), &office);
    set_readonly(&office, true);
    let before = snapshot(&office);
    for format in ["text", "json"] {
        let out = bin()
            .args(["scan", "--format", format])
            .arg(&office)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let after = snapshot(&office);
    set_readonly(&office, false);
    assert_eq!(before, after);
}

#[cfg(unix)]
#[test]
fn named_pipes_in_a_tree_are_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let tb = dir.path().join("PC-A/Thunderbird");
    let profile = tb.join("Profiles/abcd1234.default");
    std::fs::create_dir_all(&profile).unwrap();
    std::fs::copy(
        case("delete-on-download").join("PC-A/profile/prefs.js"),
        profile.join("prefs.js"),
    )
    .unwrap();
    // Reading a pipe blocks until someone writes to it: a scan must never open one.
    for pipe in [tb.join("profiles.ini"), profile.join("user.js")] {
        let ok = Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap()
            .success();
        assert!(ok, "mkfifo failed");
    }
    let mut child = bin()
        .args(["scan", "--format", "json"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("scan blocked on a named pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["accesses"].as_array().unwrap().len(), 1);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_given_to_scan_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("export.reg");
    assert!(Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap()
        .success());
    let out = bin().arg("scan").arg(&pipe).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a folder or a regular file"));
}

#[cfg(unix)]
#[test]
fn a_named_pipe_given_as_site_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("site.toml");
    assert!(Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap()
        .success());
    let out = bin()
        .args(["scan", "--site"])
        .arg(&pipe)
        .arg(case("delete-on-download"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}

#[test]
fn output_inside_the_scanned_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("office");
    copy_tree(&sample(), &office);
    let site = office.join("site.toml");
    let before = std::fs::read(&site).unwrap();
    let out = bin()
        .args(["scan", "-o"])
        .arg(&site)
        .arg(&office)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("inside the scanned folder"));
    assert_eq!(std::fs::read(&site).unwrap(), before);
}

#[test]
fn quiet_still_writes_the_file_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("r.json");
    let out = bin()
        .args(["scan", "-q", "--format", "json", "-o"])
        .arg(&target)
        .arg(sample())
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("mailaudit/1"));
}

#[test]
fn output_over_the_site_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site.toml");
    std::fs::write(&site, "[defaults]\naway_days = 7\n").unwrap();
    let out = bin()
        .args(["scan", "--site"])
        .arg(&site)
        .arg("-o")
        .arg(&site)
        .arg(case("delete-on-download"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&site).unwrap(),
        "[defaults]\naway_days = 7\n"
    );
}

#[test]
fn a_site_file_error_is_told_in_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site.toml");
    std::fs::write(
        &site,
        "[[manual]]\ndevice = \"iPhone-Sato\"\nclient = \"ios-mail\"\nmailbox = \"info@example.jp\"\n",
    )
    .unwrap();
    let run = |lang: Option<&str>| {
        let mut c = bin();
        c.args(["scan", "--site"])
            .arg(&site)
            .arg(case("delete-on-download"));
        if let Some(l) = lang {
            c.env("LANG", l);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    let en = run(None);
    assert!(en.contains("site.toml:1:1: [[manual]] entry for `iPhone-Sato`: give `protocol` (pop3, imap or exchange)"), "{en}");
    let ja = run(Some("ja_JP.UTF-8"));
    assert!(
        ja.contains(
            "site.toml:1:1: [[manual]] の `iPhone-Sato` の項目: `protocol` を指定してください"
        ),
        "{ja}"
    );
}

#[test]
fn a_japanese_locale_gives_a_japanese_report() {
    let out = bin()
        .arg("scan")
        .arg(sample())
        .env("LANG", "ja_JP.UTF-8")
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("まず行うこと"), "{text}");
    assert!(
        text.contains("「サーバーにメッセージのコピーを置く」"),
        "{text}"
    );
    // LC_ALL wins over LANG, and --lang over both.
    let out = bin()
        .args(["scan", "--format", "json"])
        .arg(sample())
        .env("LANG", "ja_JP.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["lang"], "en");
    let out = bin()
        .args(["scan", "--format", "json", "--lang", "ja"])
        .arg(sample())
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["lang"], "ja");
    let first = &json["findings"][0];
    assert_eq!(first["kind"], "removes-at-download");
    assert_eq!(first["facts"]["device"], "PC-C");
    assert_eq!(first["measure"]["unit"], "percent");
    assert!(first["message"].as_str().unwrap().contains("受信"));
    assert_eq!(json["tool"]["name"], "mailaudit");
    assert!(json["scanned_at"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn explain_speaks_japanese_when_asked() {
    let out = bin()
        .args(["explain", "delete-on-download", "--lang", "ja"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for part in ["検出する内容", "なぜ問題か", "例", "対処", "critical"] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
    let list = bin().args(["explain", "--lang", "ja"]).output().unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(list.contains("delete-on-download"), "{list}");
    assert!(list.contains("受信時にメールをサーバーから削除"), "{list}");
}

#[test]
fn dash_output_is_standard_output() {
    let out = bin()
        .args(["scan", "--format", "md", "-o", "-"])
        .arg(sample())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# Mail audit"), "{text}");
    assert!(!Path::new("-").exists());
}

/// The stale-host fix names a `migrate` command; run as written from where the scan ran, it
/// works (exit 0 or 1, not a usage error).
#[test]
fn the_command_a_fix_names_runs_as_written() {
    let case = Path::new("tests/cases/provider-default-stale-host/input");
    let out = bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["scan", "--format", "json"])
        .arg(case)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fix = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "provider-hosts")
        .expect("the stale-host finding")["fix"]
        .as_str()
        .unwrap()
        .to_string();
    let command = fix.split('`').nth(1).expect("a command in backticks");
    let words: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(words[..2], ["mailaudit", "migrate"], "{command}");
    let run = bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(&words[1..])
        .output()
        .unwrap();
    assert_ne!(
        run.status.code(),
        Some(2),
        "{command}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}
