//! Accounts of a MAPI profile (Outlook 97–365): type from `clsid`, strings as REG_SZ
//! or REG_BINARY, `Leave on Server` bit field, Outlook's defaults for what is absent.

use super::account::{
    assume_fields, assume_removal, leave_bits, set_retention, AccountFacts, FetchFacts, Named,
    Origins, SmtpAuth, SmtpFacts, RETENTION_FIELDS,
};
use super::registry::{key_name, Node, Values};
use super::retention::{smtp_secure_connection, smtp_ssl_flag};
use crate::model::assumption::{AccountType, Writer};
use crate::model::{Access, Assumption, Client, Field, Location, Problem, ProblemKind, Protocol};
use crate::sources::regfile::Version;

const CLSID_POP3: &str = "{ed475411-b0d6-11d2-8c3b-00104b2a6676}";
const CLSID_IMAP: &str = "{ed475412-b0d6-11d2-8c3b-00104b2a6676}";
const CLSID_MAPI: &str = "{ed475414-b0d6-11d2-8c3b-00104b2a6676}";
const CLSID_HTTP: &str = "{4db5cbf0-3b77-4852-bc8e-bb81908861f3}";
const CLSID_LDAP: &str = "{4db5cbf2-3b77-4852-bc8e-bb81908861f3}";

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
    let mut notes = Vec::new();
    let protocol = match clsid.as_deref() {
        Some(CLSID_POP3) => Protocol::Pop3,
        Some(CLSID_IMAP) => Protocol::Imap,
        Some(CLSID_MAPI) | Some(CLSID_LDAP) => return None,
        other => {
            let account_type = match other {
                Some(CLSID_HTTP) => AccountType::Http,
                Some(c) => AccountType::Unknown {
                    clsid: c.to_string(),
                },
                None => AccountType::Missing,
            };
            if pop_server.is_some() || imap_server.is_some() {
                let protocol = if pop_server.is_some() {
                    Protocol::Pop3
                } else {
                    Protocol::Imap
                };
                notes.push(Assumption::OutlookOddType {
                    account: name.clone(),
                    account_type,
                    protocol,
                });
                protocol
            } else {
                probs.push(Problem::new(
                    Location::at(m.rel, node.line),
                    ProblemKind::OutlookTypeNotAudited {
                        account: name.clone(),
                        account_type,
                    },
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
    let Some(host) = server.filter(|(h, _)| !h.is_empty()) else {
        probs.push(Problem::new(
            Location::at(m.rel, node.line),
            ProblemKind::OutlookNoServer {
                account: name.clone(),
                prefix: prefix.to_string(),
            },
        ));
        return None;
    };
    let o = Origins {
        rel: m.rel,
        client: "outlook",
    };
    let email = vals.string("Email", probs).filter(|(e, _)| !e.is_empty());
    let username = vals
        .string(&format!("{prefix} User"), probs)
        .filter(|(u, _)| !u.is_empty());
    if username.is_none() && email.is_none() {
        probs.push(Problem::new(
            Location::at(m.rel, node.line),
            ProblemKind::OutlookNoLogin {
                account: name.clone(),
                prefix: prefix.to_string(),
            },
        ));
    }
    let port = vals.port(&format!("{prefix} Port"), probs);
    let ssl_key = format!("{prefix} Use SSL");
    let ssl = vals.flag(&ssl_key, probs);
    let spa = vals
        .flag(&format!("{prefix} Use SPA"), probs)
        .or_else(|| vals.flag(&format!("{prefix} Use Sicily"), probs));
    let mut a = AccountFacts {
        origins: o,
        client: Client::Outlook,
        account: format!("{name}{}", m.label),
        protocol,
        line: node.line,
        host,
        writer: Writer::Outlook,
        notes,
        email,
        username,
        username_key: format!("{prefix} User"),
        port,
        ssl,
        ssl_key,
        tls_port_key: Some(format!("{prefix} Port")),
        spa,
        password_stored: vals.has_password(),
        fetch: FetchFacts::assumed(Assumption::OutlookSendReceive, None),
        smtp: mapi_outgoing(&vals, probs),
    }
    .resolve();

    if protocol == Protocol::Pop3 {
        let decoded = match vals.dword("Leave on Server", probs) {
            Some((bits, line)) => {
                let named = Named {
                    program: Some("Outlook"),
                    account: &name,
                };
                let d = leave_bits(&mut a, m.rel, (bits, line), named, probs);
                if m.root.starts_with("Windows Messaging") {
                    // No export of these versions was ever seen: the reading of every bit is borrowed.
                    let reason = Assumption::OldOutlookLeaveBits { line, then: None };
                    assume_fields(&mut a, &RETENTION_FIELDS, &reason);
                    if let Some(days) = &d.days_assumed {
                        let both = Assumption::OldOutlookLeaveBits {
                            line,
                            then: Some(Box::new(days.clone())),
                        };
                        assume_fields(&mut a, &[Field::DeleteAfterDays], &both);
                    }
                    a.assumptions.push(reason);
                }
                d
            }
            None => assume_removal(&mut a, Assumption::OutlookNoLeaveOnServer),
        };
        set_retention(&mut a, o, decoded);
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
            a.assumptions.push(Assumption::OutlookForeignValues {
                names: foreign.iter().map(|n| n.to_string()).collect(),
            });
        }
    }

    if let Some(default) = &m.default {
        if !default.eq_ignore_ascii_case(m.profile) {
            a.assumptions.push(Assumption::OutlookNotDefaultProfile {
                profile: m.profile.to_string(),
                default: default.clone(),
            });
        }
    } else if m.many_profiles {
        a.assumptions.push(Assumption::OutlookDefaultProfileUnknown);
    }
    Some(a)
}

/// The outgoing server of a MAPI account key, if it names one.
fn mapi_outgoing(vals: &Values, probs: &mut Vec<Problem>) -> Option<SmtpFacts> {
    let host = vals
        .string("SMTP Server", probs)
        .filter(|(h, _)| !h.is_empty())?;
    let port = vals.port("SMTP Port", probs).map_or(25, |(p, _)| p);
    let stated = match vals.dword("SMTP Secure Connection", probs) {
        Some((v, _)) => Some(smtp_secure_connection(v, port)),
        None => vals
            .flag("SMTP Use SSL", probs)
            .map(|(on, _)| smtp_ssl_flag(on, port)),
    };
    let uses_auth = vals.flag("SMTP Use Auth", probs).is_some_and(|(on, _)| on);
    let spa = vals.flag("SMTP Use SPA", probs).is_some_and(|(on, _)| on);
    Some(SmtpFacts {
        host,
        port,
        stated,
        auth: SmtpAuth::from_flags(uses_auth, spa),
    })
}
