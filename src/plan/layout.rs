//! The layout: which device is the main one, how many days it keeps, and the own address of
//! every other device.

use super::{Forward, MainReason, NewRetention, QUOTA_SHARE};
use crate::assemble::Model;
use crate::model::{Client, DeviceKind, Effect, Mailbox, Protocol};

/// The layout of one shared mailbox, before projection and steps.
#[derive(Debug, Clone)]
pub struct Layout {
    pub main: String,
    pub main_why: MainReason,
    pub keep_days: u32,
    pub forwards: Vec<Forward>,
    pub quota_must_grow: bool,
    /// The quota that `keep_days` plus the main device's absence needs, when it must grow.
    pub quota_needed: Option<u64>,
}

/// The layout for one mailbox read by more than one device.
pub fn layout(model: &Model, mb: &Mailbox) -> Layout {
    let (main, main_why) = choose_main(model, mb);
    let site_mb = model.site.mailbox(&mb.key);
    let wanted = site_mb
        .and_then(|m| m.keep_days)
        .unwrap_or(model.site.defaults.keep_days)
        .max(1);
    let away = model
        .device(&main)
        .map(|d| d.away_days)
        .unwrap_or(model.site.defaults.away_days);
    let (keep_days, quota_must_grow, quota_needed) = match (mb.quota_bytes, mb.daily_bytes) {
        (Some(q), Some(d)) if d > 0 => {
            // N days of copies plus the main device's longest absence must stay under 80% of the quota.
            let fits = ((q as f64 * QUOTA_SHARE) / d as f64).floor() as i64 - i64::from(away);
            if fits < 1 {
                let need = ((u64::from(wanted) + u64::from(away)) * d) as f64 / QUOTA_SHARE;
                (1, true, Some(need.ceil() as u64))
            } else {
                (wanted.min(fits as u32), false, None)
            }
        }
        _ => (wanted, false, None),
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
            let then = new_retention(model, &mb.key, d);
            Forward {
                device: d.clone(),
                change: super::text::forward_change(crate::model::Lang::En, d, &address, then),
                address,
                then,
            }
        })
        .collect();
    Layout {
        main,
        main_why,
        keep_days,
        forwards,
        quota_must_grow,
        quota_needed,
    }
}

/// The site file's choice, else the device that already keeps copies and fetches most often,
/// else the first desktop, else the first device.
fn choose_main(model: &Model, mb: &Mailbox) -> (String, MainReason) {
    if let Some(m) = &mb.main {
        return (m.clone(), MainReason::SiteFile);
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
            (true, Some(minutes)) => MainReason::KeepsAndFetchesMost { minutes },
            _ => MainReason::KeepsCopies,
        };
        return (a.device.clone(), reason);
    }
    if let Some(d) = mb
        .devices
        .iter()
        .find(|d| model.device(d).and_then(|x| x.kind) == Some(DeviceKind::Desktop))
    {
        return (d.clone(), MainReason::FirstDesktop);
    }
    (mb.devices[0].clone(), MainReason::FirstDevice)
}

/// What a forwarded device does with its own address: desktop POP3 clients remove at
/// download, since nobody else reads that address; phones keep a week; Thunderbird for
/// Android cannot remove at download; IMAP and webmail users manage the server folder.
fn new_retention(model: &Model, mailbox: &str, device: &str) -> NewRetention {
    let accesses: Vec<_> = model
        .accesses_of(mailbox)
        .filter(|a| a.device == device)
        .collect();
    if accesses
        .iter()
        .any(|a| a.app.as_deref() == Some("gmail-fetcher"))
    {
        return NewRetention::ReplaceGmailFetcher;
    }
    if accesses.iter().any(|a| {
        a.protocol == Protocol::Pop3
            && matches!(
                a.client,
                Client::Thunderbird | Client::Outlook | Client::WindowsLiveMail | Client::Becky
            )
    }) {
        return NewRetention::RemoveAtDownload;
    }
    if accesses
        .iter()
        .any(|a| a.client == Client::ThunderbirdAndroid && a.protocol == Protocol::Pop3)
    {
        return NewRetention::RemoveWhenDeleted;
    }
    if accesses.iter().any(|a| a.protocol == Protocol::Pop3) {
        return NewRetention::RemoveAfterDays(7);
    }
    NewRetention::ServerFolder
}
