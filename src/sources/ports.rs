//! Ports and transport security, one place for every reader: the standard port of a protocol
//! over a security, the ports that speak only implicit TLS, and security from an SSL flag and
//! a port (Outlook, PRF, Windows Mail, Becky!, Thunderbird for Android).
//!
//! Clients write the SSL flag only when it differs from their default, yet 995 (POP3),
//! 993 (IMAP) and 465 (SMTP) speak nothing but TLS: an account that fetches there
//! cannot be using plain text, whatever an absent flag would default to.

use crate::model::{Assumption, Origin, Protocol, Security};

/// The port that only speaks implicit TLS for an incoming protocol.
pub fn implicit_tls_port(protocol: Protocol) -> Option<u16> {
    match protocol {
        Protocol::Pop3 => Some(995),
        Protocol::Imap => Some(993),
        _ => None,
    }
}

/// The standard port of a protocol over a security, for files that leave the port out.
pub fn standard_port(protocol: Protocol, security: Security) -> Option<u16> {
    match (protocol, security) {
        (Protocol::Imap, Security::Tls) => Some(993),
        (Protocol::Imap, _) => Some(143),
        (Protocol::Pop3, Security::Tls) => Some(995),
        (Protocol::Pop3, _) => Some(110),
        _ => None,
    }
}

/// True for a port that speaks nothing but implicit TLS: 995 (POP3), 993 (IMAP), 465 (SMTP).
pub fn is_implicit_tls(port: u16) -> bool {
    matches!(port, 993 | 995 | 465)
}

/// The security of an incoming server and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingSecurity {
    /// The effective security.
    pub security: Security,
    /// Provenance for `security`: the flag's line, the client's default, or an assumption.
    pub origin: Origin,
    /// An entry for `Access::assumptions`, when the port and the flag had to be weighed.
    pub note: Option<Assumption>,
}

/// Resolves an incoming server's security.
///
/// `flag` is the SSL value and its line (`None` when the file has none), `port` the port the
/// file names (`None` when absent), `key` the SSL value's name as the file spells it, and
/// `absent` the provenance to record when neither flag nor port decides.
pub fn incoming_security(
    protocol: Protocol,
    flag: Option<(bool, Origin)>,
    port: Option<u16>,
    key: &str,
    absent: Origin,
) -> IncomingSecurity {
    let tls_port = implicit_tls_port(protocol).filter(|p| port == Some(*p));
    match (flag, tls_port) {
        (Some((true, origin)), _) => IncomingSecurity {
            security: Security::Tls,
            origin,
            note: None,
        },
        (Some((false, origin)), Some(p)) => IncomingSecurity {
            security: Security::None,
            origin,
            note: Some(Assumption::SslOffOnTlsPort {
                key: key.to_string(),
                protocol,
                port: p,
            }),
        },
        (Some((false, origin)), None) => IncomingSecurity {
            security: Security::None,
            origin,
            note: None,
        },
        (None, Some(p)) => {
            let reason = Assumption::TlsFromPort {
                key: key.to_string(),
                protocol,
                port: p,
            };
            IncomingSecurity {
                security: Security::Tls,
                origin: Origin::assumed(reason.clone()),
                note: Some(reason),
            }
        }
        (None, None) => IncomingSecurity {
            security: Security::None,
            origin: absent,
            note: None,
        },
    }
}

/// Weighs an SMTP security against port 465, which only speaks SSL/TLS.
///
/// `stated` is what the file's encryption value(s) decoded to, with any note, or `None`
/// when the file has no encryption value at all. Returns the security and the entries
/// for `Access::assumptions`.
pub fn smtp_security(
    stated: Option<(Security, Option<Assumption>)>,
    port: u16,
) -> (Security, Vec<Assumption>) {
    match stated {
        None if port == 465 => (Security::Tls, vec![Assumption::SmtpTlsFromPort465]),
        None => (Security::None, Vec::new()),
        Some((Security::None, note)) if port == 465 => {
            let mut notes: Vec<Assumption> = note.into_iter().collect();
            notes.push(Assumption::SmtpNoneOnPort465);
            (Security::None, notes)
        }
        Some((security, note)) => (security, note.into_iter().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default() -> Origin {
        Origin::ClientDefault {
            client: "outlook".into(),
        }
    }

    #[test]
    fn absent_flag_on_the_tls_port_is_assumed_tls() {
        for (protocol, port) in [(Protocol::Pop3, 995), (Protocol::Imap, 993)] {
            let s = incoming_security(protocol, None, Some(port), "Use SSL", default());
            assert_eq!(s.security, Security::Tls);
            assert!(matches!(s.origin, Origin::Assumed { .. }));
            assert_eq!(
                s.note,
                Some(Assumption::TlsFromPort {
                    key: "Use SSL".into(),
                    protocol,
                    port
                })
            );
        }
    }

    #[test]
    fn stated_off_on_the_tls_port_stays_off_with_a_note() {
        let line = Origin::at("a.reg", 9);
        let s = incoming_security(
            Protocol::Pop3,
            Some((false, line.clone())),
            Some(995),
            "POP3 Use SSL",
            default(),
        );
        assert_eq!(s.security, Security::None);
        assert_eq!(s.origin, line);
        assert!(matches!(
            s.note,
            Some(Assumption::SslOffOnTlsPort { port: 995, .. })
        ));
    }

    #[test]
    fn other_ports_keep_the_flag_or_the_default() {
        let s = incoming_security(Protocol::Pop3, None, Some(110), "k", default());
        assert_eq!(
            (s.security, s.origin, s.note),
            (Security::None, default(), None)
        );
        // 993 is not a POP3 port: no inference across protocols.
        let s = incoming_security(Protocol::Pop3, None, Some(993), "k", default());
        assert_eq!(s.security, Security::None);
        let s = incoming_security(Protocol::Imap, None, None, "k", default());
        assert_eq!(s.security, Security::None);
        let on = Origin::at("a", 1);
        let s = incoming_security(
            Protocol::Imap,
            Some((true, on.clone())),
            Some(143),
            "k",
            default(),
        );
        assert_eq!((s.security, s.origin, s.note), (Security::Tls, on, None));
    }

    #[test]
    fn smtp_on_465() {
        let (s, n) = smtp_security(None, 465);
        assert_eq!(s, Security::Tls);
        assert_eq!(n.len(), 1);
        assert_eq!(smtp_security(None, 587), (Security::None, Vec::new()));
        let (s, n) = smtp_security(Some((Security::None, None)), 465);
        assert_eq!(s, Security::None);
        assert_eq!(n[0], Assumption::SmtpNoneOnPort465);
        let (s, n) = smtp_security(Some((Security::Starttls, None)), 465);
        assert_eq!((s, n.len()), (Security::Starttls, 0));
    }
}
