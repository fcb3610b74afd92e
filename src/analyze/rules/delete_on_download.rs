//! `delete-on-download`: a device removes messages at download while others share the mailbox.

use crate::analyze::facts::{
    first_per_device, join_names, other_readers, reader_name, retention_evidence,
};
use crate::analyze::simulate::share_missed;
use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Access, Effect, Finding, Origin, Severity};

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
                let readers = other_readers(model, &mb.key, a);
                if readers.is_empty() {
                    continue;
                }
                out.push(finding(model, &mb.key, a, &readers));
            }
        }
    }
}

fn finding(model: &Model, mailbox: &str, a: &Access, readers: &[String]) -> Finding {
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
            let assumed = fetch_assumed(o) || fetch_assumed(a);
            Some((
                reader_name(o, a),
                share_missed(remover_every?, own),
                assumed,
            ))
        })
        .fold(None, |best: Option<(String, f64, bool)>, x| match best {
            Some(b) if b.1 >= x.1 => Some(b),
            _ => Some(x),
        });
    let when = match remover_every {
        Some(m) => format!("every {m} minutes"),
        None => "whenever it fetches".to_string(),
    };
    let names: Vec<&str> = readers.iter().map(String::as_str).collect();
    // Name the remover by program too when another program on its device reads the mailbox.
    let remover = if readers
        .iter()
        .any(|r| r.ends_with(&format!(" on {}", a.device)))
    {
        reader_name(a, a)
    } else {
        a.device.clone()
    };
    let r = a.retention.as_ref().expect("a remover reads over POP3");
    // Why it removes: the keep-copies setting is off, or its day count is negative.
    let by_days = r.leave_on_server;
    let field = if by_days {
        "delete_after_days"
    } else {
        "leave_on_server"
    };
    let what = if by_days {
        "is set to remove server copies at its next fetch (its day count is not a positive number), so every message goes".to_string()
    } else {
        "removes every message from the server as soon as it downloads it".to_string()
    };
    let mut message = format!(
        "{} ({}) {what} ({when}); {} never {} a message that {remover} fetches first.",
        a.device,
        a.program(),
        join_names(&names),
        if names.len() == 1 { "sees" } else { "see" },
    );
    let number = worst.map(|(d, s, assumed)| {
        let pct = (s * 100.0).round() as i64;
        let basis = if assumed {
            "With the fetch intervals found (some of them assumed)"
        } else {
            "With the fetch intervals found"
        };
        message.push_str(&format!(
            " {basis}, {d} misses about {pct}% of incoming mail."
        ));
        pct
    });
    // A conclusion built on an assumed value is worth checking, not yet an emergency.
    let mut severity = DOC.severity;
    let others_elsewhere = model
        .accesses_of(mailbox)
        .any(|o| !std::ptr::eq(o, a) && !same_program(o, a));
    if !others_elsewhere {
        severity = Severity::Warning;
        message.push_str(&format!(
            " The other reader is another profile of {} on {}: mail is lost whenever this profile is the one in use.",
            a.program(),
            a.device
        ));
    }
    if let Some(Origin::Assumed { assumption, .. }) = a.provenance.get(field) {
        // The rules run before the report is localized; the finding's own text is English.
        let reason = crate::report::i18n::assumptions::en(assumption);
        severity = Severity::Warning;
        message = format!("Probably: {message} This was assumed, not read: {reason}");
    }
    let first_step = if by_days {
        format!(
            "On {}, set the days to keep copies on the server to a positive number (or untick removal after N days)",
            a.device
        )
    } else {
        format!(
            "On {}, turn on \"leave a copy of messages on the server\" for now",
            a.device
        )
    };
    Finding {
        id: String::new(),
        rule: DOC.id,
        severity,
        mailbox: mailbox.to_string(),
        devices: vec![a.device.clone()],
        message,
        why: "The server keeps one copy of each message, and this device deletes it before the others can fetch it.".into(),
        fix: format!(
            "{first_step}; then follow the recommended layout (main device keeps copies, the others get own forwarded addresses)."
        ),
        evidence: retention_evidence(a),
        number,
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
    matches!(a.provenance.get("fetch"), Some(Origin::Assumed { .. }))
}
