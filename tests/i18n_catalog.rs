//! Every assumption, inactive reason and provider note has a sentence in each language: a new
//! kind fails to build here until it is listed, and fails the test until both catalogs say it.

use mailaudit::model::assumption::{
    AccountType, Assumption, Inactive, LegacyCause, LegacyChange, LegacyOutcome, PrefType,
    PrefValue, ProviderNote, ServerCopies, SmtpShape, Writer,
};
use mailaudit::model::{Auth, Fetch, Lang, Protocol, Security};
use mailaudit::report::i18n::assumptions::{inactive, note, text};

/// A number per variant; the exhaustive match makes a new variant a build error here.
fn assumption_index(a: &Assumption) -> usize {
    use Assumption as A;
    match a {
        A::TbDefaultRejected { .. } => 0,
        A::TbDefaultIgnored { .. } => 1,
        A::TbValueIgnored { .. } => 2,
        A::TbValueIgnoredDefault { .. } => 3,
        A::TbUnknownServerType { .. } => 4,
        A::TbNoUserName { .. } => 5,
        A::TbTryStarttls { .. } => 6,
        A::TbUnknownSocketType { .. } => 7,
        A::TbInvalidPort { .. } => 8,
        A::TbExchangeCheckDefault => 9,
        A::TbUnknownTypeNoCheck => 10,
        A::TbNoTimer { .. } => 11,
        A::TbZeroDays { .. } => 12,
        A::TbNegativeDays { .. } => 13,
        A::TbNegativeMaxSize { .. } => 14,
        A::TbProfileChooser { .. } => 15,
        A::PopstateOtherServer { .. } => 16,
        A::Tb115Differs { .. } => 17,
        A::BeckyFolderNotListed { .. } => 18,
        A::BeckyUnknownProtocol { .. } => 19,
        A::BeckyLoginFromAddress => 20,
        A::BeckyLoginFromAddressReason => 21,
        A::BeckyNoSslKey => 22,
        A::BeckyStandardPort => 23,
        A::BeckyImapAuthUnknown => 24,
        A::BeckyNoPop3Auth => 25,
        A::BeckyNoCheckInt => 26,
        A::BeckyNoLeaveServer => 27,
        A::BeckyNoLeaveServerReason => 28,
        A::BeckyKeepDaysNotPositive { .. } => 29,
        A::BeckyKeepDaysNotPositiveReason => 30,
        A::BeckyNoKeepDays => 31,
        A::BeckyNoKeepDaysReason => 32,
        A::BeckyLocalDeleteUnknown => 33,
        A::BeckyLocalDeleteKeyUnknown => 34,
        A::BeckyNoHeadersOnlyKey => 35,
        A::SslOffOnTlsPort { .. } => 36,
        A::TlsFromPort { .. } => 37,
        A::SmtpTlsFromPort465 => 38,
        A::SmtpNoneOnPort465 => 39,
        A::SmtpAuto { .. } => 40,
        A::SmtpUndocumented { .. } => 41,
        A::SmtpCheckbox { .. } => 42,
        A::K9WebDavAsExchange => 43,
        A::K9UnknownDeletePolicy { .. } => 44,
        A::K9UnknownDeletePolicyReason { .. } => 45,
        A::K9SecurityFromPort { .. } => 46,
        A::K9SecurityFromPortReason => 47,
        A::K9AuthUnreadable => 48,
        A::K9NoAuth => 49,
        A::K9StandardPort { .. } => 50,
        A::SiteTlsAssumed => 51,
        A::GmailSchedule => 52,
        A::GmailScheduleReason => 53,
        A::IosNoFetchInterval => 54,
        A::NoFetchInterval => 55,
        A::NoFetchIntervalReason => 56,
        A::GmailLeaveUnticked => 57,
        A::SiteNotGiven => 58,
        A::RegLineUnreadable { .. } => 59,
        A::PrfUnmapped { .. } => 60,
        A::PrfSetupFile => 61,
        A::PrfNoSchedule => 62,
        A::PrfNoLeaveOnServer => 63,
        A::PrfNoLeaveOnServerOthers => 64,
        A::WlmCheckInterval => 65,
        A::OutlookSendReceive => 66,
        A::LegacyCheckInterval { .. } => 67,
        A::LegacyCheckIntervalReason { .. } => 68,
        A::LegacyNoLeaveMail { .. } => 69,
        A::OutlookExpressAsLiveMail => 70,
        A::OutlookOddType { .. } => 71,
        A::OldOutlookLeaveBits { .. } => 72,
        A::OutlookNoLeaveOnServer => 73,
        A::OutlookForeignValues { .. } => 74,
        A::OutlookNotDefaultProfile { .. } => 75,
        A::OutlookDefaultProfileUnknown => 76,
        A::LoginIsAddress { .. } => 77,
        A::LoginIsAddressReason { .. } => 78,
        A::SslPort { .. } => 79,
        A::SslPortReason { .. } => 80,
        A::LeaveBitsUndocumented { .. } => 81,
        A::LeaveBitsRemovalWithoutLeave { .. } => 82,
        A::LeaveBitsZeroDays { .. } => 83,
        A::FourFlagsRemovalWithoutLeave => 84,
        A::FourFlagsNoDays { .. } => 85,
        A::RegLinesUnreadable => 86,
        A::TbLocked { .. } => 87,
    }
}
const ASSUMPTION_KINDS: usize = 88;

fn note_index(n: &ProviderNote) -> usize {
    use ProviderNote as N;
    match n {
        N::DeclaredBytesReplaced { .. } => 0,
        N::UnknownEncoding { .. } => 1,
        N::GuessedEncoding { .. } => 2,
        N::BytesReplaced { .. } => 3,
        N::UnknownVersion { .. } => 4,
        N::NoVersion => 5,
        N::ExtraProviders { .. } => 6,
        N::NoId { .. } => 7,
        N::OtherPop3Retention { .. } => 8,
        N::NoUsableServer { .. } => 9,
        N::EmptyDomain { .. } => 10,
        N::DomainAgain { .. } => 11,
        N::ServerNoType { .. } => 12,
        N::ServerNoHost { .. } => 13,
        N::BadPort { .. } => 14,
        N::BadSocketType { .. } => 15,
        N::BadAuthentication { .. } => 16,
        N::UnclosedPlaceholder { .. } => 17,
        N::BadLeave { .. } => 18,
        N::NoDownloadOnBiff { .. } => 19,
        N::CheckIntervalIgnored { .. } => 20,
        N::BadDays { .. } => 21,
        N::NoRetention => 22,
        N::ProtocolNoServer { .. } => 23,
        N::AdBadPort { .. } => 24,
        N::EncryptionTls { .. } => 25,
        N::UnknownEncryption { .. } => 26,
        N::SslOnPort { .. } => 27,
        N::NoLoginName { .. } => 28,
        N::DomainFromServers { .. } => 29,
    }
}
const NOTE_KINDS: usize = 30;

fn inactive_index(i: &Inactive) -> usize {
    match i {
        Inactive::OtherProfileStarts { .. } => 0,
    }
}
const INACTIVE_KINDS: usize = 1;

fn s(v: &str) -> String {
    v.to_string()
}

fn pref(ty: PrefType, shown: &str) -> PrefValue {
    PrefValue {
        ty,
        shown: s(shown),
    }
}

/// Every kind of change an older Thunderbird can make, in one outcome.
fn every_change() -> Vec<LegacyChange> {
    let fetch = |automatic, interval_minutes, at_startup| Fetch {
        automatic,
        interval_minutes,
        at_startup,
    };
    let smtp = |port| SmtpShape {
        host: s("smtp.example.jp"),
        security: Security::Starttls,
        port,
    };
    vec![
        LegacyChange::Protocol {
            old: Protocol::Unknown,
            new: Protocol::Pop3,
        },
        LegacyChange::Host {
            old: s("old.example.jp"),
            new: s("pop.example.jp"),
        },
        LegacyChange::Username {
            old: s(""),
            new: s("info@example.jp"),
        },
        LegacyChange::Connection {
            old_security: Security::None,
            old_port: None,
            new_security: Security::Tls,
            new_port: Some(995),
        },
        LegacyChange::Auth {
            old: Auth::PasswordCleartext,
            new: Auth::Oauth2,
        },
        LegacyChange::Fetch {
            old: fetch(false, None, true),
            new: fetch(true, Some(10), false),
        },
        LegacyChange::Fetch {
            old: fetch(true, None, false),
            new: fetch(false, None, false),
        },
        LegacyChange::ServerCopies {
            old: ServerCopies::RemovesAtDownload,
            new: ServerCopies::KeepsDays { days: 14 },
        },
        LegacyChange::ServerCopies {
            old: ServerCopies::KeepsUntilDeleted,
            new: ServerCopies::KeepsForever,
        },
        LegacyChange::SizeLimit {
            old: Some(50),
            new: None,
        },
        LegacyChange::Identities {
            old: vec![],
            new: vec![s("info@example.jp")],
        },
        LegacyChange::Smtp {
            old: vec![smtp(None)],
            new: vec![smtp(Some(587))],
        },
    ]
}

/// One value of every assumption kind, and extra values for the parts that vary inside one.
fn every_assumption() -> Vec<Assumption> {
    use Assumption as A;
    let key = || s("server2");
    let bom = LegacyCause::Bom {
        file: s("PC-A/prefs.js"),
        pref: s("mail.server.server2.leave_on_server"),
    };
    let default = |line| LegacyCause::Default {
        file: s("PC-A/user.js"),
        line,
        pref: s("mail.server.server2.leave_on_server"),
        keyword: s("pref"),
    };
    let mut all = vec![
        A::TbDefaultRejected {
            pref: s("mail.server.default.check_time"),
            value: pref(PrefType::String, "\"5\""),
            file: s("PC-A/user.js"),
            line: 2,
            expected: PrefType::Number,
        },
        A::TbDefaultIgnored {
            pref: s("mail.server.default.foo"),
            value: pref(PrefType::Bool, "true"),
            file: s("PC-A/prefs.js"),
            line: 3,
        },
        A::TbValueIgnored {
            pref: s("mail.server.server2.check_time"),
            value: pref(PrefType::String, "\"5\""),
            file: s("PC-A/prefs.js"),
            line: 4,
            default_pref: Some(s("mail.server.default.check_time")),
            applies: s("3"),
        },
        A::TbValueIgnored {
            pref: s("mail.server.server2.check_time"),
            value: pref(PrefType::Number, "5"),
            file: s("PC-A/prefs.js"),
            line: 4,
            default_pref: None,
            applies: s("10"),
        },
        A::TbValueIgnoredDefault {
            pref: s("mail.server.server2.socketType"),
            value: pref(PrefType::String, "\"3\""),
            default: s("0"),
        },
        A::TbUnknownServerType {
            key: key(),
            server_type: s("owl"),
        },
        A::TbNoUserName { key: key() },
        A::TbTryStarttls {
            pref: s("mail.server.server2.socketType"),
        },
        A::TbUnknownSocketType {
            pref: s("mail.server.server2.socketType"),
            value: 7,
        },
        A::TbInvalidPort { port: 70000 },
        A::TbExchangeCheckDefault,
        A::TbUnknownTypeNoCheck,
        A::TbNoTimer {
            key: key(),
            minutes: 0,
        },
        A::TbZeroDays { key: key() },
        A::TbNegativeDays {
            key: key(),
            days: -1,
        },
        A::TbNegativeMaxSize {
            key: key(),
            max: -5,
        },
        A::TbProfileChooser {
            file: s("PC-A/profiles.ini"),
            line: 2,
        },
        A::TbLocked {
            pref: s("mail.server.server1.leave_on_server"),
            value: s("true"),
            file: s("PC-A/Program Files/Mozilla Thunderbird/office.cfg"),
            line: 3,
        },
        A::PopstateOtherServer {
            file: s("PC-A/popstate.dat"),
            named: vec![s("other.example u")],
            more: 3,
            host: s("pop.example.jp"),
            user: s("u"),
        },
        A::Tb115Differs {
            causes: vec![bom.clone(), default(5)],
            more: 2,
            files: vec![],
            outcome: LegacyOutcome::Differs {
                changes: every_change(),
            },
        },
        A::Tb115Differs {
            causes: vec![default(5), default(6), default(7)],
            more: 0,
            files: vec![],
            outcome: LegacyOutcome::Same,
        },
        A::Tb115Differs {
            causes: vec![],
            more: 0,
            files: vec![s("PC-A/prefs.js"), s("PC-A/user.js")],
            outcome: LegacyOutcome::NotLoaded,
        },
        A::BeckyFolderNotListed {
            folder: s("abcd1234.mb"),
        },
        A::BeckyUnknownProtocol { value: s("7") },
        A::BeckyLoginFromAddress,
        A::BeckyLoginFromAddressReason,
        A::BeckyNoSslKey,
        A::BeckyStandardPort,
        A::BeckyImapAuthUnknown,
        A::BeckyNoPop3Auth,
        A::BeckyNoCheckInt,
        A::BeckyNoLeaveServer,
        A::BeckyNoLeaveServerReason,
        A::BeckyKeepDaysNotPositive { days: 0 },
        A::BeckyKeepDaysNotPositiveReason,
        A::BeckyNoKeepDays,
        A::BeckyNoKeepDaysReason,
        A::BeckyLocalDeleteUnknown,
        A::BeckyLocalDeleteKeyUnknown,
        A::BeckyNoHeadersOnlyKey,
        A::SslOffOnTlsPort {
            key: s("POP3 Use SSL"),
            protocol: Protocol::Pop3,
            port: 995,
        },
        A::TlsFromPort {
            key: s("IMAP Use SSL"),
            protocol: Protocol::Imap,
            port: 993,
        },
        A::TlsFromPort {
            key: s("SSL"),
            protocol: Protocol::Unknown,
            port: 995,
        },
        A::SmtpTlsFromPort465,
        A::SmtpNoneOnPort465,
        A::SmtpAuto {
            security: Security::Tls,
            port: 465,
        },
        A::SmtpAuto {
            security: Security::Starttls,
            port: 587,
        },
        A::SmtpUndocumented { value: 9 },
        A::SmtpCheckbox {
            security: Security::Starttls,
            port: 587,
        },
        A::K9WebDavAsExchange,
        A::K9UnknownDeletePolicy {
            value: s("SOMETIMES"),
        },
        A::K9UnknownDeletePolicyReason {
            value: s("SOMETIMES"),
        },
        A::K9SecurityFromPort {
            security: Security::None,
        },
        A::K9SecurityFromPortReason,
        A::K9AuthUnreadable,
        A::K9NoAuth,
        A::K9StandardPort { port: 995 },
        A::SiteTlsAssumed,
        A::GmailSchedule,
        A::GmailScheduleReason,
        A::IosNoFetchInterval,
        A::NoFetchInterval,
        A::NoFetchIntervalReason,
        A::GmailLeaveUnticked,
        A::SiteNotGiven,
        A::RegLineUnreadable {
            line: 12,
            error: s("E12"),
        },
        A::RegLinesUnreadable,
        A::PrfUnmapped {
            key: s("LeaveOnServer"),
            section: s("Account1"),
        },
        A::PrfSetupFile,
        A::PrfNoSchedule,
        A::PrfNoLeaveOnServer,
        A::PrfNoLeaveOnServerOthers,
        A::WlmCheckInterval,
        A::OutlookSendReceive,
        A::LegacyCheckInterval {
            program: s("Outlook Express"),
        },
        A::LegacyCheckIntervalReason {
            program: s("Outlook 98/2000"),
        },
        A::LegacyNoLeaveMail {
            program: s("Outlook Express"),
        },
        A::OutlookExpressAsLiveMail,
        A::OutlookOddType {
            account: s("info"),
            account_type: AccountType::Http,
            protocol: Protocol::Pop3,
        },
        A::OutlookOddType {
            account: s("info"),
            account_type: AccountType::Unknown { clsid: s("{0}") },
            protocol: Protocol::Imap,
        },
        A::OutlookOddType {
            account: s("info"),
            account_type: AccountType::Missing,
            protocol: Protocol::Pop3,
        },
        A::OldOutlookLeaveBits {
            line: 20,
            then: None,
        },
        A::OldOutlookLeaveBits {
            line: 20,
            then: Some(Box::new(A::LeaveBitsZeroDays { value: 3 })),
        },
        A::OutlookNoLeaveOnServer,
        A::OutlookForeignValues {
            names: vec![s("Leave Mail On Server"), s("Expire Days")],
        },
        A::OutlookNotDefaultProfile {
            profile: s("Old"),
            default: s("Outlook"),
        },
        A::OutlookDefaultProfileUnknown,
        A::LeaveBitsUndocumented {
            value: 0x0e_0009,
            bits: 0x8,
        },
        A::LeaveBitsRemovalWithoutLeave { value: 0x6 },
        A::LeaveBitsZeroDays { value: 0x3 },
        A::FourFlagsRemovalWithoutLeave,
        A::FourFlagsNoDays { days_stored: true },
        A::FourFlagsNoDays { days_stored: false },
    ];
    let writers = [
        Writer::Prf,
        Writer::AccountFile,
        Writer::Outlook,
        Writer::Legacy {
            program: s("Outlook Express"),
        },
    ];
    for w in writers {
        all.push(A::LoginIsAddress {
            writer: w.clone(),
            key: s("POP3 User"),
        });
        all.push(A::LoginIsAddressReason {
            writer: w.clone(),
            key: s("POP3 User"),
        });
        all.push(A::SslPort {
            writer: w.clone(),
            key: s("POP3 Port"),
            port: 995,
        });
        all.push(A::SslPortReason {
            writer: w,
            key: s("POP3 Port"),
            port: 995,
        });
    }
    all
}

fn every_note() -> Vec<ProviderNote> {
    use ProviderNote as N;
    vec![
        N::DeclaredBytesReplaced {
            encoding: s("Shift_JIS"),
        },
        N::UnknownEncoding { label: s("x-foo") },
        N::GuessedEncoding {
            encoding: s("windows-1252"),
        },
        N::BytesReplaced {
            encoding: s("UTF-8"),
        },
        N::UnknownVersion { version: s("9") },
        N::NoVersion,
        N::ExtraProviders { count: 2, line: 3 },
        N::NoId {
            domain: s("example.jp"),
        },
        N::OtherPop3Retention { line: 9 },
        N::NoUsableServer {
            element: s("incomingServer"),
        },
        N::EmptyDomain { line: 4 },
        N::DomainAgain {
            domain: s("example.jp"),
            line: 5,
        },
        N::ServerNoType {
            element: s("incomingServer"),
            line: 6,
        },
        N::ServerNoHost {
            element: s("incomingServer"),
            server_type: s("pop3"),
            line: 7,
        },
        N::BadPort {
            value: s("x"),
            line: 8,
        },
        N::BadSocketType {
            value: s("TLS1"),
            line: 9,
        },
        N::BadAuthentication {
            value: s("magic"),
            line: 10,
        },
        N::UnclosedPlaceholder {
            field: s("username"),
            value: s("%EMAIL"),
            line: 11,
            placeholder: s("EMAIL"),
        },
        N::BadLeave {
            value: s("yes"),
            line: 12,
        },
        N::NoDownloadOnBiff { line: 13 },
        N::CheckIntervalIgnored {
            minutes: s("15"),
            line: 14,
        },
        N::BadDays {
            value: s("x"),
            line: 15,
        },
        N::NoRetention,
        N::ProtocolNoServer {
            protocol: s("POP3"),
            line: 16,
        },
        N::AdBadPort {
            value: s("x"),
            line: 17,
        },
        N::EncryptionTls { line: 18 },
        N::UnknownEncryption {
            value: s("Auto"),
            line: 19,
        },
        N::SslOnPort {
            port: 110,
            line: 20,
        },
        N::NoLoginName { line: 21 },
        N::DomainFromServers {
            domains: vec![s("example.jp")],
        },
    ]
}

fn every_inactive() -> Vec<Inactive> {
    vec![Inactive::OtherProfileStarts {
        profile: s("Profiles/aaaa.a"),
        file: s("PC-A/profiles.ini"),
        line: 4,
    }]
}

fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}')
}

/// English words that only an untranslated sentence would hold (the values above avoid them).
const ENGLISH: [&str; 29] = [
    "the", "is", "are", "was", "were", "not", "and", "which", "assumed", "taken", "so", "with",
    "from", "of", "to", "it", "its", "this", "there", "only", "when", "read", "has", "no", "at",
    "line", "ignored", "missing", "type",
];

fn check(en: &str, ja: &str) -> Result<(), String> {
    if en.trim().is_empty() {
        return Err(format!("no English for {ja}"));
    }
    if !ja.chars().any(is_japanese) {
        return Err(format!("no Japanese characters: {ja}"));
    }
    // Names from files (`mail.server.x.num_days_to_leave_on_server`, `KeepDays=0`) are not prose.
    let words: Vec<String> = ja
        .split(|c: char| !(c.is_ascii_alphanumeric() || "_./=%@-".contains(c)))
        .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
        .collect();
    if let Some(w) = words.iter().find(|w| ENGLISH.contains(&w.as_str())) {
        return Err(format!("English word `{w}` left in: {ja}"));
    }
    if en == ja {
        return Err(format!("not translated: {ja}"));
    }
    // Japanese prose takes full-width parentheses; ASCII ones belong to code such as `pref()`.
    let prose = ja.replace("()", "");
    if prose.contains('(') || prose.contains(')') {
        return Err(format!("ASCII parentheses in Japanese: {ja}"));
    }
    Ok(())
}

/// The check has teeth: each English sentence, dressed with Japanese, is still caught.
fn catches_english(en: &str) {
    assert!(
        check(en, &format!("{en}です")).is_err(),
        "the check would miss this English sentence: {en}"
    );
}

fn covers<T>(items: &[T], index: impl Fn(&T) -> usize, kinds: usize) {
    let mut seen = vec![false; kinds];
    for i in items {
        let n = index(i);
        assert!(
            n < kinds,
            "index {n} is past the count {kinds}: raise the count"
        );
        seen[n] = true;
    }
    let missing: Vec<usize> = (0..kinds).filter(|n| !seen[*n]).collect();
    assert!(
        missing.is_empty(),
        "kinds without a sample value: {missing:?}"
    );
}

#[test]
fn every_assumption_kind_has_english_and_japanese() {
    let all = every_assumption();
    covers(&all, assumption_index, ASSUMPTION_KINDS);
    for a in &all {
        catches_english(&text(a, Lang::En));
    }
    let bad: Vec<String> = all
        .iter()
        .filter_map(|a| check(&text(a, Lang::En), &text(a, Lang::Ja)).err())
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_provider_note_kind_has_english_and_japanese() {
    let all = every_note();
    covers(&all, note_index, NOTE_KINDS);
    for n in &all {
        catches_english(&note(n, Lang::En));
    }
    let bad: Vec<String> = all
        .iter()
        .filter_map(|n| check(&note(n, Lang::En), &note(n, Lang::Ja)).err())
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_inactive_reason_has_english_and_japanese() {
    let all = every_inactive();
    covers(&all, inactive_index, INACTIVE_KINDS);
    for i in &all {
        catches_english(&inactive(i, Lang::En));
        check(&inactive(i, Lang::En), &inactive(i, Lang::Ja)).unwrap();
    }
}

#[test]
fn typed_kinds_serialize_with_a_kebab_case_kind() {
    let v = serde_json::to_value(Assumption::TbZeroDays { key: s("server2") }).unwrap();
    assert_eq!(v["kind"], "tb-zero-days");
    assert_eq!(v["key"], "server2");
    let v = serde_json::to_value(ProviderNote::NoRetention).unwrap();
    assert_eq!(v["kind"], "no-retention");
}

/// Every folder case, localized in Japanese: each sentence field is filled, in Japanese, one per
/// typed entry; and English again gives back exactly the report `scan` made.
#[test]
fn localize_fills_every_text_field_of_the_folder_cases() {
    use mailaudit::model::Origin;
    use mailaudit::report::i18n::assumptions::localize;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let (mut assumptions, mut reasons, mut inactive, mut notes) = (0, 0, 0, 0);
    for case in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
        let input = case.path().join("input");
        if !input.is_dir() {
            continue;
        }
        let mut report = mailaudit::scan::scan(&[input], None).unwrap();
        let english = mailaudit::report::json::render(&report);
        localize(&mut report.accesses, &mut report.providers, Lang::Ja);
        for a in &report.accesses {
            assert_eq!(a.assumption_text.len(), a.assumptions.len());
            assumptions += a.assumption_text.len();
            for t in &a.assumption_text {
                assert!(t.chars().any(is_japanese), "{t}");
            }
            assert_eq!(a.inactive_text.is_some(), a.inactive.is_some());
            if let Some(t) = &a.inactive_text {
                inactive += 1;
                assert!(t.chars().any(is_japanese), "{t}");
            }
            for o in a.provenance.values() {
                if let Origin::Assumed { reason, .. } = o {
                    reasons += 1;
                    assert!(reason.chars().any(is_japanese), "{reason}");
                }
            }
        }
        for p in &report.providers {
            assert_eq!(p.note_text.len(), p.notes.len());
            notes += p.note_text.len();
            for t in &p.note_text {
                assert!(t.chars().any(is_japanese), "{t}");
            }
        }
        localize(&mut report.accesses, &mut report.providers, Lang::En);
        assert_eq!(mailaudit::report::json::render(&report), english);
    }
    // The cases hold each kind of text, so the loop above checked something.
    assert!(assumptions > 0 && reasons > 0 && inactive > 0 && notes > 0);
}
