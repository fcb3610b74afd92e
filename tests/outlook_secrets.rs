//! No byte of a stored password reaches any output of the Outlook, PRF or Windows Mail readers.

use mailaudit::sources::outlook::read_reg_bytes;
use mailaudit::sources::regfile::encode_utf16le_bom;
use mailaudit::sources::{oeaccount, prf, Readout};

const MARKER: &str = "PwMarker7f3aQ";

fn hex_pairs(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// Every spelling of the marker a leak could take: text, hex pairs, bare hex, UTF-16, byte lists.
fn spellings() -> Vec<String> {
    let ascii = MARKER.as_bytes().to_vec();
    let wide = utf16(MARKER);
    let mut out = vec![MARKER.to_string(), MARKER.to_lowercase()];
    for bytes in [&ascii, &wide] {
        out.push(hex_pairs(bytes));
        out.push(hex_pairs(bytes).replace(',', ""));
        out.push(hex_pairs(bytes).to_uppercase());
        out.push(
            bytes
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push(
            bytes
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    // A fragment long enough to be telling on its own.
    out.push(MARKER[..8].to_string());
    out
}

fn assert_clean(r: &Readout, what: &str) {
    let json = serde_json::to_string(&serde_json::json!({
        "accesses": r.accesses,
        "problems": r.problems,
        "providers": r.providers,
    }))
    .unwrap();
    let debug = format!("{:?}", r.accesses) + &format!("{:?}", r.problems);
    for s in spellings() {
        assert!(!json.contains(&s), "{what}: JSON holds `{s}`");
        assert!(!debug.contains(&s), "{what}: debug output holds `{s}`");
    }
}

const ACCT: &str = r"HKEY_CURRENT_USER\Software\Microsoft\Office\16.0\Outlook\Profiles\Outlook\9375CFF0413111d3B88A00104B2A6676";

fn reg_with_passwords() -> String {
    let ascii = hex_pairs(MARKER.as_bytes());
    let wide = hex_pairs(&utf16(MARKER));
    format!(
        "Windows Registry Editor Version 5.00\r\n\r\n\
         [{ACCT}\\00000002]\r\n\
         \"clsid\"=\"{{ED475411-B0D6-11D2-8C3B-00104B2A6676}}\"\r\n\
         \"Account Name\"=\"pop\"\r\n\"POP3 Server\"=\"pop.example.jp\"\r\n\"POP3 User\"=\"a@example.jp\"\r\n\
         \"POP3 Password\"=hex:02,{ascii}\r\n\
         \"SMTP Password\"=\"{MARKER}\"\r\n\
         \"Leave on Server\"=dword:00000001\r\n\r\n\
         [{ACCT}\\00000003]\r\n\
         \"clsid\"=\"{{ED475412-B0D6-11D2-8C3B-00104B2A6676}}\"\r\n\
         \"Account Name\"=\"imap\"\r\n\"IMAP Server\"=\"imap.example.jp\"\r\n\"IMAP User\"=\"b@example.jp\"\r\n\
         \"IMAP Password\"=hex:{},\\\r\n  {}\r\n\r\n\
         [{ACCT}\\00000004]\r\n\
         \"Account Name\"=\"broken\"\r\n\"POP3 Server\"=\"pop.example.jp\"\r\n\"POP3 User\"=\"c@example.jp\"\r\n\
         \"POP3 Password\"=hex:{ascii},zz\r\n\
         \"POP3 Password=hex:{ascii}\r\n\
         \"POP3 Password\"=dword:{MARKER}\r\n\
         \"POP3 Password\"=\"{MARKER}\r\n\
         \"HTTP Password\"=hex(2):{wide},00,00\r\n\r\n",
        &wide[..wide.len() / 2].trim_end_matches(','),
        &wide[wide.len() / 2..].trim_start_matches(','),
    )
}

#[test]
fn registry_passwords_in_every_form_stay_out_of_the_output() {
    let text = reg_with_passwords();
    for bytes in [encode_utf16le_bom(&text), text.clone().into_bytes()] {
        let r = read_reg_bytes(&bytes, "PC-1/outlook.reg");
        assert_eq!(r.accesses.len(), 3, "{:?}", r.problems);
        assert!(r.accesses.iter().all(|a| a.password_stored));
        assert!(r.problems.len() >= 3, "broken password lines are reported");
        assert_clean(&r, "reg");
    }
}

#[test]
fn a_cut_off_password_value_stays_out_of_the_output() {
    let text = reg_with_passwords();
    let cut = text.find("\"IMAP Password\"").unwrap() + 30;
    let r = read_reg_bytes(&encode_utf16le_bom(&text[..cut]), "PC-1/outlook.reg");
    assert!(!r.problems.is_empty());
    assert_clean(&r, "cut reg");
}

#[test]
fn prf_passwords_stay_out_of_the_output() {
    let text = format!(
        "[Internet Account List]\r\nAccount1=I_Mail\r\n[Account1]\r\nAccountName=a\r\nPOP3Server=pop.example.jp\r\n\
         POP3UserName=a\r\nPOP3Password={MARKER}\r\nSMTPServer=smtp.example.jp\r\nSMTPPassword={MARKER}\r\n{MARKER}\r\n"
    );
    let r = prf::read_bytes(text.as_bytes(), "PC-1/a.prf");
    assert!(r.accesses[0].password_stored);
    assert_eq!(
        r.problems.len(),
        1,
        "the stray line is reported without its text"
    );
    assert_clean(&r, "prf");
}

#[test]
fn oeaccount_passwords_stay_out_of_the_output() {
    let hex = hex_pairs(MARKER.as_bytes()).replace(',', "");
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-16\"?><MessageAccount>\
         <POP3_Server type=\"SZ\">pop.example.jp</POP3_Server><POP3_User_Name type=\"SZ\">u</POP3_User_Name>\
         <POP3_Password2 type=\"BINARY\">{hex}</POP3_Password2>\
         <SMTP_Password2 type=\"BINARY\">{MARKER}&bogus;</SMTP_Password2>\
         <IMAP_Password2 type=\"BINARY\">{MARKER}</IMAP_Password2></MessageAccount>"
    );
    let mut wide = vec![0xFF, 0xFE];
    wide.extend(utf16(&xml));
    for bytes in [wide, xml.clone().into_bytes()] {
        let r = oeaccount::read_bytes(&bytes, "PC-1/a.oeaccount");
        assert!(r.accesses[0].password_stored);
        assert_eq!(r.problems.len(), 1);
        assert_clean(&r, "oeaccount");
    }
    let cut = &xml[..xml.find(MARKER).unwrap() + 6];
    let r = oeaccount::read_bytes(cut.as_bytes(), "PC-1/b.oeaccount");
    assert!(r.accesses.is_empty());
    assert_clean(&r, "cut oeaccount");
}

#[test]
fn empty_password_values_are_not_a_stored_password() {
    let text = "[Internet Account List]\r\nAccount1=I_Mail\r\n[Account1]\r\nAccountName=a\r\nPOP3Server=pop.example.jp\r\n\
                POP3UserName=a\r\nPOP3Password=\r\n";
    let r = prf::read_bytes(text.as_bytes(), "PC-1/a.prf");
    assert!(!r.accesses[0].password_stored);
    let xml = "<MessageAccount><POP3_Server type=\"SZ\">pop.example.jp</POP3_Server><POP3_User_Name type=\"SZ\">u</POP3_User_Name>\
               <POP3_Password2 type=\"BINARY\">0</POP3_Password2></MessageAccount>";
    let r = oeaccount::read_bytes(xml.as_bytes(), "PC-1/a.oeaccount");
    assert!(!r.accesses[0].password_stored);
}
