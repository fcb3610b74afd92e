//! `delete-follows-user`: one user's local deletes remove the shared server copy.

use crate::analyze::facts::{first_per_device, other_readers};
use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Field, Finding, FindingKind, RuleId, Severity};

/// The rule.
pub struct DeleteFollowsUser;

static DOC: RuleDoc = RuleDoc {
    id: RuleId::DeleteFollowsUser,
    severity: Severity::Warning,
    summary: "removal depends on one user's local deletes",
    what: "A POP3 account that leaves copies on the server but removes a copy when its user deletes the \
message on that device (\"until I delete them\", \"remove from server when deleted from Deleted Items\", \
delete policy DELETE), on a mailbox another device reads.",
    why: "Whether a colleague still gets a message depends on what one person tidies away, and when. \
Deleting a message that looks like spam, or emptying the trash, takes it from everyone who has not \
fetched it yet, and nothing on the other devices says why it never arrived.",
    example: "PC-A (Thunderbird): \"Leave messages on server\" with \"Until I delete them\"; PC-B also reads info@.",
    fix: "Turn off removal on local delete on shared mailboxes, and let only the main device remove copies by age.",
};

impl Rule for DeleteFollowsUser {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, model: &Model, out: &mut Vec<Finding>) {
        for mb in &model.mailboxes {
            let deleters = first_per_device(model, &mb.key, |a| {
                a.retention.as_ref().is_some_and(|r| {
                    r.leave_on_server && r.delete_when_deleted_locally && !r.headers_only
                })
            });
            for a in deleters {
                let others = other_readers(model, &mb.key, a);
                if others.is_empty() {
                    continue;
                }
                let kind = FindingKind::DeleteFollowsUser {
                    device: a.device.clone(),
                    program: a.program().to_string(),
                    others,
                };
                out.push(
                    Finding::new(DOC.id, DOC.severity, &mb.key, vec![a.device.clone()], kind)
                        .with_evidence(vec![a.evidence_for(Field::DeleteWhenDeletedLocally)])
                        .resting_on(a.provenance.get(&Field::DeleteWhenDeletedLocally).cloned()),
                );
            }
        }
    }
}
