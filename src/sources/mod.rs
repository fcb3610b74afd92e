//! Readers: one module per file format, each turning files into accesses with provenance.
//!
//! A grammar module (`prefs`, `regfile`, `ini`) only parses; the client module next to
//! it (`thunderbird`, `outlook`, …) applies that client's defaults and precedence.

pub mod autoconfig;
pub mod autodiscover;
pub mod becky;
pub mod ini;
pub mod k9;
pub mod limit;
pub mod manual;
pub mod oeaccount;
pub mod outlook;
pub mod popstate;
pub mod ports;
pub mod prefs;
pub mod prf;
pub mod regfile;
pub mod table;
pub mod thunderbird;
pub mod xml;

use crate::model::{Access, Location, Problem, ProviderProfile};
use std::path::{Path, PathBuf};

pub use crate::fsio::{read_capped, MAX_FILE_BYTES};

/// What discover decided a file (or folder) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A Thunderbird profile folder (holds `prefs.js` and/or `user.js`).
    ThunderbirdProfile,
    /// A regedit export (`.reg`).
    RegistryExport,
    /// An Outlook profile configuration file (`.prf`).
    OutlookPrf,
    /// A Windows Mail / Windows Live Mail account file (`.oeaccount`).
    OeAccount,
    /// A Thunderbird for Android / K-9 Mail settings export (`.k9s`).
    K9Settings,
    /// A Becky! mailbox folder's `Mailbox.ini`.
    BeckyMailbox,
    /// An autoconfig `clientConfig` XML file.
    Autoconfig,
    /// An Autodiscover POX response.
    Autodiscover,
}

impl Kind {
    /// The name used in the report's `sources[].kind`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::ThunderbirdProfile => "thunderbird-profile",
            Kind::RegistryExport => "registry-export",
            Kind::OutlookPrf => "outlook-prf",
            Kind::OeAccount => "oeaccount",
            Kind::K9Settings => "k9-settings",
            Kind::BeckyMailbox => "becky-mailbox",
            Kind::Autoconfig => "autoconfig",
            Kind::Autodiscover => "autodiscover",
        }
    }

    /// True for files that describe a provider, not a device.
    pub fn is_provider(self) -> bool {
        matches!(self, Kind::Autoconfig | Kind::Autodiscover)
    }
}

/// One thing to read: a file, or for Thunderbird a profile folder.
#[derive(Debug, Clone)]
pub struct Input {
    pub kind: Kind,
    /// Absolute (or as given) path on disk.
    pub path: PathBuf,
    /// Path relative to the scanned root, with `/`, as shown in reports.
    pub rel: String,
}

/// Everything one reader found in one input.
#[derive(Debug, Default)]
pub struct Readout {
    pub accesses: Vec<Access>,
    pub problems: Vec<Problem>,
    pub providers: Vec<ProviderProfile>,
    /// Extra files read along the way (user.js, popstate.dat …), relative paths.
    pub also_read: Vec<String>,
}

/// Context shared by readers: how to name a file in a report.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The scanned root; report paths are relative to it.
    pub root: PathBuf,
}

impl Ctx {
    /// The report name of a path: relative to the root, `/`-separated.
    pub fn rel(&self, path: &Path) -> String {
        let p = path.strip_prefix(&self.root).unwrap_or(path);
        let s = p
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if s.is_empty() {
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        } else {
            s
        }
    }

    /// Reads a whole file, refusing files over the size cap; the error names the reason.
    ///
    /// A file below the root reached through a symbolic link is refused, whichever
    /// component is the link.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, Problem> {
        crate::fsio::no_link_below(&self.root, path)
            .and_then(|()| crate::fsio::read_file(path))
            .map_err(|kind| Problem::new(Location::file(&self.rel(path)), kind))
    }

    /// True when `path` is a regular file below the root, reached without a link.
    pub fn plain_file(&self, path: &Path) -> bool {
        crate::fsio::no_link_below(&self.root, path).is_ok()
            && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
    }

    /// Reads a whole file and hands its bytes and report path to `parse`; a file that
    /// cannot be read gives a readout holding only that problem.
    pub fn read_with(&self, path: &Path, parse: impl FnOnce(&[u8], &str) -> Readout) -> Readout {
        match self.read(path) {
            Ok(bytes) => parse(&bytes, &self.rel(path)),
            Err(p) => Readout {
                problems: vec![p],
                ..Readout::default()
            },
        }
    }
}

/// Runs the reader for one input. Readers never panic on bad input; they report problems.
pub fn read(input: &Input, ctx: &Ctx) -> Readout {
    let mut out = read_uncapped(input, ctx);
    limit::cap_problems(&mut out.problems);
    out
}

fn read_uncapped(input: &Input, ctx: &Ctx) -> Readout {
    match input.kind {
        Kind::ThunderbirdProfile => thunderbird::read_profile(input, ctx),
        Kind::RegistryExport => outlook::read_reg(input, ctx),
        Kind::OutlookPrf => prf::read(input, ctx),
        Kind::OeAccount => oeaccount::read(input, ctx),
        Kind::K9Settings => k9::read(input, ctx),
        Kind::BeckyMailbox => becky::read(input, ctx),
        Kind::Autoconfig => autoconfig::read(input, ctx),
        Kind::Autodiscover => autodiscover::read(input, ctx),
    }
}
