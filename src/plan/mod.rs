//! The recommended layout: the main device keeps copies N days, every other device gets an
//! own address that the server forwards the shared address to; its projection before and
//! after, the order of the changes, and the files that apply them.

pub mod files;
pub mod html;
pub mod layout;
pub mod markdown;
pub mod project;
pub mod steps;
pub mod text;
pub mod write;

use crate::assemble::Model;
use crate::model::Mailbox;

pub use crate::model::plan::{
    BeforeAfter, DeviceOutcome, Forward, Host, ImapAlternative, LockedBy, MainReason, NewRetention,
    Projection, Recommendation, Step, VolumeBasis, VolumeSource,
};

/// Share of the quota the plan may fill.
pub const QUOTA_SHARE: f64 = 0.8;

/// Days projected unless `--days` says otherwise.
pub const DEFAULT_DAYS: u32 = 90;

/// Works out the layout for every mailbox read by more than one device.
pub fn recommend(model: &Model) -> Vec<Recommendation> {
    recommend_days(model, DEFAULT_DAYS)
}

/// [`recommend`] with a projection of `days` days.
pub fn recommend_days(model: &Model, days: u32) -> Vec<Recommendation> {
    model
        .mailboxes
        .iter()
        .filter(|mb| mb.devices.len() > 1)
        .map(|mb| recommendation(model, mb, days))
        .collect()
}

fn recommendation(model: &Model, mb: &Mailbox, days: u32) -> Recommendation {
    let l = layout::layout(model, mb);
    let host = host_of(model, mb);
    let volume_source = match (mb.daily_bytes, mb.daily_estimated) {
        (None, _) => VolumeSource::Unknown,
        (Some(_), true) => VolumeSource::Estimated,
        (Some(_), false) => VolumeSource::SiteFile,
    };
    let projection = mb
        .daily_bytes
        .map(|d| project::before_after(model, mb, &l, d, days));
    let imap_alternative = mb.daily_bytes.map(|d| {
        let history = projection.as_ref().map_or(0, |p| p.history_days);
        let p = project::everyone_imap(mb, d, days, history);
        ImapAlternative {
            preferred: host == Host::Microsoft365,
            full_on_day: p.full_on_day,
            peak_bytes: p.peak_bytes,
        }
    });
    let steps = steps::steps(model, mb, &l, host);
    let volume_basis = (volume_source == VolumeSource::Estimated)
        .then(|| {
            model
                .accesses_of(&mb.key)
                .filter_map(|a| {
                    let s = a.server_state.as_ref()?;
                    let (b, days) = s.daily_estimate()?;
                    Some((b, a.device.clone(), s.inbox_bytes?, days))
                })
                .max()
                .map(|(_, device, inbox_bytes, days)| VolumeBasis {
                    device,
                    inbox_bytes,
                    days,
                })
        })
        .flatten();
    Recommendation {
        mailbox: mb.key.clone(),
        main_reason: text::main_reason(crate::model::Lang::En, l.main_why),
        main: l.main,
        main_why: l.main_why,
        keep_days: l.keep_days,
        forwards: l.forwards,
        quota_must_grow: l.quota_must_grow,
        quota_needed: l.quota_needed,
        host,
        daily_bytes: mb.daily_bytes,
        volume_source,
        volume_basis,
        projection,
        imap_alternative,
        steps,
    }
}

/// The site file's `panel`, else what the server names give away, else generic.
fn host_of(model: &Model, mb: &Mailbox) -> Host {
    if let Some(p) = model.site.mailbox(&mb.key).and_then(|m| m.panel) {
        return p;
    }
    for a in model.accesses_of(&mb.key) {
        let h = a.host.to_ascii_lowercase();
        if h.ends_with(".xserver.jp") {
            return Host::Xserver;
        }
        if h.ends_with(".sakura.ne.jp") {
            return Host::Sakura;
        }
        if h.contains("kagoya") {
            return Host::Kagoya;
        }
        if h == "outlook.office365.com" || h.ends_with(".office365.com") {
            return Host::Microsoft365;
        }
    }
    Host::Generic
}
