//! CSV of the findings and then the problems, one row each, for a spreadsheet or a ticket
//! system's import. A problem's row carries its kind (or grammar code) in the rule column.
//!
//! The accesses behind the findings, with every value's provenance, are in the JSON report,
//! and the Markdown and HTML reports show them as tables.

use super::sanitize::csv_field;
use crate::scan::Report;

/// The columns, in order.
pub const COLUMNS: [&str; 7] = [
    "severity", "rule", "mailbox", "devices", "message", "fix", "evidence",
];

/// Renders the findings as RFC 4180 CSV (CRLF line ends, quoted where needed).
///
/// The file starts with a UTF-8 byte-order mark: without it Excel on a Japanese Windows reads
/// a CSV as Shift_JIS (CP932) and shows Japanese account names and messages as mojibake.
pub fn render(report: &Report) -> String {
    let report = &super::i18n::localized(report);
    let mut s = String::from("\u{FEFF}");
    line(&mut s, COLUMNS.iter().map(|c| c.to_string()));
    for f in &report.findings {
        let evidence: Vec<String> = f.evidence.iter().map(ToString::to_string).collect();
        line(
            &mut s,
            [
                f.severity.name().to_string(),
                f.rule.to_string(),
                f.mailbox.clone(),
                f.devices.join(", "),
                f.message.clone(),
                f.fix.clone(),
                evidence.join("; "),
            ],
        );
    }
    // Files and lines that could not be read are rows too: a sheet of findings alone would
    // look like a clean scan.
    for p in &report.problems {
        line(
            &mut s,
            [
                "problem".to_string(),
                p.kind.code(),
                String::new(),
                String::new(),
                p.message.clone(),
                String::new(),
                super::words::problem_place(p),
            ],
        );
    }
    s
}

/// One record; every field goes through `csv_field`, which quotes and neutralises formulas.
fn line(s: &mut String, fields: impl IntoIterator<Item = String>) {
    let fields: Vec<String> = fields.into_iter().map(|f| csv_field(&f)).collect();
    s.push_str(&fields.join(","));
    s.push_str("\r\n");
}
