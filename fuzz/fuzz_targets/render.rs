//! Fuzzes the renderers' escaping: text from a file (account, host, problem message) put in
//! every field of a report can add no control character to the terminal output, no tag to
//! the HTML page, no line or cell to Markdown and CSV structure.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mailaudit::report::sanitize;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let t = sanitize::terminal(&s);
    assert!(!t.chars().any(|c| c.is_control()), "{t:?}");
    assert!(!t.contains('\u{202e}'));
    let m = sanitize::markdown(&s);
    assert!(!m.contains('\n') && !m.contains('\r'), "{m:?}");
    assert!(!m.contains('<'), "{m:?}");
    let code = sanitize::markdown_code(&s);
    assert!(!code.contains('\n'), "{code:?}");
    // The scan's own renderers over a tree whose file holds the text everywhere.
    let dir = tempfile::tempdir().unwrap();
    let prof = dir.path().join("PC-A/Thunderbird/Profiles/abcd1234.default");
    std::fs::create_dir_all(&prof).unwrap();
    let raw: String = s
        .chars()
        .filter(|c| *c != '"' && *c != '\\' && *c != '\n' && *c != '\r')
        .collect();
    // Markers around the text: the page may hold `<` of its own, never the input's raw.
    let v = format!("Q7Z{raw}Z7Q");
    let prefs = format!(
        "user_pref(\"mail.account.account1.server\", \"server1\");\n\
         user_pref(\"mail.accountmanager.accounts\", \"account1\");\n\
         user_pref(\"mail.server.server1.hostname\", \"{v}\");\n\
         user_pref(\"mail.server.server1.type\", \"pop3\");\n\
         user_pref(\"mail.server.server1.name\", \"{v}\");\n\
         user_pref(\"mail.server.server1.userName\", \"{v}@example.jp\");\n"
    );
    std::fs::write(prof.join("prefs.js"), prefs).unwrap();
    let Ok(report) = mailaudit::scan::scan(&[dir.path().to_path_buf()], None) else {
        return;
    };
    let text = mailaudit::report::text::render(&report);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "control character in the text report"
    );
    let html = mailaudit::report::html::render(&report);
    if raw.contains(['<', '&']) {
        assert!(!html.contains(&v), "raw input text in the HTML page");
    }
});
