//! Fuzzes the INI grammar (profiles.ini, PRF, Mailbox.ini): no panic, bad lines capped,
//! section lookup agrees with a plain search, and a password line is never quoted.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mailaudit::sources::ini;
use mailaudit::sources::limit::MAX_PROBLEMS_PER_FILE;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = ini::parse(&text);
    assert!(parsed.bad_lines.len() <= MAX_PROBLEMS_PER_FILE);
    for b in &parsed.bad_lines {
        assert!(!ini::may_hold_secret(&b.text) || b.text == ini::HIDDEN, "{b:?}");
    }
    for s in parsed.sections.iter().take(50) {
        let first = parsed
            .sections
            .iter()
            .find(|x| x.name.eq_ignore_ascii_case(&s.name))
            .map(|x| x.line);
        assert_eq!(parsed.section(&s.name).map(|x| x.line), first, "{}", s.name);
    }
});
