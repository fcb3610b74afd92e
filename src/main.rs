//! The `mailaudit` binary: parses the command line, runs it, maps the outcome to an exit code.

use clap::Parser;
use cli::Cli;
use std::process::ExitCode;

mod cli;
mod run;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // Error text can quote a file (a site-file value, an XML name): it gets the same
            // terminal escaping as reports, so it cannot drive the terminal.
            eprintln!(
                "mailaudit: error: {}",
                format!("{e:#}")
                    .split('\n')
                    .map(mailaudit::report::sanitize::terminal)
                    .collect::<Vec<_>>()
                    .join("\n")
            );
            ExitCode::from(2)
        }
    }
}
