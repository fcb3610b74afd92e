//! `delete-on-download`: a device removes messages at download while others share the mailbox.

use crate::analyze::facts::{first_per_device, join_names, others, retention_evidence};
use crate::analyze::simulate::share_missed;
use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Effect, Finding, Severity};

/// The rule.
pub struct DeleteOnDownload;

static DOC: RuleDoc = RuleDoc {
    id: "delete-on-download",
    severity: Severity::Critical,
    summary: "a device removes messages at download while other devices or IMAP users share the mailbox",
    what: "A POP3 account that does not leave messages on the server (or whose day count is negative, \
which means \"at the next fetch\"), on a mailbox that another device also reads.",
    why: "The server keeps one copy of each message. The first device to fetch it removes it, so every \
other device only sees the mail that arrived while the remover was switched off. In the typical office \
the reception PC downloads and removes info@ mail every ten minutes, and the manager's laptop never \
sees an enquiry again.",
    example: "PC-C (Outlook): Leave on Server = 0 (\"Leave a copy of messages on the server\" unchecked); \
PC-A and PC-B also read info@example.co.jp.",
    fix: "Make one device the main one that keeps copies N days; give every other person an own address \
and have the server forward info@ there, then those devices may remove at download.",
};

impl Rule for DeleteOnDownload {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, model: &Model, out: &mut Vec<Finding>) {
        for mb in &model.mailboxes {
            let removers = first_per_device(model, &mb.key, |a| {
                a.effect() == Some(Effect::RemovesAtDownload)
            });
            for a in removers {
                let other_devs = others(mb, &a.device);
                if other_devs.is_empty() {
                    continue;
                }
                let remover_every = a.fetch.interval_minutes.filter(|_| a.fetch.automatic);
                let worst = model
                    .accesses_of(&mb.key)
                    .filter(|o| o.device != a.device)
                    .filter_map(|o| {
                        // Only two known fetch cycles give a number: a device fetching by
                        // hand, or at an unknown interval, has no cycle to compare.
                        let own = o.fetch.interval_minutes.filter(|_| o.fetch.automatic)?;
                        Some((o.device.as_str(), share_missed(remover_every?, own)))
                    })
                    .fold(None, |best: Option<(&str, f64)>, x| match best {
                        Some(b) if b.1 >= x.1 => Some(b),
                        _ => Some(x),
                    });
                let when = match (a.fetch.automatic, a.fetch.interval_minutes) {
                    (true, Some(m)) => format!("every {m} minutes"),
                    _ => "whenever it fetches".to_string(),
                };
                let mut message = format!(
                    "{} ({}) removes every message from the server as soon as it downloads it ({when}); {} only {} mail that arrived while {} was not fetching.",
                    a.device,
                    a.client.name(),
                    join_names(&other_devs),
                    if other_devs.len() == 1 { "sees" } else { "see" },
                    a.device
                );
                let number = worst.map(|(d, s)| {
                    let pct = (s * 100.0).round() as i64;
                    message.push_str(&format!(
                        " With the fetch intervals found, {d} misses about {pct}% of incoming mail."
                    ));
                    pct
                });
                out.push(Finding {
                    rule: DOC.id,
                    severity: DOC.severity,
                    mailbox: mb.key.clone(),
                    devices: vec![a.device.clone()],
                    message,
                    why: "The server keeps one copy of each message, and this device deletes it before the others can fetch it.".into(),
                    fix: format!(
                        "Turn on \"leave a copy on the server\" on {} for now; then follow the recommended layout (main device keeps copies, the others get own forwarded addresses).",
                        a.device
                    ),
                    evidence: retention_evidence(a),
                    number,
                });
            }
        }
    }
}
