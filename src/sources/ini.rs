//! INI grammar shared by `profiles.ini`, PRF files and Becky!'s `Mailbox.ini`.
//!
//! Only the grammar: sections, `key=value` pairs, `;`/`#` comments, each with its line.
//! What a key means is the business of the client module that reads the file.

/// One `key=value` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub value: String,
    pub line: u32,
}

/// One `[section]` and its entries, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub line: u32,
    pub entries: Vec<Entry>,
}

impl Section {
    /// The last value of a key, compared case-insensitively as Windows does.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.key.eq_ignore_ascii_case(key))
    }
}

/// A line that is neither a section, a pair, a comment nor blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: u32,
    pub text: String,
}

/// A parsed INI file; entries before the first section go to a section named "".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ini {
    pub sections: Vec<Section>,
    /// The first [`MAX_PROBLEMS_PER_FILE`](crate::sources::limit::MAX_PROBLEMS_PER_FILE) bad lines.
    pub bad_lines: Vec<BadLine>,
    /// Bad lines after those, counted only so that a flood of them costs no memory.
    pub bad_lines_more: usize,
    /// Lower-cased section name → index of its first section, so lookups stay constant-time
    /// however many sections a hostile file holds.
    index: std::collections::HashMap<String, usize>,
}

impl Ini {
    /// The first section with this name, compared case-insensitively.
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.index
            .get(&name.to_ascii_lowercase())
            .map(|&i| &self.sections[i])
    }
}

/// What a bad line's text is replaced by when it may hold a password.
pub const HIDDEN: &str = "(text not shown: it may hold a password)";

pub use crate::text::may_hold_secret;

/// Parses INI text; CRLF, LF and lone CR all end a line.
pub fn parse(text: &str) -> Ini {
    let mut ini = Ini::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (idx, raw) in split_lines(text).enumerate() {
        let line = idx as u32 + 1;
        let t = raw.trim();
        if t.is_empty() || t.starts_with(';') || t.starts_with('#') {
            continue;
        }
        if let Some(rest) = t.strip_prefix('[') {
            if let Some(name) = rest.strip_suffix(']') {
                ini.index
                    .entry(name.trim().to_ascii_lowercase())
                    .or_insert(ini.sections.len());
                ini.sections.push(Section {
                    name: name.trim().to_string(),
                    line,
                    entries: Vec::new(),
                });
                continue;
            }
        }
        match t.split_once('=') {
            Some((k, v)) => {
                if ini.sections.is_empty() {
                    ini.index.insert(String::new(), 0);
                    ini.sections.push(Section {
                        name: String::new(),
                        line,
                        entries: Vec::new(),
                    });
                }
                let section = ini.sections.last_mut().expect("a section exists");
                section.entries.push(Entry {
                    key: k.trim().to_string(),
                    value: v.trim().to_string(),
                    line,
                });
            }
            None if ini.bad_lines.len() >= crate::sources::limit::MAX_PROBLEMS_PER_FILE => {
                ini.bad_lines_more += 1;
            }
            None => ini.bad_lines.push(BadLine {
                line,
                text: if may_hold_secret(t) {
                    HIDDEN.to_string()
                } else {
                    t.chars().take(80).collect()
                },
            }),
        }
    }
    ini
}

/// Splits on `\r\n`, `\n` or a lone `\r`, so line numbers match what editors show and what
/// [`crate::text::LineIndex`] says of every other reader's offsets.
pub use crate::text::{line_ranges, lines as split_lines};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_pairs_comments_and_line_numbers() {
        let ini =
            parse("; c\r\n[General]\r\nVersion=2\r[Profile0]\nName = default \nPath=x.default\n");
        assert_eq!(ini.sections.len(), 2);
        let g = ini.section("general").unwrap();
        assert_eq!(g.get("version").unwrap().value, "2");
        assert_eq!(g.get("Version").unwrap().line, 3);
        let p = ini.section("Profile0").unwrap();
        assert_eq!(p.get("Name").unwrap().value, "default");
        assert_eq!(p.get("Path").unwrap().line, 6);
    }

    #[test]
    fn junk_lines_are_reported_not_fatal() {
        let ini = parse("[A]\nno equals here\nk=v\n");
        assert_eq!(
            ini.bad_lines,
            vec![BadLine {
                line: 2,
                text: "no equals here".into()
            }]
        );
        assert_eq!(ini.section("A").unwrap().get("k").unwrap().value, "v");
    }

    #[test]
    fn a_password_line_without_equals_is_never_quoted() {
        let ini = parse("[Account]\nPassWd SECRET42\nSMTPPWD:hunter2\n");
        assert_eq!(ini.bad_lines.len(), 2);
        for b in &ini.bad_lines {
            assert_eq!(b.text, HIDDEN);
        }
    }

    #[test]
    fn bad_lines_are_kept_up_to_the_cap_and_counted_after() {
        let ini = parse(&"junk\n".repeat(100_000));
        assert_eq!(
            ini.bad_lines.len(),
            crate::sources::limit::MAX_PROBLEMS_PER_FILE
        );
        assert_eq!(ini.bad_lines.len() + ini.bad_lines_more, 100_000);
    }

    #[test]
    fn values_keep_inner_equals_signs() {
        let ini = parse("[A]\nk=a=b\n");
        assert_eq!(ini.section("A").unwrap().get("k").unwrap().value, "a=b");
    }
}
