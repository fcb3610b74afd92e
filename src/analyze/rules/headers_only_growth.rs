//! `headers-only-growth`: headers-only or size-limited downloads leave messages on the server forever.

use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Field, Finding, FindingKind, RuleId, Severity, Unit};

/// The rule.
pub struct HeadersOnlyGrowth;

static DOC: RuleDoc = RuleDoc {
    id: RuleId::HeadersOnlyGrowth,
    severity: Severity::Warning,
    summary: "headers-only / size-limited downloads leave messages on the server forever",
    what: "A POP3 account that downloads only the headers of every message, or of messages above a size \
limit.",
    why: "A message fetched as headers only is never removed by that device: not at download, not by \
age. Large attachments pile up on the server until the quota is reached, even where the settings \
say \"remove after 14 days\".",
    example: "Thunderbird: \"Fetch headers only\", or \"Don't download messages larger than 50 KB\".",
    fix: "Turn off headers-only and the size limit on POP3 accounts, or raise the limit above the \
largest attachments the office receives.",
};

impl Rule for HeadersOnlyGrowth {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, model: &Model, out: &mut Vec<Finding>) {
        for a in model.active() {
            let Some(r) = &a.retention else { continue };
            let field = if r.headers_only {
                Field::HeadersOnly
            } else if r.size_limit_kib.is_some() {
                Field::SizeLimitKib
            } else {
                continue;
            };
            let size_limit_kib = r.size_limit_kib.filter(|_| !r.headers_only);
            let kind = FindingKind::HeadersOnly {
                device: a.device.clone(),
                program: a.program().to_string(),
                size_limit_kib,
            };
            let f = Finding::new(
                DOC.id,
                DOC.severity,
                &a.mailbox,
                vec![a.device.clone()],
                kind,
            )
            .with_evidence(vec![a.evidence_for(field)]);
            out.push(match r.size_limit_kib {
                Some(k) => f.with_measure(i64::from(k), Unit::Kib),
                None => f,
            });
        }
    }
}
