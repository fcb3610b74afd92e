//! The site file (`site.toml`) as data: facts no client file holds. Reading and checking it
//! is `crate::site`'s; the value rules (sizes, day counts, addresses) are part of the format
//! and live beside the types they fill.

use super::plan::Host;
use super::DeviceKind;
use serde::{Deserialize, Deserializer};
use std::collections::{BTreeMap, HashMap};

/// The whole site file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    #[serde(default)]
    pub defaults: Defaults,
    #[serde(default)]
    pub mailbox: BTreeMap<String, MailboxSite>,
    #[serde(default)]
    pub device: BTreeMap<String, DeviceSite>,
    #[serde(default)]
    pub manual: Vec<toml::Spanned<ManualEntry>>,
    /// Path of the file as shown in reports; set after parsing.
    #[serde(skip)]
    pub path: String,
    /// Source text, kept to turn spans into line numbers.
    #[serde(skip)]
    pub text: String,
    /// Indexes built once at parse, so that lookups per entry or per access do not scan
    /// the whole file or every mailbox again (thousands of entries stay linear).
    #[serde(skip)]
    pub(crate) index: Index,
}

/// Lookups over the site file, built once.
#[derive(Debug, Default)]
pub(crate) struct Index {
    /// Where each line starts, counted as every reader counts lines.
    pub(crate) line_starts: crate::text::LineIndex,
    /// Each distinct trimmed line → its first 1-based line number.
    pub(crate) lines: HashMap<String, u32>,
    /// Lower-cased mailbox key → the key as written.
    pub(crate) mailbox: HashMap<String, String>,
    /// Lower-cased alias address → the mailbox key it belongs to (first in key order).
    pub(crate) alias_address: HashMap<String, String>,
    /// Lower-cased alias host → the mailbox keys that name it, in key order.
    pub(crate) alias_host: HashMap<String, Vec<String>>,
}

/// `[defaults]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Longest expected absence of a device without its own `away_days`.
    #[serde(default = "default_away")]
    pub away_days: u32,
    /// Days the main device keeps copies in the recommended layout.
    #[serde(default = "default_keep", deserialize_with = "keep_days")]
    pub keep_days: u32,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            away_days: default_away(),
            keep_days: default_keep(),
        }
    }
}

fn default_away() -> u32 {
    7
}

fn default_keep() -> u32 {
    14
}

/// `[mailbox."KEY"]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailboxSite {
    #[serde(default, deserialize_with = "size_opt")]
    pub quota: Option<u64>,
    #[serde(default, deserialize_with = "size_opt")]
    pub daily_volume: Option<u64>,
    pub main: Option<String>,
    /// Other keys (`info@mail.example.jp`) or host names (`mail.example.jp`) for this mailbox.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default, deserialize_with = "keep_days_opt")]
    pub keep_days: Option<u32>,
    /// Own addresses for the other devices in the recommended layout, by device id.
    #[serde(default, deserialize_with = "addresses")]
    pub forward_to: BTreeMap<String, String>,
    /// The hosting panel the mailbox is managed in, for the plan's server steps.
    pub panel: Option<Host>,
}

/// `[device."ID"]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceSite {
    pub owner: Option<String>,
    pub kind: Option<DeviceKind>,
    pub away_days: Option<u32>,
}

/// `[[manual]]`: a device with no file to read, described by hand.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManualEntry {
    pub device: String,
    pub client: String,
    pub mailbox: Option<String>,
    pub account: Option<String>,
    pub protocol: Option<String>,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub username: Option<String>,
    pub security: Option<String>,
    /// How the login is sent, in the report's spelling (`password-cleartext`, `oauth2`, …).
    pub auth: Option<String>,
    pub leave_on_server: Option<bool>,
    pub delete_after_days: Option<i64>,
    pub delete_when_deleted_locally: Option<bool>,
    pub fetch_interval_minutes: Option<u32>,
    pub owner: Option<String>,
    pub kind: Option<DeviceKind>,
    #[serde(default)]
    pub identities: Vec<String>,
}

/// Parses `5GB`, `500 MB`, `2GiB`, `123` (bytes). GB/MB/KB are decimal, GiB/MiB/KiB binary.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size; write e.g. `5GB`, `500 MB` or `2GiB`"))?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kb" | "k" => 1e3,
        "mb" | "m" => 1e6,
        "gb" | "g" => 1e9,
        "tb" | "t" => 1e12,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        "tib" => 1024.0f64.powi(4),
        other => {
            return Err(format!(
                "unknown size unit `{other}` in `{s}`; use B, KB, MB, GB, KiB, MiB or GiB"
            ))
        }
    };
    Ok((n * mult).round() as u64)
}

fn size_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Int(i64),
        Text(String),
    }
    match Raw::deserialize(d) {
        // `quota = 2` most often means 2 GB, not 2 bytes: a bare number is refused.
        Ok(Raw::Int(n)) => Err(serde::de::Error::custom(format!(
            "a bare number ({n}) is not a size; write it with a unit in quotes, e.g. \"{n}GB\", \"{n} MB\" or \"{n} B\""
        ))),
        Ok(Raw::Text(s)) => parse_size(&s).map(Some).map_err(serde::de::Error::custom),
        Err(_) => Err(serde::de::Error::custom(
            "expected a size such as `5GB`, `500 MB` or `2GiB`",
        )),
    }
}

/// A day count of at least 1: keeping copies 0 days is not a plan, and must not be taken as 1.
fn keep_days<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n = i64::deserialize(d)?;
    u32::try_from(n)
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| {
            serde::de::Error::custom(format!(
                "keep_days = {n}: the main device must keep copies at least 1 day; write the number of days, e.g. 14"
            ))
        })
}

fn keep_days_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    keep_days(d).map(Some)
}

/// `device = "address"` pairs whose values must be mail addresses.
fn addresses<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    let map = BTreeMap::<String, String>::deserialize(d)?;
    for (device, address) in &map {
        if !is_address(address) {
            return Err(serde::de::Error::custom(format!(
                "forward_to for `{device}`: `{address}` is not a mail address (write e.g. \"info2@example.jp\")"
            )));
        }
    }
    Ok(map)
}

/// One `local@domain` with a dotted domain and no spaces: enough to catch a device id or a
/// host name written where an address belongs.
fn is_address(s: &str) -> bool {
    let Some((local, domain)) = s.trim().rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.trim().contains(char::is_whitespace)
        && !local.contains('@')
}

/// Why a site file could not be used, as data; the report's catalog words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteFault {
    /// The file could not be read; `reason` is the system's or the size cap's words.
    Unreadable { reason: String },
    /// Bytes that are neither UTF-8 nor CP932.
    NotUtf8,
    /// TOML or a value rule refused the text; `message` is the parser's English words, and
    /// `backslash` says it stopped at a backslash escape (a Windows login in double quotes).
    Toml { message: String, backslash: bool },
    /// A `[[manual]]` entry that cannot describe a device.
    Entry { device: String, fault: EntryFault },
}

/// What is wrong with a `[[manual]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryFault {
    /// `device = ""`.
    DeviceEmpty,
    /// A client name not in the lists.
    UnknownClient {
        client: String,
        defaulted: Vec<String>,
        required: Vec<String>,
    },
    /// A field this client needs is not given.
    Missing { key: String },
    /// A field given as an empty string.
    Empty { key: String },
    /// `port = 0`.
    PortZero,
    /// A protocol other than pop3, imap or exchange.
    UnknownProtocol { value: String },
    /// A protocol other than the one this client always uses (`pop3` or `imap`).
    ProtocolFixed { client: String, protocol: String },
    /// A security other than tls, starttls or none.
    UnknownSecurity { value: String },
    /// An auth name not in the list.
    UnknownAuth { value: String, names: Vec<String> },
    /// A POP3 retention field on an IMAP or Exchange entry.
    PopOnly { key: String },
    /// A negative `delete_after_days`.
    NegativeDays { days: i64 },
    /// `delete_after_days` on Gmail's fetcher, which has no such setting.
    GmailNoDays,
    /// `delete_when_deleted_locally = true` on Gmail's fetcher, which never does it.
    GmailNoLocalDelete,
}
