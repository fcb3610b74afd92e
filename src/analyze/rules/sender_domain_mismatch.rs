//! `sender-domain-mismatch`: an identity sends as a domain other than its mailbox's.

use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Field, Finding, FindingKind, RuleId, Severity};

/// The rule.
pub struct SenderDomainMismatch;

static DOC: RuleDoc = RuleDoc {
    id: RuleId::SenderDomainMismatch,
    severity: Severity::Info,
    summary: "an identity sends as a domain other than its mailbox's",
    what: "A sender address (identity) whose domain is not the domain of the mailbox the account reads.",
    why: "Receiving servers check that the sender's domain allows the server that sent the message \
(SPF, DKIM, DMARC). Mail sent as another domain through this account's server is more likely to land \
in spam or be refused.",
    example: "The account reads info@example.co.jp but sends as info@example.com.",
    fix: "Send as the mailbox's own address, or send through the other domain's own server.",
};

/// The domain a mailbox key belongs to.
fn mailbox_domain(key: &str) -> &str {
    key.rsplit_once('@').map(|(_, d)| d).unwrap_or("")
}

/// True when `host` is `domain` or one of its subdomains.
fn within(host: &str, domain: &str) -> bool {
    host == domain || host.ends_with(&format!(".{domain}"))
}

impl Rule for SenderDomainMismatch {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, model: &Model, out: &mut Vec<Finding>) {
        for a in model.active() {
            let mb_domain = mailbox_domain(&a.mailbox);
            let login_has_domain = a.username.contains('@');
            for id in &a.identities {
                let Some((_, dom)) = id.rsplit_once('@') else {
                    continue;
                };
                let dom = dom.trim().to_lowercase();
                // A login without a domain names the mailbox by its host: pop.example.jp serves example.jp.
                let ok = if login_has_domain {
                    dom == mb_domain
                } else {
                    within(mb_domain, &dom)
                };
                if ok || dom.is_empty() {
                    continue;
                }
                let kind = FindingKind::SenderDomain {
                    device: a.device.clone(),
                    identity: id.clone(),
                    domain: dom.clone(),
                    mailbox_domain: mb_domain.to_string(),
                };
                out.push(
                    Finding::new(
                        DOC.id,
                        DOC.severity,
                        &a.mailbox,
                        vec![a.device.clone()],
                        kind,
                    )
                    .with_evidence(vec![a.evidence_for(Field::Identity(id.clone()))]),
                );
            }
        }
    }
}
