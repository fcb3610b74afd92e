//! Accesses described by hand in the site file's `[[manual]]` entries.
//!
//! Some devices have no file to read: an iPhone, Gmail's "check mail from other accounts",
//! a webmail user, 秀丸メール. Clients whose behaviour is documented (`ios-mail`,
//! `gmail-fetcher`, `webmail`) carry those defaults for fields left out; every other client
//! in the fixed list must state the fields. Errors name the site file's line.

use crate::model::{
    Access, Assumption, Auth, Client, Evidence, Fetch, Field, Origin, Protocol, Retention, Security,
};
use crate::site::{EntryFault, ManualEntry, Site, SiteError, SiteFault};
use std::collections::BTreeMap;

/// Clients with documented defaults, then clients whose fields must all be given.
const DEFAULTED: &[&str] = &["ios-mail", "gmail-fetcher", "webmail"];
const REQUIRED: &[&str] = &[
    "hidemaru",
    "thunderbird",
    "outlook",
    "becky",
    "thunderbird-android",
    "other",
];

/// Turns every `[[manual]]` entry into an access; an entry that cannot stand is an error naming its line.
pub fn accesses(site: &Site) -> Result<Vec<Access>, SiteError> {
    site.manual
        .iter()
        .map(|spanned| {
            let start = spanned.span().start;
            let entry = Entry {
                e: spanned.get_ref(),
                path: &site.path,
                line: site.line_of(start),
                keys: key_lines(site, site.line_of(start)),
            };
            entry.access()
        })
        .collect()
}

/// The line of each `key = value` in the table that starts at `header` (1-based).
fn key_lines(site: &Site, header: u32) -> BTreeMap<String, u32> {
    let mut keys = BTreeMap::new();
    // Start at the line after the header rather than counting lines from the top again for
    // every entry: a site file of thousands of entries stays linear.
    let from = site.line_start(header + 1);
    let rest = site.text.get(from..).unwrap_or("");
    let lines = rest
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + header as usize, l));
    for (idx, raw) in lines {
        let t = raw.trim_start();
        if t.starts_with('[') {
            break;
        }
        if let Some((k, _)) = t.split_once('=') {
            let k = k.trim().trim_matches(['"', '\'']);
            if !k.is_empty() && !k.contains(char::is_whitespace) {
                keys.entry(k.to_string()).or_insert(idx as u32 + 1);
            }
        }
    }
    keys
}

struct Entry<'a> {
    e: &'a ManualEntry,
    path: &'a str,
    /// Line of the `[[manual]]` header.
    line: u32,
    keys: BTreeMap<String, u32>,
}

/// How a manual client's fields are filled in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    IosMail,
    GmailFetcher,
    Webmail,
    /// No documented defaults: the fields must be given.
    Stated,
}

impl Entry<'_> {
    fn key_line(&self, key: &str) -> u32 {
        self.keys.get(key).copied().unwrap_or(self.line)
    }

    fn fail(&self, key: Option<&str>, fault: EntryFault) -> SiteError {
        let fault = SiteFault::Entry {
            device: self.e.device.clone(),
            fault,
        };
        let line = key.map_or(self.line, |k| self.key_line(k));
        SiteError::new(self.path, line, 1, fault)
    }

    fn at(&self, key: &str) -> Origin {
        Origin::at(self.path, self.key_line(key))
    }

    fn client_default(client: &str) -> Origin {
        Origin::ClientDefault {
            client: client.to_string(),
        }
    }

    fn missing(&self, key: &str) -> SiteError {
        let key = key.to_string();
        self.fail(None, EntryFault::Missing { key })
    }

    fn access(&self) -> Result<Access, SiteError> {
        let e = self.e;
        if e.device.trim().is_empty() {
            return Err(self.fail(Some("device"), EntryFault::DeviceEmpty));
        }
        let client = e.client.trim().to_ascii_lowercase();
        let kind = match client.as_str() {
            "ios-mail" => Kind::IosMail,
            "gmail-fetcher" => Kind::GmailFetcher,
            "webmail" => Kind::Webmail,
            c if REQUIRED.contains(&c) => Kind::Stated,
            _ => {
                let fault = EntryFault::UnknownClient {
                    client: e.client.clone(),
                    defaulted: DEFAULTED.iter().map(|c| c.to_string()).collect(),
                    required: REQUIRED.iter().map(|c| c.to_string()).collect(),
                };
                return Err(self.fail(Some("client"), fault));
            }
        };
        let mut assumptions = Vec::new();
        let mut provenance = BTreeMap::new();

        let protocol = self.protocol(kind, &client, &mut provenance)?;
        let mailbox = e
            .mailbox
            .clone()
            .or_else(|| e.username.clone().filter(|u| u.contains('@')))
            .filter(|m| !m.trim().is_empty())
            .ok_or_else(|| self.missing("mailbox"))?;
        let mut a = Access::new(
            Client::Manual,
            e.account.as_deref().unwrap_or(&client),
            protocol,
            Evidence {
                path: self.path.to_string(),
                line: Some(self.line),
                col: None,
            },
        );
        a.device = e.device.clone();
        a.app = Some(client.clone());
        a.mailbox = mailbox.trim().to_lowercase();
        match &e.username {
            Some(u) => {
                a.username = u.clone();
                provenance.insert(Field::Username, self.at("username"));
            }
            None => {
                a.username = mailbox.trim().to_string();
                provenance.insert(Field::Username, self.at("mailbox"));
            }
        }
        match &e.host {
            Some(h) if !h.trim().is_empty() => {
                a.host = h.trim().to_string();
                provenance.insert(Field::Host, self.at("host"));
            }
            Some(_) => {
                let key = "host".to_string();
                return Err(self.fail(Some("host"), EntryFault::Empty { key }));
            }
            None if kind == Kind::Stated => return Err(self.missing("host")),
            None => {}
        }
        if let Some(p) = e.port {
            if p == 0 {
                return Err(self.fail(Some("port"), EntryFault::PortZero));
            }
            a.port = Some(p);
            provenance.insert(Field::Port, self.at("port"));
        }
        a.security = self.security(&mut provenance)?;
        if let Some(auth) = self.auth()? {
            a.auth = auth;
            provenance.insert(Field::Auth, self.at("auth"));
        }
        a.fetch = self.fetch(kind, &client, &mut provenance, &mut assumptions);
        for id in &e.identities {
            provenance.insert(Field::Identity(id.clone()), self.at("identities"));
        }
        a.identities = e.identities.clone();
        a.retention = self.retention(kind, &client, protocol, &mut provenance, &mut assumptions)?;
        a.provenance = provenance;
        a.assumptions = assumptions;
        Ok(a)
    }

    fn protocol(
        &self,
        kind: Kind,
        client: &str,
        provenance: &mut BTreeMap<Field, Origin>,
    ) -> Result<Protocol, SiteError> {
        let given = match self.e.protocol.as_deref().map(str::to_ascii_lowercase) {
            Some(p) => Some(match p.trim() {
                "pop3" | "pop" => Protocol::Pop3,
                "imap" => Protocol::Imap,
                "exchange" => Protocol::Exchange,
                other => {
                    let value = other.to_string();
                    return Err(self.fail(Some("protocol"), EntryFault::UnknownProtocol { value }));
                }
            }),
            None => None,
        };
        let fixed = match kind {
            Kind::GmailFetcher => Some(Protocol::Pop3),
            Kind::Webmail => Some(Protocol::Imap),
            _ => None,
        };
        match (given, fixed) {
            (Some(g), Some(f)) if g != f => Err(self.fail(
                Some("protocol"),
                EntryFault::ProtocolFixed {
                    client: client.to_string(),
                    protocol: if f == Protocol::Pop3 { "pop3" } else { "imap" }.to_string(),
                },
            )),
            (Some(g), _) => {
                provenance.insert(Field::Protocol, self.at("protocol"));
                Ok(g)
            }
            (None, Some(f)) => {
                provenance.insert(Field::Protocol, Self::client_default(client));
                Ok(f)
            }
            (None, None) => Err(self.missing("protocol")),
        }
    }

    fn security(&self, provenance: &mut BTreeMap<Field, Origin>) -> Result<Security, SiteError> {
        match self.e.security.as_deref().map(str::to_ascii_lowercase) {
            Some(s) => {
                let sec = match s.trim() {
                    "tls" | "ssl" => Security::Tls,
                    "starttls" => Security::Starttls,
                    "none" => Security::None,
                    other => {
                        let value = other.to_string();
                        return Err(
                            self.fail(Some("security"), EntryFault::UnknownSecurity { value })
                        );
                    }
                };
                provenance.insert(Field::Security, self.at("security"));
                Ok(sec)
            }
            None => {
                provenance.insert(Field::Security, Origin::assumed(Assumption::SiteTlsAssumed));
                Ok(Security::Tls)
            }
        }
    }

    fn auth(&self) -> Result<Option<Auth>, SiteError> {
        let Some(s) = self.e.auth.as_deref() else {
            return Ok(None);
        };
        let all = [
            Auth::PasswordCleartext,
            Auth::PasswordEncrypted,
            Auth::Oauth2,
            Auth::Gssapi,
            Auth::Ntlm,
            Auth::ClientCert,
            Auth::None,
        ];
        let wanted = s.trim().to_ascii_lowercase();
        all.into_iter()
            .find(|a| a.name() == wanted)
            .map(Some)
            .ok_or_else(|| {
                let names = all.iter().map(|a| a.name().to_string()).collect();
                let value = s.to_string();
                self.fail(Some("auth"), EntryFault::UnknownAuth { value, names })
            })
    }

    fn fetch(
        &self,
        kind: Kind,
        client: &str,
        provenance: &mut BTreeMap<Field, Origin>,
        assumptions: &mut Vec<Assumption>,
    ) -> Fetch {
        if let Some(n) = self.e.fetch_interval_minutes {
            provenance.insert(Field::Fetch, self.at("fetch_interval_minutes"));
            // 0 says the device only fetches when its user asks.
            return Fetch {
                automatic: n > 0,
                interval_minutes: Some(n).filter(|n| *n > 0),
                at_startup: false,
            };
        }
        let (automatic, origin) = match kind {
            Kind::Webmail => (false, Self::client_default(client)),
            Kind::GmailFetcher => {
                assumptions.push(Assumption::GmailSchedule);
                (true, Origin::assumed(Assumption::GmailScheduleReason))
            }
            Kind::IosMail => {
                assumptions.push(Assumption::IosNoFetchInterval);
                (true, Origin::assumed(Assumption::NoFetchIntervalReason))
            }
            Kind::Stated => {
                assumptions.push(Assumption::NoFetchInterval);
                (true, Origin::assumed(Assumption::NoFetchIntervalReason))
            }
        };
        provenance.insert(Field::Fetch, origin);
        Fetch {
            automatic,
            interval_minutes: None,
            at_startup: false,
        }
    }

    fn retention(
        &self,
        kind: Kind,
        client: &str,
        protocol: Protocol,
        provenance: &mut BTreeMap<Field, Origin>,
        assumptions: &mut Vec<Assumption>,
    ) -> Result<Option<Retention>, SiteError> {
        let e = self.e;
        let given = [
            ("leave_on_server", e.leave_on_server.is_some()),
            ("delete_after_days", e.delete_after_days.is_some()),
            (
                "delete_when_deleted_locally",
                e.delete_when_deleted_locally.is_some(),
            ),
        ];
        if protocol != Protocol::Pop3 {
            if let Some((key, _)) = given.iter().find(|(_, g)| *g) {
                let fault = EntryFault::PopOnly {
                    key: key.to_string(),
                };
                return Err(self.fail(Some(key), fault));
            }
            return Ok(None);
        }
        if let Some(d) = e.delete_after_days {
            if d < 0 {
                let fault = EntryFault::NegativeDays { days: d };
                return Err(self.fail(Some("delete_after_days"), fault));
            }
        }
        let leave = match (e.leave_on_server, kind) {
            (Some(l), _) => {
                provenance.insert(Field::LeaveOnServer, self.at("leave_on_server"));
                l
            }
            (None, Kind::IosMail) => {
                provenance.insert(Field::LeaveOnServer, Self::client_default(client));
                true
            }
            (None, Kind::GmailFetcher) => {
                // Gmail's default for this box is not confirmed anywhere: an assumption, which
                // the rules word as one.
                provenance.insert(
                    Field::LeaveOnServer,
                    Origin::assumed(Assumption::GmailLeaveUnticked),
                );
                assumptions.push(Assumption::GmailLeaveUnticked);
                false
            }
            (None, _) => return Err(self.missing("leave_on_server")),
        };
        if kind == Kind::GmailFetcher {
            if e.delete_after_days.is_some_and(|d| d > 0) {
                return Err(self.fail(Some("delete_after_days"), EntryFault::GmailNoDays));
            }
            if e.delete_when_deleted_locally == Some(true) {
                let fault = EntryFault::GmailNoLocalDelete;
                return Err(self.fail(Some("delete_when_deleted_locally"), fault));
            }
        }
        let days = match (e.delete_after_days, kind) {
            (Some(d), _) => {
                provenance.insert(Field::DeleteAfterDays, self.at("delete_after_days"));
                Some(d).filter(|d| *d > 0)
            }
            (None, Kind::IosMail | Kind::GmailFetcher) => {
                provenance.insert(Field::DeleteAfterDays, Self::client_default(client));
                None
            }
            (None, _) if !leave => {
                provenance.insert(Field::DeleteAfterDays, self.at("leave_on_server"));
                None
            }
            (None, _) => return Err(self.missing("delete_after_days")),
        };
        let local = match (e.delete_when_deleted_locally, kind) {
            (Some(l), _) => {
                provenance.insert(
                    Field::DeleteWhenDeletedLocally,
                    self.at("delete_when_deleted_locally"),
                );
                l
            }
            (None, Kind::IosMail | Kind::GmailFetcher) => {
                provenance.insert(
                    Field::DeleteWhenDeletedLocally,
                    Self::client_default(client),
                );
                false
            }
            (None, _) if !leave => {
                provenance.insert(Field::DeleteWhenDeletedLocally, self.at("leave_on_server"));
                false
            }
            (None, _) => return Err(self.missing("delete_when_deleted_locally")),
        };
        provenance.insert(
            Field::HeadersOnly,
            Origin::assumed(Assumption::SiteNotGiven),
        );
        Ok(Some(Retention {
            leave_on_server: leave,
            delete_after_days: days,
            delete_when_deleted_locally: local,
            headers_only: false,
            size_limit_kib: None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(toml: &str) -> Result<Access, SiteError> {
        let site = Site::parse(toml, "site.toml").expect("parses");
        accesses(&site).map(|mut v| v.remove(0))
    }

    #[test]
    fn iphone_pop3_keeps_copies_by_apple_default() {
        let a = one("[[manual]]\ndevice = \"iPhone\"\nclient = \"ios-mail\"\nmailbox = \"info@example.co.jp\"\nprotocol = \"pop3\"\nhost = \"pop.example.co.jp\"\n").unwrap();
        let r = a.retention.unwrap();
        assert!(r.leave_on_server);
        assert_eq!(r.delete_after_days, None);
        assert_eq!(
            a.provenance[&Field::LeaveOnServer],
            Origin::ClientDefault {
                client: "ios-mail".into()
            }
        );
        assert_eq!(a.provenance[&Field::Host], Origin::at("site.toml", 6));
        assert_eq!(a.account, "ios-mail");
        assert_eq!(a.source.line, Some(1));
    }

    #[test]
    fn key_lines_stop_at_the_next_table() {
        let site = Site::parse(
            "[[manual]]\ndevice = \"a\"\n  host=\"h\"\nclient = \"x\"\n[[manual]]\nport = 1\ndevice = \"b\"\nclient = \"y\"\n",
            "site.toml",
        )
        .unwrap();
        let k = key_lines(&site, 1);
        assert_eq!(k["device"], 2);
        assert_eq!(k["host"], 3);
        assert!(!k.contains_key("port"));
    }
}
