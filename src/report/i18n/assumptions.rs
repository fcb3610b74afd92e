//! Sentences for what readers assumed, why an account is inactive, and what a provider
//! profile's reader noted: one exhaustive `match` per language, so a new kind without its
//! sentence in every language does not build.

use crate::model::assumption::{
    AccountType, Assumption, Inactive, LegacyCause, LegacyChange, LegacyOutcome, PrefType,
    PrefValue, ProviderNote, ServerCopies, SmtpShape, Writer,
};
use crate::model::{Access, Fetch, Lang, Origin, Protocol, ProviderProfile, Security};

/// Fills every text field of the accesses and provider profiles in `lang`: each access's
/// assumptions and inactive reason, the reasons of assumed provenance, and provider notes.
pub fn localize(accesses: &mut [Access], providers: &mut [ProviderProfile], lang: Lang) {
    for a in accesses {
        localize_access(a, lang);
    }
    for p in providers {
        localize_provider(p, lang);
    }
}

/// Fills one access's text fields in `lang`.
pub fn localize_access(a: &mut Access, lang: Lang) {
    a.assumption_text = a.assumptions.iter().map(|x| text(x, lang)).collect();
    a.inactive_text = a.inactive.as_ref().map(|i| inactive(i, lang));
    for origin in a.provenance.values_mut() {
        if let Origin::Assumed { assumption, reason } = origin {
            *reason = text(assumption, lang);
        }
    }
}

/// Fills one provider profile's notes in `lang`.
pub fn localize_provider(p: &mut ProviderProfile, lang: Lang) {
    p.note_text = p.notes.iter().map(|n| note(n, lang)).collect();
}

/// One assumption in `lang`.
pub fn text(a: &Assumption, lang: Lang) -> String {
    match lang {
        Lang::En => en(a),
        Lang::Ja => ja(a),
    }
}

/// Why an account is inactive, in `lang`.
pub fn inactive(i: &Inactive, lang: Lang) -> String {
    match lang {
        Lang::En => inactive_en(i),
        Lang::Ja => inactive_ja(i),
    }
}

/// One provider note in `lang`.
pub fn note(n: &ProviderNote, lang: Lang) -> String {
    match lang {
        Lang::En => note_en(n),
        Lang::Ja => note_ja(n),
    }
}

/// English text of what a reader recorded, for checks that compare it with today's sentences.
pub trait English {
    /// One English sentence per entry.
    fn english(&self) -> Vec<String>;
}

impl English for [Assumption] {
    fn english(&self) -> Vec<String> {
        self.iter().map(en).collect()
    }
}

impl English for [ProviderNote] {
    fn english(&self) -> Vec<String> {
        self.iter().map(note_en).collect()
    }
}

// ---------------------------------------------------------------------------------------
// English

fn describe_en(v: &PrefValue) -> String {
    match v.ty {
        PrefType::Bool => format!("the true/false value {}", v.shown),
        PrefType::Number => format!("the number {}", v.shown),
        PrefType::String => format!("the string {}", v.shown),
    }
}

fn noun_en(t: PrefType) -> &'static str {
    match t {
        PrefType::Bool => "true/false value",
        PrefType::Number => "number",
        PrefType::String => "string",
    }
}

fn protocol_en(p: Protocol) -> &'static str {
    match p {
        Protocol::Pop3 => "POP3",
        Protocol::Imap => "IMAP",
        Protocol::Exchange => "Exchange",
        Protocol::Unknown => "mail",
    }
}

fn tls_word(s: Security) -> &'static str {
    if s == Security::Tls {
        "SSL/TLS"
    } else {
        "STARTTLS"
    }
}

fn speaker_en(w: &Writer) -> String {
    match w {
        Writer::Prf => "The PRF has".into(),
        Writer::AccountFile => "The account file has".into(),
        Writer::Outlook => "Outlook wrote".into(),
        Writer::Legacy { program } => format!("{program} wrote"),
    }
}

/// The login key as each file's sentences name it.
fn login_key_en(w: &Writer, key: &str) -> String {
    match w {
        Writer::Prf | Writer::AccountFile => key.to_string(),
        Writer::Outlook | Writer::Legacy { .. } => format!("`{key}` value"),
    }
}

fn login_reason_en(w: &Writer, key: &str) -> String {
    format!(
        "no {}; assumed the login is the e-mail address",
        login_key_en(w, key)
    )
}

fn ssl_port_reason_en(w: &Writer, key: &str, port: u16) -> String {
    match w {
        Writer::AccountFile | Writer::Prf => {
            format!("no {key} with a secure connection; assumed the SSL port {port}")
        }
        Writer::Outlook | Writer::Legacy { .. } => {
            format!("no `{key}` value with SSL on; assumed the SSL default {port}")
        }
    }
}

fn legacy_check_en(program: &str) -> String {
    format!("the check interval is a program-wide setting outside the account key; assumed {program} checks at start-up and every 30 minutes")
}

/// An odd Outlook account type in English words (also used by problems, which stay English).
pub fn account_type_en(t: &AccountType) -> String {
    match t {
        AccountType::Http => "an HTTP (Hotmail) account".to_string(),
        AccountType::Unknown { clsid } => format!("an account of unknown type {clsid}"),
        AccountType::Missing => "an account without a `clsid` value".to_string(),
    }
}

/// The English sentence for an assumption, as the reports have always printed it.
pub fn en(a: &Assumption) -> String {
    use Assumption as A;
    match a {
        A::TbDefaultRejected {
            pref,
            value,
            file,
            line,
            expected,
        } => format!(
            "{pref} is {} ({file} line {line}), which Thunderbird rejects because its default is a {}",
            describe_en(value),
            noun_en(*expected)
        ),
        A::TbDefaultIgnored {
            pref,
            value,
            file,
            line,
        } => format!(
            "{pref} is {} ({file} line {line}), which Thunderbird ignores",
            describe_en(value)
        ),
        A::TbValueIgnored {
            pref,
            value,
            file,
            line,
            default_pref,
            applies,
        } => {
            let applies = match default_pref {
                Some(d) => format!("the value of {d} ({applies}) applies"),
                None => format!("the default ({applies}) applies"),
            };
            format!(
                "{pref} is {} ({file} line {line}), which Thunderbird ignores; {applies}",
                describe_en(value)
            )
        }
        A::TbValueIgnoredDefault {
            pref,
            value,
            default,
        } => format!(
            "{pref} is {}, which Thunderbird ignores; the default ({default}) applies",
            describe_en(value)
        ),
        A::TbUnknownServerType { key, server_type } => format!(
            "mail.server.{key}.type is `{server_type}`, a server type Thunderbird does not ship (an add-on's?); its protocol is unknown"
        ),
        A::TbNoUserName { key } => {
            format!("mail.server.{key}.userName is not set; the login name is unknown")
        }
        A::TbTryStarttls { pref } => format!(
            "{pref} is 1 (try STARTTLS), a value newer Thunderbird rewrites to 2 (always STARTTLS); older versions fall back to no encryption when the server offers no STARTTLS"
        ),
        A::TbUnknownSocketType { pref, value } => format!(
            "{pref} is {value}, not a value Thunderbird knows; taken as no encryption"
        ),
        A::TbInvalidPort { port } => {
            format!("the stored port {port} is not a valid TCP port; the port is unknown")
        }
        A::TbExchangeCheckDefault => {
            "Thunderbird's default for checking Exchange accounts is not confirmed".into()
        }
        A::TbUnknownTypeNoCheck => "unknown server type".into(),
        A::TbNoTimer { key, minutes } => format!(
            "mail.server.{key}.check_time is {minutes}, so Thunderbird never checks this account on a timer"
        ),
        A::TbZeroDays { key } => format!(
            "mail.server.{key}.num_days_to_leave_on_server is 0, which turns removal by age off even though delete_by_age_from_server is on"
        ),
        A::TbNegativeDays { key, days } => format!(
            "mail.server.{key}.num_days_to_leave_on_server is {days}: the cut-off lies in the future, so Thunderbird removes every kept message at the next fetch"
        ),
        A::TbNegativeMaxSize { key, max } => format!(
            "mail.server.{key}.max_size is {max}, so every message counts as too big and only its first lines are downloaded"
        ),
        A::TbLocked {
            pref,
            value,
            file,
            line,
        } => format!(
            "{pref} is locked to {value} by {file} line {line}; Thunderbird's account settings cannot change it, so the change must be made in that file"
        ),
        A::TbProfileChooser { file, line } => format!(
            "Thunderbird asks which profile to use at every start (StartWithLastProfile=0, {file} line {line}); accounts of every profile are counted"
        ),
        A::PopstateOtherServer {
            file,
            named,
            more,
            host,
            user,
        } => format!(
            "{file} names {}{} instead of {host} {user}; its entries were counted anyway, as Thunderbird does not check that line",
            named.join(", "),
            if *more > 0 { format!(", and {more} more") } else { String::new() }
        ),
        A::Tb115Differs {
            causes,
            more,
            files,
            outcome,
        } => {
            let reasons = if causes.is_empty() {
                format!(
                    "Thunderbird 115 and older read {} differently (pref() statements current Thunderbird rejects, or a statement lost to a byte-order mark)",
                    files.join(" and ")
                )
            } else {
                let mut words = causes_en(causes);
                if *more > 0 {
                    words.push(format!("and {more} more such statements"));
                }
                words.join("; ")
            };
            let old = match outcome {
                LegacyOutcome::NotLoaded => "this account is not loaded at all".to_string(),
                LegacyOutcome::Same => "this account's mail handling stays the same".to_string(),
                LegacyOutcome::Differs { changes } => format!(
                    "this account {}",
                    changes.iter().map(change_en).collect::<Vec<_>>().join(", and ")
                ),
            };
            format!("{reasons}, so there {old}")
        }

        A::BeckyFolderNotListed { folder } => format!(
            "The mailbox folder `{folder}` is not listed in Folder.lst, so Becky! may no longer open it; it was read as in use."
        ),
        A::BeckyUnknownProtocol { value } => format!(
            "Protocol={value} is not a known value; it was read as POP3, as Thunderbird's importer does."
        ),
        A::BeckyLoginFromAddress => {
            "UserID is missing; the mail address was taken as the login name.".into()
        }
        A::BeckyLoginFromAddressReason => {
            "UserID is missing; the mail address is taken as the login".into()
        }
        A::BeckyNoSslKey => "no SSL key: no TLS, as Thunderbird's importer reads it".into(),
        A::BeckyStandardPort => {
            "no usable port key; the standard port for this protocol and security".into()
        }
        A::BeckyImapAuthUnknown => "the IMAP authentication key of Becky! is not known".into(),
        A::BeckyNoPop3Auth => "POP3Auth missing: plain USER/PASS".into(),
        A::BeckyNoCheckInt => "CheckInt missing: no periodic check".into(),
        A::BeckyNoLeaveServer => "LeaveServer is missing; assumed off (messages removed at download), as Thunderbird's importer reads it.".into(),
        A::BeckyNoLeaveServerReason => {
            "LeaveServer missing: read as off, as Thunderbird's importer does".into()
        }
        A::BeckyKeepDaysNotPositive { days } => format!(
            "KeepDays={days} was taken as keeping server copies forever; what Becky! does with it is not confirmed."
        ),
        A::BeckyKeepDaysNotPositiveReason => "KeepDays of 0 or less taken as keep forever".into(),
        A::BeckyNoKeepDays => "KeepDays is missing; server copies were taken as kept forever, which is not confirmed for Becky!.".into(),
        A::BeckyNoKeepDaysReason => "KeepDays missing: taken as keep forever".into(),
        A::BeckyLocalDeleteUnknown => "Becky!'s setting for removing the server copy when a message is deleted locally is not known; assumed off.".into(),
        A::BeckyLocalDeleteKeyUnknown => {
            "Becky!'s key for removal on local delete is not known".into()
        }
        A::BeckyNoHeadersOnlyKey => "Becky! has no known headers-only key".into(),

        A::SslOffOnTlsPort {
            key,
            protocol,
            port,
        } => format!(
            "`{key}` says no SSL while the {} port is {port}, which only speaks SSL/TLS; this combination cannot fetch mail, so this account was probably never used as written.",
            protocol_en(*protocol)
        ),
        A::TlsFromPort {
            key,
            protocol,
            port,
        } => {
            let name = protocol_en(*protocol);
            format!(
                "There is no `{key}` value, but the {name} port is {port}, which only speaks SSL/TLS; assumed SSL/TLS, since plain {name} cannot work there."
            )
        }
        A::SmtpTlsFromPort465 => "There is no SMTP encryption value, but the SMTP port is 465, which only speaks SSL/TLS; assumed SSL/TLS, since plain SMTP cannot work there.".into(),
        A::SmtpNoneOnPort465 => "The SMTP encryption value says none while the SMTP port is 465, which only speaks SSL/TLS; this combination cannot send mail, so it was probably never used as written.".into(),
        A::SmtpAuto { security, port } => format!(
            "SMTP encryption is set to Auto; assumed {} on port {port}.",
            tls_word(*security)
        ),
        A::SmtpUndocumented { value } => {
            format!("SMTP encryption value {value} is not documented; assumed no encryption.")
        }
        A::SmtpCheckbox { security, port } => format!(
            "The SMTP \"encrypted connection\" checkbox does not say which kind; assumed {} on port {port}.",
            tls_word(*security)
        ),

        A::K9WebDavAsExchange => {
            "The incoming server type WebDAV (older K-9 Mail) was taken as an Exchange account."
                .into()
        }
        A::K9UnknownDeletePolicy { value } => format!(
            "deletePolicy `{value}` is not a value the app exports; taken as NEVER, the app's fallback."
        ),
        A::K9UnknownDeletePolicyReason { value } => {
            format!("unknown deletePolicy `{value}`; the app falls back to NEVER")
        }
        A::K9SecurityFromPort { security } => format!(
            "The connection security was not readable; assumed {} from the port.",
            security.name()
        ),
        A::K9SecurityFromPortReason => {
            "connection security not readable; taken from the port".into()
        }
        A::K9AuthUnreadable => "authentication type not readable".into(),
        A::K9NoAuth => "no authentication type in the export".into(),
        A::K9StandardPort { port } => format!(
            "no usable port in the export; {port} is the standard port for this protocol and security"
        ),

        A::SiteTlsAssumed => "not given in the site file; TLS assumed".into(),
        A::GmailSchedule => "Gmail checks the other account on its own schedule, from minutes up to about an hour; no interval is documented.".into(),
        A::GmailScheduleReason => {
            "Gmail's polling interval is adaptive and not documented".into()
        }
        A::IosNoFetchInterval => "The iPhone's fetch interval was not given; it was taken as fetching on its own at an unknown interval.".into(),
        A::NoFetchInterval => "The fetch interval was not given; the device was taken as fetching on its own at an unknown interval.".into(),
        A::NoFetchIntervalReason => "fetch_interval_minutes not given".into(),
        A::GmailLeaveUnticked => "Gmail's \"Leave a copy of retrieved message on the server\" was taken as unticked, so Gmail removes each message as it fetches it; set leave_on_server = true if it is ticked.".into(),
        A::SiteNotGiven => "not given in the site file".into(),

        A::RegLineUnreadable { line, error } => format!(
            "Line {line} of this account's key could not be read ({error}); a default or assumption stands in for the value it held."
        ),
        A::RegLinesUnreadable => "Some lines of this account's key could not be read; a default or assumption stands in for the values they held.".into(),
        A::PrfUnmapped { key, section } => format!(
            "`{key}` has no mapping in this file's [{section}] section, and Outlook is reported to ignore unmapped keys; its value was used anyway."
        ),
        A::PrfSetupFile => "A PRF file describes the profile Outlook creates from it; assumed this device's Outlook was set up from it and not changed since.".into(),
        A::PrfNoSchedule => "A PRF file holds no Send/Receive schedule; assumed Outlook's default group: fetch at start-up and every 30 minutes.".into(),
        A::PrfNoLeaveOnServer => "The PRF sets no LeaveOnServer (or POP3LeaveOnServer); assumed the account removes messages at download (Outlook's classic default).".into(),
        A::PrfNoLeaveOnServerOthers => "The PRF sets other POP3 removal keys but no POP3LeaveOnServer; assumed the account removes messages at download (Outlook's classic default).".into(),
        A::WlmCheckInterval => "The check interval is a program-wide registry setting, not part of the account file; assumed Windows Live Mail's default: at start-up and every 30 minutes.".into(),
        A::OutlookSendReceive => "Send/Receive group settings are not part of an account key; assumed Outlook's default group: fetch at start-up and every 30 minutes.".into(),
        A::LegacyCheckInterval { program } => {
            format!("In the registry, {}.", legacy_check_en(program))
        }
        A::LegacyCheckIntervalReason { program } => legacy_check_en(program),
        A::LegacyNoLeaveMail { program } => format!(
            "{program} wrote no `Leave Mail On Server` value; assumed it removes messages at download (its default)."
        ),
        A::OutlookExpressAsLiveMail => "Outlook Express account: listed as windows-live-mail, its successor that keeps the same settings.".into(),
        A::OutlookOddType {
            account,
            account_type,
            protocol,
        } => {
            let p = protocol_en(*protocol);
            format!(
                "Outlook account `{account}` is {}; read as {p} because it has a `{p} Server` value.",
                account_type_en(account_type)
            )
        }
        A::OldOutlookLeaveBits { line, then } => {
            let first = format!("Outlook 2010 and older are assumed to store `Leave on Server` (line {line}) like Outlook 2013 and later, which is not confirmed for those versions.");
            match then {
                Some(t) => format!("{first} {}", en(t)),
                None => first,
            }
        }
        A::OutlookNoLeaveOnServer => "Outlook wrote no `Leave on Server` value; assumed it removes messages at download (Outlook's classic default).".into(),
        A::OutlookForeignValues { names } => format!(
            "Values with Outlook Express names ({}) are in this Outlook profile key; Outlook does not read them, so they were ignored.",
            names.join(", ")
        ),
        A::OutlookNotDefaultProfile { profile, default } => format!(
            "Outlook profile `{profile}` is not the default profile (`{default}`); its accounts are fetched only when Outlook is started with it."
        ),
        A::OutlookDefaultProfileUnknown => "The export does not say which Outlook profile is the default; every profile is assumed to be in use.".into(),
        A::LoginIsAddress { writer, key } => {
            format!("{} {}.", speaker_en(writer), login_reason_en(writer, key))
        }
        A::LoginIsAddressReason { writer, key } => login_reason_en(writer, key),
        A::SslPort { writer, key, port } => format!(
            "{} {}.",
            speaker_en(writer),
            ssl_port_reason_en(writer, key, *port)
        ),
        A::SslPortReason { writer, key, port } => ssl_port_reason_en(writer, key, *port),
        A::LeaveBitsUndocumented { value, bits } => format!(
            "`Leave on Server` = 0x{value:08x} has undocumented bits 0x{bits:x} set; they were ignored."
        ),
        A::LeaveBitsRemovalWithoutLeave { value } => format!(
            "`Leave on Server` = 0x{value:08x} has removal options set while \"leave a copy\" is off; assumed Outlook removes messages at download, as its dialog disables those options."
        ),
        A::LeaveBitsZeroDays { value } => format!(
            "`Leave on Server` = 0x{value:08x} shows in Outlook's account dialog (More Settings, Advanced) as \"Remove from server after 0 days\" checked, a value the dialog does not accept and whose effect is not documented; assumed messages are removed from the server at the next fetch."
        ),
        A::FourFlagsRemovalWithoutLeave => "Removal options are set while \"leave a copy on the server\" is off; assumed messages are removed at download, as the client's dialog disables those options.".into(),
        A::FourFlagsNoDays { days_stored } => {
            let count = if *days_stored { "0" } else { "no number of" };
            format!("The account dialog shows \"Remove from server after {count} days\" checked (removal by age is on, but no day count above 0 is stored), which the dialog does not accept and whose effect is not documented; assumed messages are removed from the server at the next fetch.")
        }
    }
}

/// Each lost statement on its own, the default values together.
fn causes_en(causes: &[LegacyCause]) -> Vec<String> {
    let mut out = Vec::new();
    let mut defaults = Vec::new();
    for c in causes {
        match c {
            LegacyCause::Bom { file, pref } => out.push(format!(
                "{file} starts with a byte-order mark; Thunderbird 115 loses its first statement ({pref})"
            )),
            LegacyCause::Default {
                file,
                line,
                pref,
                keyword,
            } => defaults.push(format!("{file} line {line} sets {pref} with {keyword}()")),
        }
    }
    match defaults.len() {
        0 => {}
        1 => out.push(format!(
            "{}, which current Thunderbird rejects and Thunderbird 115 and older take as a default value",
            defaults[0]
        )),
        _ => {
            let last = defaults.pop().unwrap_or_default();
            out.push(format!(
                "{} and {last}: current Thunderbird rejects these, Thunderbird 115 and older take them as default values",
                defaults.join(", ")
            ));
        }
    }
    out
}

fn legacy_protocol_en(p: Protocol) -> &'static str {
    match p {
        Protocol::Pop3 => "POP3",
        Protocol::Imap => "IMAP",
        Protocol::Exchange => "Exchange",
        Protocol::Unknown => "an unknown protocol",
    }
}

fn security_en(s: Security) -> &'static str {
    match s {
        Security::Tls => "TLS",
        Security::Starttls => "STARTTLS",
        Security::None => "no encryption",
    }
}

fn login_en(s: &str) -> String {
    if s.trim().is_empty() {
        "no login name".to_string()
    } else {
        s.to_string()
    }
}

fn connection_en(security: Security, port: Option<u16>) -> String {
    let port = port.map_or("an unknown port".to_string(), |p| format!("port {p}"));
    format!("{} on {port}", security_en(security))
}

fn fetch_en(f: &Fetch) -> String {
    let mut s = match (f.automatic, f.interval_minutes) {
        (true, Some(m)) => format!("on its own every {m} minutes"),
        (true, None) => "on its own".to_string(),
        (false, _) => "only when asked".to_string(),
    };
    if f.at_startup {
        s.push_str(" and at start-up");
    }
    s
}

fn copies_en(e: ServerCopies) -> String {
    match e {
        ServerCopies::RemovesAtDownload => {
            "removes each message from the server at download".into()
        }
        ServerCopies::KeepsDays { days } => format!("keeps server copies {days} days"),
        ServerCopies::KeepsUntilDeleted => "keeps server copies until they are deleted here".into(),
        ServerCopies::KeepsForever => "keeps server copies forever".into(),
    }
}

fn limit_en(l: Option<u32>) -> String {
    match l {
        Some(k) => format!("only the first lines of messages over {k} KiB"),
        None => "whole messages".to_string(),
    }
}

fn list_en(items: &[String]) -> String {
    if items.is_empty() {
        "nothing".to_string()
    } else {
        items.join(", ")
    }
}

fn smtp_en(list: &[SmtpShape]) -> String {
    let items: Vec<String> = list
        .iter()
        .map(|o| {
            let port = o
                .port
                .map_or("the default port".to_string(), |p| format!("port {p}"));
            format!("{} ({}, {port})", o.host, security_en(o.security))
        })
        .collect();
    list_en(&items)
}

fn change_en(c: &LegacyChange) -> String {
    match c {
        LegacyChange::Protocol { old, new } => format!(
            "is read over {} instead of {}",
            legacy_protocol_en(*old),
            legacy_protocol_en(*new)
        ),
        LegacyChange::Host { old, new } => format!("fetches from {old} instead of {new}"),
        LegacyChange::Username { old, new } => {
            format!("logs in as {} instead of {}", login_en(old), login_en(new))
        }
        LegacyChange::Connection {
            old_security,
            old_port,
            new_security,
            new_port,
        } => format!(
            "connects with {} instead of {}",
            connection_en(*old_security, *old_port),
            connection_en(*new_security, *new_port)
        ),
        LegacyChange::Auth { old, new } => {
            format!("signs in with {} instead of {}", old.name(), new.name())
        }
        LegacyChange::Fetch { old, new } => {
            format!("fetches {} instead of {}", fetch_en(old), fetch_en(new))
        }
        LegacyChange::ServerCopies { old, new } => {
            format!("{} instead of {}", copies_en(*old), copies_en(*new))
        }
        LegacyChange::SizeLimit { old, new } => {
            format!("downloads {} instead of {}", limit_en(*old), limit_en(*new))
        }
        LegacyChange::Identities { old, new } => {
            format!("sends as {} instead of {}", list_en(old), list_en(new))
        }
        LegacyChange::Smtp { old, new } => {
            format!("sends through {} instead of {}", smtp_en(old), smtp_en(new))
        }
    }
}

/// The English reason an account is inactive.
pub fn inactive_en(i: &Inactive) -> String {
    match i {
        Inactive::OtherProfileStarts {
            profile,
            file,
            line,
        } => format!(
            "Thunderbird starts the profile `{profile}` ({file} line {line}), not this one; this account only fetches mail when someone picks this profile"
        ),
    }
}

// ---------------------------------------------------------------------------------------
// Japanese

/// Thunderbird's Japanese labels (am-server-top.dtd, ja).
const TB_DAYS: &str = "「ダウンロードしてから N 日以上経過したメッセージは削除する」";
/// Outlook's Japanese labels (詳細設定 tab, 配信).
const OL_LEAVE: &str = "「サーバーにメッセージのコピーを置く」";
const OL_REMOVE: &str = "「サーバーから削除する」";

fn describe_ja(v: &PrefValue) -> String {
    match v.ty {
        PrefType::Bool => format!("真偽値 {}", v.shown),
        PrefType::Number => format!("数値 {}", v.shown),
        PrefType::String => format!("文字列 {}", v.shown),
    }
}

fn noun_ja(t: PrefType) -> &'static str {
    match t {
        PrefType::Bool => "真偽値",
        PrefType::Number => "数値",
        PrefType::String => "文字列",
    }
}

fn protocol_ja(p: Protocol) -> &'static str {
    match p {
        Protocol::Pop3 => "POP3",
        Protocol::Imap => "IMAP",
        Protocol::Exchange => "Exchange",
        Protocol::Unknown => "メール",
    }
}

/// A protocol's name before の or は: `POP3 `, or words for an unknown one.
fn protocol_before_ja(p: Protocol) -> String {
    match p {
        Protocol::Unknown => "メール受信".to_string(),
        other => format!("{} ", protocol_ja(other)),
    }
}

fn security_ja(s: Security) -> &'static str {
    match s {
        Security::Tls => "SSL/TLS",
        Security::Starttls => "STARTTLS",
        Security::None => "暗号化なし",
    }
}

fn writer_ja(w: &Writer) -> String {
    match w {
        Writer::Prf => "PRF ファイル".into(),
        Writer::AccountFile => "アカウント ファイル".into(),
        Writer::Outlook => "Outlook のレジストリ".into(),
        Writer::Legacy { program } => format!("{program} のレジストリ"),
    }
}

/// What an odd account type is, as a clause after the account's name.
/// How the Japanese sentences name an account type, after the account's name.
pub(crate) fn account_type_ja(t: &AccountType) -> String {
    match t {
        AccountType::Http => "の種類は HTTP（Hotmail）です".to_string(),
        AccountType::Unknown { clsid } => format!("の種類は不明（{clsid}）です"),
        AccountType::Missing => "には `clsid` の値がなく、種類が分かりません".to_string(),
    }
}

fn legacy_check_ja(program: &str) -> String {
    format!("受信間隔はアカウントのキーの外にある、プログラム全体の設定です。{program} は起動時と 30 分ごとに受信するものとみなしました。")
}

/// The Japanese sentence for an assumption: polite support prose, the fact first.
pub fn ja(a: &Assumption) -> String {
    use Assumption as A;
    match a {
        A::TbDefaultRejected {
            pref,
            value,
            file,
            line,
            expected,
        } => format!(
            "{pref} は{} です（{file} の {line} 行目）。この設定の既定値は{}のため、Thunderbird はこの値を受け付けません。",
            describe_ja(value),
            noun_ja(*expected)
        ),
        A::TbDefaultIgnored {
            pref,
            value,
            file,
            line,
        } => format!(
            "{pref} は{} です（{file} の {line} 行目）。Thunderbird はこの値を無視します。",
            describe_ja(value)
        ),
        A::TbValueIgnored {
            pref,
            value,
            file,
            line,
            default_pref,
            applies,
        } => {
            let applies = match default_pref {
                Some(d) => format!("代わりに {d} の値（{applies}）が使われます"),
                None => format!("代わりに既定値（{applies}）が使われます"),
            };
            format!(
                "{pref} は{} です（{file} の {line} 行目）。Thunderbird はこの値を無視し、{applies}。",
                describe_ja(value)
            )
        }
        A::TbValueIgnoredDefault {
            pref,
            value,
            default,
        } => format!(
            "{pref} は{} です。Thunderbird はこの値を無視し、既定値（{default}）を使います。",
            describe_ja(value)
        ),
        A::TbUnknownServerType { key, server_type } => format!(
            "mail.server.{key}.type が `{server_type}` になっています。Thunderbird に標準で含まれないサーバーの種類（アドオンのものかもしれません）のため、受信方式は分かりません。"
        ),
        A::TbNoUserName { key } => format!(
            "mail.server.{key}.userName が設定されていないため、ログイン名は分かりません。"
        ),
        A::TbTryStarttls { pref } => format!(
            "{pref} が 1（可能なら STARTTLS）になっています。新しい Thunderbird はこれを 2（常に STARTTLS）に書き換えますが、古いバージョンではサーバーが STARTTLS に対応していないと暗号化なしで接続します。"
        ),
        A::TbUnknownSocketType { pref, value } => format!(
            "{pref} が {value} になっています。Thunderbird の知らない値のため、暗号化なしとみなしました。"
        ),
        A::TbInvalidPort { port } => format!(
            "保存されているポート番号 {port} は TCP のポートとして正しくないため、ポートは分かりません。"
        ),
        A::TbExchangeCheckDefault => {
            "Exchange アカウントを自動で確認するかどうかの Thunderbird の既定値は確認できていません。".into()
        }
        A::TbUnknownTypeNoCheck => {
            "サーバーの種類が不明なため、自動では受信しないものとみなしました。".into()
        }
        A::TbNoTimer { key, minutes } => format!(
            "mail.server.{key}.check_time が {minutes} のため、Thunderbird はこのアカウントを一定間隔では確認しません。"
        ),
        A::TbZeroDays { key } => format!(
            "mail.server.{key}.num_days_to_leave_on_server が 0 です。{TB_DAYS}にチェックが入っていても、日数が 0 のため日数による削除は行われません。"
        ),
        A::TbNegativeDays { key, days } => format!(
            "mail.server.{key}.num_days_to_leave_on_server が {days} です。削除の基準日が未来になるため、Thunderbird は次の受信時にサーバーに残したメッセージをすべて削除します。"
        ),
        A::TbNegativeMaxSize { key, max } => format!(
            "mail.server.{key}.max_size が {max} のため、すべてのメッセージがサイズ超過とみなされ、冒頭の数行だけがダウンロードされます。"
        ),
        A::TbLocked {
            pref,
            value,
            file,
            line,
        } => format!(
            "{pref} は {file} の {line} 行目で {value} にロックされています。Thunderbird のアカウント設定では変更できないため、変更はこのファイルで行ってください。"
        ),
        A::TbProfileChooser { file, line } => format!(
            "Thunderbird は起動のたびに使うプロファイルを尋ねる設定です（StartWithLastProfile=0、{file} の {line} 行目）。そのため、すべてのプロファイルのアカウントを数えています。"
        ),
        A::PopstateOtherServer {
            file,
            named,
            more,
            host,
            user,
        } => format!(
            "{file} には {host} {user} ではなく {}{} が書かれています。Thunderbird はこの行を確認しないため、記録はそのまま数えました。",
            named.join("、"),
            if *more > 0 { format!(" ほか {more} 件") } else { String::new() }
        ),
        A::Tb115Differs {
            causes,
            more,
            files,
            outcome,
        } => {
            let reasons = if causes.is_empty() {
                format!(
                    "Thunderbird 115 以前は {} を現在の Thunderbird と違うように読み込みます（現在の Thunderbird が受け付けない pref() の記述か、バイト順マーク（BOM）のために読み落とされる記述があります）。",
                    files.join("、")
                )
            } else {
                let mut words = causes_ja(causes);
                if *more > 0 {
                    words.push(format!("ほかにも同様の記述が {more} 件あります。"));
                }
                words.concat()
            };
            let old = match outcome {
                LegacyOutcome::NotLoaded => {
                    "そのため、Thunderbird 115 以前ではこのアカウントはまったく読み込まれません。".to_string()
                }
                LegacyOutcome::Same => {
                    "ただし、このアカウントのメールの扱いは変わりません。".to_string()
                }
                LegacyOutcome::Differs { changes } => format!(
                    "そのため、Thunderbird 115 以前ではこのアカウントの次の点が変わります（現在 → 115 以前）: {}。",
                    changes.iter().map(change_ja).collect::<Vec<_>>().join("、")
                ),
            };
            format!("{reasons}{old}")
        }

        A::BeckyFolderNotListed { folder } => format!(
            "メールボックスのフォルダー `{folder}` は Folder.lst に載っていないため、Becky! ではもう開かれていない可能性があります。ここでは使用中として読み込みました。"
        ),
        A::BeckyUnknownProtocol { value } => format!(
            "Protocol={value} は知られていない値です。Thunderbird の取り込み機能と同じく、POP3 として読み込みました。"
        ),
        A::BeckyLoginFromAddress => {
            "UserID がないため、メールアドレスをログイン名とみなしました。".into()
        }
        A::BeckyLoginFromAddressReason => {
            "UserID がないため、メールアドレスをログイン名とみなしています。".into()
        }
        A::BeckyNoSslKey => {
            "SSL の設定項目がないため、Thunderbird の取り込み機能と同じく暗号化なしとみなしました。".into()
        }
        A::BeckyStandardPort => {
            "使えるポートの設定がないため、この受信方式と暗号化の標準ポートとみなしました。".into()
        }
        A::BeckyImapAuthUnknown => {
            "Becky! の IMAP 認証方式を表す設定項目は分かっていません。".into()
        }
        A::BeckyNoPop3Auth => {
            "POP3Auth がないため、通常のパスワード認証（USER/PASS）とみなしました。".into()
        }
        A::BeckyNoCheckInt => {
            "CheckInt がないため、定期的な受信はしないものとみなしました。".into()
        }
        A::BeckyNoLeaveServer => "LeaveServer がありません。Thunderbird の取り込み機能と同じく「オフ」（受信したメッセージをサーバーから削除する）とみなしました。Becky! のメールボックス設定で、サーバーにメールを残す設定を確認してください。".into(),
        A::BeckyNoLeaveServerReason => {
            "LeaveServer がないため、Thunderbird の取り込み機能と同じくオフとみなしました。".into()
        }
        A::BeckyKeepDaysNotPositive { days } => format!(
            "KeepDays={days} は、サーバーのコピーを無期限に残す設定とみなしました。Becky! がこの値をどう扱うかは確認できていません。"
        ),
        A::BeckyKeepDaysNotPositiveReason => {
            "KeepDays が 0 以下のため、無期限に残すものとみなしました。".into()
        }
        A::BeckyNoKeepDays => "KeepDays がないため、サーバーのコピーは無期限に残るものとみなしました。Becky! での扱いは確認できていません。".into(),
        A::BeckyNoKeepDaysReason => {
            "KeepDays がないため、無期限に残すものとみなしました。".into()
        }
        A::BeckyLocalDeleteUnknown => "Becky! で、メッセージを削除したときにサーバーのコピーも削除する設定があるかどうかは分かっていません。オフとみなしました。".into(),
        A::BeckyLocalDeleteKeyUnknown => {
            "Becky! で、削除したメッセージをサーバーからも削除する設定の項目名は分かっていません。".into()
        }
        A::BeckyNoHeadersOnlyKey => {
            "Becky! にはヘッダーだけを受信する設定項目が知られていません。".into()
        }

        A::SslOffOnTlsPort {
            key,
            protocol,
            port,
        } => format!(
            "`{key}` は SSL を使わない設定ですが、{}のポートは {port} で、ここでは SSL/TLS しか使えません。この組み合わせではメールを受信できないため、このアカウントは書かれたとおりには使われていない可能性が高いです。",
            protocol_before_ja(*protocol)
        ),
        A::TlsFromPort {
            key,
            protocol,
            port,
        } => {
            let name = protocol_before_ja(*protocol);
            format!(
                "`{key}` の値はありませんが、{name}のポートは {port} で、SSL/TLS しか使えません。暗号化なしの{}はこのポートでは動かないため、SSL/TLS とみなしました。",
                match protocol {
                    Protocol::Unknown => name.clone(),
                    _ => format!(" {name}"),
                }
            )
        }
        A::SmtpTlsFromPort465 => "送信（SMTP）の暗号化の値はありませんが、SMTP のポートは 465 で、SSL/TLS しか使えません。暗号化なしの SMTP はこのポートでは動かないため、SSL/TLS とみなしました。".into(),
        A::SmtpNoneOnPort465 => "送信（SMTP）の暗号化は「なし」ですが、SMTP のポートは 465 で、SSL/TLS しか使えません。この組み合わせではメールを送信できないため、書かれたとおりには使われていない可能性が高いです。".into(),
        A::SmtpAuto { security, port } => format!(
            "送信（SMTP）の暗号化は「自動」になっています。ポート {port} では {} とみなしました。",
            security_ja(*security)
        ),
        A::SmtpUndocumented { value } => format!(
            "送信（SMTP）の暗号化の値 {value} は仕様にない値です。暗号化なしとみなしました。"
        ),
        A::SmtpCheckbox { security, port } => format!(
            "送信（SMTP）の「暗号化された接続」のチェックボックスからは方式が分かりません。ポート {port} では {} とみなしました。",
            security_ja(*security)
        ),

        A::K9WebDavAsExchange => {
            "受信サーバーの種類 WebDAV（古い K-9 Mail）は Exchange アカウントとみなしました。".into()
        }
        A::K9UnknownDeletePolicy { value } => format!(
            "deletePolicy `{value}` はアプリが書き出さない値です。アプリと同じく NEVER（サーバーからは削除しない）とみなしました。"
        ),
        A::K9UnknownDeletePolicyReason { value } => format!(
            "deletePolicy `{value}` は不明な値のため、アプリは NEVER として扱います。"
        ),
        A::K9SecurityFromPort { security } => format!(
            "接続の暗号化の設定が読み取れないため、ポート番号から「{}」とみなしました。",
            security_ja(*security)
        ),
        A::K9SecurityFromPortReason => {
            "接続の暗号化の設定が読み取れないため、ポート番号から判断しました。".into()
        }
        A::K9AuthUnreadable => "認証方式の設定が読み取れません。".into(),
        A::K9NoAuth => "書き出されたファイルに認証方式がありません。".into(),
        A::K9StandardPort { port } => format!(
            "書き出されたファイルに使えるポートがないため、この受信方式と暗号化の標準ポート {port} とみなしました。"
        ),

        A::SiteTlsAssumed => {
            "site.toml に書かれていないため、TLS とみなしました。".into()
        }
        A::GmailSchedule => "Gmail はほかのアカウントのメールを独自の間隔（数分から 1 時間ほど）で取りに行きます。間隔は公開されていません。".into(),
        A::GmailScheduleReason => {
            "Gmail がメールを取りに行く間隔は状況によって変わり、公開されていません。".into()
        }
        A::IosNoFetchInterval => "iPhone の受信間隔が書かれていないため、間隔は不明ですが自動で受信するものとみなしました。".into(),
        A::NoFetchInterval => "受信間隔が書かれていないため、この端末は間隔不明で自動受信するものとみなしました。".into(),
        A::NoFetchIntervalReason => {
            "fetch_interval_minutes が書かれていません。".into()
        }
        A::GmailLeaveUnticked => "Gmail の「取得したメッセージのコピーをサーバーに残す」（表記未確認）はオフとみなしました。この場合、Gmail はメールを取りに行くたびにサーバーから削除します。オンになっている場合は、site.toml に leave_on_server = true と書いてください。".into(),
        A::SiteNotGiven => "site.toml に書かれていません。".into(),

        A::RegLineUnreadable { line, error } => format!(
            "このアカウントのキーの {line} 行目が読み取れませんでした（{error}）。その値の代わりに既定値か仮定の値を使っています。"
        ),
        A::RegLinesUnreadable => "このアカウントのキーには読み取れなかった行がほかにもあります。その値の代わりに既定値か仮定の値を使っています。".into(),
        A::PrfUnmapped { key, section } => format!(
            "`{key}` はこのファイルの [{section}] セクションに対応付けがありません。Outlook は対応付けのない項目を無視するとされていますが、ここでは値をそのまま使いました。"
        ),
        A::PrfSetupFile => "PRF ファイルは、Outlook がそこから作るプロファイルを表すものです。この端末の Outlook はこのファイルから設定され、その後変更されていないものとみなしました。".into(),
        A::PrfNoSchedule => "PRF ファイルには送受信のスケジュールがありません。Outlook の既定の送受信グループ（起動時と 30 分ごとに受信）とみなしました。".into(),
        A::PrfNoLeaveOnServer => format!("PRF ファイルに LeaveOnServer（または POP3LeaveOnServer）がありません。Outlook の従来の既定値どおり、{OL_LEAVE}がオフで、受信時にサーバーから削除するものとみなしました。"),
        A::PrfNoLeaveOnServerOthers => format!("PRF ファイルにはほかの POP3 の削除設定がありますが、POP3LeaveOnServer がありません。Outlook の従来の既定値どおり、{OL_LEAVE}がオフで、受信時にサーバーから削除するものとみなしました。"),
        A::WlmCheckInterval => "受信間隔はアカウント ファイルではなく、プログラム全体のレジストリ設定です。Windows Live Mail の既定値（起動時と 30 分ごと）とみなしました。".into(),
        A::OutlookSendReceive => "送受信グループの設定はアカウントのキーには含まれません。Outlook の既定の送受信グループ（起動時と 30 分ごとに受信）とみなしました。".into(),
        A::LegacyCheckInterval { program } => {
            format!("レジストリでは、{}", legacy_check_ja(program))
        }
        A::LegacyCheckIntervalReason { program } => legacy_check_ja(program),
        A::LegacyNoLeaveMail { program } => format!(
            "{program} は `Leave Mail On Server` の値を書いていません。既定値どおり、受信時にサーバーから削除するものとみなしました。"
        ),
        A::OutlookExpressAsLiveMail => "Outlook Express のアカウントです。同じ設定を引き継ぐ後継ソフトの windows-live-mail として表示しています。".into(),
        A::OutlookOddType {
            account,
            account_type,
            protocol,
        } => {
            let p = protocol_ja(*protocol);
            format!(
                "Outlook のアカウント `{account}` {}。`{p} Server` の値があるため、{p} として読み込みました。",
                account_type_ja(account_type)
            )
        }
        A::OldOutlookLeaveBits { line, then } => {
            let first = format!("Outlook 2010 以前も `Leave on Server`（{line} 行目）を Outlook 2013 以降と同じ形式で保存しているものとみなしました。これらのバージョンについては確認できていません。");
            match then {
                Some(t) => format!("{first}{}", ja(t)),
                None => first,
            }
        }
        A::OutlookNoLeaveOnServer => format!("Outlook は `Leave on Server` の値を書いていません。Outlook の従来の既定値どおり、{OL_LEAVE}がオフで、受信時にサーバーから削除するものとみなしました。"),
        A::OutlookForeignValues { names } => format!(
            "この Outlook プロファイルのキーに Outlook Express の名前の値（{}）があります。Outlook はこれらを読まないため、無視しました。",
            names.join("、")
        ),
        A::OutlookNotDefaultProfile { profile, default } => format!(
            "Outlook プロファイル `{profile}` は既定のプロファイル（`{default}`）ではありません。このプロファイルのアカウントは、Outlook をこのプロファイルで起動したときだけ受信します。"
        ),
        A::OutlookDefaultProfileUnknown => "書き出されたファイルからは、どの Outlook プロファイルが既定か分かりません。すべてのプロファイルが使われているものとみなしました。".into(),
        A::LoginIsAddress { writer, key } => format!(
            "{}に {key} がないため、メールアドレスをログイン名とみなしました。",
            writer_ja(writer)
        ),
        A::LoginIsAddressReason { writer, key } => format!(
            "{}に {key} がないため、メールアドレスをログイン名とみなしています。",
            writer_ja(writer)
        ),
        A::SslPort { writer, key, port } => format!(
            "{}には、暗号化接続がオンなのに {key} がありません。SSL の標準ポート {port} とみなしました。",
            writer_ja(writer)
        ),
        A::SslPortReason { writer, key, port } => format!(
            "{}に {key} がないため、SSL の標準ポート {port} とみなしています。",
            writer_ja(writer)
        ),
        A::LeaveBitsUndocumented { value, bits } => format!(
            "`Leave on Server` = 0x{value:08x} には仕様にないビット 0x{bits:x} が立っています。これらは無視しました。"
        ),
        A::LeaveBitsRemovalWithoutLeave { value } => format!(
            "`Leave on Server` = 0x{value:08x} では、{OL_LEAVE}がオフなのに削除の設定が入っています。Outlook の画面ではこの場合削除の設定が選べなくなるため、受信時にサーバーから削除するものとみなしました。"
        ),
        A::LeaveBitsZeroDays { value } => format!(
            "`Leave on Server` = 0x{value:08x} は、Outlook のアカウント設定（詳細設定 → 配信）で{OL_REMOVE}が「0 日後」でチェックされている状態です。画面では入力できない値で、動作も公開されていません。次の受信時にサーバーから削除されるものとみなしました。"
        ),
        A::FourFlagsRemovalWithoutLeave => "「サーバーにメッセージのコピーを置く」（Windows Live Mail では「サーバにメッセージのコピーを置く」、表記未確認）がオフなのに削除の設定が入っています。画面ではこの場合削除の設定が選べなくなるため、受信時にサーバーから削除するものとみなしました。".into(),
        A::FourFlagsNoDays { days_stored } => {
            let count = if *days_stored {
                "日数が 0 "
            } else {
                "日数が未設定"
            };
            format!("アカウント設定で「サーバーから削除する」（Windows Live Mail では「サーバから削除する」、表記未確認）がチェックされていますが、{count}です。画面では入力できない値で、動作も公開されていません。次の受信時にサーバーから削除されるものとみなしました。")
        }
    }
}

fn causes_ja(causes: &[LegacyCause]) -> Vec<String> {
    let mut out = Vec::new();
    let mut defaults = Vec::new();
    for c in causes {
        match c {
            LegacyCause::Bom { file, pref } => out.push(format!(
                "{file} はバイト順マーク（BOM）で始まるため、Thunderbird 115 は最初の記述（{pref}）を読み落とします。"
            )),
            LegacyCause::Default {
                file,
                line,
                pref,
                keyword,
            } => defaults.push(format!("{file} の {line} 行目は {pref} を {keyword}() で設定しています")),
        }
    }
    match defaults.len() {
        0 => {}
        1 => out.push(format!(
            "{}。現在の Thunderbird はこの記述を受け付けず、Thunderbird 115 以前は既定値として読み込みます。",
            defaults[0]
        )),
        _ => out.push(format!(
            "{}。現在の Thunderbird はこれらを受け付けず、Thunderbird 115 以前は既定値として読み込みます。",
            defaults.join("。")
        )),
    }
    out
}

fn login_ja(s: &str) -> String {
    if s.trim().is_empty() {
        "なし".to_string()
    } else {
        s.to_string()
    }
}

fn legacy_protocol_ja(p: Protocol) -> &'static str {
    match p {
        Protocol::Unknown => "不明な方式",
        other => protocol_ja(other),
    }
}

fn connection_ja(security: Security, port: Option<u16>) -> String {
    let port = port.map_or("ポート不明".to_string(), |p| format!("ポート {p}"));
    format!("{}（{port}）", security_ja(security))
}

fn fetch_ja(f: &Fetch) -> String {
    let mut s = match (f.automatic, f.interval_minutes) {
        (true, Some(m)) => format!("{m} 分ごとに自動で受信"),
        (true, None) => "自動で受信".to_string(),
        (false, _) => "手動でのみ受信".to_string(),
    };
    if f.at_startup {
        s.push_str("、起動時にも受信");
    }
    s
}

fn copies_ja(e: ServerCopies) -> String {
    match e {
        ServerCopies::RemovesAtDownload => "受信時にサーバーから削除".into(),
        ServerCopies::KeepsDays { days } => format!("サーバーに {days} 日間残す"),
        ServerCopies::KeepsUntilDeleted => "この端末で削除するまでサーバーに残す".into(),
        ServerCopies::KeepsForever => "サーバーに無期限に残す".into(),
    }
}

fn limit_ja(l: Option<u32>) -> String {
    match l {
        Some(k) => format!("{k} KiB を超えるメッセージは冒頭のみ"),
        None => "メッセージ全体".to_string(),
    }
}

fn list_ja(items: &[String]) -> String {
    if items.is_empty() {
        "なし".to_string()
    } else {
        items.join("、")
    }
}

fn smtp_ja(list: &[SmtpShape]) -> String {
    let items: Vec<String> = list
        .iter()
        .map(|o| {
            let port = o
                .port
                .map_or("既定のポート".to_string(), |p| format!("ポート {p}"));
            format!("{}（{}、{port}）", o.host, security_ja(o.security))
        })
        .collect();
    list_ja(&items)
}

/// One change, as `what「now」→「under 115 and older」`.
fn change_ja(c: &LegacyChange) -> String {
    let (what, now, then) = match c {
        LegacyChange::Protocol { old, new } => (
            "受信方式",
            legacy_protocol_ja(*new).to_string(),
            legacy_protocol_ja(*old).to_string(),
        ),
        LegacyChange::Host { old, new } => ("受信サーバー", new.clone(), old.clone()),
        LegacyChange::Username { old, new } => ("ログイン名", login_ja(new), login_ja(old)),
        LegacyChange::Connection {
            old_security,
            old_port,
            new_security,
            new_port,
        } => (
            "接続",
            connection_ja(*new_security, *new_port),
            connection_ja(*old_security, *old_port),
        ),
        LegacyChange::Auth { old, new } => {
            ("認証方式", new.name().to_string(), old.name().to_string())
        }
        LegacyChange::Fetch { old, new } => ("受信", fetch_ja(new), fetch_ja(old)),
        LegacyChange::ServerCopies { old, new } => {
            ("サーバーのコピー", copies_ja(*new), copies_ja(*old))
        }
        LegacyChange::SizeLimit { old, new } => ("ダウンロード", limit_ja(*new), limit_ja(*old)),
        LegacyChange::Identities { old, new } => ("差出人", list_ja(new), list_ja(old)),
        LegacyChange::Smtp { old, new } => ("送信サーバー", smtp_ja(new), smtp_ja(old)),
    };
    format!("{what}「{now}」→「{then}」")
}

/// The Japanese reason an account is inactive.
pub fn inactive_ja(i: &Inactive) -> String {
    match i {
        Inactive::OtherProfileStarts {
            profile,
            file,
            line,
        } => format!(
            "Thunderbird が起動するのはこのプロファイルではなく `{profile}` です（{file} の {line} 行目）。このアカウントは、だれかがこのプロファイルを選んだときだけ受信します。"
        ),
    }
}

/// The English text of a provider note, as the reports have always printed it.
pub fn note_en(n: &ProviderNote) -> String {
    use ProviderNote as N;
    match n {
        N::DeclaredBytesReplaced { encoding } => format!(
            "some bytes are not valid {encoding}, as the file declares; they were replaced"
        ),
        N::UnknownEncoding { label } => format!(
            "the declared encoding `{label}` is unknown; the file was read by its bytes"
        ),
        N::GuessedEncoding { encoding } => format!(
            "the file is not valid UTF-8 and declares no encoding; it was read as {encoding}"
        ),
        N::BytesReplaced { encoding } => {
            format!("some bytes are not valid {encoding}; they were replaced")
        }
        N::UnknownVersion { version } => format!(
            "version \"{version}\" is not 1.0, 1.1 or 1.2; read like 1.1, as the draft standard asks"
        ),
        N::NoVersion => "<clientConfig> has no version; read like 1.1".to_string(),
        N::ExtraProviders { count, line } => format!(
            "{count} <emailProvider> elements; only the first (line {line}) is used, as Thunderbird does"
        ),
        N::NoId { domain } => {
            format!("<emailProvider> has no id; named after its first domain {domain}")
        }
        N::OtherPop3Retention { line } => format!(
            "the POP3 server at line {line} hands out a different retention than the preferred one"
        ),
        N::NoUsableServer { element } => {
            format!("no usable <{element}>: Thunderbird would not accept this file")
        }
        N::EmptyDomain { line } => format!("empty <domain> at line {line} ignored"),
        N::DomainAgain { domain, line } => {
            format!("domain {domain} is listed again at line {line}; counted once")
        }
        N::ServerNoType { element, line } => {
            format!("<{element}> at line {line} has no type; kept as \"unknown\"")
        }
        N::ServerNoHost {
            element,
            server_type,
            line,
        } => format!(
            "<{element} type=\"{server_type}\"> at line {line} names no hostname or url; skipped, as Thunderbird does"
        ),
        N::BadPort { value, line } => format!("port \"{value}\" at line {line} is not a port number"),
        N::BadSocketType { value, line } => format!(
            "socketType \"{value}\" at line {line} is not plain, SSL or STARTTLS; security unknown"
        ),
        N::BadAuthentication { value, line } => format!(
            "authentication \"{value}\" at line {line} is not one the format defines"
        ),
        N::UnclosedPlaceholder {
            field,
            value,
            line,
            placeholder,
        } => format!(
            "{field} \"{value}\" at line {line} has %{placeholder} without its closing %; clients use it literally"
        ),
        N::BadLeave { value, line } => format!(
            "leaveMessagesOnServer \"{value}\" at line {line} is not true or false; Thunderbird ignores it and the days with it"
        ),
        N::NoDownloadOnBiff { line } => format!(
            "downloadOnBiff is false (line {line}): new devices only check for mail and download when asked"
        ),
        N::CheckIntervalIgnored { minutes, line } => format!(
            "checkInterval {minutes} minutes (line {line}) is ignored by Thunderbird, which checks every 10 minutes"
        ),
        N::BadDays { value, line } => format!(
            "daysToLeaveMessagesOnServer \"{value}\" at line {line} is not a number; Thunderbird keeps 14"
        ),
        N::NoRetention => "Autodiscover has no setting for keeping POP3 mail on the server; a device set up from it keeps whatever its mail program does by default".to_string(),
        N::ProtocolNoServer { protocol, line } => {
            format!("<Protocol> {protocol} at line {line} names no server; skipped")
        }
        N::AdBadPort { value, line } => format!("Port \"{value}\" at line {line} is not a port number"),
        N::EncryptionTls { line } => format!(
            "Encryption TLS at line {line} read as STARTTLS, as Outlook's account dialog names it; not confirmed by Microsoft text"
        ),
        N::UnknownEncryption { value, line } => format!(
            "Encryption \"{value}\" at line {line} is not SSL, TLS or None; the SSL element decides"
        ),
        N::SslOnPort { port, line } => format!(
            "SSL on with port {port} at line {line}: whether Outlook starts TLS on that port or expects it at once is not documented; read as TLS"
        ),
        N::NoLoginName { line } => format!(
            "<Protocol> at line {line} has no LoginName; the part of the address before @ is assumed, as the format's comments say"
        ),
        N::DomainFromServers { domains } => format!(
            "the file names no address; its mail domain is assumed from the server names: {}",
            domains.join(", ")
        ),
    }
}

/// The Japanese text of a provider note.
pub fn note_ja(n: &ProviderNote) -> String {
    use ProviderNote as N;
    match n {
        N::DeclaredBytesReplaced { encoding } => format!(
            "ファイルが宣言している {encoding} として正しくないバイトがあったため、置き換えて読み込みました。"
        ),
        N::UnknownEncoding { label } => format!(
            "宣言されている文字コード `{label}` は不明なため、ファイルの内容から判断して読み込みました。"
        ),
        N::GuessedEncoding { encoding } => format!(
            "ファイルは UTF-8 として正しくなく、文字コードの宣言もないため、{encoding} として読み込みました。"
        ),
        N::BytesReplaced { encoding } => {
            format!("{encoding} として正しくないバイトがあったため、置き換えて読み込みました。")
        }
        N::UnknownVersion { version } => format!(
            "バージョン \"{version}\" は 1.0、1.1、1.2 のいずれでもありません。仕様案の指示どおり、1.1 として読み込みました。"
        ),
        N::NoVersion => "<clientConfig> にバージョンがないため、1.1 として読み込みました。".to_string(),
        N::ExtraProviders { count, line } => format!(
            "<emailProvider> が {count} 個あります。Thunderbird と同じく、最初のもの（{line} 行目）だけを使います。"
        ),
        N::NoId { domain } => format!(
            "<emailProvider> に id がないため、最初のドメイン {domain} の名前で呼んでいます。"
        ),
        N::OtherPop3Retention { line } => format!(
            "{line} 行目の POP3 サーバーは、優先されるサーバーとは異なる保存設定（サーバーにメールを残すかどうか）を新しい端末に渡します。"
        ),
        N::NoUsableServer { element } => format!(
            "使える <{element}> がありません。Thunderbird はこのファイルを受け付けません。"
        ),
        N::EmptyDomain { line } => format!("{line} 行目の空の <domain> は無視しました。"),
        N::DomainAgain { domain, line } => format!(
            "ドメイン {domain} が {line} 行目でもう一度書かれています。1 つとして数えました。"
        ),
        N::ServerNoType { element, line } => format!(
            "{line} 行目の <{element}> に種類がないため、\"unknown\" として扱います。"
        ),
        N::ServerNoHost {
            element,
            server_type,
            line,
        } => format!(
            "{line} 行目の <{element} type=\"{server_type}\"> にはホスト名も URL もありません。Thunderbird と同じく読み飛ばしました。"
        ),
        N::BadPort { value, line } => format!(
            "{line} 行目のポート \"{value}\" はポート番号ではありません。"
        ),
        N::BadSocketType { value, line } => format!(
            "{line} 行目の socketType \"{value}\" は plain、SSL、STARTTLS のいずれでもないため、暗号化は不明です。"
        ),
        N::BadAuthentication { value, line } => format!(
            "{line} 行目の認証方式 \"{value}\" は、この形式で定められたものではありません。"
        ),
        N::UnclosedPlaceholder {
            field,
            value,
            line,
            placeholder,
        } => format!(
            "{line} 行目の {field} \"{value}\" には閉じる % のない %{placeholder} があります。メールソフトはこれを文字どおりに使います。"
        ),
        N::BadLeave { value, line } => format!(
            "{line} 行目の leaveMessagesOnServer \"{value}\" は true でも false でもありません。Thunderbird はこの値も日数も無視します。"
        ),
        N::NoDownloadOnBiff { line } => format!(
            "downloadOnBiff が false です（{line} 行目）。新しく設定した端末は新着メールを確認するだけで、ダウンロードは手動で行うときだけになります。"
        ),
        N::CheckIntervalIgnored { minutes, line } => format!(
            "checkInterval の {minutes} 分（{line} 行目）は Thunderbird では使われず、10 分ごとに確認します。"
        ),
        N::BadDays { value, line } => format!(
            "{line} 行目の daysToLeaveMessagesOnServer \"{value}\" は数値ではないため、Thunderbird は 14 日間残します。"
        ),
        N::NoRetention => "Autodiscover には、POP3 のメールをサーバーに残す設定がありません。このファイルから設定した端末では、メールソフトの既定の設定がそのまま使われます。".to_string(),
        N::ProtocolNoServer { protocol, line } => format!(
            "{line} 行目の <Protocol> {protocol} にはサーバーが書かれていないため、読み飛ばしました。"
        ),
        N::AdBadPort { value, line } => format!(
            "{line} 行目の Port \"{value}\" はポート番号ではありません。"
        ),
        N::EncryptionTls { line } => format!(
            "{line} 行目の Encryption TLS は、Outlook のアカウント設定画面の呼び方に合わせて STARTTLS として読み込みました。Microsoft の文書では確認できていません。"
        ),
        N::UnknownEncryption { value, line } => format!(
            "{line} 行目の Encryption \"{value}\" は SSL、TLS、None のいずれでもないため、SSL の要素で判断します。"
        ),
        N::SslOnPort { port, line } => format!(
            "{line} 行目で SSL がオン、ポートが {port} です。Outlook がこのポートで STARTTLS を使うのか、最初から TLS で接続するのかは公開されていません。TLS として読み込みました。"
        ),
        N::NoLoginName { line } => format!(
            "{line} 行目の <Protocol> に LoginName がありません。形式の説明どおり、アドレスの @ より前の部分をログイン名とみなしました。"
        ),
        N::DomainFromServers { domains } => format!(
            "ファイルにアドレスが書かれていないため、サーバー名からメールのドメインを {} とみなしました。",
            domains.join("、")
        ),
    }
}
