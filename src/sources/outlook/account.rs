//! What the Outlook-family readers (Outlook registry, Outlook Express / OMI, PRF,
//! Windows Live Mail) make of an account alike.
//!
//! Each reader reads its own format into [`AccountFacts`]: the values as stored, each
//! with its line, and the few sentences that differ between formats. [`AccountFacts::resolve`]
//! turns them into an [`Access`] the same way for all four: ports, transport security,
//! auth, fetch schedule, identities, outgoing server, provenance and assumptions. POP3
//! retention stays with the reader (bit field or four values, and each its own wording
//! for what is absent) but is recorded through the helpers here.

use super::retention::{decode_four_flags, decode_leave_bits, retention, DecodedRetention};
use crate::model::assumption::Writer;
use crate::model::{
    Access, Assumption, Auth, Client, Evidence, Fetch, Field, Location, Origin, Outgoing, Problem,
    ProblemKind, Protocol, RetentionAnomaly, Security,
};
use crate::sources::ports::{incoming_security, smtp_security};

/// How a reader names where values come from: the report path and the client whose defaults fill gaps.
#[derive(Debug, Clone, Copy)]
pub struct Origins<'a> {
    /// Report path of the file.
    pub rel: &'a str,
    /// Client name recorded for a value the file leaves at the client's default.
    pub client: &'a str,
}

impl Origins<'_> {
    /// The value on `line` of the file.
    pub fn at(&self, line: u32) -> Origin {
        Origin::at(self.rel, line)
    }

    /// The client's default stands in for an absent value.
    pub fn default(&self) -> Origin {
        Origin::ClientDefault {
            client: self.client.into(),
        }
    }
}

/// The plain-text and implicit-TLS ports of an incoming protocol (POP3 when not IMAP).
pub fn default_ports(protocol: Protocol) -> (u16, u16) {
    use crate::model::Security;
    let protocol = if protocol == Protocol::Imap {
        Protocol::Imap
    } else {
        Protocol::Pop3
    };
    let port = |s| crate::sources::ports::standard_port(protocol, s).unwrap_or(0);
    (port(Security::None), port(Security::Tls))
}

/// A stored number as a TCP port (1–65535) with its line; anything else is a problem naming
/// the `setting` it was stored under, when the format names one.
pub fn tcp_port(
    n: u32,
    line: u32,
    rel: &str,
    probs: &mut Vec<Problem>,
    setting: Option<&str>,
) -> Option<(u16, u32)> {
    match u16::try_from(n) {
        Ok(p) if p != 0 => Some((p, line)),
        _ => {
            let kind = ProblemKind::NotTcpPort {
                setting: setting.map(str::to_string),
                number: n,
            };
            probs.push(Problem::new(Location::at(rel, line), kind));
            None
        }
    }
}

/// The account a retention problem is about, as the report names it.
#[derive(Debug, Clone, Copy)]
pub struct Named<'a> {
    /// The program, when the file format does not already say it (`Outlook`).
    pub program: Option<&'a str>,
    /// The account's own name.
    pub account: &'a str,
}

impl Named<'_> {
    /// The problem for a removal setting with no documented meaning.
    fn anomaly(self, at: Location, anomaly: RetentionAnomaly) -> Problem {
        let kind = ProblemKind::RetentionUndocumented {
            program: self.program.map(str::to_string),
            account: self.account.to_string(),
            anomaly,
        };
        Problem::new(at, kind)
    }
}

/// One incoming account as its file states it; `(value, line)` pairs, `None` when absent or unreadable.
#[derive(Debug)]
pub struct AccountFacts<'a> {
    /// Report path and default client.
    pub origins: Origins<'a>,
    /// The client the access is listed under.
    pub client: Client,
    /// The account name shown in reports.
    pub account: String,
    /// POP3 or IMAP.
    pub protocol: Protocol,
    /// First line of the account (its key, section or root element).
    pub line: u32,
    /// The incoming server.
    pub host: (String, u32),
    /// The file the account is written in, as assumptions name it.
    pub writer: Writer,
    /// What the reader had to assume before any value, kept first.
    pub notes: Vec<Assumption>,
    /// The sender address (also the login when no user name is stored).
    pub email: Option<(String, u32)>,
    /// The login name, when stored and not empty.
    pub username: Option<(String, u32)>,
    /// The user name's key as the file spells it, e.g. `POP3 User`.
    pub username_key: String,
    /// The incoming port.
    pub port: Option<(u16, u32)>,
    /// The incoming SSL flag.
    pub ssl: Option<(bool, u32)>,
    /// The SSL flag's name as the file spells it.
    pub ssl_key: String,
    /// The port's key, when an absent port with SSL on is assumed to be the SSL port (the
    /// client's default does not say so).
    pub tls_port_key: Option<String>,
    /// The "secure password authentication" (SPA / Sicily) flag.
    pub spa: Option<(bool, u32)>,
    /// A password value is stored (its data is never read).
    pub password_stored: bool,
    /// When the account is fetched.
    pub fetch: FetchFacts,
    /// The outgoing server, when the account names one.
    pub smtp: Option<SmtpFacts>,
}

/// When an account is fetched: the schedule lives outside the account, so only "skip" is read.
#[derive(Debug)]
pub struct FetchFacts {
    /// Line of a set "skip this account when fetching" flag.
    pub skip_line: Option<u32>,
    /// Provenance for the assumed schedule when the account is fetched.
    pub reason: Assumption,
    /// The assumption for that schedule, as the access lists it.
    pub note: Assumption,
}

impl FetchFacts {
    /// Fetched on the schedule `assumed`, unless a skip flag is set on `skip_line`.
    pub fn assumed(assumed: Assumption, skip_line: Option<u32>) -> Self {
        FetchFacts {
            skip_line,
            reason: assumed.clone(),
            note: assumed,
        }
    }
}

/// The outgoing server as stored.
#[derive(Debug)]
pub struct SmtpFacts {
    /// Host and its line.
    pub host: (String, u32),
    /// The port, 25 when the file has none.
    pub port: u16,
    /// What the encryption value(s) decoded to, with any note; `None` when the file has none.
    pub stated: Option<(Security, Option<Assumption>)>,
    /// How it logs in.
    pub auth: SmtpAuth,
}

/// SMTP authentication as the Outlook family stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpAuth {
    /// No SMTP login.
    None,
    /// Secure password authentication.
    Encrypted,
    /// User name and password.
    Cleartext,
    /// The incoming server's login and method.
    AsIncoming,
}

impl SmtpAuth {
    /// Outlook Express / Windows Mail `SMTP Use Sicily` (SMTPAUTHTYPE): 0 none, 1 SPA, 2 as incoming, 3 name and password.
    pub fn from_sicily(value: Option<u32>) -> Self {
        match value {
            None | Some(0) => SmtpAuth::None,
            Some(1) => SmtpAuth::Encrypted,
            Some(2) => SmtpAuth::AsIncoming,
            Some(_) => SmtpAuth::Cleartext,
        }
    }

    /// Outlook's `SMTP Use Auth` with `SMTP Use SPA`: without SPA it logs in like the incoming server.
    pub fn from_flags(uses_auth: bool, spa: bool) -> Self {
        match (uses_auth, spa) {
            (false, _) => SmtpAuth::None,
            (true, true) => SmtpAuth::Encrypted,
            (true, false) => SmtpAuth::AsIncoming,
        }
    }

    fn resolve(self, incoming: Auth) -> Auth {
        match self {
            SmtpAuth::None => Auth::None,
            SmtpAuth::Encrypted => Auth::PasswordEncrypted,
            SmtpAuth::Cleartext => Auth::PasswordCleartext,
            SmtpAuth::AsIncoming => incoming,
        }
    }
}

impl AccountFacts<'_> {
    /// The access these facts describe, with provenance and assumptions; retention is left to the reader.
    pub fn resolve(self) -> Access {
        let o = self.origins;
        let mut a = Access::new(
            self.client,
            &self.account,
            self.protocol,
            Evidence {
                path: o.rel.to_string(),
                line: Some(self.line),
                col: None,
            },
        );
        let mut assumptions = self.notes;
        let (host, host_line) = self.host;
        a.host = host;
        a.provenance.insert(Field::Host, o.at(host_line));
        match (self.username, &self.email) {
            (Some((u, line)), _) => {
                a.username = u;
                a.provenance.insert(Field::Username, o.at(line));
            }
            (None, Some((e, _))) => {
                a.username = e.clone();
                assumptions.push(Assumption::LoginIsAddress {
                    writer: self.writer.clone(),
                    key: self.username_key.clone(),
                });
                a.provenance.insert(
                    Field::Username,
                    Origin::assumed(Assumption::LoginIsAddressReason {
                        writer: self.writer.clone(),
                        key: self.username_key.clone(),
                    }),
                );
            }
            // The reader says, in its own words, that the mailbox cannot be named.
            (None, None) => {}
        }
        if let Some((e, line)) = self.email {
            a.provenance.insert(Field::Identity(e.clone()), o.at(line));
            a.identities.push(e);
        }
        let sec = incoming_security(
            self.protocol,
            self.ssl.map(|(on, l)| (on, o.at(l))),
            self.port.map(|(p, _)| p),
            &self.ssl_key,
            o.default(),
        );
        a.security = sec.security;
        a.provenance.insert(Field::Security, sec.origin);
        assumptions.extend(sec.note);
        let (plain, tls) = default_ports(self.protocol);
        let (port, origin) = match (self.port, a.security, self.tls_port_key) {
            (Some((p, line)), _, _) => (p, o.at(line)),
            (None, Security::Tls, Some(key)) => {
                assumptions.push(Assumption::SslPort {
                    writer: self.writer.clone(),
                    key: key.clone(),
                    port: tls,
                });
                let reason = Assumption::SslPortReason {
                    writer: self.writer.clone(),
                    key,
                    port: tls,
                };
                (tls, Origin::assumed(reason))
            }
            (None, Security::Tls, None) => (tls, o.default()),
            (None, _, _) => (plain, o.default()),
        };
        a.port = Some(port);
        a.provenance.insert(Field::Port, origin);
        a.auth = if self.spa.is_some_and(|(on, _)| on) {
            Auth::PasswordEncrypted
        } else {
            Auth::PasswordCleartext
        };
        a.provenance.insert(
            Field::Auth,
            self.spa.map_or_else(|| o.default(), |(_, l)| o.at(l)),
        );
        a.password_stored = self.password_stored;
        let automatic = self.fetch.skip_line.is_none();
        a.fetch = Fetch {
            automatic,
            interval_minutes: automatic.then_some(30),
            at_startup: automatic,
        };
        match self.fetch.skip_line {
            Some(line) => {
                a.provenance.insert(Field::Fetch, o.at(line));
            }
            None => {
                a.provenance
                    .insert(Field::Fetch, Origin::assumed(self.fetch.reason));
                assumptions.push(self.fetch.note);
            }
        }
        if let Some(s) = self.smtp {
            let (security, notes) = smtp_security(s.stated, s.port);
            assumptions.extend(notes);
            let (host, line) = s.host;
            a.outgoing.push(Outgoing {
                host,
                port: Some(s.port),
                security,
                auth: s.auth.resolve(a.auth),
                source: Some(Evidence {
                    path: o.rel.to_string(),
                    line: Some(line),
                    col: None,
                }),
            });
        }
        a.assumptions = assumptions;
        a
    }
}

/// The retention fields a POP3 account's leave/remove values decide.
pub const RETENTION_FIELDS: [Field; 3] = [
    Field::LeaveOnServer,
    Field::DeleteAfterDays,
    Field::DeleteWhenDeletedLocally,
];

/// Records `reason` as the provenance of each of `fields`.
pub fn assume_fields(a: &mut Access, fields: &[Field], reason: &Assumption) {
    for f in fields {
        a.provenance
            .insert(f.clone(), Origin::assumed(reason.clone()));
    }
}

/// No retention value at all: assumed removal at download, for the given reason.
pub fn assume_removal(a: &mut Access, reason: Assumption) -> DecodedRetention {
    assume_fields(a, &RETENTION_FIELDS, &reason);
    DecodedRetention {
        retention: retention(false, None, false),
        assumptions: vec![reason],
        anomaly: None,
        days_assumed: None,
    }
}

/// Decodes a `Leave on Server` bit field read on `line`, records it, and reports an anomaly
/// as a problem about the `named` account.
pub fn leave_bits(
    a: &mut Access,
    rel: &str,
    (bits, line): (u32, u32),
    named: Named,
    probs: &mut Vec<Problem>,
) -> DecodedRetention {
    let d = decode_leave_bits(bits);
    for f in RETENTION_FIELDS {
        a.provenance.insert(f, Origin::at(rel, line));
    }
    a.provenance
        .insert(Field::DeleteAfterDays, d.days_origin(Origin::at(rel, line)));
    if let Some(anomaly) = d.anomaly {
        probs.push(named.anomaly(Location::at(rel, line), anomaly));
    }
    d
}

/// The four separate leave/remove values as stored, each with its line.
#[derive(Debug, Clone, Copy, Default)]
pub struct FourFlags {
    /// Leave a copy on the server.
    pub leave: Option<(bool, u32)>,
    /// Remove from the server when deleted locally.
    pub deleted: Option<(bool, u32)>,
    /// Remove from the server after some days.
    pub expired: Option<(bool, u32)>,
    /// That number of days.
    pub days: Option<(u32, u32)>,
}

/// What stands in for an absent "leave a copy" value.
#[derive(Debug, Clone)]
pub enum AbsentLeave {
    /// The client's documented default (off).
    Default,
    /// An assumption (off).
    Assumed(Assumption),
}

impl FourFlags {
    /// Decodes and records the values; an anomaly is reported about the `named` account on
    /// the "remove when expired" line, else on `line`.
    pub fn apply(
        &self,
        a: &mut Access,
        o: Origins,
        absent: AbsentLeave,
        (named, line): (Named, u32),
        probs: &mut Vec<Problem>,
    ) -> DecodedRetention {
        let d = decode_four_flags(
            self.leave.is_some_and(|(on, _)| on),
            self.deleted.is_some_and(|(on, _)| on),
            self.expired.is_some_and(|(on, _)| on),
            self.days.map(|(n, _)| n),
        );
        let days_read = self
            .expired
            .map(|(_, l)| l)
            .or(self.days.map(|(_, l)| l))
            .map_or_else(|| o.default(), |l| o.at(l));
        match (self.leave, absent) {
            (Some((_, l)), _) => {
                a.provenance.insert(Field::LeaveOnServer, o.at(l));
                a.provenance
                    .insert(Field::DeleteAfterDays, d.days_origin(days_read));
            }
            (None, AbsentLeave::Default) => {
                a.provenance.insert(Field::LeaveOnServer, o.default());
                a.provenance
                    .insert(Field::DeleteAfterDays, d.days_origin(days_read));
            }
            (None, AbsentLeave::Assumed(reason)) => {
                // Removal at download then rests on this assumption alone, days included.
                assume_fields(a, &RETENTION_FIELDS[..2], &reason);
                a.assumptions.push(reason);
            }
        }
        a.provenance.insert(
            Field::DeleteWhenDeletedLocally,
            self.deleted.map_or_else(|| o.default(), |(_, l)| o.at(l)),
        );
        if let Some(anomaly) = d.anomaly {
            let line = self.expired.map_or(line, |(_, l)| l);
            probs.push(named.anomaly(Location::at(o.rel, line), anomaly));
        }
        d
    }
}

/// Records a decoded POP3 retention on the access: its assumptions, and headers-only at the client's default.
pub fn set_retention(a: &mut Access, o: Origins, decoded: DecodedRetention) {
    a.provenance.insert(Field::HeadersOnly, o.default());
    a.assumptions.extend(decoded.assumptions);
    a.retention = Some(decoded.retention);
}

#[cfg(test)]
mod tests {
    use super::*;

    const X: Named = Named {
        program: None,
        account: "x",
    };

    const O: Origins = Origins {
        rel: "PC-1/a.reg",
        client: "outlook",
    };

    fn facts() -> AccountFacts<'static> {
        AccountFacts {
            origins: O,
            client: Client::Outlook,
            account: "info".into(),
            protocol: Protocol::Pop3,
            line: 3,
            host: ("pop.example.jp".into(), 4),
            writer: Writer::Outlook,
            notes: vec![Assumption::OutlookDefaultProfileUnknown],
            email: Some(("info@example.jp".into(), 5)),
            username: None,
            username_key: "POP3 User".into(),
            port: None,
            ssl: Some((true, 6)),
            ssl_key: "POP3 Use SSL".into(),
            tls_port_key: None,
            spa: None,
            password_stored: true,
            fetch: FetchFacts {
                skip_line: None,
                reason: Assumption::OutlookSendReceive,
                note: Assumption::PrfNoSchedule,
            },
            smtp: None,
        }
    }

    fn assumed(a: &Access, field: Field) -> bool {
        matches!(a.provenance[&field], Origin::Assumed { .. })
    }

    #[test]
    fn login_falls_back_to_the_address_and_says_so() {
        let a = facts().resolve();
        assert_eq!(a.username, "info@example.jp");
        assert_eq!(a.identities, ["info@example.jp"]);
        assert!(assumed(&a, Field::Username));
        assert_eq!(a.assumptions[0], Assumption::OutlookDefaultProfileUnknown);
        assert_eq!(
            a.assumptions[1],
            Assumption::LoginIsAddress {
                writer: Writer::Outlook,
                key: "POP3 User".into(),
            }
        );
        let mut f = facts();
        f.username = Some(("login".into(), 7));
        let a = f.resolve();
        assert_eq!(a.username, "login");
        assert_eq!(a.provenance[&Field::Username], O.at(7));
    }

    #[test]
    fn absent_port_follows_ssl_and_the_reader_s_reason() {
        let a = facts().resolve();
        assert_eq!(a.port, Some(995));
        assert_eq!(a.provenance[&Field::Port], O.default());
        let mut f = facts();
        f.tls_port_key = Some("POP3 Port".into());
        let a = f.resolve();
        assert_eq!(a.port, Some(995));
        assert!(assumed(&a, Field::Port));
        assert!(a.assumptions.contains(&Assumption::SslPort {
            writer: Writer::Outlook,
            key: "POP3 Port".into(),
            port: 995,
        }));
        let mut f = facts();
        f.ssl = None;
        f.protocol = Protocol::Imap;
        f.tls_port_key = Some("unused".into());
        let a = f.resolve();
        assert_eq!((a.port, a.security), (Some(143), Security::None));
        assert!(!a
            .assumptions
            .iter()
            .any(|x| matches!(x, Assumption::SslPort { .. })));
        let mut f = facts();
        f.port = Some((995, 9));
        f.ssl = None;
        let a = f.resolve();
        assert_eq!(a.security, Security::Tls);
        assert!(assumed(&a, Field::Security));
    }

    #[test]
    fn skip_flag_turns_fetching_off() {
        let a = facts().resolve();
        assert!(a.fetch.automatic && a.fetch.at_startup);
        assert_eq!(a.fetch.interval_minutes, Some(30));
        assert_eq!(
            a.provenance[&Field::Fetch],
            Origin::assumed(Assumption::OutlookSendReceive)
        );
        assert!(a.assumptions.contains(&Assumption::PrfNoSchedule));
        let mut f = facts();
        f.fetch.skip_line = Some(8);
        let a = f.resolve();
        assert!(!a.fetch.automatic && !a.fetch.at_startup);
        assert_eq!(a.fetch.interval_minutes, None);
        assert_eq!(a.provenance[&Field::Fetch], O.at(8));
        assert!(!a.assumptions.contains(&Assumption::PrfNoSchedule));
    }

    #[test]
    fn smtp_login_as_incoming_follows_spa() {
        assert_eq!(SmtpAuth::from_sicily(None), SmtpAuth::None);
        assert_eq!(SmtpAuth::from_sicily(Some(0)), SmtpAuth::None);
        assert_eq!(SmtpAuth::from_sicily(Some(1)), SmtpAuth::Encrypted);
        assert_eq!(SmtpAuth::from_sicily(Some(2)), SmtpAuth::AsIncoming);
        assert_eq!(SmtpAuth::from_sicily(Some(3)), SmtpAuth::Cleartext);
        assert_eq!(SmtpAuth::from_flags(false, true), SmtpAuth::None);
        assert_eq!(SmtpAuth::from_flags(true, true), SmtpAuth::Encrypted);
        assert_eq!(SmtpAuth::from_flags(true, false), SmtpAuth::AsIncoming);
        for (spa, want) in [
            (Some((true, 2)), Auth::PasswordEncrypted),
            (None, Auth::PasswordCleartext),
        ] {
            let mut f = facts();
            f.spa = spa;
            f.smtp = Some(SmtpFacts {
                host: ("smtp.example.jp".into(), 10),
                port: 465,
                stated: None,
                auth: SmtpAuth::AsIncoming,
            });
            let a = f.resolve();
            assert_eq!(a.auth, want);
            let s = &a.outgoing[0];
            assert_eq!(
                (s.auth, s.security, s.port),
                (want, Security::Tls, Some(465))
            );
            assert_eq!(s.source.as_ref().and_then(|e| e.line), Some(10));
            assert_eq!(a.assumptions.last(), Some(&Assumption::SmtpTlsFromPort465));
        }
    }

    #[test]
    fn absent_leave_value_is_a_default_or_an_assumption() {
        let flags = FourFlags {
            deleted: Some((true, 12)),
            ..FourFlags::default()
        };
        let mut probs = Vec::new();
        let mut a = facts().resolve();
        let d = flags.apply(&mut a, O, AbsentLeave::Default, (X, 3), &mut probs);
        assert!(!d.retention.leave_on_server && !d.retention.delete_when_deleted_locally);
        assert_eq!(a.provenance[&Field::LeaveOnServer], O.default());
        assert_eq!(a.provenance[&Field::DeleteWhenDeletedLocally], O.at(12));
        let mut b = facts().resolve();
        let reason = AbsentLeave::Assumed(Assumption::PrfNoLeaveOnServerOthers);
        flags.apply(&mut b, O, reason, (X, 3), &mut probs);
        assert!(assumed(&b, Field::LeaveOnServer) && assumed(&b, Field::DeleteAfterDays));
        assert_eq!(
            b.assumptions.last(),
            Some(&Assumption::PrfNoLeaveOnServerOthers)
        );
        assert!(probs.is_empty());
    }

    #[test]
    fn anomalies_are_problems_on_the_value_s_line() {
        let mut probs = Vec::new();
        let mut a = facts().resolve();
        let flags = FourFlags {
            leave: Some((true, 11)),
            expired: Some((true, 13)),
            days: Some((0, 14)),
            ..FourFlags::default()
        };
        let d = flags.apply(&mut a, O, AbsentLeave::Default, (X, 3), &mut probs);
        assert_eq!(d.retention.delete_after_days, Some(-1));
        assert_eq!(probs[0].at.line, Some(13));
        assert!(probs[0].message.starts_with("account `x`: "));
        let outlook = Named {
            program: Some("Outlook"),
            account: "bits",
        };
        let d = leave_bits(&mut a, O.rel, (0x3, 20), outlook, &mut probs);
        assert_eq!(d.retention.delete_after_days, Some(-1));
        assert_eq!(probs[1].at.line, Some(20));
        assert_eq!(
            *probs[1].kind,
            ProblemKind::RetentionUndocumented {
                program: Some("Outlook".into()),
                account: "bits".into(),
                anomaly: RetentionAnomaly::LeaveBitsZeroDays { value: 0x3 },
            }
        );
        assert!(probs[1]
            .message
            .starts_with("Outlook account `bits`: `Leave on Server` = 0x00000003"));
        assert!(assumed(&a, Field::DeleteAfterDays));
        assert_eq!(a.provenance[&Field::LeaveOnServer], O.at(20));
        set_retention(&mut a, O, d);
        assert_eq!(a.provenance[&Field::HeadersOnly], O.default());
        assert!(a.retention.is_some());
    }

    #[test]
    fn no_retention_value_assumes_removal() {
        let mut a = facts().resolve();
        let d = assume_removal(&mut a, Assumption::PrfNoLeaveOnServer);
        assert_eq!(d.retention, retention(false, None, false));
        assert_eq!(d.assumptions, [Assumption::PrfNoLeaveOnServer]);
        for f in RETENTION_FIELDS {
            assert!(assumed(&a, f.clone()), "{f:?}");
        }
    }

    #[test]
    fn ports_outside_1_to_65535_are_problems() {
        let mut probs = Vec::new();
        assert_eq!(tcp_port(995, 2, "r", &mut probs, None), Some((995, 2)));
        assert_eq!(tcp_port(0, 3, "r", &mut probs, None), None);
        assert_eq!(
            tcp_port(65_536, 4, "r", &mut probs, Some("POP3 Port")),
            None
        );
        let got: Vec<_> = probs
            .iter()
            .map(|p| (p.at.line, p.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(3), "0 is not a TCP port; the default port is used"),
                (
                    Some(4),
                    "value `POP3 Port` = 65536 is not a TCP port; the default port is used"
                )
            ]
        );
        assert_eq!(default_ports(Protocol::Imap), (143, 993));
        assert_eq!(default_ports(Protocol::Pop3), (110, 995));
    }
}
