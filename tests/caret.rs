//! The terminal report shows a bad line under its problem with a caret under the column, as
//! the `toml` crate shows a parse error: escaped, cut to the width, aligned after wide
//! characters, and never for a line that may hold a password. Snapshot in
//! `tests/snapshots/caret.txt` (rewritten with `MAILAUDIT_BLESS=1`; review the diff).

mod common;
use common::check_snapshot;

use mailaudit::model::Lang;
use mailaudit::report::text;
use mailaudit::scan::scan;

const PREFS: &str = concat!(
    "user_pref(\"mail.account.account1.server\", \"server1\");\n",
    "user_pref(\"mail.accountmanager.accounts\", \"account1\");\n",
    "user_pref(\"mail.server.server1.type\", \"pop3\");\n",
    "user_pref(\"mail.server.server1.hostname\", \"pop.example.jp\");\n",
    "user_pref(\"mail.server.server1.userName\", \"info@example.jp\");\n",
    // 6: a missing comma after Japanese text: the caret must sit under `t`, past wide cells.
    "user_pref(\"mail.identity.id1.fullname\", \"営業部　受付\" true);\n",
    // 7: a line far wider than the terminal, wrong near its end.
    "user_pref(\"mail.identity.id1.htmlSigText\", \"",
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789",
    "0123456789012345678901234567890123456789\" ! );\n",
    // 8: a password line: its text is never shown.
    "user_pref(\"mail.server.server1.password\", \"hunter2\" x);\n",
    // 9: an escape sequence in the bad line must not reach the terminal.
    "user_pref(\"mail.identity.id1.organization\", \"\u{1b}[31mred\" ?);\n",
);

fn report(dir: &std::path::Path) -> mailaudit::scan::Report {
    let profile = dir.join("PC-A/Thunderbird/Profiles/abcd1234.default");
    std::fs::create_dir_all(&profile).unwrap();
    std::fs::write(profile.join("prefs.js"), PREFS).unwrap();
    scan(&[dir.to_path_buf()], None).expect("the folder scans")
}

/// The problems section of the terminal report.
fn problems(out: &str, heading: &str) -> String {
    let at = out.find(heading).expect("a problems section");
    out[at..].to_string()
}

/// The character shown above the caret of line `n`, counting display cells.
fn char_above_caret(section: &str, n: u32) -> char {
    use unicode_width::UnicodeWidthChar;
    let lines: Vec<&str> = section.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(&format!("{n} | ")))
        .unwrap_or_else(|| panic!("line {n} is not shown:\n{section}"));
    let cell = lines[at + 1].find('^').expect("a caret under the line");
    let mut used = 0;
    for c in lines[at].chars() {
        if used == cell {
            return c;
        }
        used += c.width().unwrap_or(0);
    }
    panic!(
        "the caret is past the line:\n{}\n{}",
        lines[at],
        lines[at + 1]
    );
}

#[test]
fn bad_lines_show_with_a_caret_under_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = report(dir.path());
    r.root = None;
    let layout = text::Layout {
        width: 80,
        color: false,
    };
    let en = text::render_with(&r, layout);
    let section = problems(&en, "Problems (");
    assert!(!section.contains("hunter2"), "{section}");
    assert!(!section.contains('\u{1b}'), "{section}");
    for line in section.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "wider than 80: {line}"
        );
    }
    // Each caret sits under the character the parser stopped at: past the Japanese text's
    // closing quote, near the end of the long line, after the escaped sequence.
    assert_eq!(char_above_caret(&section, 6), 't');
    assert_eq!(char_above_caret(&section, 7), '!');
    assert_eq!(char_above_caret(&section, 9), '?');
    assert!(
        !section.contains(" 8 | "),
        "the password line is not shown:\n{section}"
    );
    r.lang = Lang::Ja;
    let ja = problems(&text::render_with(&r, layout), "読み取れなかったもの（");
    let mut both = section;
    both.push_str("\n--- ja ---\n");
    both.push_str(&ja);
    let failures = check_snapshot("caret.txt", &both);
    assert!(failures.is_none(), "{}", failures.unwrap());
}
