//! `mailaudit migrate` from the command line, and snapshots of the sample office's checklist
//! in every format and language (in `tests/snapshots/`, rewritten with `MAILAUDIT_BLESS=1`;
//! review the diff, it is the assertion).

mod common;
use common::check_snapshot;

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary in the crate folder, in an English locale and 100 columns unless `env`
/// says otherwise.
fn mailaudit_env(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mailaudit"));
    cmd.current_dir(root())
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("COLUMNS")
        .env("LANG", "C");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn mailaudit(args: &[&str]) -> std::process::Output {
    mailaudit_env(args, &[])
}

const OFFICE: [&str; 4] = [
    "migrate",
    "samples/office",
    "--to",
    "tests/data/newhost-autoconfig.xml",
];

/// The sample office's checklist with extra options.
fn office(extra: &[&str]) -> std::process::Output {
    let args: Vec<&str> = OFFICE.iter().chain(extra).copied().collect();
    mailaudit(&args)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn checklists_match_the_snapshots_in_both_languages_and_every_format() {
    let mut failures = Vec::new();
    for lang in ["en", "ja"] {
        for (format, ext) in [
            ("text", "txt"),
            ("json", "json"),
            ("md", "md"),
            ("html", "html"),
        ] {
            let out = office(&["--lang", lang, "--format", format]);
            assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
            let text = String::from_utf8(out.stdout).unwrap();
            failures.extend(check_snapshot(
                &format!("migrate-office.{lang}.{ext}"),
                &text,
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn exit_code_says_whether_any_device_must_change() {
    assert_eq!(office(&[]).status.code(), Some(1));
    assert_eq!(office(&["--fail-on", "never"]).status.code(), Some(0));
    let same = mailaudit(&[
        "migrate",
        "samples/office",
        "--to",
        "tests/data/samehost-autoconfig.xml",
    ]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert!(String::from_utf8_lossy(&same.stdout).contains("Nothing to change."));
    let help = String::from_utf8(mailaudit(&["migrate", "--help"]).stdout).unwrap();
    assert!(
        help.contains("--fail-on") && help.contains("must change a setting"),
        "{help}"
    );
}

#[test]
fn quiet_prints_nothing_but_still_writes_the_file() {
    let out = office(&["-q"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("checklist.html");
    let out = office(&["--quiet", "--format", "html", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let page = std::fs::read_to_string(&file).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
}

#[test]
fn dash_output_is_standard_output() {
    let out = office(&["-o", "-", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["lang"], "en");
    assert!(!root().join("-").exists(), "a file named - was written");
}

#[test]
fn language_follows_the_locale_unless_given() {
    let ja = mailaudit_env(&OFFICE, &[("LANG", "ja_JP.UTF-8")]);
    let text = String::from_utf8(ja.stdout).unwrap();
    assert!(
        text.contains("への移行チェックリスト") && text.contains("受信サーバー"),
        "{text}"
    );
    let en = mailaudit_env(
        &[&OFFICE[..], &["--lang", "en"]].concat(),
        &[("LC_ALL", "ja_JP.UTF-8")],
    );
    let text = String::from_utf8(en.stdout).unwrap();
    assert!(text.starts_with("Migration to example.co.jp"), "{text}");
    let bad = office(&["--lang", "fr"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn json_lists_a_host_change_for_every_device_of_the_sample_office() {
    let out = mailaudit(&[
        "migrate",
        "samples/office",
        "--to",
        "tests/data/newhost-autoconfig.xml",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "mailaudit/1");
    let steps = v["migration"].as_array().unwrap();
    let devices: std::collections::BTreeSet<&str> = steps
        .iter()
        .map(|s| s["device"].as_str().unwrap())
        .collect();
    for d in ["PC-A", "PC-B"] {
        assert!(devices.contains(d), "{devices:?}");
    }
    for s in steps {
        let changes = s["changes"].as_array().unwrap();
        assert!(
            changes
                .iter()
                .any(|c| c["field"] == "host"
                    && c["to"].as_str().unwrap().ends_with(".newhost.example")),
            "{s}"
        );
    }
}

#[test]
fn markdown_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("checklist.md");
    let out = mailaudit(&[
        "migrate",
        "samples/office",
        "--to",
        "tests/data/newhost-autodiscover.xml",
        "--format",
        "md",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let md = std::fs::read_to_string(&file).unwrap();
    assert!(
        md.contains("| [ ] | Incoming server | pop.example.co.jp | pop.newhost.example |"),
        "{md}"
    );
    assert!(
        md.contains("does not say how long POP3 mail stays on the server"),
        "{md}"
    );
}

fn write_bomb(dir: &Path) -> PathBuf {
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE clientConfig [\n<!ENTITY a \"aaaaaaaaaa\">\n",
    );
    for i in 1..=9 {
        let prev = if i == 1 {
            "a".to_string()
        } else {
            format!("a{}", i - 1)
        };
        s.push_str(&format!(
            "<!ENTITY a{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    s.push_str("]>\n<clientConfig><emailProvider id=\"x\"><domain>&a9;</domain></emailProvider></clientConfig>\n");
    let p = dir.join("config-v1.1.xml");
    std::fs::write(&p, s).unwrap();
    p
}

#[test]
fn an_entity_bomb_target_is_a_usage_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = write_bomb(dir.path());
    let out = mailaudit(&["migrate", "samples/office", "--to", bomb.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config-v1.1.xml:2:") && err.contains("entities"),
        "{err}"
    );
}

#[test]
fn an_entity_bomb_in_a_scanned_tree_is_listed_as_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    write_bomb(dir.path());
    let out = mailaudit(&["scan", dir.path().to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = v["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["path"] == "config-v1.1.xml" && p["line"] == 2),
        "{problems:?}"
    );
    assert!(v["providers"].as_array().unwrap().is_empty());
}

#[test]
fn missing_to_is_a_usage_error() {
    let out = mailaudit(&["migrate", "samples/office"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_terminal_checklist_fits_eighty_columns_in_both_languages() {
    for lang in ["en", "ja"] {
        let args: Vec<&str> = OFFICE.iter().copied().chain(["--lang", lang]).collect();
        let out = mailaudit_env(&args, &[("COLUMNS", "80")]);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("SSL/TLS"), "{text}");
        for line in text.lines() {
            let w = unicode_width::UnicodeWidthStr::width(line);
            assert!(w <= 80, "{lang}: {w} columns: {line}");
        }
    }
}
