//! The pre-migration checklist in text, Markdown and JSON.

use super::sanitize::{markdown as md, markdown_code, terminal as clean};
use crate::analyze::facts::effect_words;
use crate::migrate::{Migration, Step};
use crate::model::ProviderServer;
use crate::provider::effect;
use comfy_table::{presets, Table};
use std::fmt::Write;

/// The `mailaudit/1` JSON envelope with its `migration` section.
pub fn json(m: &Migration) -> String {
    let mut s = serde_json::to_string_pretty(m).expect("migration serializes");
    s.push('\n');
    s
}

/// A terminal checklist: what the new host hands out, then one table per device account.
pub fn text(m: &Migration) -> String {
    let mut s = String::new();
    let p = &m.provider;
    let _ = writeln!(
        s,
        "Migration to {} ({}): {}",
        clean(&p.id),
        clean(&p.source.path),
        summary(m)
    );
    for line in offer_lines(m) {
        let _ = writeln!(s, "  {}", clean(&line));
    }
    if m.migration.is_empty() {
        let _ = writeln!(
            s,
            "\nNo device reads a mailbox on {}.",
            clean(&p.domains.join(", "))
        );
    }
    for step in &m.migration {
        let _ = writeln!(s, "\n{}", clean(&heading(step)));
        if step.changes.is_empty() {
            let _ = writeln!(s, "  nothing to change");
        } else {
            let mut table = Table::new();
            table.load_preset(presets::UTF8_FULL_CONDENSED);
            table.set_header(["Setting", "Now", "New"]);
            for c in &step.changes {
                table.add_row([clean(&c.field), clean(&c.from), clean(&c.to)]);
            }
            let _ = writeln!(s, "{table}");
        }
        if let Some(line) = retention_line(step) {
            let _ = writeln!(s, "  {}", clean(&line));
        }
        for n in &step.notes {
            let _ = writeln!(s, "  note: {}", clean(n));
        }
    }
    problems_text(m, &mut s);
    s
}

/// A Markdown checklist, one section per device account, with a box to tick per change.
pub fn markdown(m: &Migration) -> String {
    let mut s = String::new();
    let p = &m.provider;
    let _ = writeln!(s, "# Migration to {}\n", md(&p.id));
    let _ = writeln!(
        s,
        "Compared with {}: {}.\n",
        markdown_code(&p.source.path),
        md(&summary(m))
    );
    for line in offer_lines(m) {
        let _ = writeln!(s, "- {}", md(&line));
    }
    if m.migration.is_empty() {
        let _ = writeln!(
            s,
            "\nNo device reads a mailbox on {}.",
            md(&p.domains.join(", "))
        );
    }
    for step in &m.migration {
        let _ = writeln!(s, "\n## {}\n", md(&heading(step)));
        if step.changes.is_empty() {
            let _ = writeln!(s, "Nothing to change.");
        } else {
            let _ = writeln!(s, "| Done | Setting | Now | New |\n|---|---|---|---|");
            for c in &step.changes {
                let _ = writeln!(
                    s,
                    "| [ ] | {} | {} | {} |",
                    md(&c.field),
                    md(&c.from),
                    md(&c.to)
                );
            }
        }
        if let Some(line) = retention_line(step) {
            let _ = writeln!(s, "\n{}", md(&line));
        }
        for n in &step.notes {
            let _ = writeln!(s, "\n> {}", md(n));
        }
    }
    if !m.problems.is_empty() {
        let _ = writeln!(s, "\n## Files that could not be read\n");
        for pr in &m.problems {
            let at = pr.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(
                s,
                "- {}: {}",
                markdown_code(&format!("{}{at}", pr.path)),
                md(&pr.message)
            );
        }
    }
    s
}

fn summary(m: &Migration) -> String {
    let n = m.migration.len();
    let with = m.migration.iter().filter(|s| !s.changes.is_empty()).count();
    format!(
        "{n} account{} on its domains, {with} with settings to change",
        if n == 1 { "" } else { "s" }
    )
}

/// The retention a device set up anew gets, next to what this one does now.
fn retention_line(step: &Step) -> Option<String> {
    let new = effect_words(effect(step.new_retention.as_ref()?));
    Some(match step.now_effect {
        Some(now) if effect_words(now) == new => {
            format!("set up anew, a device {new}, as this one does")
        }
        Some(now) => format!(
            "set up anew, a device {new}; this one {}",
            effect_words(now)
        ),
        None => format!("set up anew over POP3, a device {new}"),
    })
}

fn heading(step: &Step) -> String {
    format!(
        "{} ({}, account {}): {}",
        step.device, step.client, step.account, step.mailbox
    )
}

/// What the new host hands a device set up anew, in a few lines.
fn offer_lines(m: &Migration) -> Vec<String> {
    let p = &m.provider;
    let mut out = Vec::new();
    for s in p
        .incoming
        .iter()
        .filter(|s| matches!(s.kind.as_str(), "pop3" | "imap"))
    {
        out.push(format!("incoming: {}", server_words(s)));
    }
    if let Some(s) = p.outgoing.first() {
        out.push(format!("outgoing: {}", server_words(s)));
    }
    match &p.pop3_retention {
        Some(r) => out.push(format!(
            "a POP3 device set up anew {}",
            effect_words(effect(r))
        )),
        None if p.incoming.iter().any(|s| s.kind == "pop3") => {
            out.push("the file does not say how long POP3 mail stays on the server".to_string())
        }
        None => {}
    }
    out
}

fn server_words(s: &ProviderServer) -> String {
    let mut w = format!("{} {}", s.kind, s.host);
    if let Some(p) = s.port {
        let _ = write!(w, ":{p}");
    }
    if let Some(sec) = s.security {
        let _ = write!(w, " {}", sec.name());
    }
    if !s.auth.is_empty() {
        let _ = write!(w, " ({})", s.auth.join(", "));
    }
    w
}

fn problems_text(m: &Migration, s: &mut String) {
    if m.problems.is_empty() {
        return;
    }
    let _ = writeln!(s, "\nFiles that could not be read:");
    for p in &m.problems {
        let at = p.line.map(|l| format!(":{l}")).unwrap_or_default();
        let _ = writeln!(s, "  {}{at}: {}", clean(&p.path), clean(&p.message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cannot_be_broken_by_file_text() {
        assert_eq!(md("a|b<script>\n`x`"), "a\\|b&lt;script&gt; \\`x\\`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
    }
}
