//! Questions several rules ask of the model: who shares a mailbox, how a retention reads in words.

use crate::assemble::Model;
use crate::model::{Access, Effect, Evidence, Mailbox};

/// The devices reading a mailbox, other than `device`.
pub fn others<'a>(mailbox: &'a Mailbox, device: &str) -> Vec<&'a str> {
    mailbox
        .devices
        .iter()
        .map(String::as_str)
        .filter(|d| *d != device)
        .collect()
}

/// True when more than one device reads the mailbox.
pub fn is_shared(mailbox: &Mailbox) -> bool {
    mailbox.devices.len() > 1
}

/// "PC-A", "PC-A and PC-B", "PC-A, PC-B and PC-C".
pub fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// The effect of a retention in a few words, as the report tables show it.
pub fn effect_words(effect: Effect) -> String {
    match effect {
        Effect::RemovesAtDownload => "removes at download".to_string(),
        Effect::KeepsDays(1) => "keeps 1 day".to_string(),
        Effect::KeepsDays(n) => format!("keeps {n} days"),
        Effect::KeepsUntilDeleted => "keeps until deleted on this device".to_string(),
        Effect::KeepsForever => "keeps forever".to_string(),
    }
}

/// Evidence for the retention of an access: the fields that decide its effect.
pub fn retention_evidence(a: &Access) -> Vec<Evidence> {
    let mut ev = vec![a.evidence_for("leave_on_server")];
    if let Some(r) = &a.retention {
        if r.delete_after_days.is_some() {
            ev.push(a.evidence_for("delete_after_days"));
        }
        if r.headers_only {
            ev.push(a.evidence_for("headers_only"));
        }
    }
    ev.sort();
    ev.dedup();
    ev
}

/// Distinct devices of a list of accesses, in order of first appearance.
pub fn devices_of(accesses: &[&Access]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in accesses {
        if !out.contains(&a.device) {
            out.push(a.device.clone());
        }
    }
    out
}

/// The first access of each device to a mailbox that matches `pred`: rules report one
/// finding per responsible device, not one per account.
pub fn first_per_device<'a>(
    model: &'a Model,
    key: &'a str,
    pred: impl Fn(&Access) -> bool,
) -> Vec<&'a Access> {
    let mut out: Vec<&Access> = Vec::new();
    for a in model.accesses_of(key) {
        if pred(a) && !out.iter().any(|o| o.device == a.device) {
            out.push(a);
        }
    }
    out
}

/// How to name access `o` next to access `a`: its device, or "outlook on PC-A" when
/// both are on the same device (two programs on one PC race for the same mail too).
pub fn reader_name(o: &Access, a: &Access) -> String {
    if o.device != a.device {
        o.device.clone()
    } else {
        format!("{} ({}) on {}", o.program(), account_label(o), o.device)
    }
}

/// Who else reads a mailbox besides access `a`, named with [`reader_name`].
pub fn other_readers(model: &Model, key: &str, a: &Access) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for o in model.accesses_of(key) {
        // Every Thunderbird profile names its first account `account1`: the file tells them apart.
        let same_account = o.device == a.device
            && o.client == a.client
            && o.account == a.account
            && o.source.path == a.source.path;
        if std::ptr::eq(o, a) || same_account {
            continue;
        }
        let name = reader_name(o, a);
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// An account's name, with its profile folder when the name alone is a per-profile key.
fn account_label(o: &Access) -> String {
    let folder = o
        .source
        .path
        .rsplit('/')
        .nth(1)
        .filter(|_| o.client == crate::model::Client::Thunderbird);
    match folder {
        Some(f) => format!("{}, profile {f}", o.account),
        None => o.account.clone(),
    }
}
