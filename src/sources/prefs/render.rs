//! Writing pref statements the way Thunderbird saves prefs.js.

use super::Value;
use std::fmt::Write as _;

/// Writes one `user_pref("name", value);` statement the way Thunderbird saves prefs.js.
///
/// Strings escape only `\n`, `\r`, `\\` and `"`, like Thunderbird; everything else is
/// written raw, except bytes that are not valid UTF-8 (written as `\xNN`, which reads
/// back as the same byte) and NUL (written as `\x00`: no prefs file can hold it, and a
/// raw NUL would end the whole file there, while the escape only loses this statement).
pub fn render_user_pref(name: &str, value: &Value) -> String {
    let mut out = String::with_capacity(name.len() + 20);
    out.push_str("user_pref(\"");
    escape_into(&mut out, name.as_bytes());
    out.push_str("\", ");
    match value {
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Str(bytes) => {
            out.push('"');
            escape_into(&mut out, bytes);
            out.push('"');
        }
    }
    out.push_str(");");
    out
}

fn escape_into(out: &mut String, bytes: &[u8]) {
    for chunk in bytes.utf8_chunks() {
        for ch in chunk.valid().chars() {
            match ch {
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                '\0' => out.push_str("\\x00"),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
}
