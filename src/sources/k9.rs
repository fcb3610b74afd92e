//! Thunderbird for Android / K-9 Mail settings exports (`.k9s`).
//!
//! The export is XML (`<k9settings format="1" version="N">`). The reader streams it with
//! quick-xml, never expands a DTD or a custom entity, and never keeps a password: it only
//! notes that one was exported. POP3 retention follows what the app really does: it never
//! removes mail at download or by age; `deletePolicy=DELETE` removes the server copy when the
//! user deletes the message on the phone.

use super::ports::{is_implicit_tls, standard_port};
use super::{Ctx, Input, Readout};
use crate::model::{
    Access, Assumption, Auth, Client, Evidence, Fetch, Field, FileFormat, Location, Origin,
    Outgoing, Problem, ProblemKind, Protocol, Retention, Security, SyntaxCode,
};
use crate::text::{decode, Fallback};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The client name used in `ClientDefault` provenance.
const CLIENT: &str = "thunderbird-android";
/// Deeper nesting than this is not an export the app wrote; stop rather than grow a stack.
const MAX_DEPTH: usize = 32;
/// Longest element text kept; longer text is cut (hosts and names are far shorter).
const MAX_TEXT: usize = 1024;

/// Reads one `.k9s` export: one access per account that has an incoming server.
pub fn read(input: &Input, ctx: &Ctx) -> Readout {
    let mut out = Readout::default();
    let rel = ctx.rel(&input.path);
    match ctx.read(&input.path) {
        Ok(bytes) => {
            let (accesses, problems) = parse(&bytes, &rel);
            out.accesses = accesses;
            out.problems = problems;
        }
        Err(p) => out.problems.push(p),
    }
    out
}

/// Parses export bytes; `rel` names the file in evidence and problems.
pub fn parse(bytes: &[u8], rel: &str) -> (Vec<Access>, Vec<Problem>) {
    let decoded = decode(bytes, Fallback::Ansi);
    let mut p = Parser::new(&decoded.text, rel);
    if decoded.encoding != "UTF-8" || decoded.lossy {
        p.problems.push(Problem::new(
            Location::file(rel),
            ProblemKind::ExportNotUtf8 {
                encoding: decoded.encoding.to_string(),
            },
        ));
    }
    p.run();
    if p.problems_more > 0 {
        p.problems
            .push(crate::sources::limit::more(rel, p.problems_more));
    }
    (p.accesses, p.problems)
}

/// Where the text of the current element goes.
#[derive(Debug, Clone, PartialEq)]
enum Slot {
    Root,
    Accounts,
    Account,
    AccountName,
    Server(Dir),
    ServerField(Dir, ServerKey),
    Settings,
    Setting(String),
    Identities,
    Identity,
    IdentityEmail,
    /// Anything the auditor does not need, and everything under it.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Dir {
    Incoming,
    Outgoing,
}

/// An element of an exported server, by what it holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ServerKey {
    Host,
    Port,
    Security,
    Auth,
    Username,
    Password,
}

/// A value with the line it was read from.
#[derive(Debug, Clone)]
struct At {
    value: String,
    line: u32,
}

#[derive(Debug, Default)]
struct ServerRaw {
    kind: Option<String>,
    line: u32,
    host: Option<At>,
    port: Option<At>,
    security: Option<At>,
    auth: Option<At>,
    username: Option<At>,
    password: bool,
}

impl ServerRaw {
    /// The slot of a text field; the password has none, its text is never kept.
    fn field(&mut self, f: ServerKey) -> Option<&mut Option<At>> {
        match f {
            ServerKey::Host => Some(&mut self.host),
            ServerKey::Port => Some(&mut self.port),
            ServerKey::Security => Some(&mut self.security),
            ServerKey::Auth => Some(&mut self.auth),
            ServerKey::Username => Some(&mut self.username),
            ServerKey::Password => None,
        }
    }
}

#[derive(Debug, Default)]
struct AccountRaw {
    uuid: String,
    line: u32,
    name: Option<At>,
    incoming: Option<ServerRaw>,
    outgoing: Option<ServerRaw>,
    /// Account settings by key; the first value of a duplicated key wins, as on import.
    settings: Vec<(String, At)>,
    identities: Vec<At>,
}

impl AccountRaw {
    fn setting(&self, key: &str) -> Option<&At> {
        self.settings.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

struct Frame {
    name: Vec<u8>,
    slot: Slot,
    text: String,
    /// The password's text is never kept; only whether there was any.
    saw_text: bool,
}

struct Parser<'a> {
    text: &'a str,
    rel: &'a str,
    /// Line starts of the text, counted the one way every reader counts them.
    lines: crate::text::LineIndex,
    stack: Vec<Frame>,
    accounts_seen: u32,
    version: u32,
    account: Option<AccountRaw>,
    accesses: Vec<Access>,
    problems: Vec<Problem>,
    /// Problems past the per-file cap, counted only.
    problems_more: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, rel: &'a str) -> Self {
        Parser {
            text,
            rel,
            lines: crate::text::LineIndex::new(text.as_bytes()),
            stack: Vec::new(),
            accounts_seen: 0,
            version: 0,
            account: None,
            accesses: Vec::new(),
            problems: Vec::new(),
            problems_more: 0,
        }
    }

    /// The 1-based line of a byte offset.
    fn line_at(&self, offset: usize) -> u32 {
        self.lines.line(offset.min(self.text.len()))
    }

    fn problem(&mut self, line: u32, kind: ProblemKind) {
        if self.problems.len() < crate::sources::limit::MAX_PROBLEMS_PER_FILE {
            self.problems
                .push(Problem::new(Location::at(self.rel, line), kind));
        } else {
            self.problems_more += 1;
        }
    }

    fn run(&mut self) {
        let mut reader = Reader::from_str(self.text);
        reader.config_mut().trim_text(true);
        let mut saw_root = false;
        loop {
            let event = reader.read_event();
            let end = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
            let line = self.line_at(end.saturating_sub(1));
            match event {
                Err(e) => {
                    let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                    let bytes = self.text.as_bytes();
                    let (line, col) = self.lines.line_col(bytes, at);
                    let p = Problem::syntax(
                        SyntaxCode::XmlSyntax,
                        self.rel,
                        line,
                        Some(col),
                        format!("not well-formed XML: {e}"),
                    )
                    .with_line_from(bytes, &self.lines);
                    self.problems.push(p);
                    break;
                }
                Ok(Event::Eof) => {
                    if !saw_root {
                        self.problems.push(Problem::new(
                            Location::file(self.rel),
                            ProblemKind::NotFormat {
                                format: FileFormat::K9Export,
                            },
                        ));
                    } else if !self.stack.is_empty() {
                        let open = String::from_utf8_lossy(&self.stack[self.stack.len() - 1].name)
                            .into_owned();
                        self.problem(line, ProblemKind::ExportCutShort { open });
                    }
                    break;
                }
                Ok(Event::DocType(_)) => {
                    // An export never has a DTD; a DTD can only serve entity tricks.
                    self.problem(line, ProblemKind::DtdRefused);
                    break;
                }
                Ok(Event::Start(e)) => {
                    if self.stack.len() >= MAX_DEPTH {
                        self.problem(line, ProblemKind::TooDeep { limit: MAX_DEPTH });
                        break;
                    }
                    if !self.open(&e, line, &mut saw_root) {
                        break;
                    }
                }
                Ok(Event::Empty(e)) => {
                    if self.stack.len() >= MAX_DEPTH {
                        self.problem(line, ProblemKind::TooDeep { limit: MAX_DEPTH });
                        break;
                    }
                    if !self.open(&e, line, &mut saw_root) {
                        break;
                    }
                    self.close(line);
                }
                Ok(Event::End(_)) => self.close(line),
                Ok(Event::Text(t)) => {
                    let Some(top) = self.stack.last() else {
                        continue;
                    };
                    if top.slot == Slot::Other {
                        continue;
                    }
                    if matches!(top.slot, Slot::ServerField(_, ServerKey::Password)) {
                        let any = !t.iter().all(u8::is_ascii_whitespace);
                        if let Some(top) = self.stack.last_mut() {
                            top.saw_text |= any;
                        }
                        continue;
                    }
                    match t.unescape() {
                        Ok(s) => self.push_text(&s),
                        Err(e) => {
                            self.problem(
                                line,
                                ProblemKind::Syntax {
                                    code: SyntaxCode::XmlSyntax,
                                    message: format!("cannot read text: {e}"),
                                },
                            );
                            let raw = String::from_utf8_lossy(&t).into_owned();
                            self.push_text(&raw);
                        }
                    }
                }
                Ok(Event::CData(t)) => {
                    let Some(top) = self.stack.last_mut() else {
                        continue;
                    };
                    if matches!(top.slot, Slot::ServerField(_, ServerKey::Password)) {
                        top.saw_text |= !t.is_empty();
                        continue;
                    }
                    let raw = String::from_utf8_lossy(&t).into_owned();
                    self.push_text(&raw);
                }
                Ok(_) => {}
            }
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(top) = self.stack.last_mut() {
            let room = MAX_TEXT.saturating_sub(top.text.len());
            let mut cut = s.len().min(room);
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            top.text.push_str(&s[..cut]);
            top.saw_text |= !s.trim().is_empty();
        }
    }

    /// Handles a start tag; false stops the parse.
    fn open(&mut self, e: &BytesStart, line: u32, saw_root: &mut bool) -> bool {
        let name = e.name().as_ref().to_vec();
        let parent = self.stack.last().map(|f| f.slot.clone());
        let slot = match parent {
            None => {
                if *saw_root {
                    self.problem(line, ProblemKind::SecondRoot);
                    Slot::Other
                } else if name != b"k9settings" {
                    let found = String::from_utf8_lossy(&name).into_owned();
                    self.problems.push(Problem::new(
                        Location::at(self.rel, line),
                        ProblemKind::WrongRoot {
                            found,
                            format: FileFormat::K9Export,
                        },
                    ));
                    return false;
                } else {
                    *saw_root = true;
                    if !self.check_root(e, line) {
                        return false;
                    }
                    Slot::Root
                }
            }
            Some(parent) => self.child_slot(&parent, &name, e, line),
        };
        self.stack.push(Frame {
            name,
            slot,
            text: String::new(),
            saw_text: false,
        });
        true
    }

    /// Checks `format` and `version` as the app's importer does; false when it would refuse.
    fn check_root(&mut self, e: &BytesStart, line: u32) -> bool {
        let format = attr(e, b"format");
        if format.as_deref().map(str::trim) != Some("1") {
            let shown = format.unwrap_or_else(|| "missing".to_string());
            self.problem(line, ProblemKind::ExportFormatUnsupported { format: shown });
            return false;
        }
        match attr(e, b"version").and_then(|v| v.trim().parse::<u32>().ok()) {
            Some(v) if v > 0 => {
                self.version = v;
                true
            }
            _ => {
                self.problem(line, ProblemKind::ExportNoVersion);
                false
            }
        }
    }

    fn child_slot(&mut self, parent: &Slot, name: &[u8], e: &BytesStart, line: u32) -> Slot {
        match (parent, name) {
            (Slot::Root, b"accounts") => {
                self.accounts_seen += 1;
                if self.accounts_seen > 1 {
                    self.problem(line, ProblemKind::SecondAccounts);
                    Slot::Other
                } else {
                    Slot::Accounts
                }
            }
            (Slot::Accounts, b"account") => {
                self.account = Some(AccountRaw {
                    uuid: attr(e, b"uuid").unwrap_or_default(),
                    line,
                    ..AccountRaw::default()
                });
                Slot::Account
            }
            (Slot::Account, b"name") => Slot::AccountName,
            (Slot::Account, b"incoming-server") => self.open_server(Dir::Incoming, e, line),
            (Slot::Account, b"outgoing-server") => self.open_server(Dir::Outgoing, e, line),
            (Slot::Account, b"settings") => Slot::Settings,
            (Slot::Account, b"identities") => Slot::Identities,
            (Slot::Server(d), field) => match field {
                b"host" => Slot::ServerField(*d, ServerKey::Host),
                b"port" => Slot::ServerField(*d, ServerKey::Port),
                b"connection-security" => Slot::ServerField(*d, ServerKey::Security),
                b"authentication-type" => Slot::ServerField(*d, ServerKey::Auth),
                b"username" => Slot::ServerField(*d, ServerKey::Username),
                b"password" => Slot::ServerField(*d, ServerKey::Password),
                _ => Slot::Other,
            },
            (Slot::Settings, b"value") => match attr(e, b"key") {
                Some(k) => Slot::Setting(k),
                None => Slot::Other,
            },
            (Slot::Identities, b"identity") => Slot::Identity,
            (Slot::Identity, b"email") => Slot::IdentityEmail,
            _ => Slot::Other,
        }
    }

    fn open_server(&mut self, dir: Dir, e: &BytesStart, line: u32) -> Slot {
        let Some(acc) = self.account.as_mut() else {
            return Slot::Other;
        };
        let place = match dir {
            Dir::Incoming => &mut acc.incoming,
            Dir::Outgoing => &mut acc.outgoing,
        };
        if place.is_some() {
            self.problem(line, ProblemKind::SecondServer);
            return Slot::Other;
        }
        *place = Some(ServerRaw {
            kind: attr(e, b"type"),
            line,
            ..ServerRaw::default()
        });
        Slot::Server(dir)
    }

    fn close(&mut self, line: u32) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let value = At {
            value: frame.text.trim().to_string(),
            line,
        };
        match frame.slot {
            Slot::Account => {
                if let Some(raw) = self.account.take() {
                    if let Some(a) = resolve(raw, self.version, self.rel, &mut self.problems) {
                        self.accesses.push(a);
                    }
                }
            }
            Slot::AccountName => {
                if let Some(acc) = self.account.as_mut() {
                    acc.name.get_or_insert(value);
                }
            }
            Slot::ServerField(dir, field) => {
                let Some(acc) = self.account.as_mut() else {
                    return;
                };
                let server = match dir {
                    Dir::Incoming => acc.incoming.as_mut(),
                    Dir::Outgoing => acc.outgoing.as_mut(),
                };
                let Some(server) = server else { return };
                match server.field(field) {
                    None => server.password |= frame.saw_text,
                    Some(slot) if !value.value.is_empty() => {
                        slot.get_or_insert(value);
                    }
                    Some(_) => {}
                }
            }
            Slot::Setting(key) => {
                if let Some(acc) = self.account.as_mut() {
                    if acc.setting(&key).is_none() {
                        acc.settings.push((key, value));
                    }
                }
            }
            Slot::IdentityEmail => {
                if let Some(acc) = self.account.as_mut() {
                    if !value.value.is_empty()
                        && !acc.identities.iter().any(|i| i.value == value.value)
                    {
                        acc.identities.push(value);
                    }
                }
            }
            _ => {}
        }
    }
}

/// An attribute's value, unescaped when possible (no custom entities are ever expanded).
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    let a = e.try_get_attribute(name).ok().flatten()?;
    Some(match a.unescape_value() {
        Ok(v) => v.into_owned(),
        Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
    })
}

fn app_default() -> Origin {
    Origin::ClientDefault {
        client: CLIENT.to_string(),
    }
}

fn assumed(assumption: Assumption) -> Origin {
    Origin::assumed(assumption)
}

fn security_of(v: &str) -> Option<Security> {
    match v {
        "SSL_TLS_REQUIRED" => Some(Security::Tls),
        "STARTTLS_REQUIRED" => Some(Security::Starttls),
        "NONE" => Some(Security::None),
        // Older exports; the app's settings upgrader turns both into the REQUIRED form.
        "SSL_TLS_OPTIONAL" => Some(Security::Tls),
        "STARTTLS_OPTIONAL" => Some(Security::Starttls),
        _ => None,
    }
}

fn auth_of(v: &str) -> Option<Auth> {
    match v {
        // PLAIN stands for any cleartext password method; LOGIN is its older spelling.
        "PLAIN" | "LOGIN" => Some(Auth::PasswordCleartext),
        "CRAM_MD5" => Some(Auth::PasswordEncrypted),
        "EXTERNAL" => Some(Auth::ClientCert),
        "XOAUTH2" => Some(Auth::Oauth2),
        "NONE" => Some(Auth::None),
        _ => None,
    }
}

/// The app's default for `automaticCheckIntervalMinutes` at a settings content version.
fn default_interval(version: u32) -> i64 {
    match version {
        0..=60 => -1,
        61..=106 => 60,
        _ => 15,
    }
}

/// Resolves one account; `None` (with a problem) when it cannot name a mailbox.
fn resolve(
    raw: AccountRaw,
    version: u32,
    rel: &str,
    problems: &mut Vec<Problem>,
) -> Option<Access> {
    let label = raw
        .name
        .as_ref()
        .map(|n| n.value.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| raw.uuid.clone());
    let Some(inc) = raw.incoming.as_ref() else {
        problems.push(Problem::new(
            Location::at(rel, raw.line),
            ProblemKind::AccountNoIncoming {
                account: label.clone(),
            },
        ));
        return None;
    };
    let Some(host) = inc.host.clone() else {
        problems.push(Problem::new(
            Location::at(rel, inc.line),
            ProblemKind::AccountNoHost {
                account: label.clone(),
            },
        ));
        return None;
    };
    let Some(username) = inc.username.clone() else {
        problems.push(Problem::new(
            Location::at(rel, inc.line),
            ProblemKind::AccountNoUsername {
                account: label.clone(),
            },
        ));
        return None;
    };
    let mut assumptions = Vec::new();
    let protocol = match inc.kind.as_deref().map(str::trim) {
        Some(t) if t.eq_ignore_ascii_case("IMAP") => Protocol::Imap,
        Some(t) if t.eq_ignore_ascii_case("POP3") => Protocol::Pop3,
        Some(t) if t.eq_ignore_ascii_case("WebDAV") => {
            assumptions.push(Assumption::K9WebDavAsExchange);
            Protocol::Exchange
        }
        other => {
            problems.push(Problem::new(
                Location::at(rel, inc.line),
                ProblemKind::AccountUnknownValue {
                    account: label.clone(),
                    setting: "incoming server type".to_string(),
                    value: other.map(str::to_string),
                    fallback: None,
                },
            ));
            Protocol::Unknown
        }
    };

    let mut a = Access::new(
        Client::ThunderbirdAndroid,
        &label,
        protocol,
        Evidence {
            path: rel.to_string(),
            line: Some(raw.line),
            col: None,
        },
    );
    a.host = host.value.clone();
    a.provenance.insert(Field::Host, Origin::at(rel, host.line));
    a.username = username.value.clone();
    a.provenance
        .insert(Field::Username, Origin::at(rel, username.line));

    let (security, sec_origin) = server_security(inc, rel, &label, problems, &mut assumptions);
    a.security = security;
    a.provenance.insert(Field::Security, sec_origin);
    let (auth, auth_origin) = server_auth(inc, rel, &label, problems);
    a.auth = auth;
    a.provenance.insert(Field::Auth, auth_origin);
    let (port, port_origin) = server_port(inc, protocol, security, rel, &label, problems);
    a.port = port;
    if let Some(o) = port_origin {
        a.provenance.insert(Field::Port, o);
    }

    let interval = match raw.setting("automaticCheckIntervalMinutes") {
        Some(v) => match v.value.parse::<i64>() {
            Ok(n) => {
                a.provenance.insert(Field::Fetch, Origin::at(rel, v.line));
                n
            }
            Err(_) => {
                problems.push(Problem::new(
                    Location::at(rel, v.line),
                    ProblemKind::AccountNotNumber {
                        account: label.clone(),
                        setting: "automaticCheckIntervalMinutes".to_string(),
                        value: v.value.clone(),
                    },
                ));
                a.provenance.insert(Field::Fetch, app_default());
                default_interval(version)
            }
        },
        None => {
            a.provenance.insert(Field::Fetch, app_default());
            default_interval(version)
        }
    };
    a.fetch = Fetch {
        automatic: interval > 0,
        interval_minutes: u32::try_from(interval).ok().filter(|n| *n > 0),
        at_startup: false,
    };

    for id in &raw.identities {
        a.provenance
            .insert(Field::Identity(id.value.clone()), Origin::at(rel, id.line));
        a.identities.push(id.value.clone());
    }
    a.password_stored = inc.password || raw.outgoing.as_ref().is_some_and(|o| o.password);
    if let Some(out) = raw.outgoing.as_ref() {
        if let Some(h) = out.host.as_ref() {
            let mut ignore = Vec::new();
            let (sec, _) = server_security(out, rel, &label, &mut ignore, &mut Vec::new());
            let (auth, _) = server_auth(out, rel, &label, &mut ignore);
            a.outgoing.push(Outgoing {
                host: h.value.clone(),
                port: out.port.as_ref().and_then(|p| p.value.parse().ok()),
                security: sec,
                auth,
                source: Some(Evidence {
                    path: rel.to_string(),
                    line: Some(out.line),
                    col: None,
                }),
            });
        }
    }

    if protocol == Protocol::Pop3 {
        let delete_local = match raw.setting("deletePolicy") {
            Some(v) => match v.value.as_str() {
                "DELETE" => {
                    a.provenance
                        .insert(Field::DeleteWhenDeletedLocally, Origin::at(rel, v.line));
                    true
                }
                "NEVER" | "MARK_AS_READ" => {
                    a.provenance
                        .insert(Field::DeleteWhenDeletedLocally, Origin::at(rel, v.line));
                    false
                }
                other => {
                    problems.push(Problem::new(
                        Location::at(rel, v.line),
                        ProblemKind::AccountUnknownValue {
                            account: label.clone(),
                            setting: "deletePolicy".to_string(),
                            value: Some(other.to_string()),
                            fallback: Some("NEVER".to_string()),
                        },
                    ));
                    assumptions.push(Assumption::K9UnknownDeletePolicy {
                        value: other.to_string(),
                    });
                    a.provenance.insert(
                        Field::DeleteWhenDeletedLocally,
                        assumed(Assumption::K9UnknownDeletePolicyReason {
                            value: other.to_string(),
                        }),
                    );
                    false
                }
            },
            None => {
                a.provenance
                    .insert(Field::DeleteWhenDeletedLocally, app_default());
                false
            }
        };
        // The app has no setting for these: it never removes POP3 mail at download or by age.
        for f in [
            Field::LeaveOnServer,
            Field::DeleteAfterDays,
            Field::HeadersOnly,
        ] {
            a.provenance.insert(f, app_default());
        }
        a.retention = Some(Retention {
            leave_on_server: true,
            delete_after_days: None,
            delete_when_deleted_locally: delete_local,
            headers_only: false,
            size_limit_kib: None,
        });
    }
    a.assumptions = assumptions;
    Some(a)
}

fn server_security(
    s: &ServerRaw,
    rel: &str,
    label: &str,
    problems: &mut Vec<Problem>,
    assumptions: &mut Vec<Assumption>,
) -> (Security, Origin) {
    if let Some(v) = s.security.as_ref() {
        if let Some(sec) = security_of(&v.value) {
            return (sec, Origin::at(rel, v.line));
        }
        problems.push(Problem::new(
            Location::at(rel, v.line),
            ProblemKind::AccountUnknownValue {
                account: label.to_string(),
                setting: "connection-security".to_string(),
                value: Some(v.value.clone()),
                fallback: None,
            },
        ));
    }
    let by_port = s.port.as_ref().and_then(|p| p.value.parse::<u16>().ok());
    let sec = if by_port.is_some_and(is_implicit_tls) {
        Security::Tls
    } else {
        Security::None
    };
    assumptions.push(Assumption::K9SecurityFromPort { security: sec });
    (sec, assumed(Assumption::K9SecurityFromPortReason))
}

fn server_auth(
    s: &ServerRaw,
    rel: &str,
    label: &str,
    problems: &mut Vec<Problem>,
) -> (Auth, Origin) {
    match s.auth.as_ref() {
        Some(v) => match auth_of(&v.value) {
            Some(a) => (a, Origin::at(rel, v.line)),
            None => {
                problems.push(Problem::new(
                    Location::at(rel, v.line),
                    ProblemKind::AccountUnknownValue {
                        account: label.to_string(),
                        setting: "authentication-type".to_string(),
                        value: Some(v.value.clone()),
                        fallback: None,
                    },
                ));
                (Auth::Unknown, assumed(Assumption::K9AuthUnreadable))
            }
        },
        None => (Auth::Unknown, assumed(Assumption::K9NoAuth)),
    }
}

fn server_port(
    s: &ServerRaw,
    protocol: Protocol,
    security: Security,
    rel: &str,
    label: &str,
    problems: &mut Vec<Problem>,
) -> (Option<u16>, Option<Origin>) {
    if let Some(v) = s.port.as_ref() {
        match v.value.parse::<u16>() {
            Ok(p) if p > 0 => return (Some(p), Some(Origin::at(rel, v.line))),
            _ => problems.push(Problem::new(
                Location::at(rel, v.line),
                ProblemKind::AccountBadPort {
                    account: label.to_string(),
                    value: v.value.clone(),
                },
            )),
        }
    }
    let port = standard_port(protocol, security);
    let origin = port.map(|p| assumed(Assumption::K9StandardPort { port: p }));
    (port, origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pop3(delete_policy: Option<&str>) -> String {
        let dp = delete_policy
            .map(|d| format!("<value key=\"deletePolicy\">{d}</value>"))
            .unwrap_or_default();
        format!(
            r#"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<k9settings version="111" format="1">
  <accounts>
    <account uuid="u1">
      <name>Office</name>
      <incoming-server type="POP3">
        <host>pop.example.co.jp</host>
        <port>995</port>
        <connection-security>SSL_TLS_REQUIRED</connection-security>
        <authentication-type>PLAIN</authentication-type>
        <username>info@example.co.jp</username>
        <password>secret-never-read</password>
      </incoming-server>
      <settings>
        {dp}
        <value key="automaticCheckIntervalMinutes">30</value>
      </settings>
      <identities><identity><name>Info</name><email>info@example.co.jp</email></identity></identities>
    </account>
  </accounts>
</k9settings>
"#
        )
    }

    #[test]
    fn pop3_delete_policy_delete_removes_on_local_delete_only() {
        let (a, p) = parse(pop3(Some("DELETE")).as_bytes(), "phone/x.k9s");
        assert!(p.is_empty(), "{p:?}");
        let r = a[0].retention.as_ref().unwrap();
        assert!(r.leave_on_server);
        assert_eq!(r.delete_after_days, None);
        assert!(r.delete_when_deleted_locally);
        assert_eq!(
            a[0].provenance[&Field::DeleteWhenDeletedLocally],
            Origin::at("phone/x.k9s", 15)
        );
        assert_eq!(a[0].fetch.interval_minutes, Some(30));
        assert!(a[0].password_stored);
    }

    #[test]
    fn pop3_never_mark_as_read_and_missing_keep() {
        for dp in [Some("NEVER"), Some("MARK_AS_READ"), None] {
            let (a, _) = parse(pop3(dp).as_bytes(), "x.k9s");
            let r = a[0].retention.as_ref().unwrap();
            assert!(
                r.leave_on_server && !r.delete_when_deleted_locally,
                "{dp:?}"
            );
        }
    }

    #[test]
    fn password_text_never_reaches_the_access() {
        let (a, _) = parse(pop3(None).as_bytes(), "x.k9s");
        let json = serde_json::to_string(&a).unwrap();
        assert!(!json.contains("secret-never-read"));
    }

    #[test]
    fn unknown_delete_policy_is_a_problem_and_an_assumption() {
        let (a, p) = parse(pop3(Some("SEVEN_DAYS")).as_bytes(), "x.k9s");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].at.line, Some(15));
        assert!(!a[0].retention.as_ref().unwrap().delete_when_deleted_locally);
        assert_eq!(a[0].assumptions.len(), 1);
    }

    #[test]
    fn other_formats_are_refused() {
        let (a, p) = parse(
            b"<k9settings version=\"1\" format=\"2\"><accounts/></k9settings>",
            "x.k9s",
        );
        assert!(a.is_empty());
        assert!(p[0].message.contains("format"), "{p:?}");
    }

    #[test]
    fn interval_default_follows_content_version() {
        assert_eq!(default_interval(1), -1);
        assert_eq!(default_interval(99), 60);
        assert_eq!(default_interval(111), 15);
    }
}
