//! Every reader that reports a line counts lines the same way: a file saved with CRLF, LF
//! or old-Mac lone CR line ends names the same line (and column) for the same fault, and
//! that line is the one the shared line index gives for the fault's offset.

use mailaudit::sources::{becky, ini, k9, oeaccount, popstate, prefs, regfile, xml};
use mailaudit::text::LineIndex;

const ENDS: [&str; 3] = ["\n", "\r\n", "\r"];

/// The lines joined with `end`, and a line end after the last one.
fn doc(lines: &[&str], end: &str) -> String {
    let mut s = lines.join(end);
    s.push_str(end);
    s
}

/// The line the shared index gives for the first occurrence of `needle`.
fn indexed_line(text: &str, needle: &str) -> u32 {
    let at = text.find(needle).expect("needle in text");
    LineIndex::new(text.as_bytes()).line(at)
}

#[test]
fn prefs_errors_name_the_same_line_and_column_for_every_line_end() {
    for end in ENDS {
        let text = doc(
            &[
                "// a comment",
                r#"user_pref("mail.a", 1);"#,
                r#"user_pref("mail.b" 2);"#,
            ],
            end,
        );
        let p = prefs::parse(text.as_bytes(), prefs::FileKind::User);
        assert_eq!(p.prefs[0].line, 2, "{end:?}");
        assert_eq!(p.errors.len(), 1, "{end:?}: {:?}", p.errors);
        assert_eq!(
            (p.errors[0].line, p.errors[0].col),
            (indexed_line(&text, " 2);"), 20),
            "{end:?}"
        );
        assert_eq!(p.errors[0].line, 3);
    }
}

#[test]
fn registry_exports_name_the_same_lines_for_every_line_end() {
    for end in ENDS {
        let text = doc(
            &[
                "Windows Registry Editor Version 5.00",
                "",
                r"[HKEY_CURRENT_USER\Software\X]",
                r#""a"=dword:0000000z"#,
            ],
            end,
        );
        let r = regfile::parse_text(&text);
        assert_eq!(r.keys[0].line, 3, "{end:?}");
        assert_eq!(r.errors[0].line, 4, "{end:?}: {:?}", r.errors);
        assert_eq!(r.errors[0].line, indexed_line(&text, "\"a\""));
    }
}

#[test]
fn ini_files_name_the_same_lines_for_every_line_end() {
    for end in ENDS {
        let text = doc(
            &["[Account]", "MailServer=pop.example.jp", "not a pair"],
            end,
        );
        let parsed = ini::parse(&text);
        assert_eq!(parsed.bad_lines[0].line, 3, "{end:?}");
        assert_eq!(parsed.section("Account").unwrap().line, 1);
        let (_, problems) = becky::parse(text.as_bytes(), "PC/x.mb/Mailbox.ini", "x.mb");
        let bad = problems
            .iter()
            .find(|p| p.message.contains("not a pair"))
            .expect("the bad line is a problem");
        assert_eq!(
            bad.at.line,
            Some(indexed_line(&text, "not a pair")),
            "{end:?}"
        );
    }
}

#[test]
fn xml_errors_name_the_same_line_and_column_for_every_line_end() {
    for end in ENDS {
        let text = doc(&["<a>", "  <b>", "  </c>"], end);
        let e = xml::parse(text.as_bytes()).expect_err("mismatched end tag");
        assert_eq!(e.line, 3, "{end:?}: {e:?}");
        assert_eq!(e.line, indexed_line(&text, "</c>"));
        let col = e.col.expect("the parser names where it stopped");
        let same = xml::parse(doc(&["<a>", "  <b>", "  </c>"], "\n").as_bytes()).unwrap_err();
        assert_eq!(Some(col), same.col, "{end:?}");
    }
}

#[test]
fn windows_mail_and_k9_name_the_same_lines_for_every_line_end() {
    for end in ENDS {
        let text = doc(
            &[
                r#"<?xml version="1.0"?>"#,
                "",
                "<!DOCTYPE x>",
                "<MessageAccount>",
                "</MessageAccount>",
            ],
            end,
        );
        let r = oeaccount::read_bytes(text.as_bytes(), "PC/a.oeaccount");
        let doctype = r
            .problems
            .iter()
            .find(|p| p.message.contains("DOCTYPE"))
            .expect("the DOCTYPE is a problem");
        assert_eq!(doctype.at.line, Some(3), "{end:?}");

        let text = doc(
            &[
                r#"<k9settings format="1" version="90">"#,
                "<accounts>",
                "</wrong>",
            ],
            end,
        );
        let (_, problems) = k9::parse(text.as_bytes(), "PC/a.k9s");
        let bad = problems
            .iter()
            .find(|p| p.message.contains("XML"))
            .unwrap_or_else(|| panic!("{problems:?}"));
        assert_eq!(
            bad.at.line,
            Some(indexed_line(&text, "</wrong>")),
            "{end:?}"
        );
        assert_eq!(bad.at.line, Some(3));
    }
}

#[test]
fn popstate_names_the_same_lines_for_every_line_end() {
    for end in ENDS {
        let text = doc(
            &[
                "# POP3 State File",
                "*pop.example.jp info@example.jp",
                "k UIDL1 1700000000",
                "?? nonsense",
            ],
            end,
        );
        let p = popstate::parse(text.as_bytes());
        assert_eq!(p.sections[0].line, 2, "{end:?}");
        assert_eq!(p.sections[0].entries[0].line, 3, "{end:?}");
        assert_eq!(p.bad_lines[0].line, 4, "{end:?}: {:?}", p.bad_lines);
    }
}

#[test]
fn site_file_positions_use_the_same_lines() {
    for end in ["\n", "\r\n"] {
        let text = doc(&["[defaults]", "away_days = 3", "bogus = 1"], end);
        let e = mailaudit::site::Site::parse(&text, "site.toml").unwrap_err();
        assert_eq!((e.line, e.col), (3, 1), "{end:?}: {e}");
    }
    // TOML has no lone-CR line end, so such a file stops at its first CR: the error names
    // that spot on line 1, as the index counts it, not a line the parser never reached.
    let text = doc(&["[defaults]", "away_days = 3"], "\r");
    let e = mailaudit::site::Site::parse(&text, "site.toml").unwrap_err();
    assert_eq!(e.line, 1, "{e}");
    assert!(e.col >= 11, "{e}");
}
