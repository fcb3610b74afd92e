//! The pre-migration checklist in text, Markdown, HTML and JSON, in the chosen language.

use super::i18n::assumptions::{localize_provider, note};
use super::migration_text::{catalog, from_words, MigrateCatalog};
use super::sanitize::{html as esc, markdown as md, terminal as clean};
use super::text::wrap;
use crate::migrate::{problem_text, EffectKind, Migration, Note, Step};
use crate::model::{Lang, Problem, ProviderProfile};
use comfy_table::{presets, ContentArrangement, Table};
use serde::Serialize;
use std::fmt::Write;

/// The `mailaudit/1` JSON envelope with its `migration` section.
#[derive(Serialize)]
struct Envelope<'a> {
    schema: &'static str,
    lang: Lang,
    migration: Vec<JsonStep<'a>>,
    provider: ProviderProfile,
    problems: &'a [Problem],
}

#[derive(Serialize)]
struct JsonStep<'a> {
    #[serde(flatten)]
    step: &'a Step,
    /// What a POP3 device set up anew does to the server copies, beside `now_effect`.
    new_effect: Option<EffectKind>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<JsonNote<'a>>,
}

/// A note's `kind` and typed fields, and its sentence in the checklist's language.
#[derive(Serialize)]
struct JsonNote<'a> {
    #[serde(flatten)]
    note: &'a Note,
    message: String,
}

/// The `mailaudit/1` JSON envelope: `lang`, `migration`, `provider`, `problems`.
pub fn json(m: &Migration, lang: Lang) -> String {
    let c = catalog(lang);
    let mut provider = m.provider.clone();
    localize_provider(&mut provider, lang);
    let env = Envelope {
        schema: m.schema,
        lang,
        migration: m
            .migration
            .iter()
            .map(|step| JsonStep {
                step,
                new_effect: step.new_effect().map(EffectKind::from),
                notes: step
                    .notes
                    .iter()
                    .map(|note| JsonNote {
                        note,
                        message: c.note(note),
                    })
                    .collect(),
            })
            .collect(),
        provider,
        problems: &localized_problems(&m.problems, lang),
    };
    let mut s = serde_json::to_string_pretty(&env).expect("migration serializes");
    s.push('\n');
    s
}

/// A terminal checklist 100 columns wide: what the new host hands out, then one table per
/// device account.
pub fn text(m: &Migration, lang: Lang) -> String {
    text_width(m, lang, 100)
}

/// The terminal checklist fitted to `width` columns (at least 80): prose wrapped at word
/// boundaries, tables wrapping their cells.
pub fn text_width(m: &Migration, lang: Lang, width: usize) -> String {
    let width = width.max(80);
    let c = catalog(lang);
    let l = c.labels();
    let mut s = String::new();
    let p = &m.provider;
    let title = c.text_title(&p.id, &p.source.path, &summary(c, m));
    wrap(&mut s, width, &clean(&title), "", "  ");
    for line in offer_lines(c, m) {
        wrap(&mut s, width, &clean(&line), "  ", "    ");
    }
    for n in profile_notes(m, lang) {
        wrap(
            &mut s,
            width,
            &clean(&format!("{}: {n}", l.note)),
            "  ",
            "    ",
        );
    }
    if m.migration.is_empty() {
        s.push('\n');
        wrap(&mut s, width, &clean(&c.no_device(&p.domains)), "", "");
    }
    for step in &m.migration {
        s.push('\n');
        wrap(&mut s, width, &clean(&c.heading(step)), "", "  ");
        if step.changes.is_empty() {
            let _ = writeln!(s, "  {}", l.nothing_to_change);
        } else {
            let mut table = Table::new();
            table
                .load_preset(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(u16::try_from(width).unwrap_or(u16::MAX));
            table.set_header(l.headers);
            for [field, from, to] in rows(c, step) {
                table.add_row([field, clean(&from), clean(&to)]);
            }
            let _ = writeln!(s, "{table}");
        }
        for line in c
            .where_to_change(step)
            .into_iter()
            .chain(retention_line(c, step))
        {
            wrap(&mut s, width, &line, "  ", "  ");
        }
        for n in &step.notes {
            let note = format!("{}: {}", l.note, clean(&c.note(n)));
            wrap(&mut s, width, &note, "  ", "    ");
        }
    }
    if !m.problems.is_empty() {
        let _ = writeln!(s, "\n{}:", l.problems_title);
        for pr in &localized_problems(&m.problems, lang) {
            wrap(&mut s, width, &clean(&problem_text(pr)), "  ", "    ");
        }
    }
    s
}

/// A Markdown checklist, one section per device account, with a box to tick per change.
pub fn markdown(m: &Migration, lang: Lang) -> String {
    let c = catalog(lang);
    let l = c.labels();
    let mut s = String::new();
    let p = &m.provider;
    let _ = writeln!(s, "# {}\n", md(&c.title(&p.id)));
    let _ = writeln!(
        s,
        "{}\n",
        md(&c.compared_with(&p.source.path, &summary(c, m)))
    );
    let _ = writeln!(s, "## {}\n", md(l.offer_title));
    for line in offer_lines(c, m) {
        let _ = writeln!(s, "- {}", md(&line));
    }
    for n in profile_notes(m, lang) {
        let _ = writeln!(s, "\n> {}", md(&n));
    }
    if m.migration.is_empty() {
        let _ = writeln!(s, "\n{}", md(&c.no_device(&p.domains)));
    }
    for step in &m.migration {
        let _ = writeln!(s, "\n## {}\n", md(&c.heading(step)));
        if step.changes.is_empty() {
            let _ = writeln!(s, "{}", md(l.nothing_to_change));
        } else {
            let [a, b, d] = l.headers;
            let _ = writeln!(s, "| {} | {a} | {b} | {d} |\n|---|---|---|---|", l.done);
            for [field, from, to] in rows(c, step) {
                let _ = writeln!(s, "| [ ] | {} | {} | {} |", md(&field), md(&from), md(&to));
            }
        }
        for line in c
            .where_to_change(step)
            .into_iter()
            .chain(retention_line(c, step))
        {
            let _ = writeln!(s, "\n{}", md(&line));
        }
        for n in &step.notes {
            let _ = writeln!(s, "\n> {}", md(&c.note(n)));
        }
    }
    if !m.problems.is_empty() {
        let _ = writeln!(s, "\n## {}\n", md(l.problems_title));
        for pr in &localized_problems(&m.problems, lang) {
            let _ = writeln!(s, "- {}", md(&problem_text(pr)));
        }
    }
    s
}

/// Inline CSS only: the page fetches nothing and runs nothing.
const STYLE: &str = r#"
body { font-family: system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Yu Gothic UI",
       Meiryo, sans-serif; color: #1d1f23; line-height: 1.45; margin: 0 auto;
       padding: 1.5rem; max-width: 60rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.8rem 0 .5rem; border-bottom: 2px solid #c9ccd1;
     padding-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92em; }
th, td { border: 1px solid #c9ccd1; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f1f2f4; }
td.done { width: 2.5rem; text-align: center; }
.note { color: #5c6370; }
@media print { html { font-size: 10pt; } body { padding: 0; max-width: none; }
               h2 { break-after: avoid; } tr, section { break-inside: avoid; } }
"#;

/// One self-contained HTML page: a section per device account, a box to tick per change.
pub fn html(m: &Migration, lang: Lang) -> String {
    let c = catalog(lang);
    let l = c.labels();
    let p = &m.provider;
    let title = c.title(&p.id);
    let mut s = String::new();
    s.push_str(&super::page::head(lang, &title, STYLE));
    let _ = writeln!(
        s,
        "<header>\n<h1>{}</h1>\n<p>{}</p>\n</header>",
        esc(&title),
        esc(&c.compared_with(&p.source.path, &summary(c, m)))
    );
    let _ = writeln!(
        s,
        "<section id=\"offer\">\n<h2>{}</h2>\n<ul>",
        esc(l.offer_title)
    );
    for line in offer_lines(c, m) {
        let _ = writeln!(s, "<li>{}</li>", esc(&line));
    }
    s.push_str("</ul>\n");
    for n in profile_notes(m, lang) {
        let _ = writeln!(s, "<p class=\"note\">{}</p>", esc(&n));
    }
    s.push_str("</section>\n");
    if m.migration.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", esc(&c.no_device(&p.domains)));
    }
    for step in &m.migration {
        let _ = writeln!(
            s,
            "<section class=\"step\">\n<h2>{}</h2>",
            esc(&c.heading(step))
        );
        if step.changes.is_empty() {
            let _ = writeln!(s, "<p>{}</p>", esc(l.nothing_to_change));
        } else {
            s.push_str("<table>\n<thead><tr>");
            let _ = write!(s, "<th>{}</th>", esc(l.done));
            for h in l.headers {
                let _ = write!(s, "<th>{}</th>", esc(h));
            }
            s.push_str("</tr></thead>\n<tbody>\n");
            for [field, from, to] in rows(c, step) {
                let _ = writeln!(
                    s,
                    "<tr><td class=\"done\">&#9744;</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&field),
                    esc(&from),
                    esc(&to)
                );
            }
            s.push_str("</tbody>\n</table>\n");
        }
        for line in c
            .where_to_change(step)
            .into_iter()
            .chain(retention_line(c, step))
        {
            let _ = writeln!(s, "<p>{}</p>", esc(&line));
        }
        for n in &step.notes {
            let _ = writeln!(s, "<p class=\"note\">{}</p>", esc(&c.note(n)));
        }
        s.push_str("</section>\n");
    }
    if !m.problems.is_empty() {
        let _ = writeln!(
            s,
            "<section id=\"problems\">\n<h2>{}</h2>\n<ul>",
            esc(l.problems_title)
        );
        for pr in &localized_problems(&m.problems, lang) {
            let _ = writeln!(s, "<li>{}</li>", esc(&problem_text(pr)));
        }
        s.push_str("</ul>\n</section>\n");
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// A step's changes in words: setting, value today, new value.
/// The problems with their messages in `lang`.
fn localized_problems(problems: &[Problem], lang: Lang) -> Vec<Problem> {
    let mut v = problems.to_vec();
    crate::report::i18n::localize_problems(&mut v, lang);
    v
}

fn rows(c: &dyn MigrateCatalog, step: &Step) -> Vec<[String; 3]> {
    step.changes
        .iter()
        .map(|ch| {
            [
                c.field(ch.field).to_string(),
                from_words(c, ch.field, ch.from.as_ref()),
                c.value(&ch.to),
            ]
        })
        .collect()
}

fn summary(c: &dyn MigrateCatalog, m: &Migration) -> String {
    let with = m.migration.iter().filter(|s| !s.changes.is_empty()).count();
    c.summary(m.migration.len(), with)
}

/// The retention a device set up anew gets, next to what this one does now.
fn retention_line(c: &dyn MigrateCatalog, step: &Step) -> Option<String> {
    Some(c.retention(step.new_effect()?, step.now_effect))
}

/// What the reader of the new host's file noted about it (a bad port, a skipped server).
fn profile_notes(m: &Migration, lang: Lang) -> Vec<String> {
    m.provider.notes.iter().map(|n| note(n, lang)).collect()
}

/// What the new host hands a device set up anew, in a few lines.
fn offer_lines(c: &dyn MigrateCatalog, m: &Migration) -> Vec<String> {
    let p = &m.provider;
    let mut out: Vec<String> = p
        .incoming
        .iter()
        .filter(|s| matches!(s.kind.as_str(), "pop3" | "imap"))
        .map(|s| c.offer(true, s))
        .collect();
    if let Some(s) = p.outgoing.first() {
        out.push(c.offer(false, s));
    }
    match &p.pop3_retention {
        Some(r) => out.push(c.new_pop3_keeps(crate::provider::effect(r))),
        None if p.incoming.iter().any(|s| s.kind == "pop3") => {
            out.push(c.retention_unsaid().to_string())
        }
        None => {}
    }
    out
}
