//! popstate.dat: round trips, hostile bytes and large files.

use mailaudit::report::i18n::assumptions::en;
use mailaudit::sources::popstate::{self, Status};
use proptest::prelude::*;

fn status_char(s: Status) -> char {
    match s {
        Status::Keep => 'k',
        Status::Delete => 'd',
        Status::TooBig => 'b',
        Status::FetchBody => 'f',
    }
}

/// An entry as the test writes it; the parser's own borrows from the file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    status: Status,
    uidl: String,
    received_at: Option<i64>,
    line: u32,
}

/// A `*host user` section as the test writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Section {
    host: String,
    user: String,
    line: u32,
    entries: Vec<Entry>,
}

/// The parser's sections in the test's own terms.
fn owned(parsed: &popstate::PopState) -> Vec<Section> {
    parsed
        .sections
        .iter()
        .map(|s| Section {
            host: s.host.clone(),
            user: s.user.clone(),
            line: s.line,
            entries: s
                .entries
                .iter()
                .map(|e| Entry {
                    status: e.status,
                    uidl: String::from_utf8(e.uidl.to_vec()).unwrap(),
                    received_at: e.received_at,
                    line: e.line,
                })
                .collect(),
        })
        .collect()
}

/// Writes sections the way Thunderbird does: header, blank line, `*host user`, entries.
fn render(sections: &[Section], eol: &str) -> String {
    let mut lines = vec![
        "# POP3 State File".to_string(),
        "# This is a generated file!  Do not edit.".to_string(),
        String::new(),
    ];
    for s in sections {
        lines.push(format!("*{} {}", s.host, s.user));
        for e in &s.entries {
            match e.received_at {
                Some(t) => lines.push(format!("{} {} {}", status_char(e.status), e.uidl, t)),
                None => lines.push(format!("{} {}", status_char(e.status), e.uidl)),
            }
        }
    }
    lines.join(eol)
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Keep),
        Just(Status::Delete),
        Just(Status::TooBig),
        Just(Status::FetchBody)
    ]
}

fn entry() -> impl Strategy<Value = Entry> {
    (status(), "[!-~]{1,40}", proptest::option::of(any::<i64>())).prop_map(|(status, uidl, t)| {
        Entry {
            status,
            uidl,
            received_at: t,
            line: 0,
        }
    })
}

fn section() -> impl Strategy<Value = Section> {
    (
        "[a-z0-9.-]{1,30}",
        "[!-~]{1,20}( [!-~]{1,10})?",
        proptest::collection::vec(entry(), 0..20),
    )
        .prop_map(|(host, user, entries)| Section {
            host,
            user,
            line: 0,
            entries,
        })
}

/// Line numbers as the renderer places them.
fn number(sections: &mut [Section]) {
    let mut line = 4;
    for s in sections {
        s.line = line;
        line += 1;
        for e in &mut s.entries {
            e.line = line;
            line += 1;
        }
    }
}

proptest! {
    #[test]
    fn render_then_parse_gives_the_same_sections(
        mut sections in proptest::collection::vec(section(), 1..4),
        crlf in any::<bool>(),
    ) {
        number(&mut sections);
        let text = render(&sections, if crlf { "\r\n" } else { "\n" });
        let parsed = popstate::parse(text.as_bytes());
        prop_assert!(parsed.bad_lines.is_empty(), "{:?}", parsed.bad_lines);
        prop_assert_eq!(owned(&parsed), sections);
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_lines_are_in_range(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let parsed = popstate::parse(&bytes);
        let lines = bytes.iter().filter(|b| **b == b'\n' || **b == b'\r').count() as u32 + 1;
        for b in &parsed.bad_lines {
            prop_assert!(b.line >= 1 && b.line <= lines);
        }
        let (st, _) = parsed.summary("h", "u", "x/popstate.dat");
        let total: usize = parsed.sections.iter().map(|s| s.entries.len()).sum();
        prop_assert!((st.kept + st.partial + st.marked_for_delete) as usize <= total);
    }
}

#[test]
fn summary_counts_each_uidl_once_later_line_wins() {
    let text = "*h u\nk A 10\nk B 20\nd A 30\n";
    let (st, note) = popstate::parse(text.as_bytes()).summary("h", "u", "p");
    assert!(note.is_none());
    assert_eq!((st.kept, st.marked_for_delete), (1, 1));
    assert_eq!(st.oldest, Some(20));
    assert_eq!(st.newest, Some(30));
}

#[test]
fn sections_for_another_server_are_counted_with_a_note() {
    let text = "*other.example u\nk A 10\n";
    let (st, note) = popstate::parse(text.as_bytes()).summary("pop.example.jp", "u", "p");
    assert_eq!(st.kept, 1);
    assert!(en(&note.unwrap()).contains("other.example"));
}

#[test]
fn a_large_file_parses_quickly() {
    let mut text = String::from("# POP3 State File\n\n*pop.example.jp info@example.jp\n");
    for i in 0..200_000u32 {
        text.push_str(&format!("k {:08x}{:024} {}\n", i, i, 1_600_000_000 + i));
    }
    let start = std::time::Instant::now();
    let parsed = popstate::parse(text.as_bytes());
    let (st, _) = parsed.summary("pop.example.jp", "info@example.jp", "p");
    let took = start.elapsed();
    assert_eq!(st.kept, 200_000);
    assert_eq!(st.oldest, Some(1_600_000_000));
    eprintln!("200000 entries ({} bytes) in {took:?}", text.len());
    assert!(took.as_secs() < 10);
}
