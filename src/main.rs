//! The `mailaudit` binary: parses the command line, runs it, maps the outcome to an exit code.

use clap::Parser;
use mailaudit::cli::Cli;
use std::process::ExitCode;

mod run;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("mailaudit: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
