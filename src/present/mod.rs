//! What every writer of human-readable output shares, the report and the plan alike:
//! escaping file text for each format, byte counts in words, and the HTML page head.

pub mod page;
pub mod sanitize;

/// Bytes in the units office people read: MB and GB, decimal.
pub fn human_bytes(n: u64) -> String {
    if n >= 1_000_000_000 {
        format!("{:.1} GB", n as f64 / 1e9)
    } else if n >= 1_000_000 {
        format!("{:.0} MB", n as f64 / 1e6)
    } else if n >= 1_000 {
        format!("{:.0} KB", n as f64 / 1e3)
    } else {
        format!("{n} B")
    }
}
