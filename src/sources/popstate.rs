//! Thunderbird's `popstate.dat`: which messages one POP3 server's directory has left on the server.
//!
//! The file is a header, one `*host user` line, then `status uidl receivedAt` lines
//! (`k` kept, `d` delete at next fetch, `b` headers only, `f` fetch body next time).
//! Files written by the pre-2022 C++ client may hold several `*host user` sections.

use crate::model::{Assumption, Evidence, Problem, ServerState, SyntaxCode};
use crate::sources::limit::{self, MAX_PROBLEMS_PER_FILE};
use std::collections::{HashMap, HashSet};

/// What Thunderbird remembers about one message on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// `k`: downloaded and left on the server.
    Keep,
    /// `d`: to be removed from the server at the next fetch.
    Delete,
    /// `b`: only headers (or the first lines) were downloaded; stays on the server.
    TooBig,
    /// `f`: headers only so far, the full message is fetched at the next session.
    FetchBody,
}

impl Status {
    fn from_field(s: &[u8]) -> Option<Status> {
        match s {
            b"k" => Some(Status::Keep),
            b"d" => Some(Status::Delete),
            b"b" => Some(Status::TooBig),
            b"f" => Some(Status::FetchBody),
            _ => None,
        }
    }
}

/// One `status uidl receivedAt` line, borrowing its UIDL from the file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// What Thunderbird will do with the message.
    pub status: Status,
    /// The server's unique id of the message, as the bytes in the file.
    pub uidl: &'a [u8],
    /// Unix seconds when this device stored the status; old files may lack it.
    pub received_at: Option<i64>,
    /// Line of the entry in the file.
    pub line: u32,
}

/// One `*host user` line and the entries that follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section<'a> {
    /// Host name as written after `*`.
    pub host: String,
    /// User name: the rest of the line.
    pub user: String,
    /// Line of the `*` line.
    pub line: u32,
    /// The entries up to the next `*` line.
    pub entries: Vec<Entry<'a>>,
}

/// A line that could not be understood; the rest of the file is still used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based line number.
    pub line: u32,
    /// What is wrong with it.
    pub message: String,
}

/// A parsed `popstate.dat`, borrowing from the bytes it was parsed from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PopState<'a> {
    /// The `*host user` sections in file order.
    pub sections: Vec<Section<'a>>,
    /// Lines that were skipped, or entries kept with a complaint.
    pub bad_lines: Vec<BadLine>,
    /// Bad lines after the first [`MAX_PROBLEMS_PER_FILE`], counted only.
    pub bad_lines_more: usize,
}

fn is_blank(b: &u8) -> bool {
    matches!(b, b' ' | b'\t')
}

fn trim(mut t: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = t {
        if !is_blank(first) {
            break;
        }
        t = rest;
    }
    while let [rest @ .., last] = t {
        if !is_blank(last) {
            break;
        }
        t = rest;
    }
    t
}

/// Parses the bytes of a `popstate.dat`; never fails, bad lines are listed.
///
/// Nothing is copied per entry: a file is mostly UIDL lines, and copying each one cost more
/// than everything else the scan does with the file.
pub fn parse(bytes: &[u8]) -> PopState<'_> {
    let mut state = PopState::default();
    for (idx, range) in crate::sources::ini::line_ranges(bytes).enumerate() {
        let raw = &bytes[range];
        let line = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        let t = trim(raw);
        let Some(&first) = t.first() else { continue };
        if first == b'*' {
            let rest = String::from_utf8_lossy(&t[1..]);
            // The C++ writer took the user as the rest of the line, so a user name may hold spaces.
            let (host, user) = rest.split_once([' ', '\t']).unwrap_or((&rest, ""));
            state.sections.push(Section {
                host: host.to_string(),
                user: user.trim_matches([' ', '\t']).to_string(),
                line,
                entries: Vec::new(),
            });
            continue;
        }
        let Some(section) = state.sections.last_mut() else {
            if first != b'#' {
                state.bad(line, || {
                    format!("text before the `*host user` line: {}", shorten(t))
                });
            }
            continue;
        };
        match parse_entry(t, line) {
            Ok((entry, None)) => section.entries.push(entry),
            Ok((entry, Some(complaint))) => {
                section.entries.push(entry);
                state.bad(line, || complaint.words(t));
            }
            Err(complaint) => state.bad(line, || complaint.words(t)),
        }
    }
    state
}

/// What is wrong with an entry line; worded only when it is kept.
enum Complaint<'a> {
    Fields(usize),
    Status(&'a [u8]),
    Time(&'a [u8]),
}

impl Complaint<'_> {
    fn words(&self, t: &[u8]) -> String {
        match self {
            Complaint::Fields(n) => {
                format!(
                    "expected `status uidl time`, found {n} fields: {}",
                    shorten(t)
                )
            }
            Complaint::Status(s) => {
                format!("unknown status `{}` (expected k, d, b or f)", shorten(s))
            }
            Complaint::Time(r) => {
                format!("download time `{}` is not a number of seconds", shorten(r))
            }
        }
    }
}

fn fields(t: &[u8]) -> impl Iterator<Item = &[u8]> {
    t.split(is_blank).filter(|f| !f.is_empty())
}

/// An entry, and a complaint when its time is unreadable: Thunderbird still keeps such an entry.
fn parse_entry(t: &[u8], line: u32) -> Result<(Entry<'_>, Option<Complaint<'_>>), Complaint<'_>> {
    // The line as Thunderbird writes it, `k UIDL 1700000000`, without splitting into fields.
    if let [s, b' ', rest @ ..] = t {
        if let (Some(status), Some(sp)) = (
            Status::from_field(std::slice::from_ref(s)),
            memchr::memchr(b' ', rest),
        ) {
            let (uidl, time) = (&rest[..sp], &rest[sp + 1..]);
            if !uidl.is_empty() && !uidl.contains(&b'\t') {
                if let Some(t) = seconds(time) {
                    let entry = Entry {
                        status,
                        uidl,
                        received_at: Some(t),
                        line,
                    };
                    return Ok((entry, None));
                }
            }
        }
    }
    parse_fields(t, line)
}

/// Any other entry line: blank-separated fields, each checked.
fn parse_fields(t: &[u8], line: u32) -> Result<(Entry<'_>, Option<Complaint<'_>>), Complaint<'_>> {
    let mut f = fields(t);
    let (status, uidl, time) = match (f.next(), f.next(), f.next(), f.next()) {
        (Some(s), Some(u), r, None) => (s, u, r),
        _ => return Err(Complaint::Fields(fields(t).count())),
    };
    let status = Status::from_field(status).ok_or(Complaint::Status(status))?;
    let (received_at, complaint) = match time {
        None => (None, None),
        Some(r) => match seconds(r) {
            Some(t) => (Some(t), None),
            None => (None, Some(Complaint::Time(r))),
        },
    };
    let entry = Entry {
        status,
        uidl,
        received_at,
        line,
    };
    Ok((entry, complaint))
}

/// A decimal number of seconds, as `str::parse::<i64>` reads it (a sign, then digits).
fn seconds(r: &[u8]) -> Option<i64> {
    let (negative, digits) = match r {
        [b'-', d @ ..] => (true, d),
        [b'+', d @ ..] => (false, d),
        d => (false, d),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: i64 = 0;
    for &c in digits {
        let d = i64::from(c.wrapping_sub(b'0'));
        if d > 9 {
            return None;
        }
        // Accumulated negative, so that i64::MIN is read as `parse` reads it.
        n = n.checked_mul(10)?.checked_sub(d)?;
    }
    if negative {
        Some(n)
    } else {
        n.checked_neg()
    }
}

fn shorten(s: &[u8]) -> String {
    let s = String::from_utf8_lossy(&s[..s.len().min(4 * 61)]);
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

impl PopState<'_> {
    /// Keeps a bad line up to the cap, else only counts it (the message is not even built).
    fn bad(&mut self, line: u32, message: impl FnOnce() -> String) {
        if self.bad_lines.len() < MAX_PROBLEMS_PER_FILE {
            self.bad_lines.push(BadLine {
                line,
                message: message(),
            });
        } else {
            self.bad_lines_more += 1;
        }
    }

    /// Sums up what the file proves for one server, and a note when its sections name another one.
    ///
    /// Sections for this host (case-insensitive) and user are used; when none matches, all entries
    /// are used, as current Thunderbird reads every entry without checking the `*` line.
    pub fn summary(&self, host: &str, user: &str, path: &str) -> (ServerState, Option<Assumption>) {
        let matching: Vec<&Section> = self
            .sections
            .iter()
            .filter(|s| s.host.eq_ignore_ascii_case(host.trim()) && s.user == user)
            .collect();
        let (used, note) = if matching.is_empty() && !self.sections.is_empty() {
            // A few names say enough; a file of a million `*` lines must not become one note.
            let named: Vec<String> = self
                .sections
                .iter()
                .take(5)
                .map(|s| {
                    format!(
                        "{} {}",
                        shorten(s.host.as_bytes()),
                        shorten(s.user.as_bytes())
                    )
                })
                .collect();
            let more = self.sections.len() - named.len();
            let note = Assumption::PopstateOtherServer {
                file: path.to_string(),
                named,
                more,
                host: host.to_string(),
                user: user.to_string(),
            };
            (self.sections.iter().collect::<Vec<_>>(), Some(note))
        } else {
            (matching, None)
        };
        let mut st = ServerState {
            kept: 0,
            partial: 0,
            marked_for_delete: 0,
            oldest: None,
            newest: None,
            source: Evidence {
                path: path.to_string(),
                line: used.first().map(|s| s.line),
                col: None,
            },
            inbox_bytes: None,
        };
        let mut count = |e: &Entry| {
            match e.status {
                Status::Keep => {
                    st.kept += 1;
                    if let Some(t) = e.received_at {
                        st.oldest = Some(st.oldest.map_or(t, |o: i64| o.min(t)));
                    }
                }
                Status::TooBig | Status::FetchBody => st.partial += 1,
                Status::Delete => st.marked_for_delete += 1,
            }
            if let Some(t) = e.received_at {
                st.newest = Some(st.newest.map_or(t, |n: i64| n.max(t)));
            }
        };
        let entries = || used.iter().flat_map(|s| s.entries.iter());
        // The same UIDL listed twice: the later line wins, as in Thunderbird's map. Thunderbird
        // writes each UIDL once, so the set is only a check; the map is built only on a repeat.
        let total: usize = used.iter().map(|s| s.entries.len()).sum();
        let mut seen: HashSet<&[u8], foldhash::fast::RandomState> =
            HashSet::with_capacity_and_hasher(total, Default::default());
        if entries().all(|e| seen.insert(e.uidl)) {
            entries().for_each(&mut count);
        } else {
            let mut last: HashMap<&[u8], &Entry, foldhash::fast::RandomState> =
                HashMap::with_capacity_and_hasher(total, Default::default());
            for e in entries() {
                last.insert(e.uidl, e);
            }
            // Counted in file order of the winning lines, so the result never depends on hashing.
            entries()
                .filter(|e| last.get(e.uidl).is_some_and(|w| std::ptr::eq(*w, *e)))
                .for_each(&mut count);
        }
        (st, note)
    }

    /// Every bad line as a problem of the file at `path`.
    pub fn problems(&self, path: &str) -> Vec<Problem> {
        let mut out: Vec<Problem> = self
            .bad_lines
            .iter()
            .map(|b| {
                let message = format!("popstate.dat: {}", b.message);
                Problem::syntax(SyntaxCode::PopstateSyntax, path, b.line, None, message)
            })
            .collect();
        if self.bad_lines_more > 0 {
            out.push(limit::more(path, self.bad_lines_more));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CURRENT: &str = "# POP3 State File\r\n# This is a generated file!  Do not edit.\r\n\r\n*pop.example.jp info@example.jp\r\nk UIDL-1 1700000000\r\nk UIDL-2 1700086400\r\nb BIG-1 1700000500\r\nd GONE-1 1699990000";

    #[test]
    fn current_file_counts_and_times() {
        let ps = parse(CURRENT.as_bytes());
        assert!(ps.bad_lines.is_empty(), "{:?}", ps.bad_lines);
        assert_eq!(ps.sections.len(), 1);
        assert_eq!(ps.sections[0].line, 4);
        let (st, note) = ps.summary("POP.example.jp", "info@example.jp", "p/popstate.dat");
        assert!(note.is_none());
        assert_eq!((st.kept, st.partial, st.marked_for_delete), (2, 1, 1));
        assert_eq!(st.oldest, Some(1_700_000_000));
        assert_eq!(st.newest, Some(1_700_086_400));
        assert_eq!(st.source.line, Some(4));
    }

    #[test]
    fn seconds_are_read_as_rust_reads_an_i64() {
        for t in [
            "0",
            "-0",
            "+5",
            "1700000000",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "-",
            "+",
            "",
            "1a",
            " 1",
            "--1",
            "٣",
        ] {
            assert_eq!(seconds(t.as_bytes()), t.parse::<i64>().ok(), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_reads_a_line_as_the_field_split_does(t in "[kdbfx][ \t]{0,2}[A-Za-z0-9+-]{0,6}[ \t]{0,2}[0-9+ -]{0,12}") {
            let t = trim(t.as_bytes());
            let fast = parse_entry(t, 1).map(|(e, c)| (e, c.map(|c| c.words(t)))).map_err(|c| c.words(t));
            let slow = parse_fields(t, 1).map(|(e, c)| (e, c.map(|c| c.words(t)))).map_err(|c| c.words(t));
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn entries_before_the_star_line_are_reported() {
        let ps = parse(b"# header\nk X 1\n*h u\nk Y 2\n");
        assert_eq!(ps.bad_lines.len(), 1);
        assert_eq!(ps.bad_lines[0].line, 2);
        assert_eq!(ps.sections[0].entries.len(), 1);
    }

    #[test]
    fn user_names_with_spaces_survive() {
        let ps = parse(b"*host.example John Smith\nk A 5\n");
        assert_eq!(ps.sections[0].user, "John Smith");
        let (st, note) = ps.summary("host.example", "John Smith", "x");
        assert!(note.is_none());
        assert_eq!(st.kept, 1);
    }
}
