//! `mailaudit migrate` from the command line.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn mailaudit(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mailaudit"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap()
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
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let md = std::fs::read_to_string(&file).unwrap();
    assert!(
        md.contains("| [ ] | host | pop.example.co.jp | pop.newhost.example |"),
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
