//! Outlook registry exports built the way regedit writes them: every profile root,
//! both string encodings, every `Leave on Server` combination, damaged files.

use mailaudit::model::{Access, Auth, Client, Field, Origin, Protocol, Retention, Security};
use mailaudit::report::i18n::assumptions::English;
use mailaudit::sources::outlook::read_reg_bytes;
use mailaudit::sources::regfile::encode_utf16le_bom;
use mailaudit::sources::Readout;

const ACCOUNTS: &str = "9375CFF0413111d3B88A00104B2A6676";
const POP3: &str = "{ED475411-B0D6-11D2-8C3B-00104B2A6676}";
const IMAP: &str = "{ED475412-B0D6-11D2-8C3B-00104B2A6676}";
const MAPI: &str = "{ED475414-B0D6-11D2-8C3B-00104B2A6676}";
const HTTP: &str = "{4DB5CBF0-3B77-4852-BC8E-BB81908861F3}";

const O16: &str = r"HKEY_CURRENT_USER\Software\Microsoft\Office\16.0\Outlook";
const O15: &str = r"HKEY_CURRENT_USER\Software\Microsoft\Office\15.0\Outlook";
const WMS: &str =
    r"HKEY_CURRENT_USER\Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem";
const SID16: &str = r"HKEY_USERS\S-1-5-21-1004336348-1177238915-682003330-1001\Software\Microsoft\Office\16.0\Outlook";

/// How string values are written: REG_SZ (Outlook 2016) or REG_BINARY UTF-16LE + NUL (≤ 2013).
#[derive(Clone, Copy)]
enum Strings {
    Sz,
    Binary,
}

fn string_value(name: &str, value: &str, style: Strings) -> String {
    match style {
        Strings::Sz => format!("\"{name}\"=\"{value}\"\r\n"),
        Strings::Binary => {
            let mut bytes: Vec<u8> = value.encode_utf16().flat_map(u16::to_le_bytes).collect();
            bytes.extend([0, 0]);
            let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
            // Wrapped like regedit: 25 bytes per continuation line.
            let lines: Vec<String> = hex.chunks(25).map(|c| c.join(",")).collect();
            format!("\"{name}\"=hex:{}\r\n", lines.join(",\\\r\n  "))
        }
    }
}

/// One POP3 account key; `leave` is the raw `Leave on Server` DWORD, `None` to omit it.
fn pop_account(
    profiles: &str,
    profile: &str,
    id: &str,
    style: Strings,
    leave: Option<u32>,
) -> String {
    let mut s = format!("[{profiles}\\Profiles\\{profile}\\{ACCOUNTS}\\{id}]\r\n");
    s += &format!("\"clsid\"=\"{POP3}\"\r\n");
    s += &string_value("Account Name", "info (受付)", style);
    s += &string_value("Email", "info@example.co.jp", style);
    s += &string_value("POP3 Server", "pop.example.co.jp", style);
    s += &string_value("POP3 User", "info@example.co.jp", style);
    s += "\"POP3 Password\"=hex:02,01,00,00,00,d0,8c,9d,df,01,15,d1,11,8c,7a,00,c0,4f,c2,97,eb\r\n";
    s += "\"POP3 Port\"=dword:000003e3\r\n\"POP3 Use SSL\"=dword:00000001\r\n";
    s += &string_value("SMTP Server", "smtp.example.co.jp", style);
    s += "\"SMTP Port\"=dword:0000024b\r\n\"SMTP Secure Connection\"=dword:00000002\r\n\"SMTP Use Auth\"=dword:00000001\r\n";
    if let Some(v) = leave {
        s += &format!("\"Leave on Server\"=dword:{v:08x}\r\n");
    }
    s += "\r\n";
    s
}

fn export(body: &str) -> Vec<u8> {
    encode_utf16le_bom(&format!(
        "Windows Registry Editor Version 5.00\r\n\r\n{body}"
    ))
}

fn read(body: &str) -> Readout {
    read_reg_bytes(&export(body), "PC-1/outlook.reg")
}

fn only(r: &Readout) -> &Access {
    assert_eq!(r.accesses.len(), 1, "{:?}", r.accesses);
    &r.accesses[0]
}

fn assert_info_account(a: &Access) {
    assert_eq!(a.client, Client::Outlook);
    assert_eq!(a.account, "info (受付)");
    assert_eq!(a.protocol, Protocol::Pop3);
    assert_eq!(a.host, "pop.example.co.jp");
    assert_eq!(a.username, "info@example.co.jp");
    assert_eq!(a.identities, ["info@example.co.jp"]);
    assert_eq!(a.port, Some(995));
    assert_eq!(a.security, Security::Tls);
    assert_eq!(a.auth, Auth::PasswordCleartext);
    assert!(a.password_stored);
    assert_eq!(a.outgoing[0].host, "smtp.example.co.jp");
    assert_eq!(a.outgoing[0].port, Some(587));
    assert_eq!(a.outgoing[0].security, Security::Starttls);
    assert_eq!(a.outgoing[0].auth, Auth::PasswordCleartext);
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, Some(14));
}

#[test]
fn every_profile_root_with_both_string_encodings() {
    for root in [O16, O15, WMS, SID16] {
        for style in [Strings::Sz, Strings::Binary] {
            let r = read(&pop_account(
                root,
                "Outlook",
                "00000002",
                style,
                Some(0x000e0003),
            ));
            assert!(r.problems.is_empty(), "{root}: {:?}", r.problems);
            let a = only(&r);
            assert_info_account(a);
            assert_eq!(a.source.line, Some(3));
            // Binary strings wrap: `Email` takes two lines there.
            let host_line = if matches!(style, Strings::Sz) { 7 } else { 8 };
            assert_eq!(
                a.provenance[&Field::Host],
                Origin::at("PC-1/outlook.reg", host_line)
            );
        }
    }
}

#[test]
fn windows_9x_profile_root_is_read_too() {
    let root = r"HKEY_CURRENT_USER\Software\Microsoft\Windows Messaging Subsystem";
    let r = read(&pop_account(
        root,
        "Outlook",
        "00000001",
        Strings::Binary,
        Some(0x000e0003),
    ));
    assert_info_account(only(&r));
}

fn retention_for(leave: Option<u32>) -> (Retention, Vec<String>, usize) {
    let r = read(&pop_account(O16, "Outlook", "00000002", Strings::Sz, leave));
    let a = only(&r);
    (
        a.retention.clone().unwrap(),
        a.assumptions.english().clone(),
        r.problems.len(),
    )
}

fn kept(leave: bool, days: Option<i64>, nuke: bool) -> Retention {
    Retention {
        leave_on_server: leave,
        delete_after_days: days,
        delete_when_deleted_locally: nuke,
        headers_only: false,
        size_limit_kib: None,
    }
}

#[test]
fn leave_on_server_decoding_table() {
    let table = [
        (0x0000_0000, kept(false, None, false)),
        (0x0000_0001, kept(true, None, false)),
        (0x0005_0001, kept(true, None, false)),
        (0x000e_0003, kept(true, Some(14), false)),
        (0x0014_0003, kept(true, Some(20), false)),
        (0x0002_0007, kept(true, Some(2), true)),
        (0x0000_0005, kept(true, None, true)),
        // Bit 0x1 clear: removes at download whatever else is set.
        (0x000e_0006, kept(false, None, false)),
        (0x000e_0002, kept(false, None, false)),
    ];
    for (raw, want) in table {
        let (got, _, problems) = retention_for(Some(raw));
        assert_eq!(got, want, "Leave on Server = {raw:#010x}");
        assert_eq!(problems, 0, "{raw:#010x}");
    }
}

#[test]
fn remove_after_zero_days_is_anomalous() {
    let (got, assumptions, problems) = retention_for(Some(0x0000_0003));
    assert!(got.leave_on_server);
    assert_eq!(got.delete_after_days, Some(-1));
    assert_eq!(problems, 1);
    assert!(assumptions.iter().any(|s| s.contains("0 days")));
}

#[test]
fn missing_leave_on_server_is_assumed_to_remove_at_download() {
    let r = read(&pop_account(O16, "Outlook", "00000002", Strings::Sz, None));
    let a = only(&r);
    assert!(!a.retention.as_ref().unwrap().leave_on_server);
    assert!(matches!(
        a.provenance[&Field::LeaveOnServer],
        Origin::Assumed { .. }
    ));
    assert!(a
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("no `Leave on Server` value")));
}

#[test]
fn several_profiles_are_told_apart_and_the_default_is_marked() {
    let body = format!(
        "[{O16}]\r\n\"DefaultProfile\"=\"Main\"\r\n\r\n{}{}",
        pop_account(O16, "Main", "00000002", Strings::Sz, Some(0x000e0003)),
        pop_account(O16, "Old", "00000002", Strings::Sz, Some(0x0))
    );
    let r = read(&body);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let names: Vec<&str> = r.accesses.iter().map(|a| a.account.as_str()).collect();
    assert_eq!(
        names,
        [
            "info (受付) [profile Main, default]",
            "info (受付) [profile Old]"
        ]
    );
    assert!(r.accesses[1]
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("not the default profile")));
}

#[test]
fn side_by_side_versions_and_users_are_named() {
    let body = format!(
        "{}{}{}",
        pop_account(
            O15,
            "Outlook",
            "00000002",
            Strings::Binary,
            Some(0x000e0003)
        ),
        pop_account(O16, "Outlook", "00000002", Strings::Sz, Some(0x000e0003)),
        pop_account(SID16, "Outlook", "00000002", Strings::Sz, Some(0x000e0003)),
    );
    let r = read(&body);
    let names: Vec<&str> = r.accesses.iter().map(|a| a.account.as_str()).collect();
    assert_eq!(names.len(), 3);
    assert!(names[0].contains("current user") && names[0].contains("Office 15.0"));
    assert!(names[1].contains("Office 16.0"));
    assert!(names[2].contains("user S-1-5-21-1004336348-1177238915-682003330-1001"));
    assert!(r.accesses.iter().all(|a| a
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("does not say which Outlook profile is the default"))));
}

#[test]
fn account_types_imap_exchange_http_and_unknown() {
    let key = |id: &str| format!("[{O16}\\Profiles\\Outlook\\{ACCOUNTS}\\{id}]\r\n");
    let body = format!(
        "{}\"clsid\"=\"{IMAP}\"\r\n\"Account Name\"=\"imap\"\r\n\"IMAP Server\"=\"imap.example.co.jp\"\r\n\"IMAP User\"=\"u@example.co.jp\"\r\n\"IMAP Use SSL\"=dword:00000001\r\n\"Leave on Server\"=dword:00000000\r\n\r\n\
         {}\"clsid\"=\"{MAPI}\"\r\n\"Service Name\"=\"MSUPST MS\"\r\n\"Account Name\"=\"pst\"\r\n\r\n\
         {}\"clsid\"=\"{HTTP}\"\r\n\"Account Name\"=\"hotmail\"\r\n\r\n\
         {}\"clsid\"=\"{{00000000-0000-0000-0000-000000000000}}\"\r\n\"Account Name\"=\"odd\"\r\n\"POP3 Server\"=\"pop.odd.example\"\r\n\"POP3 User\"=\"odd\"\r\n\r\n\
         {}\"Account Name\"=\"no clsid\"\r\n\"POP3 Server\"=\"pop.none.example\"\r\n\"POP3 User\"=\"n\"\r\n\"Leave on Server\"=dword:00000001\r\n\r\n",
        key("00000001"),
        key("00000002"),
        key("00000003"),
        key("00000004"),
        key("00000005"),
    );
    let r = read(&body);
    let names: Vec<&str> = r.accesses.iter().map(|a| a.account.as_str()).collect();
    assert_eq!(names, ["imap", "odd", "no clsid"]);
    let imap = &r.accesses[0];
    assert_eq!(imap.protocol, Protocol::Imap);
    assert_eq!(imap.port, Some(993));
    assert!(imap.retention.is_none(), "IMAP ignores Leave on Server");
    assert!(r.accesses[1]
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("unknown type")));
    assert_eq!(r.accesses[2].protocol, Protocol::Pop3);
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(r.problems[0].message.contains("HTTP (Hotmail)"));
    assert_eq!(r.problems[0].at.line, Some(16));
}

#[test]
fn spa_and_smtp_auto_encryption() {
    let body = pop_account(O16, "Outlook", "00000002", Strings::Sz, Some(0x000e0003)).replace(
        "\"SMTP Secure Connection\"=dword:00000002",
        "\"SMTP Secure Connection\"=dword:00000003\r\n\"POP3 Use SPA\"=dword:00000001",
    );
    let a = only(&read(&body)).clone();
    assert_eq!(a.auth, Auth::PasswordEncrypted);
    assert_eq!(a.outgoing[0].security, Security::Starttls);
    assert_eq!(a.outgoing[0].auth, Auth::PasswordEncrypted);
    assert!(a.assumptions.english().iter().any(|s| s.contains("Auto")));
}

#[test]
fn later_keys_and_deletions_are_replayed_in_order() {
    let account = pop_account(O16, "Outlook", "00000002", Strings::Sz, Some(0x000e0003));
    let key = format!("[{O16}\\Profiles\\Outlook\\{ACCOUNTS}\\00000002]\r\n");
    let body = format!("{account}{key}\"Leave on Server\"=-\r\n\r\n");
    let a = only(&read(&body)).clone();
    assert!(!a.retention.unwrap().leave_on_server, "value deleted");
    let body = format!("{account}[-{O16}\\Profiles\\Outlook]\r\n\r\n");
    assert!(read(&body).accesses.is_empty(), "profile deleted");
}

#[test]
fn outlook_express_and_omi_accounts() {
    let oe = r"HKEY_CURRENT_USER\Identities\{E6D8B7D2-1234-4D2A-9C8E-0A1B2C3D4E5F}\Software\Microsoft\Internet Account Manager\Accounts\00000001";
    let omi = r"HKEY_CURRENT_USER\Software\Microsoft\Office\Outlook\OMI Account Manager\Accounts\00000002";
    let body = format!(
        "[{oe}]\r\n\"Account Name\"=\"oe\"\r\n\"POP3 Server\"=\"pop.example.co.jp\"\r\n\"POP3 User Name\"=\"info@example.co.jp\"\r\n\
         \"Leave Mail On Server\"=dword:00000001\r\n\"Remove When Expired\"=dword:00000001\r\n\"Expire Days\"=dword:00000005\r\n\
         \"Remove When Deleted\"=dword:00000001\r\n\"SMTP Server\"=\"smtp.example.co.jp\"\r\n\"SMTP Email Address\"=\"info@example.co.jp\"\r\n\r\n\
         [{omi}]\r\n\"Account Name\"=\"omi\"\r\n\"POP3 Server\"=\"pop.example.co.jp\"\r\n\"POP3 User Name\"=\"info@example.co.jp\"\r\n\
         \"POP3 Secure Connection\"=dword:00000001\r\n\r\n\
         [HKEY_CURRENT_USER\\Software\\Microsoft\\Internet Account Manager\\Accounts\\00000003]\r\n\"Account Name\"=\"news\"\r\n\"NNTP Server\"=\"news.example\"\r\n\r\n"
    );
    let r = read(&body);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.accesses.len(), 2);
    let oe = &r.accesses[0];
    assert_eq!(oe.client, Client::WindowsLiveMail);
    assert_eq!(oe.retention.clone().unwrap(), kept(true, Some(5), true));
    assert_eq!(oe.identities, ["info@example.co.jp"]);
    let omi = &r.accesses[1];
    assert_eq!(omi.client, Client::Outlook);
    assert_eq!(omi.port, Some(995));
    assert_eq!(omi.security, Security::Tls);
    assert!(!omi.retention.as_ref().unwrap().leave_on_server);
    assert!(matches!(
        omi.provenance[&Field::LeaveOnServer],
        Origin::Assumed { .. }
    ));
}

#[test]
fn outlook_express_names_in_an_outlook_profile_are_ignored() {
    let body = pop_account(O16, "Outlook", "00000002", Strings::Sz, Some(0x0)).replace(
        "\r\n\r\n",
        "\r\n\"Leave Mail On Server\"=dword:00000001\r\n\r\n",
    );
    let a = only(&read(&body)).clone();
    assert!(!a.retention.unwrap().leave_on_server);
    assert!(a
        .assumptions
        .english()
        .iter()
        .any(|s| s.contains("Outlook Express names")));
}

#[test]
fn truncated_export_keeps_complete_accounts_and_names_file_and_line() {
    let body = format!(
        "{}{}",
        pop_account(
            O16,
            "Outlook",
            "00000002",
            Strings::Binary,
            Some(0x000e0003)
        ),
        pop_account(
            O16,
            "Outlook",
            "00000003",
            Strings::Binary,
            Some(0x000e0003)
        ),
    );
    let full = export(&body);
    // Cut inside the second account's wrapped `Email` hex data.
    let text = String::from_utf16_lossy(
        &full[2..]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect::<Vec<_>>(),
    );
    let second = text.find("00000003]").unwrap();
    let cut_at = second + text[second..].find(",\\").unwrap() + 2;
    let bytes = &full[..2 + 2 * text[..cut_at].encode_utf16().count()];
    let r = read_reg_bytes(bytes, "PC-1/outlook.reg");
    assert_eq!(r.accesses.len(), 1);
    assert_eq!(r.accesses[0].source.line, Some(3));
    assert!(!r.problems.is_empty());
    assert!(r
        .problems
        .iter()
        .all(|p| p.at.path == "PC-1/outlook.reg" && p.at.line.is_some()));
    assert!(r.problems.iter().any(|p| p.message.contains("cut off")));

    // Cut at a line end inside the second key, before its `Leave on Server`: regedit's final
    // blank line is missing, so the last account is not trusted.
    let cut_line = second + text[second..].find("\"SMTP Server\"").unwrap();
    let bytes = &full[..2 + 2 * text[..cut_line].encode_utf16().count()];
    let r = read_reg_bytes(bytes, "PC-1/outlook.reg");
    assert_eq!(r.accesses.len(), 1);
    assert!(r.problems.iter().any(|p| p.message.contains("cut off")));

    // An odd number of bytes (a UTF-16 export cut mid-character) is reported too.
    let r = read_reg_bytes(&full[..full.len() - 1], "PC-1/outlook.reg");
    assert_eq!(r.accesses.len(), 1);
    assert!(!r.problems.is_empty());
}

#[test]
fn garbled_lines_cost_only_their_value() {
    let body = pop_account(O16, "Outlook", "00000002", Strings::Sz, Some(0x000e0003))
        .replace(
            "\"POP3 Port\"=dword:000003e3",
            "\"POP3 Port\"=dword:0003e3zz",
        )
        .replace("\"SMTP Port\"=dword:0000024b", "\u{fffd}\u{fffd}garbage");
    let r = read(&body);
    let a = only(&r);
    assert_eq!(a.port, Some(995), "SSL default stands in for the lost port");
    assert_eq!(a.retention.as_ref().unwrap().delete_after_days, Some(14));
    let lines: Vec<Option<u32>> = r.problems.iter().map(|p| p.at.line).collect();
    assert_eq!(lines, [Some(10), Some(13)]);
    assert!(a
        .assumptions
        .english()
        .iter()
        .any(|s| s.starts_with("Line 10 of this account's key")));
}

#[test]
fn hostile_exports_never_panic() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let base = export(&pop_account(
        O16,
        "Outlook",
        "00000002",
        Strings::Binary,
        Some(0x000e0003),
    ));
    for round in 0..300 {
        let mut bytes = base.clone();
        for _ in 0..(round % 7 + 1) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let i = (seed as usize) % bytes.len();
            bytes[i] = (seed >> 32) as u8;
        }
        let cut = (seed as usize >> 8) % (bytes.len() + 1);
        let _ = read_reg_bytes(&bytes[..cut.max(bytes.len() / 2)], "x.reg");
        let _ = read_reg_bytes(&bytes, "x.reg");
    }
    let huge_line = format!(
        "Windows Registry Editor Version 5.00\r\n\r\n[{O16}\\Profiles\\P\\{ACCOUNTS}\\1]\r\n\"x\"=hex:{}00\r\n",
        "00,".repeat(1_000_000)
    );
    let r = read_reg_bytes(huge_line.as_bytes(), "big.reg");
    assert!(r.accesses.is_empty());
}

#[test]
fn sample_office_outlook_device_removes_at_download() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/office/PC-C/outlook.reg"
    );
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(
        &bytes[..2],
        b"\xff\xfe",
        "regedit version 5 writes UTF-16LE with a BOM"
    );
    let r = read_reg_bytes(&bytes, "PC-C/outlook.reg");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let a = only(&r);
    assert_eq!(a.account, "info (受付)");
    assert_eq!(a.host, "pop.example.co.jp");
    assert_eq!(a.port, Some(995));
    assert_eq!(a.security, Security::Tls);
    assert_eq!(a.outgoing[0].host, "smtp.example.co.jp");
    assert_eq!(a.outgoing[0].port, Some(587));
    assert_eq!(a.retention.clone().unwrap(), kept(false, None, false));
    assert!(matches!(
        a.provenance[&Field::LeaveOnServer],
        Origin::File { line: Some(_), .. }
    ));
}

#[test]
fn regedit4_ansi_export_of_an_outlook_express_account() {
    let text = "REGEDIT4\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsoft\\Internet Account Manager\\Accounts\\00000001]\r\n\
        \"Account Name\"=\"受付\"\r\n\"POP3 Server\"=\"pop.example.co.jp\"\r\n\
        \"POP3 User Name\"=\"info@example.co.jp\"\r\n\"Leave Mail On Server\"=hex:01,00,00,00\r\n\r\n";
    let (cp932, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    let r = read_reg_bytes(&cp932, "PC-9/oe.reg");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let a = only(&r);
    assert_eq!(a.account, "受付");
    assert_eq!(a.client, Client::WindowsLiveMail);
    assert_eq!(a.retention.clone().unwrap(), kept(true, None, false));
}

#[test]
fn an_export_of_the_wrong_key_says_which_key_to_export() {
    let r = read(
        "[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Word]\r\n\"x\"=dword:1\r\n\r\n",
    );
    assert!(r.accesses.is_empty());
    assert_eq!(r.problems.len(), 1);
    assert!(r.problems[0].message.contains("Outlook\\Profiles"));
    // A profile that holds only Exchange or PST entries is not "the wrong key".
    let mapi =
        format!("[{O16}\\Profiles\\Outlook\\{ACCOUNTS}\\00000001]\r\n\"clsid\"=\"{MAPI}\"\r\n\r\n");
    let r = read(&mapi);
    assert!(
        r.accesses.is_empty() && r.problems.is_empty(),
        "{:?}",
        r.problems
    );
}
