//! Carries out one command line; returns the exit code.

use anyhow::{Context, Result};
use mailaudit::analyze;
use mailaudit::cli::{Cli, Command, FailOn, Format, MigrateArgs, MigrateFormat, ScanArgs};
use mailaudit::fsio::{not_an_input, outside_scanned, write_atomic};
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
    // Problems are counted on standard error even with --quiet: a scan that skipped files
    // must not pass for a clean one.
    let lang = mailaudit::model::Lang::from_env();
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
