//! `unbounded-growth`: no device ever removes messages, so the mailbox fills up.

use crate::analyze::facts::{devices_of, retention_evidence, retention_origins};
use crate::analyze::simulate::{all_keep_full_day, days_until_full};
use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Fill, Finding, FindingKind, Piled, Protocol, RuleId, Severity, Unit};

/// The rule.
pub struct UnboundedGrowth;

/// Below this many days until full, the finding is critical.
const CRITICAL_DAYS: u64 = 90;

/// How far the projection looks ahead for the day the quota is reached.
const HORIZON_DAYS: u32 = 366;

static DOC: RuleDoc = RuleDoc {
    id: RuleId::UnboundedGrowth,
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
            let by_user: Vec<String> = pop
                .iter()
                .filter(|a| a.effect() == Some(crate::model::Effect::KeepsUntilDeleted))
                .map(|a| a.device.clone())
                .collect();
            // popstate.dat proves how long copies have already piled up.
            let oldest = pop
                .iter()
                .filter_map(|a| a.server_state.as_ref())
                .filter_map(|s| Some((s.oldest?, s.newest?, s.kept)))
                .max_by_key(|(o, n, _)| n - o);
            let piled = oldest.map(|(o, n, kept)| Piled {
                kept,
                span_days: (n - o).max(0) / 86_400,
            });
            let mut severity = DOC.severity;
            let mut days_left = None;
            let fill = match (mb.quota_bytes, mb.daily_bytes) {
                (Some(q), Some(d)) => {
                    let used = oldest
                        .map(|(o, n, _)| ((n - o).max(0) as u64 / 86_400).saturating_mul(d))
                        .unwrap_or(0)
                        .min(q);
                    // The day-by-day projection names the day within a year; past that, the
                    // division is as good and costs nothing.
                    let history = u32::try_from(used / d.max(1)).unwrap_or(u32::MAX);
                    let projected = all_keep_full_day(q, d, history, HORIZON_DAYS)
                        .map(u64::from)
                        .or_else(|| days_until_full(q, used, d));
                    match projected {
                        Some(days) => {
                            days_left = Some(days as i64);
                            if days < CRITICAL_DAYS {
                                severity = Severity::Critical;
                            }
                            Fill::InDays {
                                days,
                                daily_bytes: d,
                                quota_bytes: q,
                                counting_stored: used > 0,
                            }
                        }
                        None => Fill::Never,
                    }
                }
                _ => Fill::NoFacts,
            };
            let evidence = pop
                .iter()
                .flat_map(|a| retention_evidence(a))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let origins: Vec<_> = pop.iter().flat_map(|a| retention_origins(a)).collect();
            let kind = FindingKind::NeverRemoved {
                devices: devices.clone(),
                by_user,
                piled,
                fill,
            };
            let f = Finding::new(DOC.id, severity, &mb.key, devices, kind)
                .with_evidence(evidence)
                .resting_on(origins);
            out.push(match days_left {
                Some(d) => f.with_measure(d, Unit::Days),
                None => f,
            });
        }
    }
}
