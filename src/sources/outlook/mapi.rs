//! Accounts of a MAPI profile (Outlook 97–365): type from `clsid`, strings as REG_SZ
//! or REG_BINARY, `Leave on Server` bit field, Outlook's defaults for what is absent.

use super::registry::{key_name, Node, Values};
use super::retention::{
    decode_leave_bits, retention, smtp_secure_connection, smtp_ssl_flag, DecodedRetention,
};
use super::transport::{incoming_security, smtp_security};
use crate::model::{
    Access, Auth, Client, Evidence, Fetch, Origin, Outgoing, Problem, Protocol, Security,
};
use crate::sources::regfile::Version;

const CLSID_POP3: &str = "{ed475411-b0d6-11d2-8c3b-00104b2a6676}";
const CLSID_IMAP: &str = "{ed475412-b0d6-11d2-8c3b-00104b2a6676}";
const CLSID_MAPI: &str = "{ed475414-b0d6-11d2-8c3b-00104b2a6676}";
const CLSID_HTTP: &str = "{4db5cbf0-3b77-4852-bc8e-bb81908861f3}";
const CLSID_LDAP: &str = "{4db5cbf2-3b77-4852-bc8e-bb81908861f3}";

/// Outlook's default Send/Receive group; it is not stored in the account key.
const FETCH_ASSUMPTION: &str = "Send/Receive group settings are not part of an account key; assumed Outlook's default group: fetch at start-up and every 30 minutes.";

/// Where a MAPI account key sits and how to name it.
pub(super) struct MapiCtx<'a> {
    /// Report path of the export.
    pub(super) rel: &'a str,
    /// Header of the export (decides how `hex(N)` strings decode).
    pub(super) version: Version,
    /// Profile root label, e.g. `Office 16.0`.
    pub(super) root: &'a str,
    /// Profile name.
    pub(super) profile: &'a str,
    /// Suffix that tells this profile apart from others in the same export.
    pub(super) label: String,
    /// The default profile of this root, when the export names it.
    pub(super) default: Option<String>,
    /// The export holds more than one profile.
    pub(super) many_profiles: bool,
}

/// Resolves one account key of a MAPI profile; `None` for non-mail or unusable keys.
pub(super) fn mapi_account(node: &Node, m: &MapiCtx, probs: &mut Vec<Problem>) -> Option<Access> {
    let vals = Values {
        node,
        rel: m.rel,
        version: m.version,
    };
    let at = |line: u32| Origin::at(m.rel, line);
    let default_outlook = || Origin::ClientDefault {
        client: "outlook".into(),
    };
    let clsid = vals
        .string("clsid", probs)
        .map(|(s, _)| s.to_ascii_lowercase());
    let name = vals
        .string("Account Name", probs)
        .map(|(s, _)| s)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| key_name(&node.path).to_string());
    let pop_server = vals.string("POP3 Server", probs);
    let imap_server = vals.string("IMAP Server", probs);
    let mut assumptions = Vec::new();
    let protocol = match clsid.as_deref() {
        Some(CLSID_POP3) => Protocol::Pop3,
        Some(CLSID_IMAP) => Protocol::Imap,
        Some(CLSID_MAPI) | Some(CLSID_LDAP) => return None,
        other => {
            let kind = match other {
                Some(CLSID_HTTP) => "an HTTP (Hotmail) account".to_string(),
                Some(c) => format!("an account of unknown type {c}"),
                None => "an account without a `clsid` value".to_string(),
            };
            if pop_server.is_some() || imap_server.is_some() {
                let p = if pop_server.is_some() { "POP3" } else { "IMAP" };
                assumptions.push(format!(
                    "Outlook account `{name}` is {kind}; read as {p} because it has a `{p} Server` value."
                ));
                if pop_server.is_some() {
                    Protocol::Pop3
                } else {
                    Protocol::Imap
                }
            } else {
                probs.push(Problem::at(
                    m.rel,
                    node.line,
                    format!("Outlook account `{name}` is {kind}; not audited"),
                ));
                return None;
            }
        }
    };
    let (prefix, server) = if protocol == Protocol::Pop3 {
        ("POP3", pop_server)
    } else {
        ("IMAP", imap_server)
    };
    let Some((host, host_line)) = server.filter(|(h, _)| !h.is_empty()) else {
        probs.push(Problem::at(
            m.rel,
            node.line,
            format!("Outlook {prefix} account `{name}` has no `{prefix} Server` value; skipped"),
        ));
        return None;
    };
    let mut a = Access::new(
        Client::Outlook,
        &format!("{name}{}", m.label),
        protocol,
        Evidence {
            path: m.rel.to_string(),
            line: Some(node.line),
        },
    );
    a.host = host;
    a.provenance.insert("host".into(), at(host_line));

    let email = vals.string("Email", probs).filter(|(e, _)| !e.is_empty());
    match vals.string(&format!("{prefix} User"), probs) {
        Some((u, line)) if !u.is_empty() => {
            a.username = u;
            a.provenance.insert("username".into(), at(line));
        }
        _ => {
            if let Some((e, _)) = &email {
                a.username = e.clone();
                let reason =
                    format!("no `{prefix} User` value; assumed the login is the e-mail address");
                assumptions.push(format!("Outlook wrote {reason}."));
                a.provenance
                    .insert("username".into(), Origin::Assumed { reason });
            } else {
                probs.push(Problem::at(
                    m.rel,
                    node.line,
                    format!("Outlook account `{name}` has neither `{prefix} User` nor `Email`; its mailbox cannot be named"),
                ));
            }
        }
    }
    if let Some((e, _)) = email {
        a.identities.push(e);
    }

    let (plain_port, tls_port) = if protocol == Protocol::Pop3 {
        (110, 995)
    } else {
        (143, 993)
    };
    let port = vals.port(&format!("{prefix} Port"), probs);
    let ssl_key = format!("{prefix} Use SSL");
    let ssl = vals.flag(&ssl_key, probs);
    let sec = incoming_security(
        protocol,
        ssl.map(|(on, l)| (on, at(l))),
        port.map(|(p, _)| p),
        &ssl_key,
        default_outlook(),
    );
    a.security = sec.security;
    a.provenance.insert("security".into(), sec.origin);
    assumptions.extend(sec.note);
    match port {
        Some((p, line)) => {
            a.port = Some(p);
            a.provenance.insert("port".into(), at(line));
        }
        None if a.security == Security::Tls => {
            a.port = Some(tls_port);
            let reason =
                format!("no `{prefix} Port` value with SSL on; assumed the SSL default {tls_port}");
            assumptions.push(format!("Outlook wrote {reason}."));
            a.provenance
                .insert("port".into(), Origin::Assumed { reason });
        }
        None => {
            a.port = Some(plain_port);
            a.provenance.insert("port".into(), default_outlook());
        }
    }
    let spa = vals
        .flag(&format!("{prefix} Use SPA"), probs)
        .or_else(|| vals.flag(&format!("{prefix} Use Sicily"), probs));
    a.auth = if spa.is_some_and(|(on, _)| on) {
        Auth::PasswordEncrypted
    } else {
        Auth::PasswordCleartext
    };
    a.provenance.insert(
        "auth".into(),
        spa.map_or_else(default_outlook, |(_, l)| at(l)),
    );
    a.password_stored = vals.has_password();
    a.fetch = Fetch {
        automatic: true,
        interval_minutes: Some(30),
        at_startup: true,
    };
    a.provenance.insert(
        "fetch".into(),
        Origin::Assumed {
            reason: FETCH_ASSUMPTION.into(),
        },
    );
    assumptions.push(FETCH_ASSUMPTION.into());

    if let Some(o) = mapi_outgoing(&vals, a.auth, &mut assumptions, probs) {
        a.outgoing.push(o);
    }

    if protocol == Protocol::Pop3 {
        let decoded = match vals.dword("Leave on Server", probs) {
            Some((bits, line)) => {
                let d = decode_leave_bits(bits);
                if m.root.starts_with("Windows Messaging") {
                    // No export of these versions was ever seen: the reading of every bit is borrowed.
                    let reason = format!("Outlook 2010 and older are assumed to store `Leave on Server` (line {line}) like Outlook 2013 and later, which is not confirmed for those versions.");
                    for f in [
                        "leave_on_server",
                        "delete_after_days",
                        "delete_when_deleted_locally",
                    ] {
                        a.provenance.insert(
                            f.into(),
                            Origin::Assumed {
                                reason: reason.clone(),
                            },
                        );
                    }
                    if let Some(days) = &d.days_assumed {
                        a.provenance.insert(
                            "delete_after_days".into(),
                            Origin::Assumed {
                                reason: format!("{reason} {days}"),
                            },
                        );
                    }
                    assumptions.push(reason);
                } else {
                    a.provenance.insert("leave_on_server".into(), at(line));
                    a.provenance
                        .insert("delete_after_days".into(), d.days_origin(at(line)));
                    a.provenance
                        .insert("delete_when_deleted_locally".into(), at(line));
                }
                if let Some(anomaly) = &d.anomaly {
                    probs.push(Problem::at(
                        m.rel,
                        line,
                        format!("Outlook account `{name}`: {anomaly}"),
                    ));
                }
                d
            }
            None => {
                let reason = "Outlook wrote no `Leave on Server` value; assumed it removes messages at download (Outlook's classic default).".to_string();
                for f in [
                    "leave_on_server",
                    "delete_after_days",
                    "delete_when_deleted_locally",
                ] {
                    a.provenance.insert(
                        f.into(),
                        Origin::Assumed {
                            reason: reason.clone(),
                        },
                    );
                }
                DecodedRetention {
                    retention: retention(false, None, false),
                    assumptions: vec![reason],
                    anomaly: None,
                    days_assumed: None,
                }
            }
        };
        a.provenance
            .insert("headers_only".into(), default_outlook());
        assumptions.extend(decoded.assumptions);
        a.retention = Some(decoded.retention);
        let foreign: Vec<&str> = [
            "Leave Mail On Server",
            "Remove When Deleted",
            "Remove When Expired",
            "Expire Days",
        ]
        .into_iter()
        .filter(|n| node.get(n).is_some())
        .collect();
        if !foreign.is_empty() {
            assumptions.push(format!(
                "Values with Outlook Express names ({}) are in this Outlook profile key; Outlook does not read them, so they were ignored.",
                foreign.join(", ")
            ));
        }
    }

    if let Some(default) = &m.default {
        if !default.eq_ignore_ascii_case(m.profile) {
            assumptions.push(format!(
                "Outlook profile `{}` is not the default profile (`{default}`); its accounts are fetched only when Outlook is started with it.",
                m.profile
            ));
        }
    } else if m.many_profiles {
        assumptions.push("The export does not say which Outlook profile is the default; every profile is assumed to be in use.".into());
    }
    a.assumptions = assumptions;
    Some(a)
}

fn mapi_outgoing(
    vals: &Values,
    incoming_auth: Auth,
    assumptions: &mut Vec<String>,
    probs: &mut Vec<Problem>,
) -> Option<Outgoing> {
    let (host, line) = vals
        .string("SMTP Server", probs)
        .filter(|(h, _)| !h.is_empty())?;
    let port = vals.port("SMTP Port", probs).map_or(25, |(p, _)| p);
    let stated = match vals.dword("SMTP Secure Connection", probs) {
        Some((v, _)) => Some(smtp_secure_connection(v, port)),
        None => vals
            .flag("SMTP Use SSL", probs)
            .map(|(on, _)| smtp_ssl_flag(on, port)),
    };
    let (security, notes) = smtp_security(stated, port);
    assumptions.extend(notes);
    let uses_auth = vals.flag("SMTP Use Auth", probs).is_some_and(|(on, _)| on);
    let spa = vals.flag("SMTP Use SPA", probs).is_some_and(|(on, _)| on);
    let auth = match (uses_auth, spa) {
        (false, _) => Auth::None,
        (true, true) => Auth::PasswordEncrypted,
        (true, false) => {
            if incoming_auth == Auth::PasswordEncrypted {
                Auth::PasswordEncrypted
            } else {
                Auth::PasswordCleartext
            }
        }
    };
    Some(Outgoing {
        host,
        port: Some(port),
        security,
        auth,
        source: Some(Evidence {
            path: vals.rel.to_string(),
            line: Some(line),
        }),
    })
}
