//! Conformance of the prefs grammar with upstream libpref behaviour.

use mailaudit::sources::prefs::{parse, FileKind, Value};

#[test]
fn basic_user_file() {
    let p = parse(
        b"# header\nuser_pref(\"a\", true);\nuser_pref(\"b\", -5);\nuser_pref(\"c\", \"x\\\"y\");\n",
        FileKind::User,
    );
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.prefs.len(), 3);
    assert_eq!(p.prefs[0].value, Value::Bool(true));
    assert_eq!(p.prefs[1].value, Value::Int(-5));
    assert_eq!(p.prefs[2].value, Value::Str(b"x\"y".to_vec()));
    assert_eq!(p.prefs[2].line, 4);
}
