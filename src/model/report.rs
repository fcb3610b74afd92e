//! The result of a scan as data: what `--format json` prints and every renderer, the store
//! and `diff` read. It imports nothing of the pipeline that made it.

use super::plan::Recommendation;
use super::{Access, Device, Finding, Lang, Mailbox, Problem, ProviderProfile};
use serde::Serialize;

/// The JSON contract's schema name.
pub const SCHEMA: &str = "mailaudit/1";

/// The result of a scan: what `--format json` prints, and what every renderer renders.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema: &'static str,
    /// The language the sentences are in.
    pub lang: Lang,
    /// The program that wrote the report.
    pub tool: Tool,
    /// When the scan ran (RFC 3339, UTC); set by the command line, absent in library use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scanned_at: Option<String>,
    pub devices: Vec<Device>,
    pub accesses: Vec<Access>,
    pub mailboxes: Vec<Mailbox>,
    pub findings: Vec<Finding>,
    pub recommendations: Vec<Recommendation>,
    pub providers: Vec<ProviderProfile>,
    pub problems: Vec<Problem>,
    /// The office root the device folders were taken from, as given or found below it:
    /// the first scanned path's.
    pub root: Option<String>,
    /// Every office root, one per scanned path, when more than one was scanned.
    #[serde(skip_serializing_if = "is_one")]
    pub roots: Vec<String>,
    /// The site file that was used, if any.
    pub site: Option<String>,
}

fn is_one(v: &[String]) -> bool {
    v.len() <= 1
}

impl Report {
    /// True when nothing could be read: no account of any device, no provider file. Such a
    /// scan must not read as "no findings" (an empty folder, a zip, the wrong file named).
    pub fn nothing_readable(&self) -> bool {
        self.accesses.is_empty() && self.providers.is_empty()
    }
}

/// The program and version that wrote a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Tool {
    /// This build of mailaudit.
    pub fn this() -> Self {
        Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}
