//! Outlook Express and Outlook 98/2000 "Internet Mail Only" (OMI) account keys:
//! four separate leave/remove values instead of Outlook's bit field.

use super::account::{
    set_retention, AbsentLeave, AccountFacts, FetchFacts, FourFlags, Named, Origins, SmtpAuth,
    SmtpFacts,
};
use super::registry::{key_name, Node, OldKind, Values};
use super::retention::smtp_ssl_flag;
use crate::model::assumption::Writer;
use crate::model::{Access, Assumption, Client, Problem, Protocol};
use crate::sources::regfile::Version;

/// An Outlook Express or OMI account key: four separate retention values.
pub(super) fn old_account(
    node: &Node,
    kind: OldKind,
    rel: &str,
    version: Version,
    probs: &mut Vec<Problem>,
) -> Option<Access> {
    let vals = Values { node, rel, version };
    let (client, client_name, label) = match kind {
        OldKind::OutlookExpress => (
            Client::WindowsLiveMail,
            "outlook-express",
            "Outlook Express",
        ),
        OldKind::Omi => (Client::Outlook, "outlook", "Outlook 98/2000"),
    };
    let pop = vals
        .string("POP3 Server", probs)
        .filter(|(h, _)| !h.is_empty());
    let imap = vals
        .string("IMAP Server", probs)
        .filter(|(h, _)| !h.is_empty());
    let (protocol, prefix, host) = match (pop, imap) {
        (Some(p), _) => (Protocol::Pop3, "POP3", p),
        (None, Some(i)) => (Protocol::Imap, "IMAP", i),
        // News, directory and HTTP accounts share these keys; they hold no mailbox.
        (None, None) => return None,
    };
    let name = vals
        .string("Account Name", probs)
        .map(|(s, _)| s)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| key_name(&node.path).to_string());
    let o = Origins {
        rel,
        client: client_name,
    };
    let mut notes = Vec::new();
    if kind == OldKind::OutlookExpress {
        notes.push(Assumption::OutlookExpressAsLiveMail);
    }
    let email = vals
        .string("SMTP Email Address", probs)
        .filter(|(e, _)| !e.is_empty());
    let username = vals
        .string(&format!("{prefix} User Name"), probs)
        .filter(|(u, _)| !u.is_empty());
    let port = vals.port(&format!("{prefix} Port"), probs);
    let ssl_key = format!("{prefix} Secure Connection");
    let ssl = vals.flag(&ssl_key, probs);
    let spa = vals.flag(&format!("{prefix} Use Sicily"), probs);
    let skip_line = vals
        .flag(&format!("{prefix} Skip Account"), probs)
        .filter(|(on, _)| *on)
        .map(|(_, l)| l);
    let smtp = vals
        .string("SMTP Server", probs)
        .filter(|(h, _)| !h.is_empty())
        .map(|host| {
            let port = vals.port("SMTP Port", probs).map_or(25, |(p, _)| p);
            let secure = vals.flag("SMTP Secure Connection", probs);
            let sicily = vals.dword("SMTP Use Sicily", probs);
            SmtpFacts {
                host,
                port,
                stated: secure.map(|(on, _)| smtp_ssl_flag(on, port)),
                auth: SmtpAuth::from_sicily(sicily.map(|(v, _)| v)),
            }
        });
    let mut a = AccountFacts {
        origins: o,
        client,
        account: name.clone(),
        protocol,
        line: node.line,
        host,
        writer: Writer::Legacy {
            program: label.to_string(),
        },
        notes,
        email,
        username,
        username_key: format!("{prefix} User Name"),
        port,
        ssl,
        ssl_key,
        tls_port_key: None,
        spa,
        password_stored: vals.has_password(),
        fetch: FetchFacts {
            skip_line,
            note: Assumption::LegacyCheckInterval {
                program: label.to_string(),
            },
            reason: Assumption::LegacyCheckIntervalReason {
                program: label.to_string(),
            },
        },
        smtp,
    }
    .resolve();
    if protocol == Protocol::Pop3 {
        let flags = FourFlags {
            leave: vals.flag("Leave Mail On Server", probs),
            deleted: vals.flag("Remove When Deleted", probs),
            expired: vals.flag("Remove When Expired", probs),
            days: vals.dword("Expire Days", probs),
        };
        let absent = AbsentLeave::Assumed(Assumption::LegacyNoLeaveMail {
            program: label.to_string(),
        });
        let named = Named {
            program: Some(label),
            account: &name,
        };
        let decoded = flags.apply(&mut a, o, absent, (named, node.line), probs);
        set_retention(&mut a, o, decoded);
    }
    Some(a)
}
