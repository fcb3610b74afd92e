//! Property tests for the prefs grammar: what `render_user_pref` writes reads back
//! unchanged (also with comments and whitespace between the tokens), a broken statement
//! costs only itself, and no input makes the parser panic.

use mailaudit::sources::prefs::{parse, render_user_pref, FileKind, Parsed, Spec, Value};
use proptest::prelude::*;

/// Characters that stress the grammar, mixed with arbitrary ones.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>().prop_filter("no NUL", |c| *c != '\0'),
        1 => prop::sample::select(vec![
            '"', '\'', '\\', '\n', '\r', '\t', '/', '*', '#', ';', ',', '(', ')', 'x', 'u',
            '\u{b}', '\u{c}', '\u{feff}', 'ä', '名', '\u{1F300}',
        ]),
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..24).prop_map(String::from_iter)
}

fn tricky_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        3 => 1u8..=255,
        1 => prop::sample::select(b"\"'\\\n\r\t/*#;xu\x80\xC3\xFF".to_vec()),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(Value::Int),
        prop::sample::select(vec![0, 1, -1, i32::MAX, i32::MIN, i32::MIN + 1]).prop_map(Value::Int),
        prop::collection::vec(tricky_byte(), 0..40).prop_map(Value::Str),
        name().prop_map(|s| Value::Str(s.into_bytes())),
    ]
}

fn prefs() -> impl Strategy<Value = Vec<(String, Value)>> {
    prop::collection::vec((name(), value()), 0..12)
}

/// Whitespace and comments that may sit between any two tokens.
fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "",
        " ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\u{b}",
        "\u{c}",
        "  \n\t",
        "/* c */",
        "/**/",
        "/* \" ' ; \n */",
        "# c\n",
        "// c \" ;\r\n",
        "#\r",
        "//\n",
        " /* a */ # b\n ",
    ])
}

/// The tokens of one rendered statement, taken from `render_user_pref`'s own output.
fn tokens(name: &str, value: &Value) -> Vec<String> {
    let name_lit = render_user_pref(name, &Value::Bool(true))
        .strip_prefix("user_pref(")
        .and_then(|s| s.strip_suffix(", true);"))
        .expect("rendered statement shape")
        .to_string();
    let value_lit = render_user_pref("", value)
        .strip_prefix("user_pref(\"\", ")
        .and_then(|s| s.strip_suffix(");"))
        .expect("rendered statement shape")
        .to_string();
    let mut out = vec!["user_pref".into(), "(".into(), name_lit, ",".into()];
    match value_lit.strip_prefix('-') {
        Some(digits) => out.extend(["-".to_string(), digits.to_string()]),
        None => out.push(value_lit),
    }
    out.extend([")".to_string(), ";".to_string()]);
    out
}

/// 1-based line of byte `at`: `\n`, `\r` and `\r\n` each end one line.
fn line_at(text: &[u8], at: usize) -> u32 {
    let mut line = 1;
    let mut i = 0;
    while i < at {
        match text[i] {
            b'\n' => line += 1,
            b'\r' if text.get(i + 1) != Some(&b'\n') => line += 1,
            _ => {}
        }
        i += 1;
    }
    line
}

fn assert_round_trip(parsed: &Parsed, expected: &[(String, Value)], lines: &[u32]) {
    assert!(parsed.errors.is_empty(), "errors: {:?}", parsed.errors);
    let got: Vec<(String, Value)> = parsed
        .prefs
        .iter()
        .map(|p| (p.name.clone(), p.value.clone()))
        .collect();
    assert_eq!(got, expected);
    for p in &parsed.prefs {
        assert_eq!((p.spec, p.sticky, p.locked), (Spec::UserPref, false, false));
    }
    let got_lines: Vec<u32> = parsed.prefs.iter().map(|p| p.line).collect();
    assert_eq!(got_lines, lines);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn rendered_prefs_read_back(list in prefs()) {
        let text: String = list
            .iter()
            .map(|(n, v)| render_user_pref(n, v) + "\n")
            .collect();
        let lines: Vec<u32> = (1..=list.len() as u32).collect();
        assert_round_trip(&parse(text.as_bytes(), FileKind::User), &list, &lines);
        // Default files accept `user_pref` too.
        assert_round_trip(&parse(text.as_bytes(), FileKind::Default), &list, &lines);
        // So does a file saved with a BOM.
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_round_trip(&parse(&bom, FileKind::User), &list, &lines);
    }

    #[test]
    fn comments_and_whitespace_between_any_tokens(
        list in prefs(),
        seps in prop::collection::vec(separator(), 0..200),
    ) {
        let mut seps = seps.into_iter().cycle();
        let mut text = Vec::new();
        let mut lines = Vec::new();
        for (n, v) in &list {
            text.extend_from_slice(seps.next().unwrap_or("").as_bytes());
            lines.push(line_at(&text, text.len()));
            for tok in tokens(n, v) {
                text.extend_from_slice(tok.as_bytes());
                text.extend_from_slice(seps.next().unwrap_or("").as_bytes());
            }
        }
        assert_round_trip(&parse(&text, FileKind::User), &list, &lines);
    }

    #[test]
    fn one_broken_statement_costs_only_itself(
        list in prefs(),
        at in any::<prop::sample::Index>(),
        broken in prop::sample::select(vec![
            "user_pref(\"x\", tru);",
            "user_pref(\"x\" 1);",
            "user_pref(\"x\", 1.5);",
            "user_pref(\"x\", 1))",
            "pref(\"x\", 1);",
            "user_pref(\"x\", 1, locked);",
            "user_pref(\"x\", \"a\\tb\");",
            "user_pref(\"x\", 99999999999);",
            "user_pref(\"x\", \"\\uD800\");",
            "@;",
            ";",
        ]),
    ) {
        let mut statements: Vec<String> = list.iter().map(|(n, v)| render_user_pref(n, v)).collect();
        let at = at.index(statements.len() + 1);
        statements.insert(at, broken.to_string());
        // `user_pref("x", 1))` lacks its `;`, so it swallows the statement after it.
        let swallows = broken.ends_with("))") && at < list.len();
        let text = statements.join("\n") + "\n";
        let p = parse(text.as_bytes(), FileKind::User);
        let mut expected = list.clone();
        if swallows {
            expected.remove(at);
        }
        let got: Vec<(String, Value)> = p.prefs.iter().map(|p| (p.name.clone(), p.value.clone())).collect();
        prop_assert_eq!(got, expected);
        prop_assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        prop_assert_eq!(p.errors[0].line, at as u32 + 1);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for kind in [FileKind::User, FileKind::Default] {
            let p = parse(&bytes, kind);
            check_invariants(&bytes, &p);
        }
    }

    #[test]
    fn mutated_files_never_panic(
        list in prefs(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let mut bytes: Vec<u8> = list
            .iter()
            .flat_map(|(n, v)| (render_user_pref(n, v) + "\n").into_bytes())
            .collect();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len() + 1);
            match op {
                0 => bytes.insert(i, byte),
                1 if i < bytes.len() => bytes[i] = byte,
                _ => bytes.truncate(i),
            }
        }
        let p = parse(&bytes, FileKind::User);
        check_invariants(&bytes, &p);
        // Nothing is invented: every parsed statement is at most one per `user_pref` keyword.
        let keywords = bytes.windows(9).filter(|w| w == b"user_pref").count();
        prop_assert!(p.prefs.len() <= keywords);
    }
}

/// What must hold for any input: positions inside the file, in file order.
fn check_invariants(bytes: &[u8], p: &Parsed) {
    let max_line = line_at(bytes, bytes.len());
    let mut last = (0, 0);
    for e in &p.errors {
        assert!(
            e.line >= 1 && e.line <= max_line,
            "{e:?} past line {max_line}"
        );
        assert!(e.col >= 1, "{e:?}");
        assert!(
            (e.line, e.col) >= last,
            "errors out of order: {:?}",
            p.errors
        );
        last = (e.line, e.col);
        assert!(!e.message.is_empty());
    }
    let mut last_line = 0;
    for pref in &p.prefs {
        assert!(pref.line >= last_line && pref.line <= max_line, "{pref:?}");
        last_line = pref.line;
    }
    assert!(p.prefs.len() <= bytes.len() / 17 + 1);
    // Whatever parsed, Thunderbird's way of writing it back reads back the same.
    for pref in &p.prefs {
        let line = render_user_pref(&pref.name, &pref.value);
        let again = parse(line.as_bytes(), FileKind::User);
        assert!(again.errors.is_empty(), "{line:?}: {:?}", again.errors);
        assert_eq!(again.prefs.len(), 1, "{line:?}");
        assert_eq!(
            (&again.prefs[0].name, &again.prefs[0].value),
            (&pref.name, &pref.value)
        );
    }
}
