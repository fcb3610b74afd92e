//! Builds the model: devices, their accesses with mailbox keys, and mailboxes with site facts.

pub use crate::model::Model;
use crate::model::{
    mailbox_key, Access, Device, DeviceKind, Mailbox, Problem, ProblemKind, ProviderProfile,
    SourceFile,
};
use crate::site::Site;
use std::collections::{BTreeMap, BTreeSet};

/// Accesses and source files gathered for one device before assembly.
#[derive(Debug, Default)]
pub struct DeviceInput {
    pub sources: Vec<SourceFile>,
    pub accesses: Vec<Access>,
}

/// Keeps a retention to what the client does: with leave-on-server off, a day count or
/// "remove when deleted" setting left over in the file has no effect on the server.
fn effective(a: &mut Access) {
    if let Some(r) = a.retention.as_mut() {
        if !r.leave_on_server && !r.headers_only {
            r.delete_after_days = None;
            r.delete_when_deleted_locally = false;
        }
    }
}

/// Assembles the model. Accesses get their device and mailbox key; devices get site facts.
pub fn assemble(
    devices_in: BTreeMap<String, DeviceInput>,
    manual: Vec<Access>,
    providers: Vec<ProviderProfile>,
    mut problems: Vec<Problem>,
    site: Site,
) -> Model {
    let mut devices: BTreeMap<String, Device> = BTreeMap::new();
    let mut accesses = Vec::new();
    let new_device = |id: &str, site: &Site| {
        let s = site.device.get(id);
        Device {
            id: id.to_string(),
            sources: Vec::new(),
            owner: s.and_then(|d| d.owner.clone()),
            kind: s.and_then(|d| d.kind),
            away_days: site.away_days(id),
        }
    };
    for (id, input) in devices_in {
        let dev = devices
            .entry(id.clone())
            .or_insert_with(|| new_device(&id, &site));
        let mut sources = input.sources;
        sources.sort();
        sources.dedup();
        dev.sources = sources;
        for mut a in input.accesses {
            a.device = id.clone();
            effective(&mut a);
            a.mailbox = site.canonical_key(&mailbox_key(&a.username, &a.host));
            accesses.push(a);
        }
    }
    // The first [[manual]] entry of each device, found once rather than once per access.
    let mut first_entry: std::collections::HashMap<&str, &crate::site::ManualEntry> =
        std::collections::HashMap::new();
    for m in &site.manual {
        first_entry
            .entry(m.get_ref().device.as_str())
            .or_insert(m.get_ref());
    }
    for mut a in manual {
        effective(&mut a);
        let dev = devices
            .entry(a.device.clone())
            .or_insert_with(|| new_device(&a.device, &site));
        if dev.owner.is_none() {
            dev.owner = first_entry
                .get(a.device.as_str())
                .and_then(|m| m.owner.clone());
        }
        if dev.kind.is_none() {
            dev.kind = first_entry.get(a.device.as_str()).and_then(|m| m.kind).or(
                match a.app.as_deref() {
                    Some("ios-mail") => Some(DeviceKind::Phone),
                    Some("webmail") => Some(DeviceKind::Webmail),
                    _ => None,
                },
            );
        }
        let src = SourceFile {
            path: a.source.path.clone(),
            kind: "site-manual".to_string(),
        };
        if !dev.sources.contains(&src) {
            dev.sources.push(src);
        }
        let key = if a.mailbox.is_empty() {
            mailbox_key(&a.username, &a.host)
        } else {
            a.mailbox.clone()
        };
        a.mailbox = site.canonical_key(&key);
        accesses.push(a);
    }
    for id in site.device.keys() {
        if !devices.contains_key(id) {
            problems.push(site.problem(
                &format!("[device.\"{id}\"]"),
                ProblemKind::SiteDeviceUnknown { device: id.clone() },
            ));
        }
    }

    let mut by_key: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // Without a site value, the largest estimate any device's evidence gives.
    let mut estimates: BTreeMap<String, u64> = BTreeMap::new();
    for a in accesses.iter().filter(|a| a.inactive.is_none()) {
        if let Some((b, _)) = a.server_state.as_ref().and_then(|s| s.daily_estimate()) {
            let e = estimates.entry(a.mailbox.clone()).or_default();
            *e = (*e).max(b);
        }
        by_key
            .entry(a.mailbox.clone())
            .or_default()
            .insert(a.device.clone());
    }
    let mailboxes: Vec<Mailbox> = by_key
        .into_iter()
        .map(|(key, devs)| {
            let s = site.mailbox(&key);
            let devices: Vec<String> = devs.into_iter().collect();
            let given = s.and_then(|m| m.daily_volume);
            let estimate = estimates.get(&key).copied();
            Mailbox {
                quota_bytes: s.and_then(|m| m.quota),
                daily_bytes: given.or(estimate),
                daily_estimated: given.is_none() && estimate.is_some(),
                // A main device that does not read the mailbox would forward everyone away.
                main: s
                    .and_then(|m| m.main.clone())
                    .filter(|m| devices.contains(m)),
                devices,
                key,
            }
        })
        .collect();
    check_site_mailboxes(&site, &mailboxes, &mut problems);
    accesses.sort_by(|a, b| {
        (&a.mailbox, &a.device, &a.account).cmp(&(&b.mailbox, &b.device, &b.account))
    });
    problems.sort();
    problems.dedup();
    Model {
        devices: devices.into_values().collect(),
        accesses,
        mailboxes,
        providers,
        problems,
        site,
        roots: Vec::new(),
    }
}

/// Site-file mailbox entries that match nothing: a typo there would silently change the plan.
fn check_site_mailboxes(site: &Site, mailboxes: &[Mailbox], problems: &mut Vec<Problem>) {
    // A few keys say what was found; all of them in every problem would grow as entries × mailboxes.
    let found: Vec<String> = mailboxes.iter().take(10).map(|m| m.key.clone()).collect();
    let more = mailboxes.len().saturating_sub(10);
    let by_key: std::collections::HashMap<String, &Mailbox> = mailboxes
        .iter()
        .map(|m| (m.key.to_ascii_lowercase(), m))
        .collect();
    for (key, entry) in &site.mailbox {
        let header = format!("[mailbox.\"{key}\"]");
        let Some(mb) = by_key.get(&key.to_ascii_lowercase()) else {
            problems.push(site.problem(
                &header,
                ProblemKind::SiteMailboxUnmatched {
                    mailbox: key.clone(),
                    found: found.clone(),
                    more,
                },
            ));
            continue;
        };
        if let Some(main) = &entry.main {
            if !mb.devices.contains(main) {
                problems.push(site.problem(
                    &format!("main = \"{main}\""),
                    ProblemKind::SiteMainNotReader {
                        main: main.clone(),
                        mailbox: key.clone(),
                        readers: mb.devices.clone(),
                    },
                ));
            }
        }
        for device in entry.forward_to.keys() {
            if !mb.devices.contains(device) {
                problems.push(site.problem(
                    &format!("\"{device}\""),
                    ProblemKind::SiteForwardNotReader {
                        device: device.clone(),
                        mailbox: key.clone(),
                    },
                ));
            }
        }
    }
}
