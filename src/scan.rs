//! Runs the pipeline: discover, read, assemble, analyze, plan. Renderers take its result.

use crate::analyze;
use crate::assemble::{assemble, DeviceInput, Model};
use crate::discover::{discover, Found};
use crate::model::{Lang, Location, Problem, ProblemKind, SourceFile};
pub use crate::model::{Report, Tool, SCHEMA};
use crate::plan::{self, Recommendation};
use crate::site::{Site, SiteError};
use crate::sources::{self, manual, Kind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    for path in paths {
        if !path.exists() {
            return Err(ScanError::Missing(path.display().to_string()));
        }
        // A path named on the command line that is neither a folder nor a regular file
        // (a pipe, a device) would block or mean nothing: a usage error, not a problem.
        if !path.is_dir() && !path.is_file() {
            return Err(ScanError::NotAFile(path.display().to_string()));
        }
    }
    let (paths, dropped) = distinct_paths(paths);
    let founds: Vec<Found> = paths.iter().map(|p| discover(p)).collect();
    let mut found_site = founds
        .iter()
        .find_map(|f| f.site.as_ref().map(|s| (s.clone(), f.ctx.rel(s))));
    if found_site.is_none() && site_path.is_none() {
        found_site = paths.iter().find_map(|p| site_in_parents(p));
    }
    build(founds, dropped, found_site, site_path)
}

/// Reads and assembles what discovery (or, for `scan` with no path, the search of this
/// machine) found.
pub fn build_model_found(
    founds: impl IntoIterator<Item = Found>,
    site_path: Option<&Path>,
) -> Result<Model, ScanError> {
    let founds: Vec<Found> = founds.into_iter().collect();
    let found_site = founds
        .iter()
        .find_map(|f| f.site.as_ref().map(|s| (s.clone(), f.ctx.rel(s))));
    build(founds, Vec::new(), found_site, site_path)
}

fn build(
    founds: Vec<Found>,
    mut problems: Vec<Problem>,
    found_site: Option<(PathBuf, String)>,
    site_path: Option<&Path>,
) -> Result<Model, ScanError> {
    let mut devices: BTreeMap<String, DeviceInput> = BTreeMap::new();
    let mut providers = Vec::new();
    let mut roots = Vec::new();
    for found in founds {
        problems.extend(found.problems);
        roots.push(found.ctx.root.display().to_string());
        for input in &found.providers {
            let out = sources::read(input, &found.ctx);
            providers.extend(out.providers);
            problems.extend(out.problems);
        }
        for ((id, inputs), outs) in found
            .devices
            .iter()
            .zip(read_devices(&found.devices, &found.ctx))
        {
            let dev = devices.entry(id.clone()).or_default();
            for (input, out) in inputs.iter().zip(outs) {
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
                for mut a in out.accesses {
                    crate::sources::limit::cut_access(&mut a, &mut problems);
                    dev.accesses.push(a);
                }
                problems.extend(out.problems);
            }
        }
    }
    if let (Some(given), Some((_, shown))) = (site_path, &found_site) {
        problems.push(Problem::new(
            Location::file(shown),
            ProblemKind::SiteNotUsed {
                given: given.display().to_string(),
            },
        ));
    }
    let site = match (site_path, found_site) {
        (Some(p), _) => Site::load(p, &p.display().to_string())?,
        (None, Some((p, shown))) => Site::load(&p, &shown)?,
        (None, None) => Site::default(),
    };
    let manual = manual::accesses(&site)?;
    crate::sources::limit::cap_problems(&mut problems);
    let mut model = assemble(devices, manual, providers, problems, site);
    model.roots = roots;
    Ok(model)
}

/// The paths to scan, each once: a path given twice, or inside another given folder, is
/// dropped with a problem, so no device is counted twice (a device would race its own copy).
fn distinct_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let canon: Vec<PathBuf> = paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    let mut kept = Vec::new();
    let mut problems = Vec::new();
    // Sorted, an ancestor comes right before its descendants, so one pass over a set of
    // kept folders finds every nested path without comparing all pairs.
    let mut kept_canon: std::collections::BTreeSet<&Path> = std::collections::BTreeSet::new();
    let mut order: Vec<usize> = (0..paths.len()).collect();
    order.sort_by(|&a, &b| canon[a].cmp(&canon[b]).then(a.cmp(&b)));
    let mut keep = vec![true; paths.len()];
    for &i in &order {
        let covering = canon[i]
            .ancestors()
            .find(|a| kept_canon.contains(a))
            .map(Path::to_path_buf);
        match covering {
            Some(c) => {
                keep[i] = false;
                let by = canon
                    .iter()
                    .position(|x| *x == c)
                    .map(|j| paths[j].display().to_string())
                    .unwrap_or_default();
                let why = if c == canon[i] {
                    ProblemKind::GivenTwice { also: by }
                } else {
                    ProblemKind::InsideAnother { folder: by }
                };
                problems.push(Problem::new(
                    Location::file(&paths[i].display().to_string()),
                    why,
                ));
            }
            None => {
                kept_canon.insert(&canon[i]);
            }
        }
    }
    for (i, p) in paths.iter().enumerate() {
        if keep[i] {
            kept.push(p.clone());
        }
    }
    (kept, problems)
}

/// A `site.toml` in the folders above a scanned device folder (up to three levels, where an
/// office root holding that device would be), for `scan office/PC-A`.
fn site_in_parents(path: &Path) -> Option<(PathBuf, String)> {
    let abs = std::fs::canonicalize(path).ok()?;
    let start = if abs.is_dir() {
        abs.parent()?
    } else {
        abs.parent()?.parent()?
    };
    start.ancestors().take(3).find_map(|dir| {
        let candidate = dir.join("site.toml");
        std::fs::symlink_metadata(&candidate)
            .is_ok_and(|m| m.file_type().is_file())
            .then(|| {
                let shown = candidate.display().to_string();
                (candidate, shown)
            })
    })
}

/// Offices with fewer devices than this are read on one thread: on a busy machine the
/// hand-over costs more than a few small devices take to read.
const PARALLEL_FROM_DEVICES: usize = 8;

/// Reads every device's inputs, in parallel for a large office; the readouts come back in
/// the order of `devices`, so the model does not depend on which thread ran first.
fn read_devices(
    devices: &BTreeMap<String, Vec<sources::Input>>,
    ctx: &sources::Ctx,
) -> Vec<Vec<sources::Readout>> {
    use rayon::prelude::*;
    let read_one = |inputs: &Vec<sources::Input>| {
        inputs
            .iter()
            .map(|input| sources::read(input, ctx))
            .collect::<Vec<_>>()
    };
    if devices.len() < PARALLEL_FROM_DEVICES || rayon::current_num_threads() < 2 {
        return devices.values().map(read_one).collect();
    }
    let inputs: Vec<&Vec<sources::Input>> = devices.values().collect();
    inputs.into_par_iter().map(read_one).collect()
}

/// Analyzes and plans a model into a report.
pub fn report(model: Model) -> Report {
    let recommendations = plan::recommend(&model);
    report_with(model, recommendations)
}

/// Analyzes a model into a report carrying recommendations already made (`plan --days`).
pub fn report_with(model: Model, recommendations: Vec<Recommendation>) -> Report {
    let findings = analyze::run(&model);
    Report {
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
        root: model.roots.first().cloned(),
        roots: model.roots,
        site: Some(model.site.path).filter(|p| !p.is_empty()),
    }
}
