//! A scan to trust with any folder: easy mistakes give no wrong answer, hostile files cost a
//! bounded amount, links are never followed, and nothing secret or active reaches any output.

mod support;

use mailaudit::model::Problem;
use mailaudit::scan::{scan, Report};
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailaudit"));
    // The stderr lines follow the locale; these tests read the English ones.
    c.env("LC_ALL", "C");
    c
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

const PROFILE: &str = "Thunderbird/Profiles/abcd1234.default";

fn prefs(host: &str, user: &str, leave: bool) -> String {
    format!(
        r#"user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.identity.id1.useremail", "{user}");
user_pref("mail.server.server1.hostname", "{host}");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.userName", "{user}");
user_pref("mail.server.server1.leave_on_server", {leave});
"#
    )
}

/// An office of two Thunderbird PCs reading info@, one removing at download.
fn office(root: &Path) {
    write(
        &root.join("PC-A").join(PROFILE).join("prefs.js"),
        prefs("pop.example.jp", "info@example.jp", true).as_bytes(),
    );
    write(
        &root.join("PC-B").join(PROFILE).join("prefs.js"),
        prefs("pop.example.jp", "info@example.jp", false).as_bytes(),
    );
}

fn problems_of<'a>(r: &'a Report, needle: &str) -> Vec<&'a Problem> {
    r.problems
        .iter()
        .filter(|p| p.at.path.contains(needle))
        .collect()
}

// ---- 1. easy mistakes ----

#[test]
fn a_folder_given_twice_or_with_its_own_device_folder_counts_each_device_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    let once = scan(std::slice::from_ref(&root), None).unwrap();
    assert_eq!(once.accesses.len(), 2);
    for (paths, want) in [
        (vec![root.clone(), root.clone()], 2),
        (vec![root.clone(), root.join("PC-A")], 2),
        (vec![root.join("PC-A"), root.clone()], 2),
        (
            vec![
                root.join("PC-A"),
                root.join("PC-A").join(PROFILE).join("prefs.js"),
            ],
            1,
        ),
    ] {
        let r = scan(&paths, None).unwrap();
        assert_eq!(r.accesses.len(), want, "{paths:?}: {:?}", r.accesses);
        assert!(
            r.problems.iter().any(|p| p.message.contains("once")),
            "{paths:?}: the dropped path is said: {:?}",
            r.problems
        );
    }
}

#[test]
fn an_office_one_folder_down_is_found_with_its_site_file() {
    let dir = tempfile::tempdir().unwrap();
    // A dated collection folder holding the office, and a zip unpacked into its own name.
    for wrapper in ["2026-06-collect/office", "office/office"] {
        let given = dir.path().join(wrapper.split('/').next().unwrap());
        let root = dir.path().join(wrapper);
        office(&root);
        write(
            &root.join("site.toml"),
            b"[device.\"PC-A\"]\nowner = \"Reception\"\n",
        );
        let r = scan(std::slice::from_ref(&given), None).unwrap();
        let ids: Vec<&str> = r.devices.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["PC-A", "PC-B"], "{wrapper}");
        let a = r.devices.iter().find(|d| d.id == "PC-A").unwrap();
        assert_eq!(
            a.owner.as_deref(),
            Some("Reception"),
            "{wrapper}: site used"
        );
        std::fs::remove_dir_all(&given).unwrap();
    }
}

#[test]
fn a_device_folder_scanned_alone_uses_the_site_file_above_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    write(
        &root.join("site.toml"),
        b"[device.\"PC-A\"]\nowner = \"Reception\"\n",
    );
    let r = scan(&[root.join("PC-A")], None).unwrap();
    assert_eq!(r.devices.len(), 1);
    assert_eq!(r.devices[0].owner.as_deref(), Some("Reception"));
}

#[test]
fn a_site_file_inside_a_device_folder_is_a_problem_not_silence() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    write(&root.join("PC-A/site.toml"), b"[defaults]\naway_days = 3\n");
    let r = scan(&[root], None).unwrap();
    assert!(
        problems_of(&r, "PC-A/site.toml")
            .iter()
            .any(|p| p.message.contains("not used")),
        "{:?}",
        r.problems
    );
}

#[test]
fn nothing_readable_exits_2_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let zip = dir.path().join("office.zip");
    write(&zip, b"PK\x03\x04not really");
    let site = dir.path().join("site.toml");
    write(&site, b"[defaults]\naway_days = 3\n");
    let ini = dir.path().join("ini/profiles.ini");
    write(
        &ini,
        b"[Profile0]\nName=default\nIsRelative=1\nPath=x.default\n",
    );
    for p in [&empty, &zip, &site, &ini] {
        let out = bin().arg("scan").arg(p).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", p.display());
        assert!(err.contains("nothing readable"), "{}: {err}", p.display());
        // --quiet silences the report, not the reason.
        let out = bin().args(["scan", "-q"]).arg(p).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("nothing readable"));
    }
}

#[test]
fn problems_are_counted_on_stderr_even_with_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    write(&root.join("PC-C/broken.reg"), b"not a registry file\n");
    let out = bin().args(["scan", "-q"]).arg(&root).output().unwrap();
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("problem"), "{err}");
}

// ---- 2. bounded cost ----

/// Problems of one file: at most the cap and one summary.
fn assert_capped(r: &Report, file: &str) {
    let ps = problems_of(r, file);
    assert!(!ps.is_empty(), "{file}: the flood is reported");
    assert!(ps.len() <= 101, "{file}: {} problems", ps.len());
    assert!(
        ps.iter().any(|p| p.message.contains("more problems")),
        "{file}: one summary counts the rest"
    );
}

#[test]
fn a_flood_of_bad_lines_gives_a_bounded_list_in_every_reader() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    let flood = "junk line without meaning\n".repeat(50_000);
    let popstate = root
        .join("PC-A")
        .join(PROFILE)
        .join("Mail/pop.example.jp/popstate.dat");
    write(
        &popstate,
        format!("# POP3 State File\n*pop.example.jp info@example.jp\n{flood}").as_bytes(),
    );
    write(
        &root.join("PC-C/Becky!/sato/4a1b2c3d.mb/Mailbox.ini"),
        format!("[Account]\nMailServer=pop.example.jp\nUserID=info@example.jp\n{flood}").as_bytes(),
    );
    let listed: String = (0..50_000).map(|i| format!("{i:08x}.mb\n")).collect();
    write(&root.join("PC-C/Becky!/sato/Folder.lst"), listed.as_bytes());
    write(
        &root.join("PC-D/outlook.reg"),
        format!(
            "Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\x]\n{}",
            "\"a\"=bogus:1\n".repeat(50_000)
        )
        .as_bytes(),
    );
    write(
        &root.join("PC-A/Thunderbird/profiles.ini"),
        format!("[Profile0]\nName=default\nIsRelative=1\nPath=Profiles/abcd1234.default\n{flood}")
            .as_bytes(),
    );
    let r = scan(&[root], None).unwrap();
    for f in ["popstate.dat", "Mailbox.ini", "outlook.reg", "profiles.ini"] {
        assert_capped(&r, f);
    }
    let lst = problems_of(&r, "Folder.lst");
    assert!(lst.len() <= 101, "Folder.lst: {}", lst.len());
    // Every good device is still reported.
    for id in ["PC-A", "PC-B", "PC-C"] {
        assert!(r.accesses.iter().any(|a| a.device == id), "{id}");
    }
}

#[test]
fn a_long_host_is_cut_with_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    let host = format!("pop.{}.jp", "a".repeat(100_000));
    write(
        &root.join("PC-C").join(PROFILE).join("prefs.js"),
        prefs(&host, "info@example.jp", true).as_bytes(),
    );
    let r = scan(&[root], None).unwrap();
    let c = r.accesses.iter().find(|a| a.device == "PC-C").unwrap();
    assert!(c.host.len() <= 4100, "{}", c.host.len());
    assert!(r.problems.iter().any(|p| p.message.contains("cut")));
    let json = mailaudit::report::json::render(&r);
    assert!(json.len() < 200_000, "{} bytes", json.len());
}

// The linear-growth tests are in tests/linear_growth.rs, alone in their binary so that
// the heavy tests here do not disturb their timings.

// ---- 3. links and special files ----

#[cfg(unix)]
#[test]
fn no_file_is_read_through_a_link_at_any_level() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    let outside = dir.path().join("outside");
    write(
        &outside.join("popstate.dat"),
        b"# POP3 State File\n*pop.example.jp info@example.jp\nk UIDL1 1700000000\n",
    );
    write(&outside.join("Folder.lst"), b"ffffffff.mb\n");
    let mail = root.join("PC-A").join(PROFILE).join("Mail");
    std::fs::create_dir_all(&mail).unwrap();
    std::os::unix::fs::symlink(&outside, mail.join("pop.example.jp")).unwrap();
    let user = root.join("PC-C/Becky!/sato");
    write(
        &user.join("4a1b2c3d.mb/Mailbox.ini"),
        b"[Account]\nMailServer=pop.example.jp\nUserID=info@example.jp\nLeaveServer=1\n",
    );
    std::os::unix::fs::symlink(outside.join("Folder.lst"), user.join("Folder.lst")).unwrap();
    let r = scan(&[root], None).unwrap();
    let a = r.accesses.iter().find(|a| a.device == "PC-A").unwrap();
    assert!(a.server_state.is_none(), "popstate.dat read through a link");
    let sources: Vec<&str> = r
        .devices
        .iter()
        .flat_map(|d| d.sources.iter().map(|s| s.path.as_str()))
        .collect();
    assert!(
        !sources
            .iter()
            .any(|s| s.ends_with("popstate.dat") || s.ends_with("Folder.lst")),
        "{sources:?}"
    );
    assert!(
        !r.problems.iter().any(|p| p.message.contains("ffffffff")),
        "the linked Folder.lst was read: {:?}",
        r.problems
    );
}

#[test]
fn a_profiles_ini_path_leaving_the_device_folder_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    // A real folder outside the scanned tree, where `Path=../../..` points.
    std::fs::create_dir_all(dir.path().join("office-outside-target")).unwrap();
    write(
        &root.join("PC-A/Thunderbird/profiles.ini"),
        b"[Profile0]\nName=default\nIsRelative=1\nPath=Profiles/abcd1234.default\n\n[Profile1]\nName=away\nIsRelative=1\nPath=../../../office-outside-target\n",
    );
    let r = scan(&[root], None).unwrap();
    assert!(
        problems_of(&r, "profiles.ini")
            .iter()
            .any(|p| p.message.contains("office-outside-target")),
        "the outside folder was taken as collected: {:?}",
        r.problems
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_inside_the_tree_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    let fifo = root.join("PC-A/outlook.reg");
    let ok = Command::new("mkfifo").arg(&fifo).status();
    if !ok.is_ok_and(|s| s.success()) {
        support::skip(format_args!("skipped: mkfifo is not available"));
        return;
    }
    let r = scan(&[root], None).unwrap();
    assert!(
        problems_of(&r, "PC-A/outlook.reg")
            .iter()
            .any(|p| p.message.contains("not a regular file")),
        "{:?}",
        r.problems
    );
    assert_eq!(r.accesses.len(), 2);
}

// ---- 4. nothing secret or active ----

const SECRET: &str = "Hunter2SecretValue";

fn every_format(r: &Report) -> Vec<(&'static str, String)> {
    use mailaudit::report;
    vec![
        ("text", report::text::render(r)),
        ("json", report::json::render(r)),
        ("md", report::markdown::render(r)),
        ("html", report::html::render(r)),
        ("csv", report::csv::render(r)),
    ]
}

#[test]
fn a_damaged_password_line_is_never_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    write(
        &root.join("PC-C/Becky!/sato/4a1b2c3d.mb/Mailbox.ini"),
        format!("[Account]\r\nMailServer=pop.example.jp\r\nUserID=info@example.jp\r\nPassWd {SECRET}\r\nSMTPPassWd:{SECRET}\r\n").as_bytes(),
    );
    write(
        &root.join("PC-D/outlook.prf"),
        format!("[General]\r\nCustom=1\r\n[Internet Account List]\r\nAccount1=I_Mail\r\n[Account1]\r\nAccountName=a\r\nPOP3Server=pop.example.jp\r\nPOP3UserName=info@example.jp\r\nPOP3Password {SECRET}\r\n").as_bytes(),
    );
    let r = scan(&[root], None).unwrap();
    for (name, out) in every_format(&r) {
        assert!(!out.contains(SECRET), "{name} quotes the password");
    }
}

#[test]
fn error_messages_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    let site = dir.path().join("site.toml");
    write(
        &site,
        // TOML escapes, so the parser itself puts ESC, BEL and U+202E into the value it quotes.
        br#"[device."PC-A"]
kind = "\u001b]0;owned\u0007\u202etoaster\u001b[31m"
"#,
    );
    let out = bin()
        .arg("scan")
        .arg("--site")
        .arg(&site)
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("toaster"), "{err}");
    for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!err.contains(bad), "{:?} reached stderr: {err:?}", bad);
    }
}

#[cfg(unix)]
#[test]
fn output_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    let out_file = dir.path().join("report.txt");
    write(&out_file, b"old");
    std::fs::set_permissions(&out_file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let st = bin()
        .arg("scan")
        .arg(&root)
        .arg("-o")
        .arg(&out_file)
        .status()
        .unwrap();
    assert!(st.code().is_some_and(|c| c < 2));
    let mode = std::fs::metadata(&out_file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let left: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_device_folder_with_two_users_stays_one_device() {
    let dir = tempfile::tempdir().unwrap();
    let pc = dir.path().join("PC-A");
    for user in ["sato", "tanaka"] {
        write(
            &pc.join("Users")
                .join(user)
                .join("AppData/Roaming")
                .join(PROFILE)
                .join("prefs.js"),
            prefs("pop.example.jp", &format!("{user}@example.jp"), true).as_bytes(),
        );
    }
    let r = scan(std::slice::from_ref(&pc), None).unwrap();
    let ids: Vec<&str> = r.devices.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["PC-A"]);
}

/// Found by the `render` fuzz target (its check was too strict, the page was right): markup
/// in a host name is escaped in the HTML page, and stays out of the terminal report.
#[test]
fn markup_in_a_host_is_escaped_in_html() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    office(&root);
    write(
        &root.join("PC-C").join(PROFILE).join("prefs.js"),
        prefs("Q7Z<b>&amp;Z7Q", "info@example.jp", true).as_bytes(),
    );
    let r = scan(std::slice::from_ref(&root), None).unwrap();
    let html = mailaudit::report::html::render(&r);
    assert!(html.contains("Q7Z"), "the host is shown");
    assert!(!html.contains("Q7Z<b>"), "raw markup reached the page");
}
