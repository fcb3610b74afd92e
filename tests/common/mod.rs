//! Helpers the integration tests share: snapshot files and copies of sample trees.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The crate's root folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Compares a rendering with `tests/snapshots/NAME`, or writes it when `MAILAUDIT_BLESS` is
/// set; `Some` holds the failure to report (review a blessed diff: it is the assertion).
pub fn check_snapshot(name: &str, actual: &str) -> Option<String> {
    let path: PathBuf = root().join("tests/snapshots").join(name);
    if std::fs::read(&path).ok().as_deref() == Some(actual.as_bytes()) {
        return None;
    }
    if std::env::var_os("MAILAUDIT_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        eprintln!("blessed {}", path.display());
        return None;
    }
    Some(format!(
        "{name} differs from tests/snapshots/{name} (run with MAILAUDIT_BLESS=1 and review the diff)\n--- actual ---\n{actual}"
    ))
}

/// Copies a folder tree (files and folders only).
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}
