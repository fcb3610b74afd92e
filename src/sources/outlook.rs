//! Outlook, Outlook Express and OMI account settings found in a regedit export.
//!
//! The grammar is [`super::regfile`]; this module replays the export into a small
//! registry (later keys win, `[-KEY]` and `"name"=-` delete), finds every account
//! under the profile roots of Outlook 97–365 and the Outlook Express / OMI account
//! managers, and resolves each to an [`Access`] with Outlook's own defaults.
//! The bit-field and four-flag retention decoders are shared with the PRF and
//! `.oeaccount` readers.

use super::regfile::{self, Data, RegFile, Value, Version};
use super::{Ctx, Input, Readout};
use crate::model::{
    Access, Auth, Client, Evidence, Fetch, Origin, Outgoing, Problem, Protocol, Retention, Security,
};
use std::collections::BTreeMap;

/// The profile subkey that holds one subkey per mail account.
const ACCOUNTS_KEY: &str = "9375cff0413111d3b88a00104b2a6676";
const CLSID_POP3: &str = "{ed475411-b0d6-11d2-8c3b-00104b2a6676}";
const CLSID_IMAP: &str = "{ed475412-b0d6-11d2-8c3b-00104b2a6676}";
const CLSID_MAPI: &str = "{ed475414-b0d6-11d2-8c3b-00104b2a6676}";
const CLSID_HTTP: &str = "{4db5cbf0-3b77-4852-bc8e-bb81908861f3}";
const CLSID_LDAP: &str = "{4db5cbf2-3b77-4852-bc8e-bb81908861f3}";

/// `PROP_POP_LEAVE_ON_SERVER` bit: keep a copy on the server.
pub const LEAVE_ON_SERVER: u32 = 0x1;
/// `PROP_POP_LEAVE_ON_SERVER` bit: remove N days after download (N = value >> 16).
pub const REMOVE_AFTER: u32 = 0x2;
/// `PROP_POP_LEAVE_ON_SERVER` bit: remove when deleted from Deleted Items.
pub const REMOVE_ON_NUKE: u32 = 0x4;

/// Outlook's default Send/Receive group; it is not stored in the account key.
const FETCH_ASSUMPTION: &str = "Send/Receive group settings are not part of an account key; assumed Outlook's default group: fetch at start-up and every 30 minutes.";

/// A retention decoded from a client's own fields, with what had to be assumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedRetention {
    pub retention: Retention,
    /// Plain sentences for `Access::assumptions`.
    pub assumptions: Vec<String>,
    /// Set when the combination has no documented meaning (a Problem is due).
    pub anomaly: Option<String>,
}

fn retention(leave: bool, days: Option<i64>, nuke: bool) -> Retention {
    Retention {
        leave_on_server: leave,
        delete_after_days: days,
        delete_when_deleted_locally: nuke,
        headers_only: false,
        size_limit_kib: None,
    }
}

/// Decodes Outlook's `Leave on Server` / PRF `LeaveOnServer` bit field.
///
/// Bit 0x1 clear removes at download whatever else is set (the dialog greys the
/// sub-options out); days count only with 0x2; 0x2 with 0 days is anomalous.
pub fn decode_leave_bits(value: u32) -> DecodedRetention {
    let mut assumptions = Vec::new();
    let mut anomaly = None;
    let days = value >> 16;
    let undocumented = value & 0xFFF8;
    if undocumented != 0 {
        assumptions.push(format!(
            "`Leave on Server` = 0x{value:08x} has undocumented bits 0x{undocumented:x} set; they were ignored."
        ));
    }
    if value & LEAVE_ON_SERVER == 0 {
        if value & (REMOVE_AFTER | REMOVE_ON_NUKE) != 0 || days != 0 {
            assumptions.push(format!(
                "`Leave on Server` = 0x{value:08x} has removal options set while \"leave a copy\" is off; assumed Outlook removes messages at download, as its dialog disables those options."
            ));
        }
        return DecodedRetention {
            retention: retention(false, None, false),
            assumptions,
            anomaly,
        };
    }
    let nuke = value & REMOVE_ON_NUKE != 0;
    let delete_after = if value & REMOVE_AFTER == 0 {
        None
    } else if days == 0 {
        let sentence = format!(
            "`Leave on Server` = 0x{value:08x} asks to remove messages after 0 days, which Outlook's dialog does not allow; assumed they are removed at the next fetch."
        );
        assumptions.push(sentence.clone());
        anomaly = Some(sentence);
        Some(-1)
    } else {
        Some(i64::from(days))
    };
    DecodedRetention {
        retention: retention(true, delete_after, nuke),
        assumptions,
        anomaly,
    }
}

/// Decodes the four separate settings of Outlook Express, Windows Mail, Windows Live
/// Mail and Outlook 97–2000 PRF files: leave, remove when deleted, remove when expired, days.
pub fn decode_four_flags(
    leave: bool,
    remove_deleted: bool,
    remove_expired: bool,
    days: Option<u32>,
) -> DecodedRetention {
    let mut assumptions = Vec::new();
    let mut anomaly = None;
    if !leave {
        if remove_deleted || remove_expired {
            assumptions.push(
                "Removal options are set while \"leave a copy on the server\" is off; assumed messages are removed at download, as the client's dialog disables those options."
                    .to_string(),
            );
        }
        return DecodedRetention {
            retention: retention(false, None, false),
            assumptions,
            anomaly,
        };
    }
    let delete_after = match (remove_expired, days) {
        (false, _) => None,
        (true, Some(d)) if d > 0 => Some(i64::from(d)),
        (true, _) => {
            let sentence = "Removal after a number of days is on but the number of days is 0 or missing; assumed messages are removed at the next fetch.".to_string();
            assumptions.push(sentence.clone());
            anomaly = Some(sentence);
            Some(-1)
        }
    };
    DecodedRetention {
        retention: retention(true, delete_after, remove_deleted),
        assumptions,
        anomaly,
    }
}

/// Security of an SMTP connection from Outlook's `SMTP Secure Connection` (0 none, 1 SSL, 2 TLS, 3 Auto).
///
/// That 1 means implicit TLS and 2 STARTTLS is inferred from real exports (1 with port 465);
/// Auto is resolved by port. Returns the security and, when inferred, a sentence.
pub fn smtp_secure_connection(value: u32, port: u16) -> (Security, Option<String>) {
    match value {
        0 => (Security::None, None),
        1 => (Security::Tls, None),
        2 => (Security::Starttls, None),
        3 => {
            let s = by_port(port);
            (
                s,
                Some(format!(
                    "SMTP encryption is set to Auto; assumed {} on port {port}.",
                    if s == Security::Tls {
                        "SSL/TLS"
                    } else {
                        "STARTTLS"
                    }
                )),
            )
        }
        other => (
            Security::None,
            Some(format!(
                "SMTP encryption value {other} is not documented; assumed no encryption."
            )),
        ),
    }
}

/// A single "requires an encrypted connection" checkbox for SMTP: implicit TLS on 465, else STARTTLS.
pub fn smtp_ssl_flag(on: bool, port: u16) -> (Security, Option<String>) {
    if !on {
        return (Security::None, None);
    }
    let s = by_port(port);
    (
        s,
        Some(format!(
            "The SMTP \"encrypted connection\" checkbox does not say which kind; assumed {} on port {port}.",
            if s == Security::Tls { "SSL/TLS" } else { "STARTTLS" }
        )),
    )
}

fn by_port(port: u16) -> Security {
    if port == 465 {
        Security::Tls
    } else {
        Security::Starttls
    }
}

/// Reads one `.reg` export and returns every POP3 and IMAP account it holds.
pub fn read_reg(input: &Input, ctx: &Ctx) -> Readout {
    let rel = ctx.rel(&input.path);
    match ctx.read(&input.path) {
        Ok(bytes) => read_reg_bytes(&bytes, &rel),
        Err(p) => Readout {
            problems: vec![p],
            ..Readout::default()
        },
    }
}

/// Reads the bytes of a `.reg` export; `rel` is the path shown in reports.
pub fn read_reg_bytes(bytes: &[u8], rel: &str) -> Readout {
    let file = regfile::parse(bytes);
    let mut out = Readout::default();
    for e in &file.errors {
        out.problems
            .push(Problem::at(rel, e.line, e.message.clone()));
    }
    let registry = Registry::replay(&file);
    let mut found: Vec<(Location, &Node)> = registry
        .nodes
        .values()
        .filter_map(|n| locate(&n.path).map(|l| (l, n)))
        .collect();
    found.sort_by_key(|(_, n)| n.line);
    let defaults = default_profiles(&registry);
    let labels = Labels::new(&found);
    let cut_key = file
        .keys
        .last()
        .filter(|_| file.truncated)
        .map(|k| (k.path.to_ascii_lowercase(), k.line));
    for (loc, node) in &found {
        let mut probs = Vec::new();
        let access = match loc {
            Location::Mapi {
                user,
                root,
                profile,
            } => {
                let ctx = MapiCtx {
                    rel,
                    version: file.version,
                    root,
                    label: labels.label(user, root, profile, &defaults),
                    default: defaults.get(&(user.clone(), root.clone())).cloned(),
                    profile,
                    many_profiles: labels.many_profiles,
                };
                mapi_account(node, &ctx, &mut probs)
            }
            Location::OldManager { kind } => {
                old_account(node, *kind, rel, file.version, &mut probs)
            }
        };
        let lower = node.path.to_ascii_lowercase();
        if let Some((_, line)) = cut_key.as_ref().filter(|(k, _)| *k == lower) {
            // Whatever is missing from a cut-off key (a server, `Leave on Server`) would
            // otherwise be filled with defaults and misreport the account.
            if access.is_some() || !probs.is_empty() {
                out.problems.push(Problem::at(
                    rel,
                    *line,
                    format!(
                        "the export looks cut off inside account key `{}`; that account may be missing values, so it is not read",
                        key_name(&node.path)
                    ),
                ));
            }
            continue;
        }
        out.problems.append(&mut probs);
        let Some(mut a) = access else { continue };
        for e in file.errors.iter().filter(|e| {
            e.key
                .and_then(|k| file.keys.get(k))
                .is_some_and(|k| k.path.eq_ignore_ascii_case(&node.path))
        }) {
            a.assumptions.push(format!(
                "Line {} of this account's key could not be read ({}); a default or assumption stands in for the value it held.",
                e.line, e.message
            ));
        }
        out.accesses.push(a);
    }
    out
}

/// One registry key after replaying the export.
#[derive(Debug)]
struct Node {
    path: String,
    line: u32,
    /// Lower-cased name (`""` for `@`) → value.
    values: BTreeMap<String, Value>,
}

impl Node {
    fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(&name.to_ascii_lowercase())
    }
}

/// The keys of an export, replayed in file order as regedit would import them.
struct Registry {
    nodes: BTreeMap<String, Node>,
}

impl Registry {
    fn replay(file: &RegFile) -> Self {
        let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
        for key in &file.keys {
            let lower = key.path.to_ascii_lowercase();
            if key.delete {
                let prefix = format!("{lower}\\");
                nodes.retain(|k, _| k != &lower && !k.starts_with(&prefix));
                continue;
            }
            let node = nodes.entry(lower).or_insert_with(|| Node {
                path: key.path.clone(),
                line: key.line,
                values: BTreeMap::new(),
            });
            for v in &key.values {
                let name = v.name.as_deref().unwrap_or("").to_ascii_lowercase();
                if v.data == Data::Delete {
                    node.values.remove(&name);
                } else {
                    node.values.insert(name, v.clone());
                }
            }
        }
        Registry { nodes }
    }
}

/// Which account store a key belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Location {
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
enum OldKind {
    OutlookExpress,
    Omi,
}

/// Splits off the hive: `HKEY_CURRENT_USER` → `None`, `HKEY_USERS\<SID>` → the SID.
fn user_and_rest(path: &str) -> Option<(Option<String>, Vec<&str>)> {
    let parts: Vec<&str> = path.split('\\').filter(|p| !p.is_empty()).collect();
    let hive = parts.first()?.to_ascii_uppercase();
    match hive.as_str() {
        "HKEY_CURRENT_USER" | "HKCU" => Some((None, parts[1..].to_vec())),
        "HKEY_USERS" | "HKU" if parts.len() > 1 => {
            Some((Some(parts[1].to_string()), parts[2..].to_vec()))
        }
        _ => None,
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

fn locate(path: &str) -> Option<Location> {
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
fn default_profiles(registry: &Registry) -> BTreeMap<(Option<String>, String), String> {
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
struct Labels {
    many_users: bool,
    many_roots: bool,
    many_profiles: bool,
}

impl Labels {
    fn new(found: &[(Location, &Node)]) -> Self {
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

    fn label(
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

struct MapiCtx<'a> {
    rel: &'a str,
    version: Version,
    root: &'a str,
    profile: &'a str,
    /// Suffix that tells this profile apart from others in the same export.
    label: String,
    default: Option<String>,
    /// The export holds more than one profile.
    many_profiles: bool,
}

/// Reads typed values of one account key, reporting wrong types as problems.
struct Values<'a> {
    node: &'a Node,
    rel: &'a str,
    version: Version,
}

impl<'a> Values<'a> {
    fn string(&self, name: &str, probs: &mut Vec<Problem>) -> Option<(String, u32)> {
        let v = self.node.get(name)?;
        let s = match &v.data {
            Data::Sz(s) => Some(s.clone()),
            Data::Hex { kind: 1 | 2, bytes } => regfile::string_from_bytes(bytes, self.version),
            Data::Hex { kind: 3, bytes } => binary_string(bytes),
            _ => {
                probs.push(Problem::at(
                    self.rel,
                    v.line,
                    format!("value `{name}` is not a string; ignored"),
                ));
                return None;
            }
        };
        match s {
            Some(s) => Some((s.trim().to_string(), v.line)),
            None => {
                probs.push(Problem::at(
                    self.rel,
                    v.line,
                    format!("value `{name}` does not hold readable text; ignored"),
                ));
                None
            }
        }
    }

    fn dword(&self, name: &str, probs: &mut Vec<Problem>) -> Option<(u32, u32)> {
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
                probs.push(Problem::at(
                    self.rel,
                    v.line,
                    format!("value `{name}` is not a DWORD; ignored"),
                ));
                None
            }
        }
    }

    fn flag(&self, name: &str, probs: &mut Vec<Problem>) -> Option<(bool, u32)> {
        self.dword(name, probs).map(|(n, l)| (n != 0, l))
    }

    fn port(&self, name: &str, probs: &mut Vec<Problem>) -> Option<(u16, u32)> {
        let (n, line) = self.dword(name, probs)?;
        match u16::try_from(n) {
            Ok(p) if p != 0 => Some((p, line)),
            _ => {
                probs.push(Problem::at(
                    self.rel,
                    line,
                    format!("value `{name}` = {n} is not a TCP port; the default port is used"),
                ));
                None
            }
        }
    }

    fn has_password(&self) -> bool {
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

fn key_name(path: &str) -> &str {
    path.rsplit('\\').next().unwrap_or(path)
}

fn mapi_account(node: &Node, m: &MapiCtx, probs: &mut Vec<Problem>) -> Option<Access> {
    let vals = Values {
        node,
        rel: m.rel,
        version: m.version,
    };
    let at = |line: u32| Origin::at(m.rel, line);
    let default_outlook = || Origin::ClientDefault {
        client: "outlook".into(),
    };
    let clsid = vals
        .string("clsid", probs)
        .map(|(s, _)| s.to_ascii_lowercase());
    let name = vals
        .string("Account Name", probs)
        .map(|(s, _)| s)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| key_name(&node.path).to_string());
    let pop_server = vals.string("POP3 Server", probs);
    let imap_server = vals.string("IMAP Server", probs);
    let mut assumptions = Vec::new();
    let protocol = match clsid.as_deref() {
        Some(CLSID_POP3) => Protocol::Pop3,
        Some(CLSID_IMAP) => Protocol::Imap,
        Some(CLSID_MAPI) | Some(CLSID_LDAP) => return None,
        other => {
            let kind = match other {
                Some(CLSID_HTTP) => "an HTTP (Hotmail) account".to_string(),
                Some(c) => format!("an account of unknown type {c}"),
                None => "an account without a `clsid` value".to_string(),
            };
            if pop_server.is_some() || imap_server.is_some() {
                let p = if pop_server.is_some() { "POP3" } else { "IMAP" };
                assumptions.push(format!(
                    "Outlook account `{name}` is {kind}; read as {p} because it has a `{p} Server` value."
                ));
                if pop_server.is_some() {
                    Protocol::Pop3
                } else {
                    Protocol::Imap
                }
            } else {
                probs.push(Problem::at(
                    m.rel,
                    node.line,
                    format!("Outlook account `{name}` is {kind}; not audited"),
                ));
                return None;
            }
        }
    };
    let (prefix, server) = if protocol == Protocol::Pop3 {
        ("POP3", pop_server)
    } else {
        ("IMAP", imap_server)
    };
    let Some((host, host_line)) = server.filter(|(h, _)| !h.is_empty()) else {
        probs.push(Problem::at(
            m.rel,
            node.line,
            format!("Outlook {prefix} account `{name}` has no `{prefix} Server` value; skipped"),
        ));
        return None;
    };
    let mut a = Access::new(
        Client::Outlook,
        &format!("{name}{}", m.label),
        protocol,
        Evidence {
            path: m.rel.to_string(),
            line: Some(node.line),
        },
    );
    a.host = host;
    a.provenance.insert("host".into(), at(host_line));

    let email = vals.string("Email", probs).filter(|(e, _)| !e.is_empty());
    match vals.string(&format!("{prefix} User"), probs) {
        Some((u, line)) if !u.is_empty() => {
            a.username = u;
            a.provenance.insert("username".into(), at(line));
        }
        _ => {
            if let Some((e, _)) = &email {
                a.username = e.clone();
                let reason =
                    format!("no `{prefix} User` value; assumed the login is the e-mail address");
                assumptions.push(format!("Outlook wrote {reason}."));
                a.provenance
                    .insert("username".into(), Origin::Assumed { reason });
            } else {
                probs.push(Problem::at(
                    m.rel,
                    node.line,
                    format!("Outlook account `{name}` has neither `{prefix} User` nor `Email`; its mailbox cannot be named"),
                ));
            }
        }
    }
    if let Some((e, _)) = email {
        a.identities.push(e);
    }

    let ssl = vals.flag(&format!("{prefix} Use SSL"), probs);
    a.security = if ssl.is_some_and(|(on, _)| on) {
        Security::Tls
    } else {
        Security::None
    };
    a.provenance.insert(
        "security".into(),
        ssl.map_or_else(default_outlook, |(_, l)| at(l)),
    );
    let (plain_port, tls_port) = if protocol == Protocol::Pop3 {
        (110, 995)
    } else {
        (143, 993)
    };
    match vals.port(&format!("{prefix} Port"), probs) {
        Some((p, line)) => {
            a.port = Some(p);
            a.provenance.insert("port".into(), at(line));
        }
        None if a.security == Security::Tls => {
            a.port = Some(tls_port);
            let reason =
                format!("no `{prefix} Port` value with SSL on; assumed the SSL default {tls_port}");
            assumptions.push(format!("Outlook wrote {reason}."));
            a.provenance
                .insert("port".into(), Origin::Assumed { reason });
        }
        None => {
            a.port = Some(plain_port);
            a.provenance.insert("port".into(), default_outlook());
        }
    }
    let spa = vals
        .flag(&format!("{prefix} Use SPA"), probs)
        .or_else(|| vals.flag(&format!("{prefix} Use Sicily"), probs));
    a.auth = if spa.is_some_and(|(on, _)| on) {
        Auth::PasswordEncrypted
    } else {
        Auth::PasswordCleartext
    };
    a.provenance.insert(
        "auth".into(),
        spa.map_or_else(default_outlook, |(_, l)| at(l)),
    );
    a.password_stored = vals.has_password();
    a.fetch = Fetch {
        automatic: true,
        interval_minutes: Some(30),
        at_startup: true,
    };
    a.provenance.insert(
        "fetch".into(),
        Origin::Assumed {
            reason: FETCH_ASSUMPTION.into(),
        },
    );
    assumptions.push(FETCH_ASSUMPTION.into());

    if let Some(o) = mapi_outgoing(&vals, a.auth, &mut assumptions, probs) {
        a.outgoing.push(o);
    }

    if protocol == Protocol::Pop3 {
        let decoded = match vals.dword("Leave on Server", probs) {
            Some((bits, line)) => {
                for f in [
                    "leave_on_server",
                    "delete_after_days",
                    "delete_when_deleted_locally",
                ] {
                    a.provenance.insert(f.into(), at(line));
                }
                if m.root.starts_with("Windows Messaging") {
                    assumptions.push("Outlook 2010 and older are assumed to store `Leave on Server` like Outlook 2013 and later (not confirmed for those versions).".into());
                }
                let d = decode_leave_bits(bits);
                if let Some(anomaly) = &d.anomaly {
                    probs.push(Problem::at(
                        m.rel,
                        line,
                        format!("Outlook account `{name}`: {anomaly}"),
                    ));
                }
                d
            }
            None => {
                let reason = "Outlook wrote no `Leave on Server` value; assumed it removes messages at download (Outlook's classic default).".to_string();
                for f in [
                    "leave_on_server",
                    "delete_after_days",
                    "delete_when_deleted_locally",
                ] {
                    a.provenance.insert(
                        f.into(),
                        Origin::Assumed {
                            reason: reason.clone(),
                        },
                    );
                }
                DecodedRetention {
                    retention: retention(false, None, false),
                    assumptions: vec![reason],
                    anomaly: None,
                }
            }
        };
        a.provenance
            .insert("headers_only".into(), default_outlook());
        assumptions.extend(decoded.assumptions);
        a.retention = Some(decoded.retention);
        let foreign: Vec<&str> = [
            "Leave Mail On Server",
            "Remove When Deleted",
            "Remove When Expired",
            "Expire Days",
        ]
        .into_iter()
        .filter(|n| node.get(n).is_some())
        .collect();
        if !foreign.is_empty() {
            assumptions.push(format!(
                "Values with Outlook Express names ({}) are in this Outlook profile key; Outlook does not read them, so they were ignored.",
                foreign.join(", ")
            ));
        }
    }

    if let Some(default) = &m.default {
        if !default.eq_ignore_ascii_case(m.profile) {
            assumptions.push(format!(
                "Outlook profile `{}` is not the default profile (`{default}`); its accounts are fetched only when Outlook is started with it.",
                m.profile
            ));
        }
    } else if m.many_profiles {
        assumptions.push("The export does not say which Outlook profile is the default; every profile is assumed to be in use.".into());
    }
    a.assumptions = assumptions;
    Some(a)
}

fn mapi_outgoing(
    vals: &Values,
    incoming_auth: Auth,
    assumptions: &mut Vec<String>,
    probs: &mut Vec<Problem>,
) -> Option<Outgoing> {
    let (host, line) = vals
        .string("SMTP Server", probs)
        .filter(|(h, _)| !h.is_empty())?;
    let port = vals.port("SMTP Port", probs).map_or(25, |(p, _)| p);
    let (security, note) = match vals.dword("SMTP Secure Connection", probs) {
        Some((v, _)) => smtp_secure_connection(v, port),
        None => smtp_ssl_flag(
            vals.flag("SMTP Use SSL", probs).is_some_and(|(on, _)| on),
            port,
        ),
    };
    assumptions.extend(note);
    let uses_auth = vals.flag("SMTP Use Auth", probs).is_some_and(|(on, _)| on);
    let spa = vals.flag("SMTP Use SPA", probs).is_some_and(|(on, _)| on);
    let auth = match (uses_auth, spa) {
        (false, _) => Auth::None,
        (true, true) => Auth::PasswordEncrypted,
        (true, false) => {
            if incoming_auth == Auth::PasswordEncrypted {
                Auth::PasswordEncrypted
            } else {
                Auth::PasswordCleartext
            }
        }
    };
    Some(Outgoing {
        host,
        port: Some(port),
        security,
        auth,
        source: Some(Evidence {
            path: vals.rel.to_string(),
            line: Some(line),
        }),
    })
}

/// An Outlook Express or OMI account key: four separate retention values.
fn old_account(
    node: &Node,
    kind: OldKind,
    rel: &str,
    version: Version,
    probs: &mut Vec<Problem>,
) -> Option<Access> {
    let vals = Values { node, rel, version };
    let at = |line: u32| Origin::at(rel, line);
    let (client, client_name, label) = match kind {
        OldKind::OutlookExpress => (
            Client::WindowsLiveMail,
            "outlook-express",
            "Outlook Express",
        ),
        OldKind::Omi => (Client::Outlook, "outlook", "Outlook 98/2000"),
    };
    let default = || Origin::ClientDefault {
        client: client_name.into(),
    };
    let pop = vals
        .string("POP3 Server", probs)
        .filter(|(h, _)| !h.is_empty());
    let imap = vals
        .string("IMAP Server", probs)
        .filter(|(h, _)| !h.is_empty());
    let (protocol, prefix, (host, host_line)) = match (pop, imap) {
        (Some(p), _) => (Protocol::Pop3, "POP3", p),
        (None, Some(i)) => (Protocol::Imap, "IMAP", i),
        // News, directory and HTTP accounts share these keys; they hold no mailbox.
        (None, None) => return None,
    };
    let name = vals
        .string("Account Name", probs)
        .map(|(s, _)| s)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| key_name(&node.path).to_string());
    let mut a = Access::new(
        client,
        &name,
        protocol,
        Evidence {
            path: rel.to_string(),
            line: Some(node.line),
        },
    );
    let mut assumptions = Vec::new();
    if kind == OldKind::OutlookExpress {
        assumptions.push("Outlook Express account: listed as windows-live-mail, its successor that keeps the same settings.".to_string());
    }
    a.host = host;
    a.provenance.insert("host".into(), at(host_line));
    let email = vals
        .string("SMTP Email Address", probs)
        .filter(|(e, _)| !e.is_empty());
    match vals.string(&format!("{prefix} User Name"), probs) {
        Some((u, line)) if !u.is_empty() => {
            a.username = u;
            a.provenance.insert("username".into(), at(line));
        }
        _ => {
            if let Some((e, _)) = &email {
                a.username = e.clone();
                let reason = format!(
                    "no `{prefix} User Name` value; assumed the login is the e-mail address"
                );
                assumptions.push(format!("{label} wrote {reason}."));
                a.provenance
                    .insert("username".into(), Origin::Assumed { reason });
            }
        }
    }
    if let Some((e, _)) = email {
        a.identities.push(e);
    }
    let secure = vals.flag(&format!("{prefix} Secure Connection"), probs);
    a.security = if secure.is_some_and(|(on, _)| on) {
        Security::Tls
    } else {
        Security::None
    };
    a.provenance.insert(
        "security".into(),
        secure.map_or_else(default, |(_, l)| at(l)),
    );
    let (plain, tls) = if protocol == Protocol::Pop3 {
        (110, 995)
    } else {
        (143, 993)
    };
    match vals.port(&format!("{prefix} Port"), probs) {
        Some((p, l)) => {
            a.port = Some(p);
            a.provenance.insert("port".into(), at(l));
        }
        None => {
            a.port = Some(if a.security == Security::Tls {
                tls
            } else {
                plain
            });
            a.provenance.insert("port".into(), default());
        }
    }
    let spa = vals.flag(&format!("{prefix} Use Sicily"), probs);
    a.auth = if spa.is_some_and(|(on, _)| on) {
        Auth::PasswordEncrypted
    } else {
        Auth::PasswordCleartext
    };
    a.provenance
        .insert("auth".into(), spa.map_or_else(default, |(_, l)| at(l)));
    a.password_stored = vals.has_password();
    let skip = vals
        .flag(&format!("{prefix} Skip Account"), probs)
        .filter(|(on, _)| *on);
    a.fetch = Fetch {
        automatic: skip.is_none(),
        interval_minutes: if skip.is_none() { Some(30) } else { None },
        at_startup: skip.is_none(),
    };
    match skip {
        Some((_, l)) => {
            a.provenance.insert("fetch".into(), at(l));
        }
        None => {
            let reason = format!("the check interval is a program-wide setting outside the account key; assumed {label} checks at start-up and every 30 minutes");
            assumptions.push(format!("In the registry, {reason}."));
            a.provenance
                .insert("fetch".into(), Origin::Assumed { reason });
        }
    }
    if let Some((host, line)) = vals
        .string("SMTP Server", probs)
        .filter(|(h, _)| !h.is_empty())
    {
        let port = vals.port("SMTP Port", probs).map_or(25, |(p, _)| p);
        let (security, note) = smtp_ssl_flag(
            vals.flag("SMTP Secure Connection", probs)
                .is_some_and(|(on, _)| on),
            port,
        );
        assumptions.extend(note);
        let auth = match vals.dword("SMTP Use Sicily", probs).map(|(v, _)| v) {
            None | Some(0) => Auth::None,
            Some(1) => Auth::PasswordEncrypted,
            Some(2) => a.auth,
            Some(_) => Auth::PasswordCleartext,
        };
        a.outgoing.push(Outgoing {
            host,
            port: Some(port),
            security,
            auth,
            source: Some(Evidence {
                path: rel.to_string(),
                line: Some(line),
            }),
        });
    }
    if protocol == Protocol::Pop3 {
        let leave = vals.flag("Leave Mail On Server", probs);
        let deleted = vals.flag("Remove When Deleted", probs);
        let expired = vals.flag("Remove When Expired", probs);
        let days = vals.dword("Expire Days", probs);
        let decoded = decode_four_flags(
            leave.is_some_and(|(on, _)| on),
            deleted.is_some_and(|(on, _)| on),
            expired.is_some_and(|(on, _)| on),
            days.map(|(d, _)| d),
        );
        match leave {
            Some((_, l)) => {
                a.provenance.insert("leave_on_server".into(), at(l));
            }
            None => {
                let reason = format!("{label} wrote no `Leave Mail On Server` value; assumed it removes messages at download (its default)");
                assumptions.push(format!("{reason}."));
                a.provenance
                    .insert("leave_on_server".into(), Origin::Assumed { reason });
            }
        }
        let days_origin = expired
            .map(|(_, l)| l)
            .or(days.map(|(_, l)| l))
            .map_or_else(default, at);
        a.provenance.insert("delete_after_days".into(), days_origin);
        a.provenance.insert(
            "delete_when_deleted_locally".into(),
            deleted.map_or_else(default, |(_, l)| at(l)),
        );
        a.provenance.insert("headers_only".into(), default());
        if let Some(anomaly) = &decoded.anomaly {
            let line = expired.map_or(node.line, |(_, l)| l);
            probs.push(Problem::at(
                rel,
                line,
                format!("{label} account `{name}`: {anomaly}"),
            ));
        }
        assumptions.extend(decoded.assumptions);
        a.retention = Some(decoded.retention);
    }
    a.assumptions = assumptions;
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leave_bits_decoding_table() {
        let r = |v| decode_leave_bits(v).retention;
        assert_eq!(r(0x0), retention(false, None, false));
        assert_eq!(r(0x1), retention(true, None, false));
        assert_eq!(r(0x0005_0001), retention(true, None, false));
        assert_eq!(r(0x000e_0003), retention(true, Some(14), false));
        assert_eq!(r(0x0014_0003), retention(true, Some(20), false));
        assert_eq!(r(0x0002_0007), retention(true, Some(2), true));
        assert_eq!(r(0x5), retention(true, None, true));
        assert_eq!(r(0x000e_0006), retention(false, None, false));
        let z = decode_leave_bits(0x3);
        assert!(z.anomaly.is_some());
        assert_eq!(z.retention.delete_after_days, Some(-1));
        assert!(decode_leave_bits(0x000e_0003).assumptions.is_empty());
        assert_eq!(decode_leave_bits(0x0000_0009).assumptions.len(), 1);
    }

    #[test]
    fn four_flags_follow_the_same_rules() {
        let r = |l, d, e, n| decode_four_flags(l, d, e, n).retention;
        assert_eq!(r(false, true, true, Some(5)), retention(false, None, false));
        assert_eq!(r(true, false, false, Some(5)), retention(true, None, false));
        assert_eq!(r(true, true, true, Some(5)), retention(true, Some(5), true));
        assert!(decode_four_flags(true, false, true, Some(0))
            .anomaly
            .is_some());
        assert!(decode_four_flags(true, false, true, None).anomaly.is_some());
    }

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
