//! Fuzzes Becky!'s `Mailbox.ini` reader: no panic, and no password text in any problem.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mailaudit::sources::becky;

fuzz_target!(|data: &[u8]| {
    let (_, problems) = becky::parse(data, "x/Mailbox.ini", "x.mb");
    let text = String::from_utf8_lossy(data);
    // Lines as the reader splits them: a lone CR ends one too.
    for line in mailaudit::text::lines(&text) {
        let l = line.trim();
        // A line naming a password key without `=` holds the password: never quoted.
        if l.len() > 12 && !l.contains('=') && l.to_ascii_lowercase().contains("passwd") {
            for p in &problems {
                assert!(!p.message.contains(l), "{p:?}");
            }
        }
    }
});
