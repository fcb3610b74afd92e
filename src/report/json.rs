//! The `mailaudit/1` JSON report.

use crate::scan::Report;

/// Renders the report as pretty-printed JSON with a trailing newline.
pub fn render(report: &Report) -> String {
    let mut out = Vec::new();
    write(report, &mut out).expect("a report serializes into memory");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Writes [`render`]'s text straight to `w`, so a large report is never held whole in memory.
pub fn write(report: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let report = super::i18n::localized(report);
    serde_json::to_writer_pretty(&mut *w, &report)?;
    w.write_all(b"\n")
}
