//! Identities (sender addresses) and the SMTP servers they send through.

use super::fields::{auth_of, empty, note};
use super::prefstore::{PrefStore, Ty};
use crate::model::{Access, Field, Outgoing, Security};
use crate::sources::prefs::Value;
use std::collections::HashSet;

/// Sender addresses of the account's identities and the SMTP servers they send through.
pub(super) fn resolve_identities(store: &PrefStore, acct: &str, a: &mut Access) {
    let Some((ids, _)) = store.string(&format!("mail.account.{acct}.identities")) else {
        return;
    };
    let mut seen = HashSet::new();
    for id in ids.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        if !seen.insert(id.to_string()) {
            continue;
        }
        if let Some((email, set)) = store.string(&format!("mail.identity.{id}.useremail")) {
            let email = email.trim().to_string();
            if !email.is_empty() && !a.identities.contains(&email) {
                // The sender address a rule names points at the line that sets it.
                a.provenance
                    .entry(Field::Identity(email.clone()))
                    .or_insert_with(|| store.origin(set));
                a.identities.push(email);
            }
        }
        let smtp_key = store
            .string(&format!("mail.identity.{id}.smtpServer"))
            .map(|(k, _)| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .or_else(|| default_smtp(store));
        let Some(smtp_key) = smtp_key else { continue };
        if let Some(o) = outgoing(store, &smtp_key, a) {
            if !a
                .outgoing
                .iter()
                .any(|x| x.host == o.host && x.port == o.port)
            {
                a.outgoing.push(o);
            }
        }
    }
}

/// `mail.smtp.defaultserver`, else the first of `mail.smtpservers`.
fn default_smtp(store: &PrefStore) -> Option<String> {
    store
        .string("mail.smtp.defaultserver")
        .map(|(k, _)| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .or_else(|| {
            store.string("mail.smtpservers").and_then(|(list, _)| {
                list.split(',')
                    .map(str::trim)
                    .find(|k| !k.is_empty())
                    .map(str::to_string)
            })
        })
}

/// One `mail.smtpserver.<key>.*` server; the port defaults to 465 with TLS, else 587.
fn outgoing(store: &PrefStore, key: &str, a: &mut Access) -> Option<Outgoing> {
    let smtp = |name: &str, ty: Ty, fallback: Value| {
        store.resolve("mail.smtpserver", key, name, ty, fallback)
    };
    let host_r = smtp("hostname", Ty::Str, empty());
    let host = host_r.text().trim().to_string();
    if host.is_empty() {
        return None;
    }
    let ssl_r = smtp("try_ssl", Ty::Int, Value::Int(0));
    let port_r = smtp("port", Ty::Int, Value::Int(0));
    let auth_r = smtp("authMethod", Ty::Int, Value::Int(3));
    for r in [&host_r, &ssl_r, &port_r, &auth_r] {
        note(a, r.notes.iter().cloned());
    }
    let ssl = ssl_r.int();
    let port = match u16::try_from(port_r.int()) {
        Ok(p) if p > 0 => p,
        _ if ssl == 3 => 465,
        _ => 587,
    };
    let security = match ssl {
        1 | 2 => Security::Starttls,
        3 => Security::Tls,
        _ => Security::None,
    };
    Some(Outgoing {
        host,
        port: Some(port),
        security,
        auth: auth_of(auth_r.int()),
        source: host_r.origin.evidence(),
    })
}
