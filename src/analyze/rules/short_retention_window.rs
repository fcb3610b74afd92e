//! `short-retention-window`: copies live N days, shorter than another device's longest absence.

use crate::analyze::facts::{first_per_device, others, retention_evidence, retention_origins};
use crate::analyze::simulate::absence_loss_days;
use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Effect, Finding, FindingKind, RuleId, Severity, Unit};

/// The rule.
pub struct ShortRetentionWindow;

static DOC: RuleDoc = RuleDoc {
    id: RuleId::ShortRetentionWindow,
    severity: Severity::Warning,
    summary: "server copies live N days; a device that fetches less often than that misses mail",
    what: "A POP3 account that removes server copies N days after its own download, on a mailbox another \
device reads, where N is shorter than the longest absence (`away_days`, 7 by default) of one of the \
other devices.",
    why: "Each device counts the days from its own download. A colleague back from a trip longer than \
N days, or a laptop left closed over a holiday, finds that the messages of the first days are already \
gone from the server.",
    example: "PC-B: \"Leave messages on server\" for at most 3 days; PC-A's owner is away up to 7 days.",
    fix: "Keep copies at least as long as the longest absence on the main device, or give the other \
people own addresses that the server forwards to.",
};

impl Rule for ShortRetentionWindow {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, model: &Model, out: &mut Vec<Finding>) {
        for mb in &model.mailboxes {
            let keepers = first_per_device(model, &mb.key, |a| {
                matches!(a.effect(), Some(Effect::KeepsDays(_)))
            });
            for a in keepers {
                let Some(Effect::KeepsDays(n)) = a.effect() else {
                    continue;
                };
                let longest = others(mb, &a.device)
                    .into_iter()
                    .map(|d| {
                        (
                            d,
                            model
                                .device(d)
                                .map(|x| x.away_days)
                                .unwrap_or(model.site.defaults.away_days),
                        )
                    })
                    .fold(None, |best: Option<(&str, u32)>, x| match best {
                        Some(b) if b.1 >= x.1 => Some(b),
                        _ => Some(x),
                    });
                let Some((who, away)) = longest else { continue };
                if n >= i64::from(away) {
                    continue;
                }
                // What the day-by-day projection loses while `who` is away.
                let window = u32::try_from(n).unwrap_or(u32::MAX);
                let lost = absence_loss_days(window, away).round() as i64;
                let kind = FindingKind::ShortWindow {
                    device: a.device.clone(),
                    program: a.program().to_string(),
                    days: n,
                    away_device: who.to_string(),
                    away_days: away,
                    lost_days: lost,
                };
                out.push(
                    Finding::new(DOC.id, DOC.severity, &mb.key, vec![a.device.clone()], kind)
                        .with_evidence(retention_evidence(a))
                        .with_measure(lost, Unit::Days)
                        .resting_on(retention_origins(a)),
                );
            }
        }
    }
}
