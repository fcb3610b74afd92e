//! `insecure-transport`: POP3, IMAP or SMTP without TLS.

use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Auth, Finding, Security, Severity};

/// The rule.
pub struct InsecureTransport;

static DOC: RuleDoc = RuleDoc {
    id: "insecure-transport",
    severity: Severity::Warning,
    summary: "POP3/IMAP/SMTP without TLS; critical when a password travels unencrypted",
    what: "An incoming or outgoing server connection without SSL/TLS or STARTTLS.",
    why: "Without TLS, every message can be read on the way, and with plain password authentication \
the mailbox password crosses the network in clear text: anyone on the same Wi-Fi or line can take \
over the address.",
    example: "POP3 on port 110 with no encryption and a normal password.",
    fix: "Switch the connection to SSL/TLS (POP3 995, IMAP 993, SMTP 465) or STARTTLS (SMTP 587); most \
providers support it, and many will soon require it.",
};

impl Rule for InsecureTransport {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, model: &Model, out: &mut Vec<Finding>) {
        let before = out.len();
        for a in model.active() {
            if a.security == Security::None && !a.host.is_empty() {
                push(
                    out,
                    &a.mailbox,
                    &a.device,
                    &a.host,
                    proto(a),
                    a.auth,
                    a.evidence_for("security"),
                );
            }
            for o in &a.outgoing {
                if o.security == Security::None && !o.host.is_empty() {
                    let ev = o.source.clone().unwrap_or_else(|| a.source.clone());
                    push(out, &a.mailbox, &a.device, &o.host, "SMTP", o.auth, ev);
                }
            }
        }
        // Several identities of one account share an SMTP server: report it once per mailbox.
        let start = before;
        let mut seen = std::collections::BTreeSet::new();
        let mine: Vec<Finding> = out
            .drain(start..)
            .filter(|f| seen.insert((f.mailbox.clone(), f.devices.clone(), f.message.clone())))
            .collect();
        out.extend(mine);
    }
}

fn proto(a: &crate::model::Access) -> &'static str {
    match a.protocol {
        crate::model::Protocol::Pop3 => "POP3",
        crate::model::Protocol::Imap => "IMAP",
        crate::model::Protocol::Exchange => "Exchange",
        crate::model::Protocol::Unknown => "mail",
    }
}

fn push(
    out: &mut Vec<Finding>,
    mailbox: &str,
    device: &str,
    host: &str,
    proto: &str,
    auth: Auth,
    ev: crate::model::Evidence,
) {
    let (severity, tail) = if auth.sends_password() {
        (
            Severity::Critical,
            " and the password is sent in clear text",
        )
    } else {
        (DOC.severity, "")
    };
    out.push(Finding {
        id: String::new(),
        rule: DOC.id,
        severity,
        mailbox: mailbox.to_string(),
        devices: vec![device.to_string()],
        message: format!("{device} connects to {proto} server {host} without encryption{tail}."),
        why: "Anyone on the network path can read the mail, and a clear-text password lets them take over the address.".into(),
        fix: format!("On {device}, switch {proto} to SSL/TLS (or STARTTLS) and the matching port."),
        evidence: vec![ev],
        number: None,
    });
}
