//! The scans kept in a history database: text, Markdown and JSON, in English or Japanese.

use super::sanitize;
use crate::model::Lang;
use crate::store::ScanSummary;
use serde_json::json;
use std::fmt::Write;

fn headers(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::En => ["id", "time", "root", "devices", "findings", "problems"],
        Lang::Ja => ["ID", "日時", "フォルダ", "端末", "指摘", "読み取りの問題"],
    }
}

fn empty(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "No scans in this database yet; `mailaudit scan --db FILE PATH` adds one.",
        Lang::Ja => "このデータベースにはまだスキャンがありません。`mailaudit scan --db FILE PATH` で追加できます。",
    }
}

/// "6 (2 critical, 3 warning, 1 info)".
fn findings(s: &ScanSummary, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{} ({} critical, {} warning, {} info)",
            s.findings, s.critical, s.warning, s.info
        ),
        Lang::Ja => format!(
            "{}（重大 {}、警告 {}、情報 {}）",
            s.findings, s.critical, s.warning, s.info
        ),
    }
}

fn cells(s: &ScanSummary, lang: Lang) -> [String; 6] {
    [
        s.id.to_string(),
        s.time.clone(),
        s.root.clone(),
        s.devices.to_string(),
        findings(s, lang),
        s.problems.to_string(),
    ]
}

/// A table for a terminal.
pub fn text(scans: &[ScanSummary], lang: Lang) -> String {
    if scans.is_empty() {
        return format!("{}\n", empty(lang));
    }
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    table.set_header(headers(lang));
    for s in scans {
        table.add_row(cells(s, lang).map(|c| sanitize::terminal(&c)));
    }
    format!("{table}\n")
}

/// A Markdown table.
pub fn markdown(scans: &[ScanSummary], lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        match lang {
            Lang::En => "Scan history",
            Lang::Ja => "スキャンの履歴",
        }
    );
    if scans.is_empty() {
        let _ = writeln!(out, "{}", empty(lang));
        return out;
    }
    let h = headers(lang);
    let _ = writeln!(out, "| {} |", h.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(h.len()));
    for s in scans {
        let row: Vec<String> = cells(s, lang)
            .iter()
            .map(|c| sanitize::markdown(c))
            .collect();
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out
}

/// The `mailaudit/1` envelope with `scans`.
pub fn json(scans: &[ScanSummary], lang: Lang) -> String {
    let v = json!({
        "schema": crate::scan::SCHEMA,
        "lang": lang.code(),
        "tool": {"name": "mailaudit", "version": env!("CARGO_PKG_VERSION")},
        "scans": scans,
    });
    let mut s = serde_json::to_string_pretty(&v).expect("history serializes");
    s.push('\n');
    s
}
