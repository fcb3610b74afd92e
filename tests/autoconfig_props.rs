//! Property: any profile rendered as autoconfig XML parses back to the same profile.

use mailaudit::model::Security;
use mailaudit::sources::autoconfig::parse_profile;
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Server {
    kind: &'static str,
    host: String,
    port: u16,
    socket: (&'static str, Security),
    auth: Vec<&'static str>,
    username: &'static str,
}

#[derive(Debug, Clone)]
struct Profile {
    domains: Vec<String>,
    incoming: Vec<Server>,
    smtp: Server,
    pop3: Option<(Option<bool>, Option<i64>)>,
}

fn host() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,8}(\\.[a-z]{2,5}){1,2}"
}

fn server(kinds: &'static [&'static str]) -> impl Strategy<Value = Server> {
    (
        proptest::sample::select(kinds),
        host(),
        1u16..,
        proptest::sample::select(vec![
            ("SSL", Security::Tls),
            ("STARTTLS", Security::Starttls),
            ("plain", Security::None),
        ]),
        proptest::sample::subsequence(
            vec!["OAuth2", "password-cleartext", "password-encrypted"],
            0..3,
        ),
        proptest::sample::select(vec!["%EMAILADDRESS%", "%EMAILLOCALPART%", "fixed-user"]),
    )
        .prop_map(|(kind, host, port, socket, auth, username)| Server {
            kind,
            host,
            port,
            socket,
            auth,
            username,
        })
}

fn profile() -> impl Strategy<Value = Profile> {
    (
        proptest::collection::btree_set(host(), 1..4),
        proptest::collection::vec(server(&["pop3", "imap"]), 1..4),
        server(&["smtp"]),
        proptest::option::of((
            proptest::option::of(any::<bool>()),
            proptest::option::of(-5i64..400),
        )),
    )
        .prop_map(|(domains, incoming, smtp, pop3)| Profile {
            domains: domains.into_iter().collect(),
            incoming,
            smtp,
            pop3,
        })
}

fn render(p: &Profile, crlf: bool) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<clientConfig version=\"1.1\">\n",
    );
    s.push_str(&format!("  <emailProvider id=\"{}\">\n", p.domains[0]));
    for d in &p.domains {
        s.push_str(&format!("    <domain>{d}</domain>\n"));
    }
    let srv = |tag: &str, x: &Server, extra: &str| {
        let mut t = format!("    <{tag} type=\"{}\">\n", x.kind);
        t.push_str(&format!(
            "      <hostname>{}</hostname>\n      <port>{}</port>\n",
            x.host, x.port
        ));
        t.push_str(&format!("      <socketType>{}</socketType>\n", x.socket.0));
        for a in &x.auth {
            t.push_str(&format!("      <authentication>{a}</authentication>\n"));
        }
        t.push_str(&format!(
            "      <username>{}</username>\n{extra}    </{tag}>\n",
            x.username
        ));
        t
    };
    for x in &p.incoming {
        let mut block = String::new();
        if let (Some((leave, days)), "pop3") = (&p.pop3, x.kind) {
            block.push_str("      <pop3>\n");
            if let Some(l) = leave {
                block.push_str(&format!(
                    "        <leaveMessagesOnServer>{l}</leaveMessagesOnServer>\n"
                ));
            }
            if let Some(d) = days {
                block.push_str(&format!(
                    "        <daysToLeaveMessagesOnServer>{d}</daysToLeaveMessagesOnServer>\n"
                ));
            }
            block.push_str("      </pop3>\n");
        }
        s.push_str(&srv("incomingServer", x, &block));
    }
    s.push_str(&srv("outgoingServer", &p.smtp, ""));
    s.push_str("  </emailProvider>\n</clientConfig>\n");
    if crlf {
        s.replace('\n', "\r\n")
    } else {
        s
    }
}

proptest! {
    #[test]
    fn rendered_profiles_parse_back(p in profile(), crlf in any::<bool>()) {
        let got = parse_profile(render(&p, crlf).as_bytes(), "gen.xml").unwrap();
        prop_assert_eq!(&got.domains, &p.domains);
        prop_assert_eq!(got.incoming.len(), p.incoming.len());
        for (g, w) in got.incoming.iter().zip(&p.incoming).chain(got.outgoing.iter().zip([&p.smtp])) {
            prop_assert_eq!(g.kind.as_str(), w.kind);
            prop_assert_eq!(&g.host, &w.host);
            prop_assert_eq!(g.port, Some(w.port));
            prop_assert_eq!(g.security, Some(w.socket.1));
            let want: Vec<String> = w.auth.iter().map(|a| a.to_lowercase()).collect();
            prop_assert_eq!(&g.auth, &want);
            prop_assert_eq!(g.username.as_deref(), Some(w.username));
        }
        let offers_pop3 = p.incoming.iter().any(|s| s.kind == "pop3");
        prop_assert_eq!(got.pop3_retention.is_some(), offers_pop3);
        if let Some(r) = got.pop3_retention {
            let (leave, days) = p.pop3.unwrap_or((None, None));
            prop_assert_eq!(r.leave_on_server, leave.unwrap_or(true));
            let days = days.unwrap_or(14);
            prop_assert_eq!(r.delete_after_days, (days != 0).then_some(days));
            prop_assert!(r.delete_when_deleted_locally);
        }
    }
}
