//! Windows Mail and Windows Live Mail account files (`*.oeaccount`).
//!
//! One XML file per account: `<MessageAccount>` with one child per property,
//! `<Name type="SZ|DWORD|BINARY">value</Name>`. Files hold only properties changed
//! from their defaults, so a missing element means the documented default. DWORDs
//! are hex text (or `TRUE`/`FALSE`). Parsed without DTD handling or entity expansion.

use super::outlook::{
    decode_reported, set_retention, smtp_ssl_flag, tcp_port, AbsentLeave, AccountFacts, FetchFacts,
    FourFlags, Named, Origins, SmtpAuth, SmtpFacts,
};
use super::{Ctx, Input, Readout};
use crate::model::assumption::Writer;
use crate::model::{
    Access, Assumption, Client, FileFormat, Location, Problem, ProblemKind, Protocol, SyntaxCode,
    TextPart,
};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::BTreeMap;

const CLIENT: &str = "windows-live-mail";

/// Reads one `.oeaccount` file.
pub fn read(input: &Input, ctx: &Ctx) -> Readout {
    ctx.read_with(&input.path, read_bytes)
}

/// One property element; password elements keep only whether they are set.
#[derive(Debug, Clone)]
struct Prop {
    text: String,
    line: u32,
}

/// Reads the bytes of an `.oeaccount` file; `rel` is the path shown in reports.
pub fn read_bytes(bytes: &[u8], rel: &str) -> Readout {
    let mut out = Readout::default();
    let decoded = decode_reported(bytes, rel, TextPart::Values, &mut out.problems);
    let text = decoded.strip_prefix('\u{feff}').unwrap_or(&decoded);
    if let Some((root_line, props, password)) = parse_props(text, rel, &mut out.problems) {
        if let Some(a) = account(&props, password, root_line, rel, &mut out.problems) {
            out.accesses.push(a);
        }
    }
    out
}

/// Line numbers from byte offsets into the decoded text, by the shared line index.
struct Lines(crate::text::LineIndex);

impl Lines {
    fn new(text: &str) -> Self {
        Lines(crate::text::LineIndex::new(text.as_bytes()))
    }

    fn line(&self, offset: u64) -> u32 {
        self.0.line(usize::try_from(offset).unwrap_or(usize::MAX))
    }
}

fn is_secret(name: &str) -> bool {
    name.to_ascii_lowercase().contains("password")
}

/// Collects the children of `<MessageAccount>`; `None` when the file is not a complete account.
fn parse_props(
    text: &str,
    rel: &str,
    probs: &mut Vec<Problem>,
) -> Option<(u32, BTreeMap<String, Prop>, bool)> {
    let lines = Lines::new(text);
    let mut reader = Reader::from_str(text);
    let mut props: BTreeMap<String, Prop> = BTreeMap::new();
    let mut password = false;
    let mut depth = 0usize;
    let mut root_line = None;
    let mut closed = false;
    let mut current: Option<(String, u32, String)> = None;
    loop {
        let pos = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                let (line, col) = lines.0.line_col(text.as_bytes(), at);
                probs.push(
                    Problem::syntax(
                        SyntaxCode::XmlSyntax,
                        rel,
                        line,
                        Some(col),
                        format!("not well-formed XML ({e}); the account in this file is not read"),
                    )
                    .with_line_from(text.as_bytes(), &lines.0),
                );
                return None;
            }
        };
        match event {
            Event::Start(start) => {
                depth += 1;
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                if depth == 1 {
                    if name != "MessageAccount" {
                        probs.push(Problem::new(
                            Location::at(rel, lines.line(pos)),
                            ProblemKind::WrongRoot {
                                found: shorten(&name),
                                format: FileFormat::WindowsMailAccount,
                            },
                        ));
                        return None;
                    }
                    root_line = Some(lines.line(pos));
                } else if depth == 2 {
                    current = Some((name, lines.line(pos), String::new()));
                }
            }
            Event::Empty(start) if depth == 1 => {
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                props.insert(
                    name.to_ascii_lowercase(),
                    Prop {
                        text: String::new(),
                        line: lines.line(pos),
                    },
                );
            }
            Event::Empty(start) if depth == 0 => {
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                probs.push(Problem::new(
                    Location::at(rel, lines.line(pos)),
                    ProblemKind::EmptyRoot {
                        element: shorten(&name),
                    },
                ));
                return None;
            }
            Event::Text(t) if depth == 2 => {
                if let Some((name, line, buf)) = current.as_mut() {
                    match t.unescape() {
                        Ok(s) => buf.push_str(&s),
                        Err(_) => {
                            probs.push(Problem::new(
                                Location::at(rel, *line),
                                ProblemKind::EntityNotExpanded {
                                    element: shorten(name),
                                    secret: is_secret(name),
                                },
                            ));
                            buf.clear();
                            buf.push('\u{0}');
                        }
                    }
                }
            }
            Event::CData(c) if depth == 2 => {
                if let Some((_, _, buf)) = current.as_mut() {
                    buf.push_str(&String::from_utf8_lossy(&c));
                }
            }
            Event::End(_) => {
                if depth == 2 {
                    if let Some((name, line, buf)) = current.take() {
                        if buf.contains('\u{0}') {
                            // Unreadable value: treated as absent.
                        } else if is_secret(&name) {
                            password |= is_set(&buf);
                        } else {
                            props.insert(name.to_ascii_lowercase(), Prop { text: buf, line });
                        }
                    }
                }
                if depth == 1 {
                    closed = true;
                }
                depth = depth.saturating_sub(1);
            }
            Event::DocType(_) => {
                probs.push(Problem::new(
                    Location::at(rel, lines.line(pos)),
                    ProblemKind::DoctypeIgnored,
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match root_line {
        Some(line) if closed => Some((line, props, password)),
        Some(_) => {
            probs.push(Problem::new(
                Location::at(rel, lines.line(text.len() as u64)),
                ProblemKind::AccountFileCutShort,
            ));
            None
        }
        None => {
            probs.push(Problem::new(
                Location::file(rel),
                ProblemKind::NotFormat {
                    format: FileFormat::WindowsMailAccount,
                },
            ));
            None
        }
    }
}

fn shorten(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(60).collect()
}

/// SZ values `0` and `FALSE` mean an empty string in these files.
fn is_set(s: &str) -> bool {
    let t = s.trim();
    !(t.is_empty() || t == "0" || t.eq_ignore_ascii_case("false"))
}

/// Typed access to the properties with problems for unreadable values.
struct Props<'a> {
    map: &'a BTreeMap<String, Prop>,
    rel: &'a str,
}

impl Props<'_> {
    fn text(&self, name: &str) -> Option<(String, u32)> {
        let p = self.map.get(&name.to_ascii_lowercase())?;
        is_set(&p.text).then(|| (p.text.trim().to_string(), p.line))
    }

    /// A DWORD: hex digits (optionally `0x`), or `TRUE`/`FALSE`.
    fn dword(&self, name: &str, probs: &mut Vec<Problem>) -> Option<(u32, u32)> {
        let p = self.map.get(&name.to_ascii_lowercase())?;
        let t = p.text.trim();
        let n = if t.eq_ignore_ascii_case("true") {
            Some(1)
        } else if t.eq_ignore_ascii_case("false") {
            Some(0)
        } else {
            let hex = t
                .strip_prefix("0x")
                .or_else(|| t.strip_prefix("0X"))
                .unwrap_or(t);
            u32::from_str_radix(hex, 16).ok()
        };
        if n.is_none() {
            probs.push(Problem::new(
                Location::at(self.rel, p.line),
                ProblemKind::NotDword {
                    element: name.to_string(),
                },
            ));
        }
        n.map(|n| (n, p.line))
    }

    fn flag(&self, name: &str, probs: &mut Vec<Problem>) -> Option<(bool, u32)> {
        self.dword(name, probs).map(|(n, l)| (n != 0, l))
    }

    fn port(&self, name: &str, probs: &mut Vec<Problem>) -> Option<(u16, u32)> {
        let (n, line) = self.dword(name, probs)?;
        tcp_port(n, line, self.rel, probs, Some(name))
    }
}

fn account(
    map: &BTreeMap<String, Prop>,
    password: bool,
    root_line: u32,
    rel: &str,
    probs: &mut Vec<Problem>,
) -> Option<Access> {
    let props = Props { map, rel };
    let name = props
        .text("Account_Name")
        .map(|(n, _)| n)
        .unwrap_or_else(|| rel.rsplit('/').next().unwrap_or(rel).to_string());
    let (protocol, p, host) = match (props.text("POP3_Server"), props.text("IMAP_Server")) {
        (Some(s), _) => (Protocol::Pop3, "POP3", s),
        (None, Some(s)) => (Protocol::Imap, "IMAP", s),
        (None, None) => {
            probs.push(Problem::new(
                Location::at(rel, root_line),
                ProblemKind::AccountNoServerKey { account: name },
            ));
            return None;
        }
    };
    let o = Origins {
        rel,
        client: CLIENT,
    };
    let email = props.text("SMTP_Email_Address");
    let username = props.text(&format!("{p}_User_Name"));
    if username.is_none() && email.is_none() {
        probs.push(Problem::new(
            Location::at(rel, root_line),
            ProblemKind::AccountNoLogin {
                account: name.clone(),
                key: format!("{p}_User_Name"),
            },
        ));
    }
    let port = props.port(&format!("{p}_Port"), probs);
    let ssl_key = format!("{p}_Secure_Connection");
    let ssl = props.flag(&ssl_key, probs);
    let spa = props.flag(&format!("{p}_Use_Sicily"), probs);
    let skip_line = props
        .flag(&format!("{p}_Skip_Account"), probs)
        .filter(|(on, _)| *on)
        .map(|(_, l)| l);
    let smtp = props.text("SMTP_Server").map(|host| {
        let port = props.port("SMTP_Port", probs).map_or(25, |(p, _)| p);
        let secure = props.flag("SMTP_Secure_Connection", probs);
        let sicily = props.dword("SMTP_Use_Sicily", probs);
        SmtpFacts {
            host,
            port,
            stated: secure.map(|(on, _)| smtp_ssl_flag(on, port)),
            auth: SmtpAuth::from_sicily(sicily.map(|(v, _)| v)),
        }
    });
    let mut a = AccountFacts {
        origins: o,
        client: Client::WindowsLiveMail,
        account: name.clone(),
        protocol,
        line: root_line,
        host,
        writer: Writer::AccountFile,
        notes: Vec::new(),
        email,
        username,
        username_key: format!("{p}_User_Name"),
        port,
        ssl,
        ssl_key,
        tls_port_key: Some(format!("{p}_Port")),
        spa,
        password_stored: password,
        fetch: FetchFacts::assumed(Assumption::WlmCheckInterval, skip_line),
        smtp,
    }
    .resolve();
    // POP3 retention elements also appear in IMAP files (even Microsoft's own example); IMAP ignores them.
    if protocol == Protocol::Pop3 {
        let flags = FourFlags {
            leave: props.flag("Leave_Mail_On_Server", probs),
            deleted: props.flag("Remove_When_Deleted", probs),
            expired: props.flag("Remove_When_Expired", probs),
            days: props.dword("Expire_Days", probs),
        };
        let named = Named {
            program: None,
            account: &name,
        };
        let decoded = flags.apply(&mut a, o, AbsentLeave::Default, (named, root_line), probs);
        set_retention(&mut a, o, decoded);
    }
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;
    use crate::model::Origin;

    fn utf16(s: &str) -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        v
    }

    const POP: &str = "<?xml version=\"1.0\" encoding=\"utf-16\" ?>\r\n<MessageAccount>\r\n\
        <Account_Name type=\"SZ\">受付</Account_Name>\r\n\
        <POP3_Server type=\"SZ\">pop.example.co.jp</POP3_Server>\r\n\
        <POP3_User_Name type=\"SZ\">info@example.co.jp</POP3_User_Name>\r\n\
        <POP3_Password2 type=\"BINARY\">01020304SECRETBLOB</POP3_Password2>\r\n\
        <Leave_Mail_On_Server type=\"DWORD\">1</Leave_Mail_On_Server>\r\n\
        <Remove_When_Expired type=\"DWORD\">TRUE</Remove_When_Expired>\r\n\
        <Expire_Days type=\"DWORD\">e</Expire_Days>\r\n\
        </MessageAccount>\r\n";

    #[test]
    fn utf16_file_with_hex_days_and_true_literal() {
        let r = read_bytes(&utf16(POP), "a.oeaccount");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let a = &r.accesses[0];
        assert_eq!(a.account, "受付");
        assert_eq!(a.port, Some(110));
        let ret = a.retention.as_ref().unwrap();
        assert!(ret.leave_on_server);
        assert_eq!(ret.delete_after_days, Some(14));
        assert!(!ret.delete_when_deleted_locally);
        assert!(a.password_stored);
        assert_eq!(
            a.provenance[&Field::DeleteAfterDays],
            Origin::at("a.oeaccount", 8)
        );
        assert_eq!(
            a.provenance[&Field::DeleteWhenDeletedLocally],
            Origin::ClientDefault {
                client: CLIENT.into()
            }
        );
        assert!(!format!("{a:?}").contains("SECRETBLOB"));
    }

    #[test]
    fn missing_leave_element_is_the_documented_default() {
        let xml = "<MessageAccount><POP3_Server type=\"SZ\">p</POP3_Server><POP3_User_Name type=\"SZ\">u</POP3_User_Name></MessageAccount>";
        let r = read_bytes(xml.as_bytes(), "b.oeaccount");
        let a = &r.accesses[0];
        assert!(!a.retention.as_ref().unwrap().leave_on_server);
        assert_eq!(
            a.provenance[&Field::LeaveOnServer],
            Origin::ClientDefault {
                client: CLIENT.into()
            }
        );
        assert!(!a.assumptions.iter().any(|x| matches!(
            x,
            Assumption::FourFlagsRemovalWithoutLeave
                | Assumption::FourFlagsNoDays { .. }
                | Assumption::LegacyNoLeaveMail { .. }
        )));
    }

    #[test]
    fn truncated_and_hostile_xml() {
        let cut = &POP[..POP.len() / 2];
        let r = read_bytes(cut.as_bytes(), "c.oeaccount");
        assert!(r.accesses.is_empty());
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].at.line.is_some());
        let ent = "<!DOCTYPE m [<!ENTITY x \"pop.evil\">]><MessageAccount><POP3_Server type=\"SZ\">&x;</POP3_Server></MessageAccount>";
        let r = read_bytes(ent.as_bytes(), "d.oeaccount");
        assert!(r.accesses.is_empty());
        assert!(r
            .problems
            .iter()
            .any(|p| p.message.contains("not expanded")));
        for junk in [
            &b""[..],
            b"<",
            b"<a>",
            b"\xff\xfe<",
            b"<MessageAccount/>",
            b"<x></x>",
        ] {
            let r = read_bytes(junk, "e.oeaccount");
            assert!(r.accesses.is_empty());
        }
    }

    #[test]
    fn lines_count_crlf_once() {
        let l = Lines::new("a\r\nb\rc\nd");
        assert_eq!(l.line(0), 1);
        assert_eq!(l.line(3), 2);
        assert_eq!(l.line(5), 3);
        assert_eq!(l.line(7), 4);
    }
}
