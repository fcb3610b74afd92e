//! A sender address of another domain is shown at the line that sets it, whatever reader
//! read it: the Outlook registry, Becky! and the site file each record where an identity
//! came from, not only Thunderbird.

use mailaudit::model::{Evidence, RuleId};
use mailaudit::scan::scan;
use std::path::Path;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const REG: &str = "Windows Registry Editor Version 5.00\r\n\r\n\
[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\9375CFF0413111d3B88A00104B2A6676\\00000002]\r\n\
\"Account Name\"=\"info\"\r\n\
\"POP3 Server\"=\"pop.example.co.jp\"\r\n\
\"POP3 User\"=\"info@example.co.jp\"\r\n\
\"Email\"=\"info@example.com\"\r\n\
\"Leave on Server\"=dword:000e0003\r\n";

const BECKY: &str = "[Account]\r\nName=sales\r\nMailAddress=sales@example.com\r\nProtocol=0\r\n\
MailServer=pop.example.co.jp\r\nUserID=sales@example.co.jp\r\nLeaveServer=1\r\nKeepDays=14\r\n";

const SITE: &str = "[[manual]]\n\
device = \"iPhone-Sato\"\n\
client = \"ios-mail\"\n\
mailbox = \"sato@example.co.jp\"\n\
host = \"pop.example.co.jp\"\n\
protocol = \"pop3\"\n\
identities = [\"sato@example.com\"]\n";

#[test]
fn each_reader_points_a_foreign_sender_address_at_its_own_line() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("PC-1/outlook.reg"), REG);
    write(
        &dir.path().join("PC-2/Becky!/sales/1a2b3c4d.mb/Mailbox.ini"),
        BECKY,
    );
    write(&dir.path().join("site.toml"), SITE);
    let report = scan(&[dir.path().to_path_buf()], None).expect("the folder scans");
    let evidence = |mailbox: &str| -> Vec<Evidence> {
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == RuleId::SenderDomainMismatch && f.mailbox == mailbox)
            .unwrap_or_else(|| {
                panic!(
                    "no sender-domain-mismatch for {mailbox}: {:?}",
                    report.problems
                )
            });
        f.evidence.clone()
    };
    let at = |path: &str, line: u32| Evidence {
        path: path.into(),
        line: Some(line),
        col: None,
    };
    assert_eq!(evidence("info@example.co.jp"), [at("PC-1/outlook.reg", 7)]);
    assert_eq!(
        evidence("sales@example.co.jp"),
        [at("PC-2/Becky!/sales/1a2b3c4d.mb/Mailbox.ini", 3)]
    );
    assert_eq!(evidence("sato@example.co.jp"), [at("site.toml", 7)]);
}
