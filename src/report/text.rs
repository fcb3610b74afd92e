//! Terminal report.

use crate::scan::Report;

/// Renders the report for a terminal.
pub fn render(_report: &Report) -> String {
    String::new()
}
