//! `shared-address`: one address is set up on several devices (an inventory fact).

use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Finding, FindingKind, RuleId, Severity, Unit};

/// The rule.
pub struct SharedAddress;

static DOC: RuleDoc = RuleDoc {
    id: RuleId::SharedAddress,
    severity: Severity::Info,
    summary: "one address is set up on several devices",
    what: "A mailbox that more than one device reads.",
    why:
        "Every device that reads a shared mailbox can take messages away from the others, and its \
settings decide what the others see. This is the inventory the other rules build on.",
    example: "info@example.co.jp on PC-A, PC-B and an iPhone.",
    fix: "Nothing by itself; see the other findings and the recommended layout for this mailbox.",
};

impl Rule for SharedAddress {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, model: &Model, out: &mut Vec<Finding>) {
        for mb in &model.mailboxes {
            if mb.devices.len() < 2 {
                continue;
            }
            let kind = FindingKind::SharedAddress {
                devices: mb.devices.clone(),
            };
            out.push(
                Finding::new(DOC.id, DOC.severity, &mb.key, mb.devices.clone(), kind)
                    .with_evidence(
                        model
                            .accesses_of(&mb.key)
                            .map(|a| a.source.clone())
                            .collect(),
                    )
                    .with_measure(mb.devices.len() as i64, Unit::Devices),
            );
        }
    }
}
