//! Questions several rules ask of the model: who shares a mailbox, how a retention reads in words.

use crate::assemble::Model;
use crate::model::{Access, Effect, Evidence, Field, Mailbox, Reader};

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
    let mut ev = vec![a.evidence_for(Field::LeaveOnServer)];
    if let Some(r) = &a.retention {
        if r.delete_after_days.is_some() {
            ev.push(a.evidence_for(Field::DeleteAfterDays));
        }
        if r.headers_only {
            ev.push(a.evidence_for(Field::HeadersOnly));
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

/// How to name access `o` next to access `a`: its device, or with program and account when
/// both are on the same device (two programs on one PC race for the same mail too).
pub fn reader_name(o: &Access, a: &Access) -> Reader {
    if o.device != a.device {
        Reader::device(&o.device)
    } else {
        full_reader(o)
    }
}

/// An access named by device, program, account and (Thunderbird) profile folder.
pub fn full_reader(o: &Access) -> Reader {
    // Every Thunderbird profile names its first account `account1`: the folder tells them apart.
    let profile = o
        .source
        .path
        .rsplit('/')
        .nth(1)
        .filter(|_| o.client == crate::model::Client::Thunderbird)
        .map(str::to_string);
    Reader {
        device: o.device.clone(),
        program: Some(o.program().to_string()),
        account: Some(o.account.clone()),
        profile,
    }
}

/// Who else reads a mailbox besides access `a`, named with [`reader_name`].
pub fn other_readers(model: &Model, key: &str, a: &Access) -> Vec<Reader> {
    let mut out: Vec<Reader> = Vec::new();
    for o in model.accesses_of(key) {
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

/// The origins of the fields that decide an access's retention, for the assumed-value policy.
pub fn retention_origins(a: &Access) -> Vec<crate::model::Origin> {
    Field::RETENTION
        .iter()
        .filter_map(|f| a.provenance.get(f).cloned())
        .collect()
}
