//! Fuzzes the Windows Mail `.oeaccount` reader: no panic, problems name the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mailaudit::sources::oeaccount;

fuzz_target!(|data: &[u8]| {
    let out = oeaccount::read_bytes(data, "x.oeaccount");
    for p in &out.problems {
        assert_eq!(p.at.path, "x.oeaccount");
    }
});
