//! Scan history and diff, through the built binary: the before/after story on a copy of the
//! sample office, diffs of stored scans, folders and JSON reports, two writers at once,
//! SIGKILL at random points, database errors, and databases of every earlier schema version.
//! Snapshots are in `tests/snapshots/` (rewritten with `MAILAUDIT_BLESS=1`; review the diff).

mod common;
use common::{check_snapshot, copy_tree};

use mailaudit::model::Lang;
use mailaudit::report::diff::{self as render, Sides};
use mailaudit::store::{self, Store};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_mailaudit");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("the binary runs")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// PC-C's Outlook export removes at download (`"Leave on Server"=dword:00000000`); bit 0x1
/// of that field is LEAVE_ON_SERVER, so `00000001` keeps copies and removes none.
fn fix_pc_c(office: &Path) {
    let path = office.join("PC-C/outlook.reg");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        &bytes[..2],
        b"\xff\xfe",
        "the export is UTF-16LE with a BOM"
    );
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let text = String::from_utf16(&units).unwrap();
    let old = "\"Leave on Server\"=dword:00000000";
    assert_eq!(text.matches(old).count(), 1);
    let text = text.replace(old, "\"Leave on Server\"=dword:00000001");
    let mut out = b"\xff\xfe".to_vec();
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, out).unwrap();
}

/// The sample office scanned into a database, fixed, and scanned again.
struct Story {
    dir: tempfile::TempDir,
}

impl Story {
    fn new() -> Story {
        let dir = tempfile::tempdir().unwrap();
        let office = dir.path().join("office");
        copy_tree(&root().join("samples/office"), &office);
        let story = Story { dir };
        let db = story.db();
        let first = run(&["scan", "-q", "--db", s(&db), s(&office)]);
        assert_eq!(
            first.status.code(),
            Some(1),
            "the sample office has critical findings"
        );
        fix_pc_c(&office);
        let second = run(&["scan", "-q", "--db", s(&db), s(&office)]);
        assert_eq!(
            second.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&second.stderr)
        );
        story
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("history.db")
    }

    fn office(&self) -> PathBuf {
        self.dir.path().join("office")
    }
}

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn fixing_the_device_that_removes_shows_exactly_that_change_and_the_resolved_finding() {
    let story = Story::new();
    let db = story.db();
    let out = run(&["diff", "--db", s(&db), "1", "2", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "nothing new: exit 0");
    let d = json_of(&out);
    assert_eq!(d["schema"], "mailaudit/1");
    assert_eq!(
        d["changes"],
        json!([{"device": "PC-C", "mailbox": "info@example.co.jp", "client": "outlook",
                "account": "info (受付)", "field": "retention.leave_on_server",
                "before": false, "after": true}])
    );
    let resolved: Vec<&str> = d["findings_resolved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(resolved.len(), 1);
    assert!(
        resolved[0].starts_with("delete-on-download-"),
        "{resolved:?}"
    );
    for empty in [
        "findings_new",
        "accesses_added",
        "accesses_removed",
        "devices_added",
        "devices_removed",
        "problems_new",
        "problems_resolved",
    ] {
        assert_eq!(d[empty], json!([]), "{empty}");
    }
    assert_eq!(d["summary"]["devices_changed"], 1);

    // Backwards the finding is new, and a critical new finding fails the check.
    let back = run(&["diff", "--db", s(&db), "2", "1", "--format", "json"]);
    assert_eq!(back.status.code(), Some(1));
    assert_eq!(json_of(&back)["findings_new"][0]["id"], resolved[0]);

    // The text is laid out as a plan: `~` per device and field, one summary line.
    let text = run(&["diff", "--db", s(&db), "1", "2"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("~ device PC-C"), "{text}");
    assert!(
        text.contains("(retention.leave_on_server): off → on"),
        "{text}"
    );
    assert!(
        text.contains(
            "1 device changed (1 field, 0 accounts added, 0 removed), 1 finding resolved, 0 new"
        ),
        "{text}"
    );

    // History lists both whole scans.
    let h = json_of(&run(&["history", "--db", s(&db), "--format", "json"]));
    let scans = h["scans"].as_array().unwrap();
    assert_eq!(scans.len(), 2);
    assert_eq!(scans[0]["id"], 1);
    assert_eq!(scans[0]["devices"], 4);
    assert_eq!(
        scans[0]["findings"].as_i64().unwrap() - 1,
        scans[1]["findings"].as_i64().unwrap()
    );
    assert!(scans[0]["root"].as_str().unwrap().ends_with("office"));
    assert!(scans[0]["time"].as_str().unwrap().ends_with('Z'));

    // Each file read is kept with a hash of its content: only the edited export differs.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let hashes = |id: i64| -> Vec<(String, Option<String>)> {
        conn.prepare("SELECT path, sha256 FROM sources WHERE scan_id = ?1 ORDER BY path")
            .unwrap()
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let (one, two) = (hashes(1), hashes(2));
    assert_eq!(one.len(), two.len());
    let differing: Vec<&str> = one
        .iter()
        .zip(&two)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert_eq!(differing, ["PC-C/outlook.reg"]);
    assert!(
        one.iter()
            .all(|(_, h)| h.as_ref().is_some_and(|h| h.len() == 64)),
        "{one:?}"
    );
}

#[test]
fn every_diff_format_matches_its_snapshot() {
    let story = Story::new();
    let st = Store::open(&story.db(), false).unwrap();
    let (a, b) = (st.load(1).unwrap().report, st.load(2).unwrap().report);
    let d = mailaudit::diff::diff(&a, &b);
    let sides = Sides {
        before: "scan 1",
        after: "scan 2",
    };
    let mut failures = Vec::new();
    for (lang, code) in [(Lang::En, "en"), (Lang::Ja, "ja")] {
        for (ext, out) in [
            ("txt", render::text(&d, sides, lang)),
            ("md", render::markdown(&d, sides, lang)),
            ("html", render::html(&d, sides, lang)),
            ("json", render::json(&d, sides, lang)),
        ] {
            failures.extend(check_snapshot(&format!("diff-office.{code}.{ext}"), &out));
        }
    }
    // Every kind of line: accounts and a device gone and come, device fields, problems.
    let scan = |p: &str| -> Value {
        let r = mailaudit::scan::scan(&[root().join(p)], None).unwrap();
        serde_json::from_str(&mailaudit::report::json::render(&r)).unwrap()
    };
    let d = mailaudit::diff::diff(
        &scan("samples/office"),
        &scan("tests/cases/report-every-section/input"),
    );
    let sides = Sides {
        before: "samples/office",
        after: "report-every-section",
    };
    failures.extend(check_snapshot(
        "diff-every-section.en.txt",
        &render::text(&d, sides, Lang::En),
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn json_reports_and_folders_give_the_same_changes_as_stored_scans() {
    let story = Story::new();
    let dir = story.dir.path();
    let db = story.db();
    let from_db = json_of(&run(&[
        "diff",
        "--db",
        s(&db),
        "1",
        "2",
        "--format",
        "json",
    ]));

    // The same before and after as report files, with no database.
    let before = dir.join("before");
    copy_tree(&root().join("samples/office"), &before);
    let a = dir.join("a.json");
    let b = dir.join("b.json");
    run(&["scan", s(&before), "--format", "json", "-o", s(&a)]);
    run(&["scan", s(&story.office()), "--format", "json", "-o", s(&b)]);
    let from_files = json_of(&run(&["diff", s(&a), s(&b), "--format", "json"]));
    let from_folders = json_of(&run(&[
        "diff",
        s(&before),
        s(&story.office()),
        "--format",
        "json",
    ]));
    let mixed = json_of(&run(&[
        "diff",
        "--db",
        s(&db),
        "1",
        s(&b),
        "--format",
        "json",
    ]));
    for other in [&from_files, &from_folders, &mixed] {
        for key in [
            "changes",
            "findings_resolved",
            "findings_new",
            "accesses_added",
        ] {
            assert_eq!(other[key], from_db[key], "{key}");
        }
    }

    // A folder against itself (other path, other time) shows nothing.
    let same = run(&["diff", s(&before), s(&dir.join("before/.")), "--lang", "ja"]);
    assert_eq!(same.status.code(), Some(0));
    assert!(String::from_utf8(same.stdout)
        .unwrap()
        .contains("変更はありません。"));

    // A scan id without a database, and a file that is no report, are usage errors.
    let no_db = run(&["diff", "1", "2"]);
    assert_eq!(no_db.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_db.stderr).contains("add --db"));
    let not_report = run(&["diff", s(&db), s(&b)]);
    assert_eq!(not_report.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&not_report.stderr).contains("is not a mailaudit JSON report"));
}

#[test]
fn two_scans_started_at_once_on_one_database_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let office = root().join("samples/office");
    for round in 0..5 {
        // A fresh file each round, so the two also race to create the schema.
        let db = dir.path().join(format!("race{round}.db"));
        let children: Vec<_> = (0..2)
            .map(|_| {
                Command::new(BIN)
                    .args(["scan", "-q", "--db", s(&db), s(&office)])
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(1),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let h = json_of(&run(&["history", "--db", s(&db), "--format", "json"]));
        assert_eq!(h["scans"].as_array().unwrap().len(), 2, "round {round}");
    }
}

/// An office of `n` copies of each sample PC, so one scan takes a noticeable while.
fn large_office(dir: &Path, n: usize) -> PathBuf {
    let office = dir.join("large");
    for i in 0..n {
        for pc in ["PC-A", "PC-B", "PC-C"] {
            copy_tree(
                &root().join("samples/office").join(pc),
                &office.join(format!("{pc}-{i:03}")),
            );
        }
    }
    office
}

#[test]
fn sigkill_at_random_points_leaves_an_intact_database_with_only_whole_scans() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let office = large_office(dir.path(), 40);
    let db = dir.path().join("history.db");

    // One whole scan tells how long a scan takes and what a whole one holds.
    let t = Instant::now();
    let first = run(&["scan", "-q", "--db", s(&db), s(&office)]);
    assert_ne!(
        first.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let took = t.elapsed();
    let whole = |conn: &rusqlite::Connection, id: i64| -> (i64, i64, i64) {
        let count = |table: &str| -> i64 {
            conn.query_row(
                &format!("SELECT count(*) FROM {table} WHERE scan_id = ?1"),
                [id],
                |r| r.get(0),
            )
            .unwrap()
        };
        (count("devices"), count("accesses"), count("findings"))
    };
    let expected = whole(&rusqlite::Connection::open(&db).unwrap(), 1);
    assert_eq!(expected.0, 120);

    // A small generator seeded from the clock; the seed is printed to replay a failure.
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("sigkill seed {seed}, one scan {took:?}");
    let mut killed = 0;
    for run_no in 0..20 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Anywhere from the start to a little past a whole scan's time.
        let at = took.mul_f64((seed % 1000) as f64 / 1000.0 * 1.2);
        let mut child = Command::new(BIN)
            .args(["scan", "-q", "--db", s(&db), s(&office)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL on Unix
            killed += 1;
        }
        child.wait().unwrap();

        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "run {run_no}, killed after {at:?}");
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM scans ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for id in ids {
            assert_eq!(whole(&conn, id), expected, "scan {id} after run {run_no}");
        }
        let h = json_of(&run(&["history", "--db", s(&db), "--format", "json"]));
        for scan in h["scans"].as_array().unwrap() {
            assert_eq!(scan["devices"], expected.0, "history after run {run_no}");
        }
    }
    eprintln!("{killed} of 20 runs killed, {:?} in all", started.elapsed());
    assert!(
        killed > 0,
        "no run was killed; the scan is too quick for this test"
    );
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn database_errors_are_one_sentence_exit_2_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("office");
    copy_tree(&root().join("samples/office"), &office);

    let foreign = dir.path().join("notes.db");
    let conn = rusqlite::Connection::open(&foreign).unwrap();
    conn.execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('keep me');")
        .unwrap();
    drop(conn);
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, "not a database\n".repeat(500)).unwrap();
    let newer = dir.path().join("newer.db");
    store::create_at_version(&newer, store::current_version()).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch(&format!(
            "PRAGMA user_version = {}",
            store::current_version() + 1
        ))
        .unwrap();

    for (db, words) in [
        (&foreign, "is not a mailaudit database"),
        (&garbage, "is not a mailaudit database"),
        (&newer, "was written by a newer mailaudit"),
    ] {
        let before = std::fs::read(db).unwrap();
        for args in [
            vec!["scan", "-q", "--db", s(db), s(&office)],
            vec!["history", "--db", s(db)],
            vec!["diff", "--db", s(db), "1", "2"],
        ] {
            let out = run(&args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert!(err.contains(words), "{args:?}: {err}");
            assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
            assert_eq!(
                std::fs::read(db).unwrap(),
                before,
                "{} changed",
                db.display()
            );
        }
    }
    let missing = run(&["history", "--db", s(&dir.path().join("absent.db"))]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(!dir.path().join("absent.db").exists());

    // A scan that cannot run leaves no database behind.
    let nowhere = dir.path().join("nowhere.db");
    let failed = run(&[
        "scan",
        "-q",
        "--db",
        s(&nowhere),
        s(&dir.path().join("absent")),
    ]);
    assert_eq!(failed.status.code(), Some(2));
    assert!(!nowhere.exists());

    // A database inside the scanned folder would write under a scanned path.
    let inside = run(&["scan", "-q", "--db", s(&office.join("h.db")), s(&office)]);
    assert_eq!(inside.status.code(), Some(2));
    assert!(!office.join("h.db").exists());
}

#[test]
fn a_database_of_every_earlier_schema_version_opens_and_migrates() {
    let dir = tempfile::tempdir().unwrap();
    for version in 1..=store::current_version() {
        let db = dir.path().join(format!("v{version}.db"));
        store::create_at_version(&db, version).unwrap();
        // A scan row as every version since the baseline can hold it.
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute(
                "INSERT INTO scans (time, root, tool_version, report) VALUES (?1, ?2, ?3, ?4)",
                [
                    "2026-01-01T00:00:00Z",
                    "/office",
                    "0.1.0",
                    r#"{"schema":"mailaudit/1","devices":[],"accesses":[],"findings":[],"problems":[]}"#,
                ],
            )
            .unwrap();
        let h = json_of(&run(&["history", "--db", s(&db), "--format", "json"]));
        assert_eq!(h["scans"][0]["time"], "2026-01-01T00:00:00Z", "v{version}");
        let st = Store::open(&db, false).unwrap();
        assert_eq!(st.version().unwrap(), store::current_version());
        assert_eq!(st.load(1).unwrap().report["schema"], "mailaudit/1");
        // And a new scan lands beside the old one.
        let out = run(&[
            "scan",
            "-q",
            "--db",
            s(&db),
            s(&root().join("samples/office")),
        ]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(Store::open(&db, false).unwrap().list().unwrap().len(), 2);
    }
}

#[test]
fn migrate_with_db_keeps_the_scan_it_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let office = root().join("samples/office");
    let to = root().join("tests/data/newhost-autoconfig.xml");
    let out = run(&["migrate", s(&office), "--to", s(&to), "--db", s(&db)]);
    // Exit 1: the sample office's devices must change settings to move.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let h = json_of(&run(&["history", "--db", s(&db), "--format", "json"]));
    assert_eq!(h["scans"][0]["devices"], 4);
    // The stored scan is the office as `scan` sees it: diffing it with the folder is empty.
    let d = run(&["diff", "--db", s(&db), "1", s(&office)]);
    assert_eq!(d.status.code(), Some(0));
    assert!(String::from_utf8(d.stdout).unwrap().contains("No changes."));
    // History in Markdown, in Japanese.
    let md = run(&["history", "--db", s(&db), "--format", "md", "--lang", "ja"]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("# スキャンの履歴"), "{md}");
    assert!(md.contains("| 1 |"), "{md}");
}

#[test]
fn plan_with_db_keeps_the_scan_behind_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let office = root().join("samples/office");
    let plan = dir.path().join("plan");
    let out = run(&["plan", s(&office), "--out", s(&plan), "--db", s(&db)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(plan.join("plan.md").is_file());
    let h = json_of(&run(&["history", "--db", s(&db), "--format", "json"]));
    assert_eq!(h["scans"].as_array().unwrap().len(), 1);
    assert_eq!(h["scans"][0]["devices"], 4);
    let d = run(&["diff", "--db", s(&db), "1", s(&office)]);
    assert_eq!(d.status.code(), Some(0));
}

#[test]
fn hostile_file_text_comes_out_inert_in_every_diff_format() {
    let evil = "<script>alert(1)</script>\u{1b}[31m|# x\n- y";
    let access = |host: &str| {
        json!({"device": evil, "client": "thunderbird", "account": evil, "mailbox": evil,
               "protocol": "pop3", "host": host, "fetch": {"automatic": true}})
    };
    let a = json!({"schema": "mailaudit/1", "devices": [], "accesses": [access("a")],
                   "findings": [], "problems": [{"path": evil, "line": 1, "message": evil}]});
    let b = json!({"schema": "mailaudit/1", "devices": [], "accesses": [access(evil)],
                   "findings": [], "problems": []});
    let d = mailaudit::diff::diff(&a, &b);
    assert_eq!(d.changes.len(), 1);
    let sides = Sides {
        before: evil,
        after: evil,
    };
    for lang in [Lang::En, Lang::Ja] {
        let html = render::html(&d, sides, lang);
        assert!(!html.contains("<script"), "{html}");
        let text = render::text(&d, sides, lang);
        assert!(!text.contains('\u{1b}'), "{text}");
        let md = render::markdown(&d, sides, lang);
        assert!(!md.contains("<script") && !md.contains("\n# x"), "{md}");
        let json: Value = serde_json::from_str(&render::json(&d, sides, lang)).unwrap();
        assert_eq!(json["changes"][0]["after"], evil);
    }
}
