//! Writes a generated fleet of offices for the tests and the benchmarks: offices of 3–40
//! devices mixing Thunderbird, Outlook `.reg` exports, PRF files, K-9 `.k9s` exports and
//! Becky!, each with its site file, and a known share of each conflict, so the roll-up
//! counts can be checked against what was planted.
//!
//! Every office reads `info@` on all its devices, each keeping copies 30 days. Planted:
//! - every third office (index 0, 3, 6 …): its first device removes `info@` at download,
//!   one critical finding, and every other device then loses mail;
//! - every fourth office from index 1 (1, 5, 9 …): `sales@` on its first two devices, never
//!   removed, with a quota and a daily volume in the site file, so it fills in
//!   [`SALES_FULL_DAYS`] days, a second critical finding.

use std::fmt::Write as _;
use std::path::Path;

/// Days until the planted `sales@` mailbox is full: 1 GB at 25 MB a day.
pub const SALES_FULL_DAYS: u64 = 40;

/// File sizes: `full` is what the benchmarks use, `small` keeps a test quick.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// Smallest and largest `prefs.js`, bytes.
    pub prefs: (usize, usize),
    /// Largest `popstate.dat`, lines.
    pub popstate_lines: usize,
    /// Smallest and largest `.reg` export, bytes of UTF-16.
    pub reg: (usize, usize),
    /// Devices per office, smallest and largest.
    pub devices: (usize, usize),
}

impl Sizes {
    /// The sizes of real offices.
    pub fn full() -> Self {
        Sizes {
            prefs: (50_000, 300_000),
            popstate_lines: 20_000,
            reg: (60_000, 200_000),
            devices: (3, 40),
        }
    }

    /// Small files and offices, for tests.
    pub fn small() -> Self {
        Sizes {
            prefs: (2_000, 8_000),
            popstate_lines: 200,
            reg: (3_000, 8_000),
            devices: (3, 12),
        }
    }
}

/// What was planted in one office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficePlan {
    /// The office folder's name.
    pub name: String,
    /// Its mail domain.
    pub domain: String,
    /// Device folders written.
    pub devices: usize,
    /// Devices that remove `info@` at download (critical findings).
    pub removers: usize,
    /// The device that removes, when one does.
    pub remover: Option<String>,
    /// Critical findings: the remover's, and the filling `sales@` (full within weeks is critical).
    pub critical: usize,
    /// Days until `sales@` is full, when planted.
    pub full_in_days: Option<u64>,
    /// Devices that lose `info@` mail to the remover.
    pub losing: usize,
}

/// A small deterministic generator (SplitMix64), so a seed always gives the same fleet.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
}

/// The kind of device `j` of an office: mostly Thunderbird, then Outlook, K-9 and Becky!.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DeviceKind {
    Thunderbird,
    OutlookReg,
    OutlookPrf,
    K9,
    Becky,
}

fn kind_of(j: usize) -> DeviceKind {
    match j % 8 {
        0..=3 => DeviceKind::Thunderbird,
        4 if j % 16 == 12 => DeviceKind::OutlookPrf,
        4 | 5 => DeviceKind::OutlookReg,
        6 => DeviceKind::K9,
        _ => DeviceKind::Becky,
    }
}

/// Writes `offices` offices under `root` (created when missing) and returns what was
/// planted in each, in name order.
pub fn generate(
    root: &Path,
    offices: usize,
    seed: u64,
    sizes: Sizes,
) -> std::io::Result<Vec<OfficePlan>> {
    std::fs::create_dir_all(root)?;
    let mut rng = Rng(seed);
    let mut plans = Vec::with_capacity(offices);
    for i in 0..offices {
        let name = format!("office-{i:04}");
        let domain = format!("office{i:04}.example.jp");
        let devices = rng.range(sizes.devices.0, sizes.devices.1);
        let removes = i % 3 == 0;
        let growth = i % 4 == 1;
        let dir = root.join(&name);
        std::fs::create_dir_all(&dir)?;
        let mut site = String::from("[defaults]\naway_days = 7\n\n");
        let _ = writeln!(
            site,
            "[mailbox.\"info@{domain}\"]\nquota = \"2GB\"\ndaily_volume = \"40MB\"\n"
        );
        if growth {
            let _ = writeln!(
                site,
                "[mailbox.\"sales@{domain}\"]\nquota = \"1GB\"\ndaily_volume = \"25MB\"\n"
            );
        }
        std::fs::write(dir.join("site.toml"), site)?;
        let mut remover = None;
        for j in 0..devices {
            let d = Device {
                dir: &dir,
                j,
                domain: &domain,
                // Device 0 is always Thunderbird: it is the planted remover.
                leave: !(removes && j == 0),
                sales: growth && j < 2,
            };
            let id = d.write(kind_of(j), &mut rng, sizes)?;
            if !d.leave {
                remover = Some(id);
            }
        }
        plans.push(OfficePlan {
            name,
            domain,
            devices,
            removers: usize::from(removes),
            critical: usize::from(removes) + usize::from(growth),
            remover,
            full_in_days: growth.then_some(SALES_FULL_DAYS),
            losing: if removes { devices - 1 } else { 0 },
        });
    }
    Ok(plans)
}

/// One device to write.
struct Device<'a> {
    dir: &'a Path,
    j: usize,
    domain: &'a str,
    /// Keeps `info@` copies 30 days; else removes at download.
    leave: bool,
    /// Also reads `sales@`, keeping everything.
    sales: bool,
}

impl Device<'_> {
    /// Writes the device folder; returns the device id.
    fn write(&self, kind: DeviceKind, rng: &mut Rng, sizes: Sizes) -> std::io::Result<String> {
        match kind {
            DeviceKind::Thunderbird => self.thunderbird(rng, sizes),
            DeviceKind::OutlookReg => self.outlook_reg(rng, sizes),
            DeviceKind::OutlookPrf => self.outlook_prf(),
            DeviceKind::K9 => self.k9(),
            DeviceKind::Becky => self.becky(),
        }
    }

    fn thunderbird(&self, rng: &mut Rng, sizes: Sizes) -> std::io::Result<String> {
        let id = format!("PC-{:03}", self.j);
        let tb = self.dir.join(&id).join("AppData/Roaming/Thunderbird");
        let salt = format!("g{:03}x{:04}", self.j, rng.next() % 10_000);
        let profile = tb.join(format!("Profiles/{salt}.default-release"));
        std::fs::create_dir_all(&profile)?;
        std::fs::write(
            tb.join("profiles.ini"),
            format!(
                "[Profile0]\r\nName=default-release\r\nIsRelative=1\r\nPath=Profiles/{salt}.default-release\r\nDefault=1\r\n\r\n[General]\r\nStartWithLastProfile=1\r\nVersion=2\r\n"
            ),
        )?;
        let mut p = String::from("// Mozilla User Preferences\n\n");
        let mut accounts = vec!["account2"];
        let server = |p: &mut String, n: u32, user: &str, leave: bool, days: Option<u32>| {
            let s = format!("mail.server.server{n}");
            let _ = writeln!(
                p,
                "user_pref(\"mail.account.account{n}.identities\", \"id{n}\");"
            );
            let _ = writeln!(
                p,
                "user_pref(\"mail.account.account{n}.server\", \"server{n}\");"
            );
            let _ = writeln!(
                p,
                "user_pref(\"mail.identity.id{n}.useremail\", \"{user}@{}\");",
                self.domain
            );
            let _ = writeln!(
                p,
                "user_pref(\"{s}.delete_by_age_from_server\", {});",
                days.is_some()
            );
            let _ = writeln!(p, "user_pref(\"{s}.hostname\", \"pop.{}\");", self.domain);
            let _ = writeln!(p, "user_pref(\"{s}.leave_on_server\", {leave});");
            if let Some(d) = days {
                let _ = writeln!(p, "user_pref(\"{s}.num_days_to_leave_on_server\", {d});");
            }
            let _ = writeln!(p, "user_pref(\"{s}.port\", 995);");
            let _ = writeln!(p, "user_pref(\"{s}.socketType\", 3);");
            let _ = writeln!(p, "user_pref(\"{s}.type\", \"pop3\");");
            let _ = writeln!(
                p,
                "user_pref(\"{s}.userName\", \"{user}@{}\");",
                self.domain
            );
            let _ = writeln!(
                p,
                "user_pref(\"{s}.directory-rel\", \"[ProfD]Mail/pop-{user}\");"
            );
        };
        server(&mut p, 2, "info", self.leave, Some(30));
        if self.sales {
            server(&mut p, 3, "sales", true, None);
            accounts.push("account3");
        }
        let _ = writeln!(
            p,
            "user_pref(\"mail.accountmanager.accounts\", \"{}\");",
            accounts.join(",")
        );
        // The rest of a real prefs.js: hundreds of settings that are not about mail servers.
        let target = rng.range(sizes.prefs.0, sizes.prefs.1);
        let mut k = 0;
        while p.len() < target {
            let _ = writeln!(
                p,
                "user_pref(\"browser.generated.setting{k}\", \"a value of some length, number {k}\");"
            );
            let _ = writeln!(p, "user_pref(\"mail.generated.flag{k}\", {});", k % 2 == 0);
            k += 1;
        }
        std::fs::write(profile.join("prefs.js"), p)?;
        let mail = profile.join("Mail/pop-info");
        std::fs::create_dir_all(&mail)?;
        let lines = rng.range(1, sizes.popstate_lines);
        let mut pop = format!(
            "# POP3 State File\n# This is a generated file!  Do not edit.\n\n*pop.{} info@{}\n",
            self.domain, self.domain
        );
        for n in 0..lines {
            let _ = writeln!(
                pop,
                "k UID{:03}{n:07}.{} {}",
                self.j,
                self.domain,
                1_760_000_000 + n * 120
            );
        }
        std::fs::write(mail.join("popstate.dat"), pop)?;
        Ok(id)
    }

    fn outlook_reg(&self, rng: &mut Rng, sizes: Sizes) -> std::io::Result<String> {
        let id = format!("PC-{:03}", self.j);
        let dir = self.dir.join(&id).join("registry");
        std::fs::create_dir_all(&dir)?;
        let base = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\9375CFF0413111d3B88A00104B2A6676";
        let mut t = String::from("Windows Registry Editor Version 5.00\r\n\r\n");
        let _ = write!(t, "[{base}]\r\n\"NextAccountID\"=dword:00000003\r\n\r\n");
        let mailbox = format!("info@{}", self.domain);
        let _ = write!(t, "[{base}\\00000002]\r\n");
        t.push_str("\"clsid\"=\"{ED475411-B0D6-11D2-8C3B-00104B2A6676}\"\r\n");
        for (name, value) in [
            ("Account Name", mailbox.clone()),
            ("Display Name", format!("Reception {}", self.j)),
            ("Email", mailbox.clone()),
            ("POP3 Server", format!("pop.{}", self.domain)),
            ("POP3 User", mailbox.clone()),
            ("SMTP Server", format!("smtp.{}", self.domain)),
        ] {
            t.push_str(&reg_hex_string(name, &value));
        }
        t.push_str("\"POP3 Port\"=dword:000003e3\r\n\"POP3 Use SSL\"=dword:00000001\r\n");
        t.push_str("\"SMTP Port\"=dword:0000024b\r\n\"SMTP Secure Connection\"=dword:00000002\r\n");
        t.push_str("\"SMTP Use Auth\"=dword:00000001\r\n");
        // Keep a copy, remove 30 days after download: bits 0x1 and 0x2, the days above bit 16.
        let bits = if self.leave {
            0x1 | 0x2 | (30 << 16)
        } else {
            0
        };
        let _ = write!(t, "\"Leave on Server\"=dword:{bits:08x}\r\n\r\n");
        // The rest of an export: Outlook's other settings, strings and binary blobs.
        let target = rng.range(sizes.reg.0, sizes.reg.1) / 2;
        let mut k = 0;
        while t.len() < target {
            let _ = write!(
                t,
                "[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Preferences\\Generated{k}]\r\n\"Setting\"=\"a value of some length {k}\"\r\n\"Flags\"=dword:{k:08x}\r\n"
            );
            t.push_str(&reg_hex_string("Blob", &format!("binary data number {k}")));
            t.push_str("\r\n");
            k += 1;
        }
        let mut bytes = vec![0xFF, 0xFE];
        for u in t.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        std::fs::write(dir.join("outlook.reg"), bytes)?;
        Ok(id)
    }

    fn outlook_prf(&self) -> std::io::Result<String> {
        let id = format!("PC-{:03}", self.j);
        let dir = self.dir.join(&id);
        std::fs::create_dir_all(&dir)?;
        let d = self.domain;
        let bits = if self.leave {
            0x1 | 0x2 | (30 << 16)
        } else {
            0
        };
        let prf = format!(
            "[General]\r\nCustom=1\r\nProfileName=Outlook\r\nDefaultProfile=Yes\r\n\r\n\
             [Internet Account List]\r\nAccount1=I_Mail\r\n\r\n\
             [Account1]\r\nUniqueService=No\r\nAccountName=info\r\nDisplayName=Reception\r\nEmailAddress=info@{d}\r\n\
             POP3Server=pop.{d}\r\nPOP3UserName=info@{d}\r\nPOP3UseSPA=0\r\nPOP3Port=995\r\nPOP3UseSSL=1\r\n\
             SMTPServer=smtp.{d}\r\nSMTPUseAuth=1\r\nSMTPPort=465\r\nSMTPSecureConnection=1\r\nLeaveOnServer=0x{bits:x}\r\n\r\n\
             [I_Mail]\r\nAccountType=POP3\r\nPOP3Server=PT_UNICODE,0x0100\r\nLeaveOnServer=PT_LONG,0x1000\r\n"
        );
        std::fs::write(dir.join("outlook.prf"), prf)?;
        Ok(id)
    }

    fn k9(&self) -> std::io::Result<String> {
        let id = format!("Android-{:03}", self.j);
        let dir = self.dir.join(&id);
        std::fs::create_dir_all(&dir)?;
        let d = self.domain;
        // K-9 has no day count: NEVER keeps the server copy until another device removes it.
        let xml = format!(
            "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<k9settings format=\"1\" version=\"111\">\n  <accounts>\n    <account uuid=\"6b1f0c2e-3d4a-4e5f-8a9b-{:012x}\">\n      <name>info</name>\n      <incoming-server type=\"POP3\">\n        <host>pop.{d}</host>\n        <port>995</port>\n        <connection-security>SSL_TLS_REQUIRED</connection-security>\n        <authentication-type>PLAIN</authentication-type>\n        <username>info@{d}</username>\n      </incoming-server>\n      <outgoing-server type=\"SMTP\">\n        <host>smtp.{d}</host>\n        <port>465</port>\n        <connection-security>SSL_TLS_REQUIRED</connection-security>\n        <authentication-type>PLAIN</authentication-type>\n        <username>info@{d}</username>\n      </outgoing-server>\n      <settings>\n        <value key=\"automaticCheckIntervalMinutes\">15</value>\n        <value key=\"deletePolicy\">NEVER</value>\n      </settings>\n      <identities>\n        <identity>\n          <name>Reception</name>\n          <email>info@{d}</email>\n        </identity>\n      </identities>\n      <folders />\n    </account>\n  </accounts>\n</k9settings>\n",
            self.j
        );
        std::fs::write(dir.join("settings_export.k9s"), xml)?;
        Ok(id)
    }

    fn becky(&self) -> std::io::Result<String> {
        let id = format!("PC-{:03}", self.j);
        let user = self.dir.join(&id).join("Becky!/reception");
        let mb = user.join("4f3a2b1c.mb");
        std::fs::create_dir_all(&mb)?;
        std::fs::write(user.join("Folder.lst"), "4f3a2b1c.mb\\\r\n")?;
        let d = self.domain;
        let ini = format!(
            "[Account]\r\nName=info\r\nYourName=Reception\r\nMailAddress=info@{d}\r\nProtocol=0\r\nMailServer=pop.{d}\r\nUserID=info@{d}\r\nPOP3Port=995\r\nSSLPOP=1\r\nPOP3Auth=0\r\nLeaveServer=1\r\nKeepDays=30\r\nCheckInt=1\r\nCheckEvery=10\r\nSMTPServer=smtp.{d}\r\nSMTPPort=465\r\nSSLSMTP=1\r\nSMTPAUTH=1\r\nSMTPAUTHMODE=2\r\n"
        );
        std::fs::write(mb.join("Mailbox.ini"), ini)?;
        Ok(id)
    }
}

/// A string value as `regedit` exports REG_BINARY UTF-16 text: `hex:` bytes, wrapped.
fn reg_hex_string(name: &str, value: &str) -> String {
    let mut bytes: Vec<u8> = value.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.extend_from_slice(&[0, 0]);
    let mut s = format!("\"{name}\"=hex:");
    let mut col = s.len();
    for (i, b) in bytes.iter().enumerate() {
        let last = i + 1 == bytes.len();
        let _ = write!(s, "{b:02x}");
        col += 2;
        if !last {
            s.push(',');
            col += 1;
            if col > 76 {
                s.push_str("\\\r\n  ");
                col = 2;
            }
        }
    }
    s.push_str("\r\n");
    s
}
