//! Fuzzes the K-9 / Thunderbird for Android `.k9s` reader: no panic, problems name the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mailaudit::sources::k9;

fuzz_target!(|data: &[u8]| {
    let (_, problems) = k9::parse(data, "x.k9s");
    for p in &problems {
        assert_eq!(p.at.path, "x.k9s");
    }
});
