//! `delete-on-download`: a device removes messages at download while others share the mailbox.

use crate::analyze::facts::{
    first_per_device, full_reader, other_readers, reader_name, retention_evidence,
};
use crate::analyze::simulate::share_missed;
use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{
    Access, Effect, Field, Finding, FindingKind, Missed, Origin, Reader, RuleId, Severity, Unit,
};

/// The rule.
pub struct DeleteOnDownload;

static DOC: RuleDoc = RuleDoc {
    id: RuleId::DeleteOnDownload,
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
                let readers = other_readers(model, &mb.key, a);
                if readers.is_empty() {
                    continue;
                }
                out.push(finding(model, &mb.key, a, &readers));
            }
        }
    }
}

fn finding(model: &Model, mailbox: &str, a: &Access, readers: &[Reader]) -> Finding {
    let remover_every = a.fetch.interval_minutes.filter(|_| a.fetch.automatic);
    let worst = model
        .accesses_of(mailbox)
        .filter(|o| !std::ptr::eq(*o, a))
        // Profiles of one program on one PC never run at the same time: no race to measure.
        .filter(|o| !same_program(o, a))
        .filter_map(|o| {
            // Only two known fetch cycles give a number: a device fetching by
            // hand, or at an unknown interval, has no cycle to compare.
            let own = o.fetch.interval_minutes.filter(|_| o.fetch.automatic)?;
            Some(Missed {
                reader: reader_name(o, a),
                percent: (share_missed(remover_every?, own) * 100.0).round() as i64,
                intervals_assumed: fetch_assumed(o) || fetch_assumed(a),
            })
        })
        .fold(None, |best: Option<Missed>, x| match best {
            Some(b) if b.percent >= x.percent => Some(b),
            _ => Some(x),
        });
    // Name the remover by program too when another program on its device reads the mailbox.
    let remover = if readers.iter().any(|r| r.device == a.device) {
        full_reader(a)
    } else {
        Reader::device(&a.device)
    };
    let r = a.retention.as_ref().expect("a remover reads over POP3");
    // Why it removes: the keep-copies setting is off, or its day count is negative.
    let by_days = r.leave_on_server;
    let field = if by_days {
        Field::DeleteAfterDays
    } else {
        Field::LeaveOnServer
    };
    let others_elsewhere = model
        .accesses_of(mailbox)
        .any(|o| !std::ptr::eq(o, a) && !same_program(o, a));
    // Two profiles of one program take turns: mail is lost, but only while this one is in use.
    let severity = if others_elsewhere {
        DOC.severity
    } else {
        Severity::Warning
    };
    let percent = worst.as_ref().map(|w| w.percent);
    let kind = FindingKind::RemovesAtDownload {
        device: a.device.clone(),
        program: a.program().to_string(),
        by_days,
        every_minutes: remover_every,
        remover,
        readers: readers.to_vec(),
        missed: worst,
        other_profile_only: !others_elsewhere,
    };
    let f = Finding::new(DOC.id, severity, mailbox, vec![a.device.clone()], kind)
        .with_evidence(retention_evidence(a))
        .resting_on(a.provenance.get(&field).cloned());
    match percent {
        Some(p) => f.with_measure(p, Unit::Percent),
        None => f,
    }
}

/// Two profiles of one program on one device: they take turns, never race.
fn same_program(o: &Access, a: &Access) -> bool {
    o.device == a.device && o.client == a.client && profile_of(o) != profile_of(a)
}

/// The client profile an account belongs to: Thunderbird's profile folder, or the
/// `[profile NAME…]` an Outlook export with several profiles adds to the account name.
fn profile_of(a: &Access) -> Option<&str> {
    match a.client {
        crate::model::Client::Thunderbird => a.source.path.rsplit('/').nth(1),
        _ => a
            .account
            .split_once("[profile ")
            .map(|(_, p)| p.split([',', ']']).next().unwrap_or(p)),
    }
}

/// True when the device's fetch schedule was assumed, not read.
fn fetch_assumed(a: &Access) -> bool {
    matches!(
        a.provenance.get(&Field::Fetch),
        Some(Origin::Assumed { .. })
    )
}
