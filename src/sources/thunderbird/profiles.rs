//! `profiles.ini` / `installs.ini`: which of a device's Thunderbird profiles is the one in use.
//!
//! Order: each install's dedicated default (`[Install<hash>]` / installs.ini `Default=`), then the
//! legacy `Default=1` profile, then the other listed profiles, then profile folders no ini lists.

use crate::model::{Location, Problem, ProblemKind, SyntaxCode};
use crate::sources::ini::{self, Ini};
use crate::sources::{Ctx, Input};
use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// Folders where Thunderbird keeps its ini files; ini files elsewhere (Firefox) rank after these.
const TB_FOLDERS: &[&str] = &[
    "thunderbird",
    ".thunderbird",
    ".icedove",
    ".mozilla-thunderbird",
];

/// Folders that never hold ini files but can be large.
const SKIP_FOLDERS: &[&str] = &["mail", "imapmail", "news", "cache2", "startupcache"];

/// How strongly an ini file says a profile is the one in use; lower sorts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    InstallDefault,
    LegacyDefault,
    Listed,
}

/// Tier, then which ini folder said so, then the position in that file.
type Rank = (Tier, usize, usize);

/// One `[ProfileN]` section Thunderbird would load.
#[derive(Debug, Clone)]
struct Listed {
    name: String,
    path: String,
    relative: bool,
    legacy_default: bool,
    line: u32,
}

/// Orders a device's profile folders by the ini files found anywhere under the device folder.
pub fn arrange(device_root: &Path, profiles: Vec<Input>, ctx: &Ctx) -> (Vec<Input>, Vec<Problem>) {
    arrange_in(device_root, ini_dirs(device_root), profiles, ctx)
}

/// [`arrange`] with the folders holding an ini file already known (discovery's walk found
/// them), so the device folder is not walked a second time.
pub fn arrange_in(
    device_root: &Path,
    ini_folders: Vec<PathBuf>,
    profiles: Vec<Input>,
    ctx: &Ctx,
) -> (Vec<Input>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut ranks: Vec<Option<Rank>> = vec![None; profiles.len()];
    let dirs = order_ini_dirs(device_root, ini_folders);
    for (ini_idx, dir) in dirs.iter().enumerate() {
        let profiles_ini = load(dir, "profiles.ini", ctx, &mut problems);
        let installs_ini = load(dir, "installs.ini", ctx, &mut problems);
        let listed = profiles_ini
            .as_ref()
            .map(|(ini, rel)| listed_profiles(ini, rel, &mut problems))
            .unwrap_or_default();
        let defaults = install_defaults(profiles_ini.as_ref(), installs_ini.as_ref());
        let listed_paths: std::collections::HashSet<&str> =
            listed.iter().map(|l| l.path.as_str()).collect();
        let ini_rel = profiles_ini
            .as_ref()
            .map(|(_, r)| r.clone())
            .unwrap_or_default();
        for (pos, l) in listed.iter().enumerate() {
            let tier = if l.legacy_default {
                Tier::LegacyDefault
            } else {
                Tier::Listed
            };
            match find(&profiles, dir, &l.path, l.relative) {
                Some(i) => bump(&mut ranks[i], (tier, ini_idx, pos)),
                None if !collected_elsewhere(dir, &l.path, l.relative) => {
                    problems.push(Problem::new(
                        Location::at(&ini_rel, l.line),
                        ProblemKind::ProfileNotCollected {
                            name: l.name.clone(),
                            path: l.path.clone(),
                        },
                    ));
                }
                None => {}
            }
        }
        for (pos, (value, file_rel, line)) in defaults.iter().enumerate() {
            let relative = !looks_absolute(value);
            match find(&profiles, dir, value, relative) {
                Some(i) => bump(&mut ranks[i], (Tier::InstallDefault, ini_idx, pos)),
                None => {
                    let already_said = listed_paths.contains(value.as_str());
                    if !already_said && !collected_elsewhere(dir, value, relative) {
                        problems.push(Problem::new(
                            Location::at(file_rel, *line),
                            ProblemKind::DefaultProfileNotCollected {
                                path: value.clone(),
                            },
                        ));
                    }
                }
            }
        }
    }
    let mut indexed: Vec<(Option<Rank>, Input)> = ranks.into_iter().zip(profiles).collect();
    // Unlisted folders (rank None) go last, in path order, and are still read.
    indexed.sort_by(|(ra, a), (rb, b)| match (ra, rb) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.rel.cmp(&b.rel),
    });
    problems.sort();
    problems.dedup();
    (indexed.into_iter().map(|(_, i)| i).collect(), problems)
}

fn bump(slot: &mut Option<Rank>, rank: Rank) {
    if slot.is_none_or(|r| rank < r) {
        *slot = Some(rank);
    }
}

/// Folders holding a `profiles.ini` or `installs.ini` under a device folder.
fn ini_dirs(device_root: &Path) -> Vec<PathBuf> {
    WalkDir::new(device_root)
        .follow_links(false)
        .max_depth(INI_DEPTH)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !(e.file_type().is_dir() && skipped(e.file_name())))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && is_ini_name(e.file_name()))
        .filter_map(|e| e.path().parent().map(Path::to_path_buf))
        .collect()
}

/// How deep under the device folder an ini file is looked for.
const INI_DEPTH: usize = 16;

fn skipped(name: &std::ffi::OsStr) -> bool {
    SKIP_FOLDERS.contains(&name.to_string_lossy().to_lowercase().as_str())
}

/// True for the two ini file names Thunderbird reads, in any case.
pub fn is_ini_name(name: &std::ffi::OsStr) -> bool {
    let n = name.to_string_lossy().to_lowercase();
    n == "profiles.ini" || n == "installs.ini"
}

/// The ini folders that count for a device, Thunderbird's own folders first: within
/// [`INI_DEPTH`] and not inside a mail store folder.
fn order_ini_dirs(device_root: &Path, found: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = found
        .into_iter()
        .filter(|d| {
            d.strip_prefix(device_root).is_ok_and(|rel| {
                rel.components().count() < INI_DEPTH
                    && !rel.components().any(|c| skipped(c.as_os_str()))
            })
        })
        .collect();
    dirs.sort_by_key(|d| {
        let name = d
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        (!TB_FOLDERS.contains(&name.as_str()), d.clone())
    });
    dirs.dedup();
    dirs
}

/// Reads an ini file next to `dir` by exact or case-insensitive name, reporting bad lines.
fn load(dir: &Path, name: &str, ctx: &Ctx, problems: &mut Vec<Problem>) -> Option<(Ini, String)> {
    let path = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().eq_ignore_ascii_case(name))?
        .path();
    if std::fs::symlink_metadata(&path)
        .ok()?
        .file_type()
        .is_symlink()
    {
        return None;
    }
    let rel = ctx.rel(&path);
    let bytes = match ctx.read(&path) {
        Ok(b) => b,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    let text = crate::text::decode(&bytes, crate::text::Fallback::Ansi).text;
    let parsed = ini::parse(&text);
    for b in &parsed.bad_lines {
        problems.push(Problem::syntax(
            SyntaxCode::IniSyntax,
            &rel,
            b.line,
            None,
            format!("{name}: not a `key=value` line: {}", b.text),
        ));
    }
    if parsed.bad_lines_more > 0 {
        problems.push(crate::sources::limit::more(&rel, parsed.bad_lines_more));
    }
    Some((parsed, rel))
}

/// `[Profile0]`, `[Profile1]` … as Gecko enumerates them: it stops at the first section
/// without `IsRelative`, and skips sections without `Path` or `Name`.
fn listed_profiles(parsed: &Ini, rel: &str, problems: &mut Vec<Problem>) -> Vec<Listed> {
    let mut out = Vec::new();
    let mut n = 0usize;
    while let Some((sec, is_rel)) = parsed
        .section(&format!("Profile{n}"))
        .and_then(|sec| sec.get("IsRelative").map(|r| (sec, r)))
    {
        if let (Some(path), Some(name)) = (sec.get("Path"), sec.get("Name")) {
            out.push(Listed {
                name: name.value.clone(),
                path: path.value.clone(),
                relative: is_rel.value.trim() == "1",
                legacy_default: sec.get("Default").is_some_and(|d| d.value.trim() == "1"),
                line: path.line,
            });
        }
        n += 1;
    }
    for sec in &parsed.sections {
        let idx = sec
            .name
            .strip_prefix("Profile")
            .and_then(|d| d.parse::<usize>().ok());
        if idx.is_some_and(|i| i >= n) {
            problems.push(Problem::new(
                Location::at(rel, sec.line),
                ProblemKind::ProfileNotLoaded {
                    section: sec.name.clone(),
                    stops_at: n,
                },
            ));
        }
    }
    out
}

/// `Default=` of `[Install<hash>]` in profiles.ini, then of `[<hash>]` in installs.ini.
fn install_defaults(
    profiles_ini: Option<&(Ini, String)>,
    installs_ini: Option<&(Ini, String)>,
) -> Vec<(String, String, u32)> {
    let mut out: Vec<(String, String, u32)> = Vec::new();
    // A set beside the list keeps thousands of install sections linear.
    let mut seen = std::collections::HashSet::new();
    let mut push = |value: &str, rel: &str, line: u32| {
        if !value.is_empty() && seen.insert(value.to_string()) {
            out.push((value.to_string(), rel.to_string(), line));
        }
    };
    if let Some((parsed, rel)) = profiles_ini {
        for sec in &parsed.sections {
            let is_install = sec
                .name
                .get(..7)
                .is_some_and(|p| p.eq_ignore_ascii_case("Install"));
            if let Some(d) = sec.get("Default").filter(|_| is_install) {
                push(d.value.trim(), rel, d.line);
            }
        }
    }
    if let Some((parsed, rel)) = installs_ini {
        for sec in &parsed.sections {
            if let Some(d) = sec.get("Default") {
                push(d.value.trim(), rel, d.line);
            }
        }
    }
    out
}

/// Whether Thunderbird starts a profile on its own, by the ini files next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Startup {
    /// This profile is the default, or no ini file says otherwise.
    This,
    /// Thunderbird starts another profile: its `Path` value, the ini file and line that say so.
    Other {
        /// The `Path`/`Default` value of the profile started instead.
        value: String,
        /// The ini file, relative to the scanned root.
        rel: String,
        /// The line of that value.
        line: u32,
    },
    /// `StartWithLastProfile=0`: the profile chooser opens at every start, so any listed
    /// profile can be the one in use.
    Chooser {
        /// The profiles.ini file, relative to the scanned root.
        rel: String,
        /// The line of `StartWithLastProfile=0`.
        line: u32,
    },
}

/// How Thunderbird comes to start this profile, by the `profiles.ini` / `installs.ini` next to it
/// or one folder up.
pub fn startup(profile: &Path, ctx: &Ctx) -> Startup {
    let me = [Input {
        kind: crate::sources::Kind::ThunderbirdProfile,
        path: profile.to_path_buf(),
        rel: String::new(),
    }];
    for dir in profile.ancestors().skip(1).take(2) {
        if !dir.starts_with(&ctx.root) {
            break;
        }
        // arrange() already reports the problems of these files.
        let mut ignored = Vec::new();
        let p = load(dir, "profiles.ini", ctx, &mut ignored);
        let i = load(dir, "installs.ini", ctx, &mut ignored);
        if p.is_none() && i.is_none() {
            continue;
        }
        let is_me = |v: &String| find(&me, dir, v, !looks_absolute(v)).is_some();
        if let Some((ini, rel)) = &p {
            // Gecko shows the profile manager whenever the default would be picked and this is
            // exactly "0" (nsAppRunner `SelectProfile`); the chooser lists the listed profiles.
            let chooser = ini
                .section("General")
                .and_then(|g| g.get("StartWithLastProfile"))
                .filter(|e| e.value == "0");
            if let Some(e) = chooser {
                let listed = listed_profiles(ini, rel, &mut ignored);
                if listed.iter().any(|l| is_me(&l.path)) {
                    return Startup::Chooser {
                        rel: rel.clone(),
                        line: e.line,
                    };
                }
            }
        }
        let mut chosen = install_defaults(p.as_ref(), i.as_ref());
        if chosen.is_empty() {
            if let Some((ini, rel)) = &p {
                let listed = listed_profiles(ini, rel, &mut ignored);
                let legacy: Vec<&Listed> = listed.iter().filter(|l| l.legacy_default).collect();
                // Gecko makes the only profile the default when none is marked.
                let pick = match (legacy.first(), listed.len()) {
                    (Some(l), _) => Some(*l),
                    (None, 1) => listed.first(),
                    _ => None,
                };
                chosen.extend(pick.map(|l| (l.path.clone(), rel.clone(), l.line)));
            }
        }
        if chosen.is_empty() || chosen.iter().any(|(v, _, _)| is_me(v)) {
            return Startup::This;
        }
        return chosen
            .into_iter()
            .next()
            .map_or(Startup::This, |(value, rel, line)| Startup::Other {
                value,
                rel,
                line,
            });
    }
    Startup::This
}

/// True for `C:\…`, `\\server\…` and `/…` paths written by another machine.
fn looks_absolute(p: &str) -> bool {
    let b = p.as_bytes();
    p.starts_with('/')
        || p.starts_with('\\')
        || (b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic())
}

fn last_name(p: &str) -> &str {
    p.trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
}

/// The path components as plain names, so `a/./b` and `a/b` compare equal.
fn parts(p: &Path) -> Vec<String> {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// The input a `Path=` value points at: relative paths by location, absolute ones by folder name.
fn find(profiles: &[Input], dir: &Path, value: &str, relative: bool) -> Option<usize> {
    if relative {
        let mut want = dir.to_path_buf();
        for seg in value
            .split(['/', '\\'])
            .filter(|s| !s.is_empty() && *s != ".")
        {
            want.push(seg);
        }
        let want = parts(&want);
        if let Some(i) = profiles.iter().position(|p| parts(&p.path) == want) {
            return Some(i);
        }
    }
    let name = last_name(value);
    if name.is_empty() {
        return None;
    }
    let named = |p: &Input| {
        p.path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(name))
    };
    profiles
        .iter()
        .position(|p| named(p) && p.path.starts_with(dir))
        .or_else(|| profiles.iter().position(named))
}

/// A listed profile folder that exists but holds no prefs file is no input and no problem.
fn collected_elsewhere(dir: &Path, value: &str, relative: bool) -> bool {
    if relative {
        let mut p = dir.to_path_buf();
        for seg in value
            .split(['/', '\\'])
            .filter(|s| !s.is_empty() && *s != ".")
        {
            // `..` would probe folders outside the collected tree, and a link would leave it.
            if seg == ".." || seg.contains(':') {
                return false;
            }
            p.push(seg);
            if !plain_dir(&p) {
                return false;
            }
        }
        return true;
    }
    let name = last_name(value);
    !name.is_empty()
        && name != ".."
        && (plain_dir(&dir.join(name))
            || (plain_dir(&dir.join("Profiles")) && plain_dir(&dir.join("Profiles").join(name))))
}

/// A folder that is not a symbolic link.
fn plain_dir(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths_from_windows_match_by_last_folder() {
        assert!(looks_absolute(
            r"C:\Users\a\AppData\Roaming\Thunderbird\Profiles\x.default"
        ));
        assert!(!looks_absolute("Profiles/x.default"));
        assert_eq!(last_name(r"C:\Users\a\Profiles\x.default\"), "x.default");
    }
}
