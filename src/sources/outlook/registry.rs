//! The replayed registry of one export: keys by path, where an account key lives,
//! how accounts of several profiles are told apart, and typed value access.

use super::account::tcp_port;
use crate::model::{Problem, ProblemKind};
use crate::sources::regfile::{self, Data, Key, Value, Version};
use std::collections::BTreeMap;

/// The profile subkey that holds one subkey per mail account.
const ACCOUNTS_KEY: &str = "9375cff0413111d3b88a00104b2a6676";

/// One registry key after replaying the export.
#[derive(Debug)]
pub(super) struct Node {
    /// The key path as first written.
    pub(super) path: String,
    /// Line of the key's first `[KEY]` line.
    pub(super) line: u32,
    /// Lower-cased name (`""` for `@`) → value.
    pub(super) values: BTreeMap<String, Value>,
}

impl Node {
    /// A value by name, compared case-insensitively as Windows does.
    pub(super) fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(&name.to_ascii_lowercase())
    }
}

/// The keys of an export, replayed in file order as regedit would import them.
pub(super) struct Registry {
    /// Lower-cased key path → key.
    pub(super) nodes: BTreeMap<String, Node>,
}

impl Registry {
    /// Applies every key line in file order; paths and values move into the registry (a key
    /// is left with an empty path and no values), since copying them cost more than parsing.
    pub(super) fn replay(keys: &mut [Key]) -> Self {
        let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
        for key in keys {
            let lower = key.path.to_ascii_lowercase();
            if key.delete {
                // The key and everything below it form one range of the sorted map: removing
                // that range costs what it removes, not a pass over every node per deletion.
                let prefix = format!("{lower}\\");
                nodes.remove(&lower);
                let below: Vec<String> = nodes
                    .range(prefix.clone()..)
                    .take_while(|(k, _)| k.starts_with(&prefix))
                    .map(|(k, _)| k.clone())
                    .collect();
                for k in below {
                    nodes.remove(&k);
                }
                continue;
            }
            let node = nodes.entry(lower).or_insert_with(|| Node {
                path: std::mem::take(&mut key.path),
                line: key.line,
                values: BTreeMap::new(),
            });
            for v in std::mem::take(&mut key.values) {
                let name = v.name.as_deref().unwrap_or("").to_ascii_lowercase();
                if v.data == Data::Delete {
                    node.values.remove(&name);
                } else {
                    node.values.insert(name, v);
                }
            }
        }
        Registry { nodes }
    }
}

/// Which account store a key belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Location {
    /// An account of a MAPI profile (Outlook 97–365).
    Mapi {
        user: Option<String>,
        root: String,
        profile: String,
    },
    /// An Outlook Express or Outlook 98/2000 "Internet Mail Only" account.
    OldManager { kind: OldKind },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OldKind {
    OutlookExpress,
    Omi,
}

/// The parts of a key path; kept inline, since this runs for every key of an export.
type Parts<'a> = smallvec::SmallVec<[&'a str; 16]>;

/// Splits off the hive: `HKEY_CURRENT_USER` → `None`, `HKEY_USERS\<SID>` → the SID.
fn user_and_rest(path: &str) -> Option<(Option<String>, Parts<'_>)> {
    let mut parts: Parts = path.split('\\').filter(|p| !p.is_empty()).collect();
    let hive = *parts.first()?;
    if eq(hive, "HKEY_CURRENT_USER") || eq(hive, "HKCU") {
        parts.remove(0);
        Some((None, parts))
    } else if (eq(hive, "HKEY_USERS") || eq(hive, "HKU")) && parts.len() > 1 {
        let user = parts[1].to_string();
        parts.drain(..2);
        Some((Some(user), parts))
    } else {
        None
    }
}

fn eq(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn matches_prefix(parts: &[&str], pattern: &[&str]) -> bool {
    parts.len() >= pattern.len()
        && parts
            .iter()
            .zip(pattern)
            .all(|(p, pat)| *pat == "*" || eq(p, pat))
}

/// The profile root of an Outlook profile path and the rest after `Profiles`.
fn profile_root<'a>(parts: &'a [&'a str]) -> Option<(String, &'a [&'a str])> {
    if matches_prefix(
        parts,
        &[
            "Software",
            "Microsoft",
            "Office",
            "*",
            "Outlook",
            "Profiles",
        ],
    ) {
        return Some((format!("Office {}", parts[3]), &parts[6..]));
    }
    let wms = [
        "Software",
        "Microsoft",
        "Windows NT",
        "CurrentVersion",
        "Windows Messaging Subsystem",
        "Profiles",
    ];
    if matches_prefix(parts, &wms) {
        return Some(("Windows Messaging Subsystem".into(), &parts[6..]));
    }
    let wms9x = [
        "Software",
        "Microsoft",
        "Windows Messaging Subsystem",
        "Profiles",
    ];
    if matches_prefix(parts, &wms9x) {
        return Some(("Windows Messaging Subsystem (9x)".into(), &parts[4..]));
    }
    None
}

/// Which account store a key path belongs to, if any.
pub(super) fn locate(path: &str) -> Option<Location> {
    let (user, parts) = user_and_rest(path)?;
    if let Some((root, rest)) = profile_root(&parts) {
        if rest.len() == 3 && eq(rest[1], ACCOUNTS_KEY) {
            return Some(Location::Mapi {
                user,
                root,
                profile: rest[0].to_string(),
            });
        }
        return None;
    }
    let omi = [
        "Software",
        "Microsoft",
        "Office",
        "Outlook",
        "OMI Account Manager",
        "Accounts",
    ];
    let omi8 = [
        "Software",
        "Microsoft",
        "Office",
        "*",
        "Outlook",
        "OMI Account Manager",
        "Accounts",
    ];
    if (matches_prefix(&parts, &omi) && parts.len() == omi.len() + 1)
        || (matches_prefix(&parts, &omi8) && parts.len() == omi8.len() + 1)
    {
        return Some(Location::OldManager { kind: OldKind::Omi });
    }
    let iam = [
        "Software",
        "Microsoft",
        "Internet Account Manager",
        "Accounts",
    ];
    let tail = if matches_prefix(&parts, &["Identities", "*"]) {
        &parts[2..]
    } else {
        &parts[..]
    };
    if matches_prefix(tail, &iam) && tail.len() == iam.len() + 1 {
        return Some(Location::OldManager {
            kind: OldKind::OutlookExpress,
        });
    }
    None
}

/// `DefaultProfile` per (user, root), from `Office\<ver>\Outlook` or the WMS `Profiles` key.
pub(super) fn default_profiles(registry: &Registry) -> BTreeMap<(Option<String>, String), String> {
    let mut out = BTreeMap::new();
    for node in registry.nodes.values() {
        let Some((user, parts)) = user_and_rest(&node.path) else {
            continue;
        };
        let root = if parts.len() == 5
            && matches_prefix(&parts, &["Software", "Microsoft", "Office", "*", "Outlook"])
        {
            format!("Office {}", parts[3])
        } else if let Some((root, rest)) = profile_root(&parts) {
            if !rest.is_empty() || root.starts_with("Office") {
                continue;
            }
            root
        } else {
            continue;
        };
        if let Some(Value {
            data: Data::Sz(name),
            ..
        }) = node.get("DefaultProfile")
        {
            out.insert((user, root), name.clone());
        }
    }
    out
}

/// Decides which parts of (user, root, profile) an account name needs to be told apart.
pub(super) struct Labels {
    many_users: bool,
    many_roots: bool,
    /// The export holds more than one profile.
    pub(super) many_profiles: bool,
}

impl Labels {
    /// Looks at every MAPI account location of one export.
    pub(super) fn new(found: &[(Location, &Node)]) -> Self {
        let mut users = std::collections::BTreeSet::new();
        let mut roots = std::collections::BTreeSet::new();
        let mut profiles = std::collections::BTreeSet::new();
        for (loc, _) in found {
            if let Location::Mapi {
                user,
                root,
                profile,
            } = loc
            {
                users.insert(user.clone());
                roots.insert(root.clone());
                profiles.insert((user.clone(), root.clone(), profile.clone()));
            }
        }
        Labels {
            many_users: users.len() > 1,
            many_roots: roots.len() > 1,
            many_profiles: profiles.len() > 1,
        }
    }

    /// The suffix for an account name, empty when the export has one profile.
    pub(super) fn label(
        &self,
        user: &Option<String>,
        root: &str,
        profile: &str,
        defaults: &BTreeMap<(Option<String>, String), String>,
    ) -> String {
        let mut parts = Vec::new();
        if self.many_users {
            parts.push(match user {
                Some(sid) => format!("user {sid}"),
                None => "current user".to_string(),
            });
        }
        if self.many_roots {
            parts.push(root.to_string());
        }
        if self.many_profiles {
            let is_default = defaults
                .get(&(user.clone(), root.to_string()))
                .is_some_and(|d| d.eq_ignore_ascii_case(profile));
            parts.push(if is_default {
                format!("profile {profile}, default")
            } else {
                format!("profile {profile}")
            });
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" [{}]", parts.join(", "))
        }
    }
}

/// Reads typed values of one account key, reporting wrong types as problems.
pub(super) struct Values<'a> {
    /// The account key.
    pub(super) node: &'a Node,
    /// Report path of the export.
    pub(super) rel: &'a str,
    /// Header of the export.
    pub(super) version: Version,
}

impl<'a> Values<'a> {
    /// A string from REG_SZ, `hex(1)`/`hex(2)` or REG_BINARY text, with its line.
    pub(super) fn string(&self, name: &str, probs: &mut Vec<Problem>) -> Option<(String, u32)> {
        let v = self.node.get(name)?;
        let s = match &v.data {
            Data::Sz(s) => Some(s.clone()),
            Data::Hex { kind: 1 | 2, bytes } => regfile::string_from_bytes(bytes, self.version),
            Data::Hex { kind: 3, bytes } => binary_string(bytes),
            _ => {
                probs.push(Problem::new(
                    crate::model::Location::at(self.rel, v.line),
                    ProblemKind::RegNotString {
                        value: name.to_string(),
                    },
                ));
                return None;
            }
        };
        match s {
            Some(s) => Some((s.trim().to_string(), v.line)),
            None => {
                probs.push(Problem::new(
                    crate::model::Location::at(self.rel, v.line),
                    ProblemKind::RegNotText {
                        value: name.to_string(),
                    },
                ));
                None
            }
        }
    }

    /// A DWORD from `dword:`, `hex(4)` or 4 raw bytes, with its line.
    pub(super) fn dword(&self, name: &str, probs: &mut Vec<Problem>) -> Option<(u32, u32)> {
        let v = self.node.get(name)?;
        let n = match &v.data {
            // Some exporters store DWORD settings as 4 raw bytes.
            Data::Hex { kind: 3, bytes } if bytes.len() == 4 => {
                Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
            }
            d => d.as_dword(),
        };
        match n {
            Some(n) => Some((n, v.line)),
            None => {
                probs.push(Problem::new(
                    crate::model::Location::at(self.rel, v.line),
                    ProblemKind::RegNotDword {
                        value: name.to_string(),
                    },
                ));
                None
            }
        }
    }

    /// A DWORD read as on (non-zero) or off.
    pub(super) fn flag(&self, name: &str, probs: &mut Vec<Problem>) -> Option<(bool, u32)> {
        self.dword(name, probs).map(|(n, l)| (n != 0, l))
    }

    /// A DWORD that must be a TCP port (1–65535).
    pub(super) fn port(&self, name: &str, probs: &mut Vec<Problem>) -> Option<(u16, u32)> {
        let (n, line) = self.dword(name, probs)?;
        tcp_port(n, line, self.rel, probs, Some(name))
    }

    /// True when a non-empty password value exists (its data was never kept).
    pub(super) fn has_password(&self) -> bool {
        self.node
            .values
            .values()
            .any(|v| matches!(v.data, Data::Secret { empty: false, .. }))
    }
}

/// Text stored as REG_BINARY: UTF-16LE with a NUL (Outlook ≤ 2013), or 8-bit text with a NUL.
fn binary_string(bytes: &[u8]) -> Option<String> {
    if bytes.is_empty() {
        return Some(String::new());
    }
    let utf16_terminated = bytes.len() % 2 == 0 && bytes.ends_with(&[0, 0]);
    let ascii_utf16 = bytes.len() % 2 == 0 && bytes.iter().skip(1).step_by(2).all(|b| *b == 0);
    if utf16_terminated || ascii_utf16 {
        if let Some(s) = regfile::utf16le_string(bytes) {
            if !s.contains('\0') {
                return Some(s);
            }
        }
    }
    let end = bytes.iter().rposition(|b| *b != 0).map_or(0, |p| p + 1);
    if bytes[..end].contains(&0) {
        return None;
    }
    let d = crate::text::decode(&bytes[..end], crate::text::Fallback::Ansi);
    (!d.lossy).then_some(d.text)
}

/// The last component of a key path.
pub(super) fn key_name(path: &str) -> &str {
    path.rsplit('\\').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_strings_utf16_or_8bit() {
        assert_eq!(
            binary_string(&[b'p', 0, b'o', 0, 0, 0]).as_deref(),
            Some("po")
        );
        assert_eq!(binary_string(b"pop\0").as_deref(), Some("pop"));
        assert_eq!(binary_string(b"abc\0").as_deref(), Some("abc"));
        assert_eq!(
            binary_string(&[0x97, 0x30, 0x00, 0x00]).as_deref(),
            Some("\u{3097}")
        );
    }

    #[test]
    fn locations() {
        let m = locate("HKEY_USERS\\S-1-5-21-9\\Software\\Microsoft\\Office\\15.0\\Outlook\\Profiles\\P\\9375CFF0413111d3B88A00104B2A6676\\00000002");
        assert_eq!(
            m,
            Some(Location::Mapi {
                user: Some("S-1-5-21-9".into()),
                root: "Office 15.0".into(),
                profile: "P".into()
            })
        );
        assert!(locate("HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\P\\9375CFF0413111d3B88A00104B2A6676").is_none());
        assert!(locate("HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\P\\9375CFF0413111d3B88A00104B2A6676\\1").is_none());
        assert_eq!(
            locate("HKEY_CURRENT_USER\\Identities\\{X}\\Software\\Microsoft\\Internet Account Manager\\Accounts\\00000001"),
            Some(Location::OldManager { kind: OldKind::OutlookExpress })
        );
        assert_eq!(
            locate("HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\8.0\\Outlook\\OMI Account Manager\\Accounts\\00000001"),
            Some(Location::OldManager { kind: OldKind::Omi })
        );
    }
}
