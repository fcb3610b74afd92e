//! Fuzzes the Outlook `.prf` reader: no panic, problems name the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mailaudit::sources::prf;

fuzz_target!(|data: &[u8]| {
    let out = prf::read_bytes(data, "x.prf");
    for p in &out.problems {
        assert_eq!(p.at.path, "x.prf");
    }
});
