//! One office built to hurt: floods of bad lines, shapes that were quadratic, links out of
//! the tree, a pipe, a damaged password line and escape sequences in every field a file
//! can fill. The scan must finish with bounded output, report every good device, and show
//! none of the secret or control text in any format.

use std::path::Path;

const SECRET: &str = "SuperSecretPw1234";
/// Terminal escapes (title change, colour), a bell, a right-to-left override and markup.
const NASTY: &str = "\u{1b}]0;owned\u{7}\u{1b}[31m\u{202e}<script>alert(1)</script>";

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn prefs(host: &str, name: &str, leave: bool) -> String {
    format!(
        r#"user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.identity.id1.useremail", "info@example.jp");
user_pref("mail.identity.id1.fullName", "{name}");
user_pref("mail.server.server1.hostname", "{host}");
user_pref("mail.server.server1.name", "{name}");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.userName", "info@example.jp");
user_pref("mail.server.server1.leave_on_server", {leave});
"#
    )
}

const TB: &str = "Thunderbird/Profiles/abcd1234.default";

fn build(root: &Path, outside: &Path) {
    // The prefs grammar has its own escapes: write the nasty text as \u escapes.
    let js_nasty: String = NASTY
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_control() {
                c.to_string()
            } else {
                format!("\\u{:04x}", c as u32)
            }
        })
        .collect();
    // PC-A: a good profile with a 4 MiB popstate.dat of junk.
    let a = root.join("PC-A").join(TB);
    write(
        &a.join("prefs.js"),
        prefs("pop.example.jp", &js_nasty, true).as_bytes(),
    );
    let mut pop = String::from("# POP3 State File\n*pop.example.jp info@example.jp\n");
    pop.push_str(&"x y z w v\n".repeat(400_000));
    write(&a.join("Mail/pop.example.jp/popstate.dat"), pop.as_bytes());
    // PC-B: a good profile whose Mail/<host> folder is a link out of the tree.
    let b = root.join("PC-B").join(TB);
    write(
        &b.join("prefs.js"),
        prefs("pop.example.jp", "b", false).as_bytes(),
    );
    write(
        &outside.join("popstate.dat"),
        b"# POP3 State File\n*pop.example.jp info@example.jp\nk OUTSIDE-UIDL 1700000000\n",
    );
    #[cfg(unix)]
    {
        std::fs::create_dir_all(b.join("Mail")).unwrap();
        std::os::unix::fs::symlink(outside, b.join("Mail/pop.example.jp")).unwrap();
    }
    // PC-C: Becky! with a damaged password line, escapes in its name, floods.
    let c = root.join("PC-C/Becky!/sato");
    let mut ini = format!(
        "[Account]\r\nName={NASTY}\r\nMailServer=pop.example.jp\r\nUserID=info@example.jp\r\nLeaveServer=1\r\nPassWd {SECRET}\r\n"
    );
    ini.push_str(&"broken line\r\n".repeat(300_000));
    write(&c.join("4a1b2c3d.mb/Mailbox.ini"), ini.as_bytes());
    let lst: String = (0..300_000).map(|i| format!("{i:08x}.mb\r\n")).collect();
    write(&c.join("Folder.lst"), lst.as_bytes());
    // PC-D: a .reg export with one good account named with escapes, a flood of bad
    // values and thousands of key deletions.
    let mut reg = String::from("Windows Registry Editor Version 5.00\r\n\r\n");
    for i in 0..5000 {
        reg.push_str(&format!(
            "[HKEY_CURRENT_USER\\Software\\junk\\k{i}]\r\n\r\n"
        ));
    }
    for i in 0..5000 {
        reg.push_str(&format!(
            "[-HKEY_CURRENT_USER\\Software\\junk\\k{i}]\r\n\r\n"
        ));
    }
    let reg_nasty = NASTY.replace('"', "'");
    reg.push_str(&format!(
        "[HKEY_CURRENT_USER\\Software\\Microsoft\\Internet Account Manager\\Accounts\\00000001]\r\n\"Account Name\"=\"{reg_nasty}\"\r\n\"POP3 Server\"=\"pop.example.jp\"\r\n\"POP3 User Name\"=\"info@example.jp\"\r\n\"POP3 Password2\"=hex:{}\r\n\"Leave Mail On Server\"=dword:00000001\r\n",
        SECRET.bytes().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(",")
    ));
    reg.push_str(&"\"bad\"=nonsense:1\r\n".repeat(200_000));
    reg.push_str("\r\n");
    write(&root.join("PC-D/outlook.reg"), reg.as_bytes());
    // PC-E: profiles.ini with thousands of sections and a path out of the tree, a pipe,
    // and a prefs.js that is a link to a file outside.
    let e = root.join("PC-E");
    write(
        &e.join(TB).join("prefs.js"),
        prefs("pop.example.jp", "e", true).as_bytes(),
    );
    let mut pini = String::from(
        "[Profile0]\nName=default\nIsRelative=1\nPath=Profiles/abcd1234.default\nDefault=1\n",
    );
    for i in 1..20_000 {
        pini.push_str(&format!(
            "[Profile{i}]\nName=p{i}\nIsRelative=1\nPath=../../../../p{i}\n"
        ));
    }
    write(&e.join("Thunderbird/profiles.ini"), pini.as_bytes());
    #[cfg(unix)]
    {
        let _ = std::process::Command::new("mkfifo")
            .arg(e.join("pipe.reg"))
            .status();
        write(
            &outside.join("prefs.js"),
            prefs("pop.outside.example", "o", true).as_bytes(),
        );
        std::fs::create_dir_all(e.join("linked")).unwrap();
        std::os::unix::fs::symlink(outside.join("prefs.js"), e.join("linked/prefs.js")).unwrap();
    }
    // PC-F: a PRF with thousands of accounts with bad lines, one good one with a huge host.
    let mut prf = String::from("[General]\r\nCustom=1\r\n[Internet Account List]\r\n");
    for i in 0..3000 {
        prf.push_str(&format!("Account{i}=I_Mail\r\n"));
    }
    let huge = format!("pop.{}.example.jp", "h".repeat(200_000));
    for i in 0..3000 {
        let host = if i == 0 {
            huge.as_str()
        } else {
            "pop.example.jp"
        };
        prf.push_str(&format!(
            "[Account{i}]\r\nAccountName=a{i}\r\nPOP3Server={host}\r\nPOP3UserName=u{i}@example.jp\r\nPOP3Password {SECRET}\r\n"
        ));
    }
    write(&root.join("PC-F/outlook.prf"), prf.as_bytes());
    // A site file with thousands of manual entries and escapes in an owner.
    let toml_nasty: String = NASTY
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_control() && c != '"' && c != '\\' {
                c.to_string()
            } else {
                format!("\\u{:04X}", c as u32)
            }
        })
        .collect();
    let mut site = format!("[device.\"PC-A\"]\nowner = \"{toml_nasty}\"\n\n");
    for i in 0..3000 {
        site.push_str(&format!(
            "[[manual]]\ndevice = \"phone{i}\"\nclient = \"ios-mail\"\nprotocol = \"pop3\"\nmailbox = \"info@example.jp\"\nhost = \"pop.example.jp\"\n\n"
        ));
    }
    write(&root.join("site.toml"), site.as_bytes());
}

#[test]
fn a_hostile_office_is_scanned_with_bounded_cost_and_clean_output() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    build(&root, &outside);

    let report = mailaudit::scan::scan(std::slice::from_ref(&root), None).unwrap();

    for id in [
        "PC-A",
        "PC-B",
        "PC-C",
        "PC-D",
        "PC-E",
        "PC-F",
        "phone0",
        "phone2999",
    ] {
        assert!(
            report.accesses.iter().any(|a| a.device == id),
            "good device {id} is reported"
        );
    }
    assert!(
        !report.accesses.iter().any(|a| a.host.contains("outside")),
        "a linked prefs.js was read"
    );
    let b = report.accesses.iter().find(|a| a.device == "PC-B").unwrap();
    assert!(b.server_state.is_none(), "popstate.dat read through a link");
    // Bounded: at most the cap per file plus one summary, and a bounded count overall.
    let mut per_file = std::collections::BTreeMap::<&str, usize>::new();
    for p in &report.problems {
        *per_file.entry(p.at.path.as_str()).or_default() += 1;
    }
    for (f, n) in &per_file {
        assert!(*n <= 101, "{f}: {n} problems");
    }
    assert!(report.problems.len() < 2_000, "{}", report.problems.len());

    use mailaudit::report;
    let outputs = [
        ("text", report::text::render(&report)),
        ("json", report::json::render(&report)),
        ("md", report::markdown::render(&report)),
        ("html", report::html::render(&report)),
        ("csv", report::csv::render(&report)),
    ];
    for (name, out) in &outputs {
        // Thousands of site-file devices carry their provenance typed and worded; what must
        // not happen is a value repeated into every line (a 30 MiB host once gave 500 MB).
        assert!(out.len() < 32 << 20, "{name}: {} bytes", out.len());
        assert!(!out.contains(SECRET), "{name} shows the password");
        assert!(!out.contains("OUTSIDE-UIDL"), "{name}");
        if *name != "json" {
            for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
                assert!(!out.contains(bad), "{name} carries {bad:?}");
            }
        }
    }
    let html = &outputs[3].1;
    assert!(
        !html.contains("<script>alert"),
        "markup from a file reached the page"
    );
    // The tree was not touched.
    assert!(!walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().ends_with(".tmp")));
}
