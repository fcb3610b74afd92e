//! The mailbox projections before and after the plan, built from the model for the simulation.

use super::layout::Layout;
use super::{BeforeAfter, NewRetention};
use crate::analyze::simulate::{project, Projection, Removal, Schedule, SimDevice, SimInput};
use crate::assemble::Model;
use crate::model::{Access, DeviceKind, Effect, Mailbox};

/// Messages a day the volume is split into: one every half hour.
const MESSAGES_PER_DAY: u32 = 48;

/// Minutes between fetches assumed for a device that fetches on its own at an unknown interval.
pub const ASSUMED_INTERVAL: u32 = 60;

/// Minutes between looks assumed for a device that only fetches when its user asks.
pub const MANUAL_INTERVAL: u32 = 240;

/// Phones and webmail are on every day; computers on working days.
pub fn schedule_of(model: &Model, device: &str) -> Schedule {
    match model.device(device).and_then(|d| d.kind) {
        Some(DeviceKind::Phone | DeviceKind::Tablet | DeviceKind::Webmail) => Schedule::Daily,
        _ => Schedule::WorkingDays,
    }
}

fn interval_of(a: &Access) -> u32 {
    match (a.fetch.automatic, a.fetch.interval_minutes) {
        (true, Some(m)) => m.max(1),
        (true, None) => ASSUMED_INTERVAL,
        (false, _) => MANUAL_INTERVAL,
    }
}

fn removal_of(a: &Access) -> Removal {
    match a.effect() {
        Some(Effect::RemovesAtDownload) => Removal::AtDownload,
        Some(Effect::KeepsDays(n)) => Removal::AfterDays(n.clamp(1, i64::from(u32::MAX)) as u32),
        // Removal by a user's delete has no schedule to project; counted as keeping.
        _ => Removal::Never,
    }
}

/// Each device's one absence, spread over the projection so they do not all fall together;
/// every absence starts on a Monday.
fn away_of(
    model: &Model,
    device: &str,
    index: usize,
    count: usize,
    days: u32,
) -> Option<(u32, u32)> {
    let len = model
        .device(device)
        .map(|d| d.away_days)
        .unwrap_or(model.site.defaults.away_days);
    if len == 0 {
        return None;
    }
    let start = (days as usize * (index + 1) / (count + 1)) / 7 * 7;
    Some((start as u32, len))
}

/// Days of mail already on the server, as popstate.dat proves: the longest span between a
/// device's oldest and newest download it left there.
pub fn history_days(model: &Model, mb: &Mailbox) -> u32 {
    model
        .accesses_of(&mb.key)
        .filter_map(|a| a.server_state.as_ref())
        .filter(|s| s.kept > 0)
        .filter_map(|s| Some((s.newest? - s.oldest?).max(0) / 86_400))
        .max()
        .unwrap_or(0) as u32
}

/// Today's layout and the plan's, projected over `days` days.
pub fn before_after(model: &Model, mb: &Mailbox, l: &Layout, daily: u64, days: u32) -> BeforeAfter {
    let history = history_days(model, mb);
    let accesses: Vec<&Access> = model.accesses_of(&mb.key).collect();
    let devices: Vec<&str> = mb.devices.iter().map(String::as_str).collect();
    let index = |d: &str| devices.iter().position(|x| *x == d).unwrap_or(0);
    let today: Vec<SimDevice> = accesses
        .iter()
        .map(|a| SimDevice {
            name: a.device.clone(),
            schedule: schedule_of(model, &a.device),
            interval_minutes: interval_of(a),
            removal: removal_of(a),
            away: away_of(model, &a.device, index(&a.device), devices.len(), days),
        })
        .collect();
    let input = |devices: Vec<SimDevice>, quota| SimInput {
        days,
        daily_bytes: daily,
        messages_per_day: MESSAGES_PER_DAY,
        quota,
        history_days: history,
        devices,
    };
    let before = project(&input(today, mb.quota_bytes));
    // With the plan only the main device reads the shared address.
    let main_access = accesses.iter().find(|a| a.device == l.main);
    let main = SimDevice {
        name: l.main.clone(),
        schedule: schedule_of(model, &l.main),
        interval_minutes: main_access.map_or(ASSUMED_INTERVAL, |a| interval_of(a)),
        removal: Removal::AfterDays(l.keep_days),
        away: away_of(model, &l.main, index(&l.main), devices.len(), days),
    };
    let after = project(&input(vec![main], mb.quota_bytes));
    let own = l
        .forwards
        .iter()
        .map(|f| {
            let a = accesses.iter().find(|a| a.device == f.device);
            let dev = SimDevice {
                name: f.device.clone(),
                schedule: schedule_of(model, &f.device),
                interval_minutes: a.map_or(ASSUMED_INTERVAL, |a| interval_of(a)),
                removal: match f.then {
                    NewRetention::RemoveAtDownload => Removal::AtDownload,
                    NewRetention::RemoveAfterDays(n) => Removal::AfterDays(n),
                    _ => Removal::Never,
                },
                away: away_of(model, &f.device, index(&f.device), devices.len(), days),
            };
            // An own address starts empty.
            let mut i = input(vec![dev], mb.quota_bytes);
            i.history_days = 0;
            (f.address.clone(), project(&i))
        })
        .collect();
    BeforeAfter {
        days,
        before,
        after,
        own,
        history_days: history,
    }
}

/// Everyone on IMAP: nobody removes, so the mailbox keeps every message.
pub fn everyone_imap(mb: &Mailbox, daily: u64, days: u32, history: u32) -> Projection {
    project(&SimInput {
        days,
        daily_bytes: daily,
        messages_per_day: MESSAGES_PER_DAY,
        quota: mb.quota_bytes,
        history_days: history,
        devices: vec![SimDevice {
            name: "imap".into(),
            schedule: Schedule::Daily,
            interval_minutes: ASSUMED_INTERVAL,
            removal: Removal::Never,
            away: None,
        }],
    })
}
