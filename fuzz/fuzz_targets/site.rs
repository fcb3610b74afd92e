//! Fuzzes `site.toml` and its `[[manual]]` entries: no panic; an error names a line inside
//! the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mailaudit::site::Site;
use mailaudit::sources::manual;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Lines as every reader counts them: a lone CR ends one too.
    let lines = mailaudit::text::LineIndex::new(data).line_count();
    match Site::parse(text, "site.toml") {
        Ok(site) => {
            if let Err(e) = manual::accesses(&site) {
                assert!(e.line >= 1 && e.line <= lines, "{e}");
            }
        }
        Err(e) => assert!(e.line <= lines, "{e}"),
    }
});
