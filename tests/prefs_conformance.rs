//! Conformance of the prefs grammar with upstream libpref: every tricky case of the
//! grammar (valid and invalid), error texts and lines, recovery, and real files.

mod support;

use mailaudit::sources::prefs::{
    parse, parse_dialect, render_user_pref, Dialect, FileKind, ParseError, Parsed, Spec, Value,
};

fn user(text: &[u8]) -> Parsed {
    parse(text, FileKind::User)
}

fn dflt(text: &[u8]) -> Parsed {
    parse(text, FileKind::Default)
}

/// (line, message) of every error.
fn errs(p: &Parsed) -> Vec<(u32, &'static str)> {
    p.errors.iter().map(|e| (e.line, e.message)).collect()
}

/// (line, col, message) of every error.
fn errs_at(p: &Parsed) -> Vec<(u32, u32, &'static str)> {
    p.errors
        .iter()
        .map(|e| (e.line, e.col, e.message))
        .collect()
}

/// The value of the last statement that set `name`.
fn val<'a>(p: &'a Parsed, name: &str) -> &'a Value {
    &p.last(name)
        .unwrap_or_else(|| panic!("{name} not set; prefs: {:?}", p.prefs))
        .value
}

fn names(p: &Parsed) -> Vec<&str> {
    p.prefs.iter().map(|p| p.name.as_str()).collect()
}

fn s(text: &str) -> Value {
    Value::Str(text.as_bytes().to_vec())
}

fn assert_clean(p: &Parsed) {
    assert!(p.errors.is_empty(), "unexpected errors: {:?}", p.errors);
    assert!(!p.has_errors());
}

const OVERFLOW: &str = "integer literal overflowed";
const BAD_ESCAPE: &str = "unexpected escape sequence character after '\\'";
const MALFORMED_X: &str = "malformed \\x escape sequence";
const MALFORMED_U: &str = "malformed \\u escape sequence";
const UNTERMINATED: &str = "unterminated string literal";
const UNKNOWN: &str = "unknown keyword";
const UNEXPECTED: &str = "unexpected character";
const SPEC_DEFAULT: &str = "expected pref specifier at start of pref definition";
const SPEC_USER: &str = "expected 'user_pref' at start of pref definition";

// ---------------------------------------------------------------------------
// Valid input (§5.5 items 1–14)
// ---------------------------------------------------------------------------

#[test]
fn case01_empty_whitespace_and_comment_only_files() {
    let inputs: [&[u8]; 8] = [
        b"",
        b"\n\n    \x0B \t \x0B \x0C",
        b"\r\n\r\r\n",
        b"// blah",
        b"# blah",
        b"/* blah */",
        b"/* a\n b */\n# c\n// d\n",
        b"   \t\n",
    ];
    for text in inputs {
        for p in [user(text), dflt(text)] {
            assert_clean(&p);
            assert!(p.prefs.is_empty(), "{text:?}: {:?}", p.prefs);
        }
    }
}

#[test]
fn case02_comments_between_every_token_and_at_end_of_file() {
    let text = b"/*0*/ user_pref /*1*/ ( /*2*/ \"c1\" /*3*/ , /*4*/ true /*5*/ ) /*6*/ ; /*7*/\n\
user_pref # a\n( // b\n\"c2\" /*\nc\n*/,/*d*/\n42#e\n)//\n; /*f*/\n\
user_pref(\"c3\", - # x\n 5); # ends without newline";
    let p = user(text);
    assert_clean(&p);
    assert_eq!(names(&p), ["c1", "c2", "c3"]);
    assert_eq!(val(&p, "c1"), &Value::Bool(true));
    assert_eq!(val(&p, "c2"), &Value::Int(42));
    assert_eq!(val(&p, "c3"), &Value::Int(-5));

    let p = user(b"user_pref(\"a\", 1); // no newline at the end");
    assert_clean(&p);
    assert_eq!(val(&p, "a"), &Value::Int(1));
    let p = user(b"user_pref(\"a\", 1);\n//");
    assert_clean(&p);
    assert_eq!(p.prefs.len(), 1);
}

#[test]
fn case03_statement_spread_over_many_lines() {
    let text = b"\n\nuser_pref\n    (\n     \"spaced-out\"\n                 ,\n   \t\t  \"v\"\n       )\n;\n";
    let p = user(text);
    assert_clean(&p);
    assert_eq!(val(&p, "spaced-out"), &s("v"));
    assert_eq!(p.prefs[0].line, 3, "line of the first token");
}

#[test]
fn case04_block_comments_do_not_nest() {
    let p = user(b"/* /* /* no nesting */ user_pref(\"a\", 1);");
    assert_clean(&p);
    assert_eq!(val(&p, "a"), &Value::Int(1));

    // The first `*/` ends the comment, so a second `*/` is stray text.
    let p = user(b"/* /* */ */ user_pref(\"a\", 1);\nuser_pref(\"b\", 2);");
    assert_eq!(errs_at(&p), [(1, 10, UNEXPECTED)]);
    assert_eq!(names(&p), ["b"]);
}

#[test]
fn case05_comment_markers_inside_strings_are_text() {
    let p = user(b"user_pref(\"a\", \"x // y\");\nuser_pref(\"b\", \"# z\");\nuser_pref(\"c\", \"/* w */\");\nuser_pref(\"/*n*/\", '//');");
    assert_clean(&p);
    assert_eq!(val(&p, "a"), &s("x // y"));
    assert_eq!(val(&p, "b"), &s("# z"));
    assert_eq!(val(&p, "c"), &s("/* w */"));
    assert_eq!(val(&p, "/*n*/"), &s("//"));
}

#[test]
fn case06_signed_integers() {
    let text = b"user_pref(\"p234\", +234);\n\
user_pref(\"p345\", +   345);\n\
user_pref(\"m0\", -0);\n\
user_pref(\"m1\", -1);\n\
user_pref(\"m456\", - /* c */\t456);\n\
user_pref(\"m567\", -\n567);\n\
user_pref(\"max\", 2147483647);\n\
user_pref(\"pmax\", +2147483647);\n\
user_pref(\"min\", -2147483648);\n\
user_pref(\"min1\", -2147483647);\n\
user_pref(\"z\", 0);\n\
user_pref(\"o\", 007);\n";
    let p = user(text);
    assert_clean(&p);
    let expected = [
        ("p234", 234),
        ("p345", 345),
        ("m0", 0),
        ("m1", -1),
        ("m456", -456),
        ("m567", -567),
        ("max", i32::MAX),
        ("pmax", i32::MAX),
        ("min", i32::MIN),
        ("min1", -2147483647),
        ("z", 0),
        ("o", 7),
    ];
    for (name, n) in expected {
        assert_eq!(val(&p, name), &Value::Int(n), "{name}");
    }
    // The statement after the sign-newline-digits one is on line 8.
    assert_eq!(p.last("max").unwrap().line, 8);
}

#[test]
fn case07_single_quotes_and_nested_quotes() {
    let p = user(
        b"user_pref('single', '\"abc\"');\nuser_pref(\"double\", \"'abc'\");\nuser_pref('e', '');",
    );
    assert_clean(&p);
    assert_eq!(val(&p, "single"), &s("\"abc\""));
    assert_eq!(val(&p, "double"), &s("'abc'"));
    assert_eq!(val(&p, "e"), &s(""));
}

#[test]
fn case08_allowed_escapes() {
    let text = br#"user_pref("simple", "\" \' \\ \n \r");
user_pref("x1", "Mozilla0\x4d\x6F\x7a\x69\x6c\x6C\x610");
user_pref("x2", "A\x41 A_umlaut\xc4 y_umlaut\xff");
user_pref("u1", "A\u0041 A_umlaut\u00c4 y_umlaut\u00ff0");
user_pref("u2", "S_acute\u015a y_grave\u1Ef3");
user_pref("surrogates", "cyclone\uD83C\uDF00 grinning_face\uD83D\uDE00");
user_pref('single', '\'\"');
"#;
    let p = user(text);
    assert_clean(&p);
    assert_eq!(val(&p, "simple"), &s("\" ' \\ \n \r"));
    assert_eq!(val(&p, "x1"), &s("Mozilla0Mozilla0"));
    assert_eq!(
        val(&p, "x2"),
        &Value::Str(b"AA A_umlaut\xC4 y_umlaut\xFF".to_vec()),
        "\\xNN inserts one raw byte, even when that is not UTF-8"
    );
    assert_eq!(val(&p, "u1"), &s("AA A_umlaut\u{c4} y_umlaut\u{ff}0"));
    assert_eq!(val(&p, "u2"), &s("S_acute\u{15a} y_grave\u{1ef3}"));
    assert_eq!(
        val(&p, "surrogates"),
        &s("cyclone\u{1F300} grinning_face\u{1F600}")
    );
    assert_eq!(val(&p, "single"), &s("'\""));
    // Lossy accessor for the raw bytes.
    assert_eq!(
        val(&p, "x2").as_str().unwrap(),
        "AA A_umlaut\u{FFFD} y_umlaut\u{FFFD}"
    );
}

#[test]
fn case09_raw_control_characters_and_newlines_in_strings() {
    let p = user(b"user_pref(\"weird\", \" \t\x0B\x0C\x06\x16\r \");\nuser_pref(\"multi\", \"a\nb\r\nc\rd\");\nuser_pref(\"after\", 1);");
    assert_clean(&p);
    assert_eq!(
        val(&p, "weird"),
        &Value::Str(b" \t\x0B\x0C\x06\x16\r ".to_vec())
    );
    assert_eq!(
        val(&p, "multi"),
        &s("a\nb\r\nc\rd"),
        "a raw CRLF stays CRLF"
    );
    // The raw CR inside "weird" ends line 1, and "multi" spans lines 3 to 6.
    assert_eq!(p.last("multi").unwrap().line, 3);
    assert_eq!(p.last("after").unwrap().line, 7);
}

#[test]
fn case10_escaped_newlines_do_not_count_raw_ones_do() {
    let p = dflt(b"pref(\"foo\\n\n foo\\r\r foo\\r\\n\r\n foo\", bad);");
    assert_eq!(errs(&p), [(4, UNKNOWN)]);
    let p = user(b"user_pref(\"a\", \"x\\ny\\rz\");\nuser_pref(\"b\", 1);");
    assert_clean(&p);
    assert_eq!(p.last("b").unwrap().line, 2);
    assert_eq!(val(&p, "a"), &s("x\ny\rz"));
}

#[test]
fn case11_pref_names_are_arbitrary_strings() {
    let p = user("user_pref(\"with space\tand /* c */ \\\"q\\\"\", 1);\nuser_pref(\"\t\", 2);\nuser_pref(\"ünïcödé.名前\", 3);\nuser_pref(\"\", 4);".as_bytes());
    assert_clean(&p);
    assert_eq!(
        names(&p),
        ["with space\tand /* c */ \"q\"", "\t", "ünïcödé.名前", ""]
    );
}

#[test]
fn case11_escaped_tab_in_name_is_an_error() {
    // `\t` is not an allowed escape even in a name.
    let p = user(b"user_pref(\"a\\tb\", 1);\nuser_pref(\"ok\", 2);");
    assert_eq!(errs_at(&p), [(1, 13, BAD_ESCAPE)]);
    assert_eq!(names(&p), ["ok"]);
}

#[test]
fn case12_bom_at_start_is_skipped() {
    let p = user(b"\xEF\xBB\xBFuser_pref(\"int.ok\", 1);\n");
    assert_clean(&p);
    assert_eq!(val(&p, "int.ok"), &Value::Int(1));
    let p = user(b"\xEF\xBB\xBF\nuser_pref(\"a\", 1);\n");
    assert_clean(&p);
    assert_eq!(p.prefs[0].line, 2);
    for p in [user(b"\xEF\xBB\xBF"), dflt(b"\xEF\xBB\xBF")] {
        assert_clean(&p);
        assert!(p.prefs.is_empty());
    }
}

#[test]
fn case13_default_file_specifiers_and_attributes() {
    let text = b"pref(\"d\", true);\n\
sticky_pref(\"s\", 123);\n\
user_pref(\"u\", \"value\");\n\
pref(\"l\", 1, locked);\n\
pref(\"sl\", 2, sticky, locked);\n\
pref(\"ls\", 3, locked, sticky);\n\
pref(\"rep\", 4, locked, locked, sticky, sticky);\n\
user_pref(\"us\", 5, sticky);\n\
sticky_pref(\"stl\", false , /*c*/ locked);\n";
    let p = dflt(text);
    assert_clean(&p);
    let got: Vec<(&str, Spec, bool, bool)> = p
        .prefs
        .iter()
        .map(|p| (p.name.as_str(), p.spec, p.sticky, p.locked))
        .collect();
    assert_eq!(
        got,
        [
            ("d", Spec::Pref, false, false),
            ("s", Spec::StickyPref, true, false),
            ("u", Spec::UserPref, false, false),
            ("l", Spec::Pref, false, true),
            ("sl", Spec::Pref, true, true),
            ("ls", Spec::Pref, true, true),
            ("rep", Spec::Pref, true, true),
            ("us", Spec::UserPref, true, false),
            ("stl", Spec::StickyPref, true, true),
        ]
    );
    assert_eq!(val(&p, "u"), &s("value"));
    assert_eq!(val(&p, "stl"), &Value::Bool(false));
}

#[test]
fn case14_duplicate_name_later_value_is_last() {
    let p = user(b"user_pref(\"a\", 1);\nuser_pref(\"b\", 0);\nuser_pref(\"a\", \"two\");\n");
    assert_clean(&p);
    assert_eq!(p.prefs.len(), 3, "every statement is kept, in order");
    assert_eq!(val(&p, "a"), &s("two"));
    assert_eq!(p.last("a").unwrap().line, 3);
}

// ---------------------------------------------------------------------------
// Invalid input (§5.5 items 15–37)
// ---------------------------------------------------------------------------

#[test]
fn case15_integer_overflow() {
    let text = b"
pref(\"int.ok\", 2147483647);
pref(\"int.overflow\", 2147483648);
pref(\"int.ok\", +2147483647);
pref(\"int.overflow\", +2147483648);
pref(\"int.ok\", -2147483648);
pref(\"int.overflow\", -2147483649);
pref(\"int.overflow\", 4294967296);
pref(\"int.overflow\", +4294967296);
pref(\"int.overflow\", -4294967296);
pref(\"int.overflow\", 4294967297);
pref(\"int.overflow\", 1234567890987654321);
";
    let p = dflt(text);
    let lines: Vec<(u32, &str)> = [3, 5, 7, 8, 9, 10, 11, 12]
        .into_iter()
        .map(|l| (l, OVERFLOW))
        .collect();
    assert_eq!(errs(&p), lines);
    assert_eq!(names(&p), ["int.ok", "int.ok", "int.ok"]);
    assert_eq!(
        p.prefs.iter().map(|p| p.value.clone()).collect::<Vec<_>>(),
        [
            Value::Int(i32::MAX),
            Value::Int(i32::MAX),
            Value::Int(i32::MIN)
        ]
    );
    // Column of the digits (not of the sign).
    assert_eq!(errs_at(&p)[3], (8, 22, OVERFLOW));
    assert_eq!(errs_at(&p)[2], (7, 23, OVERFLOW));
}

#[test]
fn case16_digits_followed_by_letter() {
    let p = dflt(b"\npref(\"int.unexpected\", 100foo);\npref(\"int.ok\", 0);\n");
    assert_eq!(
        errs_at(&p),
        [(2, 27, "unexpected character in integer literal")]
    );
    assert_eq!(names(&p), ["int.ok"]);
    let p = user(b"user_pref(\"hex\", 0x1F);\nuser_pref(\"u\", 1_);\nuser_pref(\"ok\", 1);");
    assert_eq!(
        errs(&p),
        [
            (1, "unexpected character in integer literal"),
            (2, "unexpected character in integer literal")
        ]
    );
    assert_eq!(names(&p), ["ok"]);
}

#[test]
fn case17_decimal_is_unexpected_character() {
    let p = user(b"user_pref(\"f\", 1.5);\nuser_pref(\"ok\", \"1.5\");");
    assert_eq!(errs_at(&p), [(1, 17, UNEXPECTED)]);
    assert_eq!(val(&p, "ok"), &s("1.5"));
    assert_eq!(p.prefs.len(), 1);
}

#[test]
fn case18_unknown_keywords() {
    let text = b"
foo;
preff(\"string.bad-keyword\", true);
ticky_pref(\"string.bad-keyword\", true);
User_pref(\"string.bad-keyword\", true);
pref(\"string.bad-keyword\", TRUE);
pref(\"string.bad-keyword\", True);
pref(\"ok\", false);
";
    let p = dflt(text);
    assert_eq!(
        errs(&p),
        [
            (2, UNKNOWN),
            (3, UNKNOWN),
            (4, UNKNOWN),
            (5, UNKNOWN),
            (6, UNKNOWN),
            (7, UNKNOWN)
        ]
    );
    assert_eq!(names(&p), ["ok"]);
    assert_eq!(errs_at(&p)[4], (6, 28, UNKNOWN));
    let p = user(b"user_pref(\"a\", TRUE);");
    assert_eq!(errs(&p), [(1, UNKNOWN)]);
}

#[test]
fn case19_keyword_glued_to_digits() {
    let p = dflt(b"\npref1(\"parse.error\", true);\npref(\"ok\", 1);");
    assert_eq!(errs_at(&p), [(2, 5, "expected '(' after pref specifier")]);
    assert_eq!(names(&p), ["ok"]);
}

#[test]
fn case20_unexpected_characters() {
    let text = b"
pref(\"unexpected.chars\", &true);
pref(\"unexpected.chars\" : true);
@pref(\"unexpected.chars\", true);
pref[\"unexpected.chars\": true];
pref(\"x\", \xC3\xA4);
pref(\"ok\", 1);
";
    let p = dflt(text);
    assert_eq!(
        errs_at(&p),
        [
            (2, 26, UNEXPECTED),
            (3, 25, UNEXPECTED),
            (4, 1, UNEXPECTED),
            (5, 5, UNEXPECTED),
            (6, 11, UNEXPECTED),
        ]
    );
    assert_eq!(names(&p), ["ok"]);
}

#[test]
fn case21_lone_slash() {
    let p = dflt(b"\n/ comment;\n/\n; /");
    let msg = "expected '/' or '*' after '/'";
    assert_eq!(errs_at(&p), [(2, 1, msg), (3, 1, msg), (4, 3, msg)]);
    // The character after a lone slash is swallowed, even a `;`.
    let p = user(b"user_pref(\"a\", 1) /; user_pref(\"b\", 2);\nuser_pref(\"c\", 3);");
    assert_eq!(errs(&p), [(1, msg)], "a lexer error's text wins");
    assert_eq!(names(&p), ["c"]);
}

#[test]
fn case22_unterminated_block_comment() {
    let p = dflt(b"\n/* comment\n    ");
    assert_eq!(errs_at(&p), [(3, 5, "unterminated /* comment")]);
    let p = user(b"user_pref(\"a\", 1);\n/* user_pref(\"b\", 2);\n");
    assert_eq!(errs(&p), [(3, "unterminated /* comment")]);
    assert_eq!(names(&p), ["a"]);
}

#[test]
fn case23_bad_escapes() {
    let text = b"
pref(\"string.bad-escape\", \"foo\\b\");
pref(\"string.bad-escape\", \"foo\\f\");
pref(\"string.bad-escape\", \"foo\\t\");
pref(\"string.bad-escape\", \"foo\\v\");
pref(\"string.bad-escape\", \"foo\\Q\");
pref(\"string.bad-escape\", \"foo\\1\");
pref(\"string.bad-escape\", \"foo\\,\");
pref(\"string.bad-escape\", \"foo\\ n\");
pref(\"string.bad-escape\", \"foo\\/\");
pref(\"string.bad-escape\", \"foo\\0\");
pref(\"string.bad-escape\", \"foo\\
n\");
pref(\"int.ok\", 0);
pref(\"string.bad-escape\", \"foo\\";
    let p = dflt(text);
    let expected: Vec<(u32, u32, &str)> = (2..=12)
        .map(|l| (l, 31, BAD_ESCAPE))
        .chain([(15, 31, BAD_ESCAPE)])
        .collect();
    assert_eq!(errs_at(&p), expected);
    assert_eq!(names(&p), ["int.ok"]);
}

#[test]
fn case24_malformed_and_nul_hex_escapes() {
    let text = b"
pref(\"string.bad-x-escape\", \"foo\\x\");
pref(\"string.bad-x-escape\", \"foo\\x,bar\");
pref(\"string.bad-x-escape\", \"foo\\x 12\");
pref(\"string.bad-x-escape\", \"foo\\x
12\");
pref(\"string.bad-x-escape\", \"foo\\x1\");
pref(\"string.bad-x-escape\", \"foo\\x1G\");
pref(\"string.bad-x-escape\", \"foo\\xG1\");
pref(\"string.nul-x-escape\", \"foo\\x00bar\");
pref(\"int.ok\", 0);
pref(\"string.bad-x-escape\", \"foo\\x";
    let p = dflt(text);
    assert_eq!(
        errs(&p),
        [
            (2, MALFORMED_X),
            (3, MALFORMED_X),
            (4, MALFORMED_X),
            (5, MALFORMED_X),
            (7, MALFORMED_X),
            (8, MALFORMED_X),
            (9, MALFORMED_X),
            (10, "\\x00 is not allowed"),
            (12, MALFORMED_X),
        ]
    );
    assert_eq!(names(&p), ["int.ok"]);
    // The error points at the backslash.
    assert_eq!(p.errors[0].col, 33);

    let text = b"
pref(\"string.bad-u-escape\", \"foo\\u\");
pref(\"string.bad-u-escape\", \"foo\\u,bar\");
pref(\"string.bad-u-escape\", \"foo\\u 1234\");
pref(\"string.bad-u-escape\", \"foo\\u
1234\");
pref(\"string.bad-u-escape\", \"foo\\u1\");
pref(\"string.bad-u-escape\", \"foo\\u12\");
pref(\"string.bad-u-escape\", \"foo\\u123\");
pref(\"string.bad-u-escape\", \"foo\\u1G34\");
pref(\"string.bad-u-escape\", 'foo\\u12\"4');
pref(\"string.nul-u-escape\", \"foo\\u0000 bar\");
pref(\"int.ok\", 0);
pref(\"string.bad-u-escape\", \"foo\\u";
    let p = dflt(text);
    assert_eq!(
        errs(&p),
        [
            (2, MALFORMED_U),
            (3, MALFORMED_U),
            (4, MALFORMED_U),
            (5, MALFORMED_U),
            (7, MALFORMED_U),
            (8, MALFORMED_U),
            (9, MALFORMED_U),
            (10, MALFORMED_U),
            (11, MALFORMED_U),
            (12, "\\u0000 is not allowed"),
            (14, MALFORMED_U),
        ]
    );
    assert_eq!(names(&p), ["int.ok"]);
}

#[test]
fn case25_surrogate_errors() {
    let text = b"
pref(\"lone-low\", \"foo\\udc00\");
pref(\"high-then-text\", \"foo\\ud83c,blah\");
pref(\"high-then-bad-low\", \"foo\\ud83c\\u1234\");
pref(\"high-then-high\", \"foo\\ud83c\\ud83c\");
pref(\"high-then-short\", \"foo\\ud83c\\u12\");
pref(\"high-then-other-escape\", \"foo\\ud83c\\n\");
pref(\"high-at-end\", \"foo\\ud83c\");
pref(\"int.ok\", 0);
";
    let p = dflt(text);
    assert_eq!(
        errs_at(&p),
        [
            (2, 22, "expected high surrogate before low surrogate"),
            (3, 28, "expected low surrogate after high surrogate"),
            (4, 31, "invalid low surrogate after high surrogate"),
            (5, 28, "invalid low surrogate after high surrogate"),
            (6, 29, "expected low surrogate after high surrogate"),
            (7, 36, "expected low surrogate after high surrogate"),
            (8, 25, "expected low surrogate after high surrogate"),
        ]
    );
    assert_eq!(names(&p), ["int.ok"]);
}

#[test]
fn case26_unterminated_string_at_eof() {
    let p = dflt(b"\npref(\"string.unterminated-string\", \"foo\n    ");
    assert_eq!(errs_at(&p), [(3, 5, UNTERMINATED)]);
    let p = user(b"user_pref(\"a\", 1);\nuser_pref(\"b");
    assert_eq!(errs(&p), [(2, UNTERMINATED)]);
    assert_eq!(names(&p), ["a"]);
}

#[test]
fn case27_unterminated_string_swallows_next_statement() {
    let p = dflt(b"\npref(\"string.unterminated-string\", \"foo);\npref(\"int.ok\", 0);\n");
    assert_eq!(errs_at(&p), [(3, 7, UNKNOWN)]);
    assert!(
        p.prefs.is_empty(),
        "both statements are lost: {:?}",
        p.prefs
    );
    // The quotes stay paired off by one, so the following statements are lost too,
    // silently, until a lone quote (here inside a comment) restores the pairing and a
    // `;` ends the recovery.
    let p = user(b"user_pref(\"a\", \"foo);\nuser_pref(\"b\", 0);\nuser_pref(\"c\", 1);\n# \";\nuser_pref(\"d\", 2);");
    assert_eq!(errs(&p), [(2, UNKNOWN)]);
    assert_eq!(names(&p), ["d"]);
}

#[test]
fn case28_mismatched_quotes() {
    let p = dflt(b"\npref(\"string.unterminated-string\", \"foo');\n    ");
    assert_eq!(errs(&p), [(3, UNTERMINATED)]);
    let p = dflt(b"\npref(\"string.unterminated-string\", 'foo\");\n    ");
    assert_eq!(errs(&p), [(3, UNTERMINATED)]);
    let p = user(b"user_pref('a\", 1);\nuser_pref(\"b\", 2);\n");
    assert_eq!(errs(&p), [(3, UNTERMINATED)]);
    assert!(p.prefs.is_empty());
}

#[test]
fn case29_missing_semicolon_loses_two_statements() {
    let p = dflt(b"pref(\"a\", true)\npref(\"b\", 1);\npref(\"c\", 2);");
    assert_eq!(errs_at(&p), [(2, 1, "expected ';' after ')'")]);
    assert_eq!(names(&p), ["c"]);
}

#[test]
fn case30_extra_semicolons() {
    let text = b"
pref(\"parse.error\", true);;
pref(\"parse.error\", true, locked);;;
pref(\"parse.error\", true, sticky, locked);;;;
pref(\"int.ok\", 0);
";
    let p = dflt(text);
    assert_eq!(
        errs(&p),
        [
            (2, SPEC_DEFAULT),
            (3, SPEC_DEFAULT),
            (3, SPEC_DEFAULT),
            (4, SPEC_DEFAULT),
            (4, SPEC_DEFAULT),
            (4, SPEC_DEFAULT)
        ]
    );
    assert_eq!(p.prefs.len(), 4);
    assert_eq!(errs_at(&p)[1], (3, 35, SPEC_DEFAULT));
    assert_eq!(errs_at(&p)[2], (3, 36, SPEC_DEFAULT));
    let p = user(b"user_pref(\"a\", 1);;");
    assert_eq!(errs(&p), [(1, SPEC_USER)]);
    assert_eq!(names(&p), ["a"]);
}

#[test]
fn case31_attribute_errors() {
    let text = b"
pref(\"parse.error\", true,);
pref(\"parse.error\", true;
pref(\"parse.error\", true, sticky, locked;
pref(\"parse.error\", true, unlocked);
pref(\"ok\", 1);
";
    let p = dflt(text);
    assert_eq!(
        errs_at(&p),
        [
            (2, 26, "expected pref attribute after ','"),
            (3, 25, "expected ',' or ')' after pref value"),
            (4, 41, "expected ',' or ')' after pref attribute"),
            (5, 27, UNKNOWN),
        ]
    );
    assert_eq!(names(&p), ["ok"]);
}

#[test]
fn case32_wrong_token_kinds() {
    let text = b"
\"pref\"(\"parse.error\": true);
pref(123: true);
pref(\"parse.error\" true);
pref(\"parse.error\", pref);
pref(\"parse.error\", -true);
pref(\"parse.error\", +\"value\");
pref(\"parse.error\", - 1x);
pref(\"ok\", 1);
";
    let p = dflt(text);
    assert_eq!(
        errs_at(&p),
        [
            (2, 1, SPEC_DEFAULT),
            (3, 6, "expected pref name after '('"),
            (4, 20, "expected ',' after pref name"),
            (5, 21, "expected pref value after ','"),
            (6, 22, "expected integer literal after '-'"),
            (7, 22, "expected integer literal after '+'"),
            (8, 24, "unexpected character in integer literal"),
        ]
    );
    assert_eq!(names(&p), ["ok"]);
}

#[test]
fn case33_truncated_statements_at_eof() {
    let cases: [(&str, &str); 10] = [
        ("pref", "expected '(' after pref specifier"),
        ("pref(", "expected pref name after '('"),
        ("pref(\"a\"", "expected ',' after pref name"),
        ("pref(\"a\",", "expected pref value after ','"),
        ("pref(\"a\", -", "expected integer literal after '-'"),
        ("pref(\"a\", +", "expected integer literal after '+'"),
        ("pref(\"a\", true", "expected ',' or ')' after pref value"),
        ("pref(\"a\", true,", "expected pref attribute after ','"),
        (
            "pref(\"a\", true, sticky",
            "expected ',' or ')' after pref attribute",
        ),
        ("pref(\"a\", true)", "expected ';' after ')'"),
    ];
    for (text, msg) in cases {
        let full = format!("\n{text}");
        let p = dflt(full.as_bytes());
        let eof_col = u32::try_from(text.len()).unwrap() + 1;
        assert_eq!(errs_at(&p), [(2, eof_col, msg)], "{text}");
        assert!(p.prefs.is_empty(), "{text}");
    }
    let p = user(b"\nuser_pref(\"a\", true");
    assert_eq!(errs(&p), [(2, "expected ')' after pref value")]);
}

#[test]
fn case34_user_file_accepts_only_user_pref_without_attributes() {
    let p = user(b"\npref(\"parse.error\", true);\nsticky_pref(\"parse.error\", true);\nuser_pref(\"int.ok\", 1);\n");
    assert_eq!(errs(&p), [(2, SPEC_USER), (3, SPEC_USER)]);
    assert_eq!(names(&p), ["int.ok"]);
    assert_eq!(p.prefs[0].spec, Spec::UserPref);

    let p = user(b"\nuser_pref(\"parse.error\", true;\nuser_pref(\"int.ok\", 1);\n");
    assert_eq!(errs(&p), [(2, "expected ')' after pref value")]);
    let p = user(b"user_pref(\"a\", true, locked);\nuser_pref(\"b\", 1);");
    assert_eq!(errs_at(&p), [(1, 20, "expected ')' after pref value")]);
    assert_eq!(names(&p), ["b"]);
}

#[test]
fn case35_nul_byte_ends_input() {
    let p = user(b"user_pref(\"a\", 1);\n\0user_pref(\"b\", 2);\n");
    assert_clean(&p);
    assert_eq!(names(&p), ["a"]);
    let p = user(b"user_pref(\"a\", 1);\nuser_pref(\"b\", \"x\0y\");\nuser_pref(\"c\", 3);");
    assert_eq!(errs_at(&p), [(2, 18, UNTERMINATED)]);
    assert_eq!(names(&p), ["a"]);
    let p = user(b"user_pref(\"a\", \0 1);");
    assert_eq!(errs(&p), [(1, "expected pref value after ','")]);
    assert!(p.prefs.is_empty());
    let p = user(b"# comment \0\nuser_pref(\"a\", 1);");
    assert_clean(&p);
    assert!(p.prefs.is_empty());
}

#[test]
fn case36_bom_not_at_start() {
    let p = user(b"user_pref(\"a\", 1);\n\xEF\xBB\xBFuser_pref(\"b\", 2);\nuser_pref(\"c\", 3);");
    assert_eq!(errs_at(&p), [(2, 1, UNEXPECTED)]);
    assert_eq!(names(&p), ["a", "c"]);
    let p = user(b"\xEF\xBB\xBF\xEF\xBB\xBFuser_pref(\"a\", 1);\nuser_pref(\"b\", 2);");
    assert_eq!(errs_at(&p), [(1, 1, UNEXPECTED)]);
    assert_eq!(names(&p), ["b"]);
}

#[test]
fn case37_line_numbering() {
    let inputs: [&[u8]; 6] = [
        b"\n \r \r\n bad",
        b"#\n#\r#\r\n bad",
        b"//\n//\r//\r\n bad",
        b"/*\n \r \r\n*/ bad",
        b"user_pref(\"s\", \"\n\r\r\n\");bad",
        b"\r\r\r bad",
    ];
    for text in inputs {
        let p = dflt(text);
        assert_eq!(errs(&p), [(4, UNKNOWN)], "{text:?}");
    }
    let p = dflt(b"\n \r \r\n bad");
    assert_eq!(p.errors[0].col, 2);
    let p = dflt(b"/*\n \r \r\n*/ bad");
    assert_eq!(p.errors[0].col, 4);
}

// ---------------------------------------------------------------------------
// Recovery, columns, messages
// ---------------------------------------------------------------------------

#[test]
fn recovery_keeps_every_other_statement() {
    let text = b"user_pref(\"mail.server.server1.type\", \"pop3\");
user_pref(\"mail.server.server1.hostname\", \"pop.example.com\");
user_pref(\"mail.server.server1.leave_on_server\", tru);
user_pref(\"mail.server.server1.delete_by_age_from_server\", true);
user_pref(\"mail.server.server1.num_days_to_leave_on_server\", 14);
";
    let p = user(text);
    assert_eq!(
        errs_at(&p),
        [(3, 50, UNKNOWN)],
        "the error names the broken statement's line"
    );
    assert_eq!(
        names(&p),
        [
            "mail.server.server1.type",
            "mail.server.server1.hostname",
            "mail.server.server1.delete_by_age_from_server",
            "mail.server.server1.num_days_to_leave_on_server",
        ]
    );
    assert_eq!(
        val(&p, "mail.server.server1.num_days_to_leave_on_server"),
        &Value::Int(14)
    );
    assert_eq!(
        p.last("mail.server.server1.num_days_to_leave_on_server")
            .unwrap()
            .line,
        5
    );
    assert!(p.has_errors());
}

#[test]
fn recovery_semicolon_inside_string_or_comment_does_not_count() {
    let p = user(b"user_pref(\"a\" 1 \"x;y\" /* ; */ # ;\n, 1);\nuser_pref(\"b\", 2);");
    assert_eq!(errs(&p), [(1, "expected ',' after pref name")]);
    assert_eq!(names(&p), ["b"]);
}

#[test]
fn columns_count_characters_not_bytes() {
    let p = user("user_pref(\"äöü名\", @);".as_bytes());
    assert_eq!(errs_at(&p), [(1, 19, UNEXPECTED)]);
    // Tabs count as one character each.
    let p = user(b"\t\tuser_pref(\"a\", @);");
    assert_eq!(errs_at(&p), [(1, 18, UNEXPECTED)]);
    // A BOM at the start is not a character of line 1.
    let p = user(b"\xEF\xBB\xBF@");
    assert_eq!(errs_at(&p), [(1, 1, UNEXPECTED)]);
}

#[test]
fn multi_line_string_as_wrong_token_is_reported_where_it_ends() {
    let p = user(b"user_pref(\"a\" \"b\nc\");\nuser_pref(\"ok\", 1);");
    assert_eq!(errs_at(&p), [(2, 2, "expected ',' after pref name")]);
    assert_eq!(names(&p), ["ok"]);
}

#[test]
fn error_display_and_path_format() {
    let p = user(b"\nuser_pref(\"a\", &);");
    let e = &p.errors[0];
    assert_eq!(
        e,
        &ParseError {
            line: 2,
            col: 16,
            message: UNEXPECTED
        }
    );
    assert_eq!(
        e.to_string(),
        "2:16: prefs parse error: unexpected character"
    );
    assert_eq!(
        e.format_with_path("PC-A/profile/prefs.js"),
        "PC-A/profile/prefs.js:2:16: prefs parse error: unexpected character"
    );
}

#[test]
fn value_accessors() {
    assert_eq!(Value::Bool(true).as_bool(), Some(true));
    assert_eq!(Value::Int(7).as_bool(), None);
    assert_eq!(Value::Int(-7).as_int(), Some(-7));
    assert_eq!(s("7").as_int(), None);
    assert_eq!(s("true").as_bool(), None);
    assert_eq!(s("pop3").as_str().as_deref(), Some("pop3"));
    assert_eq!(Value::Bool(false).as_str(), None);
}

#[test]
fn render_matches_thunderbird_output() {
    assert_eq!(
        render_user_pref("mail.server.server1.leave_on_server", &Value::Bool(true)),
        "user_pref(\"mail.server.server1.leave_on_server\", true);"
    );
    assert_eq!(
        render_user_pref(
            "mail.server.server1.num_days_to_leave_on_server",
            &Value::Int(-30)
        ),
        "user_pref(\"mail.server.server1.num_days_to_leave_on_server\", -30);"
    );
    assert_eq!(
        render_user_pref("a\"b", &Value::Str(b"x\\y\n\r\"'\t\xC3\xA4/*".to_vec())),
        "user_pref(\"a\\\"b\", \"x\\\\y\\n\\r\\\"'\t\u{e4}/*\");"
    );
    // Bytes that are not UTF-8 are written as escapes that read back as the same byte.
    let line = render_user_pref("raw", &Value::Str(b"A\xFF".to_vec()));
    assert_eq!(line, "user_pref(\"raw\", \"A\\xff\");");
    assert_eq!(
        val(&user(line.as_bytes()), "raw"),
        &Value::Str(b"A\xFF".to_vec())
    );
    // NUL cannot be stored; its escape only loses this statement, not the rest of the file.
    let line = render_user_pref("nul", &s("a\0b"));
    let p = user(format!("{line}\nuser_pref(\"after\", 1);").as_bytes());
    assert_eq!(errs(&p), [(1, "\\x00 is not allowed")]);
    assert_eq!(names(&p), ["after"]);
}

// ---------------------------------------------------------------------------
// Real files
// ---------------------------------------------------------------------------

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/thunderbird");

fn corpus_file(name: &str) -> Option<Vec<u8>> {
    let path = std::path::Path::new(CORPUS).join(name);
    if !path.exists() {
        support::skip(format_args!(
            "skipped: corpus file {} is absent",
            path.display()
        ));
        return None;
    }
    Some(std::fs::read(path).expect("corpus file is readable"))
}

#[test]
fn corpus_files_parse_without_errors() {
    let Ok(dir) = std::fs::read_dir(CORPUS) else {
        support::skip(format_args!("skipped: corpus folder {CORPUS} is absent"));
        return;
    };
    let mut seen = 0;
    for entry in dir {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".prefs.js") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let p = user(&bytes);
        assert!(
            p.errors.is_empty(),
            "{name}: {:?}",
            p.errors
                .iter()
                .map(|e| e.format_with_path(&name))
                .collect::<Vec<_>>()
        );
        // Cross-check: every statement of these files starts a line with `user_pref(`.
        let statements = bytes
            .split(|&b| b == b'\n')
            .filter(|l| l.starts_with(b"user_pref("))
            .count();
        assert_eq!(p.prefs.len(), statements, "{name}");
        assert!(!p.prefs.is_empty(), "{name}");
        seen += 1;
    }
    assert!(seen >= 7, "expected the seven prefs/user files, saw {seen}");
}

#[test]
fn corpus_distroastro_duplicate_key_later_value_wins() {
    let Some(bytes) = corpus_file("distroastro-tb-profile-upstream.prefs.js") else {
        return;
    };
    let p = user(&bytes);
    let name = "mail.server.server2.spamActionTargetAccount";
    let lines: Vec<u32> = p
        .prefs
        .iter()
        .filter(|p| p.name == name)
        .map(|p| p.line)
        .collect();
    assert_eq!(lines, [25, 29]);
    assert_eq!(
        val(&p, name),
        &s("mailbox://nobody@Astronomy%20News"),
        "the later statement is the last in the list"
    );
    assert_eq!(val(&p, "mail.server.server2.type"), &s("rss"));
    let feed = val(&p, "mail.server.server2.feed_options")
        .as_str()
        .unwrap()
        .into_owned();
    assert!(
        feed.starts_with("{\"version\":2,\"updates\":{\"enabled\":true"),
        "{feed}"
    );
}

#[test]
fn corpus_mozmill_escaped_quotes_and_long_values() {
    let Some(bytes) = corpus_file("cc-mozmill-migration-from-tb2.prefs.js") else {
        return;
    };
    let p = user(&bytes);
    assert_eq!(
        val(&p, "mail.server.server2.namespace.personal"),
        &s("\"\"")
    );
    assert_eq!(
        p.last("mail.server.server2.namespace.personal")
            .unwrap()
            .line,
        71
    );
    let longest = p
        .prefs
        .iter()
        .filter_map(|p| p.value.as_str().map(|v| v.len()))
        .max()
        .unwrap();
    assert!(
        longest > 500,
        "the base64 alias blobs survive whole: {longest}"
    );
}

#[test]
fn corpus_pop3_test_profile_and_user_js_overrides() {
    if let Some(bytes) = corpus_file("cc-bloat-mailnewsTestPrefs.prefs.js") {
        let p = user(&bytes);
        assert_eq!(val(&p, "mail.server.server2.type"), &s("pop3"));
        assert_eq!(val(&p, "mail.server.server2.hostname"), &s("tinderbox"));
    }
    if let Some(bytes) = corpus_file("nobuto-m-dotfiles.user.prefs.js") {
        let p = user(&bytes);
        assert_eq!(val(&p, "mail.server.server2.check_time"), &Value::Int(5));
        assert_eq!(
            val(&p, "mail.server.default.autosync_max_age_days"),
            &Value::Int(7)
        );
    }
    if let Some(bytes) = corpus_file("horlogeskynet-thunderbird-user.user.prefs.js") {
        let p = user(&bytes);
        assert_eq!(p.prefs.len(), 290);
        assert_eq!(
            val(&p, "mail.smtpserver.default.hello_argument"),
            &s("[127.0.0.1]")
        );
        assert_eq!(
            p.last("mail.smtpserver.default.hello_argument")
                .unwrap()
                .line,
            1313
        );
    }
    if let Some(bytes) = corpus_file("floeff-thunderbird-configuration.user.prefs.js") {
        let p = user(&bytes);
        assert_eq!(
            val(&p, "mail.server.default.check_all_folders_for_new"),
            &Value::Bool(true)
        );
    }
}

// ---------------------------------------------------------------------------
// Hostile input
// ---------------------------------------------------------------------------

const TEN_MB: usize = 10 * 1024 * 1024;

#[test]
fn hostile_ten_megabytes_of_comment_openers() {
    // `/*/*/` is a whole comment, so the next `*` is a stray character; recovery then
    // runs through the rest of the file looking for a `;`.
    let p = user(&b"/*".repeat(TEN_MB / 2));
    assert_eq!(errs_at(&p), [(1, 6, UNEXPECTED)]);
    assert!(p.prefs.is_empty());
    // With spaces between them, it is one comment that never ends.
    let p = user(&b"/* ".repeat(TEN_MB / 3));
    assert_eq!(errs(&p), [(1, "unterminated /* comment")]);
    let p = user(
        &[
            b"user_pref(\"a\", 1);\n".as_slice(),
            &b"/*\n".repeat(TEN_MB / 3),
        ]
        .concat(),
    );
    assert_eq!(
        errs(&p),
        [(
            u32::try_from(TEN_MB / 3).unwrap() + 2,
            "unterminated /* comment"
        )]
    );
    assert_eq!(names(&p), ["a"]);
}

#[test]
fn hostile_ten_megabytes_of_quotes() {
    // An even count closes every string; an odd count leaves the last one open.
    let p = user(&vec![b'"'; TEN_MB]);
    assert_eq!(errs_at(&p), [(1, 1, SPEC_USER)]);
    let p = user(&vec![b'"'; TEN_MB + 1]);
    assert_eq!(errs(&p), [(1, SPEC_USER)]);
    assert!(p.prefs.is_empty());
}

#[test]
fn hostile_millions_of_errors_are_counted_not_kept() {
    let p = user(&vec![b';'; 2_000_000]);
    assert_eq!(p.errors.len(), mailaudit::sources::prefs::MAX_KEPT_ERRORS);
    assert_eq!(p.errors.len() + p.errors_omitted, 2_000_000);
    assert_eq!(p.errors.last().unwrap().col, 1000);
}

#[test]
fn hostile_truncated_real_file_keeps_complete_statements() {
    let Some(bytes) = corpus_file("cc-bloat-mailnewsTestPrefs.prefs.js") else {
        return;
    };
    let full = user(&bytes).prefs.len();
    for cut in (0..bytes.len()).step_by(97) {
        let p = user(&bytes[..cut]);
        assert!(p.errors.len() <= 1, "cut {cut}: {:?}", p.errors);
        assert!(p.prefs.len() <= full);
    }
}

#[test]
fn hostile_wrong_encoding_utf16() {
    // A prefs file saved as UTF-16LE: every other byte is NUL, which ends the input.
    let text: Vec<u8> = "user_pref(\"a\", 1);"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let p = user(&[b"\xFF\xFE".as_slice(), &text].concat());
    assert_eq!(errs(&p), [(1, UNEXPECTED)]);
    assert!(p.prefs.is_empty());
}

// ---------------------------------------------------------------------------
// The older parser generation (§5.6)
// ---------------------------------------------------------------------------

#[test]
fn legacy_dialect_loses_the_first_statement_after_a_bom() {
    let text = b"\xEF\xBB\xBFuser_pref(\"mail.server.server1.leave_on_server\", true);\nuser_pref(\"b\", 2);\n";
    let p = parse_dialect(text, FileKind::User, Dialect::Legacy);
    assert_eq!(errs_at(&p), [(1, 1, UNEXPECTED)]);
    assert_eq!(names(&p), ["b"]);
    // Current upstream keeps both.
    let p = parse_dialect(text, FileKind::User, Dialect::Current);
    assert_clean(&p);
    assert_eq!(p.prefs.len(), 2);
}

#[test]
fn legacy_dialect_accepts_default_specifiers_in_user_files() {
    let text = b"pref(\"a\", 1);\nsticky_pref(\"b\", true);\nuser_pref(\"c\", \"x\");\nuser_pref(\"d\", 1, locked);\n;";
    let p = parse_dialect(text, FileKind::User, Dialect::Legacy);
    let got: Vec<(&str, Spec, bool)> = p
        .prefs
        .iter()
        .map(|p| (p.name.as_str(), p.spec, p.sticky))
        .collect();
    assert_eq!(
        got,
        [
            ("a", Spec::Pref, false),
            ("b", Spec::StickyPref, true),
            ("c", Spec::UserPref, false)
        ]
    );
    // Attributes are still refused in user files; the stray `;` gets the old wording.
    assert_eq!(
        errs(&p),
        [(4, "expected ')' after pref value"), (5, SPEC_DEFAULT)]
    );
}
