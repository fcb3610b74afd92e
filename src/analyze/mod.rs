//! Runs the rules over the model. Each rule lives in its own module with its documentation.

pub mod facts;
pub mod rules;
pub mod simulate;

use crate::assemble::Model;
use crate::model::{finding_id, Finding, RuleId, Severity};

/// A rule's documentation, printed by `mailaudit explain`.
#[derive(Debug)]
pub struct RuleDoc {
    pub id: RuleId,
    pub severity: Severity,
    /// One line: what it finds.
    pub summary: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub example: &'static str,
    pub fix: &'static str,
}

/// One check over the model.
pub trait Rule: Sync {
    /// The rule's documentation (its id and default severity included).
    fn doc(&self) -> &'static RuleDoc;
    /// Appends the rule's findings for the model.
    fn check(&self, model: &Model, out: &mut Vec<Finding>);
}

/// Every rule, in documentation order.
pub fn all() -> &'static [&'static dyn Rule] {
    rules::ALL
}

/// Documentation of one rule by id.
pub fn doc(id: &str) -> Option<&'static RuleDoc> {
    all().iter().map(|r| r.doc()).find(|d| d.id == id)
}

/// Runs every rule; findings come out most severe first, then by mailbox and rule.
pub fn run(model: &Model) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in all() {
        rule.check(model, &mut out);
    }
    // The policy for every rule: a conclusion resting on an assumed value is worth checking,
    // not yet an emergency, and its sentence says so.
    for f in &mut out {
        if f.assumed_basis().is_some() {
            f.probably = true;
            f.severity = f.severity.min(Severity::Warning);
        }
    }
    out.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.mailbox.cmp(&b.mailbox))
            .then_with(|| a.rule.name().cmp(b.rule.name()))
            .then_with(|| a.devices.cmp(&b.devices))
    });
    // Two findings of one rule, mailbox and devices (two accounts on one PC) keep apart by
    // a suffix in report order.
    let mut seen = std::collections::HashMap::new();
    for f in &mut out {
        let base = finding_id(f.rule, &f.mailbox, &f.devices);
        let n = seen.entry(base.clone()).or_insert(0u32);
        *n += 1;
        f.id = if *n == 1 { base } else { format!("{base}-{n}") };
    }
    out
}
