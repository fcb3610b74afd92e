//! Pre-migration checklist: for every device reading a mailbox of the new host's domains,
//! what must change (host, port, security, auth, username) and what a device set up anew keeps.

use crate::assemble::Model;
use crate::model::{
    normalize_host, Access, Effect, Lang, Problem, Protocol, ProviderProfile, ProviderRetention,
    ProviderServer,
};
use crate::provider::{covering_domain, fill, preferred};
use crate::report::i18n::assumptions::localize;
use crate::scan::{build_model, ScanError, SCHEMA};
use crate::sources::{autoconfig, autodiscover, xml};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One setting that differs between what a device uses and what the new host hands out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub field: String,
    pub from: String,
    pub to: String,
}

/// One access to a mailbox on the new host's domains, and what has to change on it.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub device: String,
    pub client: String,
    pub account: String,
    pub mailbox: String,
    /// The address the placeholders were filled with.
    pub address: String,
    pub changes: Vec<Change>,
    /// What a POP3 device set up anew from the profile keeps; `None` when not POP3 or not said.
    /// Not a change: the devices keep their own setting unless someone changes it.
    pub new_retention: Option<ProviderRetention>,
    /// What this device does to server copies now, for the renderers.
    #[serde(skip)]
    pub now_effect: Option<Effect>,
    /// Plain sentences about what had to be assumed or cannot be told from the file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// What `mailaudit migrate` prints.
#[derive(Debug, Serialize)]
pub struct Migration {
    pub schema: &'static str,
    pub migration: Vec<Step>,
    /// The new host's profile the devices were compared with.
    pub provider: ProviderProfile,
    pub problems: Vec<Problem>,
}

/// Why a checklist could not be made at all.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error(transparent)]
    Scan(#[from] ScanError),
    #[error("{}", problem_text(.0))]
    Profile(Problem),
}

fn problem_text(p: &Problem) -> String {
    match p.line {
        Some(l) => format!("{}:{l}: {}", p.path, p.message),
        None => format!("{}: {}", p.path, p.message),
    }
}

/// Reads the new host's file: an autoconfig `clientConfig` or an Autodiscover response.
pub fn load_profile(path: &Path) -> Result<ProviderProfile, Problem> {
    let shown = path.display().to_string();
    let bytes =
        crate::sources::read_capped(path).map_err(|reason| Problem::file(&shown, reason))?;
    let (text, _) = xml::decode(&bytes[..bytes.len().min(4096)]);
    if text.to_lowercase().contains("<autodiscover") {
        autodiscover::parse_profile(&bytes, &shown)
    } else {
        autoconfig::parse_profile(&bytes, &shown)
    }
}

/// Scans `paths` and compares every matching access with the profile in `to`.
pub fn migrate(
    paths: &[PathBuf],
    site: Option<&Path>,
    to: &Path,
) -> Result<Migration, MigrateError> {
    let mut provider = load_profile(to).map_err(MigrateError::Profile)?;
    let mut model = build_model(paths, site)?;
    // Where the renderers will take over, each localizing in the language asked for.
    localize(
        &mut model.accesses,
        std::slice::from_mut(&mut provider),
        Lang::En,
    );
    Ok(Migration {
        schema: SCHEMA,
        migration: steps(&model, &provider),
        problems: model.problems.clone(),
        provider,
    })
}

/// The checklist for a model: one step per access on one of the profile's domains.
pub fn steps(model: &Model, provider: &ProviderProfile) -> Vec<Step> {
    model
        .accesses
        .iter()
        .filter_map(|a| {
            let domain = covering_domain(provider, &a.mailbox, &a.host)?;
            Some(step(a, provider, domain))
        })
        .collect()
}

fn step(a: &Access, provider: &ProviderProfile, domain: &str) -> Step {
    let mut notes = Vec::new();
    let address = address_of(a, domain, &mut notes);
    let mut changes = Vec::new();
    let current = protocol_name(a.protocol);
    let server = preferred(provider, current)
        .or_else(|| {
            provider
                .incoming
                .iter()
                .find(|s| matches!(s.kind.as_str(), "pop3" | "imap"))
        })
        .or_else(|| provider.incoming.first());
    let mut new_retention = None;
    match server {
        Some(s) => {
            if s.kind != current {
                changes.push(change("protocol", current, &s.kind));
                notes.push(format!(
                    "the new host offers no {current}; a device set up anew uses {} and keeps its mail there",
                    s.kind
                ));
            }
            compare_server(
                "",
                &a.host,
                a.port,
                a.security.name(),
                a.auth.name(),
                s,
                &address,
                &mut changes,
            );
            compare_username(&a.username, s, &address, &mut changes);
            if s.kind == "pop3" {
                new_retention = new_retention_of(provider, &mut notes);
            }
        }
        None => notes.push("the new host's file offers no incoming server".to_string()),
    }
    if let (Some(out), Some(new_out)) = (a.outgoing.first(), provider.outgoing.first()) {
        compare_server(
            "outgoing_",
            &out.host,
            out.port,
            out.security.name(),
            out.auth.name(),
            new_out,
            &address,
            &mut changes,
        );
    }
    Step {
        device: a.device.clone(),
        client: a.client.name().to_string(),
        account: a.account.clone(),
        mailbox: a.mailbox.clone(),
        address,
        changes,
        new_retention,
        now_effect: a.effect(),
        notes,
    }
}

/// The address the profile's placeholders stand for on this access.
fn address_of(a: &Access, domain: &str, notes: &mut Vec<String>) -> String {
    if a.mailbox.rsplit_once('@').is_some_and(|(_, d)| d == domain) {
        return a.mailbox.clone();
    }
    let on_domain = |addr: &&String| {
        addr.rsplit_once('@')
            .is_some_and(|(_, d)| normalize_host(d) == domain)
    };
    if let Some(id) = a.identities.iter().find(on_domain) {
        return id.to_lowercase();
    }
    let local = a
        .username
        .split('@')
        .next()
        .unwrap_or("")
        .trim()
        .to_lowercase();
    let address = format!("{local}@{domain}");
    notes.push(format!(
        "no address on {domain} is set up on this account; {address} was assumed from the login name"
    ));
    address
}

fn protocol_name(p: Protocol) -> &'static str {
    match p {
        Protocol::Pop3 => "pop3",
        Protocol::Imap => "imap",
        Protocol::Exchange => "exchange",
        Protocol::Unknown => "unknown",
    }
}

#[allow(clippy::too_many_arguments)]
fn compare_server(
    prefix: &str,
    host: &str,
    port: Option<u16>,
    security: &str,
    auth: &str,
    new: &ProviderServer,
    address: &str,
    changes: &mut Vec<Change>,
) {
    let new_host = normalize_host(&fill(&new.host, address));
    if normalize_host(host) != new_host {
        changes.push(change(&format!("{prefix}host"), host, &new_host));
    }
    if let Some(np) = new.port {
        if port != Some(np) {
            let from = port
                .map(|p| p.to_string())
                .unwrap_or_else(|| "not set".into());
            changes.push(change(&format!("{prefix}port"), &from, &np.to_string()));
        }
    }
    if let Some(ns) = new.security {
        if security != ns.name() {
            changes.push(change(&format!("{prefix}security"), security, ns.name()));
        }
    }
    // A method the new host still accepts needs no change, even when it lists another first.
    if let Some(first) = new.auth.first() {
        if !new.auth.iter().any(|m| m == auth) {
            changes.push(change(&format!("{prefix}auth"), auth, first));
        }
    }
}

fn compare_username(current: &str, new: &ProviderServer, address: &str, changes: &mut Vec<Change>) {
    let Some(form) = &new.username else { return };
    let wanted = fill(form, address);
    if !current.trim().eq_ignore_ascii_case(&wanted) {
        changes.push(change("username", current, &wanted));
    }
}

/// The retention a POP3 device set up anew gets, or a note that the file does not say.
fn new_retention_of(
    provider: &ProviderProfile,
    notes: &mut Vec<String>,
) -> Option<ProviderRetention> {
    if provider.pop3_retention.is_none() {
        notes.push(
            "the new host's file says nothing about keeping POP3 mail on the server; a device set up anew keeps what its mail program does by default"
                .to_string(),
        );
    }
    provider.pop3_retention.clone()
}

fn change(field: &str, from: &str, to: &str) -> Change {
    Change {
        field: field.to_string(),
        from: from.to_string(),
        to: to.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Client, Evidence, Outgoing, Retention, Security};

    fn access(mailbox: &str, host: &str, user: &str) -> Access {
        let mut a = Access::new(
            Client::Thunderbird,
            "account1",
            Protocol::Pop3,
            Evidence {
                path: "PC-A/prefs.js".into(),
                line: Some(1),
            },
        );
        a.device = "PC-A".into();
        a.mailbox = mailbox.into();
        a.host = host.into();
        a.username = user.into();
        a.port = Some(110);
        a.security = Security::None;
        a.auth = crate::model::Auth::PasswordCleartext;
        a.retention = Some(Retention {
            leave_on_server: true,
            delete_after_days: None,
            delete_when_deleted_locally: false,
            headers_only: false,
            size_limit_kib: None,
        });
        a
    }

    fn profile() -> ProviderProfile {
        autoconfig::parse_profile(
            br#"<clientConfig version="1.1"><emailProvider id="example.co.jp">
<domain>example.co.jp</domain>
<incomingServer type="imap"><hostname>imap.newhost.example</hostname><port>993</port>
 <socketType>SSL</socketType><authentication>OAuth2</authentication><authentication>password-cleartext</authentication>
 <username>%EMAILADDRESS%</username></incomingServer>
<incomingServer type="pop3"><hostname>pop.newhost.example</hostname><port>995</port>
 <socketType>SSL</socketType><authentication>password-encrypted</authentication>
 <username>%EMAILADDRESS%</username></incomingServer>
<outgoingServer type="smtp"><hostname>smtp.newhost.example</hostname><port>587</port>
 <socketType>STARTTLS</socketType><authentication>password-cleartext</authentication>
 <username>%EMAILADDRESS%</username></outgoingServer>
</emailProvider></clientConfig>"#,
            "new.xml",
        )
        .unwrap()
    }

    fn fields(s: &Step) -> Vec<(&str, &str, &str)> {
        s.changes
            .iter()
            .map(|c| (c.field.as_str(), c.from.as_str(), c.to.as_str()))
            .collect()
    }

    #[test]
    fn pop3_access_against_the_pop3_offer() {
        let mut a = access("info@pop.example.co.jp", "pop.example.co.jp", "info");
        a.identities = vec!["Info@Example.co.jp".into()];
        a.outgoing.push(Outgoing {
            host: "smtp.newhost.example".into(),
            port: Some(587),
            security: Security::Starttls,
            auth: crate::model::Auth::PasswordCleartext,
            source: None,
        });
        let s = step(&a, &profile(), "example.co.jp");
        assert_eq!(s.address, "info@example.co.jp");
        assert_eq!(
            fields(&s),
            [
                ("host", "pop.example.co.jp", "pop.newhost.example"),
                ("port", "110", "995"),
                ("security", "none", "tls"),
                ("auth", "password-cleartext", "password-encrypted"),
                ("username", "info", "info@example.co.jp"),
            ]
        );
        assert_eq!(
            s.new_retention.as_ref().unwrap().delete_after_days,
            Some(14)
        );
    }

    #[test]
    fn accepted_auth_and_same_values_are_no_change() {
        let mut a = access(
            "info@example.co.jp",
            "IMAP.newhost.example.",
            "info@example.co.jp",
        );
        a.protocol = Protocol::Imap;
        a.retention = None;
        a.port = Some(993);
        a.security = Security::Tls;
        let s = step(&a, &profile(), "example.co.jp");
        assert!(s.changes.is_empty(), "{:?}", s.changes);
        assert!(s.new_retention.is_none());
    }

    #[test]
    fn exchange_access_is_told_the_protocol_changes() {
        let mut a = access(
            "info@example.co.jp",
            "mail.example.co.jp",
            "info@example.co.jp",
        );
        a.protocol = Protocol::Exchange;
        let s = step(&a, &profile(), "example.co.jp");
        assert_eq!(s.changes[0], change("protocol", "exchange", "imap"));
        assert!(!s.notes.is_empty());
    }

    #[test]
    fn address_from_login_is_an_assumption() {
        let a = access("info@pop.example.co.jp", "pop.example.co.jp", "info");
        let s = step(&a, &profile(), "example.co.jp");
        assert_eq!(s.address, "info@example.co.jp");
        assert!(s.notes.iter().any(|n| n.contains("assumed")));
    }
}
