//! `mailaudit plan` on the sample office: the layout, the projection before and after, the
//! order of steps, the fix files read back by the project's own readers, Sieve scripts run
//! through Dovecot's tools, and plan.html rendered in a headless browser.

use mailaudit::model::Effect;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mailaudit"))
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/office")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), t).unwrap();
        }
    }
}

/// A copy of the sample office in `tmp` with its site file edited by `edit`.
fn office_with_site(tmp: &Path, edit: impl Fn(String) -> String) -> PathBuf {
    let office = tmp.join("office");
    copy_tree(&sample(), &office);
    let site = std::fs::read_to_string(office.join("site.toml")).unwrap();
    std::fs::write(office.join("site.toml"), edit(site)).unwrap();
    office
}

/// Runs `plan` and returns the JSON envelope it prints.
fn plan_json(office: &Path, out: &Path, lang: &str) -> Value {
    let o = bin()
        .args(["plan", "--format", "json", "--lang", lang, "--out"])
        .arg(out)
        .arg(office)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn rec<'a>(j: &'a Value, mailbox: &str) -> &'a Value {
    j["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["mailbox"] == mailbox)
        .unwrap_or_else(|| panic!("no recommendation for {mailbox}"))
}

#[test]
fn sample_office_plan_in_both_languages() {
    for (lang, full, held) in [
        ("en", "full on day 17", "held"),
        ("ja", "17 日目に容量", "安定"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("plan");
        let j = plan_json(&sample(), &out, lang);
        let info = rec(&j, "info@example.co.jp");
        assert_eq!(info["main"], "PC-A");
        assert_eq!(info["main_why"]["kind"], "site-file");
        assert_eq!(info["keep_days"], 14);
        let fwd: Vec<(&str, &str)> = info["forwards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["device"].as_str().unwrap(),
                    f["address"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            fwd,
            [
                ("PC-B", "info2@example.co.jp"),
                ("PC-C", "info3@example.co.jp"),
                ("iPhone-Reception", "info4@example.co.jp")
            ]
        );
        // Today PC-C removes at download: the mailbox stays small but the others miss mail.
        let before = &info["projection"]["before"];
        assert!(before["full_on_day"].is_null());
        let pc_a = before["devices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["device"] == "PC-A")
            .unwrap();
        assert!(pc_a["share_missed"].as_f64().unwrap() > 0.05, "{pc_a}");
        let after = &info["projection"]["after"];
        assert!(after["full_on_day"].is_null());
        assert!(after["peak_bytes"].as_u64().unwrap() < 1_600_000_000);
        // sales@: full on day 17 today (the day unbounded-growth names), held with the plan.
        let sales = rec(&j, "sales@example.co.jp");
        assert_eq!(sales["projection"]["before"]["full_on_day"], 17);
        assert!(sales["projection"]["after"]["full_on_day"].is_null());
        assert_eq!(sales["projection"]["after"]["refused"], 0);
        // The steps come in the order that loses nothing.
        let kinds: Vec<&str> = info["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["step"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            [
                "create-addresses",
                "set-forwarding",
                "send-test",
                "switch-device",
                "switch-device",
                "switch-device",
                "set-main-days"
            ]
        );
        let md = std::fs::read_to_string(out.join("plan.md")).unwrap();
        assert!(md.contains(full), "{lang}: {md}");
        assert!(md.contains(held), "{lang}: {md}");
        assert!(md.contains("PC-A") && md.contains("info4@example.co.jp"));
        let html = std::fs::read_to_string(out.join("plan.html")).unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")));
        assert!(!html.contains("<script"));
        assert!(
            !html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("url(")
        );
        for f in [
            "server/forwarding.csv",
            "server/steps-generic.md",
            "server/info@example.co.jp.sieve",
            "server/postfix-virtual",
            "server/info@example.co.jp.exim-filter",
            "devices/PC-B/info@example.co.jp/user.js",
            "devices/PC-C/leave-on-server.reg",
            "devices/PC-C/undo.reg",
            "devices/iPhone-Reception/steps.md",
        ] {
            assert!(out.join(f).is_file(), "{lang}: {f} missing");
        }
        let csv = std::fs::read(out.join("server/forwarding.csv")).unwrap();
        assert!(csv.starts_with(b"\xef\xbb\xbffrom,to,keep_copy\r\n"));
        assert!(
            String::from_utf8_lossy(&csv).contains("info@example.co.jp,info3@example.co.jp,yes")
        );
        let steps = std::fs::read_to_string(out.join("devices/PC-C/steps.md")).unwrap();
        let close = if lang == "en" {
            "close Outlook first"
        } else {
            "先に Outlook を終了してください"
        };
        assert!(steps.contains(close), "{steps}");
        let tb = std::fs::read_to_string(out.join("devices/PC-B/steps.md")).unwrap();
        let remove = if lang == "en" {
            "delete `user.js` from the profile"
        } else {
            "プロファイルの `user.js` を削除してください"
        };
        assert!(tb.contains(remove), "{tb}");
    }
}

#[test]
fn plan_refuses_a_scanned_folder_and_an_existing_folder_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let office = tmp.path().join("office");
    copy_tree(&sample(), &office);
    let under = bin()
        .args(["plan", "--out"])
        .arg(office.join("plan"))
        .arg(&office)
        .output()
        .unwrap();
    assert_eq!(under.status.code(), Some(2));
    assert!(!office.join("plan").exists());
    // A missing folder under the scanned path is not created either.
    let deeper = bin()
        .args(["plan", "--out"])
        .arg(office.join("new/plan"))
        .arg(&office)
        .output()
        .unwrap();
    assert_eq!(deeper.status.code(), Some(2));
    assert!(!office.join("new").exists());
    let out = tmp.path().join("plan");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let again = bin()
        .args(["plan", "--out"])
        .arg(&out)
        .arg(&office)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    // --force does not replace a folder that is not an earlier plan.
    let forced = bin()
        .args(["plan", "--force", "--out"])
        .arg(&out)
        .arg(&office)
        .output()
        .unwrap();
    assert_eq!(forced.status.code(), Some(2));
    assert!(out.join("keep.txt").is_file());
    let fresh = tmp.path().join("fresh");
    plan_json(&office, &fresh, "en");
    let replaced = bin()
        .args(["plan", "--force", "--lang", "ja", "--out"])
        .arg(&fresh)
        .arg(&office)
        .output()
        .unwrap();
    assert_eq!(replaced.status.code(), Some(0));
    assert!(std::fs::read_to_string(fresh.join("plan.md"))
        .unwrap()
        .contains("メール設定の変更計画"));
    // Nothing but the plan folder and nothing left over beside it.
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
}

/// Applies the fix files to a copy of the office the way the steps say (user.js into the
/// profile, the .reg merged as `reg import` does) and scans it again.
fn apply_and_rescan(office: &Path, plan: &Path) -> mailaudit::assemble::Model {
    for (device, profile) in [
        (
            "PC-A",
            "PC-A/AppData/Roaming/Thunderbird/Profiles/k3x9q2lm.default-release",
        ),
        (
            "PC-B",
            "PC-B/Library/Thunderbird/Profiles/w81mvt0c.default-release",
        ),
    ] {
        // One user.js per mailbox step; applied one after the other they add up.
        let mut all = String::new();
        let dir = plan.join("devices").join(device);
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path().join("user.js");
            if p.is_file() {
                all.push_str(&std::fs::read_to_string(p).unwrap());
            }
        }
        if dir.join("user.js").is_file() {
            all.push_str(&std::fs::read_to_string(dir.join("user.js")).unwrap());
        }
        assert!(!all.is_empty(), "no user.js for {device}");
        std::fs::write(office.join(profile).join("user.js"), all).unwrap();
    }
    let reg = office.join("PC-C/outlook.reg");
    let patch = std::fs::read(plan.join("devices/PC-C/leave-on-server.reg")).unwrap();
    assert!(patch.starts_with(&[0xFF, 0xFE]), "UTF-16LE with BOM");
    merge_reg(&reg, &patch);
    mailaudit::scan::build_model(&[office.to_path_buf()], None).unwrap()
}

/// `reg import` semantics: the patch's values land over the file's, everything else stays.
fn merge_reg(reg: &Path, patch: &[u8]) {
    use mailaudit::sources::regfile;
    let base = regfile::parse(&std::fs::read(reg).unwrap());
    let p = regfile::parse(patch);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.version, regfile::Version::V5);
    let mut keys = base.keys.clone();
    keys.extend(p.keys);
    let text = regfile::render(&keys, regfile::Version::V5);
    std::fs::write(reg, regfile::encode_utf16le_bom(&text)).unwrap();
}

fn effect(model: &mailaudit::assemble::Model, device: &str, mailbox: &str) -> Option<Effect> {
    model
        .accesses
        .iter()
        .find(|a| a.device == device && a.mailbox == mailbox)
        .unwrap_or_else(|| panic!("{device} does not read {mailbox}"))
        .effect()
}

#[test]
fn applied_user_js_and_reg_give_the_planned_retention() {
    let tmp = tempfile::tempdir().unwrap();
    let office = tmp.path().join("office");
    copy_tree(&sample(), &office);
    let plan = tmp.path().join("plan");
    plan_json(&office, &plan, "en");
    let m = apply_and_rescan(&office, &plan);
    // info@: PC-A is main with 14 days, the others read their own addresses.
    assert_eq!(
        effect(&m, "PC-A", "info@example.co.jp"),
        Some(Effect::KeepsDays(14))
    );
    assert_eq!(
        effect(&m, "PC-B", "info2@example.co.jp"),
        Some(Effect::RemovesAtDownload)
    );
    assert_eq!(
        effect(&m, "PC-C", "info3@example.co.jp"),
        Some(Effect::RemovesAtDownload)
    );
    // sales@: PC-B is main, PC-A reads sales2@.
    assert_eq!(
        effect(&m, "PC-B", "sales@example.co.jp"),
        Some(Effect::KeepsDays(14))
    );
    assert_eq!(
        effect(&m, "PC-A", "sales2@example.co.jp"),
        Some(Effect::RemovesAtDownload)
    );
    // And undo.reg puts PC-C back as it was.
    merge_reg(
        &office.join("PC-C/outlook.reg"),
        &std::fs::read(plan.join("devices/PC-C/undo.reg")).unwrap(),
    );
    let m = mailaudit::scan::build_model(std::slice::from_ref(&office), None).unwrap();
    assert_eq!(
        effect(&m, "PC-C", "info@example.co.jp"),
        Some(Effect::RemovesAtDownload)
    );
}

#[test]
fn outlook_as_main_device_gets_the_day_count_dword() {
    let tmp = tempfile::tempdir().unwrap();
    let office = office_with_site(tmp.path(), |site| {
        site.replace("main = \"PC-A\"", "main = \"PC-C\"\nkeep_days = 10")
    });
    let plan = tmp.path().join("plan");
    let j = plan_json(&office, &plan, "ja");
    assert_eq!(rec(&j, "info@example.co.jp")["keep_days"], 10);
    let bytes = std::fs::read(plan.join("devices/PC-C/leave-on-server.reg")).unwrap();
    let text = String::from_utf16(
        &bytes[2..]
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(
        text.contains("\"Leave on Server\"=dword:000a0003"),
        "{text}"
    );
    assert!(
        !text.contains("POP3 User"),
        "the main device keeps its login"
    );
    merge_reg(&office.join("PC-C/outlook.reg"), &bytes);
    let m = mailaudit::scan::build_model(std::slice::from_ref(&office), None).unwrap();
    assert_eq!(
        effect(&m, "PC-C", "info@example.co.jp"),
        Some(Effect::KeepsDays(10))
    );
}

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Dovecot's tools refuse to run as root: as root, run them as `nobody`.
fn unprivileged(program: &str, dir: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            program,
        ]);
        c.current_dir(dir);
        c
    } else {
        let mut c = Command::new(program);
        c.current_dir(dir);
        c
    }
}

#[test]
fn every_sieve_script_compiles_and_keeps_a_copy_in_inbox() {
    if !have("sievec") || !have("sieve-test") {
        eprintln!("SKIP every_sieve_script_compiles_and_keeps_a_copy_in_inbox: sievec / sieve-test not installed (Debian package dovecot-sieve)");
        return;
    }
    if is_root() && !have("setpriv") {
        eprintln!("SKIP every_sieve_script_compiles_and_keeps_a_copy_in_inbox: running as root without setpriv");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let plan = tmp.path().join("plan");
    plan_json(&sample(), &plan, "en");
    let work = tmp.path().join("sieve");
    std::fs::create_dir(&work).unwrap();
    for p in [tmp.path(), work.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    std::fs::write(
        work.join("test.eml"),
        "From: customer@example.org\r\nTo: info@example.co.jp\r\nSubject: test\r\n\r\nHello\r\n",
    )
    .unwrap();
    let mut scripts = 0;
    for e in std::fs::read_dir(plan.join("server")).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "sieve") {
            continue;
        }
        scripts += 1;
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        std::fs::copy(&path, work.join(&name)).unwrap();
        for f in [name.as_str(), "test.eml"] {
            std::fs::set_permissions(work.join(f), std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        let c = unprivileged("sievec", &work)
            .args([name.as_str(), "out.svbin"])
            .output()
            .unwrap();
        assert!(
            c.status.success(),
            "sievec {name}: {}",
            String::from_utf8_lossy(&c.stderr)
        );
        let t = unprivileged("sieve-test", &work)
            .args([name.as_str(), "test.eml"])
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&t.stdout);
        assert!(
            t.status.success(),
            "sieve-test {name}: {out} {}",
            String::from_utf8_lossy(&t.stderr)
        );
        assert!(
            out.contains("store message in folder: INBOX"),
            "{name}: {out}"
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let redirects = text.matches("redirect :copy").count();
        assert!((1..=4).contains(&redirects));
        assert_eq!(
            out.matches("preserve implicit keep").count(),
            redirects,
            "{out}"
        );
    }
    assert!(scripts >= 2, "one script per shared mailbox");
}

#[test]
fn a_fifth_forward_gets_no_sieve_script() {
    let tmp = tempfile::tempdir().unwrap();
    let office = tmp.path().join("office");
    copy_tree(&sample(), &office);
    let mut site = std::fs::read_to_string(office.join("site.toml")).unwrap();
    for i in 1..=4 {
        site.push_str(&format!(
            "\n[[manual]]\ndevice = \"Phone-{i}\"\nclient = \"ios-mail\"\nkind = \"phone\"\nmailbox = \"info@example.co.jp\"\nprotocol = \"pop3\"\nhost = \"pop.example.co.jp\"\n"
        ));
    }
    std::fs::write(office.join("site.toml"), site).unwrap();
    let plan = tmp.path().join("plan");
    plan_json(&office, &plan, "en");
    assert!(!plan.join("server/info@example.co.jp.sieve").exists());
    let md = std::fs::read_to_string(plan.join("plan.md")).unwrap();
    assert!(
        md.contains("sieve\\_max\\_redirects") || md.contains("sieve_max_redirects"),
        "{md}"
    );
    let virt = std::fs::read_to_string(plan.join("server/postfix-virtual")).unwrap();
    assert!(virt.contains("info@example.co.jp\tinfo@example.co.jp, info2@example.co.jp"));
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| have(c))
}

fn headless(browser: &str, profile: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

#[test]
fn plan_html_and_report_render_in_headless_chromium() {
    let Some(browser) = chromium() else {
        eprintln!("SKIP plan_html_and_report_render_in_headless_chromium: chromium not installed");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let plan = tmp.path().join("plan");
    plan_json(&sample(), &plan, "ja");
    let report = tmp.path().join("report.html");
    let o = bin()
        .args(["scan", "--format", "html", "-o"])
        .arg(&report)
        .arg(sample())
        .output()
        .unwrap();
    assert!(report.is_file(), "{}", String::from_utf8_lossy(&o.stderr));
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("plan-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for (name, page, chart) in [
        ("plan", plan.join("plan.html"), true),
        ("report", report, false),
    ] {
        let url = format!("file://{}", page.display());
        let dom = headless(browser, &tmp.path().join(format!("prof-{name}")))
            .arg("--dump-dom")
            .arg(&url)
            .output()
            .unwrap();
        let dom = String::from_utf8_lossy(&dom.stdout);
        assert!(
            dom.contains("info@example.co.jp"),
            "{name}: mailbox name not in the DOM"
        );
        assert!(dom.len() > 2000, "{name}: page looks blank");
        if chart {
            assert!(
                dom.contains("<svg") && dom.contains("class=\"before\""),
                "{name}: no chart"
            );
            assert!(dom.contains("class=\"matrix\""), "{name}: no matrix");
        }
        for width in [1280, 390] {
            let png = shots.join(format!("{name}-{width}.png"));
            let _ = std::fs::remove_file(&png);
            let s = headless(browser, &tmp.path().join(format!("prof-{name}-{width}")))
                .arg(format!("--screenshot={}", png.display()))
                .arg(format!("--window-size={width},2000"))
                .arg(&url)
                .output()
                .unwrap();
            let meta = std::fs::metadata(&png).unwrap_or_else(|_| {
                panic!(
                    "{name} {width}: no screenshot: {}",
                    String::from_utf8_lossy(&s.stderr)
                )
            });
            // A blank white page compresses to a few kilobytes.
            assert!(
                meta.len() > 20_000,
                "{name} {width}: screenshot looks blank ({} bytes)",
                meta.len()
            );
        }
    }
    eprintln!("screenshots in {}", shots.display());
}

#[test]
fn daily_volume_is_estimated_from_the_inbox_beside_popstate_or_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let office = office_with_site(tmp.path(), |site| {
        site.replace("daily_volume = \"40MB\"\n", "")
            .replace("daily_volume = \"25MB\"\n", "")
    });
    // PC-A's sales@ downloads span 23 days; a 230 MB Inbox beside them gives 10 MB a day.
    let mail =
        office.join("PC-A/AppData/Roaming/Thunderbird/Profiles/k3x9q2lm.default-release/Mail");
    let inbox = std::fs::File::create(mail.join("pop.example.co.jp-1/Inbox")).unwrap();
    inbox.set_len(230_000_000).unwrap();
    let plan = tmp.path().join("plan");
    let j = plan_json(&office, &plan, "en");
    let mb = j["mailboxes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["key"] == "sales@example.co.jp")
        .unwrap();
    assert_eq!(mb["daily_bytes"], 10_000_000, "{mb}");
    assert_eq!(mb["daily_estimated"], true);
    let sales = rec(&j, "sales@example.co.jp");
    assert_eq!(sales["volume_source"], "estimated");
    assert_eq!(sales["volume_basis"]["days"], 23);
    assert!(sales["projection"]["before"]["size_by_day"].is_array());
    // info@ has no Inbox beside its popstate.dat: no projection, and the plan says what it needs.
    let info = rec(&j, "info@example.co.jp");
    assert_eq!(info["volume_source"], "unknown");
    assert!(info["projection"].is_null());
    let md = std::fs::read_to_string(plan.join("plan.md")).unwrap();
    assert!(md.contains("estimated from evidence"), "{md}");
    assert!(md.contains("Give daily\\_volume"), "{md}");
}

#[test]
fn xserver_gets_its_panel_steps_and_bulk_csv_and_no_server_scripts() {
    let tmp = tempfile::tempdir().unwrap();
    let office = office_with_site(tmp.path(), |site| {
        site.replace("main = \"PC-A\"", "main = \"PC-A\"\npanel = \"xserver\"")
    });
    let plan = tmp.path().join("plan");
    let j = plan_json(&office, &plan, "ja");
    assert_eq!(rec(&j, "info@example.co.jp")["host"], "xserver");
    let steps = std::fs::read_to_string(plan.join("server/steps-xserver.md")).unwrap();
    for label in [
        "「メールアカウント設定」",
        "[転送]",
        "「メールボックスに残す」",
        "「設定する」",
        "「サンプルCSVダウンロード」",
    ] {
        assert!(steps.contains(label), "{label}: {steps}");
    }
    let csv =
        String::from_utf8(std::fs::read(plan.join("server/xserver-accounts-change.csv")).unwrap())
            .unwrap();
    assert!(csv.starts_with("\u{feff}メールアカウント,パスワード,使用容量,最大容量,メモ,転送先アドレス,転送後のメール削除\r\n"));
    assert!(csv.contains("info@example.co.jp,,,,mailaudit plan,info2@example.co.jp|info3@example.co.jp|info4@example.co.jp,0\r\n"), "{csv}");
    assert!(!plan.join("server/info@example.co.jp.sieve").exists());
    // sales@ has no panel given and a generic host: its server files are still written.
    assert!(plan.join("server/sales@example.co.jp.sieve").exists());
}

#[test]
fn a_panel_the_site_file_calls_other_gets_the_generic_steps() {
    let tmp = tempfile::tempdir().unwrap();
    let office = office_with_site(tmp.path(), |site| {
        site.replace("main = \"PC-A\"", "main = \"PC-A\"\npanel = \"other\"")
    });
    let plan = tmp.path().join("plan");
    let j = plan_json(&office, &plan, "en");
    assert_eq!(rec(&j, "info@example.co.jp")["host"], "generic");
    assert!(plan.join("server/steps-generic.md").exists());
}

#[test]
fn hostile_names_cannot_escape_the_plan_folder_or_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    // A forward_to that is no address is refused where it is written, before any file.
    let office = office_with_site(tmp.path(), |site| {
        site.replace(
            "main = \"PC-A\"",
            "main = \"PC-A\"\nforward_to = { \"PC-B\" = \"x\\\"; discard; redirect \\\"evil@example.org\" }",
        )
    });
    let plan = tmp.path().join("plan");
    let o = bin()
        .args(["plan", "--lang", "en", "--out"])
        .arg(&plan)
        .arg(&office)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("site.toml:") && err.contains("not a mail address"),
        "{err}"
    );
    assert!(!plan.exists());

    let tmp = tempfile::tempdir().unwrap();
    let office = office_with_site(tmp.path(), |site| {
        site + "\n[[manual]]\ndevice = \"../<img src=x onerror=alert(1)>\"\nclient = \"ios-mail\"\nmailbox = \"info@example.co.jp\"\nprotocol = \"pop3\"\nhost = \"pop.example.co.jp\"\n"
    });
    let plan = tmp.path().join("plan");
    plan_json(&office, &plan, "en");
    // Every file stays inside the plan folder.
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&plan, &mut files);
    assert!(files.iter().all(|f| f.starts_with(&plan)));
    assert!(!tmp.path().join("<img src=x onerror=alert(1)>").exists());
    let html = std::fs::read_to_string(plan.join("plan.html")).unwrap();
    assert!(
        !html.contains("<img"),
        "markup from a device name reached the page"
    );
    assert!(html.contains("&lt;img"));
}

#[test]
fn gmail_fetcher_is_never_recommended_and_microsoft_365_prefers_imap() {
    let tmp = tempfile::tempdir().unwrap();
    let office = office_with_site(tmp.path(), |site| {
        site.replace("daily_volume = \"25MB\"", "daily_volume = \"25MB\"\npanel = \"microsoft365\"")
            + "\n[[manual]]\ndevice = \"Gmail-Sato\"\nclient = \"gmail-fetcher\"\nmailbox = \"info@example.co.jp\"\nprotocol = \"pop3\"\nhost = \"pop.example.co.jp\"\nleave_on_server = true\n"
    });
    let plan = tmp.path().join("plan");
    let j = plan_json(&office, &plan, "en");
    let info = rec(&j, "info@example.co.jp");
    let gmail = info["forwards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["device"] == "Gmail-Sato")
        .unwrap();
    assert_eq!(gmail["then"]["kind"], "replace-gmail-fetcher");
    let md = std::fs::read_to_string(plan.join("plan.md")).unwrap();
    assert!(
        md.contains("instead of Gmail's \"Check mail from other accounts\""),
        "{md}"
    );
    let sales = rec(&j, "sales@example.co.jp");
    assert_eq!(sales["host"], "microsoft365");
    assert_eq!(sales["imap_alternative"]["preferred"], true);
    assert!(
        md.contains("Recommended on Microsoft 365 instead of forwarding"),
        "{md}"
    );
    let steps = std::fs::read_to_string(plan.join("server/steps-microsoft365.md")).unwrap();
    assert!(steps.contains("Keep a copy of forwarded email in this mailbox"));
    assert!(steps.contains("-DeliverToMailboxAndForward $true"));
}

fn corpus() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    p.is_dir().then_some(p)
}

#[test]
fn real_outlook_exports_take_the_planned_reg_files() {
    let Some(corpus) = corpus() else {
        eprintln!(
            "SKIP real_outlook_exports_take_the_planned_reg_files: ../shared/corpus is absent"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let office = tmp.path().join("office");
    for (device, file) in [
        ("PC-X", "reg16-pop-2acct-fabriq.reg"),
        ("PC-Y", "reg16-pop-1acct-fabriq.reg"),
    ] {
        std::fs::create_dir_all(office.join(device)).unwrap();
        std::fs::copy(
            corpus.join("outlook").join(file),
            office.join(device).join(file),
        )
        .unwrap();
    }
    let plan = tmp.path().join("plan");
    let j = plan_json(&office, &plan, "ja");
    let r = rec(&j, "yamada@exmpl.co.jp");
    // The server name gives the host away: Xserver's panel steps and bulk CSV.
    assert_eq!(r["host"], "xserver");
    assert!(plan.join("server/steps-xserver.md").is_file());
    let main = r["main"].as_str().unwrap().to_string();
    let other = if main == "PC-X" { "PC-Y" } else { "PC-X" };
    for (device, file) in [
        ("PC-X", "reg16-pop-2acct-fabriq.reg"),
        ("PC-Y", "reg16-pop-1acct-fabriq.reg"),
    ] {
        let patch = std::fs::read(
            plan.join("devices")
                .join(device)
                .join("leave-on-server.reg"),
        )
        .unwrap();
        merge_reg(&office.join(device).join(file), &patch);
    }
    let m = mailaudit::scan::build_model(std::slice::from_ref(&office), None).unwrap();
    assert_eq!(
        effect(&m, &main, "yamada@exmpl.co.jp"),
        Some(Effect::KeepsDays(14))
    );
    assert_eq!(
        effect(&m, other, "yamada2@exmpl.co.jp"),
        Some(Effect::RemovesAtDownload)
    );
    // The other account on PC-X is untouched.
    assert_eq!(
        effect(&m, "PC-X", "sales1@exmpl.co.jp"),
        Some(Effect::KeepsDays(14))
    );
}

#[test]
fn real_thunderbird_prefs_take_the_planned_user_js() {
    let Some(corpus) = corpus() else {
        eprintln!(
            "SKIP real_thunderbird_prefs_take_the_planned_user_js: ../shared/corpus is absent"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let office = tmp.path().join("office");
    let profile = |d: &str| office.join(d).join("Thunderbird/Profiles/x.default");
    for d in ["PC-A", "PC-B"] {
        std::fs::create_dir_all(profile(d)).unwrap();
        std::fs::copy(
            corpus.join("thunderbird/cc-bloat-mailnewsTestPrefs.prefs.js"),
            profile(d).join("prefs.js"),
        )
        .unwrap();
    }
    let plan = tmp.path().join("plan");
    let j = plan_json(&office, &plan, "en");
    let r = &j["recommendations"][0];
    let mailbox = r["mailbox"].as_str().unwrap().to_string();
    let own = r["forwards"][0]["address"].as_str().unwrap().to_string();
    for d in ["PC-A", "PC-B"] {
        std::fs::copy(
            plan.join("devices").join(d).join("user.js"),
            profile(d).join("user.js"),
        )
        .unwrap();
    }
    let m = mailaudit::scan::build_model(std::slice::from_ref(&office), None).unwrap();
    assert_eq!(effect(&m, "PC-A", &mailbox), Some(Effect::KeepsDays(14)));
    assert_eq!(effect(&m, "PC-B", &own), Some(Effect::RemovesAtDownload));
}

#[test]
fn days_option_sets_the_projection_length_and_text_prints_the_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let o = bin()
        .args(["plan", "--days", "14", "--lang", "en", "--out"])
        .arg(&out)
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("## info@example.co.jp") && text.contains("files written to"),
        "{text}"
    );
    assert!(text.contains("over 14 days"), "{text}");
    let bad = bin()
        .args(["plan", "--days", "0", "--out"])
        .arg(tmp.path().join("x"))
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(!tmp.path().join("x").exists());
}
