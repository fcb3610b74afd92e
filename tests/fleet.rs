//! `mailaudit fleet` on a generated fleet: every office's report, the roll-up against what
//! the generator planted, an unreadable office as a row, and the same bytes whatever the
//! thread count and whether an office is scanned alone or in the fleet.

use mailaudit::fleetgen::{generate, OfficePlan, Sizes};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The binary with a fixed clock and no locale of the caller's.
fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailaudit"));
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS", "NO_COLOR"] {
        c.env_remove(var);
    }
    c.env("SOURCE_DATE_EPOCH", "1767225600");
    c
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// A generated fleet of seven offices and one whose site file is broken.
fn fleet(tmp: &Path) -> (PathBuf, Vec<OfficePlan>) {
    let root = tmp.join("root");
    let plans = generate(&root, 7, 5, Sizes::small()).unwrap();
    let broken = root.join("office-broken");
    std::fs::create_dir_all(broken.join("PC-1")).unwrap();
    std::fs::write(broken.join("site.toml"), "[mailbox.\"info@x\"\nquota = ").unwrap();
    // A link to a folder outside the root is named, not followed.
    let outside = tmp.join("elsewhere");
    generate(&outside, 1, 9, Sizes::small()).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.join("office-0000"), root.join("office-link")).unwrap();
    (root, plans)
}

fn run_fleet(root: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    bin()
        .arg("fleet")
        .arg(root)
        .arg("--out")
        .arg(out)
        .args(["--lang", "en", "-q"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn fleet_rolls_up_what_was_planted_and_matches_single_scans() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, plans) = fleet(tmp.path());
    assert!(plans.iter().any(|p| p.removers > 0) && plans.iter().any(|p| p.full_in_days.is_some()));
    let before = tree(&root);

    let out1 = tmp.path().join("out1");
    let r = run_fleet(&root, &out1, &["-j", "1"]);
    assert_eq!(
        r.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(r.stdout.is_empty(), "-q prints nothing");
    let out2 = tmp.path().join("out2");
    let r = run_fleet(&root, &out2, &["-j", "4"]);
    assert_eq!(r.status.code(), Some(1));
    let (t1, t2) = (tree(&out1), tree(&out2));
    assert_eq!(t1.keys().collect::<Vec<_>>(), t2.keys().collect::<Vec<_>>());
    for (k, v) in &t1 {
        assert!(v == &t2[k], "{k} differs between -j 1 and -j 4");
    }
    assert_eq!(tree(&root), before, "nothing under the root is written");

    // Every office report is what `scan` of that office alone prints.
    for p in &plans {
        for (format, file) in [("json", "report.json"), ("html", "report.html")] {
            let alone = bin()
                .args(["scan", "--lang", "en", "--format", format])
                .arg(root.join(&p.name))
                .output()
                .unwrap();
            let key = format!("{}/{file}", p.name);
            assert!(t1.contains_key(&key), "{key} missing");
            assert!(
                alone.stdout == t1[&key],
                "{key} differs from a scan of the office alone"
            );
        }
    }
    assert!(
        !t1.keys().any(|k| k.starts_with("office-broken/")),
        "no report for the broken office"
    );

    // The roll-up against what was planted.
    let json: serde_json::Value = serde_json::from_slice(&t1["fleet.json"]).unwrap();
    assert_eq!(json["schema"], "mailaudit-fleet/1");
    let rows = json["offices"].as_array().unwrap();
    let extra = if cfg!(unix) { 2 } else { 1 };
    assert_eq!(rows.len(), plans.len() + extra);
    for p in &plans {
        let row = rows
            .iter()
            .find(|r| r["office"] == p.name.as_str())
            .unwrap();
        assert_eq!(row["devices"], p.devices, "{}", p.name);
        assert_eq!(row["critical"], p.critical, "{}", p.name);
        assert_eq!(row["devices_losing_mail"], p.losing, "{}", p.name);
        assert_eq!(
            row["days_until_full"].as_u64(),
            p.full_in_days,
            "{}",
            p.name
        );
        assert_eq!(row["folder"], p.name.as_str());
        assert!(row.get("unreadable").is_none());
        let status = row["status"].as_str().unwrap();
        match &p.remover {
            Some(dev) => assert!(
                status.starts_with(&format!("CRITICAL {}", p.critical))
                    && status.contains(&format!("info@: {dev} removes at download")),
                "{status}"
            ),
            None if p.critical == 0 => assert!(!status.starts_with("CRITICAL"), "{status}"),
            None => {}
        }
        if let Some(d) = p.full_in_days {
            assert!(
                status.contains(&format!("sales@: full in {d} days")),
                "{status}"
            );
        }
    }
    let broken = rows
        .iter()
        .find(|r| r["office"] == "office-broken")
        .unwrap();
    assert!(
        broken["unreadable"].as_str().unwrap().contains("site.toml"),
        "{broken}"
    );
    if cfg!(unix) {
        let link = rows.iter().find(|r| r["office"] == "office-link").unwrap();
        assert!(
            link["unreadable"].as_str().unwrap().contains("link"),
            "{link}"
        );
        assert!(!t1.keys().any(|k| k.starts_with("office-link/")));
    }
    // Riskiest first: every office with a critical finding before every one without.
    let crit: Vec<bool> = rows
        .iter()
        .map(|r| r["critical"].as_u64() > Some(0))
        .collect();
    assert!(crit.windows(2).all(|w| w[0] >= w[1]), "{crit:?}");
    let total: u64 = rows.iter().map(|r| r["critical"].as_u64().unwrap()).sum();
    assert_eq!(
        total as usize,
        plans.iter().map(|p| p.critical).sum::<usize>()
    );

    // The CSV: BOM, a header and one row per office, in the JSON's order.
    let csv_text = String::from_utf8(t1["fleet.csv"].clone()).unwrap();
    let body = csv_text.strip_prefix('\u{FEFF}').expect("BOM");
    let mut rd = csv::Reader::from_reader(body.as_bytes());
    let offices: Vec<String> = rd.records().map(|r| r.unwrap()[0].to_string()).collect();
    let order: Vec<&str> = rows.iter().map(|r| r["office"].as_str().unwrap()).collect();
    assert_eq!(offices, order);

    // The page: one row per office in the same order, each readable one linked, no script.
    let page = String::from_utf8(t1["index.html"].clone()).unwrap();
    assert!(page.contains("Content-Security-Policy") && !page.contains("<script"));
    let mut at = 0;
    for o in &order {
        let i = page[at..]
            .find(&format!("<td>{o}</td>"))
            .unwrap_or_else(|| panic!("{o}"));
        at += i;
    }
    for p in &plans {
        assert!(page.contains(&format!("href=\"{}/report.html\"", p.name)));
    }
    assert!(page.contains("Not read"));
}

#[test]
fn fleet_refuses_an_existing_folder_and_writing_under_the_root() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    generate(&root, 2, 1, Sizes::small()).unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let r = run_fleet(&root, &out, &[]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("--force"));
    // Not an earlier fleet folder: even --force leaves it alone.
    let r = run_fleet(&root, &out, &["--force"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(out.join("keep.txt").is_file());
    std::fs::remove_dir_all(&out).unwrap();
    let r = run_fleet(&root, &out, &["--format", "json,status"]);
    assert_ne!(
        r.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(out.join("office-0000/status.txt").is_file());
    assert!(!out.join("office-0000/report.html").exists());
    let r = run_fleet(&root, &out, &["--force"]);
    assert_ne!(
        r.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(out.join("office-0000/report.html").is_file(), "replaced");

    // An earlier fleet folder that holds the root is never replaced.
    let nested = out.join("customers");
    generate(&nested, 1, 3, Sizes::small()).unwrap();
    let r = run_fleet(&nested, &out, &["--force"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("refusing"));
    assert!(nested.join("office-0000/site.toml").is_file());

    let inside = root.join("out");
    let r = run_fleet(&root, &inside, &[]);
    assert_eq!(r.status.code(), Some(2));
    assert!(!inside.exists());
}

#[test]
fn fleet_with_db_keeps_every_office_and_speaks_japanese() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    let plans = generate(&root, 3, 2, Sizes::small()).unwrap();
    let out = tmp.path().join("out");
    let db = tmp.path().join("h.db");
    let r = bin()
        .arg("fleet")
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .args(["--lang", "ja", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(String::from_utf8_lossy(&r.stdout).contains("事業所 3 か所"));
    assert!(r.stderr.is_empty(), "no progress bar into a pipe");
    let h = bin()
        .args(["history", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&h.stdout).unwrap();
    let n = v
        .as_array()
        .or_else(|| v["scans"].as_array())
        .map(|a| a.len());
    assert_eq!(n, Some(plans.len()), "{v}");
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("<html lang=\"ja\">") && page.contains("全事業所のメール設定"));
    let status = std::fs::read_to_string(out.join("fleet.json")).unwrap();
    assert!(status.contains("重大 1"), "{status}");
}

#[test]
fn an_office_whose_site_file_cannot_be_used_is_named_in_the_fleet_s_language() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    generate(&root, 1, 3, Sizes::small()).unwrap();
    let broken = root.join("office-broken");
    std::fs::create_dir_all(broken.join("PC-1")).unwrap();
    std::fs::write(
        broken.join("site.toml"),
        "[[manual]]\ndevice = \"iPhone-Sato\"\nclient = \"ios-mail\"\nmailbox = \"info@example.jp\"\n",
    )
    .unwrap();
    let reason = |lang: &str| {
        let out = tmp.path().join(format!("out-{lang}"));
        let r = bin()
            .arg("fleet")
            .arg(&root)
            .arg("--out")
            .arg(&out)
            .args(["--lang", lang, "-q"])
            .output()
            .unwrap();
        assert!(r.status.code().is_some(), "{r:?}");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("fleet.json")).unwrap())
                .unwrap();
        let row = json["offices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["office"] == "office-broken")
            .cloned()
            .unwrap();
        row["unreadable"].as_str().unwrap().to_string()
    };
    assert!(reason("en").contains("give `protocol`"));
    let ja = reason("ja");
    assert!(
        ja.contains(
            "site.toml:1:1: [[manual]] の `iPhone-Sato` の項目: `protocol` を指定してください"
        ),
        "{ja}"
    );
}
