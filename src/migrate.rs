//! Pre-migration checklist: for every device reading a mailbox of the new host's domains,
//! what must change (host, port, security, auth, username) and what a device set up anew keeps.

use crate::assemble::Model;
use crate::model::{
    normalize_host, Access, Auth, Effect, Problem, Protocol, ProviderProfile, ProviderRetention,
    ProviderServer, Security,
};
use crate::provider::{effect, fill, preferred, DomainIndex};
use crate::scan::{build_model, ScanError, SCHEMA};
use crate::sources::{autoconfig, autodiscover, xml};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A setting a migration step changes. JSON spells it in snake_case (`outgoing_port`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The kind of incoming server: POP3, IMAP, Exchange.
    Protocol,
    /// The incoming server's host name.
    Host,
    /// The incoming server's port.
    Port,
    /// The incoming connection's encryption.
    Security,
    /// How the incoming server checks the login.
    Auth,
    /// The login name.
    Username,
    /// The outgoing (SMTP) server's host name.
    OutgoingHost,
    /// The outgoing server's port.
    OutgoingPort,
    /// The outgoing connection's encryption.
    OutgoingSecurity,
    /// How the outgoing server checks the sender.
    OutgoingAuth,
}

/// An authentication method, as the model spells it, plus the ones only a profile offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    /// One the model knows (never `Auth::Unknown`: an unknown method is no value).
    Known(Auth),
    /// The server trusts the sender's network address.
    ClientIpAddress,
    /// SMTP is allowed for a while after a POP3 login ("POP before SMTP").
    SmtpAfterPop,
    /// A method the profile names that no format defines; kept as written.
    Other(String),
}

impl Method {
    /// The method a profile's (already normalised) authentication name stands for.
    pub fn from_profile(name: &str) -> Self {
        match name {
            "password-cleartext" => Method::Known(Auth::PasswordCleartext),
            "password-encrypted" => Method::Known(Auth::PasswordEncrypted),
            "oauth2" => Method::Known(Auth::Oauth2),
            "gssapi" => Method::Known(Auth::Gssapi),
            "ntlm" => Method::Known(Auth::Ntlm),
            "client-cert" => Method::Known(Auth::ClientCert),
            "none" => Method::Known(Auth::None),
            "client-ip-address" => Method::ClientIpAddress,
            "smtp-after-pop" => Method::SmtpAfterPop,
            other => Method::Other(other.to_string()),
        }
    }

    /// The JSON spelling: the model's for the methods it knows, the profile's otherwise.
    pub fn name(&self) -> &str {
        match self {
            Method::Known(a) => a.name(),
            Method::ClientIpAddress => "client-ip-address",
            Method::SmtpAfterPop => "smtp-after-pop",
            Method::Other(s) => s,
        }
    }
}

impl Serialize for Method {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A setting's value, typed as the model types it; JSON writes it bare (a string or a number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A host name or a login name, as written.
    Text(String),
    /// A port number; a number in JSON.
    Port(u16),
    /// An encryption: `tls`, `starttls` or `none`.
    Security(Security),
    /// An authentication method.
    Auth(Method),
    /// A server type in the profile's spelling: `pop3`, `imap`, `exchange` …
    Protocol(String),
}

/// One setting that differs between what a device uses and what the new host hands out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The setting.
    pub field: Field,
    /// `None` (JSON null) when the device's files do not set it or do not say.
    pub from: Option<Value>,
    /// What the new host's file hands out.
    pub to: Value,
}

/// Something had to be assumed, or cannot be told from the new host's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Note {
    /// The new host offers no server of the device's protocol; a new device uses `offered`.
    ProtocolNotOffered { now: String, offered: String },
    /// No address on the domain is set up on the account; `address` was made from the login.
    AddressAssumed { domain: String, address: String },
    /// The new host's file lists no incoming server at all.
    NoIncomingServer,
    /// The file does not say how long a POP3 device set up anew keeps mail on the server.
    Pop3RetentionUnsaid,
}

/// What a POP3 retention does to the server copies, for JSON: `{"effect": "keeps-days", "days": 3}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "effect", rename_all = "kebab-case")]
pub enum EffectKind {
    /// Removes every message it downloads, at once.
    RemovesAtDownload,
    /// Keeps each message `days` after its own download.
    KeepsDays { days: i64 },
    /// Keeps until the local user deletes it.
    KeepsUntilDeleted,
    /// Never removes anything.
    KeepsForever,
}

impl From<Effect> for EffectKind {
    fn from(e: Effect) -> Self {
        match e {
            Effect::RemovesAtDownload => EffectKind::RemovesAtDownload,
            Effect::KeepsDays(days) => EffectKind::KeepsDays { days },
            Effect::KeepsUntilDeleted => EffectKind::KeepsUntilDeleted,
            Effect::KeepsForever => EffectKind::KeepsForever,
        }
    }
}

fn effect_kind<S: serde::Serializer>(e: &Option<Effect>, s: S) -> Result<S::Ok, S::Error> {
    e.map(EffectKind::from).serialize(s)
}

/// One access to a mailbox on the new host's domains, and what has to change on it.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub device: String,
    pub client: String,
    /// The program for a site-file entry (`ios-mail`), else the client.
    pub program: String,
    pub account: String,
    pub mailbox: String,
    /// The address the placeholders were filled with.
    pub address: String,
    pub changes: Vec<Change>,
    /// What a POP3 device set up anew from the profile keeps; `None` when not POP3 or not said.
    /// Not a change: the devices keep their own setting unless someone changes it.
    pub new_retention: Option<ProviderRetention>,
    /// What this device does to server copies now (null when not POP3).
    #[serde(serialize_with = "effect_kind")]
    pub now_effect: Option<Effect>,
    /// What had to be assumed or cannot be told from the file. The JSON renderer writes
    /// them, each with its sentence in the checklist's language.
    #[serde(skip)]
    pub notes: Vec<Note>,
}

impl Step {
    /// What a device set up anew does to server copies, when the profile says.
    pub fn new_effect(&self) -> Option<Effect> {
        self.new_retention.as_ref().map(effect)
    }
}

/// What `mailaudit migrate` prints; the renderers in `report::migration` lay it out.
#[derive(Debug)]
pub struct Migration {
    pub schema: &'static str,
    pub migration: Vec<Step>,
    /// The new host's profile the devices were compared with.
    pub provider: ProviderProfile,
    pub problems: Vec<Problem>,
}

impl Migration {
    /// True when at least one device must change a setting.
    pub fn any_change(&self) -> bool {
        self.migration.iter().any(|s| !s.changes.is_empty())
    }
}

/// Why a checklist could not be made at all.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error(transparent)]
    Scan(#[from] ScanError),
    #[error("{}", problem_text(.0))]
    Profile(Problem),
}

/// `path:line: message`, as the checklist lists a file that could not be read.
pub fn problem_text(p: &Problem) -> String {
    match p.at.line {
        Some(l) => format!("{}:{l}: {}", p.at.path, p.message),
        None => format!("{}: {}", p.at.path, p.message),
    }
}

/// Reads the new host's file: an autoconfig `clientConfig` or an Autodiscover response.
pub fn load_profile(path: &Path) -> Result<ProviderProfile, Problem> {
    let shown = path.display().to_string();
    let bytes = crate::fsio::read_file(path)
        .map_err(|kind| Problem::new(crate::model::Location::file(&shown), kind))?;
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
    // The profile's notes are worded by the renderers, in the language asked for.
    let provider = load_profile(to).map_err(MigrateError::Profile)?;
    let model = build_model(paths, site)?;
    Ok(Migration {
        schema: SCHEMA,
        migration: steps(&model, &provider),
        problems: model.problems.clone(),
        provider,
    })
}

/// The checklist for a model: one step per access on one of the profile's domains.
pub fn steps(model: &Model, provider: &ProviderProfile) -> Vec<Step> {
    let domains = DomainIndex::new(provider);
    model
        .accesses
        .iter()
        .filter_map(|a| {
            let domain = domains.covering(&a.mailbox, &a.host)?;
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
                let from =
                    (a.protocol != Protocol::Unknown).then(|| Value::Protocol(current.to_string()));
                changes.push(Change {
                    field: Field::Protocol,
                    from,
                    to: Value::Protocol(s.kind.clone()),
                });
                notes.push(Note::ProtocolNotOffered {
                    now: current.to_string(),
                    offered: s.kind.clone(),
                });
            }
            let now = Server {
                host: &a.host,
                port: a.port,
                security: a.security,
                auth: a.auth,
            };
            compare_server(&INCOMING, &now, s, &address, &mut changes);
            compare_username(&a.username, s, &address, &mut changes);
            if s.kind == "pop3" {
                new_retention = new_retention_of(provider, &mut notes);
            }
        }
        None => notes.push(Note::NoIncomingServer),
    }
    if let (Some(out), Some(new_out)) = (a.outgoing.first(), provider.outgoing.first()) {
        let now = Server {
            host: &out.host,
            port: out.port,
            security: out.security,
            auth: out.auth,
        };
        compare_server(&OUTGOING, &now, new_out, &address, &mut changes);
    }
    Step {
        device: a.device.clone(),
        client: a.client.name().to_string(),
        program: a.program().to_string(),
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
fn address_of(a: &Access, domain: &str, notes: &mut Vec<Note>) -> String {
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
    notes.push(Note::AddressAssumed {
        domain: domain.to_string(),
        address: address.clone(),
    });
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

/// What a device uses today for one server.
struct Server<'a> {
    host: &'a str,
    port: Option<u16>,
    security: Security,
    auth: Auth,
}

/// The fields one server's settings are reported under.
struct Fields {
    host: Field,
    port: Field,
    security: Field,
    auth: Field,
}

const INCOMING: Fields = Fields {
    host: Field::Host,
    port: Field::Port,
    security: Field::Security,
    auth: Field::Auth,
};

const OUTGOING: Fields = Fields {
    host: Field::OutgoingHost,
    port: Field::OutgoingPort,
    security: Field::OutgoingSecurity,
    auth: Field::OutgoingAuth,
};

/// A value the files do not set is no value: JSON null, "not set" in words.
fn text(s: &str) -> Option<Value> {
    let s = s.trim();
    (!s.is_empty()).then(|| Value::Text(s.to_string()))
}

fn compare_server(
    fields: &Fields,
    now: &Server,
    new: &ProviderServer,
    address: &str,
    changes: &mut Vec<Change>,
) {
    let new_host = normalize_host(&fill(&new.host, address));
    if normalize_host(now.host) != new_host {
        changes.push(Change {
            field: fields.host,
            from: text(now.host),
            to: Value::Text(new_host),
        });
    }
    if let Some(np) = new.port {
        if now.port != Some(np) {
            changes.push(Change {
                field: fields.port,
                from: now.port.map(Value::Port),
                to: Value::Port(np),
            });
        }
    }
    if let Some(ns) = new.security {
        if now.security != ns {
            changes.push(Change {
                field: fields.security,
                from: Some(Value::Security(now.security)),
                to: Value::Security(ns),
            });
        }
    }
    // A method the new host still accepts needs no change, even when it lists another first.
    if let Some(first) = new.auth.first() {
        if !new.auth.iter().any(|m| m == now.auth.name()) {
            let from = (now.auth != Auth::Unknown).then_some(Value::Auth(Method::Known(now.auth)));
            changes.push(Change {
                field: fields.auth,
                from,
                to: Value::Auth(Method::from_profile(first)),
            });
        }
    }
}

fn compare_username(current: &str, new: &ProviderServer, address: &str, changes: &mut Vec<Change>) {
    let Some(form) = &new.username else { return };
    let wanted = fill(form, address);
    if !current.trim().eq_ignore_ascii_case(&wanted) {
        changes.push(Change {
            field: Field::Username,
            from: text(current),
            to: Value::Text(wanted),
        });
    }
}

/// The retention a POP3 device set up anew gets, or a note that the file does not say.
fn new_retention_of(
    provider: &ProviderProfile,
    notes: &mut Vec<Note>,
) -> Option<ProviderRetention> {
    if provider.pop3_retention.is_none() {
        notes.push(Note::Pop3RetentionUnsaid);
    }
    provider.pop3_retention.clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Client, Evidence, Outgoing, Retention};

    fn access(mailbox: &str, host: &str, user: &str) -> Access {
        let mut a = Access::new(
            Client::Thunderbird,
            "account1",
            Protocol::Pop3,
            Evidence {
                path: "PC-A/prefs.js".into(),
                line: Some(1),
                col: None,
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

    fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    fn fields(s: &Step) -> Vec<(Field, Option<Value>, Value)> {
        s.changes
            .iter()
            .map(|c| (c.field, c.from.clone(), c.to.clone()))
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
                (
                    Field::Host,
                    Some(text("pop.example.co.jp")),
                    text("pop.newhost.example")
                ),
                (Field::Port, Some(Value::Port(110)), Value::Port(995)),
                (
                    Field::Security,
                    Some(Value::Security(Security::None)),
                    Value::Security(Security::Tls)
                ),
                (
                    Field::Auth,
                    Some(Value::Auth(Method::Known(Auth::PasswordCleartext))),
                    Value::Auth(Method::Known(Auth::PasswordEncrypted))
                ),
                (
                    Field::Username,
                    Some(text("info")),
                    text("info@example.co.jp")
                ),
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
        assert_eq!(
            s.changes[0],
            Change {
                field: Field::Protocol,
                from: Some(Value::Protocol("exchange".into())),
                to: Value::Protocol("imap".into()),
            }
        );
        assert_eq!(
            s.notes,
            [Note::ProtocolNotOffered {
                now: "exchange".into(),
                offered: "imap".into()
            }]
        );
    }

    #[test]
    fn address_from_login_is_an_assumption() {
        let a = access("info@pop.example.co.jp", "pop.example.co.jp", "info");
        let s = step(&a, &profile(), "example.co.jp");
        assert_eq!(s.address, "info@example.co.jp");
        assert_eq!(
            s.notes,
            [Note::AddressAssumed {
                domain: "example.co.jp".into(),
                address: "info@example.co.jp".into()
            }]
        );
    }

    #[test]
    fn unset_values_are_null_and_ports_are_numbers_in_json() {
        let mut a = access("info@example.co.jp", "pop.example.co.jp", "");
        a.port = None;
        a.auth = Auth::Unknown;
        let s = step(&a, &profile(), "example.co.jp");
        let v = serde_json::to_value(&s.changes).unwrap();
        let by = |f: &str| {
            v.as_array()
                .unwrap()
                .iter()
                .find(|c| c["field"] == f)
                .cloned()
        };
        let port = by("port").unwrap();
        assert!(port["from"].is_null(), "{port}");
        assert_eq!(port["to"], 995);
        let auth = by("auth").unwrap();
        assert!(auth["from"].is_null(), "{auth}");
        assert_eq!(auth["to"], "password-encrypted");
        assert_eq!(by("security").unwrap()["from"], "none");
        assert!(by("username").unwrap()["from"].is_null());
    }

    #[test]
    fn profile_only_methods_keep_their_spelling() {
        for name in ["smtp-after-pop", "client-ip-address", "oauth2", "x-custom"] {
            assert_eq!(Method::from_profile(name).name(), name);
        }
        assert_eq!(
            serde_json::to_value(EffectKind::from(Effect::KeepsDays(3))).unwrap(),
            serde_json::json!({"effect": "keeps-days", "days": 3})
        );
    }
}
