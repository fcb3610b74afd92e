//! One writer per fix file, and the list of files a plan folder holds.

pub mod device_steps;
pub mod exim;
pub mod forwarding_csv;
pub mod host_steps;
pub mod postfix;
pub mod reg;
pub mod sieve;
pub mod user_js;

use super::{Host, Recommendation};
use crate::assemble::Model;
use crate::model::{Access, Client, Lang};
use std::path::{Path, PathBuf};

/// One file of the plan folder: its path inside the folder (`/`-separated) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A folder name that is safe on every file system, from a device id.
pub fn safe_name(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@') {
                c
            } else {
                '_'
            }
        })
        .collect();
    // No hidden, parent or empty folder names.
    while out.starts_with('.') {
        out.replace_range(0..1, "_");
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

/// `devices/<device>`.
pub fn device_dir(device: &str) -> String {
    format!("devices/{}", safe_name(device))
}

/// True for an address the server files may carry: plain `local@domain` with nothing that
/// Sieve, Postfix, Exim or a CSV cell would read as syntax.
pub fn plain_address(a: &str) -> bool {
    let Some((local, domain)) = a.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
        && !local.starts_with(['-', '+'])
}

/// The folder of one access's fix file: `devices/<device>`, plus the profile when the device
/// has several Thunderbird profiles, plus the mailbox when the device reads several shared
/// mailboxes, since each mailbox's changes come at their own step and must not be applied together.
pub fn fix_folder(model: &Model, a: &Access) -> String {
    let mut dir = if a.client == Client::Thunderbird {
        user_js::folder(model, a)
    } else {
        device_dir(&a.device)
    };
    let shared = model
        .mailboxes
        .iter()
        .filter(|m| m.devices.len() > 1 && m.devices.contains(&a.device))
        .count();
    if shared > 1 {
        dir.push('/');
        dir.push_str(&safe_name(&a.mailbox));
    }
    dir
}

/// The ready-to-apply file for one access, if its format allows one.
pub fn device_file(model: &Model, a: &Access) -> Option<String> {
    match a.client {
        Client::Thunderbird if a.source.path.ends_with("prefs.js") => {
            Some(format!("{}/user.js", fix_folder(model, a)))
        }
        Client::Outlook if a.source.path.to_ascii_lowercase().ends_with(".reg") => {
            Some(format!("{}/leave-on-server.reg", fix_folder(model, a)))
        }
        _ => None,
    }
}

/// `server/steps-<host>.md`.
pub fn host_steps_path(host: Host) -> String {
    format!("server/steps-{}.md", host.slug())
}

/// Finds a report path (relative to a scanned root) on disk again.
pub fn locate(roots: &[PathBuf], rel: &str) -> Option<PathBuf> {
    for root in roots {
        if root.is_file() {
            if root.file_name().is_some_and(|n| n.to_string_lossy() == rel)
                || root.ends_with(Path::new(rel))
            {
                return Some(root.clone());
            }
            continue;
        }
        let p = root.join(rel);
        if p.is_file() {
            return Some(p);
        }
    }
    None
}

/// Something the writers could not do, said in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub why: String,
}

/// Every fix file for the recommendations. `roots` are the scanned paths, to re-read the
/// exact account keys from the device's own files.
pub fn all(
    model: &Model,
    recs: &[Recommendation],
    roots: &[PathBuf],
    lang: Lang,
) -> (Vec<OutFile>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    if recs.iter().any(|r| !r.forwards.is_empty()) {
        files.push(OutFile {
            path: "server/forwarding.csv".into(),
            bytes: forwarding_csv::render(recs),
        });
    }
    let mut hosts: Vec<Host> = recs
        .iter()
        .filter(|r| !r.forwards.is_empty())
        .map(|r| r.host)
        .collect();
    hosts.sort_by_key(|h| h.slug());
    hosts.dedup();
    for h in hosts {
        let mine: Vec<&Recommendation> = recs.iter().filter(|r| r.host == h).collect();
        files.push(OutFile {
            path: host_steps_path(h),
            bytes: host_steps::render(lang, h, &mine).into_bytes(),
        });
        if h == Host::Xserver {
            files.push(OutFile {
                path: "server/xserver-accounts-change.csv".into(),
                bytes: host_steps::xserver_change_csv(&mine),
            });
        }
        if h.self_run() {
            for r in &mine {
                let path = format!("server/{}.sieve", safe_name(&r.mailbox));
                match sieve::render(r) {
                    Ok(text) => files.push(OutFile {
                        path,
                        bytes: text.into_bytes(),
                    }),
                    Err(why) => skipped.push(Skipped { path, why }),
                }
            }
            files.push(OutFile {
                path: "server/postfix-virtual".into(),
                bytes: postfix::render(&mine).into_bytes(),
            });
        }
        if h.self_run() || h == Host::Cpanel {
            for r in &mine {
                files.push(OutFile {
                    path: format!("server/{}.exim-filter", safe_name(&r.mailbox)),
                    bytes: exim::render(r).into_bytes(),
                });
            }
        }
    }
    let (tb, tb_skip) = user_js::all(model, recs, roots);
    files.extend(tb);
    skipped.extend(tb_skip);
    let (reg, reg_skip) = reg::all(model, recs, roots);
    files.extend(reg);
    skipped.extend(reg_skip);
    files.extend(device_steps::all(model, recs, lang));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    (files, skipped)
}

#[cfg(test)]
mod tests {
    use super::plain_address;

    #[test]
    fn only_plain_addresses_reach_the_server_files() {
        assert!(plain_address("info2@example.co.jp"));
        assert!(plain_address("first.last+tag@mail-host.example"));
        for bad in [
            "x\"; discard; redirect \"evil@example.org",
            "info@example.co.jp\nredirect evil@example.org",
            "-oQ@example.jp",
            "a@b@c",
            "no-at-sign",
            "a@exa mple.jp",
            "田中@example.jp",
        ] {
            assert!(!plain_address(bad), "{bad}");
        }
    }
}
