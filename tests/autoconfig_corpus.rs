//! Every ISPDB file of the shared corpus reads as a provider profile, with the counts the
//! research notes give for that snapshot.

mod support;

use mailaudit::model::{ProviderProfile, Security};
use mailaudit::report::i18n::assumptions::English;
use mailaudit::sources::autoconfig::parse_profile;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/ispdb"
    ));
    if dir.is_dir() {
        Some(dir)
    } else {
        support::skip(format_args!(
            "skipped: the ISPDB corpus folder {} is absent",
            dir.display()
        ));
        None
    }
}

fn read_all(dir: &PathBuf) -> Vec<(String, String, ProviderProfile)> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).unwrap();
            let p = parse_profile(&bytes, &n).unwrap_or_else(|e| panic!("{n}: {e:?}"));
            (n, String::from_utf8(bytes).unwrap(), p)
        })
        .collect()
}

fn count<'a>(it: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
    let mut m = BTreeMap::new();
    for k in it {
        *m.entry(k).or_default() += 1;
    }
    m
}

#[test]
fn all_files_read_with_the_documented_counts() {
    let Some(dir) = corpus() else { return };
    let all = read_all(&dir);
    assert_eq!(all.len(), 163);

    let incoming: Vec<_> = all.iter().flat_map(|(_, _, p)| &p.incoming).collect();
    let kinds = count(incoming.iter().map(|s| s.kind.as_str()));
    let want: BTreeMap<&str, usize> = [
        ("pop3", 165),
        ("imap", 142),
        ("exchange", 1),
        ("ews", 1),
        ("owa", 1),
        ("graph", 1),
    ]
    .into();
    assert_eq!(kinds, want);
    let outgoing: Vec<_> = all.iter().flat_map(|(_, _, p)| &p.outgoing).collect();
    assert_eq!(outgoing.len(), 202);
    assert!(outgoing.iter().all(|s| s.kind == "smtp"));

    // 963 <domain> entries, one of them a repeat (cty-net.ne.jp).
    assert_eq!(
        all.iter().map(|(_, _, p)| p.domains.len()).sum::<usize>(),
        962
    );

    let pop_ports =
        count(
            incoming
                .iter()
                .filter(|s| s.kind == "pop3")
                .map(|s| match (s.port, s.security) {
                    (Some(995), Some(Security::Tls)) => "995/SSL",
                    (Some(110), Some(Security::None)) => "110/plain",
                    (Some(110), Some(Security::Starttls)) => "110/STARTTLS",
                    (Some(993), Some(Security::Tls)) => "993/SSL",
                    _ => "other",
                }),
        );
    let want: BTreeMap<&str, usize> = [
        ("995/SSL", 108),
        ("110/plain", 34),
        ("110/STARTTLS", 22),
        ("993/SSL", 1),
    ]
    .into();
    assert_eq!(pop_ports, want);

    // 227 socketType SSL plus the three URL-only servers, which are https.
    let sec = count(
        incoming
            .iter()
            .map(|s| s.security.map(Security::name).unwrap_or("?")),
    );
    let want: BTreeMap<&str, usize> = [("tls", 230), ("starttls", 45), ("none", 36)].into();
    assert_eq!(sec, want);

    let auths = count(
        incoming
            .iter()
            .flat_map(|s| s.auth.iter().map(String::as_str)),
    );
    let want: BTreeMap<&str, usize> = [
        ("password-cleartext", 287),
        ("oauth2", 31),
        ("password-encrypted", 19),
    ]
    .into();
    assert_eq!(auths, want);

    let users = count(incoming.iter().filter_map(|s| s.username.as_deref()));
    assert_eq!(users["%EMAILADDRESS%"], 239);
    assert_eq!(users["%EMAILLOCALPART%"], 68);
    assert_eq!(users["%EMAILLOCALPART%.%EMAILDOMAIN%"], 2);
    assert_eq!(users["%EMAILADDRESS"], 2);
}

#[test]
fn pop3_blocks_keep_in_ten_files_and_remove_in_one() {
    let Some(dir) = corpus() else { return };
    let all = read_all(&dir);
    let with_pop3: Vec<_> = all
        .iter()
        .filter(|(_, _, p)| p.pop3_retention.is_some())
        .collect();
    assert_eq!(with_pop3.len(), 146, "files offering POP3");
    let mut keep = Vec::new();
    let mut remove = Vec::new();
    for (name, text, p) in &with_pop3 {
        let r = p.pop3_retention.as_ref().unwrap();
        let line = r.source.as_ref().and_then(|e| e.line).unwrap() as usize;
        let shown = text.lines().nth(line - 1).unwrap();
        if shown.contains("<leaveMessagesOnServer>") {
            if r.leave_on_server {
                keep.push(name.as_str());
            } else {
                remove.push(name.as_str());
            }
        }
    }
    assert_eq!(
        keep,
        [
            "active24.com.xml",
            "centurylink.net.xml",
            "centurytel.net.xml",
            "elpasotel.net.xml",
            "googlemail.com.xml",
            "hotmail.com.xml",
            "inbox.lv.xml",
            "mail.ee.xml",
            "office365.com.xml",
            "q.com.xml"
        ]
    );
    assert_eq!(remove, ["runestone.net.xml"]);
    // Every other POP3 offer gets the wizard's defaults: keep, remove 14 days after download.
    let defaults = with_pop3
        .iter()
        .filter(|(_, _, p)| {
            let r = p.pop3_retention.as_ref().unwrap();
            r.leave_on_server && r.delete_after_days == Some(14) && r.delete_when_deleted_locally
        })
        .count();
    assert_eq!(defaults, 145);
    let web = &all.iter().find(|(n, _, _)| n == "web.de.xml").unwrap().2;
    assert!(
        web.notes
            .english()
            .iter()
            .any(|n| n.contains("checkInterval 15 minutes")),
        "{:?}",
        web.notes
    );
}

#[test]
fn edge_cases_from_the_notes() {
    let Some(dir) = corpus() else { return };
    let all = read_all(&dir);
    let get = |n: &str| {
        &all.iter()
            .find(|(f, _, _)| f == n)
            .unwrap_or_else(|| panic!("{n}"))
            .2
    };
    let raw = |n: &str| &all.iter().find(|(f, _, _)| f == n).unwrap().1;

    // No XML declaration, non-ASCII text: read as UTF-8 without a note.
    for n in ["gransy.com.xml", "thinline.cz.xml", "wp.pl.xml"] {
        assert!(
            !raw(n).trim_start().starts_with("<?xml"),
            "{n} has a declaration"
        );
        assert!(
            get(n).notes.english().iter().all(|x| !x.contains("UTF-8")),
            "{n}: {:?}",
            get(n).notes
        );
        assert!(!get(n).incoming.is_empty());
    }
    // CRLF files give the same line numbers as LF files.
    let me = get("me.com.xml");
    assert!(raw("me.com.xml").contains("\r\n"));
    let line = me.incoming[0].source.as_ref().unwrap().line.unwrap() as usize;
    assert!(raw("me.com.xml")
        .lines()
        .nth(line - 1)
        .unwrap()
        .contains("<incomingServer"));
    // The typo element is ignored without a note or a problem.
    assert!(raw("nili.ca.xml").contains("displayNameShort"));
    assert!(
        get("nili.ca.xml").notes.is_empty(),
        "{:?}",
        get("nili.ca.xml").notes
    );
    // Malformed placeholder: kept literally, and said.
    let o365 = get("office365.com.xml");
    assert!(
        o365.notes
            .english()
            .iter()
            .filter(|n| n.contains("%EMAILADDRESS without its closing %"))
            .count()
            == 2
    );
    // URL-only servers: host and security from the URL.
    let ews = o365.incoming.iter().find(|s| s.kind == "ews").unwrap();
    assert_eq!(
        (ews.host.as_str(), ews.security),
        ("outlook.office365.com", Some(Security::Tls))
    );
    let graph = o365.incoming.iter().find(|s| s.kind == "graph").unwrap();
    assert_eq!(graph.host, "graph.microsoft.com");
    // Duplicate domain: counted once, said.
    let cty = get("cty-net.ne.jp.xml");
    assert_eq!(
        cty.domains.iter().filter(|d| *d == "cty-net.ne.jp").count(),
        1
    );
    assert!(cty
        .notes
        .english()
        .iter()
        .any(|n| n.contains("listed again")));
    // Id lower-cased, as Thunderbird's sanitizer does.
    assert_eq!(get("oxcloud-eu.xml").id, "oxcloud-eu");
    // Placeholders in host names survive.
    assert_eq!(get("inbox.lv.xml").incoming[0].host, "mail.%EMAILDOMAIN%");
}
