//! Shared by the integration tests: a skip line that `cargo test` shows.

use std::io::Write;

/// Says that a test skipped, on the process's real standard error: the test harness captures
/// `eprintln!` of passing tests, so a skip printed that way would read as a silent pass.
pub fn skip(why: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
}
