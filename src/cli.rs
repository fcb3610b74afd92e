//! Command-line definitions.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Audits the mail-client settings of an office's devices.
#[derive(Debug, Parser)]
#[command(name = "mailaudit", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan collected settings and report, per shared mailbox, who removes mail from whom.
    Scan(ScanArgs),
    /// Pre-migration checklist: what every device must change for the new host's autoconfig or Autodiscover file.
    Migrate(MigrateArgs),
    /// Write the recommended layout, its projection and the files that apply it into a folder.
    Plan(PlanArgs),
    /// Print the documentation of one rule, or list all rules.
    Explain {
        /// Rule ID, e.g. delete-on-download.
        rule: Option<String>,
    },
}

/// Options of `scan`.
#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Folders or files to scan: a folder of device folders, one device folder, or one file.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Site file (default: site.toml in the scanned folder).
    #[arg(long)]
    pub site: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Critical)]
    pub fail_on: FailOn,
    /// Print nothing on standard output; only the exit code tells.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Options of `migrate`.
#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// Folders or files to scan: a folder of device folders, one device folder, or one file.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The new host's autoconfig (config-v1.1.xml) or Autodiscover response file.
    #[arg(long, required = true)]
    pub to: PathBuf,
    /// Site file (default: site.toml in the scanned folder).
    #[arg(long)]
    pub site: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MigrateFormat::Text)]
    pub format: MigrateFormat,
    /// Write the checklist to this file instead of standard output.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

/// Checklist formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MigrateFormat {
    Text,
    Json,
    Md,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Terminal tables.
    Text,
    /// The mailaudit/1 JSON report.
    Json,
    /// Markdown for a ticket or an e-mail.
    Md,
    /// One self-contained HTML page, printable.
    Html,
    /// The findings only, one row each (UTF-8 with BOM, for Excel).
    Csv,
}

/// Severity threshold for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Critical,
    Warning,
    Info,
}

/// Options of `plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// Folders or files to scan: a folder of device folders, one device folder, or one file.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Folder to write the plan into (made atomically; never under a scanned path).
    #[arg(long, required = true)]
    pub out: PathBuf,
    /// Replace an earlier plan folder at --out.
    #[arg(long)]
    pub force: bool,
    /// Language of plan.md, plan.html and the step pages (default: from the locale).
    #[arg(long, value_enum)]
    pub lang: Option<PlanLang>,
    /// Days to project.
    #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub days: u32,
    /// What to print on standard output: the plan as text, or the mailaudit/1 JSON envelope.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
    /// Site file (default: site.toml in the scanned folder).
    #[arg(long)]
    pub site: Option<PathBuf>,
}

/// Languages of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanLang {
    En,
    Ja,
}

/// Output of `plan` on standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Text,
    Json,
}
