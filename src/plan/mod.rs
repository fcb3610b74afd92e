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

use crate::analyze::simulate::Projection;
use crate::assemble::Model;
use crate::model::Mailbox;
use serde::Serialize;

pub use steps::Step;

/// Share of the quota the plan may fill.
pub const QUOTA_SHARE: f64 = 0.8;

/// Days projected unless `--days` says otherwise.
pub const DEFAULT_DAYS: u32 = 90;

/// Why a device is the main one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum MainReason {
    /// `main = ...` in the site file.
    SiteFile,
    /// Already keeps copies and fetches most often of those that do.
    KeepsAndFetchesMost { minutes: u32 },
    /// Already keeps copies (interval unknown).
    KeepsCopies,
    /// No device keeps copies; the first desktop.
    FirstDesktop,
    /// No device keeps copies and none is a desktop.
    FirstDevice,
}

/// What a forwarded device does with the server copies of its own address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "days")]
pub enum NewRetention {
    /// A desktop POP3 client: nobody else reads the address, so it removes at download.
    RemoveAtDownload,
    /// A phone's mail app: removes a week after download.
    RemoveAfterDays(u32),
    /// Thunderbird for Android cannot remove at download: remove when deleted on the phone.
    RemoveWhenDeleted,
    /// IMAP or webmail: the user manages the server folder.
    ServerFolder,
    /// Gmail's POP fetcher is being switched off: read the own address in another app.
    ReplaceGmailFetcher,
}

/// One forward in the recommended layout.
#[derive(Debug, Clone, Serialize)]
pub struct Forward {
    pub device: String,
    pub address: String,
    /// What changes on that device, in one English sentence (kept for the existing renderers).
    pub change: String,
    /// What the device does with its own address afterwards.
    pub then: NewRetention,
}

/// Where the daily volume comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VolumeSource {
    SiteFile,
    Estimated,
    Unknown,
}

/// What an estimated daily volume rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VolumeBasis {
    pub device: String,
    pub inbox_bytes: u64,
    pub days: u32,
}

/// The hosting panel the mailbox is managed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Host {
    Xserver,
    Sakura,
    Kagoya,
    Cpanel,
    Microsoft365,
    /// A server the office or its support company runs (Dovecot, Postfix).
    SelfHosted,
    /// Not known: a generic page, and the server-side files for self-run servers.
    Generic,
}

impl Host {
    /// The file-name part for `server/steps-<host>.md`.
    pub fn slug(self) -> &'static str {
        match self {
            Host::Xserver => "xserver",
            Host::Sakura => "sakura",
            Host::Kagoya => "kagoya",
            Host::Cpanel => "cpanel",
            Host::Microsoft365 => "microsoft365",
            Host::SelfHosted => "self-hosted",
            Host::Generic => "generic",
        }
    }

    /// True when the office may run the mail server itself, so Sieve and Postfix files help.
    pub fn self_run(self) -> bool {
        matches!(self, Host::SelfHosted | Host::Generic)
    }
}

/// The projection of a mailbox before the change and with the plan applied.
#[derive(Debug, Clone, Serialize)]
pub struct BeforeAfter {
    pub days: u32,
    pub before: Projection,
    pub after: Projection,
    /// Each own address with the plan applied (its quota taken as the shared mailbox's).
    pub own: Vec<(String, Projection)>,
    /// Days of mail already on the server at the start (from popstate.dat evidence).
    pub history_days: u32,
}

/// "Everyone on IMAP": nobody removes, every message stays in one folder.
#[derive(Debug, Clone, Serialize)]
pub struct ImapAlternative {
    /// The plan recommends it over forwarding (Microsoft 365).
    pub preferred: bool,
    pub full_on_day: Option<u32>,
    pub peak_bytes: u64,
}

/// The recommended layout for one shared mailbox.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub mailbox: String,
    pub main: String,
    /// Why this device is the main one, in one English sentence (kept for the existing renderers).
    pub main_reason: String,
    /// Why this device is the main one, as data.
    pub main_why: MainReason,
    pub keep_days: u32,
    pub forwards: Vec<Forward>,
    /// Set when even one day of copies does not fit in 80% of the quota.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub quota_must_grow: bool,
    /// The quota the wanted days plus the main device's absence need, when it must grow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quota_needed: Option<u64>,
    pub host: Host,
    pub daily_bytes: Option<u64>,
    pub volume_source: VolumeSource,
    /// For an estimate: the device, its local Inbox size and the days its downloads span.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_basis: Option<VolumeBasis>,
    /// `None` when the daily volume is unknown: the plan then says what it needs.
    pub projection: Option<BeforeAfter>,
    pub imap_alternative: Option<ImapAlternative>,
    /// The order that loses nothing.
    pub steps: Vec<Step>,
}

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
        return match p {
            crate::site::Panel::Xserver => Host::Xserver,
            crate::site::Panel::Sakura => Host::Sakura,
            crate::site::Panel::Kagoya => Host::Kagoya,
            crate::site::Panel::Cpanel => Host::Cpanel,
            crate::site::Panel::Microsoft365 => Host::Microsoft365,
            crate::site::Panel::SelfHosted => Host::SelfHosted,
            crate::site::Panel::Other => Host::Generic,
        };
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
