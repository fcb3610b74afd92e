//! Autodiscover POX responses (Outlook's "Plain Old XML") as provider profiles.
//!
//! The format names servers, ports, encryption and the login name, and nothing about
//! keeping POP3 mail on the server; the profile says so in its notes.

use super::xml::{self, Element};
use super::{Ctx, Input, Readout};
use crate::model::{
    Evidence, Location, Problem, ProblemKind, ProviderNote, ProviderProfile, ProviderServer,
    Security,
};

/// Reads one Autodiscover response into a provider profile, or a problem naming the line.
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

/// Parses an Autodiscover POX response; `shown_path` is the path reports and evidence use.
pub fn parse_profile(bytes: &[u8], shown_path: &str) -> Result<ProviderProfile, Problem> {
    let doc = xml::parse(bytes).map_err(|e| e.problem(shown_path))?;
    let root = &doc.root;
    let problem = |line: u32, kind: ProblemKind| Problem::new(Location::at(shown_path, line), kind);
    if !root.name.eq_ignore_ascii_case("Autodiscover") {
        return Err(problem(
            root.line,
            ProblemKind::ProfileWrongRoot {
                found: root.name.clone(),
                expected: "Autodiscover".to_string(),
            },
        ));
    }
    let response = root
        .child_ci("Response")
        .ok_or_else(|| problem(root.line, ProblemKind::NoResponse))?;
    if let Some(err) = response.child_ci("Error") {
        let msg = err.child_ci("Message").map(Element::value).unwrap_or("");
        return Err(problem(
            err.line,
            ProblemKind::AutodiscoverError {
                message: msg.to_string(),
            },
        ));
    }
    if response.child_ci("Account").is_none() && root.child_ci("Request").is_some() {
        return Err(problem(root.line, ProblemKind::AutodiscoverRequest));
    }
    let account = response
        .child_ci("Account")
        .ok_or_else(|| problem(response.line, ProblemKind::NoAccount))?;
    let action = account
        .child_ci("Action")
        .map(Element::value)
        .unwrap_or("settings");
    if !action.eq_ignore_ascii_case("settings") {
        let target = account
            .child_ci("RedirectAddr")
            .or_else(|| account.child_ci("RedirectUrl"))
            .map(Element::value)
            .unwrap_or("?");
        return Err(problem(
            account.line,
            ProblemKind::Redirect {
                action: action.to_string(),
                target: target.to_string(),
            },
        ));
    }
    let mut notes = doc.notes;
    let user_addr = response
        .child_ci("User")
        .and_then(|u| {
            u.child_ci("AutoDiscoverSMTPAddress")
                .or_else(|| u.child_ci("EMailAddress"))
        })
        .map(|e| e.value().to_lowercase())
        .filter(|a| a.contains('@'));
    let mut incoming = Vec::new();
    let mut outgoing = Vec::new();
    let mut logins: Vec<String> = Vec::new();
    for p in account.children_ci("Protocol") {
        let Some(server) = protocol(p, shown_path, user_addr.as_deref(), &mut notes) else {
            continue;
        };
        if let Some(login) = p.child_ci("LoginName").map(Element::value) {
            logins.push(login.to_lowercase());
        }
        if server.kind == "smtp" {
            outgoing.push(server);
        } else {
            incoming.push(server);
        }
    }
    let domains = domains(
        user_addr.as_deref(),
        &logins,
        &incoming,
        &outgoing,
        &mut notes,
    );
    let Some(id) = domains.first().cloned() else {
        return Err(problem(account.line, ProblemKind::NoMailDomain));
    };
    if incoming.iter().any(|s| s.kind == "pop3") {
        // Said on every Autodiscover profile: what a new device keeps is not in the file.
        notes.push(ProviderNote::NoRetention);
    }
    Ok(ProviderProfile {
        id,
        domains,
        source: Evidence {
            path: shown_path.to_string(),
            line: Some(account.line),
            col: None,
        },
        incoming,
        outgoing,
        pop3_retention: None,
        notes,
        note_text: Vec::new(),
    })
}

/// One `<Protocol>`; `None` (with a note) for types or entries that name no server.
fn protocol(
    p: &Element,
    path: &str,
    user_addr: Option<&str>,
    notes: &mut Vec<ProviderNote>,
) -> Option<ProviderServer> {
    let ty = p.child_ci("Type").map(Element::value).unwrap_or("");
    let kind = ty.to_ascii_lowercase();
    let Some(host) = p
        .child_ci("Server")
        .map(Element::value)
        .filter(|h| !h.is_empty())
    else {
        if matches!(kind.as_str(), "pop3" | "imap" | "smtp") {
            notes.push(ProviderNote::ProtocolNoServer {
                protocol: ty.to_string(),
                line: p.line,
            });
        }
        return None;
    };
    let port = p
        .child_ci("Port")
        .and_then(|e| match e.value().parse::<u16>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                notes.push(ProviderNote::AdBadPort {
                    value: e.value().to_string(),
                    line: e.line,
                });
                None
            }
        });
    let security = security(p, port, notes);
    let mut auth = Vec::new();
    if on_off(p.child_ci("AuthRequired"), true) {
        // Microsoft documents SPA as on when the element is absent.
        auth.push(if on_off(p.child_ci("SPA"), true) {
            "password-encrypted".to_string()
        } else {
            "password-cleartext".to_string()
        });
    } else {
        auth.push("none".to_string());
    }
    if kind == "smtp" && on_off(p.child_ci("SMTPLast"), false) {
        auth.push("smtp-after-pop".to_string());
    }
    let username = Some(username_form(p, user_addr, notes));
    Some(ProviderServer {
        kind,
        host: host.trim_end_matches('.').to_lowercase(),
        port,
        security: Some(security),
        auth,
        username,
        source: Some(Evidence {
            path: path.to_string(),
            line: Some(p.line),
            col: None,
        }),
    })
}

/// `Encryption` when present (an ISP extension), else `SSL` (on unless it says off).
fn security(p: &Element, port: Option<u16>, notes: &mut Vec<ProviderNote>) -> Security {
    if let Some(e) = p.child_ci("Encryption") {
        match e.value().to_ascii_lowercase().as_str() {
            "ssl" => return Security::Tls,
            "starttls" => return Security::Starttls,
            "tls" => {
                notes.push(ProviderNote::EncryptionTls { line: e.line });
                return Security::Starttls;
            }
            "none" => return Security::None,
            other => notes.push(ProviderNote::UnknownEncryption {
                value: other.to_string(),
                line: e.line,
            }),
        }
    }
    if on_off(p.child_ci("SSL"), true) {
        if matches!(port, Some(25 | 110 | 143 | 587)) {
            notes.push(ProviderNote::SslOnPort {
                port: port.unwrap_or(0),
                line: p.line,
            });
        }
        Security::Tls
    } else {
        Security::None
    }
}

/// `on`/`off` elements; anything else (or absence) is the documented default.
fn on_off(e: Option<&Element>, default: bool) -> bool {
    match e.map(|e| e.value().to_ascii_lowercase()) {
        Some(v) if v == "on" => true,
        Some(v) if v == "off" => false,
        _ => default,
    }
}

/// The login name as a form shared by every address of the domain, when it can be told.
fn username_form(p: &Element, user_addr: Option<&str>, notes: &mut Vec<ProviderNote>) -> String {
    let login = p.child_ci("LoginName").map(Element::value).unwrap_or("");
    if login.is_empty() {
        notes.push(ProviderNote::NoLoginName { line: p.line });
        return "%EMAILLOCALPART%".to_string();
    }
    let lower = login.to_lowercase();
    match user_addr {
        Some(addr) if lower == addr => "%EMAILADDRESS%".to_string(),
        Some(addr) if addr.split('@').next() == Some(lower.as_str()) => {
            "%EMAILLOCALPART%".to_string()
        }
        None if lower.contains('@') => "%EMAILADDRESS%".to_string(),
        _ => login.to_string(),
    }
}

/// Mail domains: from the addresses in the file, else from the server names.
fn domains(
    user_addr: Option<&str>,
    logins: &[String],
    incoming: &[ProviderServer],
    outgoing: &[ProviderServer],
    notes: &mut Vec<ProviderNote>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for addr in user_addr
        .into_iter()
        .chain(logins.iter().map(String::as_str))
    {
        if let Some((_, d)) = addr.rsplit_once('@') {
            let d = d.trim_end_matches('.').to_string();
            if !d.is_empty() && !out.contains(&d) {
                out.push(d);
            }
        }
    }
    if out.is_empty() {
        for s in incoming.iter().chain(outgoing) {
            let labels: Vec<&str> = s.host.split('.').collect();
            if labels.len() >= 3 && !labels.iter().all(|l| l.chars().all(|c| c.is_ascii_digit())) {
                let d = labels[1..].join(".");
                if !out.contains(&d) {
                    out.push(d);
                }
            }
        }
        if !out.is_empty() {
            notes.push(ProviderNote::DomainFromServers {
                domains: out.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const POX: &str = r#"<?xml version="1.0" encoding="utf-8" ?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <User><DisplayName>Example</DisplayName><AutoDiscoverSMTPAddress>info@example.co.jp</AutoDiscoverSMTPAddress></User>
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
      <Protocol>
        <Type>POP3</Type>
        <Server>POP.Example.co.jp</Server>
        <Port>995</Port>
        <LoginName>info@example.co.jp</LoginName>
        <SPA>off</SPA>
        <SSL>on</SSL>
        <AuthRequired>on</AuthRequired>
      </Protocol>
      <Protocol>
        <Type>SMTP</Type>
        <Server>smtp.example.co.jp</Server>
        <Port>587</Port>
        <LoginName>info</LoginName>
        <Encryption>TLS</Encryption>
        <SMTPLast>off</SMTPLast>
      </Protocol>
    </Account>
  </Response>
</Autodiscover>
"#;

    #[test]
    fn servers_security_auth_and_login_forms() {
        let p = parse_profile(POX.as_bytes(), "ad.xml").unwrap();
        assert_eq!(p.id, "example.co.jp");
        assert_eq!(p.domains, ["example.co.jp"]);
        let pop = &p.incoming[0];
        assert_eq!(
            (pop.kind.as_str(), pop.host.as_str(), pop.port),
            ("pop3", "pop.example.co.jp", Some(995))
        );
        assert_eq!(pop.security, Some(Security::Tls));
        assert_eq!(pop.auth, ["password-cleartext"]);
        assert_eq!(pop.username.as_deref(), Some("%EMAILADDRESS%"));
        assert_eq!(pop.source.as_ref().unwrap().line, Some(8));
        let smtp = &p.outgoing[0];
        assert_eq!(smtp.security, Some(Security::Starttls));
        assert_eq!(smtp.auth, ["password-encrypted"], "SPA is on when absent");
        assert_eq!(smtp.username.as_deref(), Some("%EMAILLOCALPART%"));
        assert!(p.pop3_retention.is_none());
        assert!(p.notes.contains(&ProviderNote::NoRetention));
        assert!(p
            .notes
            .iter()
            .any(|n| matches!(n, ProviderNote::EncryptionTls { .. })));
    }

    #[test]
    fn domain_from_server_names_when_no_address() {
        let bare = POX
            .replace(
                "<AutoDiscoverSMTPAddress>info@example.co.jp</AutoDiscoverSMTPAddress>",
                "",
            )
            .replace("<LoginName>info@example.co.jp</LoginName>", "")
            .replace("<LoginName>info</LoginName>", "<LoginName></LoginName>");
        let p = parse_profile(bare.as_bytes(), "ad.xml").unwrap();
        assert_eq!(p.domains, ["example.co.jp"]);
        assert_eq!(p.incoming[0].username.as_deref(), Some("%EMAILLOCALPART%"));
        assert!(p
            .notes
            .iter()
            .any(|n| matches!(n, ProviderNote::DomainFromServers { .. })));
    }

    #[test]
    fn redirects_errors_and_requests_are_problems() {
        let redirect = POX.replace(
            "<Action>settings</Action>",
            "<Action>redirectAddr</Action><RedirectAddr>x@y.example</RedirectAddr>",
        );
        let e = parse_profile(redirect.as_bytes(), "ad.xml").unwrap_err();
        assert!(e.message.contains("x@y.example"), "{}", e.message);
        let err = br#"<Autodiscover><Response><Error Time="1" Id="2"><ErrorCode>600</ErrorCode><Message>Invalid Request</Message></Error></Response></Autodiscover>"#;
        assert!(parse_profile(err, "e.xml")
            .unwrap_err()
            .message
            .contains("Invalid Request"));
        let req = br#"<Autodiscover><Request><EMailAddress>a@b.example</EMailAddress></Request></Autodiscover>"#;
        assert!(parse_profile(req, "r.xml").is_err());
        assert!(parse_profile(b"<clientConfig/>", "c.xml").is_err());
    }

    #[test]
    fn ssl_off_and_no_auth() {
        let plain = POX.replace("<SSL>on</SSL>", "<SSL>off</SSL>").replace(
            "<AuthRequired>on</AuthRequired>",
            "<AuthRequired>off</AuthRequired>",
        );
        let p = parse_profile(plain.as_bytes(), "ad.xml").unwrap();
        assert_eq!(p.incoming[0].security, Some(Security::None));
        assert_eq!(p.incoming[0].auth, ["none"]);
    }
}
