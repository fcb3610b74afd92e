//! File helpers shared by every command: capped reading, atomic writing, and the guard
//! that nothing is ever written under a scanned path.

use crate::model::{IoCause, ProblemKind};
use anyhow::{Context, Result};
use std::io::Read;
use std::path::Path;

/// Files larger than this are listed as problems and not read.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Reads a regular file of at most [`MAX_FILE_BYTES`]; the error is the reason in words.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    read_file(path).map_err(|k| k.to_string())
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`]; the error says why, as data.
///
/// Anything else (a named pipe, a device, a folder) is refused before it is opened, since
/// reading a pipe would block for ever; the read itself stops at the cap in case the file
/// grows while it is read.
pub fn read_file(path: &Path) -> Result<Vec<u8>, ProblemKind> {
    let failed = |e: std::io::Error| ProblemKind::CannotRead {
        cause: IoCause::of(&e),
        reason: e.to_string(),
    };
    // Discover never hands over a link inside a scanned tree; a path the user names
    // (`--site`, `--to`) may be one, and is followed.
    let meta = std::fs::metadata(path).map_err(failed)?;
    if !meta.is_file() {
        return Err(ProblemKind::NotAFile);
    }
    let too_big = |bytes: u64| ProblemKind::TooLarge {
        bytes,
        limit_mib: MAX_FILE_BYTES / (1024 * 1024),
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(failed)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Checks that `path`, below the scanned `root`, is reached without a symbolic link and
/// without `..`: every component after the root is looked at, not only the last one, since
/// a linked folder (`Mail/<host>` → elsewhere) would carry the read outside the tree.
/// The root itself was named by the user and may be a link.
pub fn no_link_below(root: &Path, path: &Path) -> Result<(), ProblemKind> {
    let Ok(rest) = path.strip_prefix(root) else {
        // Paths not under the root are the user's own (`--site`, a file named directly).
        return Ok(());
    };
    let mut at = root.to_path_buf();
    for c in rest.components() {
        match c {
            std::path::Component::Normal(name) => at.push(name),
            std::path::Component::CurDir => continue,
            _ => return Err(ProblemKind::LeavesFolder),
        }
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(ProblemKind::ThroughLink {
                    link: at.strip_prefix(root).unwrap_or(&at).display().to_string(),
                });
            }
            Ok(_) => {}
            // A missing component is for the read itself to report.
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

/// Refuses an output file inside a scanned folder: nothing under a scanned path is written.
pub fn outside_scanned(output: Option<&Path>, scanned: &[std::path::PathBuf]) -> Result<()> {
    let Some(out) = output.filter(|o| o.as_os_str() != "-") else {
        return Ok(());
    };
    let dir = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(dir) = std::fs::canonicalize(dir) else {
        return Ok(());
    };
    let target = dir.join(out.file_name().unwrap_or_default());
    for root in scanned {
        let Ok(root) = std::fs::canonicalize(root) else {
            continue;
        };
        if target.starts_with(&root) {
            anyhow::bail!(
                "refusing to write {} inside the scanned folder {}: mailaudit never writes under a scanned path; choose a file elsewhere",
                out.display(),
                root.display()
            );
        }
    }
    Ok(())
}

/// Refuses an output file that is one of the command's input files (`--site`, `--to`).
pub fn not_an_input(output: Option<&Path>, inputs: [Option<&Path>; 2]) -> Result<()> {
    let Some(out) = output.filter(|o| o.as_os_str() != "-") else {
        return Ok(());
    };
    let Ok(out_abs) = std::fs::canonicalize(out) else {
        // A file that does not exist yet cannot be an input.
        return Ok(());
    };
    for input in inputs.into_iter().flatten() {
        if std::fs::canonicalize(input).is_ok_and(|i| i == out_abs) {
            anyhow::bail!(
                "refusing to write the report over {}, which this command reads; choose another file",
                input.display()
            );
        }
    }
    Ok(())
}

/// Writes a file atomically: a temporary file beside it, then a rename over the target.
///
/// The temporary file is removed when anything fails; a file being replaced keeps its
/// permissions; temporary files of this naming left by an interrupted run are removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`] for text made while it is written: `fill` writes to a buffered writer
/// on the temporary file.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_stale_temps(dir, &name);
    let tmp = dir.join(temp_name(&name, std::process::id()));
    let result = (|| -> Result<()> {
        let f = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, f);
        fill(&mut w)
            .and_then(|()| w.into_inner().map_err(|e| e.into_error()))
            .and_then(|f| f.sync_all())
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        if let Ok(old) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, old.permissions())
                .with_context(|| format!("cannot keep the permissions of {}", path.display()))?;
        }
        std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn temp_name(name: &str, pid: u32) -> String {
    format!(".{name}.{pid}.tmp")
}

/// Removes `.<name>.<pid>.tmp` files beside the target whose writer is gone: on Linux when
/// no process has that id, elsewhere when the file is over an hour old.
fn remove_stale_temps(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for e in entries.filter_map(Result::ok) {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".tmp"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        let proc = Path::new("/proc");
        let gone = if proc.join("self").exists() {
            !proc.join(pid.to_string()).exists()
        } else {
            e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600)
        };
        if gone && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The temporary and the set-aside folders beside `out`, for making a folder whole before
/// it replaces `out`. `out`'s parent must exist: creating missing parents could create them
/// under a scanned path that the checks before could not resolve.
pub fn dirs_beside(out: &Path) -> Result<(std::path::PathBuf, std::path::PathBuf)> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .with_context(|| format!("{} names no folder", out.display()))?;
    if !parent.is_dir() {
        anyhow::bail!(
            "{} does not exist; create it first or choose another --out",
            parent.display()
        );
    }
    let id = std::process::id();
    Ok((
        parent.join(format!(".{name}.{id}.tmp")),
        parent.join(format!(".{name}.{id}.old")),
    ))
}

/// Puts the finished folder `tmp` in place of `out`; an earlier `out` waits in `old` until
/// the rename worked, and comes back if it did not.
pub fn swap_dir(tmp: &Path, out: &Path, old: &Path) -> Result<()> {
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, old)
            .with_context(|| format!("cannot move {} aside", out.display()))?;
    }
    if let Err(e) = std::fs::rename(tmp, out) {
        if had_old {
            let _ = std::fs::rename(old, out);
        }
        let _ = std::fs::remove_dir_all(tmp);
        return Err(e).with_context(|| format!("cannot write {}", out.display()));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder in the target's place makes the rename fail after the temp file is written.
        let target = dir.path().join("report.txt");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("x"), "keep").unwrap();
        assert!(write_atomic(&target, b"new").is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.txt");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&target, b"new").unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn stale_temporary_files_of_a_dead_writer_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.txt");
        // No process has an id this large on Linux (pid_max is at most 2^22).
        let stale = dir.path().join(temp_name("report.txt", 4_000_000_000));
        std::fs::write(&stale, "partial").unwrap();
        let other = dir.path().join(".notes.txt.4000000000.tmp");
        std::fs::write(&other, "not ours").unwrap();
        if Path::new("/proc/self").exists() {
            write_atomic(&target, b"new").unwrap();
            assert!(!stale.exists());
            assert!(other.exists());
        } else {
            eprintln!("skipped: no /proc, stale temporary files are only removed after an hour");
        }
    }

    #[test]
    fn a_link_below_the_root_is_refused_at_any_component() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("office");
        std::fs::create_dir_all(root.join("PC-A/Mail")).unwrap();
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("popstate.dat"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, root.join("PC-A/Mail/pop.example.jp")).unwrap();
            let p = root.join("PC-A/Mail/pop.example.jp/popstate.dat");
            assert!(no_link_below(&root, &p).is_err());
        }
        assert!(no_link_below(&root, &root.join("PC-A/../../outside/popstate.dat")).is_err());
        assert!(no_link_below(&root, &root.join("PC-A/Mail")).is_ok());
    }
}
