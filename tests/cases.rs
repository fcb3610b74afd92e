//! Folder cases: each `tests/cases/NAME/input/` is a collected office, and
//! `tests/cases/NAME/expected.json` is its `mailaudit/1` report. `MAILAUDIT_BLESS=1`
//! writes missing or changed expectations (review the diff: it is the assertion).

use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

fn report_json(input: &Path) -> String {
    // Scanned by the path relative to the crate (tests run there), as a user names a folder,
    // so the report's root is the same on every machine.
    let input = input
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(input);
    let report = mailaudit::scan::scan(&[input.to_path_buf()], None)
        .unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    mailaudit::report::json::render(&report)
}

#[test]
fn every_case_matches_its_expected_report() {
    let bless = std::env::var_os("MAILAUDIT_BLESS").is_some();
    let mut names: Vec<_> = std::fs::read_dir(cases_dir())
        .expect("tests/cases exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("input").is_dir())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no folder cases found");
    let mut failures = Vec::new();
    for case in &names {
        let actual = report_json(&case.join("input"));
        let expected_path = case.join("expected.json");
        let expected = std::fs::read_to_string(&expected_path).ok();
        if expected.as_deref() == Some(actual.as_str()) {
            continue;
        }
        if bless {
            std::fs::write(&expected_path, &actual).unwrap();
            eprintln!("blessed {}", expected_path.display());
        } else {
            failures.push(format!(
                "{}: report differs from expected.json (run with MAILAUDIT_BLESS=1 and review the diff)\n--- actual ---\n{actual}",
                case.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each rule's case fires it, and its near-miss case does not.
#[test]
fn rule_cases_fire_and_near_misses_do_not() {
    for rule in mailaudit::analyze::all() {
        let id = rule.doc().id.name();
        let fires = cases_dir().join(id).join("input");
        let near = cases_dir().join(format!("{id}-near-miss")).join("input");
        if !fires.is_dir() || !near.is_dir() {
            panic!("rule {id} needs tests/cases/{id}/ and tests/cases/{id}-near-miss/");
        }
        let got = |p: &Path| {
            mailaudit::scan::scan(&[p.to_path_buf()], None)
                .unwrap()
                .findings
                .iter()
                .filter(|f| f.rule == id)
                .count()
        };
        assert!(got(&fires) > 0, "{id} does not fire on its case");
        assert_eq!(got(&near), 0, "{id} fires on its near miss");
    }
}
