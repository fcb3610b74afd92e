//! Thunderbird: a profile's accounts resolved to the settings Thunderbird really uses.
//!
//! prefs.js holds only values that differ from the defaults, user.js overrides prefs.js, and a
//! value of the wrong type is ignored; see reference/thunderbird.md §1 and §3.

mod accounts;
pub mod enterprise;
mod fields;
mod incoming;
mod legacy;
mod outgoing;
mod prefstore;
mod profiles;
mod retention;

use crate::model::{Access, Assumption, Inactive, Location, Problem, ProblemKind, Protocol};
use crate::sources::popstate;
use crate::sources::prefs::{self, FileKind};
use crate::sources::{Ctx, Input, Readout};
use accounts::account_list;
use fields::note;
use incoming::resolve_account;
use legacy::Legacy;
use prefstore::PrefStore;
use profiles::Startup;
use std::path::{Path, PathBuf};

/// Reads one profile folder (prefs.js, then user.js) into one access per mail account.
pub fn read_profile(input: &Input, ctx: &Ctx) -> Readout {
    let mut out = Readout::default();
    let mut store = PrefStore::default();
    let mut legacy = Legacy::default();
    let mut files = Vec::new();
    for name in ["prefs.js", "user.js"] {
        let Some(path) = child_file(&input.path, name) else {
            continue;
        };
        let rel = ctx.rel(&path);
        let bytes = match ctx.read(&path) {
            Ok(b) => b,
            Err(p) => {
                out.problems.push(p);
                continue;
            }
        };
        if name == "user.js" {
            out.also_read.push(rel.clone());
        }
        if let Some(enc) = utf16_name(&bytes) {
            out.problems.push(Problem::new(
                Location::file(&rel),
                ProblemKind::PrefsUtf16 {
                    file: name.to_string(),
                    encoding: enc.to_string(),
                },
            ));
            continue;
        }
        let parsed = prefs::parse(&bytes, FileKind::User);
        out.problems
            .extend(prefs::error_problems(&parsed, &bytes, &rel));
        if parsed.errors_omitted > 0 {
            out.problems
                .push(crate::sources::limit::more(&rel, parsed.errors_omitted));
        }
        legacy.add(&rel, name, &bytes, &parsed, &mut out.problems);
        files.push((rel, parsed));
    }
    legacy.finish(&files);
    let installs = enterprise::installs_above(&input.path, &ctx.root);
    let layers = enterprise::load(&installs, ctx, &mut out.problems);
    enterprise::apply_defaults(&mut store, &layers);
    for (rel, parsed) in files {
        store.add_owned(&rel, parsed);
    }
    enterprise::apply_late(&mut store, &layers);
    out.also_read.extend(layers.read);
    let startup = profiles::startup(&input.path, ctx);
    let accounts = account_list(&store, &input.rel, &mut out.problems);
    for (acct, server_key, line_origin) in accounts {
        let Some(mut access) = resolve_account(&store, &acct, &server_key, &line_origin, &mut out)
        else {
            continue;
        };
        if let Some(sentence) = legacy.explain(&acct, &server_key, &access) {
            access.assumptions.push(sentence);
        }
        match &startup {
            Startup::Other { value, rel, line } => {
                access.inactive = Some(Inactive::OtherProfileStarts {
                    profile: value.clone(),
                    file: rel.clone(),
                    line: *line,
                });
            }
            Startup::Chooser { rel, line } => {
                access.assumptions.push(Assumption::TbProfileChooser {
                    file: rel.clone(),
                    line: *line,
                })
            }
            Startup::This => {}
        }
        if access.protocol == Protocol::Pop3 {
            attach_popstate(&store, &server_key, &mut access, input, ctx, &mut out);
        }
        out.accesses.push(access);
    }
    out
}

/// Orders a device's profile folders: the install's default profile first, then the legacy
/// `Default=1` one, then the others listed in profiles.ini, then folders no ini file lists.
pub fn arrange_profiles(
    device_root: &std::path::Path,
    profiles: Vec<Input>,
    ctx: &Ctx,
) -> (Vec<Input>, Vec<crate::model::Problem>) {
    profiles::arrange(device_root, profiles, ctx)
}

/// [`arrange_profiles`] with the folders holding `profiles.ini` or `installs.ini` already
/// found by the caller's walk of the device folder.
pub fn arrange_profiles_in(
    device_root: &std::path::Path,
    ini_folders: Vec<std::path::PathBuf>,
    profiles: Vec<Input>,
    ctx: &Ctx,
) -> (Vec<Input>, Vec<crate::model::Problem>) {
    profiles::arrange_in(device_root, ini_folders, profiles, ctx)
}

/// True for `profiles.ini` and `installs.ini`, whose folders order the profiles.
pub fn is_profiles_ini(name: &std::ffi::OsStr) -> bool {
    profiles::is_ini_name(name)
}

/// A file in the profile folder by its lower-case name, or by a case-insensitive match
/// (profiles copied from Windows can spell it `Prefs.js`). Symbolic links are not followed.
fn child_file(dir: &Path, name: &str) -> Option<PathBuf> {
    let exact = dir.join(name);
    let path = if std::fs::symlink_metadata(&exact).is_ok() {
        exact
    } else {
        std::fs::read_dir(dir)
            .ok()?
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().eq_ignore_ascii_case(name))?
            .path()
    };
    let meta = std::fs::symlink_metadata(&path).ok()?;
    meta.file_type().is_file().then_some(path)
}

/// "UTF-16LE"/"UTF-16BE" when the bytes are UTF-16 text (PowerShell 5's `>` writes that).
fn utf16_name(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some("UTF-16LE");
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some("UTF-16BE");
    }
    let d = crate::text::decode(bytes, crate::text::Fallback::Ansi);
    d.encoding.starts_with("UTF-16").then_some(d.encoding)
}

/// The folder of a POP3 server's `popstate.dat`: `directory-rel` (`[ProfD]Mail/host`) when set,
/// else the last folder of `directory` under `Mail/`, else `Mail/<hostname>`.
fn popstate_candidates(store: &PrefStore, key: &str, profile: &Path, host: &str) -> Vec<PathBuf> {
    let safe_join = |base: &Path, rel: &str| -> Option<PathBuf> {
        let mut p = base.to_path_buf();
        for seg in rel
            .split(['/', '\\'])
            .filter(|s| !s.is_empty() && *s != ".")
        {
            if seg == ".." || seg.contains(':') {
                return None;
            }
            p.push(seg);
        }
        Some(p)
    };
    if let Some((rel, _)) = store.string(&format!("mail.server.{key}.directory-rel")) {
        if let Some(rest) = rel.strip_prefix("[ProfD]") {
            return safe_join(profile, rest).into_iter().collect();
        }
    }
    let mut out = Vec::new();
    if let Some((abs, _)) = store.string(&format!("mail.server.{key}.directory")) {
        let last = abs
            .trim_end_matches(['/', '\\'])
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("");
        if !last.is_empty() {
            out.extend(safe_join(&profile.join("Mail"), last));
        }
    }
    out.extend(safe_join(&profile.join("Mail"), host));
    out
}

/// Attaches what `popstate.dat` proves this device has left on the server.
fn attach_popstate(
    store: &PrefStore,
    key: &str,
    a: &mut Access,
    input: &Input,
    ctx: &Ctx,
    out: &mut Readout,
) {
    let found = popstate_candidates(store, key, &input.path, &a.host)
        .into_iter()
        .map(|d| d.join("popstate.dat"))
        .find(|p| ctx.plain_file(p));
    let Some(path) = found else { return };
    let rel = ctx.rel(&path);
    let bytes = match ctx.read(&path) {
        Ok(b) => b,
        Err(p) => {
            out.problems.push(p);
            return;
        }
    };
    if !out.also_read.contains(&rel) {
        out.also_read.push(rel.clone());
    }
    let parsed = popstate::parse(&bytes);
    out.problems.extend(parsed.problems(&rel));
    let (mut state, n) = parsed.summary(&a.host, &a.username, &rel);
    // The Inbox beside it gives the bytes behind the download times; only its size is read.
    let inbox = path.parent().map(|d| d.join("Inbox"));
    state.inbox_bytes = inbox
        .as_ref()
        .and_then(|p| std::fs::symlink_metadata(p).ok())
        .filter(|m| m.file_type().is_file())
        .map(|m| m.len())
        .or_else(|| inbox.and_then(|p| collected_inbox_bytes(&p, &ctx.root)));
    note(a, n);
    a.server_state = Some(state);
}

/// The size `collect` noted for an Inbox it did not copy: `mail_stores` in the `manifest.json`
/// of the device folder above it, within the scanned root.
fn collected_inbox_bytes(inbox: &Path, root: &Path) -> Option<u64> {
    for dev in inbox.ancestors().skip(1) {
        if !dev.starts_with(root) {
            break;
        }
        let manifest = dev.join("manifest.json");
        if !std::fs::symlink_metadata(&manifest).is_ok_and(|m| m.is_file()) {
            continue;
        }
        let json: serde_json::Value =
            serde_json::from_slice(&crate::fsio::read_capped(&manifest).ok()?).ok()?;
        let rel = inbox
            .strip_prefix(dev)
            .ok()?
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        return json["mail_stores"]
            .as_array()?
            .iter()
            .find(|s| s["path"].as_str() == Some(rel.as_str()))?["bytes"]
            .as_u64();
    }
    None
}
