//! `mailaudit explain`: the rules' documentation, in the report's language.

use super::i18n::catalog;
use crate::analyze;
use crate::model::Lang;
use std::fmt::Write;

/// Every rule on one line: ID, default severity, what it finds.
pub fn list(lang: Lang) -> String {
    let c = catalog(lang);
    let mut s = String::new();
    for r in analyze::all() {
        let d = r.doc();
        let _ = writeln!(
            s,
            "{:<26} {:<8} {}",
            d.id.name(),
            d.severity.name(),
            c.rule_doc(d).summary
        );
    }
    let _ = writeln!(s, "\n{}", c.explain_more());
    s
}

/// One rule's documentation; `None` for an unknown ID.
pub fn one(id: &str, lang: Lang) -> Option<String> {
    let d = analyze::doc(id)?;
    let c = catalog(lang);
    let t = c.rule_doc(d);
    let [what, why, example, fix] = c.explain_headings();
    Some(format!(
        "{} ({})\n\n{}\n\n{what}\n  {}\n\n{why}\n  {}\n\n{example}\n  {}\n\n{fix}\n  {}\n",
        d.id.name(),
        d.severity.name(),
        t.summary,
        t.what,
        t.why,
        t.example,
        t.fix
    ))
}
