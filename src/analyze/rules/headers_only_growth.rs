//! `headers-only-growth`: headers-only or size-limited downloads leave messages on the server forever.

use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Finding, Severity};

/// The rule.
pub struct HeadersOnlyGrowth;

static DOC: RuleDoc = RuleDoc {
    id: "headers-only-growth",
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
            let (what, field) = if r.headers_only {
                (
                    "downloads only the headers of every message".to_string(),
                    "headers_only",
                )
            } else if let Some(kib) = r.size_limit_kib {
                (
                    format!("downloads only the headers of messages larger than {kib} KB"),
                    "size_limit_kib",
                )
            } else {
                continue;
            };
            out.push(Finding {
                id: String::new(),
                rule: DOC.id,
                severity: DOC.severity,
                mailbox: a.mailbox.clone(),
                devices: vec![a.device.clone()],
                message: format!(
                    "{} {what} of {}; those messages stay on the server for good, whatever the removal settings say.",
                    a.device, a.mailbox
                ),
                why: "Messages fetched as headers only are never removed by age or at download, so they fill the quota.".into(),
                fix: format!("On {}, turn off headers-only download and the size limit.", a.device),
                evidence: vec![a.evidence_for(field)],
                number: r.size_limit_kib.map(i64::from),
            });
        }
    }
}
