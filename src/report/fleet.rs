//! The fleet roll-up: one page, one CSV and one JSON file with a row per office, riskiest
//! first, each pointing at the office's own report.

use super::sanitize::{csv_field, html as esc};
use crate::fleet::OfficeRow;
use crate::model::Lang;
use std::fmt::Write;

/// The roll-up JSON's schema name.
pub const SCHEMA: &str = "mailaudit-fleet/1";

/// The words of the roll-up in one language.
struct Words {
    title: &'static str,
    summary: fn(offices: usize, visit: usize, unreadable: usize) -> String,
    office: &'static str,
    devices: &'static str,
    critical: &'static str,
    warning: &'static str,
    info: &'static str,
    full_in: &'static str,
    losing: &'static str,
    status: &'static str,
    report: &'static str,
    open: &'static str,
    unreadable: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title: "Mail settings of every office",
            summary: |n, visit, bad| {
                format!(
                    "{n} offices; {visit} need a visit (critical findings, a mailbox filling up or devices that lose mail); {bad} could not be read."
                )
            },
            office: "Office",
            devices: "Devices",
            critical: "Critical",
            warning: "Warnings",
            info: "Info",
            full_in: "Days until a mailbox is full",
            losing: "Devices that lose mail",
            status: "Status",
            report: "Report",
            open: "open",
            unreadable: "Not read",
        },
        Lang::Ja => Words {
            title: "全事業所のメール設定",
            summary: |n, visit, bad| {
                format!(
                    "事業所 {n} か所のうち、訪問が必要な事業所は {visit} か所です（重大な診断結果、容量がいっぱいになるメールボックス、またはメールを受信できない端末があります）。読み取れなかった事業所は {bad} か所です。"
                )
            },
            office: "事業所",
            devices: "端末",
            critical: "重大",
            warning: "警告",
            info: "情報",
            full_in: "メールボックスが満杯になるまでの日数",
            losing: "メールを受信できない端末",
            status: "状態",
            report: "レポート",
            open: "開く",
            unreadable: "読み取れません",
        },
    }
}

/// The line printed when the run is done: how many offices, how many need a visit, where
/// the page is.
pub fn done(rows: &[OfficeRow], index: &std::path::Path, lang: Lang) -> String {
    let visit = rows.iter().filter(|r| needs_visit(r)).count();
    let bad = rows.iter().filter(|r| r.unreadable.is_some()).count();
    let n = rows.len();
    let page = super::sanitize::terminal(&index.display().to_string());
    match lang {
        Lang::En => format!(
            "{n} offices scanned, {visit} need a visit, {bad} not read; see {page}\n"
        ),
        Lang::Ja => format!(
            "事業所 {n} か所をスキャンしました。訪問が必要: {visit} か所、読み取れず: {bad} か所。{page} をご覧ください。\n"
        ),
    }
}

/// An office that needs a visit.
fn needs_visit(r: &OfficeRow) -> bool {
    r.critical > 0 || r.days_until_full.is_some() || r.devices_losing_mail > 0
}

/// A folder name as a relative link: every byte outside the unreserved set is escaped, so a
/// name cannot leave the link or point elsewhere.
fn href(folder: &str, file: &str) -> String {
    let mut s = String::new();
    for b in folder.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            s.push(b as char);
        } else {
            let _ = write!(s, "%{b:02X}");
        }
    }
    // `.` or `..` alone would name the roll-up folder or its parent.
    if s == "." || s == ".." {
        s = s.replace('.', "%2E");
    }
    format!("{s}/{file}")
}

/// The roll-up page: self-contained, no script, nothing fetched.
pub fn html(rows: &[OfficeRow], lang: Lang) -> String {
    let w = words(lang);
    let visit = rows.iter().filter(|r| needs_visit(r)).count();
    let bad = rows.iter().filter(|r| r.unreadable.is_some()).count();
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        lang.code()
    );
    s.push_str(concat!(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        // Should escaping ever miss, the browser still runs no script and loads nothing.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ",
        "style-src 'unsafe-inline'\">\n",
    ));
    let _ = writeln!(s, "<title>{}</title>\n<style>{STYLE}</style>", esc(w.title));
    let _ = writeln!(s, "</head>\n<body>\n<h1>{}</h1>", esc(w.title));
    let _ = writeln!(s, "<p>{}</p>", esc(&(w.summary)(rows.len(), visit, bad)));
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(w.office),
        esc(w.critical),
        esc(w.full_in),
        esc(w.losing),
        esc(w.warning),
        esc(w.info),
        esc(w.devices),
        esc(w.status),
        esc(w.report)
    );
    for r in rows {
        let class = if r.critical > 0 {
            " class=\"critical\""
        } else if needs_visit(r) {
            " class=\"visit\""
        } else if r.unreadable.is_some() {
            " class=\"unread\""
        } else {
            ""
        };
        let _ = write!(s, "<tr{class}><td>{}</td>", esc(&r.office));
        match &r.unreadable {
            Some(reason) => {
                let _ = writeln!(
                    s,
                    "<td colspan=\"8\"><strong>{}</strong>: {}</td></tr>",
                    esc(w.unreadable),
                    esc(reason)
                );
            }
            None => {
                let full = r.days_until_full.map(|d| d.to_string()).unwrap_or_default();
                let link = r
                    .folder
                    .as_deref()
                    .map(|f| {
                        format!(
                            "<a href=\"{}\">{}</a>",
                            esc(&href(f, "report.html")),
                            esc(w.open)
                        )
                    })
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{link}</td></tr>",
                    r.critical,
                    esc(&full),
                    r.devices_losing_mail,
                    r.warning,
                    r.info,
                    r.devices,
                    esc(&r.status)
                );
            }
        }
    }
    s.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    s
}

const STYLE: &str = r#"
body { font-family: system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Yu Gothic UI",
       Meiryo, sans-serif; color: #1d1f23; line-height: 1.45; margin: 0 auto; padding: 1.5rem;
       max-width: 80rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92em; }
th, td { border: 1px solid #c9ccd1; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f1f2f4; }
td.n { text-align: right; }
tr.critical td:first-child { border-left: 6px solid #b3261e; font-weight: 700; }
tr.visit td:first-child { border-left: 6px solid #8a5300; }
tr.unread td:first-child { border-left: 6px dashed #5c6370; }
@media print { html { font-size: 10pt; } a { color: inherit; } }
"#;

/// One row per office, UTF-8 with a BOM so Excel opens it in the right encoding.
pub fn csv(rows: &[OfficeRow], lang: Lang) -> String {
    let w = words(lang);
    let mut s = String::from("\u{FEFF}");
    let head = [
        w.office,
        w.critical,
        w.full_in,
        w.losing,
        w.warning,
        w.info,
        w.devices,
        w.status,
        w.report,
        w.unreadable,
    ];
    s.push_str(&head.map(csv_field).join(","));
    s.push_str("\r\n");
    for r in rows {
        let cells = [
            r.office.clone(),
            r.critical.to_string(),
            r.days_until_full.map(|d| d.to_string()).unwrap_or_default(),
            r.devices_losing_mail.to_string(),
            r.warning.to_string(),
            r.info.to_string(),
            r.devices.to_string(),
            r.status.clone(),
            r.folder
                .as_deref()
                .map(|f| format!("{f}/report.html"))
                .unwrap_or_default(),
            r.unreadable.clone().unwrap_or_default(),
        ];
        s.push_str(&cells.map(|c| csv_field(&c)).join(","));
        s.push_str("\r\n");
    }
    s
}

/// The roll-up as JSON: the schema, the language and the rows in risk order.
pub fn json(rows: &[OfficeRow], lang: Lang) -> String {
    let v = serde_json::json!({
        "schema": SCHEMA,
        "lang": lang,
        "offices": rows,
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
