//! HTML report: one self-contained page (inline CSS, no scripts, nothing fetched) that reads
//! well on screen and on paper.

use super::sanitize::html as esc;
use super::words;
use crate::analyze::simulate::lifetime;
use crate::model::{Effect, Finding, Severity};
use crate::plan::Recommendation;
use crate::scan::Report;
use std::fmt::Write;

/// Colours are paired with the severity's name in every badge, so a black-and-white print
/// still says it. `print-color-adjust` keeps the badges when printing.
const STYLE: &str = r#"
:root { --crit: #b3261e; --crit-bg: #fde7e5; --warn: #8a5300; --warn-bg: #fff1d6;
        --info: #1f5fa8; --info-bg: #e4eefb; --line: #c9ccd1; --muted: #5c6370; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Yu Gothic UI",
       Meiryo, sans-serif; color: #1d1f23; line-height: 1.45; margin: 0 auto;
       padding: 1.5rem; max-width: 72rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--line);
     padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
p { margin: .4rem 0; }
.muted { color: var(--muted); }
code, .path { font-family: ui-monospace, Consolas, "Cascadia Mono", Menlo, monospace;
              font-size: .85em; overflow-wrap: break-word; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92em; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
         vertical-align: top; }
th { background: #f1f2f4; }
ul { margin: .4rem 0; padding-left: 1.4rem; }
.counts span { margin-right: .5rem; }
.sev { display: inline-block; font-weight: 700; font-size: .78rem; letter-spacing: .04em;
       text-transform: uppercase; padding: .05rem .45rem; border-radius: .25rem;
       border: 1px solid currentColor; }
.sev.critical { color: #fff; background: var(--crit); border-color: var(--crit); }
.sev.warning { color: var(--warn); background: var(--warn-bg); }
.sev.info { color: var(--info); background: var(--info-bg); }
.finding { border: 1px solid var(--line); border-left: 6px solid var(--line);
           border-radius: .3rem; padding: .6rem .9rem; margin: .8rem 0; }
.finding.critical { border-left-color: var(--crit); }
.finding.warning { border-left-color: var(--warn); }
.finding.info { border-left-color: var(--info); }
.finding dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem;
              margin: .5rem 0 0; }
.finding dt { font-weight: 600; color: var(--muted); }
.finding dd { margin: 0; }
#layout h3 { margin-top: 1.2rem; }
.removes { color: var(--crit); font-weight: 600; }
.warning-line { color: var(--crit); font-weight: 600; }
@media print {
  html { font-size: 10pt; }
  body { padding: 0; max-width: none; }
  h2 { break-after: avoid; }
  tr, .finding { break-inside: avoid; }
  .sev, .finding, #layout h3 { margin-top: 1.2rem; }
.removes { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// Renders the report as one HTML page.
pub fn render(report: &Report) -> String {
    let mut s = String::new();
    s.push_str(concat!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        // Should escaping ever miss, the browser still runs no script and loads nothing.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ",
        "style-src 'unsafe-inline'\">\n",
        "<title>mailaudit report</title>\n<style>",
    ));
    s.push_str(STYLE);
    s.push_str("</style>\n</head>\n<body>\n<header>\n<h1>Mail audit</h1>\n");
    let _ = writeln!(s, "<p>{}</p>", esc(&words::summary(report)));
    counts(report, &mut s);
    s.push_str("</header>\n");
    mailboxes(report, &mut s);
    inactive(report, &mut s);
    s.push_str("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if report.findings.is_empty() {
        s.push_str("<p>No findings.</p>\n");
    }
    for f in &report.findings {
        finding(f, &mut s);
    }
    s.push_str("</section>\n");
    if !report.recommendations.is_empty() {
        let _ = writeln!(
            s,
            "<section id=\"layout\">\n<h2>{}</h2>",
            esc(words::LAYOUT_TITLE)
        );
        for r in &report.recommendations {
            recommendation(r, &mut s);
        }
        s.push_str("</section>\n");
    }
    providers(report, &mut s);
    problems(report, &mut s);
    s.push_str("</body>\n</html>\n");
    s
}

fn counts(report: &Report, s: &mut String) {
    s.push_str("<p class=\"counts\">");
    for sev in [Severity::Critical, Severity::Warning, Severity::Info] {
        let n = report.findings.iter().filter(|f| f.severity == sev).count();
        let _ = write!(s, "<span class=\"sev {0}\">{n} {0}</span>", sev.name());
    }
    s.push_str("</p>\n");
}

fn mailboxes(report: &Report, s: &mut String) {
    for mb in &report.mailboxes {
        let _ = write!(
            s,
            "<section class=\"mailbox\">\n<h2>Mailbox {}",
            esc(&mb.key)
        );
        if let Some(facts) = words::mailbox_facts(mb) {
            let _ = write!(s, " <span class=\"muted\">({})</span>", esc(&facts));
        }
        s.push_str("</h2>\n");
        let accesses = words::active_accesses(report, &mb.key);
        table(
            s,
            &[
                "Device",
                "Client",
                "Account",
                "Protocol",
                "Server copies",
                "Fetches",
                "Source",
            ],
            |s| {
                for a in &accesses {
                    let removes = a.effect() == Some(Effect::RemovesAtDownload);
                    let _ = writeln!(
                        s,
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td><td>{}</td>\
                         <td class=\"path\" title=\"{}\">{}</td></tr>",
                        esc(&a.device),
                        esc(&words::client(a)),
                        esc(&a.account),
                        words::protocol(a),
                        if removes { " class=\"removes\"" } else { "" },
                        esc(&words::copies(a)),
                        esc(&words::fetches(a)),
                        esc(&a.source.to_string()),
                        path(&words::short_source(&a.source)),
                    );
                }
            },
        );
        let _ = writeln!(
            s,
            "<p><strong>On the server:</strong> {}.</p>",
            esc(&words::lifetime_words(&lifetime(&accesses)))
        );
        let mut notes = Vec::new();
        for a in &accesses {
            if let Some(st) = &a.server_state {
                notes.push(format!(
                    "{}: {} (<code>{}</code>)",
                    esc(&a.device),
                    esc(&words::server_state(st)),
                    path(&st.source.to_string())
                ));
            }
            for note in &a.assumptions {
                notes.push(format!("{}: assumed: {}", esc(&a.device), esc(note)));
            }
        }
        if !notes.is_empty() {
            s.push_str("<ul>\n");
            for n in notes {
                let _ = writeln!(s, "<li>{n}</li>");
            }
            s.push_str("</ul>\n");
        }
        s.push_str("</section>\n");
    }
}

fn inactive(report: &Report, s: &mut String) {
    let inactive = words::inactive_accesses(report);
    if inactive.is_empty() {
        return;
    }
    s.push_str("<section id=\"inactive\">\n<h2>Accounts not counted</h2>\n");
    s.push_str("<p>They do not fetch in normal use.</p>\n");
    let head = ["Device", "Account", "Mailbox", "Server copies", "Why"];
    table(s, &head, |s| {
        for a in inactive {
            row(
                s,
                &[
                    &a.device,
                    &a.account,
                    &a.mailbox,
                    &words::copies(a),
                    a.inactive.as_deref().unwrap_or_default(),
                ],
            );
        }
    });
    s.push_str("</section>\n");
}

fn finding(f: &Finding, s: &mut String) {
    let sev = f.severity.name();
    let _ = writeln!(
        s,
        "<article class=\"finding {sev}\">\n<h3><span class=\"sev {sev}\">{sev}</span> \
         <code>{}</code> {}</h3>",
        esc(f.rule),
        esc(&f.mailbox)
    );
    let _ = writeln!(
        s,
        "<p class=\"muted\">Devices: {}</p>",
        esc(&f.devices.join(", "))
    );
    let _ = writeln!(s, "<p>{}</p>", esc(&f.message));
    let _ = writeln!(
        s,
        "<dl>\n<dt>Why</dt><dd>{}</dd>\n<dt>Fix</dt><dd>{}</dd>",
        esc(&f.why),
        esc(&f.fix)
    );
    if !f.evidence.is_empty() {
        let ev: Vec<String> = f
            .evidence
            .iter()
            .map(|e| format!("<code>{}</code>", path(&e.to_string())))
            .collect();
        let _ = writeln!(s, "<dt>Evidence</dt><dd>{}</dd>", ev.join("<br>"));
    }
    s.push_str("</dl>\n</article>\n");
}

fn recommendation(r: &Recommendation, s: &mut String) {
    let _ = writeln!(
        s,
        "<h3>{}</h3>\n<p>{}.</p>",
        esc(&r.mailbox),
        esc(&words::main_keeps(r))
    );
    if !r.forwards.is_empty() {
        let head = ["Forward to", "Device", "What changes on the device"];
        table(s, &head, |s| {
            for f in &r.forwards {
                row(s, &[&f.address, &f.device, &f.change]);
            }
        });
    }
    if r.quota_must_grow {
        let _ = writeln!(
            s,
            "<p class=\"warning-line\">{}.</p>",
            esc(&words::capitalized(words::QUOTA_MUST_GROW))
        );
    }
}

fn providers(report: &Report, s: &mut String) {
    if report.providers.is_empty() {
        return;
    }
    s.push_str("<section id=\"providers\">\n<h2>Provider profiles</h2>\n");
    table(s, &["Profile", "Domains", "Source"], |s| {
        for p in &report.providers {
            row(s, &[&p.id, &p.domains.join(", "), &p.source.to_string()]);
        }
    });
    s.push_str("</section>\n");
}

fn problems(report: &Report, s: &mut String) {
    if report.problems.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "<section id=\"problems\">\n<h2>Problems ({})</h2>\n\
         <p>These files or lines were not read.</p>",
        report.problems.len()
    );
    table(s, &["Where", "Problem"], |s| {
        for p in &report.problems {
            row(s, &[&words::problem_place(p), &p.message]);
        }
    });
    s.push_str("</section>\n");
}

/// A table: the header row, then the rows `body` writes.
fn table(s: &mut String, headers: &[&str], body: impl FnOnce(&mut String)) {
    s.push_str("<table><thead><tr>");
    for h in headers {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr></thead><tbody>\n");
    body(s);
    s.push_str("</tbody></table>\n");
}

/// An escaped path that may wrap after each `/`, not in the middle of a name.
fn path(p: &str) -> String {
    esc(p).replace('/', "/<wbr>")
}

/// One body row; every cell is escaped.
fn row(s: &mut String, cells: &[&str]) {
    s.push_str("<tr>");
    for c in cells {
        let _ = write!(s, "<td>{}</td>", esc(c));
    }
    s.push_str("</tr>\n");
}
