//! One account's incoming server: protocol, host, login, port, security, authentication.

use super::fields::{auth_of, client_default, empty, note, push_problem, set_field};
use super::prefstore::{self, PrefStore, Resolved, Ty};
use super::{outgoing, retention};
use crate::model::{
    Access, Assumption, Client, Evidence, Field, Origin, ProblemKind, Protocol, Security,
};
use crate::sources::prefs::Value;
use crate::sources::Readout;

/// One account's incoming server, resolved; `None` for servers that are no mailbox
/// (Local Folders, feeds, news) or that Thunderbird could not load.
pub(super) fn resolve_account(
    store: &PrefStore,
    acct: &str,
    key: &str,
    account_origin: &Origin,
    out: &mut Readout,
) -> Option<Access> {
    let srv =
        |name: &str, ty: Ty, fallback: Value| store.resolve("mail.server", key, name, ty, fallback);
    let type_r = srv("type", Ty::Str, empty());
    let kind = type_r.text();
    let (protocol, unknown_type) = match kind.as_str() {
        "pop3" => (Protocol::Pop3, false),
        "imap" => (Protocol::Imap, false),
        "ews" | "graph" => (Protocol::Exchange, false),
        "none" | "rss" | "nntp" | "movemail" => return None,
        "" => {
            push_problem(
                &mut out.problems,
                account_origin,
                ProblemKind::ServerNoType {
                    account: acct.to_string(),
                    server: key.to_string(),
                },
            );
            return None;
        }
        _ => (Protocol::Unknown, true),
    };
    let host_r = srv("hostname", Ty::Str, empty());
    let mut host = host_r.text().trim().to_string();
    if host.is_empty() {
        push_problem(
            &mut out.problems,
            account_origin,
            ProblemKind::ServerNoHost {
                account: acct.to_string(),
                server_type: kind.to_string(),
                server: key.to_string(),
            },
        );
        return None;
    }
    let source = type_r
        .origin
        .evidence()
        .or_else(|| host_r.origin.evidence())
        .or_else(|| account_origin.evidence())
        .unwrap_or(Evidence {
            path: String::new(),
            line: None,
            col: None,
        });
    let mut a = Access::new(Client::Thunderbird, acct, protocol, source);
    if unknown_type {
        a.assumptions.push(Assumption::TbUnknownServerType {
            key: key.to_string(),
            server_type: kind.clone(),
        });
    }

    // Thunderbird moves a port written as `host:port` into the port pref when it reads the host.
    let mut port_in_host = None;
    if host.matches(':').count() == 1 {
        if let Some((h, p)) = host.split_once(':') {
            if let Ok(n) = p.trim().parse::<u16>() {
                port_in_host = Some(n);
                host = h.to_string();
            }
        }
    }
    a.host = host;
    set_field(&mut a, Field::Host, &host_r);

    // The name the folder pane shows; people know the account by it, not by `account2`.
    a.name = store
        .string(&format!("mail.server.{key}.name"))
        .map(|(n, _)| n.trim().to_string())
        .filter(|n| !n.is_empty());
    let user_r = srv("userName", Ty::Str, empty());
    a.username = user_r.text();
    set_field(&mut a, Field::Username, &user_r);
    if a.username.trim().is_empty() {
        a.assumptions.push(Assumption::TbNoUserName {
            key: key.to_string(),
        });
    }

    let socket = socket_type(store, key, &mut a);
    resolve_port(
        &srv("port", Ty::Int, Value::Int(0)),
        port_in_host,
        socket,
        &host_r,
        &mut a,
    );

    let auth_r = srv("authMethod", Ty::Int, Value::Int(3));
    a.auth = auth_of(auth_r.int());
    set_field(&mut a, Field::Auth, &auth_r);

    retention::resolve_fetch(store, key, &mut a);
    if protocol == Protocol::Pop3 {
        a.retention = Some(retention::resolve_retention(store, key, &mut a));
    }
    outgoing::resolve_identities(store, acct, &mut a);
    Some(a)
}

/// `socketType`, else the server's legacy `isSecure`, else the default branch's `socketType`
/// (`MsgIncomingServer.sys.mjs get socketType`: `isSecure` is read on the server only).
fn socket_type(store: &PrefStore, key: &str, a: &mut Access) -> i32 {
    let own_name = format!("mail.server.{key}.socketType");
    let (value, origin, mut notes) =
        if let Some(s) = store.own("mail.server", key, "socketType", Ty::Int) {
            let Value::Int(v) = s.value else {
                unreachable!("own() checked the type")
            };
            (v, store.origin(s), Vec::new())
        } else if let Some(s) = store
            .own("mail.server", key, "isSecure", Ty::Bool)
            .filter(|s| s.value == Value::Bool(true))
        {
            (3, store.origin(s), Vec::new())
        } else {
            let r = store.default_value("mail.server", "socketType", Ty::Int, Value::Int(0));
            let mut notes = r.notes.clone();
            if let Some(s) = store.last(&own_name) {
                notes.insert(
                    0,
                    Assumption::TbValueIgnoredDefault {
                        pref: own_name.clone(),
                        value: prefstore::typed(&s.value),
                        default: r.int().to_string(),
                    },
                );
            }
            (r.int(), r.origin, notes)
        };
    a.security = match value {
        0 => Security::None,
        1 => {
            notes.push(Assumption::TbTryStarttls { pref: own_name });
            Security::Starttls
        }
        2 => Security::Starttls,
        3 => Security::Tls,
        other => {
            notes.push(Assumption::TbUnknownSocketType {
                pref: own_name,
                value: other,
            });
            Security::None
        }
    };
    a.provenance.insert(Field::Security, origin);
    note(a, notes);
    value
}

/// A stored port ≤ 1 means "the protocol's default", chosen by `socketType == 3` only.
fn resolve_port(
    port_r: &Resolved<Value>,
    port_in_host: Option<u16>,
    socket: i32,
    host_r: &Resolved<Value>,
    a: &mut Access,
) {
    if let Some(p) = port_in_host {
        a.port = Some(p);
        a.provenance.insert(Field::Port, host_r.origin.clone());
        return;
    }
    note(a, port_r.notes.iter().cloned());
    let stored = port_r.int();
    if stored > 1 {
        match u16::try_from(stored) {
            Ok(p) => {
                a.port = Some(p);
                a.provenance.insert(Field::Port, port_r.origin.clone());
            }
            Err(_) => {
                a.assumptions
                    .push(Assumption::TbInvalidPort { port: stored });
                a.provenance.insert(Field::Port, port_r.origin.clone());
            }
        }
        return;
    }
    let security = if socket == 3 {
        crate::model::Security::Tls
    } else {
        crate::model::Security::None
    };
    a.port = crate::sources::ports::standard_port(a.protocol, security);
    if a.port.is_some() {
        a.provenance.insert(Field::Port, client_default());
    }
}
