//! `mailaudit fleet`: every office folder under one root scanned in one process, offices in
//! parallel, each office's reports written and its data dropped before the roll-up.

use crate::model::{Fill, FindingKind, Lang, Severity};
use crate::report;
use crate::scan::{self, Report};
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A format of the per-office report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeFormat {
    /// `report.html`.
    Html,
    /// `report.json`, the mailaudit/1 report.
    Json,
    /// `report.md`.
    Md,
    /// `report.txt`, the terminal report without colour.
    Text,
    /// `report.csv`, the findings.
    Csv,
    /// `status.txt`, the one-line status.
    Status,
}

impl OfficeFormat {
    /// The file the office's report in this format is written to.
    pub fn file_name(self) -> &'static str {
        match self {
            OfficeFormat::Html => "report.html",
            OfficeFormat::Json => "report.json",
            OfficeFormat::Md => "report.md",
            OfficeFormat::Text => "report.txt",
            OfficeFormat::Csv => "report.csv",
            OfficeFormat::Status => "status.txt",
        }
    }

    /// Writes the report in this format to `w`; JSON is streamed, the others written whole.
    pub fn write(self, r: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            OfficeFormat::Json => report::json::write(r, w),
            other => w.write_all(other.render(r).as_bytes()),
        }
    }

    /// The report rendered in this format, exactly as `scan --format` prints it.
    pub fn render(self, r: &Report) -> String {
        match self {
            OfficeFormat::Html => report::html::render(r),
            OfficeFormat::Json => report::json::render(r),
            OfficeFormat::Md => report::markdown::render(r),
            OfficeFormat::Text => report::text::render(r),
            OfficeFormat::Csv => report::csv::render(r),
            OfficeFormat::Status => report::status::render(r),
        }
    }
}

/// How a fleet run goes.
#[derive(Debug, Clone)]
pub struct Options {
    /// The roll-up folder; made whole beside itself, then renamed into place.
    pub out: PathBuf,
    /// Replace an earlier fleet folder at `out`.
    pub force: bool,
    /// The per-office report formats (HTML and JSON when empty).
    pub formats: Vec<OfficeFormat>,
    /// Language of the reports and the roll-up.
    pub lang: Lang,
    /// The scan time written into every office's report, one for the whole run.
    pub scanned_at: Option<String>,
    /// Threads; `None` is one per core.
    pub jobs: Option<usize>,
    /// Show a progress bar on standard error (the caller checks it is a terminal).
    pub progress: bool,
}

/// One office in the roll-up.
#[derive(Debug, Clone, Serialize)]
pub struct OfficeRow {
    /// The office folder's name under the root.
    pub office: String,
    /// Its report folder, relative to the roll-up folder; absent when it could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
    /// Devices in the report, manual ones included.
    pub devices: usize,
    /// Findings of each severity.
    pub critical: usize,
    /// Warnings.
    pub warning: usize,
    /// Info findings.
    pub info: usize,
    /// The soonest a mailbox that nothing removes from is full.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_until_full: Option<u64>,
    /// Devices that miss mail another device removes first.
    pub devices_losing_mail: usize,
    /// Problems (files not read fully) in the office's report.
    pub problems: usize,
    /// The office's one-line status.
    pub status: String,
    /// Why the office could not be scanned; it is then a row with nothing else.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<String>,
    /// Highest severity found, for the exit code.
    #[serde(skip)]
    pub worst: Option<Severity>,
}

impl OfficeRow {
    /// The row of an office that could not be scanned.
    fn unreadable(office: String, reason: String) -> Self {
        OfficeRow {
            office,
            folder: None,
            devices: 0,
            critical: 0,
            warning: 0,
            info: 0,
            days_until_full: None,
            devices_losing_mail: 0,
            problems: 0,
            status: String::new(),
            unreadable: Some(reason),
            worst: None,
        }
    }

    /// The row of a scanned office.
    pub fn of(office: String, folder: Option<String>, r: &Report) -> Self {
        let count = |s| r.findings.iter().filter(|f| f.severity == s).count();
        let days_until_full = r
            .findings
            .iter()
            .filter_map(|f| match &f.kind {
                FindingKind::NeverRemoved {
                    fill: Fill::InDays { days, .. },
                    ..
                } => Some(*days),
                _ => None,
            })
            .min();
        let mut losing = BTreeSet::new();
        for f in &r.findings {
            match &f.kind {
                FindingKind::RemovesAtDownload { readers, .. } => {
                    losing.extend(readers.iter().map(|x| x.device.as_str()));
                }
                FindingKind::ShortWindow { away_device, .. } => {
                    losing.insert(away_device.as_str());
                }
                _ => {}
            }
        }
        OfficeRow {
            office,
            folder,
            devices: r.devices.len(),
            critical: count(Severity::Critical),
            warning: count(Severity::Warning),
            info: count(Severity::Info),
            days_until_full,
            devices_losing_mail: losing.len(),
            problems: r.problems.len(),
            status: report::status::line(r),
            unreadable: None,
            worst: r.findings.iter().map(|f| f.severity).max(),
        }
    }

    /// Riskiest first: critical findings, then the soonest full mailbox, then devices that
    /// lose mail; an office that could not be read comes before one known to be clean.
    pub fn risk_order(a: &OfficeRow, b: &OfficeRow) -> std::cmp::Ordering {
        b.critical
            .cmp(&a.critical)
            .then_with(|| match (a.days_until_full, b.days_until_full) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| b.devices_losing_mail.cmp(&a.devices_losing_mail))
            .then_with(|| b.unreadable.is_some().cmp(&a.unreadable.is_some()))
            .then_with(|| b.warning.cmp(&a.warning))
            .then_with(|| a.office.cmp(&b.office))
    }
}

/// What a fleet run found: the rows in risk order.
#[derive(Debug, Clone)]
pub struct Fleet {
    /// One row per office, riskiest first.
    pub rows: Vec<OfficeRow>,
}

/// The office folders under `root`, by name: every folder that is not hidden. Links are
/// listed too, and become rows saying they were not followed.
pub fn offices(root: &Path) -> Result<Vec<(OsString, PathBuf)>> {
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(root).with_context(|| format!("cannot read {}", root.display()))?;
    for e in entries {
        let e = e.with_context(|| format!("cannot read {}", root.display()))?;
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let ft = e.file_type().ok();
        if ft.is_some_and(|t| t.is_dir() || t.is_symlink()) {
            out.push((name, e.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// Called with every scanned office's folder and report, from any thread (`--db`).
pub type OnReport<'a> = dyn Fn(&Path, &Report) -> Result<()> + Sync + 'a;

/// Scans every office under `root` and writes the reports and the roll-up into `opts.out`.
pub fn run(root: &Path, opts: &Options, on_report: &OnReport) -> Result<Fleet> {
    if !root.is_dir() {
        bail!("{}: not a folder of office folders", root.display());
    }
    crate::fsio::outside_scanned(Some(&opts.out), &[root.to_path_buf()])?;
    // --force replaces the folder: it must not hold the offices this run reads.
    if let (Ok(out), Ok(r)) = (
        std::fs::canonicalize(&opts.out),
        std::fs::canonicalize(root),
    ) {
        if r.starts_with(&out) {
            bail!(
                "refusing to replace {}, which holds {}, read by this command",
                opts.out.display(),
                root.display()
            );
        }
    }
    check_out(&opts.out, opts.force)?;
    let list = offices(root)?;
    let (tmp, old) = crate::fsio::dirs_beside(&opts.out)?;
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let result = (|| {
        let rows = scan_all(&list, &tmp, opts, on_report)?;
        let mut rows = rows;
        rows.sort_by(OfficeRow::risk_order);
        let files = [
            ("index.html", report::fleet::html(&rows, opts.lang)),
            ("fleet.csv", report::fleet::csv(&rows, opts.lang)),
            ("fleet.json", report::fleet::json(&rows, opts.lang)),
        ];
        for (f, text) in files {
            std::fs::write(tmp.join(f), text)
                .with_context(|| format!("cannot write {}", tmp.join(f).display()))?;
        }
        Ok(rows)
    })();
    let rows = match result {
        Ok(rows) => rows,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    crate::fsio::swap_dir(&tmp, &opts.out, &old)?;
    Ok(Fleet { rows })
}

/// An existing `out` is refused unless `force`, and then only when it is an earlier fleet
/// folder or empty, so `--force` never removes some other folder that happens to be named.
fn check_out(out: &Path, force: bool) -> Result<()> {
    if !out.exists() {
        return Ok(());
    }
    if !force {
        bail!(
            "{} already exists; choose another folder or pass --force to replace it",
            out.display()
        );
    }
    if !out.is_dir() {
        bail!("{} exists and is not a folder; not replaced", out.display());
    }
    let empty = std::fs::read_dir(out)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if !empty && !out.join("fleet.json").is_file() {
        bail!(
            "{} is not an earlier fleet folder (no fleet.json in it); not replaced, even with --force",
            out.display()
        );
    }
    Ok(())
}

/// Scans the offices on a pool of `opts.jobs` threads; rows come back in `list`'s order.
fn scan_all(
    list: &[(OsString, PathBuf)],
    tmp: &Path,
    opts: &Options,
    on_report: &OnReport,
) -> Result<Vec<OfficeRow>> {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = opts.jobs {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool.build().context("cannot start the worker threads")?;
    let progress = Progress::new(list.len() as u64, opts.progress, opts.lang);
    let failure: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let rows: Vec<OfficeRow> = pool.install(|| {
        list.par_iter()
            .map(|(name, dir)| {
                let row = match one_office(name, dir, tmp, opts, on_report) {
                    Ok(row) => row,
                    Err(e) => {
                        let mut f = failure.lock().unwrap_or_else(|p| p.into_inner());
                        if f.is_none() {
                            *f = Some(e);
                        }
                        OfficeRow::unreadable(name.to_string_lossy().into_owned(), String::new())
                    }
                };
                progress.office_done(row.devices as u64);
                row
            })
            .collect()
    });
    progress.finish();
    if let Some(e) = failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    Ok(rows)
}

/// Scans one office and writes its reports; a scan that cannot run is a row with the
/// reason. Errors are only those that stop the whole run (the disk, the database).
fn one_office(
    name: &OsString,
    dir: &Path,
    tmp: &Path,
    opts: &Options,
    on_report: &OnReport,
) -> Result<OfficeRow> {
    let shown = name.to_string_lossy().into_owned();
    let meta = std::fs::symlink_metadata(dir);
    if meta.as_ref().is_ok_and(|m| m.file_type().is_symlink()) {
        let reason = match opts.lang {
            Lang::En => "a link, not followed: nothing outside the root is read".to_string(),
            Lang::Ja => "リンクのため読みません（ルートの外は読みません）".to_string(),
        };
        return Ok(OfficeRow::unreadable(shown, reason));
    }
    if let Err(e) = std::fs::read_dir(dir) {
        let reason = match opts.lang {
            Lang::En => format!("cannot read: {e}"),
            Lang::Ja => format!("読み取れません（{e}）"),
        };
        return Ok(OfficeRow::unreadable(shown, reason));
    }
    // A reader that panics on one office's files must not take the others down with it.
    let scanned = std::panic::catch_unwind(|| scan::scan(&[dir.to_path_buf()], None));
    let mut r = match scanned {
        Ok(Ok(r)) => r,
        Ok(Err(scan::ScanError::Site(e))) => {
            let reason = report::i18n::site_error(&e, opts.lang);
            return Ok(OfficeRow::unreadable(shown, reason));
        }
        Ok(Err(e)) => return Ok(OfficeRow::unreadable(shown, e.to_string())),
        Err(_) => {
            let reason = match opts.lang {
                Lang::En => "internal error while reading; please report it".to_string(),
                Lang::Ja => "読み取り中に内部エラーが発生しました。ご報告ください".to_string(),
            };
            return Ok(OfficeRow::unreadable(shown, reason));
        }
    };
    r.lang = opts.lang;
    r.scanned_at = opts.scanned_at.clone();
    on_report(dir, &r)?;
    let office_dir = tmp.join(name);
    std::fs::create_dir(&office_dir)
        .with_context(|| format!("cannot create {}", office_dir.display()))?;
    let formats: &[OfficeFormat] = if opts.formats.is_empty() {
        &[OfficeFormat::Html, OfficeFormat::Json]
    } else {
        &opts.formats
    };
    for f in formats {
        let path = office_dir.join(f.file_name());
        let file = std::fs::File::create(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, file);
        f.write(&r, &mut w)
            .and_then(|()| std::io::Write::flush(&mut w))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    // The report is dropped here; only its row stays for the roll-up.
    Ok(OfficeRow::of(shown.clone(), Some(shown), &r))
}

/// The progress bar: shown on standard error only when asked and the run lasts over a
/// second, so short runs and pipes see nothing.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
    devices: std::sync::atomic::AtomicU64,
    lang: Lang,
}

impl Progress {
    fn new(offices: u64, show: bool, lang: Lang) -> Self {
        let bar = show.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(offices),
                indicatif::ProgressDrawTarget::hidden(),
            );
            let template = match lang {
                Lang::En => "{bar:30} {pos}/{len} offices, {msg} [{elapsed}]",
                Lang::Ja => "{bar:30} 事業所 {pos}/{len}、{msg} [{elapsed}]",
            };
            if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            started: std::time::Instant::now(),
            devices: Default::default(),
            lang,
        }
    }

    fn office_done(&self, devices: u64) {
        let Some(bar) = &self.bar else { return };
        let total = self
            .devices
            .fetch_add(devices, std::sync::atomic::Ordering::Relaxed)
            + devices;
        if bar.is_hidden() && self.started.elapsed() > std::time::Duration::from_secs(1) {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        bar.set_message(match self.lang {
            Lang::En => format!("{total} devices"),
            Lang::Ja => format!("端末 {total} 台"),
        });
        bar.inc(1);
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
