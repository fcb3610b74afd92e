//! Becky! Internet Mail: one `Mailbox.ini` per mailbox folder (`*.mb`), section `[Account]`.
//!
//! Key meanings follow Thunderbird's Becky! importer, the only public code that reads these
//! files. Where Becky!'s own meaning is not confirmed (a missing `LeaveServer`, `KeepDays=0`,
//! removal on local delete), the access says what was assumed.

use super::ini::{self, Section};
use super::ports::{incoming_security, smtp_security};
use super::{Ctx, Input, Readout};
use crate::model::{
    Access, Assumption, Auth, Client, Evidence, Fetch, Field, FileFormat, Location, Origin,
    Outgoing, Problem, ProblemKind, Protocol, Retention, Security, SyntaxCode,
};
use crate::sources::limit::MAX_PROBLEMS_PER_FILE;
use crate::text::{decode, Fallback};
use std::path::Path;

/// Reads one `Mailbox.ini`, and the user folder's `Folder.lst` when there is one.
pub fn read(input: &Input, ctx: &Ctx) -> Readout {
    let mut out = Readout::default();
    let rel = ctx.rel(&input.path);
    let bytes = match ctx.read(&input.path) {
        Ok(b) => b,
        Err(p) => {
            out.problems.push(p);
            return out;
        }
    };
    let folder = input
        .path
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (mut accesses, mut problems) = parse(&bytes, &rel, &folder);
    if let Some(user_dir) = input.path.parent().and_then(Path::parent) {
        let me = folder.to_lowercase();
        if let Some(listed) = folder_list(user_dir, &me, ctx, &mut out) {
            if listed.any && !listed.has_me {
                for a in &mut accesses {
                    a.assumptions.push(Assumption::BeckyFolderNotListed {
                        folder: folder.clone(),
                    });
                }
            }
        }
    }
    out.accesses = accesses;
    out.problems.append(&mut problems);
    out
}

/// What `Folder.lst` says about one mailbox folder; only flags are kept, so a list of
/// millions of lines costs no memory per line.
struct Listed {
    /// The list names at least one `*.mb` folder.
    any: bool,
    /// The list names this mailbox's folder.
    has_me: bool,
}

/// Reads `Folder.lst` of a Becky! user folder: whether it lists `me` (lower-cased) among
/// its `*.mb` mailbox folders.
///
/// A listed folder without a `Mailbox.ini` is a problem: that mailbox's settings were not
/// collected. `None` when there is no list (Becky! may leave it out).
fn folder_list(user_dir: &Path, me: &str, ctx: &Ctx, out: &mut Readout) -> Option<Listed> {
    let path = user_dir.join("Folder.lst");
    // A link is never followed: discover has already listed it as not followed.
    if !ctx.plain_file(&path) {
        return None;
    }
    let rel = ctx.rel(&path);
    let bytes = match ctx.read(&path) {
        Ok(b) => b,
        Err(p) => {
            out.problems.push(p);
            return None;
        }
    };
    out.also_read.push(rel.clone());
    let text = decode(&bytes, Fallback::Cp932).text;
    let mut listed = Listed {
        any: false,
        has_me: false,
    };
    let mut missing = 0usize;
    let mut unchecked = 0usize;
    for (idx, raw) in ini::split_lines(&text).enumerate() {
        let name = raw.trim().trim_end_matches(['\\', '/']);
        // Only `*.mb` entries name mailboxes; a list without them is not a mailbox list.
        if !name.to_lowercase().ends_with(".mb") || name.contains(['\\', '/']) || name == ".." {
            continue;
        }
        listed.any = true;
        listed.has_me |= name.to_lowercase() == me;
        // Past the cap nothing more would be listed, so the folder is not even looked at.
        if missing >= MAX_PROBLEMS_PER_FILE {
            unchecked += 1;
            continue;
        }
        let dir = user_dir.join(name);
        if !has_mailbox_ini(&dir) {
            missing += 1;
            out.problems.push(Problem::new(
                Location::at(&rel, idx as u32 + 1),
                ProblemKind::FolderListMissing {
                    folder: name.to_string(),
                },
            ));
        }
    }
    if unchecked > 0 {
        out.problems.push(Problem::new(
            Location::file(&rel),
            ProblemKind::FolderListUnchecked {
                count: unchecked,
                checked: MAX_PROBLEMS_PER_FILE,
            },
        ));
    }
    Some(listed)
}

fn has_mailbox_ini(dir: &Path) -> bool {
    // A linked folder is not looked into: it may lead out of the collected tree.
    let plain = std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_dir());
    plain
        && std::fs::read_dir(dir).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .eq_ignore_ascii_case("mailbox.ini")
                    && e.file_type().is_ok_and(|t| t.is_file())
            })
        })
}

/// Parses `Mailbox.ini` bytes; `rel` names the file, `folder` is its mailbox folder's name.
pub fn parse(bytes: &[u8], rel: &str, folder: &str) -> (Vec<Access>, Vec<Problem>) {
    let mut problems = Vec::new();
    let decoded = decode(bytes, Fallback::Cp932);
    // Under the CP932 fallback, windows-1252 means the bytes were not valid CP932.
    if decoded.lossy || decoded.encoding == "windows-1252" {
        problems.push(Problem::new(
            Location::file(rel),
            ProblemKind::NotUtf8OrCp932 {
                encoding: decoded.encoding.to_string(),
            },
        ));
    }
    let parsed = ini::parse(&decoded.text);
    for bad in &parsed.bad_lines {
        problems.push(Problem::syntax(
            SyntaxCode::IniSyntax,
            rel,
            bad.line,
            None,
            format!("not a `key=value` line: `{}`", bad.text),
        ));
    }
    if parsed.bad_lines_more > 0 {
        problems.push(crate::sources::limit::more(rel, parsed.bad_lines_more));
    }
    let Some(section) = parsed.section("Account") else {
        problems.push(Problem::new(
            Location::file(rel),
            ProblemKind::NotFormat {
                format: FileFormat::BeckyMailbox,
            },
        ));
        return (Vec::new(), problems);
    };
    let access = resolve(section, rel, folder, &mut problems);
    (access.into_iter().collect(), problems)
}

/// A key's value and line in `[Account]`, empty values counting as absent.
fn get<'s>(s: &'s Section, key: &str) -> Option<(&'s str, u32)> {
    s.get(key)
        .map(|e| (e.value.as_str(), e.line))
        .filter(|(v, _)| !v.is_empty())
}

/// True when `[Account]` holds a non-empty password key (`PassWd`, `SMTPPassWd`, `Password`…).
///
/// No public source names Becky!'s password keys, so any key spelled with `passwd` or
/// `password` counts; only whether the value is empty is looked at, never the value.
fn has_password(s: &Section) -> bool {
    s.entries.iter().any(|e| {
        let key = e.key.to_ascii_lowercase();
        (key.contains("passwd") || key.contains("password")) && !e.value.trim().is_empty()
    })
}

fn assumed(assumption: Assumption) -> Origin {
    Origin::assumed(assumption)
}

fn number(s: &Section, key: &str, rel: &str, problems: &mut Vec<Problem>) -> Option<(i64, u32)> {
    let (v, line) = get(s, key)?;
    match v.parse::<i64>() {
        Ok(n) => Some((n, line)),
        Err(_) => {
            problems.push(Problem::new(
                Location::at(rel, line),
                ProblemKind::NotWholeNumber {
                    key: key.to_string(),
                    value: v.to_string(),
                },
            ));
            None
        }
    }
}

fn resolve(s: &Section, rel: &str, folder: &str, problems: &mut Vec<Problem>) -> Option<Access> {
    let mut assumptions = Vec::new();
    let name = get(s, "Name")
        .map(|(v, _)| v.to_string())
        .unwrap_or_else(|| folder.to_string());
    let Some((host, host_line)) = get(s, "MailServer") else {
        problems.push(Problem::new(
            Location::at(rel, s.line),
            ProblemKind::MailboxNoServer { mailbox: name },
        ));
        return None;
    };
    let protocol = match get(s, "Protocol") {
        Some(("1", _)) => Protocol::Imap,
        None | Some(("0", _)) => Protocol::Pop3,
        Some((other, line)) => {
            problems.push(Problem::new(
                Location::at(rel, line),
                ProblemKind::UnknownValue {
                    key: "Protocol".to_string(),
                    value: other.to_string(),
                    read_as: Some("POP3".to_string()),
                },
            ));
            assumptions.push(Assumption::BeckyUnknownProtocol {
                value: other.to_string(),
            });
            Protocol::Pop3
        }
    };
    let mut a = Access::new(
        Client::Becky,
        &name,
        protocol,
        Evidence {
            path: rel.to_string(),
            line: Some(s.line),
            col: None,
        },
    );
    a.host = host.to_string();
    a.provenance.insert(Field::Host, Origin::at(rel, host_line));
    let address = get(s, "MailAddress");
    match (get(s, "UserID"), address) {
        (Some((u, line)), _) => {
            a.username = u.to_string();
            a.provenance.insert(Field::Username, Origin::at(rel, line));
        }
        (None, Some((addr, _))) => {
            a.username = addr.to_string();
            a.provenance.insert(
                Field::Username,
                assumed(Assumption::BeckyLoginFromAddressReason),
            );
            assumptions.push(Assumption::BeckyLoginFromAddress);
        }
        (None, None) => {
            problems.push(Problem::new(
                Location::at(rel, s.line),
                ProblemKind::MailboxNoLogin { mailbox: name },
            ));
            return None;
        }
    }
    if let Some((addr, line)) = address {
        a.provenance
            .insert(Field::Identity(addr.to_string()), Origin::at(rel, line));
        a.identities.push(addr.to_string());
    }

    let (ssl_key, port_key, plain_port, tls_port) = match protocol {
        Protocol::Imap => ("SSLIMAP", "IMAP4Port", 143, 993),
        _ => ("SSLPOP", "POP3Port", 110, 995),
    };
    let port = number(s, port_key, rel, problems)
        .and_then(|(n, l)| Some((u16::try_from(n).ok()?, l)))
        .filter(|(p, _)| *p > 0);
    let sec = incoming_security(
        protocol,
        get(s, ssl_key).map(|(v, line)| (v == "1", Origin::at(rel, line))),
        port.map(|(p, _)| p),
        ssl_key,
        assumed(Assumption::BeckyNoSslKey),
    );
    let security = sec.security;
    a.security = security;
    a.provenance.insert(Field::Security, sec.origin);
    assumptions.extend(sec.note);
    match port {
        Some((p, line)) => {
            a.port = Some(p);
            a.provenance.insert(Field::Port, Origin::at(rel, line));
        }
        None => {
            a.port = Some(if security == Security::Tls {
                tls_port
            } else {
                plain_port
            });
            a.provenance
                .insert(Field::Port, assumed(Assumption::BeckyStandardPort));
        }
    }
    a.password_stored = has_password(s);

    let (auth, auth_origin) = match protocol {
        Protocol::Imap => (Auth::Unknown, assumed(Assumption::BeckyImapAuthUnknown)),
        _ => match get(s, "POP3Auth") {
            None | Some(("0", _)) => (
                Auth::PasswordCleartext,
                get(s, "POP3Auth")
                    .map(|(_, l)| Origin::at(rel, l))
                    .unwrap_or_else(|| assumed(Assumption::BeckyNoPop3Auth)),
            ),
            Some(("1" | "2", line)) => (Auth::PasswordEncrypted, Origin::at(rel, line)),
            Some(("3", line)) => (Auth::Ntlm, Origin::at(rel, line)),
            Some((other, line)) => {
                problems.push(Problem::new(
                    Location::at(rel, line),
                    ProblemKind::UnknownValue {
                        key: "POP3Auth".to_string(),
                        value: other.to_string(),
                        read_as: None,
                    },
                ));
                (Auth::Unknown, Origin::at(rel, line))
            }
        },
    };
    a.auth = auth;
    a.provenance.insert(Field::Auth, auth_origin);

    let check = get(s, "CheckInt");
    let every = number(s, "CheckEvery", rel, problems)
        .and_then(|(n, _)| u32::try_from(n).ok())
        .filter(|n| *n > 0);
    let automatic = matches!(check, Some(("1", _)));
    a.fetch = Fetch {
        automatic,
        interval_minutes: every.filter(|_| automatic),
        at_startup: false,
    };
    a.provenance.insert(
        Field::Fetch,
        match check {
            Some((_, line)) => Origin::at(rel, line),
            None => assumed(Assumption::BeckyNoCheckInt),
        },
    );

    if let Some((smtp, line)) = get(s, "SMTPServer") {
        let port = number(s, "SMTPPort", rel, problems)
            .and_then(|(n, _)| u16::try_from(n).ok())
            .unwrap_or(25);
        let stated = get(s, "SSLSMTP").map(|(v, _)| {
            let on = if v == "1" {
                Security::Tls
            } else {
                Security::None
            };
            (on, None)
        });
        let (security, notes) = smtp_security(stated, port);
        assumptions.extend(notes);
        let port = Some(port);
        let auth = if matches!(get(s, "SMTPAUTH"), Some(("1", _))) {
            match get(s, "SMTPAUTHMODE") {
                Some(("1", _)) => Auth::PasswordEncrypted,
                Some(("2" | "4" | "6", _)) => Auth::PasswordCleartext,
                _ => Auth::Unknown,
            }
        } else {
            Auth::None
        };
        a.outgoing.push(Outgoing {
            host: smtp.to_string(),
            port,
            security,
            auth,
            source: Some(Evidence {
                path: rel.to_string(),
                line: Some(line),
                col: None,
            }),
        });
    }

    if protocol == Protocol::Pop3 {
        a.retention = Some(retention(s, rel, problems, &mut a, &mut assumptions));
    }
    a.assumptions = assumptions;
    Some(a)
}

fn retention(
    s: &Section,
    rel: &str,
    problems: &mut Vec<Problem>,
    a: &mut Access,
    assumptions: &mut Vec<Assumption>,
) -> Retention {
    let leave = match get(s, "LeaveServer") {
        Some((v, line)) => {
            if v != "0" && v != "1" {
                problems.push(Problem::new(
                    Location::at(rel, line),
                    ProblemKind::LeaveServerNotFlag {
                        value: v.to_string(),
                    },
                ));
            }
            a.provenance
                .insert(Field::LeaveOnServer, Origin::at(rel, line));
            v == "1"
        }
        None => {
            a.provenance.insert(
                Field::LeaveOnServer,
                assumed(Assumption::BeckyNoLeaveServerReason),
            );
            assumptions.push(Assumption::BeckyNoLeaveServer);
            false
        }
    };
    let mut days = None;
    if leave {
        match number(s, "KeepDays", rel, problems) {
            Some((n, line)) if n > 0 => {
                days = Some(n);
                a.provenance
                    .insert(Field::DeleteAfterDays, Origin::at(rel, line));
            }
            Some((n, line)) => {
                a.provenance.insert(
                    Field::DeleteAfterDays,
                    assumed(Assumption::BeckyKeepDaysNotPositiveReason),
                );
                if n < 0 {
                    problems.push(Problem::new(
                        Location::at(rel, line),
                        ProblemKind::NegativeKeepDays { days: n },
                    ));
                }
                assumptions.push(Assumption::BeckyKeepDaysNotPositive { days: n });
            }
            None => {
                a.provenance.insert(
                    Field::DeleteAfterDays,
                    assumed(Assumption::BeckyNoKeepDaysReason),
                );
                assumptions.push(Assumption::BeckyNoKeepDays);
            }
        }
        assumptions.push(Assumption::BeckyLocalDeleteUnknown);
    } else {
        let o = a.provenance[&Field::LeaveOnServer].clone();
        a.provenance.insert(Field::DeleteAfterDays, o);
    }
    a.provenance.insert(
        Field::DeleteWhenDeletedLocally,
        assumed(Assumption::BeckyLocalDeleteKeyUnknown),
    );
    a.provenance.insert(
        Field::HeadersOnly,
        assumed(Assumption::BeckyNoHeadersOnlyKey),
    );
    Retention {
        leave_on_server: leave,
        delete_after_days: days,
        delete_when_deleted_locally: false,
        headers_only: false,
        size_limit_kib: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INI: &str = "[Account]\r\nName=受付\r\nYourName=株式会社サンプル\r\nMailAddress=info@example.co.jp\r\nMailServer=pop.example.co.jp\r\nUserID=info@example.co.jp\r\nPOP3Port=995\r\nSSLPOP=1\r\nLeaveServer=1\r\nKeepDays=7\r\nCheckInt=1\r\nCheckEvery=10\r\nSMTPServer=smtp.example.co.jp\r\nSMTPPort=587\r\nSMTPAUTH=1\r\nSMTPAUTHMODE=2\r\n";

    #[test]
    fn cp932_mailbox_keeps_seven_days() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(INI);
        let (a, p) = parse(&sjis, "PC-C/Becky/abcd1234.mb/Mailbox.ini", "abcd1234.mb");
        assert!(p.is_empty(), "{p:?}");
        let a = &a[0];
        assert_eq!(a.account, "受付");
        assert_eq!(a.protocol, Protocol::Pop3);
        assert_eq!(a.port, Some(995));
        assert_eq!(a.security, Security::Tls);
        let r = a.retention.as_ref().unwrap();
        assert!(r.leave_on_server);
        assert_eq!(r.delete_after_days, Some(7));
        assert_eq!(
            a.provenance[&Field::DeleteAfterDays],
            Origin::at("PC-C/Becky/abcd1234.mb/Mailbox.ini", 10)
        );
        assert_eq!(a.fetch.interval_minutes, Some(10));
        assert_eq!(a.outgoing[0].auth, Auth::PasswordCleartext);
        assert_eq!(a.assumptions.len(), 1, "{:?}", a.assumptions);
    }

    #[test]
    fn protocol_one_is_imap_without_retention() {
        let (a, _) = parse(
            b"[Account]\nProtocol=1\nMailServer=imap.example.jp\nUserID=u\nSSLIMAP=1\n",
            "m.ini",
            "x.mb",
        );
        assert_eq!(a[0].protocol, Protocol::Imap);
        assert_eq!(a[0].port, Some(993));
        assert!(a[0].retention.is_none());
    }

    #[test]
    fn missing_leave_server_removes_at_download_and_says_so() {
        let (a, _) = parse(b"[Account]\nMailServer=h\nUserID=u\n", "m.ini", "x.mb");
        let r = a[0].retention.as_ref().unwrap();
        assert!(!r.leave_on_server);
        assert_eq!(a[0].assumptions[0], Assumption::BeckyNoLeaveServer);
    }

    #[test]
    fn keep_days_zero_is_forever_and_assumed() {
        let (a, _) = parse(
            b"[Account]\nMailServer=h\nUserID=u\nLeaveServer=1\nKeepDays=0\n",
            "m.ini",
            "x.mb",
        );
        assert_eq!(a[0].retention.as_ref().unwrap().delete_after_days, None);
        assert!(a[0]
            .assumptions
            .contains(&Assumption::BeckyKeepDaysNotPositive { days: 0 }));
    }
}
