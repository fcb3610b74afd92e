//! HTML report: one self-contained page (inline CSS, no scripts, nothing fetched) that reads
//! well on screen and on paper.

use super::i18n::{Catalog, Labels};
use super::sanitize::html as esc;
use super::view::{FindingView, LayoutView, MailboxView, Matrix, Renderer, Table, View};
use super::words;
use crate::model::Lang;
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
figure { margin: 1rem 0; }
.scroll { overflow-x: auto; }
table.matrix td.m-removes { background: #fbd5d0; }
table.matrix td.m-days { background: #fdebc8; }
table.matrix td.m-keeps { background: #e6e6ea; }
table.matrix td.m-server { background: #dceefb; }
table.matrix td.none { color: var(--muted); }
table.matrix .plan { display: block; font-weight: 600; }
.chart svg { width: 100%; height: auto; max-width: 44rem; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; font-size: .9rem; padding: 0;
          list-style: none; }
.legend span { display: inline-block; width: 1.6rem; height: .25rem; vertical-align: middle;
               margin-right: .3rem; }
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
    let report = super::i18n::localized(report);
    let view = View::of(&report);
    view.render(&Html(report.lang, Some(&view.matrix)))
}

/// One page: a header, a section per mailbox and per part of the report, every piece of file
/// text escaped.
struct Html<'m>(Lang, Option<&'m Matrix>);

impl Renderer for Html<'_> {
    fn start(&self, s: &mut String, view: &View) {
        let l = view.labels;
        s.push_str(&super::page::head(view.lang, l.title, STYLE));
        let _ = writeln!(s, "<header>\n<h1>{}</h1>", esc(l.title));
        let _ = writeln!(s, "<p>{}</p>", esc(&view.summary));
        if let Some(facts) = &view.facts {
            let _ = writeln!(s, "<p class=\"muted\">{}</p>", esc(facts));
        }
        s.push_str("<p class=\"counts\">");
        for (sev, n) in view.counts {
            let _ = write!(
                s,
                "<span class=\"sev {}\">{n} {}</span>",
                sev.name(),
                view.catalog.severity(sev)
            );
        }
        s.push_str("</p>\n</header>\n");
        if !view.first_steps.is_empty() {
            let _ = writeln!(
                s,
                "<section id=\"first\">\n<h2>{}</h2>\n<ol>",
                esc(l.first_steps)
            );
            for step in &view.first_steps {
                let _ = writeln!(s, "<li>{}</li>", esc(step));
            }
            s.push_str("</ol>\n</section>\n");
        }
    }

    fn mailbox(&self, s: &mut String, l: &Labels, mb: &MailboxView) {
        let _ = write!(
            s,
            "<section class=\"mailbox\">\n<h2>{} {}",
            esc(l.mailbox),
            esc(&mb.key)
        );
        if let Some(facts) = &mb.facts {
            // The space before an English aside stays outside the grey span.
            let [open, close] = l.parens;
            let inner = open.trim_start();
            let gap = &open[..open.len() - inner.len()];
            let _ = write!(
                s,
                "{gap}<span class=\"muted\">{inner}{}{close}</span>",
                esc(facts)
            );
        }
        s.push_str("</h2>\n");
        // On a phone the table scrolls sideways inside its box instead of widening the page.
        s.push_str("<div class=\"scroll\">");
        table_head(s, &l.access_headers);
        for r in &mb.rows {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td><td>{}</td>\
                 <td class=\"path\" title=\"{}\">{}</td></tr>",
                esc(&r.device),
                esc(&r.client),
                esc(&r.account),
                esc(&r.protocol),
                if r.removes_at_download {
                    " class=\"removes\""
                } else {
                    ""
                },
                esc(&r.copies),
                esc(&r.fetches),
                esc(&r.source),
                path(&r.short_source),
            );
        }
        s.push_str("</tbody></table></div>\n");
        let _ = writeln!(
            s,
            "<p><strong>{}:</strong> {}{}</p>",
            esc(l.on_server),
            esc(&mb.on_server),
            l.stop
        );
        if !mb.notes.is_empty() {
            s.push_str("<ul>\n");
            for n in &mb.notes {
                let _ = writeln!(s, "<li>{}</li>", n.line(l, esc, code));
            }
            s.push_str("</ul>\n");
        }
        s.push_str("</section>\n");
    }

    fn inactive(&self, s: &mut String, l: &Labels, t: &Table<5>) {
        section(s, "inactive", l.inactive_title, Some(l.inactive_why), t);
    }

    fn findings(&self, s: &mut String, l: &Labels, findings: &[FindingView]) {
        let _ = writeln!(s, "<section id=\"findings\">\n<h2>{}</h2>", esc(l.findings));
        if findings.is_empty() {
            let _ = writeln!(s, "<p>{}</p>", esc(l.no_findings));
        }
        for f in findings {
            finding(s, l, f);
        }
        s.push_str("</section>\n");
    }

    fn layouts(&self, s: &mut String, l: &Labels, _c: &dyn Catalog, layouts: &[LayoutView]) {
        let _ = writeln!(
            s,
            "<section id=\"layout\">\n<h2>{}</h2>",
            esc(l.layout_title)
        );
        if let Some(m) = self.1 {
            matrix(s, l, m);
        }
        for lay in layouts {
            layout(s, l, lay);
            if let Some(p) = lay.projection {
                s.push_str(&crate::plan::html::chart(self.0, lay.mailbox, p));
            }
        }
        s.push_str("</section>\n");
    }

    fn providers(&self, s: &mut String, l: &Labels, t: &Table<3>) {
        section(s, "providers", l.providers_title, None, t);
    }

    // The caret is the terminal's: a page shows the place, and the file is a click away.
    fn problems(
        &self,
        s: &mut String,
        l: &Labels,
        c: &dyn Catalog,
        t: &Table<2>,
        _carets: &[Option<super::view::Caret>],
    ) {
        let title = c.problems_heading(t.rows.len());
        section(s, "problems", &title, Some(l.problems_why), t);
    }

    fn end(&self, s: &mut String) {
        s.push_str("</body>\n</html>\n");
    }
}

fn finding(s: &mut String, l: &Labels, f: &FindingView) {
    let sev = f.severity.name();
    let _ = writeln!(
        s,
        "<article class=\"finding {sev}\">\n<h3><span class=\"sev {sev}\">{}</span> \
         <code>{}</code> {}</h3>",
        f.severity_word,
        esc(f.rule),
        esc(f.mailbox)
    );
    let _ = writeln!(
        s,
        "<p class=\"muted\">{}: {}</p>",
        esc(l.devices),
        esc(&f.devices)
    );
    let _ = writeln!(s, "<p>{}</p>", esc(f.message));
    let _ = writeln!(
        s,
        "<dl>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>",
        esc(l.why),
        esc(f.why),
        esc(l.fix),
        esc(f.fix)
    );
    if !f.evidence.is_empty() {
        let ev: Vec<String> = f.evidence.iter().map(|e| code(e)).collect();
        let _ = writeln!(
            s,
            "<dt>{}</dt><dd>{}</dd>",
            esc(l.evidence),
            ev.join("<br>")
        );
    }
    s.push_str("</dl>\n</article>\n");
}

fn layout(s: &mut String, labels: &Labels, l: &LayoutView) {
    let _ = writeln!(
        s,
        "<h3>{}</h3>\n<p>{}{}</p>",
        esc(l.mailbox),
        esc(&l.main_keeps),
        labels.stop
    );
    if !l.forwards.is_empty() {
        table(s, &l.forwards);
    }
    if l.quota_must_grow {
        let _ = writeln!(
            s,
            "<p class=\"warning-line\">{}{}</p>",
            esc(&words::capitalized(labels.quota_must_grow)),
            labels.stop
        );
    }
}

/// Devices against mailboxes: what each does today (coloured) and its part in the layout.
fn matrix(s: &mut String, l: &Labels, m: &Matrix) {
    let _ = write!(
        s,
        "<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th>{}</th>",
        esc(l.access_headers[0])
    );
    for mb in &m.mailboxes {
        let _ = write!(s, "<th>{}</th>", esc(mb));
    }
    s.push_str("</tr></thead><tbody>\n");
    for (device, cells) in &m.rows {
        let _ = write!(s, "<tr><th>{}</th>", esc(device));
        for cell in cells {
            match cell {
                None => s.push_str("<td class=\"none\">–</td>"),
                Some(c) => {
                    let _ = write!(s, "<td class=\"m-{}\">{}", c.class, esc(&c.today));
                    if let Some(p) = &c.plan {
                        let _ = write!(s, "<span class=\"plan\">{}</span>", esc(p));
                    }
                    s.push_str("</td>");
                }
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table></div>\n");
}

/// A section that is one table: the heading, an optional sentence, the table; the id and the
/// texts are fixed.
fn section<const N: usize>(
    s: &mut String,
    id: &str,
    title: &str,
    note: Option<&str>,
    t: &Table<N>,
) {
    let _ = writeln!(s, "<section id=\"{id}\">\n<h2>{}</h2>", esc(title));
    if let Some(note) = note {
        let _ = writeln!(s, "<p>{}</p>", esc(note));
    }
    table(s, t);
    s.push_str("</section>\n");
}

/// A whole table: the header row, then every row with each cell escaped.
fn table<const N: usize>(s: &mut String, t: &Table<N>) {
    table_head(s, &t.headers);
    for r in &t.rows {
        s.push_str("<tr>");
        for c in r {
            let _ = write!(s, "<td>{}</td>", esc(c));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n");
}

/// Opens a table and writes its header row; the caller writes the body rows and closes it.
fn table_head(s: &mut String, headers: &[&str]) {
    s.push_str("<table><thead><tr>");
    for h in headers {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr></thead><tbody>\n");
}

/// A path in a code element.
fn code(p: &str) -> String {
    format!("<code>{}</code>", path(p))
}

/// An escaped path that may wrap after each `/`, not in the middle of a name.
fn path(p: &str) -> String {
    esc(p).replace('/', "/<wbr>")
}
