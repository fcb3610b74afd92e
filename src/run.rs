//! Carries out one command line; returns the exit code.

use anyhow::{Context, Result};
use mailaudit::analyze;
use mailaudit::cli::{Cli, Command, FailOn, Format, MigrateArgs, MigrateFormat, ScanArgs};
use mailaudit::model::Severity;
use mailaudit::report;
use mailaudit::scan;
use std::io::Write;
use std::path::Path;

/// Runs the command and returns its exit code (0 clean, 1 findings at or above --fail-on).
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Scan(args) => scan_cmd(&args),
        Command::Migrate(args) => migrate_cmd(&args),
        Command::Explain { rule } => explain(rule.as_deref()),
    }
}

fn migrate_cmd(args: &MigrateArgs) -> Result<u8> {
    outside_scanned(args.output.as_deref(), &args.paths)?;
    not_an_input(
        args.output.as_deref(),
        [Some(args.to.as_path()), args.site.as_deref()],
    )?;
    let m = mailaudit::migrate::migrate(&args.paths, args.site.as_deref(), &args.to)?;
    let out = match args.format {
        MigrateFormat::Text => report::migration::text(&m),
        MigrateFormat::Json => report::migration::json(&m),
        MigrateFormat::Md => report::migration::markdown(&m),
    };
    emit(&out, args.output.as_deref())?;
    Ok(0)
}

fn scan_cmd(args: &ScanArgs) -> Result<u8> {
    outside_scanned(args.output.as_deref(), &args.paths)?;
    not_an_input(args.output.as_deref(), [args.site.as_deref(), None])?;
    let report = scan::scan(&args.paths, args.site.as_deref())?;
    let out = match args.format {
        Format::Text => report::text::render(&report),
        Format::Json => report::json::render(&report),
        Format::Md => report::markdown::render(&report),
        Format::Html => report::html::render(&report),
        Format::Csv => report::csv::render(&report),
    };
    // --quiet silences standard output; a file asked for with -o is still written.
    if !args.quiet || args.output.is_some() {
        emit(&out, args.output.as_deref())?;
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

fn explain(rule: Option<&str>) -> Result<u8> {
    let mut s = String::new();
    match rule {
        None => {
            for r in analyze::all() {
                let d = r.doc();
                s.push_str(&format!(
                    "{:<26} {:<8} {}\n",
                    d.id,
                    d.severity.name(),
                    d.summary
                ));
            }
            s.push_str("\nmailaudit explain RULE prints one rule's documentation.\n");
        }
        Some(id) => {
            let d = analyze::doc(id).with_context(|| {
                format!("unknown rule `{id}`; `mailaudit explain` lists the rules")
            })?;
            s.push_str(&format!(
                "{} ({})\n\n{}\n\nWhat it finds\n  {}\n\nWhy it matters\n  {}\n\nExample\n  {}\n\nFix\n  {}\n",
                d.id, d.severity.name(), d.summary, d.what, d.why, d.example, d.fix
            ));
        }
    }
    emit(&s, None)?;
    Ok(0)
}

/// Refuses an output file inside a scanned folder: nothing under a scanned path is written.
fn outside_scanned(output: Option<&Path>, scanned: &[std::path::PathBuf]) -> Result<()> {
    let Some(out) = output else { return Ok(()) };
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
fn not_an_input(output: Option<&Path>, inputs: [Option<&Path>; 2]) -> Result<()> {
    let Some(out) = output else { return Ok(()) };
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

/// Writes to stdout, or atomically to a file (temporary file, then rename).
fn emit(text: &str, path: Option<&Path>) -> Result<()> {
    match path {
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r.context("cannot write to standard output"),
            }
        }
        Some(p) => write_atomic(p, text.as_bytes()),
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
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
