//! Outlook Express and Outlook 98/2000 "Internet Mail Only" (OMI) account keys:
//! four separate leave/remove values instead of Outlook's bit field.

use super::registry::{key_name, Node, OldKind, Values};
use super::retention::{decode_four_flags, smtp_ssl_flag};
use super::transport::{incoming_security, smtp_security};
use crate::model::{
    Access, Auth, Client, Evidence, Fetch, Origin, Outgoing, Problem, Protocol, Security,
};
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
    let at = |line: u32| Origin::at(rel, line);
    let (client, client_name, label) = match kind {
        OldKind::OutlookExpress => (
            Client::WindowsLiveMail,
            "outlook-express",
            "Outlook Express",
        ),
        OldKind::Omi => (Client::Outlook, "outlook", "Outlook 98/2000"),
    };
    let default = || Origin::ClientDefault {
        client: client_name.into(),
    };
    let pop = vals
        .string("POP3 Server", probs)
        .filter(|(h, _)| !h.is_empty());
    let imap = vals
        .string("IMAP Server", probs)
        .filter(|(h, _)| !h.is_empty());
    let (protocol, prefix, (host, host_line)) = match (pop, imap) {
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
    let mut a = Access::new(
        client,
        &name,
        protocol,
        Evidence {
            path: rel.to_string(),
            line: Some(node.line),
        },
    );
    let mut assumptions = Vec::new();
    if kind == OldKind::OutlookExpress {
        assumptions.push("Outlook Express account: listed as windows-live-mail, its successor that keeps the same settings.".to_string());
    }
    a.host = host;
    a.provenance.insert("host".into(), at(host_line));
    let email = vals
        .string("SMTP Email Address", probs)
        .filter(|(e, _)| !e.is_empty());
    match vals.string(&format!("{prefix} User Name"), probs) {
        Some((u, line)) if !u.is_empty() => {
            a.username = u;
            a.provenance.insert("username".into(), at(line));
        }
        _ => {
            if let Some((e, _)) = &email {
                a.username = e.clone();
                let reason = format!(
                    "no `{prefix} User Name` value; assumed the login is the e-mail address"
                );
                assumptions.push(format!("{label} wrote {reason}."));
                a.provenance
                    .insert("username".into(), Origin::Assumed { reason });
            }
        }
    }
    if let Some((e, _)) = email {
        a.identities.push(e);
    }
    let (plain, tls) = if protocol == Protocol::Pop3 {
        (110, 995)
    } else {
        (143, 993)
    };
    let port = vals.port(&format!("{prefix} Port"), probs);
    let secure_key = format!("{prefix} Secure Connection");
    let secure = vals.flag(&secure_key, probs);
    let sec = incoming_security(
        protocol,
        secure.map(|(on, l)| (on, at(l))),
        port.map(|(p, _)| p),
        &secure_key,
        default(),
    );
    a.security = sec.security;
    a.provenance.insert("security".into(), sec.origin);
    assumptions.extend(sec.note);
    match port {
        Some((p, l)) => {
            a.port = Some(p);
            a.provenance.insert("port".into(), at(l));
        }
        None => {
            a.port = Some(if a.security == Security::Tls {
                tls
            } else {
                plain
            });
            a.provenance.insert("port".into(), default());
        }
    }
    let spa = vals.flag(&format!("{prefix} Use Sicily"), probs);
    a.auth = if spa.is_some_and(|(on, _)| on) {
        Auth::PasswordEncrypted
    } else {
        Auth::PasswordCleartext
    };
    a.provenance
        .insert("auth".into(), spa.map_or_else(default, |(_, l)| at(l)));
    a.password_stored = vals.has_password();
    let skip = vals
        .flag(&format!("{prefix} Skip Account"), probs)
        .filter(|(on, _)| *on);
    a.fetch = Fetch {
        automatic: skip.is_none(),
        interval_minutes: if skip.is_none() { Some(30) } else { None },
        at_startup: skip.is_none(),
    };
    match skip {
        Some((_, l)) => {
            a.provenance.insert("fetch".into(), at(l));
        }
        None => {
            let reason = format!("the check interval is a program-wide setting outside the account key; assumed {label} checks at start-up and every 30 minutes");
            assumptions.push(format!("In the registry, {reason}."));
            a.provenance
                .insert("fetch".into(), Origin::Assumed { reason });
        }
    }
    if let Some((host, line)) = vals
        .string("SMTP Server", probs)
        .filter(|(h, _)| !h.is_empty())
    {
        let port = vals.port("SMTP Port", probs).map_or(25, |(p, _)| p);
        let (security, notes) = smtp_security(
            vals.flag("SMTP Secure Connection", probs)
                .map(|(on, _)| smtp_ssl_flag(on, port)),
            port,
        );
        assumptions.extend(notes);
        let auth = match vals.dword("SMTP Use Sicily", probs).map(|(v, _)| v) {
            None | Some(0) => Auth::None,
            Some(1) => Auth::PasswordEncrypted,
            Some(2) => a.auth,
            Some(_) => Auth::PasswordCleartext,
        };
        a.outgoing.push(Outgoing {
            host,
            port: Some(port),
            security,
            auth,
            source: Some(Evidence {
                path: rel.to_string(),
                line: Some(line),
            }),
        });
    }
    if protocol == Protocol::Pop3 {
        let leave = vals.flag("Leave Mail On Server", probs);
        let deleted = vals.flag("Remove When Deleted", probs);
        let expired = vals.flag("Remove When Expired", probs);
        let days = vals.dword("Expire Days", probs);
        let decoded = decode_four_flags(
            leave.is_some_and(|(on, _)| on),
            deleted.is_some_and(|(on, _)| on),
            expired.is_some_and(|(on, _)| on),
            days.map(|(d, _)| d),
        );
        let days_read = expired
            .map(|(_, l)| l)
            .or(days.map(|(_, l)| l))
            .map_or_else(default, at);
        match leave {
            Some((_, l)) => {
                a.provenance.insert("leave_on_server".into(), at(l));
                a.provenance
                    .insert("delete_after_days".into(), decoded.days_origin(days_read));
            }
            None => {
                // Removal at download then rests on this assumption alone, days included.
                let reason = format!("{label} wrote no `Leave Mail On Server` value; assumed it removes messages at download (its default).");
                assumptions.push(reason.clone());
                for f in ["leave_on_server", "delete_after_days"] {
                    a.provenance.insert(
                        f.into(),
                        Origin::Assumed {
                            reason: reason.clone(),
                        },
                    );
                }
            }
        }
        a.provenance.insert(
            "delete_when_deleted_locally".into(),
            deleted.map_or_else(default, |(_, l)| at(l)),
        );
        a.provenance.insert("headers_only".into(), default());
        if let Some(anomaly) = &decoded.anomaly {
            let line = expired.map_or(node.line, |(_, l)| l);
            probs.push(Problem::at(
                rel,
                line,
                format!("{label} account `{name}`: {anomaly}"),
            ));
        }
        assumptions.extend(decoded.assumptions);
        a.retention = Some(decoded.retention);
    }
    a.assumptions = assumptions;
    Some(a)
}
