//! Runs the pipeline: discover, read, assemble, analyze, plan. Renderers take its result.

use crate::analyze;
use crate::assemble::{assemble, DeviceInput, Model};
use crate::discover::{discover, Found};
use crate::model::{Access, Device, Finding, Lang, Mailbox, Problem, ProviderProfile, SourceFile};
use crate::plan::{self, Recommendation};
use crate::report::i18n::assumptions::localize;
use crate::site::{Site, SiteError};
use crate::sources::{self, manual, Kind};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// The time now as RFC 3339 UTC, or `SOURCE_DATE_EPOCH` when set, so a build or test can
/// make its output reproducible.
pub fn now_rfc3339() -> String {
    let ts = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Why a scan could not run at all (bad site file, missing path).
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("{0}: no such file or folder")]
    Missing(String),
    #[error("{0}: not a folder or a regular file")]
    NotAFile(String),
    #[error(transparent)]
    Site(#[from] SiteError),
}

/// Scans the given paths (folders of device folders, device folders or single files).
pub fn scan(paths: &[PathBuf], site_path: Option<&Path>) -> Result<Report, ScanError> {
    let model = build_model(paths, site_path)?;
    Ok(report(model))
}

/// Discovers, reads and assembles the model for the given paths.
pub fn build_model(paths: &[PathBuf], site_path: Option<&Path>) -> Result<Model, ScanError> {
    let mut founds = Vec::new();
    for path in paths {
        if !path.exists() {
            return Err(ScanError::Missing(path.display().to_string()));
        }
        // A path named on the command line that is neither a folder nor a regular file
        // (a pipe, a device) would block or mean nothing: a usage error, not a problem.
        if !path.is_dir() && !path.is_file() {
            return Err(ScanError::NotAFile(path.display().to_string()));
        }
        founds.push(discover(path));
    }
    build_model_found(founds, site_path)
}

/// Reads and assembles what discovery (or, for `scan` with no path, the search of this
/// machine) found.
pub fn build_model_found(
    founds: impl IntoIterator<Item = Found>,
    site_path: Option<&Path>,
) -> Result<Model, ScanError> {
    let mut devices: BTreeMap<String, DeviceInput> = BTreeMap::new();
    let mut providers = Vec::new();
    let mut problems = Vec::new();
    let mut found_site: Option<(PathBuf, String)> = None;
    for found in founds {
        absorb(
            found,
            &mut devices,
            &mut providers,
            &mut problems,
            &mut found_site,
        );
    }
    finish(devices, providers, problems, found_site, site_path)
}

fn absorb(
    found: Found,
    devices: &mut BTreeMap<String, DeviceInput>,
    providers: &mut Vec<ProviderProfile>,
    problems: &mut Vec<Problem>,
    found_site: &mut Option<(PathBuf, String)>,
) {
    {
        problems.extend(found.problems);
        if found_site.is_none() {
            if let Some(s) = &found.site {
                *found_site = Some((s.clone(), found.ctx.rel(s)));
            }
        }
        for input in &found.providers {
            let out = sources::read(input, &found.ctx);
            providers.extend(out.providers);
            problems.extend(out.problems);
        }
        for (id, inputs) in &found.devices {
            let dev = devices.entry(id.clone()).or_default();
            for input in inputs {
                let out = sources::read(input, &found.ctx);
                // A Thunderbird input is a profile folder: list the files in it that were read.
                if input.kind == Kind::ThunderbirdProfile {
                    if input.path.join("prefs.js").is_file() {
                        dev.sources.push(SourceFile {
                            path: format!("{}/prefs.js", input.rel),
                            kind: "thunderbird-prefs".to_string(),
                        });
                    }
                } else {
                    dev.sources.push(SourceFile {
                        path: input.rel.clone(),
                        kind: input.kind.name().to_string(),
                    });
                }
                for extra in out.also_read {
                    let kind = match extra.rsplit('/').next() {
                        Some("user.js") => "thunderbird-user-js",
                        Some("popstate.dat") => "thunderbird-popstate",
                        Some("policies.json") => "thunderbird-policies",
                        Some(n) if n.ends_with(".cfg") => "thunderbird-autoconfig",
                        _ if extra.contains("defaults/pref/") => "thunderbird-default-prefs",
                        _ => input.kind.name(),
                    };
                    dev.sources.push(SourceFile {
                        path: extra,
                        kind: kind.to_string(),
                    });
                }
                dev.accesses.extend(out.accesses);
                problems.extend(out.problems);
            }
        }
    }
}

fn finish(
    devices: BTreeMap<String, DeviceInput>,
    providers: Vec<ProviderProfile>,
    problems: Vec<Problem>,
    found_site: Option<(PathBuf, String)>,
    site_path: Option<&Path>,
) -> Result<Model, ScanError> {
    let site = match (site_path, found_site) {
        (Some(p), _) => Site::load(p, &p.display().to_string())?,
        (None, Some((p, shown))) => Site::load(&p, &shown)?,
        (None, None) => Site::default(),
    };
    let manual = manual::accesses(&site)?;
    Ok(assemble(devices, manual, providers, problems, site))
}

/// Analyzes and plans a model into a report.
pub fn report(model: Model) -> Report {
    let recommendations = plan::recommend(&model);
    report_with(model, recommendations)
}

/// Analyzes a model into a report carrying recommendations already made (`plan --days`).
pub fn report_with(model: Model, recommendations: Vec<Recommendation>) -> Report {
    let findings = analyze::run(&model);
    let mut report = Report {
        schema: SCHEMA,
        lang: Lang::En,
        tool: Tool::this(),
        scanned_at: None,
        devices: model.devices,
        accesses: model.accesses,
        mailboxes: model.mailboxes,
        findings,
        recommendations,
        providers: model.providers,
        problems: model.problems,
    };
    // English for library callers; each renderer localizes again in the report's language.
    localize(&mut report.accesses, &mut report.providers, Lang::En);
    report
}
