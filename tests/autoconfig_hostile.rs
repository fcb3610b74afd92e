//! Hostile and broken autoconfig input: always a profile or a problem naming the file, never a
//! panic, a hang or an entity expansion.

use mailaudit::sources::autoconfig::parse_profile;
use proptest::prelude::*;

const GOOD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.co.jp">
    <domain>example.co.jp</domain>
    <incomingServer type="pop3">
      <hostname>pop.example.co.jp</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.example.co.jp</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </outgoingServer>
  </emailProvider>
</clientConfig>
"#;

fn billion_laughs() -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE clientConfig [\n  <!ENTITY lol \"lol\">\n",
    );
    for i in 1..=9 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        s.push_str(&format!(
            "  <!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    s.push_str("]>\n");
    s.push_str(
        &GOOD
            .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "")
            .replace("<domain>example.co.jp</domain>", "<domain>&lol9;</domain>"),
    );
    s
}

#[test]
fn entity_bomb_is_a_problem_on_the_doctype_line() {
    let e = parse_profile(billion_laughs().as_bytes(), "bomb.xml").unwrap_err();
    assert_eq!(e.at.path, "bomb.xml");
    assert_eq!(e.at.line, Some(2));
    assert!(e.message.contains("entities"), "{}", e.message);
}

#[test]
fn external_entity_is_refused_too() {
    let xxe = GOOD.replace(
        "<clientConfig",
        "<!DOCTYPE clientConfig [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<clientConfig",
    );
    assert!(parse_profile(xxe.as_bytes(), "x.xml").is_err());
}

#[test]
fn undeclared_entity_names_its_line() {
    let bad = GOOD.replace("<domain>example.co.jp</domain>", "<domain>&lol;</domain>");
    let e = parse_profile(bad.as_bytes(), "x.xml").unwrap_err();
    assert_eq!(e.at.line, Some(4), "{e:?}");
}

#[test]
fn a_doctype_without_entities_is_harmless() {
    let ok = GOOD.replace("<clientConfig", "<!DOCTYPE clientConfig>\n<clientConfig");
    assert_eq!(
        parse_profile(ok.as_bytes(), "x.xml").unwrap().domains,
        ["example.co.jp"]
    );
}

#[test]
fn every_truncation_is_a_problem_or_a_whole_profile() {
    for cut in 0..GOOD.len() {
        let whole = GOOD[..cut].contains("</clientConfig>");
        match parse_profile(&GOOD.as_bytes()[..cut], "cut.xml") {
            Ok(p) if whole => assert_eq!(p.domains, ["example.co.jp"]),
            Ok(p) => panic!("cut at {cut} gave a profile {:?}", p.incoming),
            Err(e) => assert!(
                !whole && e.at.path == "cut.xml" && e.at.line.is_some(),
                "{e:?}"
            ),
        }
    }
    assert!(parse_profile(GOOD.as_bytes(), "whole.xml").is_ok());
}

#[test]
fn wrong_encodings_still_read() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            GOOD.replace("UTF-8", "UTF-16")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    assert_eq!(
        parse_profile(&utf16, "u16.xml").unwrap().id,
        "example.co.jp"
    );
    let latin = GOOD.replace("example.co.jp</domain>", "caf\u{e9}.example</domain>");
    let bytes: Vec<u8> = latin.chars().map(|c| c as u32 as u8).collect();
    let p = parse_profile(&bytes, "latin.xml").unwrap();
    assert_eq!(p.domains, ["café.example"]);
    assert!(!p.notes.is_empty(), "the guess is said");
}

#[test]
fn huge_and_deep_input_is_bounded() {
    let deep = format!("<clientConfig>{}", "<x>".repeat(100_000));
    assert!(parse_profile(deep.as_bytes(), "deep.xml")
        .unwrap_err()
        .message
        .contains("deeper"));
    let wide = format!("<clientConfig>{}</clientConfig>", "<x/>".repeat(200_000));
    assert!(parse_profile(wide.as_bytes(), "wide.xml")
        .unwrap_err()
        .message
        .contains("elements"));
    let long = GOOD.replace(
        "<domain>example.co.jp</domain>",
        &format!("<domain>{}</domain>", "a".repeat(4_000_000)),
    );
    assert_eq!(
        parse_profile(long.as_bytes(), "long.xml").unwrap().domains[0].len(),
        4_000_000
    );
}

proptest! {
    #[test]
    fn garbled_bytes_never_panic(pos in 0usize..GOOD.len(), junk in proptest::collection::vec(any::<u8>(), 1..8)) {
        let mut b = GOOD.as_bytes().to_vec();
        b.splice(pos..(pos + junk.len()).min(b.len()), junk);
        let _ = parse_profile(&b, "g.xml");
    }
}
