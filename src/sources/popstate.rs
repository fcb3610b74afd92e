//! Thunderbird's `popstate.dat`: which messages one POP3 server's directory has left on the server.
//!
//! The file is a header, one `*host user` line, then `status uidl receivedAt` lines
//! (`k` kept, `d` delete at next fetch, `b` headers only, `f` fetch body next time).
//! Files written by the pre-2022 C++ client may hold several `*host user` sections.

use crate::model::{Assumption, Evidence, Problem, ServerState};
use crate::sources::limit::{self, MAX_PROBLEMS_PER_FILE};
use std::collections::HashMap;

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
    fn from_field(s: &str) -> Option<Status> {
        match s {
            "k" => Some(Status::Keep),
            "d" => Some(Status::Delete),
            "b" => Some(Status::TooBig),
            "f" => Some(Status::FetchBody),
            _ => None,
        }
    }
}

/// One `status uidl receivedAt` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What Thunderbird will do with the message.
    pub status: Status,
    /// The server's unique id of the message.
    pub uidl: String,
    /// Unix seconds when this device stored the status; old files may lack it.
    pub received_at: Option<i64>,
    /// Line of the entry in the file.
    pub line: u32,
}

/// One `*host user` line and the entries that follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Host name as written after `*`.
    pub host: String,
    /// User name: the rest of the line.
    pub user: String,
    /// Line of the `*` line.
    pub line: u32,
    /// The entries up to the next `*` line.
    pub entries: Vec<Entry>,
}

/// A line that could not be understood; the rest of the file is still used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based line number.
    pub line: u32,
    /// What is wrong with it.
    pub message: String,
}

/// A parsed `popstate.dat`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PopState {
    /// The `*host user` sections in file order.
    pub sections: Vec<Section>,
    /// Lines that were skipped, or entries kept with a complaint.
    pub bad_lines: Vec<BadLine>,
    /// Bad lines after the first [`MAX_PROBLEMS_PER_FILE`], counted only.
    pub bad_lines_more: usize,
}

/// Parses the bytes of a `popstate.dat`; never fails, bad lines are listed.
pub fn parse(bytes: &[u8]) -> PopState {
    let text = String::from_utf8_lossy(bytes);
    let mut state = PopState::default();
    for (idx, raw) in crate::sources::ini::split_lines(&text).enumerate() {
        let line = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        let t = raw.trim_matches([' ', '\t']);
        if t.is_empty() {
            continue;
        }
        if let Some(rest) = t.strip_prefix('*') {
            // The C++ writer took the user as the rest of the line, so a user name may hold spaces.
            let (host, user) = rest.split_once([' ', '\t']).unwrap_or((rest, ""));
            state.sections.push(Section {
                host: host.to_string(),
                user: user.trim_matches([' ', '\t']).to_string(),
                line,
                entries: Vec::new(),
            });
            continue;
        }
        let Some(section) = state.sections.last_mut() else {
            if !t.starts_with('#') {
                state.bad(line, || {
                    format!("text before the `*host user` line: {}", shorten(t))
                });
            }
            continue;
        };
        match parse_entry(t, line) {
            Ok((entry, complaint)) => {
                section.entries.push(entry);
                if let Some(message) = complaint {
                    state.bad(line, || message);
                }
            }
            Err(message) => state.bad(line, || message),
        }
    }
    state
}

/// An entry, and a complaint when its time is unreadable: Thunderbird still keeps such an entry.
fn parse_entry(t: &str, line: u32) -> Result<(Entry, Option<String>), String> {
    let mut fields = t.split([' ', '\t']).filter(|f| !f.is_empty());
    let (status, uidl, time) = match (fields.next(), fields.next(), fields.next(), fields.next()) {
        (Some(s), Some(u), r, None) => (s, u, r),
        _ => {
            let n = t.split([' ', '\t']).filter(|f| !f.is_empty()).count();
            return Err(format!(
                "expected `status uidl time`, found {n} fields: {}",
                shorten(t)
            ));
        }
    };
    let status = Status::from_field(status).ok_or_else(|| {
        format!(
            "unknown status `{}` (expected k, d, b or f)",
            shorten(status)
        )
    })?;
    let (received_at, complaint) = match time.map(|r| (r, r.parse::<i64>())) {
        None => (None, None),
        Some((_, Ok(t))) => (Some(t), None),
        Some((r, Err(_))) => (
            None,
            Some(format!(
                "download time `{}` is not a number of seconds",
                shorten(r)
            )),
        ),
    };
    let entry = Entry {
        status,
        uidl: uidl.to_string(),
        received_at,
        line,
    };
    Ok((entry, complaint))
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

impl PopState {
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
                .map(|s| format!("{} {}", shorten(&s.host), shorten(&s.user)))
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
        // The same UIDL listed twice: the later line wins, as in Thunderbird's map.
        let mut by_uidl: HashMap<&str, &Entry> = HashMap::new();
        for e in used.iter().flat_map(|s| s.entries.iter()) {
            by_uidl.insert(e.uidl.as_str(), e);
        }
        let mut st = ServerState {
            kept: 0,
            partial: 0,
            marked_for_delete: 0,
            oldest: None,
            newest: None,
            source: Evidence {
                path: path.to_string(),
                line: used.first().map(|s| s.line),
            },
            inbox_bytes: None,
        };
        for e in by_uidl.values() {
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
        }
        (st, note)
    }

    /// Every bad line as a problem of the file at `path`.
    pub fn problems(&self, path: &str) -> Vec<Problem> {
        let mut out: Vec<Problem> = self
            .bad_lines
            .iter()
            .map(|b| Problem::at(path, b.line, format!("popstate.dat: {}", b.message)))
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
