//! Bounds on what one hostile file can cost: problems kept per file, and value lengths.
//!
//! A 30 MiB file of bad lines would otherwise give millions of problems, each carrying its
//! path, and exhaust memory before the report is written. Grammars stop storing bad lines
//! at [`MAX_PROBLEMS_PER_FILE`] and count the rest; [`cap_problems`] applies the same bound
//! to everything a reader returns, and leaves one summary per file for the rest.

use crate::model::{Field, Location, Problem, ProblemKind};
use std::collections::HashMap;

/// Problems listed for one file; the rest are counted in one summary problem.
pub const MAX_PROBLEMS_PER_FILE: usize = 100;

/// Longest value (a host, an account name, a user name) kept from a file, in bytes.
///
/// Real values are far shorter; a longer one is cut so that it is not repeated into every
/// finding that names it.
pub const MAX_VALUE_BYTES: usize = 4096;

/// The summary problem for `count` problems of `path` that were not listed.
pub fn more(path: &str, count: usize) -> Problem {
    Problem::new(Location::file(path), ProblemKind::MoreProblems { count })
}

/// The count a summary made by [`more`] stands for, so that summaries can be merged.
fn more_count(p: &Problem) -> Option<usize> {
    match *p.kind {
        ProblemKind::MoreProblems { count } => Some(count),
        _ => None,
    }
}

/// Keeps the first [`MAX_PROBLEMS_PER_FILE`] problems of each file, in order, and one
/// summary per file counting the rest (earlier summaries included). Linear in the input.
pub fn cap_problems(problems: &mut Vec<Problem>) {
    let mut kept: HashMap<String, usize> = HashMap::new();
    let mut dropped: HashMap<String, usize> = HashMap::new();
    // Summaries in the order their files first overflowed, so the output is stable.
    let mut order: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(problems.len().min(4096));
    for p in problems.drain(..) {
        let extra = match more_count(&p) {
            Some(n) => n,
            None => {
                let k = kept.entry(p.at.path.clone()).or_insert(0);
                if *k < MAX_PROBLEMS_PER_FILE {
                    *k += 1;
                    out.push(p);
                    continue;
                }
                1
            }
        };
        let d = dropped.entry(p.at.path.clone()).or_insert_with(|| {
            order.push(p.at.path.clone());
            0
        });
        *d += extra;
    }
    for path in order {
        let n = dropped[&path];
        if n > 0 {
            out.push(more(&path, n));
        }
    }
    *problems = out;
}

/// Counts what a grammar could not store: it keeps the first [`MAX_PROBLEMS_PER_FILE`]
/// items and only counts the rest, so memory stays bounded whatever the file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kept<T> {
    /// The first items, in file order.
    pub items: Vec<T>,
    /// How many more there were.
    pub more: usize,
}

impl<T> Kept<T> {
    /// Stores the item if there is room, else counts it.
    pub fn push(&mut self, item: T) {
        if self.items.len() < MAX_PROBLEMS_PER_FILE {
            self.items.push(item);
        } else {
            self.more += 1;
        }
    }
}

/// Cuts a value longer than [`MAX_VALUE_BYTES`] at a character boundary; true when cut.
pub fn cut_value(s: &mut String) -> bool {
    if s.len() <= MAX_VALUE_BYTES {
        return false;
    }
    let mut end = MAX_VALUE_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s.push('…');
    true
}

/// Cuts an access's over-long values (host, account, user name, mailbox, identities,
/// outgoing hosts), with one problem at the access's source naming what was cut.
pub fn cut_access(a: &mut crate::model::Access, problems: &mut Vec<Problem>) {
    let mut cut = Vec::new();
    for (name, v) in [
        ("host", &mut a.host),
        ("account", &mut a.account),
        ("username", &mut a.username),
        ("mailbox", &mut a.mailbox),
    ] {
        if cut_value(v) {
            cut.push(name);
        }
    }
    let mut identity_cut = false;
    for i in a
        .identities
        .iter_mut()
        .filter(|i| i.len() > MAX_VALUE_BYTES)
    {
        let whole = Field::Identity(i.clone());
        cut_value(i);
        identity_cut = true;
        // The provenance key names the address too, and must not carry the long value.
        if let Some(o) = a.provenance.remove(&whole) {
            a.provenance.insert(Field::Identity(i.clone()), o);
        }
    }
    if identity_cut {
        cut.push("identities");
    }
    if a.outgoing
        .iter_mut()
        .fold(false, |any, o| cut_value(&mut o.host) | any)
    {
        cut.push("outgoing host");
    }
    if !cut.is_empty() {
        problems.push(Problem::new(
            Location::maybe_at(&a.source.path, a.source.line),
            ProblemKind::ValuesCut {
                fields: cut.iter().map(|c| c.to_string()).collect(),
                limit_bytes: MAX_VALUE_BYTES,
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(path: &str, line: u32) -> Problem {
        Problem::new(Location::at(path, line), ProblemKind::NotAClientFile)
    }

    #[test]
    fn keeps_the_first_per_file_and_sums_the_rest_once() {
        let mut ps: Vec<Problem> = (0..250)
            .map(|i| bad("a", i))
            .chain((0..3).map(|i| bad("b", i)))
            .collect();
        ps.push(more("a", 1000));
        cap_problems(&mut ps);
        assert_eq!(ps.iter().filter(|p| p.at.path == "a").count(), 101);
        assert_eq!(ps.iter().filter(|p| p.at.path == "b").count(), 3);
        let summary = ps.iter().find(|p| more_count(p).is_some()).unwrap();
        assert_eq!(more_count(summary), Some(1150));
        // A second pass changes nothing.
        let before = ps.clone();
        cap_problems(&mut ps);
        assert_eq!(ps, before);
    }

    #[test]
    fn long_values_are_cut_on_a_character_boundary() {
        let mut s = "あ".repeat(5000);
        assert!(cut_value(&mut s));
        assert!(s.len() <= MAX_VALUE_BYTES + 3);
        let mut short = "pop.example.jp".to_string();
        assert!(!cut_value(&mut short));
    }

    #[test]
    fn a_cut_sender_address_keeps_its_origin_under_the_cut_name() {
        use crate::model::{Access, Client, Origin, Protocol};
        let long = format!("{}@example.jp", "x".repeat(MAX_VALUE_BYTES));
        let mut a = Access::new(
            Client::Thunderbird,
            "a",
            Protocol::Pop3,
            Location::file("p"),
        );
        a.identities = vec![long.clone(), "info@example.jp".into()];
        a.provenance
            .insert(Field::Identity(long), Origin::at("prefs.js", 9));
        a.provenance.insert(
            Field::Identity("info@example.jp".into()),
            Origin::at("prefs.js", 4),
        );
        let mut problems = Vec::new();
        cut_access(&mut a, &mut problems);
        let cut = Field::Identity(a.identities[0].clone());
        assert!(a.identities[0].len() <= MAX_VALUE_BYTES + 3);
        assert_eq!(a.provenance[&cut], Origin::at("prefs.js", 9));
        assert_eq!(a.provenance.len(), 2);
        assert!(a
            .provenance
            .keys()
            .all(|k| k.key().len() < MAX_VALUE_BYTES + 20));
        assert_eq!(problems.len(), 1);
    }
}
