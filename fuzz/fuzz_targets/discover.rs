//! Fuzzes discovery and the whole scan over a small tree generated from the input: the
//! bytes choose folder names and which mail files (taken from the input too) go where.
//! No panic, nothing written under the tree, every problem has a path.

#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "PC-A",
    "PC-B",
    "office",
    "Thunderbird",
    "Profiles",
    "abcd1234.default",
    "Mail",
    "pop.example.jp",
    "Becky!",
    "x.mb",
    "..",
];
const FILES: &[&str] = &[
    "prefs.js",
    "user.js",
    "popstate.dat",
    "profiles.ini",
    "installs.ini",
    "Mailbox.ini",
    "Folder.lst",
    "outlook.reg",
    "a.prf",
    "b.oeaccount",
    "c.k9s",
    "config.xml",
    "site.toml",
];

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("scan");
    std::fs::create_dir_all(&root).unwrap();
    // Each record: depth, folder choices, file choice, then a body up to the next 0xFF.
    for rec in data.split(|&b| b == 0xFF).take(12) {
        if rec.len() < 3 {
            continue;
        }
        let depth = (rec[0] % 4) as usize;
        let mut p = root.clone();
        for i in 0..depth {
            let name = NAMES[rec.get(1 + i).copied().unwrap_or(0) as usize % NAMES.len()];
            if name == ".." {
                continue;
            }
            p.push(name);
        }
        let file = FILES[rec[1] as usize % FILES.len()];
        let body = &rec[(1 + depth).min(rec.len())..];
        let _ = std::fs::create_dir_all(&p);
        let _ = std::fs::write(p.join(file), body);
    }
    let before: Vec<_> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .collect();
    if let Ok(report) = mailaudit::scan::scan(&[root.clone()], None) {
        for p in &report.problems {
            assert!(!p.at.path.is_empty() || !p.message.is_empty());
        }
        let _ = mailaudit::report::json::render(&report);
    }
    let after: Vec<_> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .collect();
    assert_eq!(before, after, "the scan wrote under the scanned tree");
});
