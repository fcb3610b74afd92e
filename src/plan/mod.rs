//! The recommended layout: the main device keeps copies N days, every other device gets an
//! own address that the server forwards the shared address to.

use crate::assemble::Model;
use crate::model::{Client, DeviceKind, Effect, Mailbox, Protocol};
use serde::Serialize;

/// Share of the quota the plan may fill.
const QUOTA_SHARE: f64 = 0.8;

/// One forward in the recommended layout.
#[derive(Debug, Clone, Serialize)]
pub struct Forward {
    pub device: String,
    pub address: String,
    /// What changes on that device, in one sentence.
    pub change: String,
}

/// The recommended layout for one shared mailbox.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub mailbox: String,
    pub main: String,
    /// Why this device is the main one, in one sentence.
    pub main_reason: String,
    pub keep_days: u32,
    pub forwards: Vec<Forward>,
    /// Set when even one day of copies does not fit in 80% of the quota.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub quota_must_grow: bool,
}

/// Works out the layout for every mailbox read by more than one device.
pub fn recommend(model: &Model) -> Vec<Recommendation> {
    model
        .mailboxes
        .iter()
        .filter(|mb| mb.devices.len() > 1)
        .map(|mb| layout(model, mb))
        .collect()
}

fn layout(model: &Model, mb: &Mailbox) -> Recommendation {
    let (main, main_reason) = choose_main(model, mb);
    let site_mb = model.site.mailbox(&mb.key);
    let wanted = site_mb
        .and_then(|m| m.keep_days)
        .unwrap_or(model.site.defaults.keep_days)
        .max(1);
    let away = model
        .device(&main)
        .map(|d| d.away_days)
        .unwrap_or(model.site.defaults.away_days);
    let (keep_days, quota_must_grow) = match (mb.quota_bytes, mb.daily_bytes) {
        (Some(q), Some(d)) if d > 0 => {
            // N days of copies plus the main device's longest absence must stay under 80% of the quota.
            let fits = ((q as f64 * QUOTA_SHARE) / d as f64).floor() as i64 - i64::from(away);
            if fits < 1 {
                (1, true)
            } else {
                (wanted.min(fits as u32), false)
            }
        }
        _ => (wanted, false),
    };
    let (local, domain) = mb.key.rsplit_once('@').unwrap_or((&mb.key, ""));
    let mut n = 1;
    let forwards = mb
        .devices
        .iter()
        .filter(|d| **d != main)
        .map(|d| {
            let address = site_mb
                .and_then(|m| m.forward_to.get(d).cloned())
                .unwrap_or_else(|| {
                    n += 1;
                    format!("{local}{n}@{domain}")
                });
            let change = device_change(model, &mb.key, d, &address);
            Forward {
                device: d.clone(),
                address,
                change,
            }
        })
        .collect();
    Recommendation {
        mailbox: mb.key.clone(),
        main,
        main_reason,
        keep_days,
        forwards,
        quota_must_grow,
    }
}

/// The site file's choice, else the device that already keeps copies and fetches most often,
/// else the first desktop, else the first device.
fn choose_main(model: &Model, mb: &Mailbox) -> (String, String) {
    if let Some(m) = &mb.main {
        return (m.clone(), "named as main in the site file".into());
    }
    let keeper = model
        .accesses_of(&mb.key)
        .filter(|a| {
            matches!(
                a.effect(),
                Some(Effect::KeepsDays(_) | Effect::KeepsForever | Effect::KeepsUntilDeleted)
            )
        })
        .min_by_key(|a| {
            (
                !a.fetch.automatic,
                a.fetch.interval_minutes.unwrap_or(u32::MAX),
                a.device.clone(),
            )
        });
    if let Some(a) = keeper {
        let reason = match (a.fetch.automatic, a.fetch.interval_minutes) {
            (true, Some(m)) => format!(
                "already keeps copies on the server, and fetches every {m} minutes, the most often of those that keep copies"
            ),
            _ => "already keeps copies on the server".to_string(),
        };
        return (a.device.clone(), reason);
    }
    if let Some(d) = mb
        .devices
        .iter()
        .find(|d| model.device(d).and_then(|x| x.kind) == Some(DeviceKind::Desktop))
    {
        return (d.clone(), "the first desktop reading this mailbox".into());
    }
    (
        mb.devices[0].clone(),
        "the first device reading this mailbox (no device keeps copies yet)".into(),
    )
}

/// The change on a forwarded device: it reads its own address, and desktop POP3 clients
/// may then remove at download because nobody else reads that address.
fn device_change(model: &Model, mailbox: &str, device: &str, address: &str) -> String {
    let removes_ok = model
        .accesses_of(mailbox)
        .filter(|a| a.device == device)
        .any(|a| {
            a.protocol == Protocol::Pop3
                && matches!(
                    a.client,
                    Client::Thunderbird | Client::Outlook | Client::WindowsLiveMail | Client::Becky
                )
        });
    if removes_ok {
        format!("{device} reads only {address}, and may remove messages at download")
    } else {
        format!("{device} reads only {address}")
    }
}
