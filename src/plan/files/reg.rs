//! `devices/<device>/leave-on-server.reg` and `undo.reg`: the account's exact key, regedit 5
//! (UTF-16LE with a BOM, since profile names can be Japanese), one `Leave on Server` DWORD
//! (and the login for a device that moves to its own address).

use super::{fix_folder, locate, OutFile, Skipped};
use crate::assemble::Model;
use crate::model::{Access, Client};
use crate::plan::Recommendation;
use crate::sources::regfile::{self, Data, Key, Value, Version};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Bit 0x1 of `Leave on Server`: leave a copy on the server.
const LEAVE_ON_SERVER: u32 = 0x1;
/// Bit 0x2: remove after the day count in the upper 16 bits.
const REMOVE_AFTER: u32 = 0x2;

/// The DWORD for "keep a copy, remove after `days` days" (`000e0003` for 14).
pub fn keep_days_dword(days: u32) -> u32 {
    (days.min(0xffff) << 16) | REMOVE_AFTER | LEAVE_ON_SERVER
}

/// The account key of an access and its values, read again from the device's export.
fn account_key(roots: &[PathBuf], a: &Access) -> Result<Key, String> {
    let path = locate(roots, &a.source.path).ok_or_else(|| {
        format!(
            "{} is not found again under the scanned paths",
            a.source.path
        )
    })?;
    let bytes = crate::fsio::read_capped(&path)?;
    let file = regfile::parse(&bytes);
    let line = a.source.line.unwrap_or(0);
    // The account's key is the last key line at or above the account's line.
    let key = file
        .keys
        .iter()
        .filter(|k| !k.delete && k.line <= line)
        .max_by_key(|k| k.line)
        .filter(|k| k.path.contains("9375CFF0413111d3B88A00104B2A6676"))
        .ok_or_else(|| format!("no Outlook account key at {}:{line}", a.source.path))?;
    Ok(key.clone())
}

fn value<'k>(key: &'k Key, name: &str) -> Option<&'k Value> {
    key.values.iter().rev().find(|v| {
        v.name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

fn set(name: &str, data: Data) -> Value {
    Value {
        name: Some(name.to_string()),
        data,
        line: 0,
    }
}

/// The new login in the type the export used: REG_SZ (Outlook 2016 and later) or
/// UTF-16LE bytes with a terminating NUL (Outlook 2013 and older).
fn login_like(old: Option<&Value>, address: &str) -> Data {
    match old.map(|v| &v.data) {
        Some(Data::Hex { kind, .. }) => {
            let mut bytes: Vec<u8> = address
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes())
                .collect();
            bytes.extend([0, 0]);
            Data::Hex { kind: *kind, bytes }
        }
        _ => Data::Sz(address.to_string()),
    }
}

/// The patch and undo keys for one account.
pub fn patch(key: &Key, keep_days: Option<u32>, address: Option<&str>) -> (Key, Key) {
    let mut new = Vec::new();
    let mut old = Vec::new();
    if let Some(a) = address {
        let was = value(key, "POP3 User");
        new.push(set("POP3 User", login_like(was, a)));
        old.push(set(
            "POP3 User",
            was.map(|v| v.data.clone()).unwrap_or(Data::Delete),
        ));
    }
    let leave = match keep_days {
        Some(n) => keep_days_dword(n),
        None => 0,
    };
    new.push(set("Leave on Server", Data::Dword(leave)));
    old.push(set(
        "Leave on Server",
        value(key, "Leave on Server")
            .map(|v| v.data.clone())
            .unwrap_or(Data::Delete),
    ));
    let k = |values| Key {
        path: key.path.clone(),
        delete: false,
        line: 0,
        values,
    };
    (k(new), k(old))
}

/// A regedit 5 file of these keys, with a comment line after the header.
pub fn encode(keys: &[Key], comment: &str) -> Vec<u8> {
    let text = regfile::render(keys, Version::V5);
    let comment: String = comment.chars().filter(|c| !c.is_control()).collect();
    let text = text.replacen("\r\n\r\n", &format!("\r\n\r\n; {comment}\r\n"), 1);
    regfile::encode_utf16le_bom(&text)
}

/// Every leave-on-server.reg and undo.reg of the plan, one pair per device.
pub fn all(
    model: &Model,
    recs: &[Recommendation],
    roots: &[PathBuf],
) -> (Vec<OutFile>, Vec<Skipped>) {
    let mut by_device: BTreeMap<String, (Vec<Key>, Vec<Key>)> = BTreeMap::new();
    let mut skipped = Vec::new();
    for r in recs {
        for a in model.accesses_of(&r.mailbox) {
            if a.client != Client::Outlook || !a.source.path.to_ascii_lowercase().ends_with(".reg")
            {
                continue;
            }
            let (days, address) = if a.device == r.main {
                (Some(r.keep_days), None)
            } else if let Some(f) = r.forwards.iter().find(|f| f.device == a.device) {
                // A line break or quote in an address could add keys to the file.
                if !super::plain_address(&f.address) {
                    skipped.push(Skipped {
                        path: format!("{}/leave-on-server.reg", fix_folder(model, a)),
                        why: format!(
                            "the address for {} is not a plain address; no .reg written",
                            f.device
                        ),
                    });
                    continue;
                }
                (None, Some(f.address.as_str()))
            } else {
                continue;
            };
            match account_key(roots, a) {
                Ok(key) => {
                    let (p, u) = patch(&key, days, address);
                    let e = by_device.entry(fix_folder(model, a)).or_default();
                    e.0.push(p);
                    e.1.push(u);
                }
                Err(why) => skipped.push(Skipped {
                    path: format!("{}/leave-on-server.reg", fix_folder(model, a)),
                    why,
                }),
            }
        }
    }
    let mut files = Vec::new();
    for (dir, (patch, undo)) in by_device {
        files.push(OutFile {
            path: format!("{dir}/leave-on-server.reg"),
            bytes: encode(
                &patch,
                "mailaudit plan: close Outlook (File > Exit) before importing.",
            ),
        });
        files.push(OutFile {
            path: format!("{dir}/undo.reg"),
            bytes: encode(
                &undo,
                "mailaudit plan: today's values, to undo leave-on-server.reg.",
            ),
        });
    }
    (files, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_count_dword_matches_the_reference_example() {
        // "Leave on Server"=dword:000e0003 = keep a copy, remove after 14 days.
        assert_eq!(keep_days_dword(14), 0x000e_0003);
        assert_eq!(keep_days_dword(100_000), 0xffff_0003);
    }
}
