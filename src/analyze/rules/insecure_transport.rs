//! `insecure-transport`: POP3, IMAP or SMTP without TLS.

use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{Auth, Field, Finding, FindingKind, RuleId, Security, Severity};

/// The rule.
pub struct InsecureTransport;

static DOC: RuleDoc = RuleDoc {
    id: RuleId::InsecureTransport,
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
                    a.evidence_for(Field::Security),
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
            .filter(|f| {
                seen.insert((
                    f.mailbox.clone(),
                    f.devices.clone(),
                    format!("{:?}", f.kind),
                ))
            })
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
    let severity = if auth.sends_password() {
        Severity::Critical
    } else {
        DOC.severity
    };
    let kind = FindingKind::Unencrypted {
        device: device.to_string(),
        protocol: proto.to_string(),
        host: host.to_string(),
        password_in_clear: auth.sends_password(),
    };
    out.push(
        Finding::new(DOC.id, severity, mailbox, vec![device.to_string()], kind)
            .with_evidence(vec![ev]),
    );
}
