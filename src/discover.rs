//! Walks a collected tree, assigns each file to a device and picks the reader for it.
//!
//! Never follows symbolic links and never opens a file for writing.

use crate::model::{IoCause, Location, Problem, ProblemKind};
use crate::sources::{Ctx, Input, Kind};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Folder names that belong to a client's own layout, never to a device name.
const CLIENT_FOLDERS: &[&str] = &[
    ".thunderbird",
    "thunderbird",
    ".icedove",
    ".mozilla-thunderbird",
    "profiles",
    "appdata",
    "roaming",
    "application data",
    "library",
    "snap",
    ".var",
    "becky!",
    "becky",
    "outlook",
    "registry",
    "k9",
    "mail",
];

/// Folders of a system's own layout that hold users' home folders, never devices.
const USER_FOLDERS: &[&str] = &["users", "home", "documents and settings", "user"];

/// Folders of a system's own layout that hold programs or a user's documents (what `collect`
/// copies keeps them): never devices of an office.
const SYSTEM_FOLDERS: &[&str] = &[
    "program files",
    "program files (x86)",
    "programdata",
    "documents",
    "my documents",
    "desktop",
    "applications",
    "usr",
    "etc",
    "opt",
    "var",
];

/// What discover found under one scanned path.
#[derive(Debug)]
pub struct Found {
    pub ctx: Ctx,
    /// Device id → what to read for it, in a stable order.
    pub devices: BTreeMap<String, Vec<Input>>,
    /// Autoconfig and Autodiscover files: provider profiles, not devices.
    pub providers: Vec<Input>,
    /// `site.toml` directly in the scanned root, if any.
    pub site: Option<PathBuf>,
    pub problems: Vec<Problem>,
}

/// Discovers the inputs under `path`, a folder of device folders, one device folder, or one file.
pub fn discover(given: &Path) -> Found {
    if given.is_file() {
        return discover_file(given);
    }
    let root = office_root_below(given);
    let path = root.as_path();
    let ctx = Ctx {
        root: path.to_path_buf(),
    };
    let mut problems = Vec::new();
    let mut inputs: Vec<Input> = Vec::new();
    let mut profile_dirs: BTreeMap<PathBuf, ()> = BTreeMap::new();
    // Folders holding profiles.ini or installs.ini, seen here so the devices are walked once.
    let mut ini_dirs: std::collections::BTreeSet<PathBuf> = Default::default();
    let mut site = None;

    let walker = WalkDir::new(path)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().map(|p| ctx.rel(p)).unwrap_or_default();
                problems.push(Problem::new(Location::file(&p), io_problem(&e)));
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_symlink() {
            problems.push(Problem::new(
                Location::file(&ctx.rel(entry.path())),
                ProblemKind::SymlinkNotFollowed,
            ));
            continue;
        }
        if ft.is_dir() {
            continue;
        }
        if !ft.is_file() {
            // Reading a pipe would block and a device has no settings in it; saying so keeps
            // a collected folder that is not what it seems from passing unnoticed.
            problems.push(Problem::new(
                Location::file(&ctx.rel(entry.path())),
                ProblemKind::SpecialFile,
            ));
            continue;
        }
        let p = entry.path();
        let name = entry.file_name().to_string_lossy().to_lowercase();
        if name == "site.toml" {
            if entry.depth() == 1 {
                site = Some(p.to_path_buf());
            } else {
                problems.push(Problem::new(
                    Location::file(&ctx.rel(p)),
                    ProblemKind::SiteInDeviceFolder,
                ));
            }
            continue;
        }
        if crate::sources::thunderbird::is_profiles_ini(entry.file_name()) {
            if let Some(dir) = p.parent() {
                ini_dirs.insert(dir.to_path_buf());
            }
        }
        if name == "prefs.js" || name == "user.js" {
            if let Some(dir) = p.parent() {
                profile_dirs.insert(dir.to_path_buf(), ());
            }
            continue;
        }
        if let Some(kind) = classify(p, &name, &mut problems, &ctx) {
            inputs.push(Input {
                kind,
                path: p.to_path_buf(),
                rel: ctx.rel(p),
            });
        }
    }
    for dir in profile_dirs.into_keys() {
        inputs.push(Input {
            kind: Kind::ThunderbirdProfile,
            rel: ctx.rel(&dir),
            path: dir,
        });
    }

    let office = is_office_root(path, &inputs, site.is_some());
    let root_name = folder_name(path);
    let mut devices: BTreeMap<String, Vec<Input>> = BTreeMap::new();
    let mut providers = Vec::new();
    for input in inputs {
        if input.kind.is_provider() {
            providers.push(input);
            continue;
        }
        let device = if office {
            first_component(&input.rel)
                .filter(|_| input.rel.contains('/') || input.kind == Kind::ThunderbirdProfile)
                .unwrap_or_else(|| root_name.clone())
        } else {
            root_name.clone()
        };
        devices.entry(device).or_default().push(input);
    }
    for (id, list) in devices.iter_mut() {
        let device_root = if office {
            path.join(id)
        } else {
            path.to_path_buf()
        };
        let profiles: Vec<Input> = list
            .iter()
            .filter(|i| i.kind == Kind::ThunderbirdProfile)
            .cloned()
            .collect();
        if !profiles.is_empty() {
            let under: Vec<PathBuf> = ini_dirs
                .range(device_root.clone()..)
                .take_while(|d| d.starts_with(&device_root))
                .cloned()
                .collect();
            let (ordered, mut probs) = crate::sources::thunderbird::arrange_profiles_in(
                &device_root,
                under,
                profiles,
                &ctx,
            );
            problems.append(&mut probs);
            list.retain(|i| i.kind != Kind::ThunderbirdProfile);
            let mut rest = std::mem::take(list);
            *list = ordered;
            list.append(&mut rest);
        }
    }
    Found {
        ctx,
        devices,
        providers,
        site,
        problems,
    }
}

fn discover_file(path: &Path) -> Found {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let ctx = Ctx {
        root: parent.clone(),
    };
    let mut problems = Vec::new();
    let mut devices = BTreeMap::new();
    let mut providers = Vec::new();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let kind = if name == "prefs.js" || name == "user.js" {
        Some(Kind::ThunderbirdProfile)
    } else {
        classify(path, &name, &mut problems, &ctx)
    };
    match kind {
        Some(Kind::ThunderbirdProfile) => {
            devices.insert(
                folder_name(&parent),
                vec![Input {
                    kind: Kind::ThunderbirdProfile,
                    path: parent.clone(),
                    rel: ctx.rel(&parent),
                }],
            );
        }
        Some(kind) => {
            let input = Input {
                kind,
                path: path.to_path_buf(),
                rel: ctx.rel(path),
            };
            if kind.is_provider() {
                providers.push(input);
            } else {
                devices.insert(folder_name(&parent), vec![input]);
            }
        }
        None => problems.push(Problem::new(
            Location::file(&ctx.rel(path)),
            ProblemKind::NotAClientFile,
        )),
    }
    Found {
        ctx,
        devices,
        providers,
        site: None,
        problems,
    }
}

/// The office root at or below `given`: a folder that only wraps one other folder (a dated
/// collection folder, a zip unpacked into a folder of the same name) is stepped into when
/// that folder has a `site.toml` or holds two or more device-like folders.
fn office_root_below(given: &Path) -> PathBuf {
    let mut cur = given.to_path_buf();
    for _ in 0..4 {
        if has_plain_file(&cur, "site.toml") {
            break;
        }
        let Some(only) = only_subfolder(&cur) else {
            break;
        };
        let name = only
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        // `PC-A/Users/{sato,tanaka}` is one device with two users, not an office.
        if CLIENT_FOLDERS.contains(&name.as_str())
            || USER_FOLDERS.contains(&name.as_str())
            || looks_like_profile(&name)
        {
            break;
        }
        let device_like = subfolders(&only)
            .iter()
            .filter(|d| {
                let n = d
                    .file_name()
                    .map(|n| n.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                !CLIENT_FOLDERS.contains(&n.as_str())
                    && !USER_FOLDERS.contains(&n.as_str())
                    && !SYSTEM_FOLDERS.contains(&n.as_str())
                    && !looks_like_profile(&n)
            })
            .count();
        if !has_plain_file(&only, "site.toml") && device_like < 2 {
            break;
        }
        cur = only;
    }
    cur
}

fn has_plain_file(dir: &Path, name: &str) -> bool {
    std::fs::symlink_metadata(dir.join(name)).is_ok_and(|m| m.file_type().is_file())
}

/// Sub-folders (not links, not hidden) of a folder.
fn subfolders(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    rd.filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect()
}

/// The one sub-folder of a folder that holds nothing else a reader would take.
fn only_subfolder(dir: &Path) -> Option<PathBuf> {
    let rd = std::fs::read_dir(dir).ok()?;
    let mut only = None;
    for e in rd.filter_map(Result::ok) {
        let t = e.file_type().ok()?;
        let name = e.file_name().to_string_lossy().to_lowercase();
        if t.is_dir() && !name.starts_with('.') {
            if only.is_some() {
                return None;
            }
            only = Some(e.path());
        } else if t.is_file() && name != "site.toml" {
            // A mail file beside the folder means this folder is a device's own.
            let mut ignore = Vec::new();
            let ctx = Ctx {
                root: dir.to_path_buf(),
            };
            if name == "prefs.js"
                || name == "user.js"
                || classify(&e.path(), &name, &mut ignore, &ctx).is_some()
            {
                return None;
            }
        }
    }
    only
}

/// Decides the reader for a file from its name, and for `.xml` from its first bytes.
fn classify(path: &Path, lower_name: &str, problems: &mut Vec<Problem>, ctx: &Ctx) -> Option<Kind> {
    if let Some(reader) = crate::sources::table::claim(lower_name) {
        // Profile files are gathered into their folder by the walk, not read one by one.
        return Some(reader.kind).filter(|k| *k != Kind::ThunderbirdProfile);
    }
    if crate::sources::table::sniffed(lower_name) {
        let head = match read_head(path) {
            Ok(h) => h,
            Err(e) => {
                problems.push(Problem::new(
                    Location::file(&ctx.rel(path)),
                    ProblemKind::CannotRead {
                        cause: IoCause::of(&e),
                        reason: e.to_string(),
                    },
                ));
                return None;
            }
        };
        let text = crate::text::decode(&head, crate::text::Fallback::Ansi)
            .text
            .to_lowercase();
        if text.contains("<clientconfig") {
            return Some(Kind::Autoconfig);
        }
        if text.contains("<autodiscover") {
            return Some(Kind::Autodiscover);
        }
    }
    None
}

fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut f = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 4096];
    let mut n = 0;
    while n < buf.len() {
        let k = f.read(&mut buf[n..])?;
        if k == 0 {
            break;
        }
        n += k;
    }
    buf.truncate(n);
    Ok(buf)
}

/// A root is an office (a folder of device folders) when it has a site file, holds
/// inputs under two or more first-level folders, or its one folder is not a client folder.
fn is_office_root(path: &Path, inputs: &[Input], has_site: bool) -> bool {
    if has_site {
        return true;
    }
    let mut firsts: Vec<String> = inputs
        .iter()
        .filter(|i| !i.kind.is_provider())
        .filter(|i| i.rel.contains('/') || i.kind == Kind::ThunderbirdProfile)
        .filter_map(|i| first_component(&i.rel))
        .collect();
    firsts.sort();
    firsts.dedup();
    match firsts.len() {
        0 => false,
        1 => {
            let only = firsts[0].to_lowercase();
            !CLIENT_FOLDERS.contains(&only.as_str())
                && !USER_FOLDERS.contains(&only.as_str())
                && !looks_like_profile(&only)
                && path.join(&firsts[0]).is_dir()
        }
        _ => true,
    }
}

/// Thunderbird profile folders are named `<salt>.<name>`.
fn looks_like_profile(name: &str) -> bool {
    name.split_once('.')
        .is_some_and(|(salt, _)| salt.len() == 8 && salt.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn first_component(rel: &str) -> Option<String> {
    rel.split('/')
        .next()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn folder_name(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    abs.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "this-machine".to_string())
}

fn io_problem(e: &walkdir::Error) -> ProblemKind {
    match e.io_error() {
        Some(io) => ProblemKind::CannotRead {
            cause: IoCause::of(io),
            reason: io.to_string(),
        },
        None => ProblemKind::CannotRead {
            cause: IoCause::Other,
            reason: e.to_string(),
        },
    }
}
