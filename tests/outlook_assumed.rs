//! What the Outlook, PRF and Windows Mail readers assume rather than read: TLS inferred from
//! a TLS-only port, retention that rests on an assumption, and how the rules then speak.

use mailaudit::model::{Access, Field, Origin, Protocol, Security, Severity};
use mailaudit::report::i18n::assumptions::{en, English};
use mailaudit::sources::outlook::read_reg_bytes;
use mailaudit::sources::regfile::encode_utf16le_bom;
use mailaudit::sources::{oeaccount, prf, Readout};

const REL: &str = "PC-1/outlook.reg";
const ACCOUNTS: &str = r"Profiles\Outlook\9375CFF0413111d3B88A00104B2A6676";
const O16: &str = r"HKEY_CURRENT_USER\Software\Microsoft\Office\16.0\Outlook";
const WMS: &str =
    r"HKEY_CURRENT_USER\Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem";

/// An Outlook POP3 account key as regedit exports it; `extra` is the values that vary.
fn pop_key(root: &str, extra: &str) -> String {
    format!(
        "[{root}\\{ACCOUNTS}\\00000002]\r\n\
         \"clsid\"=\"{{ED475411-B0D6-11D2-8C3B-00104B2A6676}}\"\r\n\
         \"Account Name\"=\"info\"\r\n\
         \"Email\"=\"info@example.co.jp\"\r\n\
         \"POP3 Server\"=\"pop.example.co.jp\"\r\n\
         \"POP3 User\"=\"info@example.co.jp\"\r\n\
         \"SMTP Server\"=\"smtp.example.co.jp\"\r\n\
         \"SMTP Use Auth\"=dword:00000001\r\n\
         {extra}\r\n"
    )
}

fn read(body: &str) -> Readout {
    read_reg_bytes(
        &encode_utf16le_bom(&format!(
            "Windows Registry Editor Version 5.00\r\n\r\n{body}"
        )),
        REL,
    )
}

fn only(r: &Readout) -> &Access {
    assert_eq!(r.accesses.len(), 1, "{:?}", r.problems);
    &r.accesses[0]
}

fn is_assumed(a: &Access, field: Field) -> bool {
    matches!(a.provenance.get(&field), Some(Origin::Assumed { .. }))
}

fn reason(a: &Access, field: Field) -> String {
    match &a.provenance[&field] {
        Origin::Assumed { assumption, .. } => en(assumption),
        other => panic!("{field:?} is not assumed: {other:?}"),
    }
}

#[test]
fn pop3_on_995_without_an_ssl_value_is_assumed_tls() {
    let a = only(&read(&pop_key(
        O16,
        "\"POP3 Port\"=dword:000003e3\r\n\"SMTP Port\"=dword:000001d1\r\n\"Leave on Server\"=dword:000e0003\r\n",
    )))
    .clone();
    assert_eq!(a.port, Some(995));
    assert_eq!(a.security, Security::Tls);
    assert!(reason(&a, Field::Security).contains("995"));
    assert!(a
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("`POP3 Use SSL`")));
    // SMTP on 465 with no encryption value is TLS too.
    assert_eq!(a.outgoing[0].port, Some(465));
    assert_eq!(a.outgoing[0].security, Security::Tls);
    assert!(a.assumptions.english().iter().any(|s| s.contains("465")));
}

#[test]
fn imap_on_993_without_an_ssl_value_is_assumed_tls() {
    let body = format!(
        "[{O16}\\{ACCOUNTS}\\00000003]\r\n\"clsid\"=\"{{ED475412-B0D6-11D2-8C3B-00104B2A6676}}\"\r\n\
         \"Account Name\"=\"imap\"\r\n\"IMAP Server\"=\"imap.example.co.jp\"\r\n\"IMAP User\"=\"b@example.co.jp\"\r\n\
         \"IMAP Port\"=dword:000003e1\r\n\r\n"
    );
    let a = only(&read(&body)).clone();
    assert_eq!(a.protocol, Protocol::Imap);
    assert_eq!(a.security, Security::Tls);
    assert!(reason(&a, Field::Security).contains("993"));
}

#[test]
fn ssl_off_on_995_is_kept_but_called_unworkable() {
    let a = only(&read(&pop_key(
        O16,
        "\"POP3 Port\"=dword:000003e3\r\n\"POP3 Use SSL\"=dword:00000000\r\n\"SMTP Port\"=dword:000001d1\r\n\"SMTP Use SSL\"=dword:00000000\r\n\"Leave on Server\"=dword:00000001\r\n",
    )))
    .clone();
    assert_eq!(a.security, Security::None);
    assert!(matches!(
        a.provenance[&Field::Security],
        Origin::File { .. }
    ));
    assert!(a
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("cannot fetch mail") && s.contains("probably never used")));
    assert_eq!(a.outgoing[0].security, Security::None);
    assert!(a
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("cannot send mail")));
}

#[test]
fn plain_ports_without_an_ssl_value_stay_plain() {
    let a = only(&read(&pop_key(
        O16,
        "\"POP3 Port\"=dword:0000006e\r\n\"Leave on Server\"=dword:00000001\r\n",
    )))
    .clone();
    assert_eq!(a.security, Security::None);
    assert!(!is_assumed(&a, Field::Security));
    assert_eq!(a.outgoing[0].security, Security::None);
}

#[test]
fn remove_after_zero_days_is_an_assumption_worded_as_the_dialog_shows_it() {
    let r = read(&pop_key(
        O16,
        "\"POP3 Port\"=dword:000003e3\r\n\"POP3 Use SSL\"=dword:00000001\r\n\"Leave on Server\"=dword:00000003\r\n",
    ));
    let a = only(&r).clone();
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, Some(-1));
    let why = reason(&a, Field::DeleteAfterDays);
    assert!(
        why.contains("\"Remove from server after 0 days\" checked"),
        "{why}"
    );
    assert!(a.assumptions.english().contains(&why));
    // The leave bit itself was read.
    assert_eq!(a.provenance[&Field::LeaveOnServer], Origin::at(REL, 13));
    assert_eq!(r.problems[0].at.line, Some(13));
}

#[test]
fn outlook_2010_and_older_retention_is_assumed() {
    let a = only(&read(&pop_key(
        WMS,
        "\"POP3 Port\"=dword:000003e3\r\n\"POP3 Use SSL\"=dword:00000001\r\n\"Leave on Server\"=dword:00000000\r\n",
    )))
    .clone();
    assert!(!a.retention.as_ref().unwrap().leave_on_server);
    for f in [
        Field::LeaveOnServer,
        Field::DeleteAfterDays,
        Field::DeleteWhenDeletedLocally,
    ] {
        assert!(reason(&a, f.clone()).contains("line 13"), "{f:?}");
    }
    let modern = only(&read(&pop_key(
        O16,
        "\"Leave on Server\"=dword:00000000\r\n",
    )))
    .clone();
    assert_eq!(
        modern.provenance[&Field::LeaveOnServer],
        Origin::at(REL, 11)
    );
}

#[test]
fn outlook_express_assumed_leave_marks_the_days_too() {
    let key = r"HKEY_CURRENT_USER\Software\Microsoft\Internet Account Manager\Accounts\00000001";
    let body = format!(
        "[{key}]\r\n\"Account Name\"=\"oe\"\r\n\"POP3 Server\"=\"pop.example.co.jp\"\r\n\"POP3 User Name\"=\"u@example.co.jp\"\r\n\r\n"
    );
    let a = only(&read(&body)).clone();
    assert!(is_assumed(&a, Field::LeaveOnServer));
    assert!(is_assumed(&a, Field::DeleteAfterDays));
    let body = body.replace(
        "\r\n\r\n",
        "\r\n\"Leave Mail On Server\"=dword:00000001\r\n\"Remove When Expired\"=dword:00000001\r\n\r\n",
    );
    let a = only(&read(&body)).clone();
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, Some(-1));
    assert!(reason(&a, Field::DeleteAfterDays).contains("Remove from server after"));
    assert!(!is_assumed(&a, Field::LeaveOnServer));
}

fn prf_account(keys: &str) -> Access {
    let text = format!(
        "[General]\r\nCustom=1\r\n[Internet Account List]\r\nAccount1=I_Mail\r\n[Account1]\r\n\
         AccountName=info\r\nEmailAddress=info@example.co.jp\r\nPOP3Server=pop.example.co.jp\r\n\
         POP3UserName=info@example.co.jp\r\nSMTPServer=smtp.example.co.jp\r\n{keys}\r\n"
    );
    let r = prf::read_bytes(text.as_bytes(), "PC-1/a.prf");
    r.accesses[0].clone()
}

#[test]
fn prf_tls_ports_and_assumed_retention() {
    let a = prf_account("POP3Port=995\r\nSMTPPort=465\r\nLeaveOnServer=0x1");
    assert_eq!(a.security, Security::Tls);
    assert!(reason(&a, Field::Security).contains("POP3UseSSL"));
    assert_eq!(a.outgoing[0].security, Security::Tls);
    let a = prf_account("POP3Port=995\r\nPOP3UseSSL=0\r\nLeaveOnServer=0x1");
    assert_eq!(a.security, Security::None);
    assert!(a
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("cannot fetch mail")));
    let a = prf_account("LeaveOnServer=0x3");
    assert!(reason(&a, Field::DeleteAfterDays).contains("\"Remove from server after 0 days\""));
    // Outlook 2000 keys: removal by age with no day count, and no leave key at all.
    let a = prf_account("POP3LeaveOnServer=1\r\nPOP3RemoveExpired=1");
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, Some(-1));
    assert!(is_assumed(&a, Field::DeleteAfterDays));
    assert!(!is_assumed(&a, Field::LeaveOnServer));
    let a = prf_account("POP3RemoveDeleted=1");
    assert!(!a.retention.as_ref().unwrap().leave_on_server);
    assert!(is_assumed(&a, Field::LeaveOnServer));
}

#[test]
fn oeaccount_tls_port_and_missing_day_count() {
    let xml = "<MessageAccount><POP3_Server type=\"SZ\">pop.example.co.jp</POP3_Server>\
               <POP3_User_Name type=\"SZ\">u@example.co.jp</POP3_User_Name>\
               <POP3_Port type=\"DWORD\">3e3</POP3_Port>\
               <Leave_Mail_On_Server type=\"DWORD\">1</Leave_Mail_On_Server>\
               <Remove_When_Expired type=\"DWORD\">1</Remove_When_Expired>\
               <SMTP_Server type=\"SZ\">smtp.example.co.jp</SMTP_Server>\
               <SMTP_Port type=\"DWORD\">1d1</SMTP_Port></MessageAccount>";
    let r = oeaccount::read_bytes(xml.as_bytes(), "PC-1/a.oeaccount");
    let a = &r.accesses[0];
    assert_eq!(a.security, Security::Tls);
    assert!(reason(a, Field::Security).contains("POP3_Secure_Connection"));
    assert_eq!(a.outgoing[0].security, Security::Tls);
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, Some(-1));
    assert!(reason(a, Field::DeleteAfterDays).contains("no number of days"));
}

/// Scans a collected office holding one Outlook export and returns its findings.
fn scan_export(body: &str) -> Vec<mailaudit::model::Finding> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("PC-1/outlook.reg");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        encode_utf16le_bom(&format!(
            "Windows Registry Editor Version 5.00\r\n\r\n{body}"
        )),
    )
    .unwrap();
    mailaudit::scan::scan(&[dir.path().to_path_buf()], None)
        .unwrap()
        .findings
}

#[test]
fn no_clear_text_password_finding_for_995_without_an_ssl_value() {
    let findings = scan_export(&pop_key(
        O16,
        "\"POP3 Port\"=dword:000003e3\r\n\"SMTP Port\"=dword:000001d1\r\n\"Leave on Server\"=dword:000e0003\r\n",
    ));
    let insecure: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "insecure-transport")
        .collect();
    assert!(insecure.is_empty(), "{insecure:#?}");
    // The same account on port 110 is the finding it should be.
    let findings = scan_export(&pop_key(
        O16,
        "\"POP3 Port\"=dword:0000006e\r\n\"SMTP Port\"=dword:000001d1\r\n\"Leave on Server\"=dword:000e0003\r\n",
    ));
    assert!(findings
        .iter()
        .any(|f| f.rule == "insecure-transport" && f.severity == Severity::Critical));
}
