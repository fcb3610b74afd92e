//! The recommended layout as data: the main device, the forwards, the projection before and
//! after, and the order of the steps. The plan module works them out; renderers and the
//! stored report only read them.

use super::Client;
use serde::Serialize;

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

/// The hosting panel the mailbox is managed in: the site file's `panel`, or what the server
/// names give away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Host {
    Xserver,
    Sakura,
    Kagoya,
    Cpanel,
    Microsoft365,
    /// A server the office or its support company runs (Dovecot, Postfix).
    SelfHosted,
    /// Not known: a generic page, and the server-side files for self-run servers. The site
    /// file calls it `other`.
    #[serde(rename(serialize = "generic", deserialize = "other"))]
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

/// One step of the plan, as data; its sentences come from [`super::text`].
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case", tag = "step")]
pub enum Step {
    /// 1. Create the own addresses on the server.
    CreateAddresses { addresses: Vec<String>, host: Host },
    /// 2. Forward the shared address to them, keeping a copy in the shared mailbox.
    SetForwarding {
        from: String,
        to: Vec<String>,
        host: Host,
        /// The server-side file for this step, relative to the plan folder.
        file: String,
    },
    /// 3. Send a test message and check it arrived at every address.
    SendTest { to: String, expect_at: Vec<String> },
    /// 4. Switch one other device to its own address.
    SwitchDevice {
        device: String,
        client: Client,
        program: String,
        account: String,
        address: String,
        then: NewRetention,
        #[serde(skip_serializing_if = "Option::is_none")]
        file: Option<String>,
        /// The administrator's file and line that lock this account's retention.
        #[serde(skip_serializing_if = "Option::is_none")]
        locked_by: Option<LockedBy>,
    },
    /// 5. Only then set N days on the main device.
    SetMainDays {
        device: String,
        client: Client,
        program: String,
        account: String,
        days: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        file: Option<String>,
        /// The administrator's file and line that lock this account's retention.
        #[serde(skip_serializing_if = "Option::is_none")]
        locked_by: Option<LockedBy>,
    },
}

/// Where a lock sits that the change must be made in (AutoConfig, policies.json).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LockedBy {
    pub file: String,
    pub line: u32,
}

/// What one device got in the projection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeviceOutcome {
    pub device: String,
    /// Messages it downloaded.
    pub received: u64,
    /// Messages that were gone from the server before this device fetched them.
    pub missed: u64,
    /// `missed / (received + missed)`, 0 when it saw nothing either way.
    pub share_missed: f64,
}

/// The projection of one mailbox, day by day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    /// Bytes on the server at the end of each day (index 0 = day 0).
    pub size_by_day: Vec<u64>,
    /// Bytes that arrived up to the end of each day, history included.
    #[serde(skip)]
    pub arrived_by_day: Vec<u64>,
    /// The first day a message did not fit in the quota.
    pub full_on_day: Option<u32>,
    /// Messages refused because the mailbox was full.
    pub refused: u64,
    /// The largest end-of-day size.
    pub peak_bytes: u64,
    /// Downloads of a message that a device removing at download had already fetched:
    /// always 0, kept so tests can check the server never hands out what is gone.
    #[serde(skip)]
    pub after_remover: u64,
    pub quota: Option<u64>,
    pub devices: Vec<DeviceOutcome>,
}

impl Projection {
    /// True when the mailbox never refused a message and stayed under `share` of the quota.
    pub fn held_under(&self, share: f64) -> bool {
        match self.quota {
            Some(q) => self.refused == 0 && (self.peak_bytes as f64) < q as f64 * share,
            None => true,
        }
    }
}
