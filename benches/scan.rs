//! Scan speed on a generated fleet: `cargo bench --bench scan [-- DEVICES]`.
//!
//! Writes an office of DEVICES Thunderbird PCs (default 500) into a temporary folder,
//! each with three POP3 accounts on shared addresses and a 2,000-entry popstate.dat,
//! then times a full scan (discover, read, analyze, render JSON) over several runs.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// Writes one device folder with a Windows-style Thunderbird profile.
fn write_device(root: &Path, i: usize) {
    let profile = root.join(format!(
        "PC-{i:04}/AppData/Roaming/Thunderbird/Profiles/abcd{i:04}.default-release"
    ));
    std::fs::create_dir_all(&profile).unwrap();
    let mut prefs = String::from("// Mozilla User Preferences\n\n");
    let mut accounts = Vec::new();
    for (n, user) in ["info", "sales", "support"].iter().enumerate() {
        let s = n + 2;
        accounts.push(format!("account{s}"));
        let days = (i + n) % 5 * 7;
        let _ = writeln!(
            prefs,
            "user_pref(\"mail.account.account{s}.server\", \"server{s}\");"
        );
        let _ = writeln!(
            prefs,
            "user_pref(\"mail.account.account{s}.identities\", \"id{s}\");"
        );
        let _ = writeln!(
            prefs,
            "user_pref(\"mail.identity.id{s}.useremail\", \"{user}@example.jp\");"
        );
        let _ = writeln!(
            prefs,
            "user_pref(\"mail.server.server{s}.type\", \"pop3\");"
        );
        let _ = writeln!(
            prefs,
            "user_pref(\"mail.server.server{s}.hostname\", \"pop.example.jp\");"
        );
        let _ = writeln!(
            prefs,
            "user_pref(\"mail.server.server{s}.userName\", \"{user}@example.jp\");"
        );
        let _ = writeln!(
            prefs,
            "user_pref(\"mail.server.server{s}.leave_on_server\", {});",
            i % 7 != 0
        );
        let _ = writeln!(
            prefs,
            "user_pref(\"mail.server.server{s}.delete_by_age_from_server\", {});",
            days > 0
        );
        let _ = writeln!(
            prefs,
            "user_pref(\"mail.server.server{s}.num_days_to_leave_on_server\", {days});"
        );
        let _ = writeln!(
            prefs,
            "user_pref(\"mail.server.server{s}.directory-rel\", \"[ProfD]Mail/pop-{user}\");"
        );
        let mail = profile.join(format!("Mail/pop-{user}"));
        std::fs::create_dir_all(&mail).unwrap();
        let mut pop = format!("# POP3 State File\n# This is a generated file!  Do not edit.\n\n*pop.example.jp {user}@example.jp\n");
        for k in 0..2000 {
            let _ = writeln!(pop, "k UID{i:04}{k:06} {}", 1_760_000_000 + k * 600);
        }
        std::fs::write(mail.join("popstate.dat"), pop).unwrap();
    }
    // Thunderbird's own prefs.js is a few hundred lines of other settings.
    for k in 0..300 {
        let _ = writeln!(
            prefs,
            "user_pref(\"browser.some.setting{k}\", \"value with some text {k}\");"
        );
    }
    let _ = writeln!(
        prefs,
        "user_pref(\"mail.accountmanager.accounts\", \"{}\");",
        accounts.join(",")
    );
    std::fs::write(profile.join("prefs.js"), prefs).unwrap();
}

fn main() {
    let devices: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(500);
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("office");
    let t = Instant::now();
    for i in 0..devices {
        write_device(&office, i);
    }
    eprintln!("generated {devices} devices in {:.2?}", t.elapsed());
    let runs = 5;
    let mut times = Vec::new();
    let mut accesses = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let report = mailaudit::scan::scan(std::slice::from_ref(&office), None).unwrap();
        let json = mailaudit::report::json::render(&report);
        times.push(t.elapsed());
        accesses = report.accesses.len();
        assert!(json.len() > 100);
    }
    times.sort();
    println!(
        "scan of {devices} devices ({accesses} accesses): median {:.2?}, min {:.2?}, max {:.2?} over {runs} runs",
        times[runs / 2],
        times[0],
        times[runs - 1]
    );
}
