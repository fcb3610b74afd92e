//! What a reader had to assume, why an account does not fetch in normal use, and what a
//! provider profile's reader noted, as data.
//!
//! Readers record the facts (the key, file, line, value or port involved); the report's
//! catalog (`report::i18n::assumptions`) turns each into a sentence in the chosen language, so
//! no reader writes prose and a new kind without a sentence in every language fails to build.

use crate::model::{Auth, Fetch, Protocol, Security};
use serde::Serialize;

/// The type of a Thunderbird pref value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrefType {
    /// `true` or `false`.
    Bool,
    /// An integer.
    Number,
    /// A string.
    String,
}

/// A pref value as written in prefs.js (`true`, `5`, `"5"`), with its type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrefValue {
    #[serde(rename = "type")]
    pub ty: PrefType,
    /// The value as prefs.js spells it, shortened and without control characters.
    pub shown: String,
}

/// The file a program wrote its account in, as the sentences name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Writer {
    /// An Outlook profile file (`.prf`).
    Prf,
    /// A Windows Live Mail account file (`.oeaccount`).
    AccountFile,
    /// Outlook's registry key.
    Outlook,
    /// An older program's registry key (Outlook Express, Outlook 98/2000).
    Legacy { program: String },
}

/// What an account's type value says, when it is not a plain POP3 or IMAP account.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum AccountType {
    /// An HTTP (Hotmail) account.
    Http,
    /// A `clsid` value no known account type has.
    Unknown { clsid: String },
    /// No `clsid` value at all.
    Missing,
}

/// What a POP3 account does to the server copies, for comparing two readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ServerCopies {
    /// Removes each message at download.
    RemovesAtDownload,
    /// Keeps each message this many days after its download.
    KeepsDays { days: i64 },
    /// Keeps each message until it is deleted on the device.
    KeepsUntilDeleted,
    /// Never removes anything.
    KeepsForever,
}

/// An outgoing server, as two readings of a profile are compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SmtpShape {
    pub host: String,
    pub security: Security,
    pub port: Option<u16>,
}

/// One statement Thunderbird 115 and older read differently from current Thunderbird.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum LegacyCause {
    /// The file starts with a byte-order mark, and Thunderbird 115 loses its first statement.
    Bom { file: String, pref: String },
    /// A `pref()`/`sticky_pref()` statement current Thunderbird rejects and 115 takes as a default.
    Default {
        file: String,
        line: u32,
        pref: String,
        keyword: String,
    },
}

/// What an account does under Thunderbird 115 and older, where it differs from today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum LegacyChange {
    /// Read over another protocol.
    Protocol { old: Protocol, new: Protocol },
    /// Fetched from another host.
    Host { old: String, new: String },
    /// Logs in as another user.
    Username { old: String, new: String },
    /// Connects with other security or on another port.
    Connection {
        old_security: Security,
        old_port: Option<u16>,
        new_security: Security,
        new_port: Option<u16>,
    },
    /// Signs in another way.
    Auth { old: Auth, new: Auth },
    /// Fetches on another schedule.
    Fetch { old: Fetch, new: Fetch },
    /// Does something else to the server copies.
    ServerCopies {
        old: ServerCopies,
        new: ServerCopies,
    },
    /// Downloads other parts of large messages.
    SizeLimit { old: Option<u32>, new: Option<u32> },
    /// Sends as other addresses.
    Identities { old: Vec<String>, new: Vec<String> },
    /// Sends through other servers.
    Smtp {
        old: Vec<SmtpShape>,
        new: Vec<SmtpShape>,
    },
}

/// How an account fares under Thunderbird 115 and older.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum LegacyOutcome {
    /// The older version does not load the account at all.
    NotLoaded,
    /// The account's mail handling stays the same.
    Same,
    /// These things differ.
    Differs { changes: Vec<LegacyChange> },
}

/// One thing a reader had to assume (or could not tell) about an account, with its facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Assumption {
    // Thunderbird
    /// A `…default.*` value of the wrong type, which Thunderbird rejects.
    TbDefaultRejected {
        pref: String,
        value: PrefValue,
        file: String,
        line: u32,
        expected: PrefType,
    },
    /// A `…default.*` value of a type Thunderbird does not read.
    TbDefaultIgnored {
        pref: String,
        value: PrefValue,
        file: String,
        line: u32,
    },
    /// A server's own value of the wrong type; the default branch's value or the built-in applies.
    TbValueIgnored {
        pref: String,
        value: PrefValue,
        file: String,
        line: u32,
        /// The `…default.*` pref whose value applies, when one does.
        default_pref: Option<String>,
        applies: String,
    },
    /// A server's own value of the wrong type, where the built-in default applies.
    TbValueIgnoredDefault {
        pref: String,
        value: PrefValue,
        default: String,
    },
    /// A server type Thunderbird does not ship.
    TbUnknownServerType { key: String, server_type: String },
    /// No login name.
    TbNoUserName { key: String },
    /// `socketType` 1, "try STARTTLS".
    TbTryStarttls { pref: String },
    /// A `socketType` Thunderbird does not know.
    TbUnknownSocketType { pref: String, value: i32 },
    /// A stored port outside the TCP range.
    TbInvalidPort { port: i32 },
    /// Whether Thunderbird checks Exchange accounts by default is not confirmed.
    TbExchangeCheckDefault,
    /// A server of unknown type: no periodic check assumed.
    TbUnknownTypeNoCheck,
    /// `check_time` of 0 or less: no timer.
    TbNoTimer { key: String, minutes: i32 },
    /// `num_days_to_leave_on_server` of 0 with removal by age on.
    TbZeroDays { key: String },
    /// A negative `num_days_to_leave_on_server`.
    TbNegativeDays { key: String, days: i32 },
    /// A negative `max_size`.
    TbNegativeMaxSize { key: String, max: i32 },
    /// The profile chooser opens at every start.
    TbProfileChooser { file: String, line: u32 },
    /// An administrator's file (AutoConfig `.cfg`, `policies.json`, a default-pref file) locks
    /// a pref: Thunderbird's own settings cannot change it, only that file can.
    TbLocked {
        pref: String,
        value: String,
        file: String,
        line: u32,
    },
    /// popstate.dat names other servers (`host user` as its `*` lines say) than the account's.
    PopstateOtherServer {
        file: String,
        /// The first few sections named.
        named: Vec<String>,
        /// How many more sections there are.
        more: usize,
        host: String,
        user: String,
    },
    /// Thunderbird 115 and older read this profile differently.
    Tb115Differs {
        /// The statements named (at most a few).
        causes: Vec<LegacyCause>,
        /// How many more such statements there are.
        more: usize,
        /// The files, when no statement can be named.
        files: Vec<String>,
        outcome: LegacyOutcome,
    },

    // Becky!
    /// A mailbox folder Folder.lst does not list, read as in use.
    BeckyFolderNotListed { folder: String },
    /// An unknown `Protocol` value, read as POP3.
    BeckyUnknownProtocol { value: String },
    /// Sentence: the mail address was taken as the login.
    BeckyLoginFromAddress,
    /// Provenance: the mail address is taken as the login.
    BeckyLoginFromAddressReason,
    /// Provenance: no SSL key, so no TLS.
    BeckyNoSslKey,
    /// Provenance: no usable port key, so the standard port.
    BeckyStandardPort,
    /// Provenance: Becky!'s IMAP authentication key is not known.
    BeckyImapAuthUnknown,
    /// Provenance: no `POP3Auth`, so plain USER/PASS.
    BeckyNoPop3Auth,
    /// Provenance: no `CheckInt`, so no periodic check.
    BeckyNoCheckInt,
    /// Sentence: LeaveServer missing.
    BeckyNoLeaveServer,
    /// Provenance: LeaveServer missing.
    BeckyNoLeaveServerReason,
    /// Sentence: KeepDays of 0 or less.
    BeckyKeepDaysNotPositive { days: i64 },
    /// Provenance: KeepDays of 0 or less.
    BeckyKeepDaysNotPositiveReason,
    /// Sentence: KeepDays missing.
    BeckyNoKeepDays,
    /// Provenance: KeepDays missing.
    BeckyNoKeepDaysReason,
    /// Sentence: the local-delete setting is not known.
    BeckyLocalDeleteUnknown,
    /// Provenance: the local-delete key is not known.
    BeckyLocalDeleteKeyUnknown,
    /// Provenance: Becky! has no known headers-only key.
    BeckyNoHeadersOnlyKey,

    // Ports and security, shared by the Outlook family and Becky!
    /// The SSL flag is off on a port that only speaks TLS.
    SslOffOnTlsPort {
        key: String,
        protocol: Protocol,
        port: u16,
    },
    /// No SSL flag, on a port that only speaks TLS: TLS assumed.
    TlsFromPort {
        key: String,
        protocol: Protocol,
        port: u16,
    },
    /// No SMTP encryption value on port 465: TLS assumed.
    #[serde(rename = "smtp-tls-from-port-465")]
    SmtpTlsFromPort465,
    /// SMTP encryption "none" on port 465, which cannot send.
    #[serde(rename = "smtp-none-on-port-465")]
    SmtpNoneOnPort465,
    /// SMTP encryption "Auto", resolved by the port.
    SmtpAuto { security: Security, port: u16 },
    /// An undocumented SMTP encryption value: no encryption assumed.
    SmtpUndocumented { value: u32 },
    /// The SMTP "encrypted connection" checkbox, resolved by the port.
    SmtpCheckbox { security: Security, port: u16 },

    // Thunderbird for Android
    /// A WebDAV server (older K-9 Mail) taken as Exchange.
    K9WebDavAsExchange,
    /// Sentence: an unknown deletePolicy.
    K9UnknownDeletePolicy { value: String },
    /// Provenance: an unknown deletePolicy.
    K9UnknownDeletePolicyReason { value: String },
    /// Sentence: security taken from the port.
    K9SecurityFromPort { security: Security },
    /// Provenance: security taken from the port.
    K9SecurityFromPortReason,
    /// Provenance: the authentication type is not readable.
    K9AuthUnreadable,
    /// Provenance: the export has no authentication type.
    K9NoAuth,
    /// Provenance: no usable port, so the standard one.
    K9StandardPort { port: u16 },

    // The site file
    /// Provenance: the site file gives no security, so TLS.
    SiteTlsAssumed,
    /// Sentence: Gmail's schedule is not documented.
    GmailSchedule,
    /// Provenance: Gmail's schedule is not documented.
    GmailScheduleReason,
    /// Sentence: the iPhone's fetch interval is not given.
    IosNoFetchInterval,
    /// Sentence: the fetch interval is not given.
    NoFetchInterval,
    /// Provenance: no `fetch_interval_minutes`.
    NoFetchIntervalReason,
    /// Gmail's "leave a copy" box taken as unticked (sentence and provenance).
    GmailLeaveUnticked,
    /// Provenance: not given in the site file.
    SiteNotGiven,

    // The Outlook family
    /// A line of the account's registry key could not be read.
    RegLineUnreadable { line: u32, error: String },
    /// Lines of the account's key past the error cap could not be read.
    RegLinesUnreadable,
    /// A PRF key with no mapping in its section.
    PrfUnmapped { key: String, section: String },
    /// A PRF describes the profile Outlook creates from it.
    PrfSetupFile,
    /// A PRF holds no Send/Receive schedule: the default group assumed.
    PrfNoSchedule,
    /// A PRF with no leave-on-server key: removal at download assumed.
    PrfNoLeaveOnServer,
    /// A PRF with other removal keys but no leave-on-server key.
    PrfNoLeaveOnServerOthers,
    /// Windows Live Mail's check interval is program-wide: its default assumed.
    WlmCheckInterval,
    /// Outlook's Send/Receive group is not in the account key: the default assumed.
    OutlookSendReceive,
    /// Sentence: an older program's check interval.
    LegacyCheckInterval { program: String },
    /// Provenance: an older program's check interval.
    LegacyCheckIntervalReason { program: String },
    /// An older program wrote no `Leave Mail On Server`: removal at download assumed.
    LegacyNoLeaveMail { program: String },
    /// An Outlook Express account, listed under its successor.
    OutlookExpressAsLiveMail,
    /// An account of another type read as POP3 or IMAP for its server value.
    OutlookOddType {
        account: String,
        account_type: AccountType,
        protocol: Protocol,
    },
    /// Outlook 2010 and older, read like 2013; `then` is a second assumption resting on it.
    OldOutlookLeaveBits {
        line: u32,
        then: Option<Box<Assumption>>,
    },
    /// Outlook wrote no `Leave on Server`: removal at download assumed.
    OutlookNoLeaveOnServer,
    /// Outlook Express value names in an Outlook key, ignored.
    OutlookForeignValues { names: Vec<String> },
    /// The profile is not the default one: fetched only when started with it.
    OutlookNotDefaultProfile { profile: String, default: String },
    /// The export does not name the default profile: every profile counts.
    OutlookDefaultProfileUnknown,
    /// Sentence: no login value, the address taken.
    LoginIsAddress { writer: Writer, key: String },
    /// Provenance: no login value, the address taken.
    LoginIsAddressReason { writer: Writer, key: String },
    /// Sentence: no port with SSL on, the SSL port taken.
    SslPort {
        writer: Writer,
        key: String,
        port: u16,
    },
    /// Provenance: no port with SSL on, the SSL port taken.
    SslPortReason {
        writer: Writer,
        key: String,
        port: u16,
    },
    /// `Leave on Server` with undocumented bits, ignored.
    LeaveBitsUndocumented { value: u32, bits: u32 },
    /// `Leave on Server` with removal bits but "leave a copy" off.
    LeaveBitsRemovalWithoutLeave { value: u32 },
    /// `Leave on Server` with "remove after 0 days": removal at the next fetch assumed.
    LeaveBitsZeroDays { value: u32 },
    /// Removal options set while "leave a copy" is off.
    FourFlagsRemovalWithoutLeave,
    /// Removal by age on with no day count above 0 (`days_stored`: a 0 is stored).
    FourFlagsNoDays { days_stored: bool },
}

/// Why an account does not fetch in normal use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Inactive {
    /// Thunderbird starts another profile.
    OtherProfileStarts {
        profile: String,
        file: String,
        line: u32,
    },
}

/// What a provider profile's reader noted: a guess, a value it skipped, a default it applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ProviderNote {
    // Decoding (any XML file)
    /// Bytes not valid in the declared encoding were replaced.
    DeclaredBytesReplaced { encoding: String },
    /// A declared encoding that is unknown.
    UnknownEncoding { label: String },
    /// Not UTF-8 and no declaration: read in a guessed encoding.
    GuessedEncoding { encoding: String },
    /// Bytes not valid in the detected encoding were replaced.
    BytesReplaced { encoding: String },

    // Autoconfig
    /// A `<clientConfig>` version other than 1.0–1.2, read like 1.1.
    UnknownVersion { version: String },
    /// No `<clientConfig>` version, read like 1.1.
    NoVersion,
    /// Several `<emailProvider>`: `count` in all, the first at `line` used.
    ExtraProviders { count: usize, line: u32 },
    /// No `<emailProvider>` id: named after its first domain.
    NoId { domain: String },
    /// Another POP3 server hands out a different retention.
    OtherPop3Retention { line: u32 },
    /// No `<incomingServer>` or `<outgoingServer>` Thunderbird can use.
    NoUsableServer { element: String },
    /// An empty `<domain>`, ignored.
    EmptyDomain { line: u32 },
    /// A domain listed twice, counted once.
    DomainAgain { domain: String, line: u32 },
    /// A server element without a type.
    ServerNoType { element: String, line: u32 },
    /// A server element with no hostname, skipped.
    ServerNoHost {
        element: String,
        server_type: String,
        line: u32,
    },
    /// A port that is not a number.
    BadPort { value: String, line: u32 },
    /// A `socketType` that is not plain, SSL or STARTTLS.
    BadSocketType { value: String, line: u32 },
    /// An `<authentication>` the format does not define.
    BadAuthentication { value: String, line: u32 },
    /// A `%PLACEHOLDER` without its closing `%`.
    UnclosedPlaceholder {
        field: String,
        value: String,
        line: u32,
        placeholder: String,
    },
    /// A `leaveMessagesOnServer` that is not true or false.
    BadLeave { value: String, line: u32 },
    /// `downloadOnBiff` false: new devices only check.
    NoDownloadOnBiff { line: u32 },
    /// `minutes` as written (`?` when the attribute is missing).
    CheckIntervalIgnored { minutes: String, line: u32 },
    /// A `daysToLeaveMessagesOnServer` that is not a number.
    BadDays { value: String, line: u32 },

    // Autodiscover
    /// Autodiscover says nothing about keeping POP3 mail on the server.
    NoRetention,
    /// A `<Protocol>` with no server, skipped.
    ProtocolNoServer { protocol: String, line: u32 },
    /// An Autodiscover `Port` that is not a number.
    AdBadPort { value: String, line: u32 },
    /// `Encryption` TLS read as STARTTLS.
    EncryptionTls { line: u32 },
    /// An `Encryption` that is not SSL, TLS or None.
    UnknownEncryption { value: String, line: u32 },
    /// SSL on with a port that does not say which kind: read as TLS.
    SslOnPort { port: u16, line: u32 },
    /// A `<Protocol>` with no `LoginName`: the local part assumed.
    NoLoginName { line: u32 },
    /// No address in the file: the domain taken from the server names.
    DomainFromServers { domains: Vec<String> },
}
