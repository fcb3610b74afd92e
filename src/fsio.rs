//! File helpers shared by every command: capped reading, atomic writing, and the guard
//! that nothing is ever written under a scanned path.

use anyhow::{Context, Result};
use std::io::Read;
use std::path::Path;

/// Files larger than this are listed as problems and not read.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Reads a regular file of at most [`MAX_FILE_BYTES`]; the error is the reason in words.
///
/// Anything else (a named pipe, a device, a folder) is refused before it is opened, since
/// reading a pipe would block for ever; the read itself stops at the cap in case the file
/// grows while it is read.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    // Discover never hands over a link inside a scanned tree; a path the user names
    // (`--site`, `--to`) may be one, and is followed.
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file (a pipe, device or folder); not read".to_string());
    }
    let too_big = |n: u64| {
        format!(
            "skipped: {n} bytes is over the {} MiB limit for one file",
            MAX_FILE_BYTES / (1024 * 1024)
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
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
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {}", path.display())
    })
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
