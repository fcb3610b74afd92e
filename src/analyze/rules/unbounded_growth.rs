//! `unbounded-growth`: no device ever removes messages, so the mailbox fills up.

use crate::analyze::facts::{devices_of, join_names, retention_evidence};
use crate::analyze::simulate::days_until_full;
use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Finding, Protocol, Severity};

/// The rule.
pub struct UnboundedGrowth;

/// Below this many days until full, the finding is critical.
const CRITICAL_DAYS: u64 = 90;

static DOC: RuleDoc = RuleDoc {
    id: "unbounded-growth",
    severity: Severity::Warning,
    summary:
        "no device ever removes messages; critical when the quota is projected full within 90 days",
    what:
        "A mailbox read over POP3 where every device leaves copies on the server with no day limit \
(only removing what its user deletes, or nothing at all).",
    why:
        "The server mailbox grows by the daily inbound volume until the quota is reached. Then the \
server refuses new mail and senders get \"mailbox full\" bounces (SMTP 552 5.2.2), usually noticed \
only when a customer calls.",
    example:
        "PC-A keeps copies forever; PC-B keeps them until deleted locally; quota 2 GB, 40 MB a day.",
    fix:
        "Let the main device remove server copies after N days (14 is common), and give the other \
people own addresses that the server forwards to.",
};

impl Rule for UnboundedGrowth {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, model: &Model, out: &mut Vec<Finding>) {
        for mb in &model.mailboxes {
            let accesses: Vec<_> = model.accesses_of(&mb.key).collect();
            let pop: Vec<_> = accesses
                .iter()
                .copied()
                .filter(|a| a.protocol == Protocol::Pop3)
                .collect();
            if pop.is_empty()
                || accesses
                    .iter()
                    .any(|a| a.retention.as_ref().is_some_and(|r| r.removes_on_its_own()))
            {
                continue;
            }
            let devices = devices_of(&pop);
            let names: Vec<&str> = devices.iter().map(String::as_str).collect();
            let by_user: Vec<&str> = pop
                .iter()
                .filter(|a| a.effect() == Some(crate::model::Effect::KeepsUntilDeleted))
                .map(|a| a.device.as_str())
                .collect();
            let mut message = format!(
                "No device removes messages from {} on its own: {} leave{} copies on the server{}, so the mailbox only grows.",
                mb.key,
                join_names(&names),
                if names.len() == 1 { "s" } else { "" },
                if by_user.is_empty() {
                    String::new()
                } else {
                    format!(" ({} only removes what its user deletes)", join_names(&by_user))
                }
            );
            // popstate.dat proves how long copies have already piled up.
            let oldest = pop
                .iter()
                .filter_map(|a| a.server_state.as_ref())
                .filter_map(|s| Some((s.oldest?, s.newest?, s.kept)))
                .max_by_key(|(o, n, _)| n - o);
            let mut severity = DOC.severity;
            let mut number = None;
            if let Some((o, n, kept)) = oldest {
                let days = (n - o).max(0) / 86_400;
                message.push_str(&format!(" A device has {kept} messages left on the server, the oldest downloaded {days} days before the newest."));
            }
            match (mb.quota_bytes, mb.daily_bytes) {
                (Some(q), Some(d)) => {
                    let used = oldest
                        .map(|(o, n, _)| ((n - o).max(0) as u64 / 86_400).saturating_mul(d))
                        .unwrap_or(0)
                        .min(q);
                    if let Some(days) = days_until_full(q, used, d) {
                        number = Some(days as i64);
                        message.push_str(&format!(
                            " At {} a day into a {} quota it is full in about {days} days{}.",
                            human_bytes(d),
                            human_bytes(q),
                            if used > 0 { " (counting what is already stored)" } else { " (assuming it is empty today)" }
                        ));
                        if days < CRITICAL_DAYS {
                            severity = Severity::Critical;
                        }
                    }
                }
                _ => message.push_str(" Give `quota` and `daily_volume` for this mailbox in site.toml to see when it fills up."),
            }
            out.push(Finding {
                id: String::new(),
                rule: DOC.id,
                severity,
                mailbox: mb.key.clone(),
                devices,
                message,
                why: "When the quota is reached the server refuses new mail and senders get \"mailbox full\" bounces.".into(),
                fix: "Let the main device remove server copies after N days and forward the address to own addresses for the others.".into(),
                evidence: pop.iter().flat_map(|a| retention_evidence(a)).collect::<std::collections::BTreeSet<_>>().into_iter().collect(),
                number,
            });
        }
    }
}

/// Bytes in the units office people read: MB and GB, decimal.
pub fn human_bytes(n: u64) -> String {
    if n >= 1_000_000_000 {
        format!("{:.1} GB", n as f64 / 1e9)
    } else if n >= 1_000_000 {
        format!("{:.0} MB", n as f64 / 1e6)
    } else if n >= 1_000 {
        format!("{:.0} KB", n as f64 / 1e3)
    } else {
        format!("{n} B")
    }
}
