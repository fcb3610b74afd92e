//! The plan folder: everything `mailaudit plan --out DIR` writes, built in a temporary folder
//! beside DIR and renamed into place, so an interrupted run leaves no half-written plan.

use super::files::{self, OutFile, Skipped};
use super::{html, markdown, Recommendation};
use crate::assemble::Model;
use crate::model::{Effect, Lang};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// What a device does on one mailbox today and in the plan, for the device × mailbox matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// `None` when the device does not read this mailbox; else today's effect (`None` inside
    /// for IMAP and webmail).
    pub today: Option<Option<Effect>>,
    pub role: Role,
}

/// A device's part in the plan for one mailbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Main(u32),
    Forward(String),
    Unchanged,
}

/// Rows of devices, columns of mailboxes.
#[derive(Debug, Clone, Default)]
pub struct Matrix {
    pub mailboxes: Vec<String>,
    pub rows: Vec<(String, Vec<Cell>)>,
}

/// Everything plan.md and plan.html show.
#[derive(Debug, Clone)]
pub struct PlanDoc {
    pub lang: Lang,
    pub days: u32,
    pub recommendations: Vec<Recommendation>,
    pub matrix: Matrix,
    /// Paths of the fix files, relative to the plan folder.
    pub files: Vec<String>,
    pub skipped: Vec<Skipped>,
}

/// The device × mailbox matrix of the model and the plan.
pub fn matrix(model: &Model, recs: &[Recommendation]) -> Matrix {
    let mailboxes: Vec<String> = model.mailboxes.iter().map(|m| m.key.clone()).collect();
    let rows = model
        .devices
        .iter()
        .map(|d| {
            let cells = model
                .mailboxes
                .iter()
                .map(|mb| {
                    let a = model.accesses_of(&mb.key).find(|a| a.device == d.id);
                    let rec = recs.iter().find(|r| r.mailbox == mb.key);
                    let role = match rec {
                        Some(r) if r.main == d.id => Role::Main(r.keep_days),
                        Some(r) => r
                            .forwards
                            .iter()
                            .find(|f| f.device == d.id)
                            .map(|f| Role::Forward(f.address.clone()))
                            .unwrap_or(Role::Unchanged),
                        None => Role::Unchanged,
                    };
                    Cell {
                        today: a.map(|a| a.effect()),
                        role,
                    }
                })
                .collect();
            (d.id.clone(), cells)
        })
        .collect();
    Matrix { mailboxes, rows }
}

/// Every file of the plan folder, plan.md and plan.html included.
pub fn build(
    model: &Model,
    recs: Vec<Recommendation>,
    roots: &[PathBuf],
    lang: Lang,
    days: u32,
) -> (PlanDoc, Vec<OutFile>) {
    let (mut fix, skipped) = files::all(model, &recs, roots, lang);
    let doc = PlanDoc {
        lang,
        days,
        matrix: matrix(model, &recs),
        files: fix.iter().map(|f| f.path.clone()).collect(),
        recommendations: recs,
        skipped,
    };
    fix.push(OutFile {
        path: "plan.md".into(),
        bytes: markdown::render(&doc).into_bytes(),
    });
    fix.push(OutFile {
        path: "plan.html".into(),
        bytes: html::render(&doc).into_bytes(),
    });
    (doc, fix)
}

/// Writes the files into `out`: a temporary folder beside it, then a rename. An existing
/// `out` is refused unless `force`, and then replaced only once the new folder is complete.
pub fn write_dir(out: &Path, files: &[OutFile], force: bool) -> Result<()> {
    if out.exists() && !force {
        bail!(
            "{} already exists; choose another folder or pass --force to replace it",
            out.display()
        );
    }
    if out.exists() && !out.is_dir() {
        bail!("{} exists and is not a folder; not replaced", out.display());
    }
    // --force replaces an earlier plan, never some other folder that happens to be named.
    if out.is_dir()
        && !out.join("plan.md").is_file()
        && std::fs::read_dir(out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        bail!(
            "{} is not an earlier plan folder (no plan.md in it); not replaced, even with --force",
            out.display()
        );
    }
    let (tmp, old) = crate::fsio::dirs_beside(out)?;
    let _ = std::fs::remove_dir_all(&tmp);
    let result = (|| -> Result<()> {
        for f in files {
            // Paths come from safe_name'd parts; a `..` would still be refused here.
            if f.path
                .split('/')
                .any(|p| p.is_empty() || p == "." || p == "..")
            {
                bail!("refusing the plan file name {}", f.path);
            }
            let p = tmp.join(&f.path);
            if let Some(d) = p.parent() {
                std::fs::create_dir_all(d)
                    .with_context(|| format!("cannot create {}", d.display()))?;
            }
            std::fs::write(&p, &f.bytes)
                .with_context(|| format!("cannot write {}", p.display()))?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    crate::fsio::swap_dir(&tmp, out, &old)
}
