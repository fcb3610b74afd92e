//! `scan --format status`: one line of at most 255 characters, in the report's language.

use mailaudit::model::Lang;
use mailaudit::report::status::{line, MAX_CHARS};
use std::path::{Path, PathBuf};
use std::process::Command;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/office")
}

fn status(lang: &str) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mailaudit"))
        .args(["scan", "--format", "status", "--lang", lang])
        .arg(sample())
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn sample_office_status_line_in_both_languages() {
    let (code, en) = status("en");
    assert_eq!(code, Some(1));
    assert_eq!(en.lines().count(), 1, "{en}");
    assert!(en.ends_with('\n'));
    let en = en.trim_end();
    assert!(en.chars().count() <= MAX_CHARS, "{en}");
    assert!(en.starts_with("CRITICAL "), "{en}");
    assert!(en.contains("info@: "), "{en}");
    let (_, ja) = status("ja");
    let ja = ja.trim_end();
    assert!(ja.starts_with("重大 "), "{ja}");
    assert!(ja.chars().count() <= MAX_CHARS);
    // The same count of findings in both languages.
    assert_eq!(
        en.split(" | ").count(),
        ja.split(" | ").count(),
        "{en}\n{ja}"
    );
}

#[test]
fn long_status_is_cut_between_items_and_counts_what_is_left_out() {
    let mut report = mailaudit::scan::scan(&[sample()], None).unwrap();
    let mut f = report.findings[0].clone();
    f.devices = vec!["x".into()];
    if let mailaudit::model::FindingKind::RemovesAtDownload { device, .. } = &mut f.kind {
        *device = "デバイス\n名前|".repeat(20);
    }
    for _ in 0..40 {
        report.findings.push(f.clone());
    }
    let total = report.findings.len();
    for lang in [Lang::En, Lang::Ja] {
        report.lang = lang;
        let s = line(&report);
        assert!(s.chars().count() <= MAX_CHARS, "{}", s.chars().count());
        assert!(!s.contains('\n'));
        let items = s.split(" | ").count() - 2;
        let tail = s.rsplit(" | ").next().unwrap();
        let left: usize = tail
            .trim_start_matches("ほか ")
            .trim_start_matches('+')
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{s}"));
        assert_eq!(items + left, total, "{s}");
        // A long name is cut with an ellipsis inside its item, never the item mid-way.
        assert!(s.contains('…'), "{s}");
    }
    report.findings.clear();
    report.lang = Lang::En;
    assert_eq!(line(&report), "OK");
    report.lang = Lang::Ja;
    assert_eq!(line(&report), "問題なし");
}
