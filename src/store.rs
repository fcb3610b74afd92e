//! Scan history in SQLite: the schema and its forward migrations, saving one scan in one
//! transaction, listing the scans and loading one back as its JSON report.
//!
//! Each scan keeps the whole `mailaudit/1` JSON report beside normalized tables (devices,
//! sources with a content hash, accesses with every field and its provenance, findings,
//! problems, recommendations), so `diff` works from the report while SQL users get tables.

use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Marks a SQLite file as ours (`PRAGMA application_id`): "MAud".
pub const APPLICATION_ID: i32 = 0x4D41_7564;

/// How long a writer waits for another one before it gives up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// Forward migrations: entry `i` takes a database from schema version `i` to `i + 1`.
/// Version 1 is the baseline; a later change appends an entry and never edits one.
pub const MIGRATIONS: &[&str] = &[
    // 1: baseline.
    "CREATE TABLE scans (
        id INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        root TEXT NOT NULL,
        site TEXT,
        site_sha256 TEXT,
        tool_version TEXT NOT NULL,
        report TEXT NOT NULL
    );
    CREATE TABLE devices (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        owner TEXT,
        kind TEXT,
        away_days INTEGER,
        PRIMARY KEY (scan_id, id)
    );
    CREATE TABLE sources (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        device TEXT NOT NULL,
        path TEXT NOT NULL,
        kind TEXT NOT NULL,
        sha256 TEXT
    );
    CREATE TABLE accesses (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        device TEXT NOT NULL,
        mailbox TEXT NOT NULL,
        client TEXT NOT NULL,
        account TEXT NOT NULL,
        protocol TEXT,
        host TEXT,
        port INTEGER,
        username TEXT,
        security TEXT,
        auth TEXT,
        fetch_automatic INTEGER,
        fetch_interval_minutes INTEGER,
        leave_on_server INTEGER,
        delete_after_days INTEGER,
        delete_when_deleted_locally INTEGER,
        headers_only INTEGER,
        source_path TEXT,
        source_line INTEGER,
        provenance TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (scan_id, seq)
    );
    CREATE TABLE findings (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        rule TEXT NOT NULL,
        severity TEXT NOT NULL,
        mailbox TEXT,
        devices TEXT NOT NULL,
        message TEXT,
        data TEXT NOT NULL
    );
    CREATE TABLE problems (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        line INTEGER,
        message TEXT NOT NULL
    );
    CREATE TABLE recommendations (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        mailbox TEXT,
        main TEXT,
        keep_days INTEGER,
        data TEXT NOT NULL
    );
    CREATE INDEX sources_scan ON sources(scan_id);
    CREATE INDEX findings_scan ON findings(scan_id);
    CREATE INDEX problems_scan ON problems(scan_id);
    CREATE INDEX recommendations_scan ON recommendations(scan_id);",
];

/// The schema version this build writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Why the history database cannot be used; each is one sentence naming the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}: no such database (a `scan --db` creates it)")]
    Missing(String),
    #[error("{0}: the database stayed locked by another program past the {1}-second wait; nothing was written, try again when it has finished")]
    Locked(String, f64),
    #[error(
        "{0} is not a mailaudit database; it was left as it is, choose another file with --db"
    )]
    Foreign(String),
    #[error("{0}: the database is damaged ({1}); it was left as it is, restore it from a backup or choose another file with --db")]
    Corrupt(String, String),
    #[error("{0} was written by a newer mailaudit (schema version {1}; this one reads up to {2}); it was left as it is, use a newer mailaudit to read it")]
    Newer(String, i64, i64),
    #[error("scan {1} is not in {0}; `mailaudit history --db {0}` lists the scans")]
    NoScan(String, i64),
    #[error("{0}: cannot use the database: {1}")]
    Other(String, String),
}

/// What goes beside a report in the `scans` table.
#[derive(Debug, Clone)]
pub struct ScanMeta {
    /// When the scan ran, RFC 3339 UTC.
    pub time: String,
    /// The scanned folders, absolute, joined with `; ` when several.
    pub root: String,
    /// The site file used, if any, and the SHA-256 of its bytes.
    pub site: Option<(String, Option<String>)>,
    /// The version of mailaudit that scanned.
    pub tool_version: String,
}

impl ScanMeta {
    /// The facts of a scan that is running now over `paths` with this site file.
    pub fn now(paths: &[PathBuf], site: Option<&Path>) -> Self {
        let root = paths
            .iter()
            .map(|p| {
                std::fs::canonicalize(p)
                    .unwrap_or_else(|_| p.clone())
                    .display()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("; ");
        // The site file in force: the one named, else site.toml in the first scanned folder.
        let site_path = site.map(Path::to_path_buf).or_else(|| {
            paths
                .iter()
                .map(|p| p.join("site.toml"))
                .find(|p| p.is_file())
        });
        let site = site_path.map(|p| (p.display().to_string(), file_sha256(&p)));
        ScanMeta {
            time: jiff::Timestamp::now()
                .round(jiff::Unit::Second)
                .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string()),
            root,
            site,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// One line of `history`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanSummary {
    pub id: i64,
    pub time: String,
    pub root: String,
    pub devices: i64,
    pub findings: i64,
    pub critical: i64,
    pub warning: i64,
    pub info: i64,
    pub problems: i64,
}

/// A scan loaded back: its facts and the JSON report saved with it.
#[derive(Debug, Clone)]
pub struct StoredScan {
    pub id: i64,
    pub time: String,
    pub root: String,
    pub report: Value,
}

/// An open history database, migrated to the current schema.
pub struct Store {
    conn: Connection,
    shown: String,
    timeout: Duration,
}

impl Store {
    /// Opens the database at `path`, creating it when `create` is set and it does not exist.
    ///
    /// A file that is not ours, damaged, or written by a newer version is refused before
    /// anything is written to it.
    pub fn open(path: &Path, create: bool) -> Result<Store, StoreError> {
        Self::open_with_timeout(path, create, BUSY_TIMEOUT)
    }

    /// [`Store::open`] with another wait for a busy database.
    pub fn open_with_timeout(
        path: &Path,
        create: bool,
        timeout: Duration,
    ) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        if !create && !path.exists() {
            return Err(StoreError::Missing(shown));
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| classify(&shown, timeout, e))?;
        conn.busy_timeout(timeout)
            .map_err(|e| classify(&shown, timeout, e))?;
        let mut store = Store {
            conn,
            shown,
            timeout,
        };
        store.check_and_migrate()?;
        Ok(store)
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.shown, self.timeout, e)
    }

    /// Application id, schema version and number of schema objects, read as one snapshot:
    /// read one by one, another process's creation could land between them.
    fn header(&self) -> Result<(i32, i64, i64), StoreError> {
        self.retry_busy(|c| {
            c.query_row(
                "SELECT (SELECT application_id FROM pragma_application_id),
                        (SELECT user_version FROM pragma_user_version),
                        (SELECT count(*) FROM sqlite_master)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
        })
    }

    /// Runs `op`, again and again while SQLite answers busy at once, up to the timeout.
    ///
    /// SQLite does not call the busy handler for every lock: reading a WAL file while
    /// another connection sets it up, and switching the journal mode, answer busy at once.
    fn retry_busy<T>(
        &self,
        op: impl Fn(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let start = std::time::Instant::now();
        loop {
            match op(&self.conn) {
                Err(e)
                    if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                        && start.elapsed() < self.timeout =>
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                r => return r.map_err(|e| self.err(e)),
            }
        }
    }

    /// Refuses foreign, damaged and newer files, then applies the missing migrations.
    fn check_and_migrate(&mut self) -> Result<(), StoreError> {
        let (app, version, objects) = self.header()?;
        let fresh = app == 0 && version == 0 && objects == 0;
        if !fresh && app != APPLICATION_ID {
            return Err(StoreError::Foreign(self.shown.clone()));
        }
        if version > current_version() {
            return Err(StoreError::Newer(
                self.shown.clone(),
                version,
                current_version(),
            ));
        }
        // Only now is the file known to be ours (or empty) and may be written to.
        self.retry_busy(|c| {
            let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                c.query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))?;
            }
            Ok(())
        })?;
        self.conn
            .execute_batch("PRAGMA foreign_keys=ON")
            .map_err(|e| self.err(e))?;
        if version == current_version() {
            return Ok(());
        }
        let shown = self.shown.clone();
        let timeout = self.timeout;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(&shown, timeout, e))?;
        // Another process may have created or migrated the file while this one waited.
        let (app, version, objects): (i32, i64, i64) = (
            tx.query_row("PRAGMA application_id", [], |r| r.get(0))
                .map_err(|e| classify(&shown, timeout, e))?,
            tx.query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(|e| classify(&shown, timeout, e))?,
            tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(|e| classify(&shown, timeout, e))?,
        );
        if !(app == 0 && version == 0 && objects == 0) && app != APPLICATION_ID {
            return Err(StoreError::Foreign(shown));
        }
        if version > current_version() {
            return Err(StoreError::Newer(shown, version, current_version()));
        }
        for sql in &MIGRATIONS[version as usize..] {
            tx.execute_batch(sql)
                .map_err(|e| classify(&shown, timeout, e))?;
        }
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
            current_version()
        ))
        .map_err(|e| classify(&shown, timeout, e))?;
        tx.commit().map_err(|e| classify(&shown, timeout, e))
    }

    /// The schema version of the open database.
    pub fn version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Saves one scan (its JSON report and the tables drawn from it) in one transaction and
    /// returns its id; `roots` are the scanned folders, to hash each source file read.
    pub fn save(
        &mut self,
        report: &Value,
        meta: &ScanMeta,
        roots: &[PathBuf],
    ) -> Result<i64, StoreError> {
        let shown = self.shown.clone();
        let timeout = self.timeout;
        let e = |e: rusqlite::Error| classify(&shown, timeout, e);
        // Hash before the transaction: reading files must not hold the write lock.
        let hashes = source_hashes(report, roots);
        let text = serde_json::to_string(report).expect("a JSON value serializes");
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        let (site, site_hash) = match &meta.site {
            Some((p, h)) => (Some(p.as_str()), h.as_deref()),
            None => (None, None),
        };
        tx.execute(
            "INSERT INTO scans (time, root, site, site_sha256, tool_version, report)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                meta.time,
                meta.root,
                site,
                site_hash,
                meta.tool_version,
                text
            ],
        )
        .map_err(e)?;
        let id = tx.last_insert_rowid();
        {
            let mut dev = tx
                .prepare("INSERT INTO devices (scan_id, id, owner, kind, away_days) VALUES (?1, ?2, ?3, ?4, ?5)")
                .map_err(e)?;
            let mut src = tx
                .prepare("INSERT INTO sources (scan_id, device, path, kind, sha256) VALUES (?1, ?2, ?3, ?4, ?5)")
                .map_err(e)?;
            for d in items(report, "devices") {
                let did = s(d, "id");
                dev.execute(params![
                    id,
                    did,
                    s(d, "owner"),
                    s(d, "kind"),
                    i(d, "away_days")
                ])
                .map_err(e)?;
                for f in items(d, "sources") {
                    let path = s(f, "path");
                    let hash = path.as_deref().and_then(|p| hashes.get(p)).cloned();
                    src.execute(params![id, did, path, s(f, "kind"), hash])
                        .map_err(e)?;
                }
            }
            let mut acc = tx
                .prepare(
                    "INSERT INTO accesses (scan_id, seq, device, mailbox, client, account, protocol,
                     host, port, username, security, auth, fetch_automatic, fetch_interval_minutes,
                     leave_on_server, delete_after_days, delete_when_deleted_locally, headers_only,
                     source_path, source_line, provenance, data)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18, ?19, ?20, ?21, ?22)",
                )
                .map_err(e)?;
            for (seq, a) in items(report, "accesses").enumerate() {
                let fetch = &a["fetch"];
                let ret = &a["retention"];
                let src = &a["source"];
                acc.execute(params![
                    id,
                    seq as i64,
                    s(a, "device").unwrap_or_default(),
                    s(a, "mailbox").unwrap_or_default(),
                    s(a, "client").unwrap_or_default(),
                    s(a, "account").unwrap_or_default(),
                    s(a, "protocol"),
                    s(a, "host"),
                    i(a, "port"),
                    s(a, "username"),
                    s(a, "security"),
                    s(a, "auth"),
                    b(fetch, "automatic"),
                    i(fetch, "interval_minutes"),
                    b(ret, "leave_on_server"),
                    i(ret, "delete_after_days"),
                    b(ret, "delete_when_deleted_locally"),
                    b(ret, "headers_only"),
                    s(src, "path"),
                    i(src, "line"),
                    a.get("provenance")
                        .map_or_else(|| "{}".to_string(), Value::to_string),
                    a.to_string(),
                ])
                .map_err(e)?;
            }
            let mut fnd = tx
                .prepare("INSERT INTO findings (scan_id, id, rule, severity, mailbox, devices, message, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .map_err(e)?;
            for f in items(report, "findings") {
                fnd.execute(params![
                    id,
                    s(f, "id").unwrap_or_default(),
                    s(f, "rule").unwrap_or_default(),
                    s(f, "severity").unwrap_or_default(),
                    s(f, "mailbox"),
                    f.get("devices")
                        .map_or_else(|| "[]".to_string(), Value::to_string),
                    s(f, "message"),
                    f.to_string(),
                ])
                .map_err(e)?;
            }
            let mut prb = tx
                .prepare(
                    "INSERT INTO problems (scan_id, path, line, message) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(e)?;
            for p in items(report, "problems") {
                prb.execute(params![
                    id,
                    s(p, "path").unwrap_or_default(),
                    i(p, "line"),
                    s(p, "message").unwrap_or_default()
                ])
                .map_err(e)?;
            }
            let mut rec = tx
                .prepare("INSERT INTO recommendations (scan_id, mailbox, main, keep_days, data) VALUES (?1, ?2, ?3, ?4, ?5)")
                .map_err(e)?;
            for r in items(report, "recommendations") {
                rec.execute(params![
                    id,
                    s(r, "mailbox"),
                    s(r, "main"),
                    i(r, "keep_days"),
                    r.to_string()
                ])
                .map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        Ok(id)
    }

    /// Every scan, oldest first, with its counts.
    pub fn list(&self) -> Result<Vec<ScanSummary>, StoreError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT s.id, s.time, s.root,
                   (SELECT count(*) FROM devices d WHERE d.scan_id = s.id),
                   (SELECT count(*) FROM findings f WHERE f.scan_id = s.id),
                   (SELECT count(*) FROM findings f WHERE f.scan_id = s.id AND f.severity = 'critical'),
                   (SELECT count(*) FROM findings f WHERE f.scan_id = s.id AND f.severity = 'warning'),
                   (SELECT count(*) FROM findings f WHERE f.scan_id = s.id AND f.severity = 'info'),
                   (SELECT count(*) FROM problems p WHERE p.scan_id = s.id)
                 FROM scans s ORDER BY s.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| {
                Ok(ScanSummary {
                    id: r.get(0)?,
                    time: r.get(1)?,
                    root: r.get(2)?,
                    devices: r.get(3)?,
                    findings: r.get(4)?,
                    critical: r.get(5)?,
                    warning: r.get(6)?,
                    info: r.get(7)?,
                    problems: r.get(8)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// One scan by id, with the JSON report saved with it.
    pub fn load(&self, id: i64) -> Result<StoredScan, StoreError> {
        let row: Option<(String, String, String)> = self
            .conn
            .query_row(
                "SELECT time, root, report FROM scans WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let (time, root, text) = row.ok_or_else(|| StoreError::NoScan(self.shown.clone(), id))?;
        let report = serde_json::from_str(&text).map_err(|e| {
            StoreError::Corrupt(
                self.shown.clone(),
                format!("the report of scan {id} is not JSON: {e}"),
            )
        })?;
        Ok(StoredScan {
            id,
            time,
            root,
            report,
        })
    }
}

/// Creates a database at schema version `version` exactly, as that version wrote it: for
/// tests that every later version opens and migrates it.
pub fn create_at_version(path: &Path, version: i64) -> Result<(), StoreError> {
    let shown = path.display().to_string();
    let timeout = BUSY_TIMEOUT;
    let conn = Connection::open(path).map_err(|e| classify(&shown, timeout, e))?;
    for sql in &MIGRATIONS[..version as usize] {
        conn.execute_batch(sql)
            .map_err(|e| classify(&shown, timeout, e))?;
    }
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {version};"
    ))
    .map_err(|e| classify(&shown, timeout, e))
}

/// Turns SQLite's error into the sentence the user gets.
fn classify(shown: &str, timeout: Duration, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            StoreError::Locked(shown.to_string(), timeout.as_secs_f64())
        }
        Some(ErrorCode::NotADatabase) => StoreError::Foreign(shown.to_string()),
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt(shown.to_string(), e.to_string()),
        _ => StoreError::Other(shown.to_string(), e.to_string()),
    }
}

/// SHA-256 of each source file named in the report, found under one of the scanned roots.
pub fn source_hashes(
    report: &Value,
    roots: &[PathBuf],
) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    for d in items(report, "devices") {
        for f in items(d, "sources") {
            let Some(rel) = s(f, "path") else { continue };
            if out.contains_key(&rel) {
                continue;
            }
            // A path is relative to the folder scanned, or to its parent when one device
            // folder was named; links are not followed, as discover does not follow them.
            let regular = |p: &Path| p.symlink_metadata().is_ok_and(|m| m.is_file());
            let found = roots.iter().find_map(|r| {
                if regular(r) {
                    return (Path::new(&rel).file_name() == r.file_name()).then(|| r.clone());
                }
                [Some(r.join(&rel)), r.parent().map(|p| p.join(&rel))]
                    .into_iter()
                    .flatten()
                    .find(|p| regular(p))
            });
            if let Some(h) = found.and_then(|p| file_sha256(&p)) {
                out.insert(rel, h);
            }
        }
    }
    out
}

/// SHA-256 of a file's bytes in hex, when it can be read within the size cap.
pub fn file_sha256(path: &Path) -> Option<String> {
    let bytes = crate::fsio::read_capped(path).ok()?;
    let digest = Sha256::digest(&bytes);
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}

fn items<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

fn s(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn i(v: &Value, key: &str) -> Option<i64> {
    v.get(key).and_then(Value::as_i64)
}

fn b(v: &Value, key: &str) -> Option<bool> {
    v.get(key).and_then(Value::as_bool)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Value {
        serde_json::json!({
            "schema": "mailaudit/1",
            "devices": [{"id": "PC-A", "sources": [{"path": "PC-A/prefs.js", "kind": "thunderbird-prefs"}], "away_days": 7}],
            "accesses": [{"device": "PC-A", "client": "thunderbird", "account": "account1",
                          "mailbox": "info@example.jp", "protocol": "pop3", "host": "pop.example.jp",
                          "port": 995, "security": "tls", "auth": "password-cleartext",
                          "fetch": {"automatic": true, "interval_minutes": 10},
                          "retention": {"leave_on_server": false, "delete_after_days": null,
                                        "delete_when_deleted_locally": false, "headers_only": false},
                          "source": {"path": "PC-A/prefs.js", "line": 3}}],
            "findings": [{"id": "delete-on-download-1", "rule": "delete-on-download", "severity": "critical",
                          "mailbox": "info@example.jp", "devices": ["PC-A"], "message": "m"}],
            "problems": [{"path": "PC-B/prefs.js", "line": 2, "message": "bad"}],
            "recommendations": []
        })
    }

    fn meta() -> ScanMeta {
        ScanMeta {
            time: "2026-01-01T00:00:00Z".into(),
            root: "/office".into(),
            site: None,
            tool_version: "0.0.0".into(),
        }
    }

    #[test]
    fn saves_lists_and_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.db");
        let mut st = Store::open(&path, true).unwrap();
        let id = st.save(&sample(), &meta(), &[]).unwrap();
        let list = st.list().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(
            (
                list[0].devices,
                list[0].findings,
                list[0].critical,
                list[0].problems
            ),
            (1, 1, 1, 1)
        );
        assert_eq!(st.load(id).unwrap().report, sample());
        assert!(matches!(st.load(99), Err(StoreError::NoScan(_, 99))));
        let leave: Option<bool> = st
            .conn
            .query_row("SELECT leave_on_server FROM accesses", [], |r| r.get(0))
            .unwrap();
        assert_eq!(leave, Some(false));
    }

    #[test]
    fn refuses_foreign_newer_and_garbage_files_without_changing_them() {
        let dir = tempfile::tempdir().unwrap();
        let foreign = dir.path().join("other.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        let garbage = dir.path().join("garbage.db");
        std::fs::write(
            &garbage,
            b"this is a text file, not SQLite at all; ".repeat(200),
        )
        .unwrap();
        let newer = dir.path().join("newer.db");
        create_at_version(&newer, current_version()).unwrap();
        Connection::open(&newer)
            .unwrap()
            .execute_batch(&format!("PRAGMA user_version = {}", current_version() + 1))
            .unwrap();
        for (path, want) in [
            (&foreign, "not a mailaudit database"),
            (&garbage, "not a mailaudit database"),
            (&newer, "newer mailaudit"),
        ] {
            let before = std::fs::read(path).unwrap();
            let err = Store::open(path, true).err().expect("refused").to_string();
            assert!(err.contains(want), "{err}");
            assert_eq!(
                std::fs::read(path).unwrap(),
                before,
                "{} changed",
                path.display()
            );
        }
        assert!(matches!(
            Store::open(&dir.path().join("absent.db"), false),
            Err(StoreError::Missing(_))
        ));
        assert!(!dir.path().join("absent.db").exists());
    }

    #[test]
    fn a_writer_that_waits_too_long_gets_locked_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.db");
        Store::open(&path, true)
            .unwrap()
            .save(&sample(), &meta(), &[])
            .unwrap();
        let holder = Connection::open(&path).unwrap();
        holder.execute_batch("BEGIN IMMEDIATE").unwrap();
        let mut st = Store::open_with_timeout(&path, true, Duration::from_millis(200)).unwrap();
        let err = st.save(&sample(), &meta(), &[]).unwrap_err();
        assert!(matches!(err, StoreError::Locked(..)), "{err}");
        assert!(err.to_string().contains("0.2-second wait"), "{err}");
        holder.execute_batch("ROLLBACK").unwrap();
        assert_eq!(st.list().unwrap().len(), 1);
    }

    #[test]
    fn a_damaged_file_is_named_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.db");
        let mut st = Store::open(&path, true).unwrap();
        for _ in 0..20 {
            st.save(&sample(), &meta(), &[]).unwrap();
        }
        st.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        drop(st);
        // Keep the header page, overwrite every page after it.
        let mut bytes = std::fs::read(&path).unwrap();
        let page = 4096.min(bytes.len() / 2);
        for (n, b) in bytes[page..].iter_mut().enumerate() {
            *b = (n * 7 % 251) as u8;
        }
        std::fs::write(&path, &bytes).unwrap();
        let err = Store::open(&path, false)
            .and_then(|st| st.list().map(|_| ()))
            .unwrap_err();
        assert!(err.to_string().contains("is damaged"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }
}
