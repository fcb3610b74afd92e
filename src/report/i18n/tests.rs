//! Every finding kind, effect and lifetime through both catalogs.

use super::*;
use crate::model::{Fill, FindingKind, Missed, Piled, Reader, RuleId, Severity};

/// One finding of every kind. The match makes a new kind fail to compile here until it is
/// listed, so it cannot miss a language.
fn every_kind() -> Vec<FindingKind> {
    let r = Reader::device("PC-A");
    let full = Reader {
        device: "PC-B".into(),
        program: Some("outlook".into()),
        account: Some("info".into()),
        profile: None,
    };
    let kinds = vec![
        FindingKind::RemovesAtDownload {
            device: "PC-C".into(),
            program: "outlook".into(),
            by_days: false,
            every_minutes: Some(10),
            remover: Reader::device("PC-C"),
            readers: vec![r.clone(), full.clone()],
            missed: Some(Missed {
                reader: r.clone(),
                percent: 75,
                intervals_assumed: true,
            }),
            other_profile_only: true,
        },
        FindingKind::ShortWindow {
            device: "PC-B".into(),
            program: "thunderbird".into(),
            days: 3,
            away_device: "PC-A".into(),
            away_days: 7,
            lost_days: 4,
        },
        FindingKind::NeverRemoved {
            devices: vec!["PC-A".into(), "PC-B".into()],
            by_user: vec!["PC-B".into()],
            piled: Some(Piled {
                kept: 40,
                span_days: 20,
            }),
            fill: Fill::InDays {
                days: 17,
                daily_bytes: 25_000_000,
                quota_bytes: 1_000_000_000,
                counting_stored: true,
            },
        },
        FindingKind::DeleteFollowsUser {
            device: "PC-B".into(),
            program: "thunderbird-android".into(),
            others: vec![r.clone()],
        },
        FindingKind::PopImapMix {
            viewers: vec!["Phone".into()],
            removers: vec!["PC-C".into()],
        },
        FindingKind::HeadersOnly {
            device: "PC-A".into(),
            program: "thunderbird".into(),
            size_limit_kib: Some(50),
        },
        FindingKind::SharedAddress {
            devices: vec!["PC-A".into(), "PC-B".into(), "PC-C".into()],
        },
        FindingKind::Unencrypted {
            device: "PC-A".into(),
            protocol: "POP3".into(),
            host: "pop.example.jp".into(),
            password_in_clear: true,
        },
        FindingKind::SenderDomain {
            device: "PC-A".into(),
            identity: "info@example.com".into(),
            domain: "example.com".into(),
            mailbox_domain: "example.jp".into(),
        },
        FindingKind::ProviderRetention {
            profile: "autoconfig/config-v1.1.xml".into(),
            domain: "example.jp".into(),
            offered_days: Some(3),
            plan_days: 14,
            pop3_alternative: true,
            devices: vec!["PC-A".into()],
        },
        FindingKind::ProviderHosts {
            profile: "autoconfig/config-v1.1.xml".into(),
            root: Some("Office Folder".into()),
            domain: "example.jp".into(),
            offered: vec!["pop.new.jp".into()],
            used: vec!["pop.old.jp".into()],
        },
    ];
    for k in &kinds {
        match k {
            FindingKind::RemovesAtDownload { .. }
            | FindingKind::ShortWindow { .. }
            | FindingKind::NeverRemoved { .. }
            | FindingKind::DeleteFollowsUser { .. }
            | FindingKind::PopImapMix { .. }
            | FindingKind::HeadersOnly { .. }
            | FindingKind::SharedAddress { .. }
            | FindingKind::Unencrypted { .. }
            | FindingKind::SenderDomain { .. }
            | FindingKind::ProviderRetention { .. }
            | FindingKind::ProviderHosts { .. } => {}
        }
    }
    kinds
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF))
}

/// Japanese prose takes full-width parentheses; ASCII ones belong to code such as `pref()`.
fn ascii_parens(s: &str) -> bool {
    let prose = s.replace("()", "");
    prose.contains('(') || prose.contains(')')
}

/// A run of four or more ASCII words in a row is an English sentence left in Japanese text
/// (names, hosts and settings keys are single tokens).
fn english_run(s: &str) -> Option<String> {
    let mut run = Vec::new();
    for w in s.split_whitespace() {
        if w.chars()
            .all(|c| c.is_ascii_alphabetic() || ",.'".contains(c))
            && w.len() > 1
        {
            run.push(w);
            if run.len() >= 4 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}

#[test]
fn every_finding_kind_has_words_in_both_languages() {
    for kind in every_kind() {
        let mut f = Finding::new(
            RuleId::DeleteOnDownload,
            Severity::Critical,
            "info@example.jp",
            vec!["PC-A".into()],
            kind.clone(),
        );
        f.probably = true;
        for lang in [Lang::En, Lang::Ja] {
            let c = catalog(lang);
            let t = c.finding(&f);
            for text in [&t.message, &t.why, &t.fix] {
                assert!(!text.trim().is_empty(), "{kind:?} in {lang:?}");
            }
            if lang == Lang::Ja {
                for text in [&t.message, &t.why, &t.fix] {
                    assert!(has_japanese(text), "not Japanese: {text}");
                    assert_eq!(english_run(text), None, "English left in: {text}");
                    assert!(!ascii_parens(text), "ASCII parentheses in: {text}");
                }
                assert!(has_japanese(&c.probably(&t.message, "理由")));
            }
            if let Some(step) = c.first_step(&f) {
                assert!(!step.is_empty());
            }
        }
    }
}

#[test]
fn every_rule_is_documented_in_japanese() {
    let ja = catalog(Lang::Ja);
    for rule in crate::analyze::all() {
        let t = ja.rule_doc(rule.doc());
        for text in [t.summary, t.what, t.why, t.example, t.fix] {
            assert!(has_japanese(text), "{}: {text}", rule.doc().id);
            assert!(!ascii_parens(text), "ASCII parentheses in: {text}");
        }
    }
}

#[test]
fn effects_and_lifetimes_have_words_in_both_languages() {
    use crate::analyze::simulate::Lifetime;
    use crate::model::Effect;
    for lang in [Lang::En, Lang::Ja] {
        let c = catalog(lang);
        for e in [
            Effect::RemovesAtDownload,
            Effect::KeepsDays(1),
            Effect::KeepsDays(14),
            Effect::KeepsUntilDeleted,
            Effect::KeepsForever,
        ] {
            assert!(!c.effect(e).is_empty());
        }
        for l in [
            Lifetime::NextFetch("PC-C", Some(10)),
            Lifetime::NextFetch("PC-C", None),
            Lifetime::Days("PC-B", 3),
            Lifetime::UserDelete("PC-B"),
            Lifetime::Forever,
            Lifetime::NotPop,
        ] {
            let w = c.lifetime(&l);
            assert!(!w.is_empty());
            if lang == Lang::Ja {
                assert!(has_japanese(&w), "{w}");
            }
        }
    }
}

#[test]
fn the_english_catalog_joins_lists_as_sentences_do() {
    let en = catalog(Lang::En);
    let ja = catalog(Lang::Ja);
    let three = ["A".to_string(), "B".to_string(), "C".to_string()];
    assert_eq!(en.join(&three), "A, B and C");
    assert_eq!(ja.join(&three), "A、B、C");
    assert_eq!(ja.join(&three[..2]), "A と B");
}

#[test]
fn the_migrate_command_in_a_fix_runs_as_written() {
    assert_eq!(
        migrate_command(Some("tests/office"), "autoconfig/config-v1.1.xml"),
        "mailaudit migrate tests/office --to tests/office/autoconfig/config-v1.1.xml"
    );
    assert_eq!(
        migrate_command(Some("My Office/"), "it's.xml"),
        "mailaudit migrate 'My Office/' --to 'My Office/it'\\''s.xml'"
    );
}

/// One problem of every kind. The match makes a new kind fail to compile here until it is
/// listed, so it cannot miss a language.
fn every_problem_kind() -> Vec<crate::model::ProblemKind> {
    use crate::model::{FileFormat, IoCause, ProblemKind as P, SyntaxCode};
    let mut kinds = vec![
        P::Syntax {
            code: SyntaxCode::PrefsSyntax,
            message: "prefs parse error: expected `;` after the closing parenthesis".into(),
        },
        P::BytesNotValid {
            encoding: "windows-1252".into(),
            part: crate::model::TextPart::NamesOrHosts,
        },
        P::BytesNotValid {
            encoding: "Shift_JIS".into(),
            part: crate::model::TextPart::Values,
        },
        P::NotTcpPort {
            setting: Some("POP3 Port".into()),
            number: 70_000,
        },
        P::NotTcpPort {
            setting: None,
            number: 0,
        },
        P::RetentionUndocumented {
            program: Some("Outlook".into()),
            account: "info".into(),
            anomaly: crate::model::RetentionAnomaly::LeaveBitsZeroDays { value: 3 },
        },
        P::RetentionUndocumented {
            program: None,
            account: "info".into(),
            anomaly: crate::model::RetentionAnomaly::FourFlagsNoDays { days_stored: true },
        },
        P::TooLarge {
            bytes: 40_000_000,
            limit_mib: 32,
        },
        P::NotAFile,
        P::SpecialFile,
        P::SymlinkNotFollowed,
        P::ThroughLink {
            link: "PC-A/Mail".into(),
        },
        P::LeavesFolder,
        P::NotAClientFile,
        P::SiteInDeviceFolder,
        P::SiteNotUsed {
            given: "other/site.toml".into(),
        },
        P::GivenTwice {
            also: "office/".into(),
        },
        P::InsideAnother {
            folder: "office".into(),
        },
        P::MoreProblems { count: 150 },
        P::NoClientSettings {
            looked_in: vec!["~/.thunderbird".into(), "~/.icedove".into()],
        },
        P::ValuesCut {
            fields: vec!["host".into(), "identities".into(), "unknown-field".into()],
            limit_bytes: 4096,
        },
        P::SiteDeviceUnknown {
            device: "PC-Z".into(),
        },
        P::SiteMailboxUnmatched {
            mailbox: "info@example.jp".into(),
            found: vec!["sales@example.jp".into()],
            more: 3,
        },
        P::SiteMainNotReader {
            main: "PC-Z".into(),
            mailbox: "info@example.jp".into(),
            readers: vec!["PC-A".into(), "PC-B".into()],
        },
        P::SiteForwardNotReader {
            device: "PC-Q".into(),
            mailbox: "info@example.jp".into(),
        },
        P::ExportNotUtf8 {
            encoding: "windows-1252".into(),
        },
        P::NotUtf8OrCp932 {
            encoding: "windows-1252".into(),
        },
        P::PrefsUtf16 {
            file: "prefs.js".into(),
            encoding: "UTF-16LE".into(),
        },
        P::FolderListMissing {
            folder: "7777aaaa.mb".into(),
        },
        P::FolderListUnchecked {
            count: 12,
            checked: 100,
        },
        P::NotWholeNumber {
            key: "KeepDays".into(),
            value: "ten".into(),
        },
        P::UnknownValue {
            key: "Protocol".into(),
            value: "7".into(),
            read_as: Some("POP3".into()),
        },
        P::UnknownValue {
            key: "POP3Auth".into(),
            value: "9".into(),
            read_as: None,
        },
        P::MailboxNoServer {
            mailbox: "info".into(),
        },
        P::MailboxNoLogin {
            mailbox: "info".into(),
        },
        P::LeaveServerNotFlag { value: "2".into() },
        P::NegativeKeepDays { days: -3 },
        P::AccountNoIncoming {
            account: "info".into(),
        },
        P::AccountNoHost {
            account: "info".into(),
        },
        P::AccountNoUsername {
            account: "info".into(),
        },
        P::AccountUnknownValue {
            account: "info".into(),
            setting: "deletePolicy".into(),
            value: Some("SOMETIMES".into()),
            fallback: Some("NEVER".into()),
        },
        P::AccountUnknownValue {
            account: "info".into(),
            setting: "incoming server type".into(),
            value: None,
            fallback: None,
        },
        P::AccountNotNumber {
            account: "info".into(),
            setting: "automaticCheckIntervalMinutes".into(),
            value: "often".into(),
        },
        P::AccountBadPort {
            account: "info".into(),
            value: "99999".into(),
        },
        P::EmptyRoot {
            element: "MessageAccount".into(),
        },
        P::DoctypeIgnored,
        P::AccountFileCutShort,
        P::NotDword {
            element: "POP3_Port".into(),
        },
        P::EntityNotExpanded {
            element: "Account_Name".into(),
            secret: false,
        },
        P::EntityNotExpanded {
            element: "POP3_Password2".into(),
            secret: true,
        },
        P::AccountNoServerKey {
            account: "info".into(),
        },
        P::AccountNoLogin {
            account: "info".into(),
            key: "POP3UserName".into(),
        },
        P::AccountNotPopImap {
            account: "info".into(),
            account_type: "HTTP_I_MAIL".into(),
        },
        P::SectionNoServer {
            section: "Account1".into(),
            key: "POP3Server".into(),
            account: "info".into(),
        },
        P::AccountListMissing {
            account: "Account2".into(),
        },
        P::NotNumber {
            key: "POP3Port".into(),
        },
        P::NoAccountList {
            pref: "mail.accountmanager.accounts".into(),
        },
        P::PrefsBom {
            file: "prefs.js".into(),
            lost: Some(("mail.server.server1.type".into(), 1)),
        },
        P::PrefsBom {
            file: "user.js".into(),
            lost: None,
        },
        P::ProfileNotCollected {
            name: "default".into(),
            path: "Profiles/abcd.default".into(),
        },
        P::DefaultProfileNotCollected {
            path: "Profiles/abcd.default".into(),
        },
        P::ProfileNotLoaded {
            section: "Profile3".into(),
            stops_at: 2,
        },
        P::AutoConfigNotEvaluated,
        P::ExportCutShort {
            open: "accounts".into(),
        },
        P::DtdRefused,
        P::TooDeep { limit: 64 },
        P::SecondRoot,
        P::ExportFormatUnsupported {
            format: "missing".into(),
        },
        P::ExportNoVersion,
        P::SecondAccounts,
        P::SecondServer,
        P::ProfileWrongRoot {
            found: "html".into(),
            expected: "clientConfig".into(),
        },
        P::NoEmailProvider,
        P::NoDomain,
        P::NoResponse,
        P::AutodiscoverError {
            message: "InvalidUser".into(),
        },
        P::AutodiscoverRequest,
        P::NoAccount,
        P::Redirect {
            action: "redirectAddr".into(),
            target: "info@example.com".into(),
        },
        P::NoMailDomain,
        P::AccountListNotString {
            pref: "mail.accountmanager.accounts".into(),
        },
        P::ListedAccountNoServer {
            list: "mail.accountmanager.accounts".into(),
            account: "account2".into(),
            server_pref: "mail.account.account2.server".into(),
        },
        P::OutlookTypeNotAudited {
            account: "info".into(),
            account_type: crate::model::assumption::AccountType::Http,
        },
        P::OutlookNoServer {
            account: "info".into(),
            prefix: "POP3".into(),
        },
        P::OutlookNoLogin {
            account: "info".into(),
            prefix: "POP3".into(),
        },
        P::NoOutlookAccountKeys,
        P::RegAccountCutShort {
            key: "00000002".into(),
        },
        P::RegNotString {
            value: "POP3 Server".into(),
        },
        P::RegNotText {
            value: "Account Name".into(),
        },
        P::RegNotDword {
            value: "Leave Mail On Server".into(),
        },
        P::ServerShared {
            account: "account2".into(),
            server: "server1".into(),
            first: "account1".into(),
        },
        P::ServerNoType {
            account: "account2".into(),
            server: "server2".into(),
        },
        P::ServerNoHost {
            account: "account2".into(),
            server_type: "pop3".into(),
            server: "server2".into(),
        },
    ];
    for cause in [IoCause::NotFound, IoCause::PermissionDenied, IoCause::Other] {
        kinds.push(P::CannotRead {
            cause,
            reason: "Is a directory (os error 21)".into(),
        });
    }
    for format in [
        FileFormat::BeckyMailbox,
        FileFormat::K9Export,
        FileFormat::WindowsMailAccount,
        FileFormat::OutlookPrf,
    ] {
        kinds.push(P::NotFormat { format });
        kinds.push(P::WrongRoot {
            found: "html".into(),
            format,
        });
    }
    for code in [
        SyntaxCode::RegSyntax,
        SyntaxCode::IniSyntax,
        SyntaxCode::XmlSyntax,
        SyntaxCode::TomlSyntax,
        SyntaxCode::JsonSyntax,
        SyntaxCode::PopstateSyntax,
    ] {
        kinds.push(P::Syntax {
            code,
            message: "bad".into(),
        });
    }
    for k in &kinds {
        match k {
            P::Syntax { .. }
            | P::CannotRead { .. }
            | P::TooLarge { .. }
            | P::NotAFile
            | P::SpecialFile
            | P::SymlinkNotFollowed
            | P::ThroughLink { .. }
            | P::LeavesFolder
            | P::NotAClientFile
            | P::NotFormat { .. }
            | P::SiteInDeviceFolder
            | P::SiteNotUsed { .. }
            | P::GivenTwice { .. }
            | P::InsideAnother { .. }
            | P::MoreProblems { .. }
            | P::NoClientSettings { .. }
            | P::ValuesCut { .. }
            | P::SiteDeviceUnknown { .. }
            | P::SiteMailboxUnmatched { .. }
            | P::SiteMainNotReader { .. }
            | P::SiteForwardNotReader { .. }
            | P::ExportNotUtf8 { .. }
            | P::NotUtf8OrCp932 { .. }
            | P::PrefsUtf16 { .. }
            | P::FolderListMissing { .. }
            | P::FolderListUnchecked { .. }
            | P::NotWholeNumber { .. }
            | P::UnknownValue { .. }
            | P::MailboxNoServer { .. }
            | P::MailboxNoLogin { .. }
            | P::LeaveServerNotFlag { .. }
            | P::NegativeKeepDays { .. }
            | P::AccountNoIncoming { .. }
            | P::AccountNoHost { .. }
            | P::AccountNoUsername { .. }
            | P::AccountUnknownValue { .. }
            | P::AccountNotNumber { .. }
            | P::AccountBadPort { .. }
            | P::WrongRoot { .. }
            | P::EmptyRoot { .. }
            | P::DoctypeIgnored
            | P::AccountFileCutShort
            | P::NotDword { .. }
            | P::EntityNotExpanded { .. }
            | P::AccountNoServerKey { .. }
            | P::AccountNoLogin { .. }
            | P::AccountNotPopImap { .. }
            | P::SectionNoServer { .. }
            | P::AccountListMissing { .. }
            | P::NotNumber { .. }
            | P::NoAccountList { .. }
            | P::PrefsBom { .. }
            | P::ProfileNotCollected { .. }
            | P::DefaultProfileNotCollected { .. }
            | P::ProfileNotLoaded { .. }
            | P::AutoConfigNotEvaluated
            | P::ExportCutShort { .. }
            | P::DtdRefused
            | P::TooDeep { .. }
            | P::SecondRoot
            | P::ExportFormatUnsupported { .. }
            | P::ExportNoVersion
            | P::SecondAccounts
            | P::SecondServer
            | P::ProfileWrongRoot { .. }
            | P::NoEmailProvider
            | P::NoDomain
            | P::NoResponse
            | P::AutodiscoverError { .. }
            | P::AutodiscoverRequest
            | P::NoAccount
            | P::Redirect { .. }
            | P::NoMailDomain
            | P::AccountListNotString { .. }
            | P::ListedAccountNoServer { .. }
            | P::OutlookTypeNotAudited { .. }
            | P::OutlookNoServer { .. }
            | P::OutlookNoLogin { .. }
            | P::NoOutlookAccountKeys
            | P::RegAccountCutShort { .. }
            | P::RegNotString { .. }
            | P::RegNotText { .. }
            | P::RegNotDword { .. }
            | P::ServerShared { .. }
            | P::ServerNoType { .. }
            | P::ServerNoHost { .. }
            | P::BytesNotValid { .. }
            | P::NotTcpPort { .. }
            | P::RetentionUndocumented { .. } => {}
        }
    }
    kinds
}

#[test]
fn every_problem_kind_has_words_in_both_languages() {
    use crate::model::ProblemKind as P;
    for kind in every_problem_kind() {
        let en = catalog(Lang::En).problem(&kind);
        let ja = catalog(Lang::Ja).problem(&kind);
        assert!(!en.trim().is_empty(), "{kind:?}");
        assert!(has_japanese(&ja), "not Japanese: {ja}");
        // A grammar's message and an untyped reader remark stay English inside the Japanese
        // sentence; every other kind is Japanese through and through.
        match &kind {
            P::Syntax { message, .. } => {
                assert!(ja.contains(message.as_str()), "{ja}");
                assert_eq!(en, *message);
            }
            _ => assert_eq!(english_run(&ja), None, "English left in: {ja}"),
        }
        // Japanese parentheses are full-width; ASCII ones may come only with quoted text.
        let own = match &kind {
            P::Syntax { message, .. } => ja.replace(message.as_str(), ""),
            P::CannotRead { reason, .. } => ja.replace(reason.as_str(), ""),
            _ => ja.clone(),
        };
        assert!(!own.contains('(') && !own.contains(')'), "{ja}");
        assert!(!kind.code().is_empty(), "{kind:?}");
    }
}

#[test]
fn problems_are_localized_and_keep_their_kind_in_json() {
    use crate::model::{Location, Problem, ProblemKind};
    let mut ps = vec![Problem::new(
        Location::at("site.toml", 3),
        ProblemKind::SiteForwardNotReader {
            device: "PC-Q".into(),
            mailbox: "info@example.jp".into(),
        },
    )];
    assert_eq!(
        ps[0].message,
        "forward_to in [mailbox.\"info@example.jp\"] names PC-Q, which does not read this mailbox"
    );
    localize_problems(&mut ps, Lang::Ja);
    let v = serde_json::to_value(&ps[0]).unwrap();
    assert_eq!(v["path"], "site.toml");
    assert_eq!(v["line"], 3);
    assert!(v.get("col").is_none());
    assert_eq!(v["kind"], "site-forward-not-reader");
    assert_eq!(v["facts"]["device"], "PC-Q");
    assert!(has_japanese(v["message"].as_str().unwrap()), "{v}");
}

#[test]
fn a_grammar_error_joins_the_file_type_as_japanese_is_written() {
    let ja = catalog(Lang::Ja);
    let words = |code| {
        ja.problem(&crate::model::ProblemKind::Syntax {
            code,
            message: "bad".into(),
        })
    };
    assert!(words(crate::model::SyntaxCode::RegSyntax)
        .starts_with("レジストリのエクスポート（.reg）の書き方"));
    assert!(words(crate::model::SyntaxCode::PrefsSyntax).starts_with("prefs.js / user.js の書き方"));
}

#[test]
fn every_site_file_fault_has_words_in_both_languages() {
    use crate::model::site::{EntryFault as E, SiteFault as S};
    let names = || vec!["a".to_string(), "b".to_string()];
    let entry = [
        E::DeviceEmpty,
        E::UnknownClient {
            client: "outlookk".into(),
            defaulted: names(),
            required: names(),
        },
        E::Missing {
            key: "protocol".into(),
        },
        E::Missing {
            key: "mailbox".into(),
        },
        E::Missing { key: "host".into() },
        E::Missing {
            key: "leave_on_server".into(),
        },
        E::Missing {
            key: "delete_after_days".into(),
        },
        E::Missing {
            key: "delete_when_deleted_locally".into(),
        },
        E::Missing {
            key: "other_key".into(),
        },
        E::Empty { key: "host".into() },
        E::PortZero,
        E::UnknownProtocol {
            value: "smtp".into(),
        },
        E::ProtocolFixed {
            client: "webmail".into(),
            protocol: "imap".into(),
        },
        E::UnknownSecurity {
            value: "ssl3".into(),
        },
        E::UnknownAuth {
            value: "md5".into(),
            names: names(),
        },
        E::PopOnly {
            key: "leave_on_server".into(),
        },
        E::NegativeDays { days: -3 },
        E::GmailNoDays,
        E::GmailNoLocalDelete,
    ];
    // A new kind must be listed above as well.
    for e in &entry {
        match e {
            E::DeviceEmpty
            | E::UnknownClient { .. }
            | E::Missing { .. }
            | E::Empty { .. }
            | E::PortZero
            | E::UnknownProtocol { .. }
            | E::ProtocolFixed { .. }
            | E::UnknownSecurity { .. }
            | E::UnknownAuth { .. }
            | E::PopOnly { .. }
            | E::NegativeDays { .. }
            | E::GmailNoDays
            | E::GmailNoLocalDelete => {}
        }
    }
    let toml = "expected `=`, found newline".to_string();
    let mut faults: Vec<S> = entry
        .into_iter()
        .map(|fault| S::Entry {
            device: "iPhone-Sato".into(),
            fault,
        })
        .collect();
    faults.extend([
        S::Unreadable {
            reason: "permission denied".into(),
        },
        S::NotUtf8,
        S::Toml {
            message: toml.clone(),
            backslash: false,
        },
        S::Toml {
            message: toml.clone(),
            backslash: true,
        },
    ]);
    for f in &faults {
        let en = catalog(Lang::En).site_fault(f);
        let ja = catalog(Lang::Ja).site_fault(f);
        assert!(!en.trim().is_empty(), "{f:?}");
        assert_eq!(en, f.to_string());
        assert!(has_japanese(&ja), "not Japanese: {ja}");
        // The parser's own English words and the quoted example stay as they are.
        let own = ja
            .replace(toml.as_str(), "")
            .replace("'OFFICE\\info'", "")
            .replace("permission denied", "");
        assert_eq!(english_run(&own), None, "English left in: {ja}");
        assert!(!ascii_parens(&own), "ASCII parentheses in: {ja}");
    }
}
