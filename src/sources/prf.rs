//! Outlook profile configuration files (`.prf`): the Internet accounts a profile gets.
//!
//! `[Internet Account List]` names `AccountN=I_Mail|IMAP_I_Mail|…`; each `[AccountN]`
//! holds that account's values. Outlook 2002 and later write retention as one
//! `LeaveOnServer` bit field (hex `0x20007` or decimal), Outlook 97–2000 as four keys
//! `POP3LeaveOnServer`, `POP3RemoveExpired`, `POP3ExpireDays`, `POP3RemoveDeleted`.

use super::ini::{self, Entry, Ini, Section};
use super::outlook::{
    decode_four_flags, decode_leave_bits, incoming_security, smtp_secure_connection, smtp_security,
    smtp_ssl_flag, DecodedRetention,
};
use super::{Ctx, Input, Readout};
use crate::model::{
    Access, Auth, Client, Evidence, Fetch, Origin, Outgoing, Problem, Protocol, Security,
};
use crate::text::{decode, Fallback};

const PRF_ASSUMPTION: &str = "A PRF file describes the profile Outlook creates from it; assumed this device's Outlook was set up from it and not changed since.";
const FETCH_ASSUMPTION: &str = "A PRF file holds no Send/Receive schedule; assumed Outlook's default group: fetch at start-up and every 30 minutes.";

/// Reads one PRF file.
pub fn read(input: &Input, ctx: &Ctx) -> Readout {
    let rel = ctx.rel(&input.path);
    match ctx.read(&input.path) {
        Ok(bytes) => read_bytes(&bytes, &rel),
        Err(p) => Readout {
            problems: vec![p],
            ..Readout::default()
        },
    }
}

/// Reads the bytes of a PRF file; `rel` is the path shown in reports.
pub fn read_bytes(bytes: &[u8], rel: &str) -> Readout {
    let mut out = Readout::default();
    let decoded = decode(bytes, Fallback::Ansi);
    if decoded.lossy {
        out.problems.push(Problem::file(
            rel,
            format!(
                "some bytes are not valid {}; names or hosts may be garbled",
                decoded.encoding
            ),
        ));
    }
    let ini = ini::parse(&decoded.text);
    let Some(list) = ini.section("Internet Account List") else {
        if ini.section("General").is_none() {
            out.problems.push(Problem::file(
                rel,
                "no [General] or [Internet Account List] section: not an Outlook profile file",
            ));
        }
        return out;
    };
    for entry in &list.entries {
        let Some(section) = ini.section(&entry.key) else {
            out.problems.push(Problem::at(
                rel,
                entry.line,
                format!(
                    "[Internet Account List] names `{}` but the file has no [{}] section",
                    entry.key, entry.key
                ),
            ));
            continue;
        };
        report_bad_lines(&ini, section, rel, &mut out.problems);
        if let Some(a) = account(&ini, entry, section, rel, &mut out.problems) {
            out.accesses.push(a);
        }
    }
    out
}

/// Lines without `=` inside an account section may be a lost value; elsewhere (wrapped
/// comments in Microsoft's own samples) Outlook ignores them, and so does this reader.
fn report_bad_lines(ini: &Ini, section: &Section, rel: &str, probs: &mut Vec<Problem>) {
    let end = ini
        .sections
        .iter()
        .map(|s| s.line)
        .filter(|l| *l > section.line)
        .min()
        .unwrap_or(u32::MAX);
    for bad in &ini.bad_lines {
        if bad.line > section.line && bad.line < end {
            probs.push(Problem::at(
                rel,
                bad.line,
                format!("line in [{}] is not `key=value`; ignored", section.name),
            ));
        }
    }
}

/// A section's values, looked up by any of several key spellings.
struct Keys<'a> {
    section: &'a Section,
    rel: &'a str,
}

impl<'a> Keys<'a> {
    fn get(&self, names: &[&str]) -> Option<&'a Entry> {
        names.iter().find_map(|n| self.section.get(n))
    }

    fn text(&self, names: &[&str]) -> Option<(String, u32)> {
        self.get(names)
            .map(|e| (e.value.trim().to_string(), e.line))
            .filter(|(v, _)| !v.is_empty())
    }

    fn number(&self, names: &[&str], probs: &mut Vec<Problem>) -> Option<(u32, u32)> {
        let e = self.get(names)?;
        match parse_number(&e.value) {
            Some(n) => Some((n, e.line)),
            None => {
                probs.push(Problem::at(
                    self.rel,
                    e.line,
                    format!("`{}` is not a number (decimal or 0x hex); ignored", e.key),
                ));
                None
            }
        }
    }

    fn flag(&self, names: &[&str], probs: &mut Vec<Problem>) -> Option<(bool, u32)> {
        let e = self.get(names)?;
        match e.value.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" => Some((true, e.line)),
            "false" | "no" => Some((false, e.line)),
            _ => self.number(names, probs).map(|(n, l)| (n != 0, l)),
        }
    }

    fn port(&self, names: &[&str], probs: &mut Vec<Problem>) -> Option<(u16, u32)> {
        let (n, line) = self.number(names, probs)?;
        match u16::try_from(n) {
            Ok(p) if p != 0 => Some((p, line)),
            _ => {
                probs.push(Problem::at(
                    self.rel,
                    line,
                    format!("{n} is not a TCP port; the default port is used"),
                ));
                None
            }
        }
    }
}

/// `0x20007`, `0X1`, or decimal `131079`.
pub fn parse_number(s: &str) -> Option<u32> {
    let t = s.trim();
    match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => t.parse().ok(),
    }
}

fn account(
    ini: &Ini,
    entry: &Entry,
    section: &Section,
    rel: &str,
    probs: &mut Vec<Problem>,
) -> Option<Access> {
    let keys = Keys { section, rel };
    let at = |line: u32| Origin::at(rel, line);
    let outlook = || Origin::ClientDefault {
        client: "outlook".into(),
    };
    let name = keys
        .text(&["AccountName"])
        .map(|(n, _)| n)
        .unwrap_or_else(|| section.name.clone());
    let pop = keys.text(&["POP3Server"]);
    let imap = keys.text(&["IMAPServer"]);
    let kind = entry.value.trim().to_ascii_lowercase();
    let protocol = match kind.as_str() {
        "i_mail" if pop.is_none() && imap.is_some() => Protocol::Imap,
        "i_mail" => Protocol::Pop3,
        "imap_i_mail" => Protocol::Imap,
        _ => {
            probs.push(Problem::at(
                rel,
                entry.line,
                format!(
                    "account `{name}` is of type `{}`, not POP3 or IMAP; not audited",
                    entry.value.trim()
                ),
            ));
            return None;
        }
    };
    let (p, server) = if protocol == Protocol::Pop3 {
        ("POP3", pop)
    } else {
        ("IMAP", imap)
    };
    let Some((host, host_line)) = server else {
        probs.push(Problem::at(
            rel,
            section.line,
            format!(
                "[{}] has no {p}Server; account `{name}` skipped",
                section.name
            ),
        ));
        return None;
    };
    let mut a = Access::new(
        Client::Outlook,
        &name,
        protocol,
        Evidence {
            path: rel.to_string(),
            line: Some(section.line),
        },
    );
    let mut assumptions = vec![PRF_ASSUMPTION.to_string()];
    a.host = host;
    a.provenance.insert("host".into(), at(host_line));
    let email = keys.text(&["EmailAddress", "SMTPEmailAddress"]);
    let user_keys = [format!("{p}UserName"), format!("{p}LogonName")];
    match keys.text(&[&user_keys[0], &user_keys[1]]) {
        Some((u, line)) => {
            a.username = u;
            a.provenance.insert("username".into(), at(line));
        }
        None => {
            if let Some((e, _)) = &email {
                a.username = e.clone();
                let reason = format!("no {p}UserName; assumed the login is the e-mail address");
                assumptions.push(format!("The PRF has {reason}."));
                a.provenance
                    .insert("username".into(), Origin::Assumed { reason });
            } else {
                probs.push(Problem::at(
                    rel,
                    section.line,
                    format!("account `{name}` has no {p}UserName and no e-mail address; its mailbox cannot be named"),
                ));
            }
        }
    }
    if let Some((e, _)) = email {
        a.identities.push(e);
    }
    let (plain, tls) = if protocol == Protocol::Pop3 {
        (110, 995)
    } else {
        (143, 993)
    };
    let port = keys.port(&[&format!("{p}Port")], probs);
    let ssl_keys = [format!("{p}UseSSL"), format!("{p}SSL")];
    let ssl_entry = keys
        .get(&[&ssl_keys[0], &ssl_keys[1]])
        .map(|e| e.key.clone());
    let ssl = keys.flag(&[&ssl_keys[0], &ssl_keys[1]], probs);
    let sec = incoming_security(
        protocol,
        ssl.map(|(on, l)| (on, at(l))),
        port.map(|(p, _)| p),
        ssl_entry.as_deref().unwrap_or(&ssl_keys[0]),
        outlook(),
    );
    a.security = sec.security;
    a.provenance.insert("security".into(), sec.origin);
    assumptions.extend(sec.note);
    match port {
        Some((port, l)) => {
            a.port = Some(port);
            a.provenance.insert("port".into(), at(l));
        }
        None => {
            a.port = Some(if a.security == Security::Tls {
                tls
            } else {
                plain
            });
            a.provenance.insert("port".into(), outlook());
        }
    }
    let spa_keys = [format!("{p}UseSPA"), format!("{p}UseSicily")];
    let spa = keys.flag(&[&spa_keys[0], &spa_keys[1]], probs);
    a.auth = if spa.is_some_and(|(on, _)| on) {
        Auth::PasswordEncrypted
    } else {
        Auth::PasswordCleartext
    };
    a.provenance
        .insert("auth".into(), spa.map_or_else(outlook, |(_, l)| at(l)));
    a.password_stored = section
        .entries
        .iter()
        .any(|e| e.key.to_ascii_lowercase().contains("password") && !e.value.trim().is_empty());
    a.fetch = Fetch {
        automatic: true,
        interval_minutes: Some(30),
        at_startup: true,
    };
    a.provenance.insert(
        "fetch".into(),
        Origin::Assumed {
            reason: FETCH_ASSUMPTION.into(),
        },
    );
    assumptions.push(FETCH_ASSUMPTION.into());
    if let Some(o) = outgoing(&keys, a.auth, &mut assumptions, probs) {
        a.outgoing.push(o);
    }
    if protocol == Protocol::Pop3 {
        let mapping = ini.section(entry.value.trim());
        let decoded = retention(&keys, mapping, &name, &mut a, &mut assumptions, probs);
        assumptions.extend(decoded.assumptions);
        a.retention = Some(decoded.retention);
        a.provenance.insert("headers_only".into(), outlook());
    }
    a.assumptions = assumptions;
    Some(a)
}

fn retention(
    keys: &Keys,
    mapping: Option<&Section>,
    name: &str,
    a: &mut Access,
    assumptions: &mut Vec<String>,
    probs: &mut Vec<Problem>,
) -> DecodedRetention {
    let rel = keys.rel;
    let fields = [
        "leave_on_server",
        "delete_after_days",
        "delete_when_deleted_locally",
    ];
    let unmapped = |key: &str, assumptions: &mut Vec<String>| {
        if let Some(m) = mapping {
            if m.get(key).is_none() {
                assumptions.push(format!(
                    "`{key}` has no mapping in this file's [{}] section, and Outlook is reported to ignore unmapped keys; its value was used anyway.",
                    m.name
                ));
            }
        }
    };
    if let Some((bits, line)) = keys.number(&["LeaveOnServer"], probs) {
        unmapped("LeaveOnServer", assumptions);
        for f in fields {
            a.provenance.insert(f.into(), Origin::at(rel, line));
        }
        let d = decode_leave_bits(bits);
        a.provenance.insert(
            "delete_after_days".into(),
            d.days_origin(Origin::at(rel, line)),
        );
        if let Some(anomaly) = &d.anomaly {
            probs.push(Problem::at(
                rel,
                line,
                format!("account `{name}`: {anomaly}"),
            ));
        }
        return d;
    }
    let leave = keys.flag(&["POP3LeaveOnServer"], probs);
    let expired = keys.flag(&["POP3RemoveExpired"], probs);
    let days = keys.number(&["POP3ExpireDays"], probs);
    let deleted = keys.flag(&["POP3RemoveDeleted"], probs);
    if leave.is_none() && expired.is_none() && days.is_none() && deleted.is_none() {
        let reason = "The PRF sets no LeaveOnServer (or POP3LeaveOnServer); assumed the account removes messages at download (Outlook's classic default).".to_string();
        for f in fields {
            a.provenance.insert(
                f.into(),
                Origin::Assumed {
                    reason: reason.clone(),
                },
            );
        }
        return DecodedRetention {
            retention: crate::model::Retention {
                leave_on_server: false,
                delete_after_days: None,
                delete_when_deleted_locally: false,
                headers_only: false,
                size_limit_kib: None,
            },
            assumptions: vec![reason],
            anomaly: None,
            days_assumed: None,
        };
    }
    if leave.is_some() {
        unmapped("POP3LeaveOnServer", assumptions);
    }
    let outlook = || Origin::ClientDefault {
        client: "outlook".into(),
    };
    let d = decode_four_flags(
        leave.is_some_and(|(on, _)| on),
        deleted.is_some_and(|(on, _)| on),
        expired.is_some_and(|(on, _)| on),
        days.map(|(n, _)| n),
    );
    let days_read = expired
        .map(|(_, l)| l)
        .or(days.map(|(_, l)| l))
        .map_or_else(outlook, |l| Origin::at(rel, l));
    match leave {
        Some((_, l)) => {
            a.provenance
                .insert("leave_on_server".into(), Origin::at(rel, l));
            a.provenance
                .insert("delete_after_days".into(), d.days_origin(days_read));
        }
        None => {
            // Outlook 2000's default for an absent POP3LeaveOnServer is not documented.
            let reason = "The PRF sets other POP3 removal keys but no POP3LeaveOnServer; assumed the account removes messages at download (Outlook's classic default).".to_string();
            assumptions.push(reason.clone());
            for f in ["leave_on_server", "delete_after_days"] {
                a.provenance.insert(
                    f.into(),
                    Origin::Assumed {
                        reason: reason.clone(),
                    },
                );
            }
        }
    }
    a.provenance.insert(
        "delete_when_deleted_locally".into(),
        deleted.map_or_else(outlook, |(_, l)| Origin::at(rel, l)),
    );
    if let Some(anomaly) = &d.anomaly {
        let line = expired.map_or(keys.section.line, |(_, l)| l);
        probs.push(Problem::at(
            rel,
            line,
            format!("account `{name}`: {anomaly}"),
        ));
    }
    d
}

fn outgoing(
    keys: &Keys,
    incoming_auth: Auth,
    assumptions: &mut Vec<String>,
    probs: &mut Vec<Problem>,
) -> Option<Outgoing> {
    let (host, line) = keys.text(&["SMTPServer"])?;
    let port = keys.port(&["SMTPPort"], probs).map_or(25, |(p, _)| p);
    let stated = match keys.number(&["SMTPSecureConnection"], probs) {
        Some((v, _)) => Some(smtp_secure_connection(v, port)),
        None => keys
            .flag(&["SMTPUseSSL", "SMTPSSL"], probs)
            .map(|(on, _)| smtp_ssl_flag(on, port)),
    };
    let (security, notes) = smtp_security(stated, port);
    assumptions.extend(notes);
    let auth = if let Some((on, _)) = keys.flag(&["SMTPUseAuth"], probs) {
        match (on, keys.flag(&["SMTPUseSPA"], probs)) {
            (false, _) => Auth::None,
            (true, Some((true, _))) => Auth::PasswordEncrypted,
            (true, _) if incoming_auth == Auth::PasswordEncrypted => Auth::PasswordEncrypted,
            (true, _) => Auth::PasswordCleartext,
        }
    } else {
        // Outlook 97–2000: SMTPUseSicily=1 means SPA, or a plain logon when SMTPLogonName is set.
        match keys.flag(&["SMTPUseSicily"], probs) {
            Some((true, _)) if keys.text(&["SMTPLogonName"]).is_some() => Auth::PasswordCleartext,
            Some((true, _)) => Auth::PasswordEncrypted,
            _ => Auth::None,
        }
    };
    Some(Outgoing {
        host,
        port: Some(port),
        security,
        auth,
        source: Some(Evidence {
            path: keys.rel.to_string(),
            line: Some(line),
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prf(account: &str) -> String {
        format!(
            "[General]\r\nCustom=1\r\n[Internet Account List]\r\nAccount1=I_Mail\r\n[Account1]\r\n{account}\r\n"
        )
    }

    fn retention_of(account: &str) -> crate::model::Retention {
        let r = read_bytes(prf(account).as_bytes(), "a.prf");
        r.accesses[0].retention.clone().unwrap()
    }

    #[test]
    fn hex_and_decimal_bit_fields_agree() {
        let base = "AccountName=x\r\nPOP3Server=pop.example.jp\r\nEmailAddress=x@example.jp";
        let hex = retention_of(&format!("{base}\r\nLeaveOnServer=0x20007"));
        let dec = retention_of(&format!("{base}\r\nLeaveOnServer=131079"));
        assert_eq!(hex, dec);
        assert_eq!(hex.delete_after_days, Some(2));
        assert!(hex.delete_when_deleted_locally);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("0x140003"), Some(0x140003));
        assert_eq!(parse_number(" 5 "), Some(5));
        assert_eq!(parse_number("0xZZ"), None);
    }

    #[test]
    fn bad_leave_value_is_a_problem_and_falls_back_to_the_assumption() {
        let r = read_bytes(
            prf("POP3Server=pop.example.jp\r\nPOP3UserName=u\r\nLeaveOnServer=lots").as_bytes(),
            "a.prf",
        );
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, Some(8));
        assert!(!r.accesses[0].retention.as_ref().unwrap().leave_on_server);
    }

    #[test]
    fn missing_account_section_names_the_list_line() {
        let r = read_bytes(b"[Internet Account List]\nAccount1=I_Mail\n", "a.prf");
        assert!(r.accesses.is_empty());
        assert_eq!(r.problems[0].line, Some(2));
    }
}
