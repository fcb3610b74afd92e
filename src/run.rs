//! Carries out one command line; returns the exit code.

use crate::cli::{
    Cli, ColorArg, Command, DiffArgs, DiffFormat, FailOn, FleetArgs, Format, HistoryArgs,
    HistoryFormat, LangArg, MigrateArgs, MigrateFailOn, MigrateFormat, PlanArgs, PlanFormat,
    ScanArgs,
};
use anyhow::{Context, Result};
use mailaudit::fsio::{not_an_input, outside_scanned, write_atomic_with};
use mailaudit::model::{Lang, Severity};
use mailaudit::report;
use mailaudit::scan;
use mailaudit::store::{ScanMeta, Store};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Runs the command and returns its exit code (0 clean, 1 findings at or above --fail-on).
pub fn run(cli: Cli) -> Result<u8> {
    let lang = cli.command.lang();
    let done = match cli.command {
        Command::Scan(args) => scan_cmd(&args),
        Command::Migrate(args) => migrate_cmd(&args),
        Command::Explain { rule, lang } => explain(rule.as_deref(), LangArg::or_env(lang)),
        Command::Diff(args) => diff_cmd(&args),
        Command::History(args) => history_cmd(&args),
        Command::Plan(args) => plan_cmd(&args),
        Command::Fleet(args) => fleet_cmd(&args),
        Command::Collect(args) => collect_cmd(&args),
    };
    done.map_err(|e| in_language(e, LangArg::or_env(lang)))
}

/// A site file's or provider profile's error in the language asked for; other errors stay
/// as they are (English).
fn in_language(e: anyhow::Error, lang: Lang) -> anyhow::Error {
    use mailaudit::migrate::MigrateError;
    use scan::ScanError;
    if lang == Lang::En {
        return e;
    }
    let site = |s| anyhow::anyhow!("{}", report::i18n::site_error(s, lang));
    match (
        e.downcast_ref::<ScanError>(),
        e.downcast_ref::<MigrateError>(),
    ) {
        (Some(ScanError::Site(s)), _) | (_, Some(MigrateError::Scan(ScanError::Site(s)))) => {
            site(s)
        }
        (_, Some(MigrateError::Profile(p))) => {
            let mut p = p.clone();
            report::i18n::localize_problems(std::slice::from_mut(&mut p), lang);
            anyhow::anyhow!("{}", mailaudit::migrate::problem_text(&p))
        }
        _ => e,
    }
}

fn plan_cmd(args: &PlanArgs) -> Result<u8> {
    outside_scanned(Some(&args.out), &args.paths)?;
    // --force replaces the folder: it must not hold anything this command reads.
    if let Ok(out) = std::fs::canonicalize(&args.out) {
        for input in args.paths.iter().chain(args.site.iter()) {
            if std::fs::canonicalize(input).is_ok_and(|i| i.starts_with(&out)) {
                anyhow::bail!(
                    "refusing to write the plan over {}, which holds {}, read by this command",
                    args.out.display(),
                    input.display()
                );
            }
        }
    }
    check_db(args.db.as_deref(), &args.paths, None)?;
    let lang = LangArg::or_env(args.lang);
    let model = scan::build_model(&args.paths, args.site.as_deref())?;
    let recs = mailaudit::plan::recommend_days(&model, args.days);
    let (_, files) =
        mailaudit::plan::write::build(&model, recs.clone(), &args.paths, lang, args.days);
    let mut report = scan::report_with(model, recs);
    report.lang = lang;
    report.scanned_at = Some(scan::now_rfc3339());
    // Stored before the plan folder is written, so a database error leaves no half result.
    if let Some(db) = &args.db {
        save(db, &report, &args.paths, args.site.as_deref())?;
    }
    mailaudit::plan::write::write_dir(&args.out, &files, args.force)?;
    let out = match args.format {
        PlanFormat::Json => report::json::render(&report),
        PlanFormat::Text => {
            let md = files
                .iter()
                .find(|f| f.path == "plan.md")
                .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
                .unwrap_or_default();
            let mut s: String = md
                .lines()
                .map(|l| mailaudit::report::sanitize::terminal(l) + "\n")
                .collect();
            s.push_str(&format!(
                "\n{} files written to {}\n",
                files.len(),
                args.out.display()
            ));
            s
        }
    };
    emit(&out, None)?;
    Ok(0)
}

fn migrate_cmd(args: &MigrateArgs) -> Result<u8> {
    // `-o -` is standard output, as for scan.
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    outside_scanned(output, &args.paths)?;
    not_an_input(output, [Some(args.to.as_path()), args.site.as_deref()])?;
    check_db(args.db.as_deref(), &args.paths, output)?;
    let m = mailaudit::migrate::migrate(&args.paths, args.site.as_deref(), &args.to)?;
    if let Some(db) = &args.db {
        let report = scan::scan(&args.paths, args.site.as_deref())?;
        save(db, &report, &args.paths, args.site.as_deref())?;
    }
    let lang = LangArg::or_env(args.lang);
    let out = match args.format {
        MigrateFormat::Text => {
            use std::io::IsTerminal;
            let to_terminal = output.is_none() && std::io::stdout().is_terminal();
            report::migration::text_width(&m, lang, terminal_width(to_terminal))
        }
        MigrateFormat::Json => report::migration::json(&m, lang),
        MigrateFormat::Md => report::migration::markdown(&m, lang),
        MigrateFormat::Html => report::migration::html(&m, lang),
    };
    // --quiet silences standard output; a file asked for with -o is still written.
    if !args.quiet || output.is_some() {
        emit(&out, output)?;
    }
    Ok(match args.fail_on {
        MigrateFailOn::Change => u8::from(m.any_change()),
        MigrateFailOn::Never => 0,
    })
}

fn scan_cmd(args: &ScanArgs) -> Result<u8> {
    outside_scanned(args.output.as_deref(), &args.paths)?;
    not_an_input(args.output.as_deref(), [args.site.as_deref(), None])?;
    check_db(args.db.as_deref(), &args.paths, args.output.as_deref())?;
    let mut report = if args.paths.is_empty() {
        let roots = mailaudit::collect::Roots::this_machine()?;
        let read: Vec<PathBuf> = mailaudit::collect::places(&roots)
            .into_iter()
            .map(|p| p.path)
            .filter(|p| p.exists())
            .collect();
        outside_scanned(args.output.as_deref(), &read)?;
        let found = mailaudit::collect::local_inputs(&roots, &mailaudit::collect::host_name());
        scan::report(scan::build_model_found([found], args.site.as_deref())?)
    } else {
        scan::scan(&args.paths, args.site.as_deref())?
    };
    report.lang = LangArg::or_env(args.lang);
    report.scanned_at = Some(scan::now_rfc3339());
    // Stored before anything is printed, so a database error is never hidden behind a report.
    if let Some(db) = &args.db {
        save(db, &report, &args.paths, args.site.as_deref())?;
    }
    let render = |w: &mut dyn Write| match args.format {
        Format::Text => {
            w.write_all(report::text::render_with(&report, terminal_layout(args)).as_bytes())
        }
        // Streamed: the JSON of a large office is the biggest report there is.
        Format::Json => report::json::write(&report, w),
        Format::Md => w.write_all(report::markdown::render(&report).as_bytes()),
        Format::Html => w.write_all(report::html::render(&report).as_bytes()),
        Format::Csv => w.write_all(report::csv::render(&report).as_bytes()),
        Format::Status => w.write_all(report::status::render(&report).as_bytes()),
    };
    // --quiet silences standard output; a file asked for with -o is still written. A terminal
    // report of nothing readable would say "No findings": only the reason below is printed.
    let empty_text = report.nothing_readable() && args.format == Format::Text;
    if (!args.quiet || args.output.is_some()) && !empty_text {
        emit_with(args.output.as_deref(), render)?;
    }
    // Problems are counted on standard error even with --quiet: a scan that skipped files
    // must not pass for a clean one.
    let lang = report.lang;
    if !report.problems.is_empty() {
        eprintln!(
            "{}",
            mailaudit::notice::problems_counted(lang, report.problems.len())
        );
    }
    if report.nothing_readable() {
        let paths = args
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        eprintln!(
            "{}",
            mailaudit::notice::nothing_readable(
                lang,
                &report::sanitize::terminal(&paths),
                report.devices.len(),
                report.problems.len()
            )
        );
        return Ok(2);
    }
    let threshold = match args.fail_on {
        FailOn::Critical => Severity::Critical,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    Ok(u8::from(
        report.findings.iter().any(|f| f.severity >= threshold),
    ))
}

/// The terminal report's width and colour: `COLUMNS`, else the terminal's width, else 100;
/// colour on a terminal unless `NO_COLOR` is set or `--color` says otherwise.
fn terminal_layout(args: &ScanArgs) -> report::text::Layout {
    use std::io::IsTerminal;
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let width = terminal_width(to_terminal);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => to_terminal && !no_color,
    };
    report::text::Layout { width, color }
}

/// `COLUMNS`, else the terminal's width when writing to one, else 100.
fn terminal_width(to_terminal: bool) -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .or_else(|| {
            to_terminal
                .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
                .flatten()
        })
        .unwrap_or(100)
}

fn explain(rule: Option<&str>, lang: mailaudit::model::Lang) -> Result<u8> {
    let s = match rule {
        None => report::explain::list(lang),
        Some(id) => report::explain::one(id, lang)
            .with_context(|| format!("unknown rule `{id}`; `mailaudit explain` lists the rules"))?,
    };
    emit(&s, None)?;
    Ok(0)
}

/// Refuses a `--db` under a scanned folder or the same as `-o`, before anything is read.
fn check_db(db: Option<&Path>, paths: &[PathBuf], output: Option<&Path>) -> Result<()> {
    let Some(db) = db else { return Ok(()) };
    outside_scanned(Some(db), paths)?;
    not_an_input(output, [Some(db), None])
}

/// Keeps one scan in the history database, in one transaction.
fn save(db: &Path, report: &scan::Report, paths: &[PathBuf], site: Option<&Path>) -> Result<i64> {
    let json = report_value(report)?;
    // Opened after the scan, so a scan that cannot run leaves no new database behind.
    let mut store = Store::open(db, true)?;
    Ok(store.save(&json, &ScanMeta::now(paths, site), paths)?)
}

/// The report as the JSON value `--format json` prints: what is stored and diffed.
fn report_value(report: &scan::Report) -> Result<serde_json::Value> {
    serde_json::from_str(&report::json::render(report))
        .context("the JSON report does not parse back")
}

fn history_cmd(args: &HistoryArgs) -> Result<u8> {
    not_an_input(args.output.as_deref(), [Some(args.db.as_path()), None])?;
    let lang = LangArg::or_env(args.lang);
    let scans = Store::open(&args.db, false)?.list()?;
    let out = match args.format {
        HistoryFormat::Text => report::history::text(&scans, lang),
        HistoryFormat::Json => report::history::json(&scans, lang),
        HistoryFormat::Md => report::history::markdown(&scans, lang),
    };
    emit(&out, args.output.as_deref())?;
    Ok(0)
}

fn diff_cmd(args: &DiffArgs) -> Result<u8> {
    let lang = LangArg::or_env(args.lang);
    let store = match &args.db {
        Some(db) => Some(Store::open(db, false)?),
        None => None,
    };
    let mut folders = Vec::new();
    let mut inputs = Vec::new();
    for arg in [&args.before, &args.after] {
        let p = PathBuf::from(arg);
        if p.is_dir() {
            folders.push(p);
        } else if p.is_file() {
            inputs.push(p);
        }
    }
    outside_scanned(args.output.as_deref(), &folders)?;
    for input in inputs
        .iter()
        .map(|p| Some(p.as_path()))
        .chain([args.db.as_deref()])
    {
        not_an_input(args.output.as_deref(), [input, None])?;
    }
    let (before, before_label) = side(&args.before, store.as_ref(), lang)?;
    let (after, after_label) = side(&args.after, store.as_ref(), lang)?;
    let d = mailaudit::diff::diff(&before, &after);
    let sides = report::diff::Sides {
        before: &before_label,
        after: &after_label,
    };
    let out = match args.format {
        DiffFormat::Text => report::diff::text(&d, sides, lang),
        DiffFormat::Json => report::diff::json(&d, sides, lang),
        DiffFormat::Md => report::diff::markdown(&d, sides, lang),
        DiffFormat::Html => report::diff::html(&d, sides, lang),
    };
    emit(&out, args.output.as_deref())?;
    let threshold = match args.fail_on {
        FailOn::Critical => "critical",
        FailOn::Warning => "warning",
        FailOn::Info => "info",
    };
    let rank = mailaudit::diff::severity_rank;
    Ok(u8::from(
        d.findings_new
            .iter()
            .any(|f| rank(&f.severity) >= rank(threshold)),
    ))
}

/// One side of a diff as a JSON report and the words that name it: a scan id in the
/// database (digits, with --db), a folder scanned now, or a JSON report file.
fn side(arg: &str, store: Option<&Store>, lang: Lang) -> Result<(serde_json::Value, String)> {
    let digits = !arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit());
    if let (true, Some(store)) = (digits, store) {
        let id: i64 = arg.parse().context("scan id out of range")?;
        let scan = store.load(id)?;
        let label = match lang {
            Lang::En => format!("scan {id} ({})", scan.time),
            Lang::Ja => format!("スキャン {id}（{}）", scan.time),
        };
        return Ok((scan.report, label));
    }
    let path = Path::new(arg);
    if path.is_dir() {
        let report = scan::scan(&[path.to_path_buf()], None)?;
        let json = report_value(&report)?;
        let label = match lang {
            Lang::En => format!("folder {arg} (scanned now)"),
            Lang::Ja => format!("フォルダ {arg}（今回スキャン）"),
        };
        return Ok((json, label));
    }
    if path.is_file() {
        let bytes = mailaudit::fsio::read_capped(path)
            .map_err(|reason| anyhow::anyhow!("{arg}: {reason}"))?;
        let json: serde_json::Value = serde_json::from_slice(&bytes)
            .ok()
            .filter(|v: &serde_json::Value| {
                v.get("schema").and_then(|s| s.as_str()) == Some(scan::SCHEMA)
                    && v.get("accesses").is_some_and(|a| a.is_array())
            })
            .with_context(|| {
                format!("{arg} is not a mailaudit JSON report (`scan --format json` writes one)")
            })?;
        let label = match lang {
            Lang::En => format!("report {arg}"),
            Lang::Ja => format!("レポート {arg}"),
        };
        return Ok((json, label));
    }
    if digits {
        anyhow::bail!("`{arg}` is a scan id, but no database was named; add --db FILE");
    }
    anyhow::bail!(
        "{arg}: no such file or folder (diff takes scan ids with --db, folders, or JSON reports)"
    )
}

/// Writes to stdout, or atomically to a file (temporary file, then rename).
fn emit(text: &str, path: Option<&Path>) -> Result<()> {
    emit_with(path, |w| w.write_all(text.as_bytes()))
}

/// [`emit`] for text written while it is made, through a buffered writer.
fn emit_with(
    path: Option<&Path>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match path.filter(|p| p.as_os_str() != "-") {
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            match fill(&mut out).and_then(|_| out.flush()) {
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r.context("cannot write to standard output"),
            }
        }
        Some(p) => write_atomic_with(p, fill),
    }
}

fn fleet_cmd(args: &FleetArgs) -> Result<u8> {
    use mailaudit::fleet::{OfficeFormat, Options};
    use std::io::IsTerminal;
    let root = std::slice::from_ref(&args.root);
    check_db(args.db.as_deref(), root, None)?;
    if let Some(db) = &args.db {
        // The history database must not land in the folder the run replaces.
        outside_scanned(Some(db), std::slice::from_ref(&args.out))?;
    }
    let formats = args
        .format
        .iter()
        .map(|f| match f {
            Format::Text => OfficeFormat::Text,
            Format::Json => OfficeFormat::Json,
            Format::Md => OfficeFormat::Md,
            Format::Html => OfficeFormat::Html,
            Format::Csv => OfficeFormat::Csv,
            Format::Status => OfficeFormat::Status,
        })
        .collect();
    let lang = LangArg::or_env(args.lang);
    let opts = Options {
        out: args.out.clone(),
        force: args.force,
        formats,
        lang,
        scanned_at: Some(scan::now_rfc3339()),
        jobs: args.jobs.map(usize::from),
        progress: !args.quiet && std::io::stderr().is_terminal(),
    };
    // Opened at the first office scanned, so a run that scans nothing leaves no database.
    let store: std::sync::Mutex<Option<Store>> = std::sync::Mutex::new(None);
    let on_report = |dir: &Path, report: &scan::Report| -> Result<()> {
        let Some(db) = &args.db else { return Ok(()) };
        let json = report_value(report)?;
        let paths = [dir.to_path_buf()];
        let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            *guard = Some(Store::open(db, true)?);
        }
        if let Some(s) = guard.as_mut() {
            s.save(&json, &ScanMeta::now(&paths, None), &paths)?;
        }
        Ok(())
    };
    let fleet = mailaudit::fleet::run(&args.root, &opts, &on_report)?;
    let threshold = match args.fail_on {
        FailOn::Critical => Severity::Critical,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    if !args.quiet {
        let line = report::fleet::done(&fleet.rows, &args.out.join("index.html"), lang);
        emit(&line, None)?;
    }
    Ok(u8::from(
        fleet
            .rows
            .iter()
            .any(|r| r.worst.is_some_and(|w| w >= threshold)),
    ))
}

fn collect_cmd(args: &crate::cli::CollectArgs) -> Result<u8> {
    let roots = mailaudit::collect::Roots::this_machine()?;
    let device = args
        .device
        .clone()
        .unwrap_or_else(mailaudit::collect::host_name);
    let manifest = mailaudit::collect::collect(&roots, &args.out, &device, args.force)?;
    println!("{}", manifest.summary_in(LangArg::or_env(args.lang)));
    for u in &manifest.unreadable {
        eprintln!("mailaudit: could not read {}: {}", u.path, u.reason);
    }
    Ok(0)
}
