//! The reader table: which files each reader claims, which companion files it reads beside
//! them, and which files are secrets. Discovery and `collect` both ask it, so a new reader is
//! found in a scanned tree and gathered from a machine by adding one row here.
//!
//! Patterns are lower-case file names, `*.ext` for an extension, or `folder/…/name` to match
//! the last components of a path.

use super::Kind;

/// What a file's copy must lose before it leaves the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scrub {
    /// Nothing in the file is secret.
    None,
    /// A prefs file: statements whose pref name holds "password" are blanked, lines kept.
    Prefs,
    /// An XML file: elements whose name holds "password" have their content replaced by
    /// `REDACTED` (so a reader still sees that one was stored), lines kept.
    Xml,
    /// An INI file: values of keys spelled with "passwd" or "password" become `REDACTED`.
    Ini,
    /// A `.reg` export: values named like a password are dropped.
    Reg,
}

/// One reader's row.
#[derive(Debug)]
pub struct Reader {
    /// The input kind discovery hands to this reader.
    pub kind: Kind,
    /// Files that are this reader's input (the profile folder's files for Thunderbird).
    pub claims: &'static [&'static str],
    /// Files it reads beside its input.
    pub reads: &'static [&'static str],
    /// True when a claimed name only tells with a look at the file's first bytes (`.xml`).
    pub sniffed: bool,
    /// How a copy of any of its files is cleaned.
    pub scrub: Scrub,
}

/// Every reader, in the order discovery tries them.
pub const READERS: &[Reader] = &[
    Reader {
        kind: Kind::ThunderbirdProfile,
        claims: &["prefs.js", "user.js"],
        reads: &[
            "profiles.ini",
            "installs.ini",
            "popstate.dat",
            "defaults/pref/*.js",
            "*.cfg",
            "distribution/policies.json",
            "policies/policies.json",
        ],
        sniffed: false,
        scrub: Scrub::Prefs,
    },
    Reader {
        kind: Kind::RegistryExport,
        claims: &["*.reg"],
        reads: &[],
        sniffed: false,
        scrub: Scrub::Reg,
    },
    Reader {
        kind: Kind::OutlookPrf,
        claims: &["*.prf"],
        reads: &[],
        sniffed: false,
        scrub: Scrub::None,
    },
    Reader {
        kind: Kind::OeAccount,
        claims: &["*.oeaccount"],
        reads: &[],
        sniffed: false,
        scrub: Scrub::Xml,
    },
    Reader {
        kind: Kind::K9Settings,
        claims: &["*.k9s"],
        reads: &[],
        sniffed: false,
        scrub: Scrub::Xml,
    },
    Reader {
        kind: Kind::BeckyMailbox,
        claims: &["mailbox.ini"],
        reads: &["folder.lst"],
        sniffed: false,
        scrub: Scrub::Ini,
    },
    Reader {
        kind: Kind::Autoconfig,
        claims: &["*.xml"],
        reads: &[],
        sniffed: true,
        scrub: Scrub::Xml,
    },
    Reader {
        kind: Kind::Autodiscover,
        claims: &["*.xml"],
        reads: &[],
        sniffed: true,
        scrub: Scrub::Xml,
    },
];

/// Files that hold passwords, keys or mail: never copied, whatever a reader says.
pub const SECRETS: &[&str] = &[
    "logins.json",
    "logins-backup.json",
    "key4.db",
    "key3.db",
    "cert9.db",
    "cert8.db",
    "signons.sqlite",
    "*.pst",
    "*.ost",
];

/// True when `pattern` matches `rel`, a `/`-separated relative path (case-insensitive).
pub fn matches(pattern: &str, rel: &str) -> bool {
    let rel = rel.to_lowercase();
    let pat: Vec<&str> = pattern.split('/').collect();
    let parts: Vec<&str> = rel.split('/').collect();
    if parts.len() < pat.len() {
        return false;
    }
    let tail = &parts[parts.len() - pat.len()..];
    pat.iter()
        .zip(tail)
        .all(|(p, n)| match p.strip_prefix('*') {
            Some(suffix) => n.ends_with(suffix) && n.len() > suffix.len(),
            None => p == n,
        })
}

/// The reader that claims a file by its name alone (not the sniffed ones).
pub fn claim(lower_name: &str) -> Option<&'static Reader> {
    READERS
        .iter()
        .find(|r| !r.sniffed && r.claims.iter().any(|p| matches(p, lower_name)))
}

/// True when a name may be claimed by a reader that looks at the file's first bytes.
pub fn sniffed(lower_name: &str) -> bool {
    READERS
        .iter()
        .any(|r| r.sniffed && r.claims.iter().any(|p| matches(p, lower_name)))
}

/// True for a file that is never copied.
pub fn is_secret(rel: &str) -> bool {
    SECRETS.iter().any(|p| matches(p, rel))
}

/// The reader that claims or reads a file at this relative path, if any (secrets excluded).
pub fn wanted(rel: &str) -> Option<&'static Reader> {
    if is_secret(rel) {
        return None;
    }
    READERS
        .iter()
        .filter(|r| !r.sniffed)
        .find(|r| r.claims.iter().chain(r.reads).any(|p| matches(p, rel)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(matches("prefs.js", "abc.default/Prefs.js"));
        assert!(matches("*.reg", "outlook.reg"));
        assert!(!matches("*.reg", ".reg"));
        assert!(matches(
            "defaults/pref/*.js",
            "x/defaults/pref/autoconfig.js"
        ));
        assert!(!matches("defaults/pref/*.js", "x/pref/autoconfig.js"));
        assert!(is_secret("p/logins.json") && is_secret("Outlook.PST"));
        assert!(wanted("p/key4.db").is_none());
        assert_eq!(
            wanted("p/Mail/pop.example.jp/popstate.dat").map(|r| r.kind),
            Some(Kind::ThunderbirdProfile)
        );
        assert_eq!(
            claim("mailbox.ini").map(|r| r.kind),
            Some(Kind::BeckyMailbox)
        );
        assert!(claim("a.xml").is_none() && sniffed("a.xml"));
    }
}
