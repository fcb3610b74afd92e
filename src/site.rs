//! The site file (`site.toml`): facts no client file holds.
//!
//! Unknown keys and bad values are errors that name the line, as the `toml` crate reports them.

pub(crate) use crate::model::site::Index;
pub use crate::model::site::{
    parse_size, Defaults, DeviceSite, EntryFault, MailboxSite, ManualEntry, Site, SiteFault,
};
use std::collections::HashMap;
use std::path::Path;

impl Index {
    fn build(site: &Site) -> Index {
        let text = &site.text;
        let line_starts = crate::text::LineIndex::new(text.as_bytes());
        let mut lines = HashMap::new();
        for (i, l) in crate::text::lines(text).enumerate() {
            lines
                .entry(l.trim().to_string())
                .or_insert(u32::try_from(i + 1).unwrap_or(u32::MAX));
        }
        let mut mailbox = HashMap::new();
        let mut alias_address = HashMap::new();
        let mut alias_host: HashMap<String, Vec<String>> = HashMap::new();
        for (canon, mb) in &site.mailbox {
            mailbox
                .entry(canon.to_lowercase())
                .or_insert_with(|| canon.clone());
            for alias in &mb.aliases {
                let alias = alias.trim().trim_end_matches('.').to_lowercase();
                if alias.contains('@') {
                    alias_address.entry(alias).or_insert_with(|| canon.clone());
                } else {
                    alias_host.entry(alias).or_default().push(canon.clone());
                }
            }
        }
        Index {
            line_starts,
            lines,
            mailbox,
            alias_address,
            alias_host,
        }
    }
}

/// A site file that could not be used; the message names file, line and column.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}:{col}: {message}")]
pub struct SiteError {
    pub path: String,
    pub line: u32,
    pub col: u32,
    /// `fault` in English.
    pub message: String,
    /// What is wrong, as data (boxed: the error travels in `Result`s and should stay small).
    pub fault: Box<SiteFault>,
}

impl SiteError {
    /// An error at a place in the site file; the message is the fault's English words.
    pub fn new(path: &str, line: u32, col: u32, fault: SiteFault) -> Self {
        SiteError {
            path: path.to_string(),
            line,
            col,
            message: fault.to_string(),
            fault: Box::new(fault),
        }
    }
}

impl Site {
    /// Reads and parses a site file; `shown` is the path used in messages and reports.
    pub fn load(path: &Path, shown: &str) -> Result<Site, SiteError> {
        let bytes = crate::sources::read_capped(path)
            .map_err(|reason| SiteError::new(shown, 0, 0, SiteFault::Unreadable { reason }))?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                // Notepad on Japanese Windows may save as CP932 (Shift_JIS): read it as that
                // when it decodes cleanly, else point at the first byte that is not UTF-8.
                let bytes = e.into_bytes();
                let d = crate::text::decode(&bytes, crate::text::Fallback::Cp932);
                if d.lossy || d.encoding == "windows-1252" {
                    let at = std::str::from_utf8(&bytes)
                        .err()
                        .map_or(0, |e| e.valid_up_to());
                    let before = String::from_utf8_lossy(&bytes[..at]);
                    let (line, col) = line_col(&before, before.len());
                    return Err(SiteError::new(shown, line, col, SiteFault::NotUtf8));
                }
                d.text
            }
        };
        Site::parse(&text, shown)
    }

    /// Parses site-file text.
    pub fn parse(text: &str, shown: &str) -> Result<Site, SiteError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut site: Site = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|s| bad_byte(text.as_bytes(), s.start));
            let (line, col) = at.map(|at| line_col(text, at)).unwrap_or((0, 0));
            let message = e.message().trim();
            // The parser gives no words for some cut-off files (`key =` at the end).
            let message = if message.is_empty() {
                "the file ends or breaks here: a value is missing or a line is cut off".to_string()
            } else {
                message.to_string()
            };
            // Windows logins (`OFFICE\info`) are the usual way to meet TOML's escapes.
            let after_backslash = at.is_some_and(|at| at > 0 && text.as_bytes()[at - 1] == b'\\');
            let backslash = after_backslash && message.contains("escape");
            SiteError::new(shown, line, col, SiteFault::Toml { message, backslash })
        })?;
        site.path = shown.to_string();
        site.text = text.to_string();
        site.index = Index::build(&site);
        Ok(site)
    }

    /// The 1-based line of a byte offset in the site file.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.index.line_starts.line(offset)
    }

    /// The byte offset where a 1-based line starts (the end of the text past the last line).
    pub fn line_start(&self, line: u32) -> usize {
        if line > self.index.line_starts.line_count() {
            return self.text.len();
        }
        self.index.line_starts.line_start(line)
    }

    /// A problem with this site file, on the first line that holds `needle` (if any).
    pub fn problem(&self, needle: &str, kind: crate::model::ProblemKind) -> crate::model::Problem {
        // Headers and `key = value` lines are found whole in the index; only other
        // needles fall back to a search, done once over the text.
        let line = self
            .index
            .lines
            .get(needle.trim())
            .copied()
            .or_else(|| self.text.find(needle).map(|offset| self.line_of(offset)));
        crate::model::Problem::new(crate::model::Location::maybe_at(&self.path, line), kind)
    }

    /// Longest expected absence of a device, in days.
    pub fn away_days(&self, device: &str) -> u32 {
        self.device
            .get(device)
            .and_then(|d| d.away_days)
            .unwrap_or(self.defaults.away_days)
    }

    /// The mailbox key an access key belongs to after applying aliases.
    pub fn canonical_key(&self, key: &str) -> String {
        let (local, host) = key.rsplit_once('@').unwrap_or((key, ""));
        if let Some(canon) = self.index.mailbox.get(&key.to_lowercase()) {
            return canon.to_lowercase();
        }
        if let Some(canon) = self.index.alias_address.get(key) {
            return canon.to_lowercase();
        }
        for canon in self.index.alias_host.get(host).into_iter().flatten() {
            let canon_local = canon.rsplit_once('@').map(|(l, _)| l).unwrap_or(canon);
            if canon_local.eq_ignore_ascii_case(local) {
                return canon.to_lowercase();
            }
        }
        key.to_string()
    }

    /// Site facts for a mailbox key, compared case-insensitively.
    pub fn mailbox(&self, key: &str) -> Option<&MailboxSite> {
        self.index
            .mailbox
            .get(&key.to_lowercase())
            .and_then(|k| self.mailbox.get(k))
    }
}

/// Where the parser's error starts, moved back onto a lone CR it reports just after: the CR is
/// the bad byte, and it ends the line before.
fn bad_byte(text: &[u8], start: usize) -> usize {
    let after_lone_cr =
        start > 0 && text.get(start - 1) == Some(&b'\r') && text.get(start) != Some(&b'\n');
    if after_lone_cr {
        start - 1
    } else {
        start
    }
}

fn line_col(text: &str, offset: usize) -> (u32, u32) {
    crate::text::LineIndex::new(text.as_bytes()).line_col(text.as_bytes(), offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("5GB").unwrap(), 5_000_000_000);
        assert_eq!(parse_size("500 MB").unwrap(), 500_000_000);
        assert_eq!(parse_size("2GiB").unwrap(), 2 * 1024 * 1024 * 1024);
        assert!(parse_size("5 parsecs").is_err());
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn full_site_file() {
        let s = Site::parse(
            r#"
[defaults]
away_days = 10

[mailbox."info@example.jp"]
quota = "2GB"
daily_volume = "40 MB"
main = "PC-A"
aliases = ["mail.example.jp", "info@pop.example.jp"]

[device."PC-B"]
owner = "Sato"
kind = "laptop"
away_days = 21

[[manual]]
device = "iPhone"
client = "ios-mail"
mailbox = "info@example.jp"
"#,
            "site.toml",
        )
        .unwrap();
        assert_eq!(s.away_days("PC-B"), 21);
        assert_eq!(s.away_days("PC-A"), 10);
        let mb = s.mailbox("INFO@example.jp").unwrap();
        assert_eq!(mb.quota, Some(2_000_000_000));
        assert_eq!(s.canonical_key("info@mail.example.jp"), "info@example.jp");
        assert_eq!(s.canonical_key("info@pop.example.jp"), "info@example.jp");
        assert_eq!(
            s.canonical_key("sales@mail.example.jp"),
            "sales@mail.example.jp"
        );
        assert_eq!(s.line_of(s.manual[0].span().start), 16);
    }

    #[test]
    fn unknown_key_names_its_line() {
        let e = Site::parse(
            "[device.\"PC-A\"]\nowner = \"x\"\nawy_days = 3\n",
            "site.toml",
        )
        .unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("awy_days"), "{e}");
    }

    #[test]
    fn bad_size_names_its_line() {
        let e =
            Site::parse("[mailbox.\"a@b\"]\n\nquota = \"5 parsecs\"\n", "site.toml").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("parsecs"), "{e}");
    }

    #[test]
    fn accepted_but_wrong_values_are_errors() {
        for (text, needle) in [
            ("[mailbox.\"a@b.jp\"]\nquota = 2\n", "bare number"),
            ("[defaults]\nkeep_days = 0\n", "at least 1 day"),
            ("[mailbox.\"a@b.jp\"]\nkeep_days = 0\n", "at least 1 day"),
            (
                "[mailbox.\"a@b.jp\"]\nforward_to = { PC-B = \"PC-B\" }\n",
                "not a mail address",
            ),
        ] {
            let e = Site::parse(text, "site.toml").unwrap_err();
            assert!(e.message.contains(needle), "{text}: {e}");
            assert_eq!(e.line, 2, "{text}: {e}");
        }
        let ok = Site::parse(
            "[mailbox.\"a@b.jp\"]\nquota = \"2GB\"\nkeep_days = 3\nforward_to = { PC-B = \"info2@b.jp\" }\n",
            "site.toml",
        )
        .unwrap();
        assert_eq!(ok.mailbox("a@b.jp").unwrap().quota, Some(2_000_000_000));
    }

    #[test]
    fn a_file_cut_after_the_equals_sign_says_so() {
        for text in ["[defaults]\naway_days =", "[defaults]\naway_days =\n"] {
            let e = Site::parse(text, "site.toml").unwrap_err();
            assert!(!e.message.trim().is_empty(), "{text:?}: {e}");
            assert_eq!(e.line, 2, "{text:?}: {e}");
        }
    }

    #[test]
    fn a_cp932_site_file_is_read_and_other_bytes_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("site.toml");
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("[device.\"PC-A\"]\nowner = \"受付\"\n");
        std::fs::write(&p, &bytes).unwrap();
        let s = Site::load(&p, "site.toml").unwrap();
        assert_eq!(s.device["PC-A"].owner.as_deref(), Some("受付"));
        std::fs::write(&p, b"[defaults]\naway_days = 3 # \xff\xfe\xff\n").unwrap();
        let e = Site::load(&p, "site.toml").unwrap_err();
        assert!(e.message.contains("UTF-8"), "{e}");
        assert_eq!(e.line, 2, "{e}");
    }

    #[test]
    fn bad_device_kind_is_an_error() {
        let e = Site::parse("[device.\"X\"]\nkind = \"toaster\"\n", "site.toml").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }
}
