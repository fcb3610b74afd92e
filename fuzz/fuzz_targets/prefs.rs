//! Fuzzes the prefs grammar: no input may panic, positions stay inside the file, and
//! every statement that parsed reads back unchanged after `render_user_pref`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mailaudit::sources::prefs::{parse, render_user_pref, FileKind};

fuzz_target!(|data: &[u8]| {
    let lines = 1 + data.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    for kind in [FileKind::User, FileKind::Default] {
        let parsed = parse(data, kind);
        for e in &parsed.errors {
            assert!(e.line >= 1 && e.col >= 1, "{e:?}");
            assert!(e.line as usize <= lines, "{e:?}");
        }
        for pref in &parsed.prefs {
            // A parsed value never holds NUL, so Thunderbird's way of writing it must
            // read back as the same statement.
            let line = render_user_pref(&pref.name, &pref.value);
            let again = parse(line.as_bytes(), FileKind::User);
            assert!(again.errors.is_empty(), "{line:?}: {:?}", again.errors);
            assert_eq!(again.prefs.len(), 1, "{line:?}");
            assert_eq!(again.prefs[0].name, pref.name);
            assert_eq!(again.prefs[0].value, pref.value);
        }
    }
});
