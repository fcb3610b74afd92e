//! Carries out one command line; returns the exit code.

use anyhow::{Context, Result};
use mailaudit::cli::{
    Cli, ColorArg, Command, FailOn, Format, LangArg, MigrateArgs, MigrateFailOn, MigrateFormat,
    ScanArgs,
};
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
        Command::Explain { rule, lang } => explain(rule.as_deref(), LangArg::or_env(lang)),
    }
}

fn migrate_cmd(args: &MigrateArgs) -> Result<u8> {
    // `-o -` is standard output, as for scan.
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    outside_scanned(output, &args.paths)?;
    not_an_input(output, [Some(args.to.as_path()), args.site.as_deref()])?;
    let m = mailaudit::migrate::migrate(&args.paths, args.site.as_deref(), &args.to)?;
    let lang = LangArg::or_env(args.lang);
    let out = match args.format {
        MigrateFormat::Text => report::migration::text(&m, lang),
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
    let mut report = scan::scan(&args.paths, args.site.as_deref())?;
    report.lang = LangArg::or_env(args.lang);
    report.scanned_at = Some(scan::now_rfc3339());
    let out = match args.format {
        Format::Text => report::text::render_with(&report, terminal_layout(args)),
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

/// The terminal report's width and colour: `COLUMNS`, else the terminal's width, else 100;
/// colour on a terminal unless `NO_COLOR` is set or `--color` says otherwise.
fn terminal_layout(args: &ScanArgs) -> report::text::Layout {
    use std::io::IsTerminal;
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .or_else(|| {
            to_terminal
                .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
                .flatten()
        })
        .unwrap_or(100);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => to_terminal && !no_color,
    };
    report::text::Layout { width, color }
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

/// Writes to stdout, or atomically to a file (temporary file, then rename).
fn emit(text: &str, path: Option<&Path>) -> Result<()> {
    match path.filter(|p| p.as_os_str() != "-") {
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
