//! The audit model: devices, mailboxes and accesses (who reads which mailbox how).
//!
//! Readers produce [`Access`] values; the model groups them into mailboxes; rules
//! only ever look at these types, never at file formats.

pub mod assumption;
mod field;
mod finding;
mod office;
pub mod plan;
mod problem;
mod report;
mod rule_id;
pub mod site;

pub use field::Field;
pub use finding::{Fill, Finding, FindingKind, Measure, Missed, Piled, Reader, Unit};
pub use office::Model;
pub use problem::{
    Excerpt, FileFormat, IoCause, Location, Problem, ProblemKind, RetentionAnomaly, SyntaxCode,
    TextPart, MAX_EXCERPT_CHARS,
};
pub use report::{Report, Tool, SCHEMA};
pub use rule_id::RuleId;

use serde::Serialize;
use std::collections::BTreeMap;

pub use assumption::{Assumption, Inactive, ProviderNote};

/// Where a fact came from: a file and line, a client's documented default, or the site file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Origin {
    /// Read from a file; `line` is 1-based when the format has lines.
    File {
        path: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<u32>,
    },
    /// Not in any file: the client's documented default applies.
    ClientDefault { client: String },
    /// Not in any file and not documented: mailaudit had to assume a value.
    Assumed {
        assumption: Assumption,
        /// `assumption` in the report's language, filled by the report's localize pass.
        reason: String,
    },
}

impl Origin {
    /// An assumed value; its sentence is filled in when the report is localized.
    pub fn assumed(assumption: Assumption) -> Self {
        Origin::Assumed {
            assumption,
            reason: String::new(),
        }
    }

    /// A file origin with a line number.
    pub fn at(path: &str, line: u32) -> Self {
        Origin::File {
            path: path.to_string(),
            line: Some(line),
        }
    }

    /// A file origin without a line number (binary or line-less formats).
    pub fn file(path: &str) -> Self {
        Origin::File {
            path: path.to_string(),
            line: None,
        }
    }

    /// The file evidence this origin points at, if it points at a file.
    pub fn evidence(&self) -> Option<Evidence> {
        match self {
            Origin::File { path, line } => Some(Evidence {
                path: path.clone(),
                line: *line,
                col: None,
            }),
            _ => None,
        }
    }
}

/// A place in a file that supports a finding: the same [`Location`] problems have.
pub type Evidence = Location;

/// The mail program behind an access; serialized with the names DESIGN.md fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Client {
    Thunderbird,
    Outlook,
    WindowsLiveMail,
    ThunderbirdAndroid,
    Becky,
    Manual,
}

impl Client {
    /// The name used in reports and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Client::Thunderbird => "thunderbird",
            Client::Outlook => "outlook",
            Client::WindowsLiveMail => "windows-live-mail",
            Client::ThunderbirdAndroid => "thunderbird-android",
            Client::Becky => "becky",
            Client::Manual => "manual",
        }
    }
}

/// How a device talks to the mailbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Protocol {
    Pop3,
    Imap,
    Exchange,
    Unknown,
}

impl Protocol {
    /// True for protocols where the user sees the server state (IMAP, Exchange, webmail).
    pub fn sees_server_state(self) -> bool {
        matches!(self, Protocol::Imap | Protocol::Exchange)
    }
}

/// Transport security of one connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Security {
    Tls,
    Starttls,
    None,
}

impl Security {
    /// The JSON / report spelling.
    pub fn name(self) -> &'static str {
        match self {
            Security::Tls => "tls",
            Security::Starttls => "starttls",
            Security::None => "none",
        }
    }
}

/// How the password (or other credential) is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Auth {
    /// USER/PASS, LOGIN, PLAIN: the password itself crosses the wire.
    PasswordCleartext,
    /// CRAM-MD5, DIGEST-MD5, APOP, SPA/NTLM: a hash crosses, not the password.
    PasswordEncrypted,
    Oauth2,
    Gssapi,
    Ntlm,
    ClientCert,
    None,
    Unknown,
}

impl Auth {
    /// The JSON / report spelling.
    pub fn name(self) -> &'static str {
        match self {
            Auth::PasswordCleartext => "password-cleartext",
            Auth::PasswordEncrypted => "password-encrypted",
            Auth::Oauth2 => "oauth2",
            Auth::Gssapi => "gssapi",
            Auth::Ntlm => "ntlm",
            Auth::ClientCert => "client-cert",
            Auth::None => "none",
            Auth::Unknown => "unknown",
        }
    }

    /// True when the password itself travels over the connection.
    pub fn sends_password(self) -> bool {
        matches!(self, Auth::PasswordCleartext)
    }
}

/// When the device fetches mail on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fetch {
    /// Fetches (downloads, not only checks) without the user asking.
    pub automatic: bool,
    /// Minutes between automatic fetches, when known.
    pub interval_minutes: Option<u32>,
    /// Fetches when the program starts.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub at_startup: bool,
}

/// What a POP3 device does to the server copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retention {
    /// Leaves a copy on the server after download.
    pub leave_on_server: bool,
    /// Removes the server copy N days after its own download; `None` = never by age.
    /// Zero never appears (it disables age removal); negative means "at the next fetch".
    pub delete_after_days: Option<i64>,
    /// Removes the server copy when the user deletes the message on this device.
    pub delete_when_deleted_locally: bool,
    /// Downloads headers only, so messages stay on the server whatever else is set.
    pub headers_only: bool,
    /// Downloads only the headers of messages above this size (KiB); they stay on the server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_limit_kib: Option<u32>,
}

/// The plain-language effect of a retention on the server copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Removes every message it downloads, at once.
    RemovesAtDownload,
    /// Keeps each message N days after its own download, then removes it.
    KeepsDays(i64),
    /// Keeps until the local user deletes it.
    KeepsUntilDeleted,
    /// Never removes anything.
    KeepsForever,
}

impl Retention {
    /// What this retention does to server copies, ignoring headers-only subtleties.
    pub fn effect(&self) -> Effect {
        if !self.leave_on_server && !self.headers_only {
            return Effect::RemovesAtDownload;
        }
        if self.headers_only {
            return Effect::KeepsForever;
        }
        match self.delete_after_days {
            Some(d) if d < 0 => Effect::RemovesAtDownload,
            Some(d) if d > 0 => Effect::KeepsDays(d),
            _ if self.delete_when_deleted_locally => Effect::KeepsUntilDeleted,
            _ => Effect::KeepsForever,
        }
    }

    /// True when this device ever removes server copies without a user's delete.
    pub fn removes_on_its_own(&self) -> bool {
        matches!(
            self.effect(),
            Effect::RemovesAtDownload | Effect::KeepsDays(_)
        )
    }
}

/// Outgoing server used by an identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outgoing {
    pub host: String,
    pub port: Option<u16>,
    pub security: Security,
    pub auth: Auth,
    pub source: Option<Evidence>,
}

/// What `popstate.dat` (or a client's equivalent) proves about server copies this device left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerState {
    /// Messages this device has downloaded and left on the server.
    pub kept: u64,
    /// Messages of which only headers were downloaded (left on the server forever).
    pub partial: u64,
    /// Messages marked for removal at the next fetch.
    pub marked_for_delete: u64,
    /// Unix time of the oldest kept download.
    pub oldest: Option<i64>,
    /// Unix time of the newest download.
    pub newest: Option<i64>,
    pub source: Evidence,
    /// Size of the local `Inbox` file beside popstate.dat, when it was collected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inbox_bytes: Option<u64>,
}

impl ServerState {
    /// Bytes a day this device downloaded, estimated from the local Inbox size over the days
    /// its kept downloads span; `None` without an Inbox or with less than a day of evidence.
    pub fn daily_estimate(&self) -> Option<(u64, u32)> {
        let days = (self.newest? - self.oldest?) / 86_400;
        let bytes = self.inbox_bytes.filter(|b| *b > 0)?;
        (days >= 1 && self.kept >= 2).then(|| (bytes / days as u64, days as u32))
    }
}

/// One device reading one mailbox.
#[derive(Debug, Clone, Serialize)]
pub struct Access {
    pub device: String,
    pub client: Client,
    /// For a site-file entry, the program it describes (`ios-mail`, `webmail`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app: Option<String>,
    /// The client's own account name or key.
    pub account: String,
    /// Mailbox key, filled in by the model from username and host.
    pub mailbox: String,
    pub protocol: Protocol,
    pub host: String,
    pub port: Option<u16>,
    pub username: String,
    pub security: Security,
    pub auth: Auth,
    pub fetch: Fetch,
    pub identities: Vec<String>,
    /// `None` for anything but POP3.
    pub retention: Option<Retention>,
    /// The file (and line) that defines this account.
    pub source: Evidence,
    /// Where each resolved value came from, by field.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub provenance: BTreeMap<Field, Origin>,
    /// Things the reader had to assume, as data.
    #[serde(rename = "assumption_kinds", skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<Assumption>,
    /// `assumptions` in the report's language, one sentence each, filled by localize.
    #[serde(rename = "assumptions", skip_serializing_if = "Vec::is_empty")]
    pub assumption_text: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outgoing: Vec<Outgoing>,
    /// The account's name as the client shows it (Thunderbird's account name), when it has
    /// one apart from `account`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A password is saved for this account (its value is never read).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub password_stored: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_state: Option<ServerState>,
    /// Why this account does not fetch in normal use (a profile the client does not start);
    /// such an access is reported but no rule counts it.
    #[serde(rename = "inactive_kind", skip_serializing_if = "Option::is_none")]
    pub inactive: Option<Inactive>,
    /// `inactive` in the report's language, filled by localize.
    #[serde(rename = "inactive", skip_serializing_if = "Option::is_none")]
    pub inactive_text: Option<String>,
}

impl Access {
    /// A POP3 access with nothing resolved yet; readers fill in the rest.
    pub fn new(client: Client, account: &str, protocol: Protocol, source: Evidence) -> Self {
        Access {
            device: String::new(),
            client,
            app: None,
            account: account.to_string(),
            mailbox: String::new(),
            protocol,
            host: String::new(),
            port: None,
            username: String::new(),
            security: Security::None,
            auth: Auth::Unknown,
            fetch: Fetch {
                automatic: false,
                interval_minutes: None,
                at_startup: false,
            },
            identities: Vec::new(),
            retention: None,
            source,
            provenance: BTreeMap::new(),
            assumptions: Vec::new(),
            assumption_text: Vec::new(),
            outgoing: Vec::new(),
            name: None,
            password_stored: false,
            server_state: None,
            inactive: None,
            inactive_text: None,
        }
    }

    /// Evidence for a field: its file origin if it has one, else the account's source.
    pub fn evidence_for(&self, field: Field) -> Evidence {
        self.provenance
            .get(&field)
            .and_then(Origin::evidence)
            .unwrap_or_else(|| self.source.clone())
    }

    /// The program's name for reports: the site file's app (`ios-mail`) or the client.
    pub fn program(&self) -> &str {
        self.app.as_deref().unwrap_or(self.client.name())
    }

    /// The effect on server copies, `None` when not POP3.
    pub fn effect(&self) -> Option<Effect> {
        self.retention.as_ref().map(Retention::effect)
    }
}

/// Computes the mailbox key: the login lower-cased when it holds `@`, else `login@host`.
pub fn mailbox_key(username: &str, host: &str) -> String {
    let user = username.trim();
    if user.contains('@') {
        user.to_lowercase()
    } else {
        format!("{}@{}", user.to_lowercase(), normalize_host(host))
    }
}

/// Lower-cases a host name and drops a trailing dot.
pub fn normalize_host(host: &str) -> String {
    host.trim().trim_end_matches('.').to_lowercase()
}

/// One source file of a device, as listed in the report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SourceFile {
    pub path: String,
    pub kind: String,
}

/// What kind of machine a device is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeviceKind {
    Desktop,
    Laptop,
    Phone,
    Tablet,
    Server,
    Webmail,
}

/// One machine or phone.
#[derive(Debug, Clone, Serialize)]
pub struct Device {
    pub id: String,
    pub sources: Vec<SourceFile>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<DeviceKind>,
    /// Longest expected absence, days (site file, else the default).
    pub away_days: u32,
}

/// A server mailbox and what the office knows about it.
#[derive(Debug, Clone, Serialize)]
pub struct Mailbox {
    pub key: String,
    pub devices: Vec<String>,
    pub quota_bytes: Option<u64>,
    pub daily_bytes: Option<u64>,
    /// True when `daily_bytes` is an estimate from evidence, not from the site file.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub daily_estimated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main: Option<String>,
}

/// The language a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// The language from the locale variables, as gettext reads them: the first of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty; `ja*` is Japanese.
    pub fn from_env() -> Self {
        Self::from_locale(
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty())),
        )
    }

    /// The language a locale string such as `ja_JP.UTF-8` names.
    pub fn from_locale(locale: Option<String>) -> Self {
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("ja") => Lang::Ja,
            _ => Lang::En,
        }
    }

    /// The code used in JSON and in HTML's `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

/// A stable id for a finding: FNV-1a over its rule, mailbox and devices, so a later scan of
/// the same office gives the same id and a diff can say which findings were resolved.
pub fn finding_id(rule: RuleId, mailbox: &str, devices: &[String]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes.iter().chain(std::iter::once(&0u8)) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(rule.name().as_bytes());
    eat(mailbox.as_bytes());
    for d in devices {
        eat(d.as_bytes());
    }
    format!("{rule}-{:08x}", (h >> 32) as u32 ^ h as u32)
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Critical,
}

impl Severity {
    /// The JSON / report spelling.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }
}

/// One incoming or outgoing server offered by a provider profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderServer {
    pub kind: String,
    pub host: String,
    pub port: Option<u16>,
    pub security: Option<Security>,
    /// Authentication methods in the profile's order of preference.
    pub auth: Vec<String>,
    /// Username form, e.g. `%EMAILADDRESS%` or `%EMAILLOCALPART%`.
    pub username: Option<String>,
    /// Where the profile defines this server.
    pub source: Option<Evidence>,
}

impl Serialize for ProviderServer {
    /// The contract's `auth` is one string, the preferred method; `auth_methods` adds the list.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", &self.kind)?;
        m.serialize_entry("host", &self.host)?;
        m.serialize_entry("port", &self.port)?;
        m.serialize_entry("security", &self.security)?;
        m.serialize_entry("auth", &self.auth.first())?;
        m.serialize_entry("auth_methods", &self.auth)?;
        if let Some(u) = &self.username {
            m.serialize_entry("username", u)?;
        }
        if let Some(src) = &self.source {
            m.serialize_entry("source", src)?;
        }
        m.end()
    }
}

/// POP3 retention a provider profile hands to a newly set-up device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProviderRetention {
    pub leave_on_server: bool,
    pub delete_after_days: Option<i64>,
    pub delete_when_deleted_locally: bool,
    /// The element that decides it (the `<pop3>` block, else the POP3 server offered).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Evidence>,
}

/// What an autoconfig or Autodiscover file says a domain's servers are.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderProfile {
    pub id: String,
    pub domains: Vec<String>,
    pub source: Evidence,
    pub incoming: Vec<ProviderServer>,
    pub outgoing: Vec<ProviderServer>,
    pub pop3_retention: Option<ProviderRetention>,
    /// What the reader noted, as data.
    #[serde(rename = "note_kinds", skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ProviderNote>,
    /// `notes` in the report's language, filled by localize.
    #[serde(rename = "notes", skip_serializing_if = "Vec::is_empty")]
    pub note_text: Vec<String>,
}
