//! The Markdown, HTML and CSV reports: snapshots of the sample office (in `tests/snapshots/`,
//! rewritten with `MAILAUDIT_BLESS=1`; review the diff, it is the assertion), and hostile file
//! text that must come out inert in every format.

mod common;
use common::check_snapshot;

use mailaudit::model::{Evidence, Lang, Problem, ProviderProfile, SyntaxCode};
use mailaudit::report::{csv, html, markdown, text};
use mailaudit::scan::{scan, Report};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn office() -> Report {
    // A path relative to the crate, as a user names a folder: the report's root is the same on
    // every machine.
    scan(&[PathBuf::from("samples/office")], None).expect("the sample office scans")
}

/// A case with every section: an account not counted, a provider profile, a file that could
/// not be read, and a quota too small for the layout.
fn every_section() -> Report {
    let input = PathBuf::from("tests/cases/report-every-section/input");
    scan(&[input], None).expect("the case scans")
}

fn in_japanese(mut r: Report) -> Report {
    r.lang = Lang::Ja;
    r
}

#[test]
fn renderings_match_the_snapshots() {
    let mut failures = Vec::new();
    for (stem, report) in [
        ("office", office()),
        ("every-section", every_section()),
        ("office-ja", in_japanese(office())),
        ("every-section-ja", in_japanese(every_section())),
    ] {
        let narrow = text::Layout {
            width: 80,
            color: false,
        };
        for (ext, out) in [
            ("md", markdown::render(&report)),
            ("html", html::render(&report)),
            ("csv", csv::render(&report)),
            ("txt", text::render_with(&report, narrow)),
            ("json", mailaudit::report::json::render(&report)),
        ] {
            failures.extend(check_snapshot(&format!("{stem}.{ext}"), &out));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Display width of a line: East Asian wide and full-width characters take two columns.
fn columns(line: &str) -> usize {
    line.chars()
        .map(|c| {
            let wide = matches!(c as u32,
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn the_terminal_report_fits_80_columns_in_both_languages() {
    for report in [
        office(),
        in_japanese(office()),
        every_section(),
        in_japanese(every_section()),
    ] {
        for width in [80, 100] {
            let out = text::render_with(
                &report,
                text::Layout {
                    width,
                    color: false,
                },
            );
            for line in out.lines() {
                assert!(
                    columns(line) <= width,
                    "{} columns > {width}: {line}",
                    columns(line)
                );
            }
        }
    }
}

#[test]
fn colour_only_when_asked() {
    let report = office();
    let plain = text::render_with(
        &report,
        text::Layout {
            width: 100,
            color: false,
        },
    );
    assert!(!plain.contains('\x1b'));
    let coloured = text::render_with(
        &report,
        text::Layout {
            width: 100,
            color: true,
        },
    );
    assert!(coloured.contains("\x1b[1;31mCRITICAL\x1b[0m"), "{coloured}");
}

#[test]
fn the_japanese_markdown_names_each_clients_own_setting() {
    let md = markdown::render(&in_japanese(office()));
    for part in [
        "# メール設定の診断結果",
        "## まず行うこと",
        // Outlook's own label, so the reader finds the checkbox.
        "「サーバーにメッセージのコピーを置く」",
        // Thunderbird's own labels.
        "「ダウンロードしたメッセージを削除したらサーバーからも削除する」",
        "「ダウンロードしてから \\[N\\] 日以上経過したメッセージは削除する」",
        "約 17 日で容量がいっぱいになります",
        "| 端末 | メールソフト | アカウント |",
    ] {
        assert!(md.contains(part), "{part} missing:\n{md}");
    }
    // No English sentence of the findings is left.
    for english in ["removes every message", "On the server", "Why:", "Fix:"] {
        assert!(!md.contains(english), "{english} left in:\n{md}");
    }
    let page = html::render(&in_japanese(office()));
    assert!(page.contains("<html lang=\"ja\">"));
}

#[test]
fn every_section_appears_in_markdown_and_html() {
    let report = every_section();
    let md = markdown::render(&report);
    for part in [
        "## Accounts not counted",
        "| PC-A | account1 | info@example.jp | removes at download | Thunderbird starts the profile",
        "PC-A keeps copies 1 day (already keeps copies",
        "**The quota is too small even for one day of copies: it must grow.**",
        "## Provider profiles\n\n| Profile | Domains | Source |\n|---|---|---|\n| example.jp | example.jp | autoconfig/config-v1.1.xml:3 |",
        "## Problems (1)",
        "| PC-C/profile/prefs.js:11 | prefs parse error: expected ')' after pref value |",
    ] {
        assert!(md.contains(part), "{part} missing:\n{md}");
    }
    let page = html::render(&report);
    for part in [
        "<h2>Accounts not counted</h2>",
        "<p class=\"warning-line\">The quota is too small even for one day of copies: it must grow.</p>",
        "<td>example.jp</td><td>example.jp</td><td>autoconfig/config-v1.1.xml:3</td>",
        "<h2>Problems (1)</h2>",
        "<td>PC-C/profile/prefs.js:11</td><td>prefs parse error: expected &#39;)&#39; after pref value</td>",
    ] {
        assert!(page.contains(part), "{part} missing:\n{page}");
    }
    assert_well_formed(&page);
}

#[test]
fn sample_office_markdown_tells_the_story() {
    let md = markdown::render(&office());
    assert!(md.starts_with("# Mail audit\n"), "{md}");
    assert!(md.contains("## Mailbox info@example.co.jp (quota 2.0 GB, 40 MB a day)"));
    assert!(
        md.contains("| PC-C | Outlook | info (受付) | POP3 | removes at download | every 30 min |")
    );
    assert!(md.contains("### CRITICAL: `delete-on-download` on info@example.co.jp"));
    assert!(md.contains("- **Evidence:** `PC-C/outlook.reg:49`"));
    assert!(md.contains("| info2@example.co.jp | PC-B |"));
}

#[test]
fn sample_office_html_is_one_self_contained_page() {
    let page = html::render(&office());
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains("<meta charset=\"utf-8\">"));
    for banned in [
        "<script", "<link", "<img", "src=", "href=", "url(", "@import",
    ] {
        assert!(!page.contains(banned), "{banned} in the page");
    }
    assert!(page.contains("<article class=\"finding critical\">"));
    assert!(page.contains("<span class=\"sev warning\">warning</span>"));
    assert!(page.contains("<td class=\"removes\">removes at download</td>"));
    assert!(page.contains("info (受付)"));
    assert_well_formed(&page);
}

#[test]
fn sample_office_csv_has_one_row_per_finding() {
    let report = office();
    let out = csv::render(&report);
    assert!(out.starts_with('\u{FEFF}'), "no byte-order mark");
    assert!(out.ends_with("\r\n"));
    let rows = parse_csv(&out);
    assert_eq!(rows[0], csv::COLUMNS);
    assert_eq!(rows.len(), report.findings.len() + 1);
    assert_eq!(
        rows[1][..4],
        [
            "critical",
            "delete-on-download",
            "info@example.co.jp",
            "PC-C"
        ]
    );
    assert_eq!(rows[1][6], "PC-C/outlook.reg:49");
    assert!(
        rows.iter().skip(1).all(|r| !r[5].is_empty()),
        "a fix is empty"
    );
}

/// A site file whose manual entries carry markup, table pipes, formulas, line breaks and
/// terminal escapes in the device name, account and host.
const HOSTILE_SITE: &str = r#"
[[manual]]
device = "<script>alert(1)</script>|x\n# Heading\n> quote\u001b[31m"
client = "other"
account = "=cmd|' /C calc'!A0"
mailbox = "info@example.co.jp"
protocol = "pop3"
host = "evil|host`x`\n- item <img src=x onerror=alert(1)>"
port = 110
security = "none"
auth = "password-cleartext"
username = "info@example.co.jp"
leave_on_server = false
fetch_interval_minutes = 5

[[manual]]
device = "-2+3\r\n@SUM(A1)\t\"q\""
client = "ios-mail"
mailbox = "info@example.co.jp"
protocol = "pop3"
host = "pop.example.co.jp"
account = "\" onmouseover=\"alert(1)"
"#;

const EVIL_PATH: &str = "PC-X/`a``|b|<b>bold</b>\n# not a heading\u{1b}]0;title\u{7}/prefs.js";

fn hostile() -> Report {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.toml"), HOSTILE_SITE).unwrap();
    let mut report = scan(&[dir.path().to_path_buf()], None).expect("the hostile site scans");
    assert!(
        report.findings.len() >= 3,
        "the fixture no longer produces findings: {:?}",
        report.findings
    );
    // Paths, problems and provider profiles come from file names and file text as well.
    let evil = Evidence {
        path: EVIL_PATH.to_string(),
        line: Some(7),
        col: None,
    };
    report.findings[0].evidence.push(evil.clone());
    report.accesses[0].source = evil.clone();
    // A grammar's message quotes the file's own text.
    report.problems.push(Problem::syntax(
        SyntaxCode::PrefsSyntax,
        EVIL_PATH,
        3,
        None,
        "=HYPERLINK(\"http://evil.example\",\"x\")\n| forged | row |",
    ));
    report.providers.push(ProviderProfile {
        id: "<iframe src=x>".into(),
        domains: vec!["a|b".into(), "+c".into()],
        source: evil,
        incoming: Vec::new(),
        outgoing: Vec::new(),
        pop3_retention: None,
        notes: Vec::new(),
        note_text: Vec::new(),
    });
    report
}

/// No control character of the file text survives (line ends and tabs of the format aside).
fn assert_no_controls(out: &str, allowed: &[char]) {
    let bad: Vec<char> = out
        .chars()
        .filter(|c| c.is_control() && !allowed.contains(c))
        .collect();
    assert!(bad.is_empty(), "control characters in output: {bad:?}");
}

#[test]
fn hostile_text_cannot_change_the_markdown() {
    let report = hostile();
    let md = markdown::render(&report);
    assert_no_controls(&md, &['\n']);
    assert!(!md.contains("<script"), "{md}");
    assert!(!md.contains("<img"), "{md}");
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;\\|x # Heading &gt; quote\\[31m"));
    // Headings: the title, one per mailbox, the sections present, one per finding and layout.
    let expected_headings = 1
        + 1 // What to do first
        + report.mailboxes.len()
        + 1 // Findings
        + 1 + report.recommendations.len()
        + 1 // Provider profiles
        + 1; // Problems
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings.len(),
        expected_headings + report.findings.len(),
        "{headings:#?}"
    );
    for l in md.lines() {
        assert!(!l.starts_with('>'), "a quote block: {l}");
        assert!(
            !l.starts_with("- item") && !l.starts_with("-2"),
            "a list item from file text: {l}"
        );
    }
    // Every row of a table has as many cells as its header.
    let mut width = None;
    for l in md.lines() {
        if !l.starts_with('|') {
            width = None;
            continue;
        }
        let cells = unescaped_pipes(l);
        match width {
            None => width = Some(cells),
            Some(w) => assert_eq!(cells, w, "row with a different cell count: {l}"),
        }
    }
    // Code spans close where they should: each evidence line has balanced fences.
    let ev = md
        .lines()
        .find(|l| l.starts_with("- **Evidence:**") && l.contains("prefs.js:7"))
        .expect("the hostile evidence is listed");
    assert!(
        ev.contains("```PC-X/`a``|b|<b>bold</b> # not a heading]0;title/prefs.js:7```"),
        "{ev}"
    );
}

fn unescaped_pipes(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                n += 1;
                escaped = false
            }
            _ => escaped = false,
        }
    }
    n
}

#[test]
fn hostile_text_cannot_change_the_html() {
    let report = hostile();
    let page = html::render(&report);
    assert_no_controls(&page, &['\n']);
    assert!(!page.contains("<script"));
    assert!(!page.contains("<img"));
    assert!(!page.contains("<iframe"));
    assert!(!page.contains("<b>"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;|x # Heading &gt; quote[31m"));
    assert!(page.contains("&quot; onmouseover=&quot;alert(1)"));
    assert!(page.contains("=cmd|&#39; /C calc&#39;!A0"));
    assert_well_formed(&page);
}

/// Every tag is one the renderer writes, with only the attributes it writes, and every
/// attribute value is quoted without a stray quote or `<` inside.
fn assert_well_formed(page: &str) {
    const TAGS: &[&str] = &[
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "span",
        "section", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "article", "code",
        "dl", "dt", "dd", "strong", "wbr", "br", "ol",
        // The projection chart: inline SVG.
        "figure", "svg", "line", "polyline", "rect", "circle", "text",
        // The device × mailbox matrix scrolls sideways on a phone.
        "div",
    ];
    const ATTRS: &[&str] = &[
        "lang",
        "charset",
        "name",
        "content",
        "http-equiv",
        "class",
        "id",
        "title",
        // The projection chart's SVG attributes.
        "aria-label",
        "role",
        "xmlns",
        "viewBox",
        "width",
        "height",
        "x",
        "y",
        "x1",
        "x2",
        "y1",
        "y2",
        "cx",
        "cy",
        "r",
        "points",
        "fill",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "font-size",
        "text-anchor",
        "style",
    ];
    let rest = page
        .strip_prefix("<!DOCTYPE html>")
        .expect("a doctype first");
    // The style sheet is fixed text without `<`, so splitting at `<` finds every tag.
    for tag in rest.split('<').skip(1) {
        let inner = tag.split('>').next().unwrap();
        let inner = inner.strip_prefix('/').unwrap_or(inner);
        // SVG elements close themselves: `<line … />`.
        let inner = inner.strip_suffix('/').unwrap_or(inner).trim_end();
        let name = inner.split_whitespace().next().unwrap_or_default();
        assert!(TAGS.contains(&name), "unexpected tag <{inner}>");
        let mut rest = inner[name.len()..].trim_start();
        while !rest.is_empty() {
            let (attr, after) = rest
                .split_once("=\"")
                .expect("attribute with a quoted value");
            assert!(
                ATTRS.contains(&attr),
                "unexpected attribute {attr} in <{inner}>"
            );
            let (value, after) = after.split_once('"').expect("closing quote");
            assert!(!value.contains('<'), "{value}");
            rest = after.trim_start();
        }
    }
    assert_eq!(
        page.matches("<tr>").count() + page.matches("<tr ").count(),
        page.matches("</tr>").count()
    );
}

#[test]
fn hostile_text_cannot_become_a_csv_formula_or_row() {
    let report = hostile();
    let out = csv::render(&report);
    assert_no_controls(&out, &['\n', '\r', '\t']);
    let rows = parse_csv(&out);
    assert_eq!(
        rows.len(),
        report.findings.len() + report.problems.len() + 1,
        "{rows:#?}"
    );
    for row in &rows {
        assert_eq!(row.len(), csv::COLUMNS.len(), "{row:?}");
        for cell in row {
            let first = cell.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
    let shared = rows
        .iter()
        .find(|r| r[1] == "shared-address")
        .expect("shared-address row");
    assert!(shared[3].starts_with("'-2+3"), "{:?}", shared[3]);
    let first = &rows[1];
    assert!(
        first[6].contains(";") && first[6].contains("prefs.js:7"),
        "{first:?}"
    );
}

#[test]
fn hostile_text_is_stripped_in_the_terminal() {
    let out = text::render(&hostile());
    assert_no_controls(&out, &['\n']);
    assert!(out.contains("<script>alert(1)</script>|x# Heading> quote[31m"));
}

/// Reads CSV with an independent RFC 4180 reader, after the byte-order mark.
fn parse_csv(out: &str) -> Vec<Vec<String>> {
    let body = out.strip_prefix('\u{FEFF}').expect("byte-order mark");
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(String::from).collect())
        .collect()
}

#[test]
fn scan_writes_each_format_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    for (format, starts) in [
        ("md", "# Mail audit"),
        ("html", "<!DOCTYPE html>"),
        ("csv", "\u{FEFF}severity,rule,"),
    ] {
        let file: PathBuf = dir.path().join(format!("report.{format}"));
        let status = Command::new(env!("CARGO_BIN_EXE_mailaudit"))
            .args(["scan", "--format", format, "-o"])
            .arg(&file)
            .arg(root().join("samples/office"))
            .status()
            .unwrap();
        assert_eq!(
            status.code(),
            Some(1),
            "{format}: the office has critical findings"
        );
        let written = std::fs::read_to_string(&file).unwrap();
        assert!(written.starts_with(starts), "{format}: {written}");
    }
}
