//! PRF files of both eras and `.oeaccount` files in both encodings.

mod support;

use mailaudit::model::{Auth, Client, Field, Origin, Protocol, Retention, Security};
use mailaudit::report::i18n::assumptions::English;
use mailaudit::sources::{oeaccount, prf};
use std::path::PathBuf;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/outlook");

fn kept(leave: bool, days: Option<i64>, nuke: bool) -> Retention {
    Retention {
        leave_on_server: leave,
        delete_after_days: days,
        delete_when_deleted_locally: nuke,
        headers_only: false,
        size_limit_kib: None,
    }
}

/// An Outlook 2002+ PRF as the Office Customization Tool writes it, with its Section 7 map.
fn modern_prf(leave: &str) -> String {
    format!(
        "[General]\r\nCustom=1\r\nProfileName=Outlook\r\nDefaultProfile=Yes\r\n\r\n\
         [Internet Account List]\r\nAccount1=I_Mail\r\nAccount2=IMAP_I_Mail\r\nAccount3=INET_HTTP\r\n\r\n\
         [Account1]\r\nUniqueService=No\r\nAccountName=info (受付)\r\nDisplayName=受付\r\nEmailAddress=info@example.co.jp\r\n\
         POP3Server=pop.example.co.jp\r\nPOP3UserName=info@example.co.jp\r\nPOP3UseSPA=0\r\nPOP3Port=995\r\nPOP3UseSSL=1\r\n\
         SMTPServer=smtp.example.co.jp\r\nSMTPUseAuth=1\r\nSMTPPort=465\r\nSMTPSecureConnection=1\r\n{leave}\r\n\r\n\
         [Account2]\r\nAccountName=imap\r\nEmailAddress=b@example.co.jp\r\nIMAPServer=imap.example.co.jp\r\nIMAPUserName=b\r\nIMAPUseSSL=1\r\n\r\n\
         [Account3]\r\nAccountName=web\r\n\r\n\
         [I_Mail]\r\nAccountType=POP3\r\nPOP3Server=PT_UNICODE,0x0100\r\nLeaveOnServer=PT_LONG,0x1000\r\n"
    )
}

#[test]
fn modern_prf_bit_field_in_hex_and_decimal() {
    for (line, want) in [
        ("LeaveOnServer=0x20007", kept(true, Some(2), true)),
        ("LeaveOnServer=131079", kept(true, Some(2), true)),
        ("LeaveOnServer=0x140003", kept(true, Some(20), false)),
        ("LeaveOnServer=0x50001", kept(true, None, false)),
        ("LeaveOnServer=0x0", kept(false, None, false)),
        ("LeaveOnServer=0xe0006", kept(false, None, false)),
    ] {
        let r = prf::read_bytes(modern_prf(line).as_bytes(), "PC-1/outlook.prf");
        let problems: Vec<_> = r.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 1, "{line}: {problems:?}");
        assert!(problems[0].contains("INET_HTTP"));
        assert_eq!(r.accesses.len(), 2);
        let pop = &r.accesses[0];
        assert_eq!(pop.retention.clone().unwrap(), want, "{line}");
        assert_eq!(
            pop.provenance[&Field::LeaveOnServer],
            Origin::at("PC-1/outlook.prf", 25)
        );
        assert_eq!(pop.account, "info (受付)");
        assert_eq!(pop.client, Client::Outlook);
        assert_eq!(pop.port, Some(995));
        assert_eq!(pop.security, Security::Tls);
        assert_eq!(pop.outgoing[0].port, Some(465));
        assert_eq!(pop.outgoing[0].security, Security::Tls);
        assert_eq!(pop.outgoing[0].auth, Auth::PasswordCleartext);
        assert!(!pop
            .assumptions
            .english()
            .iter()
            .any(|s| s.contains("no mapping")));
        let imap = &r.accesses[1];
        assert_eq!(imap.protocol, Protocol::Imap);
        assert!(imap.retention.is_none());
        assert_eq!(imap.port, Some(993));
    }
}

#[test]
fn modern_prf_anomaly_and_unmapped_key() {
    let r = prf::read_bytes(
        modern_prf("LeaveOnServer=0x3").as_bytes(),
        "PC-1/outlook.prf",
    );
    assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
    assert!(r.problems.iter().any(|p| p.at.line == Some(25)));
    let text = modern_prf("LeaveOnServer=0x1").replace("LeaveOnServer=PT_LONG,0x1000\r\n", "");
    let r = prf::read_bytes(text.as_bytes(), "PC-1/outlook.prf");
    assert!(r.accesses[0]
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("no mapping")));
}

#[test]
fn outlook_2000_prf_four_keys() {
    let base = "[Internet Account List]\r\nAccount1=I_Mail\r\n[Account1]\r\nAccountName=old\r\nPOP3Server=pop.example.co.jp\r\n\
                POP3LogonName=old\r\nSMTPEmailAddress=old@example.co.jp\r\nSMTPServer=smtp.example.co.jp\r\nSMTPUseSicily=1\r\nSMTPLogonName=old\r\n";
    for (keys, want) in [
        ("POP3LeaveOnServer=1\r\nPOP3RemoveExpired=1\r\nPOP3ExpireDays=10\r\nPOP3RemoveDeleted=1", kept(true, Some(10), true)),
        ("POP3LeaveOnServer=1", kept(true, None, false)),
        ("POP3LeaveOnServer=0\r\nPOP3RemoveExpired=1\r\nPOP3ExpireDays=10", kept(false, None, false)),
        ("POP3LeaveOnServer=1\r\nPOP3RemoveDeleted=1", kept(true, None, true)),
    ] {
        let r = prf::read_bytes(format!("{base}{keys}\r\n").as_bytes(), "a.prf");
        assert!(r.problems.is_empty(), "{keys}: {:?}", r.problems);
        let a = &r.accesses[0];
        assert_eq!(a.retention.clone().unwrap(), want, "{keys}");
        assert_eq!(a.username, "old");
        assert_eq!(a.identities, ["old@example.co.jp"]);
        assert_eq!(a.outgoing[0].auth, Auth::PasswordCleartext);
        assert_eq!(a.provenance[&Field::LeaveOnServer], Origin::at("a.prf", 11));
    }
}

fn utf16_bom(s: &str) -> Vec<u8> {
    let mut v = vec![0xFF, 0xFE];
    v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
    v
}

const WLM_POP: &str = "<?xml version=\"1.0\" encoding=\"utf-16\" ?>\r\n\
<MessageAccount>\r\n\
    <Account_Name type=\"SZ\">info (受付)</Account_Name>\r\n\
    <Connection_Type type=\"DWORD\">00000003</Connection_Type>\r\n\
    <POP3_Server type=\"SZ\">pop.example.co.jp</POP3_Server>\r\n\
    <POP3_User_Name type=\"SZ\">info@example.co.jp</POP3_User_Name>\r\n\
    <POP3_Password2 type=\"BINARY\">01000000d08c9ddf0115d1118c7a00c04fc297eb</POP3_Password2>\r\n\
    <POP3_Port type=\"DWORD\">000003e3</POP3_Port>\r\n\
    <POP3_Secure_Connection type=\"DWORD\">00000001</POP3_Secure_Connection>\r\n\
    <Leave_Mail_On_Server type=\"DWORD\">00000001</Leave_Mail_On_Server>\r\n\
    <Remove_When_Deleted type=\"DWORD\">00000001</Remove_When_Deleted>\r\n\
    <Remove_When_Expired type=\"DWORD\">00000001</Remove_When_Expired>\r\n\
    <Expire_Days type=\"DWORD\">0000000e</Expire_Days>\r\n\
    <SMTP_Server type=\"SZ\">smtp.example.co.jp</SMTP_Server>\r\n\
    <SMTP_Port type=\"DWORD\">0000024b</SMTP_Port>\r\n\
    <SMTP_Secure_Connection type=\"DWORD\">00000001</SMTP_Secure_Connection>\r\n\
    <SMTP_Use_Sicily type=\"DWORD\">00000002</SMTP_Use_Sicily>\r\n\
    <SMTP_Email_Address type=\"SZ\">info@example.co.jp</SMTP_Email_Address>\r\n\
</MessageAccount>\r\n";

#[test]
fn windows_live_mail_pop3_file_in_utf16_and_utf8() {
    for bytes in [utf16_bom(WLM_POP), WLM_POP.as_bytes().to_vec()] {
        let r = oeaccount::read_bytes(&bytes, "PC-1/account{1}.oeaccount");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let a = &r.accesses[0];
        assert_eq!(a.client, Client::WindowsLiveMail);
        assert_eq!(a.account, "info (受付)");
        assert_eq!(a.host, "pop.example.co.jp");
        assert_eq!(a.port, Some(995));
        assert_eq!(a.security, Security::Tls);
        assert!(a.password_stored);
        assert_eq!(a.retention.clone().unwrap(), kept(true, Some(14), true));
        assert_eq!(
            a.provenance[&Field::DeleteAfterDays],
            Origin::at("PC-1/account{1}.oeaccount", 12)
        );
        assert_eq!(a.outgoing[0].port, Some(587));
        assert_eq!(a.outgoing[0].security, Security::Starttls);
        assert_eq!(a.outgoing[0].auth, Auth::PasswordCleartext);
        assert_eq!(a.identities, ["info@example.co.jp"]);
    }
}

#[test]
fn corpus_imap_example_reads_the_same_in_utf16() {
    let path = PathBuf::from(CORPUS).join("oeaccount-msdocs-imap-example.oeaccount");
    let Ok(utf8) = std::fs::read(&path) else {
        support::skip(format_args!(
            "corpus folder {CORPUS} is absent: test skipped"
        ));
        return;
    };
    let text = String::from_utf8(utf8.clone()).unwrap();
    let a = oeaccount::read_bytes(&utf8, "x.oeaccount");
    let b = oeaccount::read_bytes(&utf16_bom(&text), "x.oeaccount");
    assert!(b.problems.is_empty(), "{:?}", b.problems);
    assert_eq!(
        serde_json::to_value(&a.accesses).unwrap(),
        serde_json::to_value(&b.accesses).unwrap()
    );
    assert_eq!(b.accesses[0].protocol, Protocol::Imap);
}

#[test]
fn skip_account_and_bad_dword() {
    let text = WLM_POP
        .replace(
            "<Connection_Type type=\"DWORD\">00000003</Connection_Type>",
            "<POP3_Skip_Account type=\"DWORD\">TRUE</POP3_Skip_Account>",
        )
        .replace(">0000000e<", ">fourteen<");
    let r = oeaccount::read_bytes(text.as_bytes(), "a.oeaccount");
    let a = &r.accesses[0];
    assert!(!a.fetch.automatic);
    assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
    assert!(r.problems.iter().any(|p| p.at.line == Some(13)));
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, Some(-1));
}
