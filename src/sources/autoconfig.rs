//! Autoconfig `clientConfig` files (Thunderbird's ISPDB format, versions 1.0–1.2) as provider profiles.
//!
//! Read the way Thunderbird's account wizard reads them: the first `emailProvider` counts,
//! unknown elements are ignored, and a `<pop3>` block only overrides what it names; the
//! rest is what the wizard writes for every new POP3 account.

use super::xml::{self, Element};
use super::{Ctx, Input, Readout};
use crate::model::{
    Evidence, Location, Problem, ProblemKind, ProviderNote, ProviderProfile, ProviderRetention,
    ProviderServer, Security,
};

/// What Thunderbird's wizard writes for a new POP3 account when the profile does not say.
const WIZARD_LEAVE: bool = true;
/// Days the wizard keeps copies when `daysToLeaveMessagesOnServer` is absent.
const WIZARD_DAYS: i64 = 14;

/// Placeholders the format defines; anything else between `%` is kept literally.
pub const PLACEHOLDERS: &[&str] = &["EMAILADDRESS", "EMAILLOCALPART", "EMAILDOMAIN", "REALNAME"];

/// Reads one autoconfig file into a provider profile, or a problem naming the line.
pub fn read(input: &Input, ctx: &Ctx) -> Readout {
    let mut out = Readout::default();
    match ctx.read(&input.path) {
        Ok(bytes) => match parse_profile(&bytes, &input.rel) {
            Ok(p) => out.providers.push(p),
            Err(p) => out.problems.push(p),
        },
        Err(p) => out.problems.push(p),
    }
    out
}

/// Parses autoconfig bytes; `shown_path` is the path reports and evidence use.
pub fn parse_profile(bytes: &[u8], shown_path: &str) -> Result<ProviderProfile, Problem> {
    let doc = xml::parse(bytes).map_err(|e| e.problem(shown_path))?;
    let root = &doc.root;
    if root.name != "clientConfig" {
        return Err(Problem::new(
            Location::at(shown_path, root.line),
            ProblemKind::ProfileWrongRoot {
                found: root.name.clone(),
                expected: "clientConfig".to_string(),
            },
        ));
    }
    let mut notes = doc.notes;
    match root.attr("version").map(str::trim) {
        Some("1.0" | "1.1" | "1.2") => {}
        Some(v) => notes.push(ProviderNote::UnknownVersion {
            version: v.to_string(),
        }),
        None => notes.push(ProviderNote::NoVersion),
    }
    let mut providers = root.children_named("emailProvider");
    let ep = providers.next().ok_or_else(|| {
        Problem::new(
            Location::at(shown_path, root.line),
            ProblemKind::NoEmailProvider,
        )
    })?;
    let extra = providers.count();
    if extra > 0 {
        notes.push(ProviderNote::ExtraProviders {
            count: extra + 1,
            line: ep.line,
        });
    }
    let domains = domains(ep, &mut notes);
    if domains.is_empty() {
        return Err(Problem::new(
            Location::at(shown_path, ep.line),
            ProblemKind::NoDomain,
        ));
    }
    let id = match ep.attr("id").map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => id.to_lowercase(),
        None => {
            notes.push(ProviderNote::NoId {
                domain: domains[0].clone(),
            });
            domains[0].clone()
        }
    };
    let mut incoming = Vec::new();
    let mut pop3_blocks: Vec<(usize, Option<&Element>)> = Vec::new();
    for el in ep.children_named("incomingServer") {
        if let Some(s) = server(el, "incomingServer", shown_path, &mut notes) {
            if s.kind == "pop3" {
                pop3_blocks.push((incoming.len(), el.child("pop3")));
            }
            incoming.push(s);
        }
    }
    let outgoing: Vec<ProviderServer> = ep
        .children_named("outgoingServer")
        .filter_map(|el| server(el, "outgoingServer", shown_path, &mut notes))
        .collect();
    if incoming.is_empty() {
        notes.push(ProviderNote::NoUsableServer {
            element: "incomingServer".into(),
        });
    }
    if outgoing.is_empty() {
        notes.push(ProviderNote::NoUsableServer {
            element: "outgoingServer".into(),
        });
    }
    let pop3_retention = pop3_blocks.first().map(|(i, block)| {
        let src = incoming[*i].source.clone();
        retention(*block, src, shown_path, &mut notes)
    });
    if let Some(first) = &pop3_retention {
        for (i, block) in pop3_blocks.iter().skip(1) {
            let mut scratch = Vec::new();
            let other = retention(*block, None, shown_path, &mut scratch);
            if (other.leave_on_server, other.delete_after_days)
                != (first.leave_on_server, first.delete_after_days)
            {
                notes.push(ProviderNote::OtherPop3Retention {
                    line: incoming[*i]
                        .source
                        .as_ref()
                        .and_then(|e| e.line)
                        .unwrap_or(0),
                });
            }
        }
    }
    Ok(ProviderProfile {
        id,
        domains,
        source: Evidence {
            path: shown_path.to_string(),
            line: Some(ep.line),
            col: None,
        },
        incoming,
        outgoing,
        pop3_retention,
        notes,
        note_text: Vec::new(),
    })
}

/// Every `<domain>`, lower-cased, without a trailing dot, each once.
fn domains(ep: &Element, notes: &mut Vec<ProviderNote>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in ep.children_named("domain") {
        let v = d.value().trim_end_matches('.').to_lowercase();
        if v.is_empty() {
            notes.push(ProviderNote::EmptyDomain { line: d.line });
        } else if out.contains(&v) {
            notes.push(ProviderNote::DomainAgain {
                domain: v,
                line: d.line,
            });
        } else {
            out.push(v);
        }
    }
    out
}

/// One incoming or outgoing server; `None` (with a note) when it names no host at all.
fn server(
    el: &Element,
    what: &str,
    path: &str,
    notes: &mut Vec<ProviderNote>,
) -> Option<ProviderServer> {
    let kind = match el.attr("type").map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t.to_lowercase(),
        None => {
            notes.push(ProviderNote::ServerNoType {
                element: what.to_string(),
                line: el.line,
            });
            "unknown".to_string()
        }
    };
    let hostname = el
        .child("hostname")
        .map(Element::value)
        .filter(|h| !h.is_empty());
    let url = el
        .child("url")
        .map(Element::value)
        .filter(|u| !u.is_empty());
    let from_url = url.and_then(split_url);
    let host = match (hostname, &from_url) {
        (Some(h), _) => lower_outside_placeholders(h),
        (None, Some(u)) => u.host.clone(),
        (None, None) => {
            notes.push(ProviderNote::ServerNoHost {
                element: what.to_string(),
                server_type: kind.to_string(),
                line: el.line,
            });
            return None;
        }
    };
    check_placeholders(&host, "hostname", el.line, notes);
    let port = match el.child("port") {
        Some(p) => match p.value().parse::<u16>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                notes.push(ProviderNote::BadPort {
                    value: p.value().to_string(),
                    line: p.line,
                });
                None
            }
        },
        None => from_url.as_ref().and_then(|u| u.port),
    };
    let mut security = None;
    let mut unknown_socket = None;
    for s in el.children_named("socketType") {
        match socket_type(s.value()) {
            Some(sec) => {
                security = Some(sec);
                break;
            }
            None => unknown_socket = unknown_socket.or(Some(s)),
        }
    }
    if security.is_none() {
        if let Some(u) = &from_url {
            security = Some(u.security);
        }
    }
    if let (None, Some(s)) = (security, unknown_socket) {
        notes.push(ProviderNote::BadSocketType {
            value: s.value().to_string(),
            line: s.line,
        });
    }
    let mut auth: Vec<String> = Vec::new();
    for a in el.children_named("authentication") {
        let name = auth_name(a.value());
        if name.is_empty() {
            continue;
        }
        if !KNOWN_AUTH.contains(&name.as_str()) {
            notes.push(ProviderNote::BadAuthentication {
                value: a.value().to_string(),
                line: a.line,
            });
        }
        if !auth.contains(&name) {
            auth.push(name);
        }
    }
    let username = el.child("username").map(|u| {
        check_placeholders(u.value(), "username", u.line, notes);
        u.value().to_string()
    });
    Some(ProviderServer {
        kind,
        host,
        port,
        security,
        auth,
        username,
        source: Some(Evidence {
            path: path.to_string(),
            line: Some(el.line),
            col: None,
        }),
    })
}

/// `socketType` values; Thunderbird's sanitizer knows exactly these three.
fn socket_type(v: &str) -> Option<Security> {
    match v.to_ascii_lowercase().as_str() {
        "ssl" => Some(Security::Tls),
        "starttls" => Some(Security::Starttls),
        "plain" => Some(Security::None),
        _ => None,
    }
}

/// Authentication names after mapping, in the report's spelling.
const KNOWN_AUTH: &[&str] = &[
    "password-cleartext",
    "password-encrypted",
    "oauth2",
    "ntlm",
    "gssapi",
    "client-cert",
    "client-ip-address",
    "smtp-after-pop",
    "none",
];

/// Maps a format's authentication value to the report spelling; 1.0's `plain`/`secure` included.
pub fn auth_name(v: &str) -> String {
    match v.trim().to_ascii_lowercase().as_str() {
        "password-cleartext" | "plain" => "password-cleartext".to_string(),
        "password-encrypted" | "secure" => "password-encrypted".to_string(),
        "oauth2" => "oauth2".to_string(),
        "ntlm" => "ntlm".to_string(),
        "gssapi" => "gssapi".to_string(),
        "tls-client-cert" => "client-cert".to_string(),
        "client-ip-address" => "client-ip-address".to_string(),
        "smtp-after-pop" => "smtp-after-pop".to_string(),
        "none" => "none".to_string(),
        other => other.to_string(),
    }
}

/// Host names are case-insensitive, placeholders are not: lower-case everything outside `%…%`.
fn lower_outside_placeholders(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i].to_lowercase());
        let after = &rest[i + 1..];
        match PLACEHOLDERS
            .iter()
            .find(|p| after.starts_with(&format!("{p}%")))
        {
            Some(p) => {
                out.push('%');
                out.push_str(p);
                out.push('%');
                rest = &after[p.len() + 1..];
            }
            None => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(&rest.to_lowercase());
    out
}

/// Notes a placeholder that lost its closing `%` (clients then use the text literally).
fn check_placeholders(v: &str, field: &str, line: u32, notes: &mut Vec<ProviderNote>) {
    let upper = v.to_ascii_uppercase();
    for p in PLACEHOLDERS {
        let open = format!("%{p}");
        let mut from = 0;
        while let Some(i) = upper[from..].find(&open) {
            let end = from + i + open.len();
            if !upper[end..].starts_with('%') {
                notes.push(ProviderNote::UnclosedPlaceholder {
                    field: field.to_string(),
                    value: v.to_string(),
                    line,
                    placeholder: p.to_string(),
                });
                return;
            }
            from = end + 1;
        }
    }
}

/// The parts of a URL-only server that compare with other servers.
struct UrlParts {
    host: String,
    port: Option<u16>,
    security: Security,
}

fn split_url(url: &str) -> Option<UrlParts> {
    let (scheme, rest) = url.split_once("://")?;
    let security = match scheme.to_ascii_lowercase().as_str() {
        "https" => Security::Tls,
        "http" => Security::None,
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => match p.parse::<u16>() {
            Ok(n) => (h, Some(n)),
            Err(_) => (authority, None),
        },
        _ => (authority, None),
    };
    if host.is_empty() {
        return None;
    }
    Some(UrlParts {
        host: host.to_lowercase(),
        port,
        security,
    })
}

/// The retention Thunderbird's wizard gives a POP3 account set up from this server's block.
fn retention(
    block: Option<&Element>,
    server_source: Option<Evidence>,
    path: &str,
    notes: &mut Vec<ProviderNote>,
) -> ProviderRetention {
    let mut leave = WIZARD_LEAVE;
    let mut days = WIZARD_DAYS;
    let mut source = server_source;
    if let Some(b) = block {
        source = Some(Evidence {
            path: path.to_string(),
            line: Some(b.line),
            col: None,
        });
        // Thunderbird parses these two in one try block: a bad leave value skips the days too.
        match b.child("leaveMessagesOnServer") {
            Some(l) => match parse_bool(l.value()) {
                Some(v) => {
                    leave = v;
                    source = Some(Evidence {
                        path: path.to_string(),
                        line: Some(l.line),
                        col: None,
                    });
                    days_from(b, &mut days, notes);
                }
                None => notes.push(ProviderNote::BadLeave {
                    value: l.value().to_string(),
                    line: l.line,
                }),
            },
            None => days_from(b, &mut days, notes),
        }
        if let Some(d) = b.child("downloadOnBiff") {
            if parse_bool(d.value()) == Some(false) {
                notes.push(ProviderNote::NoDownloadOnBiff { line: d.line });
            }
        }
        if let Some(c) = b.child("checkInterval") {
            notes.push(ProviderNote::CheckIntervalIgnored {
                minutes: c.attr("minutes").unwrap_or("?").to_string(),
                line: c.line,
            });
        }
    }
    ProviderRetention {
        leave_on_server: leave,
        // Zero switches age removal off in Thunderbird; a negative count removes at the next fetch.
        delete_after_days: (days != 0).then_some(days),
        delete_when_deleted_locally: true,
        source,
    }
}

fn days_from(block: &Element, days: &mut i64, notes: &mut Vec<ProviderNote>) {
    if let Some(d) = block.child("daysToLeaveMessagesOnServer") {
        match parse_int_js(d.value()) {
            Some(n) => *days = n,
            None => notes.push(ProviderNote::BadDays {
                value: d.value().to_string(),
                line: d.line,
            }),
        }
    }
}

/// `true`/`false` in any case, as Thunderbird's XML-to-object step accepts them.
fn parse_bool(v: &str) -> Option<bool> {
    if v.eq_ignore_ascii_case("true") {
        Some(true)
    } else if v.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// JavaScript `parseInt`: leading white space, a sign, digits; the rest is ignored.
fn parse_int_js(v: &str) -> Option<i64> {
    let t = v.trim_start();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    let n: i64 = digits[..end].parse().ok()?;
    Some(if neg { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(body: &str) -> ProviderProfile {
        parse_profile(body.as_bytes(), "p.xml").unwrap()
    }

    const POP: &str = r#"<clientConfig version="1.1"><emailProvider id="Example.COM">
<domain>example.com</domain>
<incomingServer type="pop3">
  <hostname>POP.%EMAILDOMAIN%</hostname><port>995</port><socketType>SSL</socketType>
  <authentication>password-cleartext</authentication><username>%EMAILADDRESS%</username>
  BLOCK
</incomingServer>
<outgoingServer type="smtp"><hostname>smtp.example.com</hostname><port>587</port>
  <socketType>STARTTLS</socketType><authentication>password-cleartext</authentication></outgoingServer>
</emailProvider></clientConfig>"#;

    fn with_block(block: &str) -> ProviderProfile {
        profile(&POP.replace("BLOCK", block))
    }

    #[test]
    fn missing_block_gives_the_wizard_defaults() {
        let p = with_block("");
        assert_eq!(p.id, "example.com");
        assert_eq!(p.incoming[0].host, "pop.%EMAILDOMAIN%");
        let r = p.pop3_retention.unwrap();
        assert!(r.leave_on_server && r.delete_when_deleted_locally);
        assert_eq!(r.delete_after_days, Some(14));
        assert_eq!(r.source.unwrap().line, Some(3));
    }

    #[test]
    fn block_values_override_only_what_they_name() {
        let r =
            with_block("<pop3><daysToLeaveMessagesOnServer>7</daysToLeaveMessagesOnServer></pop3>")
                .pop3_retention
                .unwrap();
        assert_eq!((r.leave_on_server, r.delete_after_days), (true, Some(7)));
        let r = with_block("<pop3><leaveMessagesOnServer>FALSE</leaveMessagesOnServer></pop3>")
            .pop3_retention
            .unwrap();
        assert_eq!((r.leave_on_server, r.delete_after_days), (false, Some(14)));
        let r =
            with_block("<pop3><daysToLeaveMessagesOnServer>0</daysToLeaveMessagesOnServer></pop3>")
                .pop3_retention
                .unwrap();
        assert_eq!(r.delete_after_days, None);
    }

    #[test]
    fn bad_leave_value_skips_the_days_too() {
        let p = with_block(
            "<pop3><leaveMessagesOnServer>yes</leaveMessagesOnServer><daysToLeaveMessagesOnServer>3</daysToLeaveMessagesOnServer></pop3>",
        );
        let r = p.pop3_retention.as_ref().unwrap();
        assert_eq!((r.leave_on_server, r.delete_after_days), (true, Some(14)));
        assert!(
            p.notes
                .iter()
                .any(|n| matches!(n, ProviderNote::BadLeave { value, .. } if value == "yes")),
            "{:?}",
            p.notes
        );
    }

    #[test]
    fn days_are_read_like_parse_int() {
        assert_eq!(parse_int_js(" 14 days"), Some(14));
        assert_eq!(parse_int_js("-3"), Some(-3));
        assert_eq!(parse_int_js("x"), None);
        assert_eq!(parse_int_js("99999999999999999999999"), None);
    }

    #[test]
    fn no_pop3_means_no_retention() {
        let p = profile(&POP.replace("pop3\"", "imap\"").replace(
            "BLOCK",
            "<pop3><leaveMessagesOnServer>false</leaveMessagesOnServer></pop3>",
        ));
        assert!(
            p.pop3_retention.is_none(),
            "a <pop3> block under IMAP is ignored"
        );
    }

    #[test]
    fn wrong_root_or_no_domain_is_a_problem() {
        let e = parse_profile(b"<other/>", "x.xml").unwrap_err();
        assert_eq!((e.at.path.as_str(), e.at.line), ("x.xml", Some(1)));
        let e = parse_profile(
            b"<clientConfig><emailProvider id=\"a\">\n</emailProvider></clientConfig>",
            "x.xml",
        )
        .unwrap_err();
        assert!(e.message.contains("no <domain>"), "{}", e.message);
    }

    #[test]
    fn placeholders_survive_lower_casing() {
        assert_eq!(
            lower_outside_placeholders("Mail.%EMAILDOMAIN%"),
            "mail.%EMAILDOMAIN%"
        );
        assert_eq!(lower_outside_placeholders("%EMAILADDRESS"), "%emailaddress");
        assert_eq!(
            lower_outside_placeholders("50%OFF.EXAMPLE"),
            "50%off.example"
        );
    }

    #[test]
    fn urls_give_host_port_security() {
        let u = split_url("https://Outlook.Office365.com/ews/exchange.asmx").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.security),
            ("outlook.office365.com", None, Security::Tls)
        );
        let u = split_url("http://user@h.example:8080?x").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.security),
            ("h.example", Some(8080), Security::None)
        );
        assert!(split_url("mailto:x@y").is_none());
    }
}
