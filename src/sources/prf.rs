//! Outlook profile configuration files (`.prf`): the Internet accounts a profile gets.
//!
//! `[Internet Account List]` names `AccountN=I_Mail|IMAP_I_Mail|…`; each `[AccountN]`
//! holds that account's values. Outlook 2002 and later write retention as one
//! `LeaveOnServer` bit field (hex `0x20007` or decimal), Outlook 97–2000 as four keys
//! `POP3LeaveOnServer`, `POP3RemoveExpired`, `POP3ExpireDays`, `POP3RemoveDeleted`.

use super::ini::{self, BadLine, Entry, Ini, Section};
use super::outlook::{
    assume_removal, decode_reported, leave_bits, set_retention, smtp_secure_connection,
    smtp_ssl_flag, tcp_port, AbsentLeave, AccountFacts, DecodedRetention, FetchFacts, FourFlags,
    Named, Origins, SmtpAuth, SmtpFacts,
};
use super::{Ctx, Input, Readout};
use crate::model::assumption::Writer;
use crate::model::{
    Access, Assumption, Client, FileFormat, Location, Problem, ProblemKind, Protocol, SyntaxCode,
    TextPart,
};
use std::collections::HashMap;

/// Reads one PRF file.
pub fn read(input: &Input, ctx: &Ctx) -> Readout {
    ctx.read_with(&input.path, read_bytes)
}

/// Reads the bytes of a PRF file; `rel` is the path shown in reports.
pub fn read_bytes(bytes: &[u8], rel: &str) -> Readout {
    let mut out = Readout::default();
    let text = decode_reported(bytes, rel, TextPart::NamesOrHosts, &mut out.problems);
    let ini = ini::parse(&text);
    let Some(list) = ini.section("Internet Account List") else {
        if ini.section("General").is_none() {
            out.problems.push(Problem::new(
                Location::file(rel),
                ProblemKind::NotFormat {
                    format: FileFormat::OutlookPrf,
                },
            ));
        }
        return out;
    };
    let bad_by_section = group_bad_lines(&ini);
    if ini.bad_lines_more > 0 {
        out.problems
            .push(crate::sources::limit::more(rel, ini.bad_lines_more));
    }
    // Each account section is reported once, however often the list names it.
    let mut reported = std::collections::HashSet::new();
    for entry in &list.entries {
        let Some(section) = ini.section(&entry.key) else {
            out.problems.push(Problem::new(
                Location::at(rel, entry.line),
                ProblemKind::AccountListMissing {
                    account: entry.key.clone(),
                },
            ));
            continue;
        };
        if reported.insert(section.line) {
            report_bad_lines(section, &bad_by_section, rel, &mut out.problems);
        }
        if let Some(a) = account(&ini, entry, section, rel, &mut out.problems) {
            out.accesses.push(a);
        }
    }
    out
}

/// The bad lines of each section, by the section's line: one pass over the file, so that
/// many accounts with many bad lines cost their sum, not their product.
fn group_bad_lines(ini: &Ini) -> HashMap<u32, Vec<&BadLine>> {
    let starts: Vec<u32> = ini.sections.iter().map(|s| s.line).collect();
    let mut out: HashMap<u32, Vec<&BadLine>> = HashMap::new();
    for bad in &ini.bad_lines {
        // Sections are in file order; a bad line belongs to the last one above it.
        let i = starts.partition_point(|&l| l < bad.line);
        if let Some(&start) = i.checked_sub(1).and_then(|i| starts.get(i)) {
            out.entry(start).or_default().push(bad);
        }
    }
    out
}

/// Lines without `=` inside an account section may be a lost value; elsewhere (wrapped
/// comments in Microsoft's own samples) Outlook ignores them, and so does this reader.
fn report_bad_lines(
    section: &Section,
    by_section: &HashMap<u32, Vec<&BadLine>>,
    rel: &str,
    probs: &mut Vec<Problem>,
) {
    for bad in by_section.get(&section.line).into_iter().flatten() {
        probs.push(Problem::syntax(
            SyntaxCode::IniSyntax,
            rel,
            bad.line,
            None,
            format!("line in [{}] is not `key=value`; ignored", section.name),
        ));
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
                probs.push(Problem::new(
                    Location::at(self.rel, e.line),
                    ProblemKind::NotNumber { key: e.key.clone() },
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
        tcp_port(n, line, self.rel, probs, None)
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
            probs.push(Problem::new(
                Location::at(rel, entry.line),
                ProblemKind::AccountNotPopImap {
                    account: name.clone(),
                    account_type: entry.value.trim().to_string(),
                },
            ));
            return None;
        }
    };
    let (p, server) = if protocol == Protocol::Pop3 {
        ("POP3", pop)
    } else {
        ("IMAP", imap)
    };
    let Some(host) = server else {
        probs.push(Problem::new(
            Location::at(rel, section.line),
            ProblemKind::SectionNoServer {
                section: section.name.clone(),
                key: format!("{p}Server"),
                account: name.clone(),
            },
        ));
        return None;
    };
    let o = Origins {
        rel,
        client: "outlook",
    };
    let email = keys.text(&["EmailAddress", "SMTPEmailAddress"]);
    let username = keys.text(&[&format!("{p}UserName"), &format!("{p}LogonName")]);
    if username.is_none() && email.is_none() {
        probs.push(Problem::new(
            Location::at(rel, section.line),
            ProblemKind::AccountNoLogin {
                account: name.clone(),
                key: format!("{p}UserName"),
            },
        ));
    }
    let port = keys.port(&[&format!("{p}Port")], probs);
    let ssl_keys = [format!("{p}UseSSL"), format!("{p}SSL")];
    let ssl_key = keys
        .get(&[&ssl_keys[0], &ssl_keys[1]])
        .map_or_else(|| ssl_keys[0].clone(), |e| e.key.clone());
    let ssl = keys.flag(&[&ssl_keys[0], &ssl_keys[1]], probs);
    let spa = keys.flag(&[&format!("{p}UseSPA"), &format!("{p}UseSicily")], probs);
    let mut a = AccountFacts {
        origins: o,
        client: Client::Outlook,
        account: name.clone(),
        protocol,
        line: section.line,
        host,
        writer: Writer::Prf,
        notes: vec![Assumption::PrfSetupFile],
        email,
        username,
        username_key: format!("{p}UserName"),
        port,
        ssl,
        ssl_key,
        tls_port_key: None,
        spa,
        password_stored: section
            .entries
            .iter()
            .any(|e| e.key.to_ascii_lowercase().contains("password") && !e.value.trim().is_empty()),
        fetch: FetchFacts::assumed(Assumption::PrfNoSchedule, None),
        smtp: outgoing(&keys, probs),
    }
    .resolve();
    if protocol == Protocol::Pop3 {
        let mapping = ini.section(entry.value.trim());
        let decoded = retention(&keys, mapping, &name, &mut a, probs);
        set_retention(&mut a, o, decoded);
    }
    Some(a)
}

/// A POP3 account's retention: the Outlook 2002+ bit field, else Outlook 97–2000's four keys.
fn retention(
    keys: &Keys,
    mapping: Option<&Section>,
    name: &str,
    a: &mut Access,
    probs: &mut Vec<Problem>,
) -> DecodedRetention {
    let o = Origins {
        rel: keys.rel,
        client: "outlook",
    };
    let unmapped = |key: &str, a: &mut Access| {
        if let Some(m) = mapping {
            if m.get(key).is_none() {
                a.assumptions.push(Assumption::PrfUnmapped {
                    key: key.to_string(),
                    section: m.name.clone(),
                });
            }
        }
    };
    let named = Named {
        program: None,
        account: name,
    };
    if let Some(bits) = keys.number(&["LeaveOnServer"], probs) {
        unmapped("LeaveOnServer", a);
        return leave_bits(a, o.rel, bits, named, probs);
    }
    let leave = keys.flag(&["POP3LeaveOnServer"], probs);
    let expired = keys.flag(&["POP3RemoveExpired"], probs);
    let days = keys.number(&["POP3ExpireDays"], probs);
    let deleted = keys.flag(&["POP3RemoveDeleted"], probs);
    if leave.is_none() && expired.is_none() && days.is_none() && deleted.is_none() {
        return assume_removal(a, Assumption::PrfNoLeaveOnServer);
    }
    if leave.is_some() {
        unmapped("POP3LeaveOnServer", a);
    }
    let flags = FourFlags {
        leave,
        deleted,
        expired,
        days,
    };
    // Outlook 2000's default for an absent POP3LeaveOnServer is not documented.
    let absent = AbsentLeave::Assumed(Assumption::PrfNoLeaveOnServerOthers);
    flags.apply(a, o, absent, (named, keys.section.line), probs)
}

/// The outgoing server of an account section, if it names one.
fn outgoing(keys: &Keys, probs: &mut Vec<Problem>) -> Option<SmtpFacts> {
    let host = keys.text(&["SMTPServer"])?;
    let port = keys.port(&["SMTPPort"], probs).map_or(25, |(p, _)| p);
    let stated = match keys.number(&["SMTPSecureConnection"], probs) {
        Some((v, _)) => Some(smtp_secure_connection(v, port)),
        None => keys
            .flag(&["SMTPUseSSL", "SMTPSSL"], probs)
            .map(|(on, _)| smtp_ssl_flag(on, port)),
    };
    let auth = if let Some((on, _)) = keys.flag(&["SMTPUseAuth"], probs) {
        let spa = keys.flag(&["SMTPUseSPA"], probs);
        SmtpAuth::from_flags(on, spa.is_some_and(|(s, _)| s))
    } else {
        // Outlook 97–2000: SMTPUseSicily=1 means SPA, or a plain logon when SMTPLogonName is set.
        match keys.flag(&["SMTPUseSicily"], probs) {
            Some((true, _)) if keys.text(&["SMTPLogonName"]).is_some() => SmtpAuth::Cleartext,
            Some((true, _)) => SmtpAuth::Encrypted,
            _ => SmtpAuth::None,
        }
    };
    Some(SmtpFacts {
        host,
        port,
        stated,
        auth,
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
        assert_eq!(r.problems[0].at.line, Some(8));
        assert!(!r.accesses[0].retention.as_ref().unwrap().leave_on_server);
    }

    #[test]
    fn unreadable_file_is_one_problem_under_its_report_path() {
        let root = std::env::temp_dir().join("mailaudit-prf-missing");
        let input = Input {
            kind: crate::sources::Kind::OutlookPrf,
            path: root.join("PC-1").join("none.prf"),
            rel: "PC-1/none.prf".into(),
        };
        let r = read(&input, &Ctx { root });
        assert!(r.accesses.is_empty());
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].at.path, "PC-1/none.prf");
        assert!(r.problems[0].message.starts_with("cannot read"));
    }

    #[test]
    fn bytes_the_declared_encoding_does_not_hold_are_one_problem_for_the_file() {
        let mut bytes = b"\xef\xbb\xbf[Internet Account List]\r\nAccount1=I_Mail\r\n".to_vec();
        bytes.extend(b"[Account1]\r\nAccountName=\xff\xfe\r\nPOP3Server=pop.example.jp\r\n");
        let r = read_bytes(&bytes, "a.prf");
        let garbled: Vec<_> = r
            .problems
            .iter()
            .filter(|p| matches!(*p.kind, ProblemKind::BytesNotValid { .. }))
            .collect();
        assert_eq!(garbled.len(), 1, "{:?}", r.problems);
        assert_eq!(
            *garbled[0].kind,
            ProblemKind::BytesNotValid {
                encoding: "UTF-8".into(),
                part: TextPart::NamesOrHosts,
            }
        );
        assert_eq!(
            (garbled[0].at.path.as_str(), garbled[0].at.line),
            ("a.prf", None)
        );
        assert_eq!(
            garbled[0].message,
            "some bytes are not valid UTF-8; names or hosts may be garbled"
        );
    }

    #[test]
    fn missing_account_section_names_the_list_line() {
        let r = read_bytes(b"[Internet Account List]\nAccount1=I_Mail\n", "a.prf");
        assert!(r.accesses.is_empty());
        assert_eq!(r.problems[0].at.line, Some(2));
    }
}
