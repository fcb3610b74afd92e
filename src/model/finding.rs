//! A finding as data: which rule, which mailbox and devices, and the facts its sentences are
//! made from. The report's catalog turns the facts into words in the chosen language.

use super::{Evidence, Origin, RuleId, Severity};
use serde::Serialize;

/// One thing a rule found.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Stable across scans: the same rule, mailbox and devices give the same id.
    pub id: String,
    pub rule: RuleId,
    pub severity: Severity,
    pub mailbox: String,
    /// The devices responsible.
    pub devices: Vec<String>,
    /// What was found, in the report's language (filled by the catalog).
    pub message: String,
    /// Why it matters, one sentence in the report's language.
    pub why: String,
    /// What to change, one sentence in the report's language.
    pub fix: String,
    pub evidence: Vec<Evidence>,
    /// The number behind the finding (days until full, days of mail missed …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<i64>,
    /// The same number with its unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    /// The conclusion rests on a value that was assumed, not read.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub probably: bool,
    /// What was found, as data.
    #[serde(flatten)]
    pub kind: FindingKind,
    /// The origins of the values the conclusion rests on; an assumed one makes it "probably".
    #[serde(skip)]
    pub rests_on: Vec<Origin>,
}

impl Finding {
    /// A finding of `rule` with its facts; the sentences are left for the catalog.
    pub fn new(
        rule: RuleId,
        severity: Severity,
        mailbox: &str,
        devices: Vec<String>,
        kind: FindingKind,
    ) -> Self {
        Finding {
            id: String::new(),
            rule,
            severity,
            mailbox: mailbox.to_string(),
            devices,
            message: String::new(),
            why: String::new(),
            fix: String::new(),
            evidence: Vec::new(),
            number: None,
            measure: None,
            probably: false,
            kind,
            rests_on: Vec::new(),
        }
    }

    /// Sets the evidence.
    pub fn with_evidence(mut self, evidence: Vec<Evidence>) -> Self {
        self.evidence = evidence;
        self
    }

    /// Sets the number and its unit.
    pub fn with_measure(mut self, value: i64, unit: Unit) -> Self {
        self.number = Some(value);
        self.measure = Some(Measure { value, unit });
        self
    }

    /// Records the origins the conclusion rests on.
    pub fn resting_on(mut self, origins: impl IntoIterator<Item = Origin>) -> Self {
        self.rests_on.extend(origins);
        self
    }

    /// The first assumed origin the conclusion rests on.
    pub fn assumed_basis(&self) -> Option<&Origin> {
        self.rests_on
            .iter()
            .find(|o| matches!(o, Origin::Assumed { .. }))
    }
}

/// A number with its unit, so tools need not guess what `number` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Measure {
    pub value: i64,
    pub unit: Unit,
}

/// What a finding's number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// Share of incoming mail, 0–100.
    Percent,
    Days,
    Devices,
    Kib,
}

/// A reader of a mailbox as a finding names it: the device, and the program and account
/// when another program or profile on the same device is involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reader {
    pub device: String,
    /// The program, set only when the device alone would not say which account is meant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The Thunderbird profile folder, when the account name alone is per profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}

impl Reader {
    /// A reader named by its device alone.
    pub fn device(device: &str) -> Self {
        Reader {
            device: device.to_string(),
            program: None,
            account: None,
            profile: None,
        }
    }
}

/// The reader that misses the most mail to a device that removes at download.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missed {
    pub reader: Reader,
    pub percent: i64,
    /// Some of the fetch intervals behind the share were assumed.
    pub intervals_assumed: bool,
}

/// How many messages popstate proves were left on the server, and over how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Piled {
    pub kept: u64,
    pub span_days: i64,
}

/// When a mailbox that never shrinks fills up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "known", rename_all = "kebab-case")]
pub enum Fill {
    /// The site file gives no quota or no daily volume.
    NoFacts,
    /// Nothing arrives, so it never fills.
    Never,
    /// Full in `days` days at `daily_bytes` into `quota_bytes`.
    InDays {
        days: u64,
        daily_bytes: u64,
        quota_bytes: u64,
        /// What popstate proves is stored already was counted.
        counting_stored: bool,
    },
}

/// What a finding found, with the facts its sentences need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "facts", rename_all = "kebab-case")]
pub enum FindingKind {
    /// A device removes at download while others read the mailbox.
    RemovesAtDownload {
        device: String,
        program: String,
        /// Removes because its day count is not positive, not because leave-on-server is off.
        by_days: bool,
        every_minutes: Option<u32>,
        /// The remover, named with its program when another program on its device reads too.
        remover: Reader,
        readers: Vec<Reader>,
        missed: Option<Missed>,
        /// The only other reader is another profile of the same program on the same device.
        other_profile_only: bool,
    },
    /// A device removes copies N days after download; another may be away longer.
    ShortWindow {
        device: String,
        program: String,
        days: i64,
        away_device: String,
        away_days: u32,
        /// Days of mail the absent device loses, by the day-by-day projection.
        lost_days: i64,
    },
    /// No device removes anything: the mailbox only grows.
    NeverRemoved {
        devices: Vec<String>,
        /// Devices that only remove what their user deletes.
        by_user: Vec<String>,
        piled: Option<Piled>,
        fill: Fill,
    },
    /// Removal follows one user's local deletes.
    DeleteFollowsUser {
        device: String,
        program: String,
        others: Vec<Reader>,
    },
    /// POP3 removals on a mailbox also read over IMAP or webmail.
    PopImapMix {
        viewers: Vec<String>,
        removers: Vec<String>,
    },
    /// Headers-only or size-limited download.
    HeadersOnly {
        device: String,
        program: String,
        size_limit_kib: Option<u32>,
    },
    /// One address on several devices.
    SharedAddress { devices: Vec<String> },
    /// A connection without encryption.
    Unencrypted {
        device: String,
        /// POP3, IMAP, Exchange, SMTP or mail.
        protocol: String,
        host: String,
        password_in_clear: bool,
    },
    /// An identity sends as another domain than its mailbox's.
    SenderDomain {
        device: String,
        identity: String,
        domain: String,
        mailbox_domain: String,
    },
    /// A provider profile hands new devices a retention that takes mail from others.
    ProviderRetention {
        profile: String,
        domain: String,
        /// `None`: removes at download; else the days it keeps.
        offered_days: Option<i64>,
        plan_days: i64,
        /// POP3 is offered beside IMAP.
        pop3_alternative: bool,
        devices: Vec<String>,
    },
    /// A provider profile points new devices at hosts no device uses.
    ProviderHosts {
        /// The profile file, relative to `root`.
        profile: String,
        /// The scanned folder the profile path is relative to, as given.
        root: Option<String>,
        domain: String,
        offered: Vec<String>,
        used: Vec<String>,
    },
}
