//! `pop-imap-mix`: POP3 removals on a mailbox also read over IMAP or webmail.

use crate::analyze::facts::{devices_of, retention_evidence, retention_origins};
use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Finding, FindingKind, RuleId, Severity};

/// The rule.
pub struct PopImapMix;

static DOC: RuleDoc = RuleDoc {
    id: RuleId::PopImapMix,
    severity: Severity::Warning,
    summary: "POP3 removals on a mailbox also read over IMAP or webmail",
    what: "A mailbox that some devices read over IMAP (or Exchange, or webmail) while a POP3 device \
removes messages from it, at download, by age or on local delete.",
    why: "IMAP and webmail users see the server's folder itself. Whatever a POP3 device removes \
disappears from their Inbox too, and messages they filed or flagged vanish without a trace.",
    example: "PC-C removes at download over POP3; the owner's phone reads info@ over IMAP.",
    fix: "Read a shared mailbox either all over IMAP, or give the POP3 devices own forwarded addresses.",
};

impl Rule for PopImapMix {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, model: &Model, out: &mut Vec<Finding>) {
        for mb in &model.mailboxes {
            let accesses: Vec<_> = model.accesses_of(&mb.key).collect();
            let viewers: Vec<_> = accesses
                .iter()
                .copied()
                .filter(|a| a.protocol.sees_server_state())
                .collect();
            let removers: Vec<_> = accesses
                .iter()
                .copied()
                .filter(|a| {
                    a.retention.as_ref().is_some_and(|r| {
                        r.removes_on_its_own()
                            || (r.leave_on_server && r.delete_when_deleted_locally)
                    })
                })
                .collect();
            let viewer_devs = devices_of(&viewers);
            let remover_devs: Vec<String> = devices_of(&removers);
            if viewer_devs.is_empty() || remover_devs.is_empty() {
                continue;
            }
            let evidence = removers
                .iter()
                .flat_map(|a| retention_evidence(a))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let kind = FindingKind::PopImapMix {
                viewers: viewer_devs,
                removers: remover_devs.clone(),
            };
            out.push(
                Finding::new(DOC.id, DOC.severity, &mb.key, remover_devs, kind)
                    .with_evidence(evidence)
                    .resting_on(removers.iter().flat_map(|a| retention_origins(a))),
            );
        }
    }
}
