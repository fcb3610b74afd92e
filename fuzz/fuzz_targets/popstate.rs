//! Fuzzes `popstate.dat`: no panic, bad lines capped, counts never exceed the entries.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mailaudit::sources::{limit::MAX_PROBLEMS_PER_FILE, popstate};

fuzz_target!(|data: &[u8]| {
    let state = popstate::parse(data);
    assert!(state.bad_lines.len() <= MAX_PROBLEMS_PER_FILE);
    assert!(state.problems("p").len() <= MAX_PROBLEMS_PER_FILE + 1);
    let entries: usize = state.sections.iter().map(|s| s.entries.len()).sum();
    let (st, note) = state.summary("pop.example.jp", "info@example.jp", "p");
    assert!((st.kept + st.partial + st.marked_for_delete) as usize <= entries);
    if let Some(n) = note {
        // The note names a few sections, never all of a flood of them.
        let words = mailaudit::report::i18n::assumptions::en(&n);
        assert!(words.len() < 2_000, "{}", words.len());
    }
});
