//! Fuzzes every file reader through the same entry point a scan uses: no input may
//! panic, and every problem names the file it came from.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mailaudit::sources::{read, Ctx, Input, Kind};

const FILES: &[(Kind, &str)] = &[
    (Kind::RegistryExport, "export.reg"),
    (Kind::OutlookPrf, "outlook.prf"),
    (Kind::OeAccount, "account.oeaccount"),
    (Kind::K9Settings, "phone.k9s"),
    (Kind::BeckyMailbox, "Mailbox.ini"),
    (Kind::Autoconfig, "config.xml"),
    (Kind::Autodiscover, "autodiscover.xml"),
    (Kind::ThunderbirdProfile, "prefs.js"),
];

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("mailaudit-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let ctx = Ctx { root: dir.clone() };
    for (kind, name) in FILES {
        let file = dir.join(name);
        std::fs::write(&file, data).unwrap();
        // A Thunderbird input is the profile folder that holds prefs.js.
        let path = if *kind == Kind::ThunderbirdProfile {
            dir.clone()
        } else {
            file
        };
        let input = Input {
            kind: *kind,
            rel: ctx.rel(&path),
            path,
        };
        let out = read(&input, &ctx);
        for p in &out.problems {
            assert!(!p.at.path.is_empty(), "{p:?}");
        }
    }
});
