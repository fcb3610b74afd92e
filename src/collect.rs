//! Gathers one machine's mail settings into `OUT/<device>/`, never its secrets.
//!
//! Which files are taken comes from the reader table (`sources::table`); this module only
//! knows where each client keeps its folder on each system. The same search serves
//! `scan` with no path, which reads the files where they are.

use crate::sources::table::{self, Scrub};
use crate::sources::thunderbird::enterprise::INSTALL_DIRS;
use crate::sources::Kind;
use anyhow::{bail, Context, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The kind of system whose layout is searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Os {
    Windows,
    Macos,
    Linux,
}

/// Where one machine keeps things; tests point these at a fake root.
#[derive(Debug, Clone)]
pub struct Roots {
    pub os: Os,
    /// The drive or file-system root (`C:\` or `/`): install folders are below it.
    pub root: PathBuf,
    /// The user's home folder.
    pub home: PathBuf,
    /// `%APPDATA%` (roaming) on Windows.
    pub appdata: Option<PathBuf>,
    /// `%LOCALAPPDATA%` on Windows.
    pub local_appdata: Option<PathBuf>,
}

impl Roots {
    /// This machine's folders, from the `dirs` crate (HOME, XDG variables, known folders).
    pub fn this_machine() -> Result<Roots> {
        let home = dirs::home_dir().context("cannot tell the home folder of this user")?;
        let os = if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::Macos
        } else {
            Os::Linux
        };
        let root = home
            .ancestors()
            .last()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"));
        let (appdata, local_appdata) = if os == Os::Windows {
            (dirs::config_dir(), dirs::data_local_dir())
        } else {
            (None, None)
        };
        Ok(Roots {
            os,
            root,
            home,
            appdata,
            local_appdata,
        })
    }

    /// A layout of the given system under a fake root, home at `<root>/<home>`.
    pub fn fake(os: Os, root: &Path, home: &str) -> Roots {
        let home = root.join(home);
        let (appdata, local_appdata) = if os == Os::Windows {
            (
                Some(home.join("AppData/Roaming")),
                Some(home.join("AppData/Local")),
            )
        } else {
            (None, None)
        };
        Roots {
            os,
            root: root.to_path_buf(),
            home,
            appdata,
            local_appdata,
        }
    }

    /// Where a file goes under the device folder: relative to home, else to the root.
    fn dest(&self, path: &Path) -> String {
        let rel = path
            .strip_prefix(&self.home)
            .or_else(|_| path.strip_prefix(&self.root))
            .unwrap_or(path);
        rel.components()
            .filter_map(|c| match c {
                std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Which client a searched folder belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Client {
    Thunderbird,
    ThunderbirdInstall,
    Becky,
    WindowsLiveMail,
    Outlook,
}

/// A folder searched: where, for what.
#[derive(Debug, Clone)]
pub struct Place {
    pub client: Client,
    pub path: PathBuf,
    /// Where its files go under the device folder, when not by their own path
    /// (a profile that profiles.ini keeps outside the Thunderbird folder).
    pub dest: Option<String>,
}

/// The folders each client may use on this kind of system.
pub fn places(r: &Roots) -> Vec<Place> {
    let mut out = Vec::new();
    let mut add = |client, path: PathBuf| {
        out.push(Place {
            client,
            path,
            dest: None,
        })
    };
    match r.os {
        Os::Windows => {
            if let Some(a) = &r.appdata {
                add(Client::Thunderbird, a.join("Thunderbird"));
            }
        }
        Os::Macos => add(Client::Thunderbird, r.home.join("Library/Thunderbird")),
        Os::Linux => {
            for rel in [
                ".thunderbird",
                "snap/thunderbird/common/.thunderbird",
                ".var/app/org.mozilla.Thunderbird/.thunderbird",
                ".icedove",
                ".mozilla-thunderbird",
            ] {
                add(Client::Thunderbird, r.home.join(rel));
            }
        }
    }
    for rel in INSTALL_DIRS {
        let windows = rel.starts_with("Program Files");
        let mac = rel.starts_with("Applications");
        let fits = match r.os {
            Os::Windows => windows,
            Os::Macos => mac,
            Os::Linux => !windows && !mac,
        };
        if fits {
            add(Client::ThunderbirdInstall, r.root.join(rel));
        }
    }
    if r.os == Os::Windows {
        add(Client::Becky, r.home.join("Documents/Becky"));
        add(Client::Becky, r.root.join("Becky!"));
        if let Some(l) = &r.local_appdata {
            add(
                Client::WindowsLiveMail,
                l.join("Microsoft/Windows Live Mail"),
            );
            add(Client::WindowsLiveMail, l.join("Microsoft/Windows Mail"));
        }
    }
    out
}

/// Folders never worth walking: mail bodies other than POP3 inboxes, caches, add-ons.
const SKIP_DIRS: &[&str] = &[
    "imapmail",
    "news",
    "cache2",
    "startupcache",
    "crashes",
    "minidumps",
    "extensions",
    "storage",
    "datareporting",
    "#attach",
];

/// One file found for a client, and what to do with it.
#[derive(Debug, Clone)]
pub struct Item {
    pub client: Client,
    /// Where it is on this machine.
    pub source: PathBuf,
    /// Where it goes under the device folder, `/`-separated.
    pub dest: String,
    pub what: What,
}

/// What becomes of a found file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// Copied, cleaned as its reader's row says.
    Copy(Scrub),
    /// A POP3 Inbox beside a popstate.dat: only its size and message count are kept.
    Inbox,
    /// A secret: listed, never copied.
    Secret,
}

/// A searched place and what was found there.
#[derive(Debug, Clone, Serialize)]
pub struct Looked {
    pub path: String,
    pub client: Client,
    /// "found", or why nothing was taken.
    pub result: String,
}

/// Everything the search found on a machine.
#[derive(Debug, Default)]
pub struct Found {
    pub items: Vec<Item>,
    pub looked: Vec<Looked>,
    /// Places that exist, by client.
    pub places: Vec<Place>,
}

/// Searches every place of this system for the files the reader table wants.
pub fn search(r: &Roots) -> Found {
    let mut found = Found::default();
    let mut todo = places(r);
    let mut next = 0;
    while next < todo.len() {
        let place = todo[next].clone();
        next += 1;
        let shown = place.path.display().to_string();
        let meta = std::fs::symlink_metadata(&place.path);
        let result = match meta {
            Err(_) => "absent".to_string(),
            Ok(m) if !m.is_dir() => "not a folder (links are not followed)".to_string(),
            Ok(_) => {
                let before = found.items.len();
                let errors = walk(&place, r, &mut found.items);
                found.places.push(place.clone());
                if place.client == Client::Thunderbird && place.dest.is_none() {
                    todo.extend(outside_profiles(&place, r));
                }
                match (found.items.len() - before, errors.first()) {
                    (_, Some(e)) => format!("found; could not read some of it: {e}"),
                    (0, None) => "found, but no file mailaudit reads".to_string(),
                    _ => "found".to_string(),
                }
            }
        };
        found.looked.push(Looked {
            path: shown,
            client: place.client,
            result,
        });
    }
    found
}

/// Profiles that profiles.ini names by an absolute path outside its folder: each is copied
/// beside the ini file under its own folder name, where the reader looks for it.
fn outside_profiles(place: &Place, r: &Roots) -> Vec<Place> {
    let Ok(bytes) = crate::fsio::read_capped(&place.path.join("profiles.ini")) else {
        return Vec::new();
    };
    let ini =
        crate::sources::ini::parse(&crate::text::decode(&bytes, crate::text::Fallback::Ansi).text);
    let base = r.dest(&place.path);
    let mut out = Vec::new();
    for s in &ini.sections {
        let relative = s.get("IsRelative").map(|e| e.value.trim() != "0");
        let (Some(false), Some(path)) = (relative, s.get("Path")) else {
            continue;
        };
        let path = PathBuf::from(path.value.trim());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.is_empty() || path.starts_with(&place.path) || !path.is_absolute() {
            continue;
        }
        let sub = if r.os == Os::Linux {
            name
        } else {
            format!("Profiles/{name}")
        };
        out.push(Place {
            client: Client::Thunderbird,
            path,
            dest: Some(format!("{base}/{sub}")),
        });
    }
    out
}

fn walk(place: &Place, r: &Roots, items: &mut Vec<Item>) -> Vec<String> {
    let mut errors = Vec::new();
    let depth = if place.client == Client::ThunderbirdInstall {
        3
    } else {
        8
    };
    let walker = WalkDir::new(&place.path)
        .follow_links(false)
        .max_depth(depth)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_type().is_dir()
                    && SKIP_DIRS.contains(&e.file_name().to_string_lossy().to_lowercase().as_str()))
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let p = entry.path();
        let rel = p
            .strip_prefix(&place.path)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/");
        let what = if table::is_secret(&rel) {
            What::Secret
        } else if rel.to_lowercase().ends_with("/inbox")
            && p.parent().is_some_and(|d| d.join("popstate.dat").is_file())
        {
            What::Inbox
        } else if let Some(reader) = table::wanted(&rel) {
            What::Copy(reader.scrub)
        } else {
            continue;
        };
        let dest = match &place.dest {
            Some(base) => format!("{base}/{rel}"),
            None => r.dest(p),
        };
        items.push(Item {
            client: place.client,
            source: p.to_path_buf(),
            dest,
            what,
        });
    }
    errors
}

/// One copied file in the manifest.
#[derive(Debug, Clone, Serialize)]
pub struct Copied {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
    /// Values named like a password that were removed from the copy.
    #[serde(skip_serializing_if = "is_zero")]
    pub removed_secret_values: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A POP3 Inbox: only its size and message count.
#[derive(Debug, Clone, Serialize)]
pub struct MailStore {
    pub path: String,
    pub bytes: u64,
    pub messages: u64,
}

/// A file that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct Unread {
    pub path: String,
    pub reason: String,
}

/// `manifest.json` of one device folder.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub schema: &'static str,
    pub device: String,
    pub host: String,
    pub user: String,
    pub os: Os,
    pub time: String,
    pub tool: crate::scan::Tool,
    pub files: Vec<Copied>,
    pub mail_stores: Vec<MailStore>,
    /// Secret files seen and left behind.
    pub secrets_not_copied: Vec<String>,
    pub secrets_copied: usize,
    pub unreadable: Vec<Unread>,
    pub looked: Vec<Looked>,
    pub thunderbird_profiles: usize,
    pub outlook_profiles: usize,
    pub becky_mailboxes: usize,
    pub live_mail_accounts: usize,
}

impl Manifest {
    /// The one-line summary in English:
    /// "PC-A: 2 Thunderbird profiles, 1 Outlook profile; 7 files; 0 secrets copied".
    pub fn summary(&self) -> String {
        self.summary_in(crate::model::Lang::En)
    }

    /// The one-line summary in the given language.
    pub fn summary_in(&self, lang: crate::model::Lang) -> String {
        use crate::model::Lang;
        let count = |n: usize, en: &str, ja: &str| match lang {
            Lang::En if n == 1 => format!("{n} {en}"),
            Lang::En => format!("{n} {en}s"),
            Lang::Ja => format!("{ja} {n} 件"),
        };
        let mut clients = vec![count(
            self.thunderbird_profiles,
            "Thunderbird profile",
            "Thunderbird プロファイル",
        )];
        if self.outlook_profiles > 0 || cfg!(windows) {
            clients.push(count(
                self.outlook_profiles,
                "Outlook profile",
                "Outlook プロファイル",
            ));
        }
        if self.becky_mailboxes > 0 {
            clients.push(count(
                self.becky_mailboxes,
                "Becky! mailbox",
                "Becky! メールボックス",
            ));
        }
        if self.live_mail_accounts > 0 {
            clients.push(count(
                self.live_mail_accounts,
                "Windows Live Mail account",
                "Windows Live メール アカウント",
            ));
        }
        match lang {
            Lang::En => format!(
                "{}: {}; {}; {} copied",
                self.device,
                clients.join(", "),
                count(self.files.len(), "file", ""),
                count(self.secrets_copied, "secret", ""),
            ),
            Lang::Ja => format!(
                "{}: {}、ファイル {} 件をコピー、パスワード等の秘密情報のコピーは {} 件です。",
                self.device,
                clients.join("、"),
                self.files.len(),
                self.secrets_copied,
            ),
        }
    }
}

/// This machine's host name, as a device name.
pub fn host_name() -> String {
    let h = gethostname::gethostname().to_string_lossy().into_owned();
    if h.trim().is_empty() {
        "this-machine".to_string()
    } else {
        h
    }
}

fn user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_default()
}

/// Copies this machine's settings into `out/<device>/` and writes the manifest.
pub fn collect(r: &Roots, out: &Path, device: &str, force: bool) -> Result<Manifest> {
    if device.is_empty() || device.contains(['/', '\\']) || device == "." || device == ".." {
        bail!("--device must be a plain folder name, not {device:?}");
    }
    let found = search(r);
    let dev_dir = out.join(device);
    if let Some(out_abs) = resolved(out) {
        for p in &found.places {
            if let Ok(pa) = std::fs::canonicalize(&p.path) {
                if out_abs.starts_with(&pa) {
                    bail!(
                        "refusing to write into {}, which is inside {}, a folder collect reads",
                        out.display(),
                        p.path.display()
                    );
                }
            }
        }
    }
    if std::fs::symlink_metadata(&dev_dir).is_ok() {
        if !force {
            bail!(
                "{} already exists; use --force to replace it",
                dev_dir.display()
            );
        }
        std::fs::remove_dir_all(&dev_dir)
            .with_context(|| format!("cannot remove {}", dev_dir.display()))?;
    }
    std::fs::create_dir_all(&dev_dir)
        .with_context(|| format!("cannot create {}", dev_dir.display()))?;

    let mut m = Manifest {
        schema: "mailaudit-collect/1",
        device: device.to_string(),
        host: host_name(),
        user: user_name(),
        os: r.os,
        time: crate::scan::now_rfc3339(),
        tool: crate::scan::Tool::this(),
        files: Vec::new(),
        mail_stores: Vec::new(),
        secrets_not_copied: Vec::new(),
        secrets_copied: 0,
        unreadable: Vec::new(),
        looked: found.looked.clone(),
        thunderbird_profiles: 0,
        outlook_profiles: 0,
        becky_mailboxes: 0,
        live_mail_accounts: 0,
    };
    for item in &found.items {
        match item.what {
            What::Secret => m.secrets_not_copied.push(item.dest.clone()),
            What::Inbox => match mbox_summary(&item.source) {
                Ok((bytes, messages)) => m.mail_stores.push(MailStore {
                    path: item.dest.clone(),
                    bytes,
                    messages,
                }),
                Err(reason) => m.unreadable.push(Unread {
                    path: item.dest.clone(),
                    reason,
                }),
            },
            What::Copy(scrub) => {
                let bytes = match crate::fsio::read_capped(&item.source) {
                    Ok(b) => b,
                    Err(reason) => {
                        m.unreadable.push(Unread {
                            path: item.dest.clone(),
                            reason,
                        });
                        continue;
                    }
                };
                let (bytes, removed) = scrub_bytes(scrub, &bytes);
                write_copy(&dev_dir, &item.dest, &bytes, removed, &mut m)?;
                let name = item.dest.rsplit('/').next().unwrap_or("").to_lowercase();
                match table::claim(&name).map(|r| r.kind) {
                    Some(Kind::ThunderbirdProfile) if name == "prefs.js" => {
                        m.thunderbird_profiles += 1
                    }
                    Some(Kind::BeckyMailbox) => m.becky_mailboxes += 1,
                    Some(Kind::OeAccount) => m.live_mail_accounts += 1,
                    _ => {}
                }
            }
        }
    }
    registry_exports(&dev_dir, &mut m)?;
    m.secrets_copied = m.files.iter().filter(|f| table::is_secret(&f.path)).count();
    let json = serde_json::to_vec_pretty(&m)?;
    crate::fsio::write_atomic(&dev_dir.join("manifest.json"), &json)?;
    Ok(m)
}

/// A path made absolute through its nearest existing ancestor (the output folder may not
/// exist yet, and may be reached through a link).
fn resolved(path: &Path) -> Option<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    for anc in abs.ancestors() {
        if let Ok(real) = std::fs::canonicalize(anc) {
            let rest = abs.strip_prefix(anc).ok()?;
            return Some(real.join(rest));
        }
    }
    None
}

fn write_copy(
    dev_dir: &Path,
    dest: &str,
    bytes: &[u8],
    removed: usize,
    m: &mut Manifest,
) -> Result<()> {
    let target = dev_dir.join(dest);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    crate::fsio::write_atomic(&target, bytes)?;
    m.files.push(Copied {
        path: dest.to_string(),
        bytes: bytes.len() as u64,
        sha256: hex(&Sha256::digest(bytes)),
        removed_secret_values: removed,
    });
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Size and number of messages of an mbox file (lines starting `From `), read as a stream.
fn mbox_summary(path: &Path) -> Result<(u64, u64), String> {
    let f = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let bytes = f.metadata().map_err(|e| e.to_string())?.len();
    let mut reader = BufReader::new(f);
    let mut line = Vec::new();
    let mut messages = 0;
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read: {e}"))?;
        if n == 0 {
            break;
        }
        if line.starts_with(b"From ") {
            messages += 1;
        }
    }
    Ok((bytes, messages))
}

/// Removes values named like a password, keeping line numbers where the format has lines.
pub fn scrub_bytes(scrub: Scrub, bytes: &[u8]) -> (Vec<u8>, usize) {
    match scrub {
        Scrub::None => (bytes.to_vec(), 0),
        Scrub::Prefs => {
            let mut removed = 0;
            let mut out = Vec::with_capacity(bytes.len());
            for line in bytes.split_inclusive(|b| *b == b'\n') {
                let lower = String::from_utf8_lossy(line).to_lowercase();
                if lower.contains("password") && lower.contains("pref") {
                    removed += 1;
                    out.extend(line.iter().filter(|b| **b == b'\r' || **b == b'\n'));
                } else {
                    out.extend_from_slice(line);
                }
            }
            (out, removed)
        }
        Scrub::Xml => {
            let decoded = crate::text::decode(bytes, crate::text::Fallback::Ansi);
            let (text, removed) = scrub_xml(&decoded.text);
            if removed == 0 {
                return (bytes.to_vec(), 0);
            }
            let out = encode_like(&text, decoded.encoding);
            (out, removed)
        }
        Scrub::Ini => {
            let decoded = crate::text::decode(bytes, crate::text::Fallback::Cp932);
            let mut removed = 0;
            let mut out = String::with_capacity(decoded.text.len());
            for line in decoded.text.split_inclusive('\n') {
                let secret = line.split_once('=').filter(|(k, v)| {
                    let k = k.trim().to_lowercase();
                    (k.contains("passwd") || k.contains("password")) && !v.trim().is_empty()
                });
                match secret {
                    Some((k, _)) => {
                        removed += 1;
                        let end = if line.ends_with("\r\n") {
                            "\r\n"
                        } else if line.ends_with('\n') {
                            "\n"
                        } else {
                            ""
                        };
                        out.push_str(&format!("{k}=REDACTED{end}"));
                    }
                    None => out.push_str(line),
                }
            }
            if removed == 0 {
                return (bytes.to_vec(), 0);
            }
            let out = encode_like(&out, decoded.encoding);
            (out, removed)
        }
        Scrub::Reg => {
            let file = crate::sources::regfile::parse(bytes);
            let mut keys = file.keys.clone();
            let mut removed = 0;
            for k in &mut keys {
                let before = k.values.len();
                k.values.retain(|v| {
                    !v.name
                        .as_deref()
                        .is_some_and(crate::sources::regfile::is_secret_name)
                });
                removed += before - k.values.len();
            }
            let text = crate::sources::regfile::render(&keys, file.version);
            (crate::sources::regfile::encode_utf16le_bom(&text), removed)
        }
    }
}

/// Encodes cleaned text back in the encoding the file had (Becky! writes Shift_JIS).
fn encode_like(text: &str, encoding: &str) -> Vec<u8> {
    if encoding.starts_with("UTF-16") {
        return crate::sources::regfile::encode_utf16le_bom(text);
    }
    match encoding_rs::Encoding::for_label(encoding.as_bytes()) {
        Some(enc) if enc != encoding_rs::UTF_8 => enc.encode(text).0.into_owned(),
        _ => text.as_bytes().to_vec(),
    }
}

/// Replaces the content of every element whose name holds "password"; newlines inside stay.
fn scrub_xml(text: &str) -> (String, usize) {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut i = 0;
    while let Some(off) = lower[i..].find('<') {
        let start = i + off;
        let Some(close) = lower[start..].find('>').map(|c| start + c) else {
            break;
        };
        let tag = &lower[start + 1..close];
        let name: String = tag
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect();
        if name.contains("password") && !tag.ends_with('/') && !name.starts_with('/') {
            let end_tag = format!("</{name}");
            if let Some(e) = lower[close..].find(&end_tag).map(|e| close + e) {
                out.push_str(&text[i..=close]);
                out.push_str("REDACTED");
                out.extend(text[close + 1..e].chars().filter(|c| *c == '\n'));
                removed += 1;
                i = e;
                continue;
            }
        }
        out.push_str(&text[i..=close]);
        i = close + 1;
    }
    out.push_str(&text[i..]);
    (out, removed)
}

/// On Windows, each Outlook profile root as `reg.exe export` writes it, password values removed.
#[cfg(windows)]
fn registry_exports(dev_dir: &Path, m: &mut Manifest) -> Result<()> {
    const ROOTS: &[(&str, &str)] = &[
        ("HKCU\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles", "outlook-16.0.reg"),
        ("HKCU\\Software\\Microsoft\\Office\\15.0\\Outlook\\Profiles", "outlook-15.0.reg"),
        (
            "HKCU\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles",
            "outlook-wms.reg",
        ),
        ("HKCU\\Software\\Microsoft\\Windows Live Mail", "windows-live-mail.reg"),
    ];
    let tmp = std::env::temp_dir().join(format!("mailaudit-export-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    for (key, name) in ROOTS {
        let file = tmp.join(name);
        let status = std::process::Command::new("reg.exe")
            .args(["export", key])
            .arg(&file)
            .arg("/y")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        let result = match status {
            Ok(s) if s.success() => "found".to_string(),
            Ok(_) => "absent".to_string(),
            Err(e) => format!("reg.exe could not run: {e}"),
        };
        m.looked.push(Looked {
            path: key.to_string(),
            client: if name.starts_with("outlook") {
                Client::Outlook
            } else {
                Client::WindowsLiveMail
            },
            result: result.clone(),
        });
        if result != "found" {
            continue;
        }
        let read = crate::fsio::read_capped(&file);
        // The raw export holds the password blobs: it is removed before anything else happens.
        let _ = std::fs::remove_file(&file);
        let bytes = match read {
            Ok(b) => b,
            Err(reason) => {
                m.unreadable.push(Unread {
                    path: key.to_string(),
                    reason,
                });
                continue;
            }
        };
        if name.starts_with("outlook") {
            let parsed = crate::sources::regfile::parse(&bytes);
            let prefix = key.replace("HKCU", "HKEY_CURRENT_USER").to_lowercase() + "\\";
            m.outlook_profiles += parsed
                .keys
                .iter()
                .filter(|k| {
                    let p = k.path.to_lowercase();
                    p.strip_prefix(&prefix)
                        .is_some_and(|rest| !rest.contains('\\'))
                })
                .count();
        }
        let (clean, removed) = scrub_bytes(Scrub::Reg, &bytes);
        write_copy(dev_dir, &format!("registry/{name}"), &clean, removed, m)?;
    }
    let _ = std::fs::remove_dir(&tmp);
    Ok(())
}

/// Outside Windows there is no registry to export.
#[cfg(not(windows))]
fn registry_exports(_dev_dir: &Path, _m: &mut Manifest) -> Result<()> {
    Ok(())
}

/// What `scan` with no path reads: this machine's files where they are, as one device.
pub fn local_inputs(r: &Roots, device: &str) -> crate::discover::Found {
    use crate::sources::{Ctx, Input};
    let ctx = Ctx {
        root: r.root.clone(),
    };
    let found = search(r);
    let mut problems = Vec::new();
    let mut inputs: Vec<Input> = Vec::new();
    let mut profiles: Vec<(PathBuf, Input)> = Vec::new();
    for item in &found.items {
        if !matches!(item.what, What::Copy(_)) {
            continue;
        }
        let name = item.dest.rsplit('/').next().unwrap_or("").to_lowercase();
        let Some(reader) = table::claim(&name) else {
            continue;
        };
        if reader.kind == Kind::ThunderbirdProfile {
            let Some(dir) = item.source.parent() else {
                continue;
            };
            if profiles.iter().any(|(_, i)| i.path == dir) {
                continue;
            }
            let place = found
                .places
                .iter()
                .find(|p| dir.starts_with(&p.path))
                .map(|p| p.path.clone())
                .unwrap_or_else(|| dir.to_path_buf());
            profiles.push((
                place,
                Input {
                    kind: Kind::ThunderbirdProfile,
                    path: dir.to_path_buf(),
                    rel: ctx.rel(dir),
                },
            ));
        } else {
            inputs.push(Input {
                kind: reader.kind,
                path: item.source.clone(),
                rel: ctx.rel(&item.source),
            });
        }
    }
    // Each Thunderbird folder's ini files order only the profiles in that folder.
    let mut ordered = Vec::new();
    let mut places: Vec<PathBuf> = profiles.iter().map(|(p, _)| p.clone()).collect();
    places.dedup();
    for place in places {
        let here: Vec<Input> = profiles
            .iter()
            .filter(|(p, _)| *p == place)
            .map(|(_, i)| i.clone())
            .collect();
        let (list, mut probs) = crate::sources::thunderbird::arrange_profiles(&place, here, &ctx);
        ordered.extend(list);
        problems.append(&mut probs);
    }
    ordered.extend(inputs);
    let mut devices = std::collections::BTreeMap::new();
    if ordered.is_empty() {
        let looked: Vec<&str> = found.looked.iter().map(|l| l.path.as_str()).collect();
        problems.push(crate::model::Problem::new(
            crate::model::Location::file(device),
            crate::model::ProblemKind::NoClientSettings {
                looked_in: looked.iter().map(|l| l.to_string()).collect(),
            },
        ));
    } else {
        devices.insert(device.to_string(), ordered);
    }
    crate::discover::Found {
        ctx,
        devices,
        providers: Vec::new(),
        site: None,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_keep_lines_and_drop_passwords() {
        let prefs = b"user_pref(\"a\", 1);\r\nuser_pref(\"mail.server.server1.password\", \"x\");\r\nuser_pref(\"b\", 2);\r\n";
        let (out, n) = scrub_bytes(Scrub::Prefs, prefs);
        assert_eq!(n, 1);
        assert_eq!(
            out,
            b"user_pref(\"a\", 1);\r\n\r\nuser_pref(\"b\", 2);\r\n".to_vec()
        );
        let xml = "<a>\n<POP3_Password2 type=\"SZ\">AB\nCD</POP3_Password2>\n<b>x</b>\n</a>";
        let (out, n) = scrub_bytes(Scrub::Xml, xml.as_bytes());
        assert_eq!(n, 1);
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains("AB") && out.contains("REDACTED") && out.contains("<b>x</b>"));
        assert_eq!(out.lines().count(), xml.lines().count());
        let ini = "[Account]\r\nName=info\r\nPassWd=abc\r\nSMTPPassWd=\r\n";
        let (out, n) = scrub_bytes(Scrub::Ini, ini.as_bytes());
        assert_eq!(n, 1);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "[Account]\r\nName=info\r\nPassWd=REDACTED\r\nSMTPPassWd=\r\n"
        );
    }
}
