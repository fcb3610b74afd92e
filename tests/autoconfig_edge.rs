//! The unusual files the research notes list, as small fixtures that need no corpus,
//! plus the three format versions.

use mailaudit::model::Security;
use mailaudit::report::i18n::assumptions::English;
use mailaudit::sources::autoconfig::parse_profile;

fn parse(s: &str) -> mailaudit::model::ProviderProfile {
    parse_profile(s.as_bytes(), "p.xml").unwrap_or_else(|e| panic!("{e:?}"))
}

const BODY: &str = "<clientConfig version=\"1.1\">\n<emailProvider id=\"example.cz\">\n<domain>example.cz</domain>\n\
<displayName>Poskytovatel pošty Žluťoučký</displayName>\n\
<incomingServer type=\"imap\">\n<hostname>imap.example.cz</hostname>\n<port>993</port>\n\
<socketType>SSL</socketType>\n<authentication>password-cleartext</authentication>\n\
<username>%EMAILADDRESS%</username>\n</incomingServer>\n\
<outgoingServer type=\"smtp\">\n<hostname>smtp.example.cz</hostname>\n<port>465</port>\n\
<socketType>SSL</socketType>\n<authentication>password-cleartext</authentication>\n\
<username>%EMAILADDRESS%</username>\n</outgoingServer>\n</emailProvider>\n</clientConfig>\n";

#[test]
fn no_declaration_with_non_ascii_text_is_utf8() {
    let p = parse(BODY);
    assert!(p.notes.is_empty(), "{:?}", p.notes);
    assert_eq!(p.incoming[0].host, "imap.example.cz");
}

#[test]
fn crlf_gives_the_same_lines_as_lf() {
    let lf = parse(BODY);
    let crlf = parse(&BODY.replace('\n', "\r\n"));
    assert_eq!(crlf.incoming[0].source, lf.incoming[0].source);
    assert_eq!(crlf.incoming[0].source.as_ref().unwrap().line, Some(5));
    assert_eq!(crlf.source.line, Some(2));
}

#[test]
fn a_typo_element_is_ignored() {
    let p = parse(&BODY.replace(
        "<displayName>",
        "<displayNameShort>Short</displayNameShort><displayName>",
    ));
    assert!(p.notes.is_empty(), "{:?}", p.notes);
    assert_eq!(p.incoming.len(), 1);
}

#[test]
fn a_placeholder_missing_its_percent_is_kept_and_said() {
    let p = parse(&BODY.replacen(
        "<username>%EMAILADDRESS%</username>",
        "<username>%EMAILADDRESS</username>",
        1,
    ));
    assert_eq!(p.incoming[0].username.as_deref(), Some("%EMAILADDRESS"));
    assert!(p.notes.english()[0].contains("line 10"), "{:?}", p.notes);
}

#[test]
fn url_only_servers_keep_their_type() {
    let p = parse(&BODY.replace(
        "</outgoingServer>",
        "</outgoingServer>\n<incomingServer type=\"ews\"><username>%EMAILADDRESS%</username>\
         <authentication>OAuth2</authentication><url>https://mail.example.cz:8443/ews/exchange.asmx</url></incomingServer>\
         <incomingServer type=\"graph\"><authentication>OAuth2</authentication></incomingServer>",
    ));
    let ews = &p.incoming[1];
    assert_eq!(
        (ews.kind.as_str(), ews.host.as_str(), ews.port, ews.security),
        ("ews", "mail.example.cz", Some(8443), Some(Security::Tls))
    );
    assert_eq!(ews.auth, ["oauth2"]);
    assert_eq!(
        p.incoming.len(),
        2,
        "a server with neither hostname nor url is skipped"
    );
    assert!(p
        .notes
        .english()
        .iter()
        .any(|n| n.contains("names no hostname or url")));
}

#[test]
fn a_duplicate_domain_is_counted_once() {
    let p = parse(&BODY.replace(
        "<domain>example.cz</domain>",
        "<domain>example.cz</domain>\n<domain>EXAMPLE.cz.</domain>\n<domain>example.sk</domain>",
    ));
    assert_eq!(p.domains, ["example.cz", "example.sk"]);
    assert!(
        p.notes.english()[0].contains("listed again at line 4"),
        "{:?}",
        p.notes
    );
}

#[test]
fn version_1_0_auth_names_and_1_2_types() {
    let v10 = parse(
        &BODY
            .replace("version=\"1.1\"", "version=\"1.0\"")
            .replacen("password-cleartext", "plain", 1)
            .replacen("password-cleartext", "secure", 1),
    );
    assert_eq!(v10.incoming[0].auth, ["password-cleartext"]);
    assert_eq!(v10.outgoing[0].auth, ["password-encrypted"]);
    assert!(v10.notes.is_empty());
    let v12 = parse(&BODY.replace("version=\"1.1\"", "version=\"1.2\"").replace(
        "</outgoingServer>",
        "</outgoingServer><incomingServer type=\"jmap\"><url>https://jmap.example.cz/.well-known/jmap</url>\
         <authentication system=\"http\">OAuth2</authentication></incomingServer>",
    ));
    assert_eq!(v12.incoming[1].kind, "jmap");
    assert!(v12.notes.is_empty(), "{:?}", v12.notes);
    let v9 = parse(&BODY.replace("version=\"1.1\"", "version=\"9\""));
    assert!(v9.notes.english()[0].contains("version \"9\""));
}

#[test]
fn only_the_first_email_provider_counts() {
    let two = BODY.replace(
        "</emailProvider>\n</clientConfig>",
        "</emailProvider>\n<emailProvider id=\"other.example\"><domain>other.example</domain></emailProvider>\n</clientConfig>",
    );
    let p = parse(&two);
    assert_eq!(p.domains, ["example.cz"]);
    assert!(p
        .notes
        .english()
        .iter()
        .any(|n| n.contains("only the first")));
}

#[test]
fn pop3_server_ordering_decides_the_retention() {
    let pops = BODY.replace(
        "<incomingServer type=\"imap\">",
        "<incomingServer type=\"pop3\"><hostname>pop.example.cz</hostname><port>995</port><socketType>SSL</socketType>\
         <pop3><leaveMessagesOnServer>false</leaveMessagesOnServer></pop3></incomingServer>\
         <incomingServer type=\"pop3\"><hostname>pop.example.cz</hostname><port>110</port><socketType>STARTTLS</socketType>\
         </incomingServer>\n<incomingServer type=\"imap\">",
    );
    let p = parse(&pops);
    let r = p.pop3_retention.unwrap();
    assert!(
        !r.leave_on_server,
        "the first POP3 server is the one a new device gets"
    );
    assert!(
        p.notes
            .english()
            .iter()
            .any(|n| n.contains("different retention")),
        "{:?}",
        p.notes
    );
}
