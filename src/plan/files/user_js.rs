//! `devices/<device>/user.js`: the exact `mail.server.serverN.*` lines for the device's
//! account. Thunderbird reads user.js after prefs.js at every start and copies its values
//! into prefs.js, so the file is removed after one start.

use super::{device_dir, fix_folder, locate, safe_name, OutFile, Skipped};
use crate::assemble::Model;
use crate::model::{Access, Client};
use crate::plan::{NewRetention, Recommendation};
use crate::sources::prefs::{self, render_user_pref, FileKind, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The profile folder of a Thunderbird access, as its report path gives it.
fn profile_of(a: &Access) -> &str {
    a.source
        .path
        .rsplit_once('/')
        .map(|(dir, _)| dir)
        .unwrap_or("")
}

/// `devices/<device>`, or `devices/<device>/<profile>` when the device has several profiles.
pub fn folder(model: &Model, a: &Access) -> String {
    let mut profiles: Vec<&str> = model
        .accesses
        .iter()
        .filter(|x| x.device == a.device && x.client == Client::Thunderbird)
        .map(profile_of)
        .collect();
    profiles.sort();
    profiles.dedup();
    if profiles.len() > 1 {
        let name = profile_of(a).rsplit('/').next().unwrap_or("profile");
        format!("{}/{}", device_dir(&a.device), safe_name(name))
    } else {
        device_dir(&a.device)
    }
}

/// What the plan sets on one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<'a> {
    /// The main device: keep copies N days.
    KeepDays(u32),
    /// A forwarded device: read the own address; remove at download when it may.
    Switch(&'a str, NewRetention),
}

/// The lines for one account's server key.
pub fn lines(server: &str, change: Change) -> Vec<String> {
    let p = |name: &str, v: Value| render_user_pref(&format!("mail.server.{server}.{name}"), &v);
    match change {
        Change::KeepDays(n) => vec![
            p("leave_on_server", Value::Bool(true)),
            p("delete_by_age_from_server", Value::Bool(true)),
            p(
                "num_days_to_leave_on_server",
                Value::Int(n.min(i32::MAX as u32) as i32),
            ),
            p("delete_mail_left_on_server", Value::Bool(false)),
        ],
        Change::Switch(address, then) => {
            let mut v = vec![
                p("userName", Value::Str(address.as_bytes().to_vec())),
                p("name", Value::Str(address.as_bytes().to_vec())),
            ];
            if then == NewRetention::RemoveAtDownload {
                v.push(p("leave_on_server", Value::Bool(false)));
            }
            v
        }
    }
}

/// The server key (`server2`) of an account, read again from the profile's prefs.js.
fn server_key(roots: &[PathBuf], a: &Access) -> Result<String, String> {
    let path = locate(roots, &a.source.path).ok_or_else(|| {
        format!(
            "{} is not found again under the scanned paths",
            a.source.path
        )
    })?;
    let bytes = crate::fsio::read_capped(&path)?;
    let parsed = prefs::parse(&bytes, FileKind::User);
    let name = format!("mail.account.{}.server", a.account);
    parsed
        .last(&name)
        .and_then(|p| p.value.as_str().map(|s| s.into_owned()))
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .ok_or_else(|| format!("{name} is not in {}", a.source.path))
}

/// Every user.js of the plan, one per profile folder.
pub fn all(
    model: &Model,
    recs: &[Recommendation],
    roots: &[PathBuf],
) -> (Vec<OutFile>, Vec<Skipped>) {
    let mut by_folder: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut skipped = Vec::new();
    for r in recs {
        for a in model.accesses_of(&r.mailbox) {
            if a.client != Client::Thunderbird || !a.source.path.ends_with("prefs.js") {
                continue;
            }
            let change = if a.device == r.main {
                Change::KeepDays(r.keep_days)
            } else if let Some(f) = r.forwards.iter().find(|f| f.device == a.device) {
                if !super::plain_address(&f.address) {
                    skipped.push(Skipped {
                        path: format!("{}/user.js", fix_folder(model, a)),
                        why: format!(
                            "the address for {} is not a plain address; no user.js written",
                            f.device
                        ),
                    });
                    continue;
                }
                Change::Switch(&f.address, f.then)
            } else {
                continue;
            };
            let folder = fix_folder(model, a);
            match server_key(roots, a) {
                Ok(server) => {
                    let out = by_folder.entry(folder).or_default();
                    let note: String =
                        format!("{} ({}): {}", a.account, r.mailbox, describe(change))
                            .chars()
                            .filter(|c| !c.is_control())
                            .collect();
                    out.push(format!("// {note}"));
                    out.extend(lines(&server, change));
                }
                Err(why) => skipped.push(Skipped {
                    path: format!("{folder}/user.js"),
                    why,
                }),
            }
        }
    }
    let files = by_folder
        .into_iter()
        .map(|(folder, body)| {
            let mut text = String::from(
                "// Written by mailaudit plan. Copy into the Thunderbird profile folder, start Thunderbird once,\n// check the account settings, then delete this user.js: it re-applies these values at every start.\n",
            );
            for l in body {
                text.push_str(&l);
                text.push('\n');
            }
            OutFile {
                path: format!("{folder}/user.js"),
                // No BOM: Thunderbird would lose the first statement to it.
                bytes: text.into_bytes(),
            }
        })
        .collect();
    (files, skipped)
}

fn describe(change: Change) -> String {
    match change {
        Change::KeepDays(n) => format!("keep copies on the server {n} days"),
        Change::Switch(a, NewRetention::RemoveAtDownload) => {
            format!("read {a}, remove at download")
        }
        Change::Switch(a, _) => format!("read {a}"),
    }
}
