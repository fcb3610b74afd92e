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
        /// Language of the text (default: from LC_ALL, LC_MESSAGES or LANG; ja* is Japanese).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Compare two results (scan ids in --db, folders, or JSON reports): what changed on every device.
    Diff(DiffArgs),
    /// List the scans kept in a history database.
    History(HistoryArgs),
    /// Scan every office folder under a root: one report per office and a page ranking the offices.
    Fleet(FleetArgs),
    /// Copy this machine's mail settings (never passwords or mail) into OUT/<device>/ for a later scan.
    Collect(CollectArgs),
}

impl Command {
    /// The `--lang` given, if the command has one.
    pub fn lang(&self) -> Option<LangArg> {
        match self {
            Command::Scan(a) => a.lang,
            Command::Migrate(a) => a.lang,
            Command::Explain { lang, .. } => *lang,
            Command::Diff(a) => a.lang,
            Command::History(a) => a.lang,
            Command::Plan(a) => a.lang,
            Command::Fleet(a) => a.lang,
            Command::Collect(_) => None,
        }
    }
}

/// Options of `collect`.
#[derive(Debug, clap::Args)]
pub struct CollectArgs {
    /// Folder to collect into; the files go to OUT/<device>/ (a USB stick or a share).
    #[arg(long)]
    pub out: PathBuf,
    /// Device name (default: this machine's host name).
    #[arg(long)]
    pub device: Option<String>,
    /// Replace an existing OUT/<device>/ folder.
    #[arg(long)]
    pub force: bool,
    /// Language of the summary line (default: from LC_ALL, LC_MESSAGES or LANG; ja* is Japanese).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Options of `scan`.
#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Folders or files to scan: a folder of device folders, one device folder, or one file.
    /// Without any, this machine's mail clients are read where they are.
    pub paths: Vec<PathBuf>,
    /// Site file (default: site.toml in the scanned folder).
    #[arg(long)]
    pub site: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to this file instead of standard output (`-` is standard output).
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Language of the report (default: from LC_ALL, LC_MESSAGES or LANG; ja* is Japanese).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Critical)]
    pub fail_on: FailOn,
    /// Print nothing on standard output; only the exit code tells.
    #[arg(short, long)]
    pub quiet: bool,
    /// Colour in the terminal report (auto: on a terminal, unless NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Also keep the whole result in this SQLite history database (created when absent).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// When the terminal report is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Options of `migrate`.
#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// Folders or files to scan: a folder of device folders, one device folder, or one file.
    /// Without any, this machine's mail clients are read where they are.
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
    /// Write the checklist to this file instead of standard output (`-` for standard output).
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Language of the checklist (default: from LC_ALL, LC_MESSAGES or LANG; ja* is Japanese).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// When the exit code is 1: `change` when any device must change a setting (so 0 means
    /// every device already uses the new host's settings), `never` for always 0.
    #[arg(long, value_enum, default_value_t = MigrateFailOn::Change)]
    pub fail_on: MigrateFailOn,
    /// Print nothing on standard output; only the exit code tells (-o FILE is still written).
    #[arg(short, long)]
    pub quiet: bool,
    /// Also keep the scan of the paths in this SQLite history database (created when absent).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// Checklist formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MigrateFormat {
    /// Terminal tables.
    Text,
    /// The mailaudit/1 JSON envelope with its `migration` section.
    Json,
    /// Markdown with a box to tick per change.
    Md,
    /// One self-contained HTML page, printable.
    Html,
}

/// What makes `migrate` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MigrateFailOn {
    /// Any device must change a setting.
    Change,
    /// Nothing: exit 0 unless the checklist could not be made.
    Never,
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
    /// One line of at most 255 characters, for a remote-management tool's status field.
    Status,
}

/// Report languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Japanese.
    Ja,
}

impl LangArg {
    /// The language asked for, else the locale's.
    pub fn or_env(arg: Option<LangArg>) -> mailaudit::model::Lang {
        match arg {
            Some(LangArg::En) => mailaudit::model::Lang::En,
            Some(LangArg::Ja) => mailaudit::model::Lang::Ja,
            None => mailaudit::model::Lang::from_env(),
        }
    }
}

/// Severity threshold for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Critical,
    Warning,
    Info,
}

/// Options of `diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Before: a scan id in --db, a folder (scanned now), or a JSON report file.
    pub before: String,
    /// After: a scan id in --db, a folder (scanned now), or a JSON report file.
    pub after: String,
    /// History database that holds the scan ids.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Language of the output, en or ja (default: from the locale).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Exit with 1 when a new finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Critical)]
    pub fail_on: FailOn,
    /// Write the diff to this file instead of standard output.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

/// Diff formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Md,
    Html,
}

/// Formats of the scan list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// A terminal table.
    Text,
    /// `{"scans": [...]}`.
    Json,
    /// A Markdown table.
    Md,
}

/// Options of `history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// History database written by `scan --db`.
    #[arg(long, required = true)]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Text)]
    pub format: HistoryFormat,
    /// Language of the output, en or ja (default: from the locale).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Write the list to this file instead of standard output.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

/// Options of `plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// Folders or files to scan: a folder of device folders, one device folder, or one file.
    /// Without any, this machine's mail clients are read where they are.
    pub paths: Vec<PathBuf>,
    /// Folder to write the plan into (made atomically; never under a scanned path).
    #[arg(long, required = true)]
    pub out: PathBuf,
    /// Replace an earlier plan folder at --out.
    #[arg(long)]
    pub force: bool,
    /// Language of plan.md, plan.html and the step pages (default: from the locale).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Days to project.
    #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub days: u32,
    /// What to print on standard output: the plan as text, or the mailaudit/1 JSON envelope.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
    /// Site file (default: site.toml in the scanned folder).
    #[arg(long)]
    pub site: Option<PathBuf>,
    /// Also keep the scan behind the plan in this SQLite history database.
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// Output of `plan` on standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Text,
    Json,
}

/// Options of `fleet`.
#[derive(Debug, clap::Args)]
pub struct FleetArgs {
    /// A folder of office folders, each laid out as `scan` expects, with its own site.toml.
    pub root: PathBuf,
    /// Folder to write the reports and the roll-up into (made whole, then renamed into place).
    #[arg(long, required = true)]
    pub out: PathBuf,
    /// Replace an earlier fleet folder at --out.
    #[arg(long)]
    pub force: bool,
    /// Formats of each office's report, comma-separated (default: html,json).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<Format>,
    /// Language of the reports and the roll-up (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Also keep every office's scan in this SQLite history database (created when absent).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Exit with 1 when any office has a finding at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Critical)]
    pub fail_on: FailOn,
    /// Threads to scan with (default: one per core).
    #[arg(short = 'j', long, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,
    /// No progress bar and no summary line; only the files and the exit code tell.
    #[arg(short, long)]
    pub quiet: bool,
}
