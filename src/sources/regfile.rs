//! The regedit `.reg` grammar: keys, values and their data, each with its line.
//!
//! Grammar only. What a key means (an Outlook profile, an Outlook Express account)
//! is the business of [`super::outlook`]. Values whose name holds "password" are
//! never kept: the parser swallows their data and records only that one exists, so
//! no later stage can leak a password blob by accident.

use crate::text::{decode, Fallback};
use std::borrow::Cow;

/// Registry type number of REG_SZ.
pub const REG_SZ: u32 = 1;
/// Registry type number of REG_EXPAND_SZ.
pub const REG_EXPAND_SZ: u32 = 2;
/// Registry type number of REG_BINARY (written as `hex:`).
pub const REG_BINARY: u32 = 3;
/// Registry type number of REG_DWORD (written as `dword:`).
pub const REG_DWORD: u32 = 4;
/// Registry type number of REG_MULTI_SZ.
pub const REG_MULTI_SZ: u32 = 7;
/// Registry type number of REG_QWORD.
pub const REG_QWORD: u32 = 11;

/// Which header the file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// `Windows Registry Editor Version 5.00`: `hex(N)` strings are UTF-16LE.
    V5,
    /// `REGEDIT4`: `hex(N)` strings are in the ANSI code page.
    Regedit4,
    /// No recognised header (reported as an error; parsed anyway).
    Unknown,
}

/// The data of one value line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    /// `"name"=-`: the value is deleted.
    Delete,
    /// `"text"`, REG_SZ, with `\\` and `\"` unescaped.
    Sz(String),
    /// `dword:xxxxxxxx`.
    Dword(u32),
    /// `hex:` (kind 3) or `hex(N):` (kind N): raw bytes.
    Hex { kind: u32, bytes: Vec<u8> },
    /// A password value: the data was read past but not kept, only whether it was empty.
    Secret { kind: u32, empty: bool },
}

impl Data {
    /// The registry type number of this data (`None` for a deletion).
    pub fn kind(&self) -> Option<u32> {
        match self {
            Data::Delete => None,
            Data::Sz(_) => Some(REG_SZ),
            Data::Dword(_) => Some(REG_DWORD),
            Data::Hex { kind, .. } | Data::Secret { kind, .. } => Some(*kind),
        }
    }

    /// A DWORD from `dword:`, or from `hex(4):` holding exactly four little-endian bytes.
    pub fn as_dword(&self) -> Option<u32> {
        match self {
            Data::Dword(v) => Some(*v),
            Data::Hex {
                kind: REG_DWORD,
                bytes,
            } if bytes.len() == 4 => {
                Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
            }
            _ => None,
        }
    }
}

/// One value line (possibly continued over several physical lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// `None` for the default value `@`.
    pub name: Option<String>,
    /// The data after `=`.
    pub data: Data,
    /// 1-based line where the value starts.
    pub line: u32,
}

/// One `[KEY]` or `[-KEY]` line and the values under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The full path as written, e.g. `HKEY_CURRENT_USER\Software\...`.
    pub path: String,
    /// `[-KEY]`: the key and its subkeys are deleted.
    pub delete: bool,
    /// 1-based line of the key line.
    pub line: u32,
    /// The values under this key line, in file order.
    pub values: Vec<Value>,
}

/// A line that could not be parsed; only that line's key or value is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegError {
    /// 1-based line where the broken key or value starts.
    pub line: u32,
    /// Never quotes value data, so a broken password line cannot leak into a report.
    pub message: String,
    /// Index in [`RegFile::keys`] of the key the broken line belongs to.
    pub key: Option<usize>,
}

/// A parsed `.reg` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegFile {
    /// The header the file starts with.
    pub version: Version,
    /// The text encoding the bytes were read as.
    pub encoding: &'static str,
    /// Every key line, in file order (deletions included).
    pub keys: Vec<Key>,
    /// Lines that could not be parsed: the first
    /// [`MAX_PROBLEMS_PER_FILE`](crate::sources::limit::MAX_PROBLEMS_PER_FILE) of them.
    pub errors: Vec<RegError>,
    /// Unparsed lines after those, counted only so that a flood costs no memory.
    pub errors_more: usize,
    /// Keys (indices in `keys`) with an unparsed line among the ones only counted.
    pub late_error_keys: std::collections::BTreeSet<usize>,
    /// The file looks cut off: it ends mid-line, inside continued data, or (for a
    /// regedit-written UTF-16 export) without the blank line regedit always writes last.
    /// The last key may then be missing values.
    pub truncated: bool,
}

impl RegFile {
    /// Keeps an unparsed line up to the cap, else counts it and remembers its key.
    fn error(&mut self, e: RegError) {
        if self.errors.len() < crate::sources::limit::MAX_PROBLEMS_PER_FILE {
            self.errors.push(e);
        } else {
            self.errors_more += 1;
            if let Some(k) = e.key {
                self.late_error_keys.insert(k);
            }
        }
    }
}

/// True for value names whose data must never be kept (any name holding "password").
pub fn is_secret_name(name: &str) -> bool {
    name.as_bytes()
        .windows(8)
        .any(|w| w.eq_ignore_ascii_case(b"password"))
}

/// `s` without a leading `prefix`, compared ignoring ASCII case, with no copy of `s`.
fn strip_prefix_ci<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Parses the bytes of a `.reg` file: UTF-16 with BOM, UTF-8 with or without BOM, or ANSI.
pub fn parse(bytes: &[u8]) -> RegFile {
    let decoded = decode(bytes, Fallback::Ansi);
    let mut file = parse_text(&decoded.text);
    file.encoding = decoded.encoding;
    let ends_blank = decoded.text.ends_with("\n\n")
        || decoded.text.ends_with("\r\r")
        || decoded.text.ends_with("\r\n\r\n");
    if decoded.encoding == "UTF-16LE" && !file.keys.is_empty() && !ends_blank {
        file.truncated = true;
    }
    if decoded.lossy {
        file.errors.insert(
            0,
            RegError {
                line: 1,
                message: format!(
                    "some bytes are not valid {}; they were replaced, names or data may be garbled",
                    decoded.encoding
                ),
                key: None,
            },
        );
    }
    file
}

/// Parses already-decoded `.reg` text.
pub fn parse_text(text: &str) -> RegFile {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = super::ini::split_lines(text).collect();
    let mut file = RegFile {
        version: Version::Unknown,
        encoding: "UTF-8",
        keys: Vec::new(),
        errors: Vec::new(),
        errors_more: 0,
        late_error_keys: std::collections::BTreeSet::new(),
        truncated: !text.is_empty() && !text.ends_with(['\n', '\r']),
    };
    let mut i = 0;
    let mut seen_header = false;
    let mut in_broken_key = false;
    while i < lines.len() {
        let line_no = line_number(i);
        let t = lines[i].trim();
        i += 1;
        if t.is_empty() || t.starts_with(';') || t.starts_with('#') {
            continue;
        }
        if !seen_header {
            seen_header = true;
            if t == "Windows Registry Editor Version 5.00" {
                file.version = Version::V5;
                continue;
            }
            if t == "REGEDIT4" {
                file.version = Version::Regedit4;
                continue;
            }
            file.error(RegError {
                line: line_no,
                message:
                    "no `Windows Registry Editor Version 5.00` or `REGEDIT4` header; read anyway"
                        .into(),
                key: None,
            });
        }
        if t.starts_with('[') {
            match parse_key_line(t) {
                Ok((path, delete)) => {
                    in_broken_key = false;
                    file.keys.push(Key {
                        path,
                        delete,
                        line: line_no,
                        values: Vec::new(),
                    });
                }
                Err(msg) => {
                    // Values below a broken key line would land in the previous key: drop them.
                    in_broken_key = true;
                    file.error(RegError {
                        line: line_no,
                        message: msg,
                        key: None,
                    });
                }
            }
            continue;
        }
        let (logical, consumed, unfinished) = join_continuations(t, &lines[i..]);
        let logical: &str = &logical;
        i += consumed;
        file.truncated |= unfinished;
        let key_index = if in_broken_key {
            None
        } else {
            file.keys.len().checked_sub(1)
        };
        let result = parse_value_line(logical).and_then(|v| {
            if unfinished {
                Err(format!(
                    "{}: the file ends inside its data (a line ending in `\\` has no continuation)",
                    describe(&v.name)
                ))
            } else {
                Ok(v)
            }
        });
        match (result, file.keys.last_mut()) {
            (Ok(_), _) if in_broken_key => {}
            (Ok(mut v), Some(key)) => {
                v.line = line_no;
                key.values.push(v);
            }
            (Ok(_), None) => file.error(RegError {
                line: line_no,
                message: "value line before any [KEY] line; ignored".into(),
                key: None,
            }),
            (Err(msg), _) => file.error(RegError {
                line: line_no,
                message: msg,
                key: key_index,
            }),
        }
    }
    if !seen_header {
        file.error(RegError {
            line: 1,
            message: "empty file: no registry header".into(),
            key: None,
        });
    }
    file
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

fn describe(name: &Option<String>) -> String {
    match name {
        None => "default value `@`".to_string(),
        Some(n) => format!("value `{}`", shorten(n)),
    }
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// `[PATH]` or `[-PATH]`; the last `]` closes, as key names may hold `]`.
fn parse_key_line(t: &str) -> Result<(String, bool), String> {
    let inner = t[1..]
        .rfind(']')
        .map(|end| &t[1..1 + end])
        .ok_or_else(|| "key line has no closing `]`".to_string())?;
    let after = t[1..]
        .rfind(']')
        .map(|end| t[2 + end..].trim())
        .unwrap_or("");
    if !after.is_empty() && !after.starts_with(';') {
        return Err("text after the closing `]` of a key line".into());
    }
    let (path, delete) = match inner.strip_prefix('-') {
        Some(p) => (p, true),
        None => (inner, false),
    };
    let path = path.trim();
    if path.is_empty() {
        return Err("key line names no key".into());
    }
    Ok((path.to_string(), delete))
}

/// Joins hex data continued with a trailing `\`; returns the logical line, the
/// number of extra physical lines used, and whether the file ended mid-value.
///
/// Most lines are not continued: those are borrowed, not copied.
fn join_continuations<'t>(first: &'t str, rest: &[&str]) -> (Cow<'t, str>, usize, bool) {
    if !first.trim_end().ends_with('\\') || !is_hex_value(first) {
        return (Cow::Borrowed(first), 0, false);
    }
    let mut logical = first.to_string();
    let mut used = 0;
    loop {
        let trimmed = logical.trim_end();
        if !trimmed.ends_with('\\') {
            return (Cow::Owned(logical), used, false);
        }
        let keep = trimmed.len() - 1;
        logical.truncate(keep);
        // Comment lines inside continued hex data are skipped, as regedit-compatible readers do.
        loop {
            match rest.get(used) {
                None => return (Cow::Owned(logical), used, true),
                Some(next) => {
                    used += 1;
                    let n = next.trim();
                    if n.starts_with(';') {
                        continue;
                    }
                    logical.push_str(n);
                    break;
                }
            }
        }
    }
}

fn is_hex_value(line: &str) -> bool {
    let Some(eq) = value_eq_position(line) else {
        return false;
    };
    strip_prefix_ci(line[eq + 1..].trim_start(), "hex").is_some()
}

/// Byte position of the `=` after the value name, skipping escapes inside the quoted name.
fn value_eq_position(line: &str) -> Option<usize> {
    if let Some(rest) = line.strip_prefix('@') {
        return rest.find('=').map(|p| p + 1);
    }
    let bytes = line.as_bytes();
    if bytes.first() != Some(&b'"') {
        return None;
    }
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => {
                return line[i + 1..].find('=').map(|p| p + i + 1);
            }
            _ => i += 1,
        }
    }
    None
}

fn parse_value_line(t: &str) -> Result<Value, String> {
    let (name, rest) = if let Some(rest) = t.strip_prefix('@') {
        (None, rest)
    } else if t.starts_with('"') {
        let (name, used) = parse_quoted(t).ok_or_else(|| {
            "value name has no closing quote (a line must be `\"name\"=data`)".to_string()
        })?;
        (Some(name), &t[used..])
    } else {
        return Err("not a key, a value or a comment; line ignored".into());
    };
    let rest = rest.trim_start();
    let data_text = rest
        .strip_prefix('=')
        .ok_or_else(|| format!("{}: no `=` after the name", describe(&name)))?
        .trim();
    let secret = name.as_deref().is_some_and(is_secret_name);
    let data = parse_data(data_text).map_err(|msg| format!("{}: {msg}", describe(&name)))?;
    let data = match data {
        Data::Delete => Data::Delete,
        other if secret => Data::Secret {
            kind: other.kind().unwrap_or(REG_BINARY),
            empty: match &other {
                Data::Sz(s) => s.is_empty(),
                Data::Hex { bytes, .. } => bytes.iter().all(|b| *b == 0),
                _ => false,
            },
        },
        other => other,
    };
    Ok(Value {
        name,
        data,
        line: 0,
    })
}

/// A quoted string at the start of `t`; returns the unescaped text and the bytes used.
fn parse_quoted(t: &str) -> Option<(String, usize)> {
    // Most strings hold no escape: one search finds the end and one copy takes the text.
    let end = memchr::memchr2(b'"', b'\\', &t.as_bytes()[1..])? + 1;
    if t.as_bytes()[end] == b'"' {
        return Some((t[1..end].to_string(), end + 1));
    }
    let mut out = String::new();
    let mut chars = t.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => match chars.next() {
                Some((_, '\\')) => out.push('\\'),
                Some((_, '"')) => out.push('"'),
                // Other escapes are not confirmed for Windows regedit: kept as written.
                Some((_, other)) => {
                    out.push('\\');
                    out.push(other);
                }
                None => return None,
            },
            other => out.push(other),
        }
    }
    None
}

fn strip_trailing_comment(s: &str) -> Result<(), String> {
    let s = s.trim();
    if s.is_empty() || s.starts_with(';') {
        Ok(())
    } else {
        Err("unexpected text after the data".into())
    }
}

fn parse_data(d: &str) -> Result<Data, String> {
    if d == "-" {
        return Ok(Data::Delete);
    }
    if d.starts_with('"') {
        let (s, used) =
            parse_quoted(d).ok_or_else(|| "string data has no closing quote".to_string())?;
        strip_trailing_comment(&d[used..])?;
        return Ok(Data::Sz(s));
    }
    if let Some(rest) = strip_prefix_ci(d, "dword:") {
        let digits = rest.split(';').next().unwrap_or("").trim();
        if digits.is_empty() || digits.len() > 8 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err("`dword:` needs 1 to 8 hexadecimal digits".into());
        }
        return u32::from_str_radix(digits, 16)
            .map(Data::Dword)
            .map_err(|_| "`dword:` needs 1 to 8 hexadecimal digits".into());
    }
    if let Some(rest) = strip_prefix_ci(d, "hex") {
        let (kind, body) = if let Some(b) = rest.strip_prefix(':') {
            (REG_BINARY, b)
        } else if let Some(r) = rest.strip_prefix('(') {
            let close = r.find(')').ok_or("`hex(` has no closing `)`")?;
            let num = r[..close].trim();
            let kind = u32::from_str_radix(num, 16)
                .map_err(|_| "`hex(N)` needs a hexadecimal type number".to_string())?;
            let body = r[close + 1..]
                .strip_prefix(':')
                .ok_or("`hex(N)` is not followed by `:`")?;
            (kind, body)
        } else {
            return Err(
                "unknown data type (expected `\"…\"`, `dword:`, `hex:` or `hex(N):`)".into(),
            );
        };
        return parse_hex_bytes(body).map(|bytes| Data::Hex { kind, bytes });
    }
    Err("unknown data type (expected `\"…\"`, `dword:`, `hex:` or `hex(N):`)".into())
}

fn parse_hex_bytes(body: &str) -> Result<Vec<u8>, String> {
    let body = body.split(';').next().unwrap_or("").trim().as_bytes();
    if body.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::with_capacity(body.len() / 3 + 1);
    let mut at = 0;
    loop {
        // regedit writes `4a,` for every byte: read that without looking for the comma.
        if let [hi, lo, b',', ..] = body[at..] {
            if let (Some(h), Some(l)) = (hex_digit(hi), hex_digit(lo)) {
                out.push(h << 4 | l);
                at += 3;
                continue;
            }
        }
        let end = memchr::memchr(b',', &body[at..]).map_or(body.len(), |n| at + n);
        let last = end == body.len();
        let byte = match body[at..end].trim_ascii() {
            [] => {
                return Err(if last {
                    "hex data ends with a comma (the rest of the value is missing)".into()
                } else {
                    "empty byte between commas in hex data".into()
                })
            }
            [lo] => hex_digit(*lo),
            [hi, lo] => hex_digit(*hi).zip(hex_digit(*lo)).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        let Some(byte) = byte else {
            return Err(format!(
                "byte {} of the hex data is not a hexadecimal byte",
                out.len() + 1
            ));
        };
        out.push(byte);
        if last {
            return Ok(out);
        }
        at = end + 1;
    }
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Decodes a string stored as `hex(1)`, `hex(2)` or `hex(7)` bytes: UTF-16LE in
/// version 5 files, the ANSI code page in `REGEDIT4` files; trailing NULs dropped.
pub fn string_from_bytes(bytes: &[u8], version: Version) -> Option<String> {
    match version {
        Version::Regedit4 => {
            let end = bytes.iter().rposition(|b| *b != 0).map_or(0, |p| p + 1);
            let d = decode(&bytes[..end], Fallback::Ansi);
            (!d.lossy).then_some(d.text)
        }
        _ => utf16le_string(bytes),
    }
}

/// UTF-16LE bytes with optional NUL terminator(s) to a string; `None` when not valid UTF-16.
pub fn utf16le_string(bytes: &[u8]) -> Option<String> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let mut units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    while units.last() == Some(&0) {
        units.pop();
    }
    String::from_utf16(&units).ok()
}

/// Renders keys as regedit would write them (version 5 text, CRLF, hex wrapped at 80 columns).
pub fn render(keys: &[Key], version: Version) -> String {
    let mut out = String::new();
    out.push_str(match version {
        Version::Regedit4 => "REGEDIT4",
        _ => "Windows Registry Editor Version 5.00",
    });
    out.push_str("\r\n\r\n");
    for key in keys {
        out.push('[');
        if key.delete {
            out.push('-');
        }
        out.push_str(&key.path);
        out.push_str("]\r\n");
        for v in &key.values {
            render_value(&mut out, v);
        }
        out.push_str("\r\n");
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn render_value(out: &mut String, v: &Value) {
    let head = match &v.name {
        None => "@=".to_string(),
        Some(n) => format!("\"{}\"=", escape(n)),
    };
    match &v.data {
        Data::Delete => out.push_str(&format!("{head}-\r\n")),
        Data::Sz(s) => out.push_str(&format!("{head}\"{}\"\r\n", escape(s))),
        Data::Dword(d) => out.push_str(&format!("{head}dword:{d:08x}\r\n")),
        Data::Secret { kind, .. } => out.push_str(&format!("{head}{}\r\n", hex_prefix(*kind))),
        Data::Hex { kind, bytes } => {
            let mut line = format!("{head}{}", hex_prefix(*kind));
            for (i, b) in bytes.iter().enumerate() {
                let piece = if i + 1 == bytes.len() {
                    format!("{b:02x}")
                } else {
                    format!("{b:02x},")
                };
                if line.chars().count() + piece.len() > 77 {
                    out.push_str(&line);
                    out.push_str("\\\r\n");
                    line = "  ".to_string();
                }
                line.push_str(&piece);
            }
            out.push_str(&line);
            out.push_str("\r\n");
        }
    }
}

fn hex_prefix(kind: u32) -> String {
    if kind == REG_BINARY {
        "hex:".to_string()
    } else {
        format!("hex({kind:x}):")
    }
}

/// Encodes text as a regedit version 5 file writes it: UTF-16LE with a BOM.
pub fn encode_utf16le_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> RegFile {
        parse_text(text)
    }

    /// The plain reading of hex data: split at commas, trim, one or two hex digits each.
    fn hex_by_parts(body: &str) -> Result<Vec<u8>, String> {
        let body = body.split(';').next().unwrap_or("").trim();
        if body.is_empty() {
            return Ok(Vec::new());
        }
        let parts: Vec<&str> = body.split(',').collect();
        let mut out = Vec::new();
        for (idx, part) in parts.iter().enumerate() {
            let p = part.trim_ascii();
            if p.is_empty() {
                return Err(if idx + 1 == parts.len() {
                    "hex data ends with a comma (the rest of the value is missing)".into()
                } else {
                    "empty byte between commas in hex data".into()
                });
            }
            if p.len() > 2 || !p.bytes().all(|c| c.is_ascii_hexdigit()) {
                return Err(format!(
                    "byte {} of the hex data is not a hexadecimal byte",
                    idx + 1
                ));
            }
            out.push(u8::from_str_radix(p, 16).unwrap());
        }
        Ok(out)
    }

    proptest::proptest! {
        #[test]
        fn hex_data_reads_as_split_at_commas(body in "[0-9a-fA-Fg, \t;]{0,40}") {
            proptest::prop_assert_eq!(parse_hex_bytes(&body), hex_by_parts(&body));
        }
    }

    #[test]
    fn type_words_and_hex_digits_in_any_case() {
        let f = one("REGEDIT4\r\n[HKEY_CURRENT_USER\\A]\r\n\"a\"=DWORD:0000000A\r\n\"b\"=Hex(2):4a,4B,\\\r\n  00\r\n\"c\"=HEX:f\r\n\"MyPassWord\"=\"s\"\r\n\"d\"=hex:1g\r\n\r\n");
        let v = &f.keys[0].values;
        assert_eq!(v[0].data, Data::Dword(10));
        assert_eq!(
            v[1].data,
            Data::Hex {
                kind: 2,
                bytes: vec![0x4a, 0x4b, 0]
            }
        );
        assert_eq!(
            v[2].data,
            Data::Hex {
                kind: REG_BINARY,
                bytes: vec![0x0f]
            }
        );
        assert!(matches!(v[3].data, Data::Secret { .. }));
        assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
        assert!(f.errors[0].message.contains("byte 1"), "{:?}", f.errors);
    }

    #[test]
    fn v5_utf16_header_keys_and_every_data_type() {
        let text = "Windows Registry Editor Version 5.00\r\n\r\n\
            [HKEY_CURRENT_USER\\Software\\A]\r\n\
            @=\"default\"\r\n\
            \"s\"=\"C:\\\\dir \\\"q\\\"\"\r\n\
            \"d\"=dword:000e0003\r\n\
            \"b\"=hex:01,ab,\\\r\n  ff\r\n\
            \"e\"=hex(2):41,00,00,00\r\n\
            \"q\"=hex(b):01,00,00,00,00,00,00,00\r\n\
            \"z\"=hex(0):\r\n\
            \"gone\"=-\r\n\r\n\
            [-HKEY_CURRENT_USER\\Software\\B]\r\n";
        let f = parse(&encode_utf16le_bom(text));
        assert_eq!(f.version, Version::V5);
        assert_eq!(f.encoding, "UTF-16LE");
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(f.keys.len(), 2);
        let a = &f.keys[0];
        assert_eq!(a.path, "HKEY_CURRENT_USER\\Software\\A");
        assert_eq!(a.line, 3);
        let v = &a.values;
        assert_eq!(v[0].name, None);
        assert_eq!(v[0].data, Data::Sz("default".into()));
        assert_eq!(v[1].data, Data::Sz("C:\\dir \"q\"".into()));
        assert_eq!(v[2].data.as_dword(), Some(0x000e0003));
        assert_eq!(
            v[3].data,
            Data::Hex {
                kind: 3,
                bytes: vec![1, 0xab, 0xff]
            }
        );
        assert_eq!(v[3].line, 7);
        assert_eq!(v[4].line, 9, "line numbers count continuation lines");
        assert_eq!(
            v[4].data,
            Data::Hex {
                kind: 2,
                bytes: vec![0x41, 0, 0, 0]
            }
        );
        assert_eq!(v[5].data.kind(), Some(REG_QWORD));
        assert_eq!(
            v[6].data,
            Data::Hex {
                kind: 0,
                bytes: vec![]
            }
        );
        assert_eq!(v[7].data, Data::Delete);
        assert!(f.keys[1].delete);
        assert_eq!(f.keys[1].path, "HKEY_CURRENT_USER\\Software\\B");
        assert!(f.truncated, "regedit ends its exports with a blank line");
        let whole = parse(&encode_utf16le_bom(&format!("{text}\r\n")));
        assert!(!whole.truncated);
    }

    #[test]
    fn regedit4_cp932_lf_and_cr_line_ends() {
        let (sjis, _, _) =
            encoding_rs::SHIFT_JIS.encode("REGEDIT4\n[HKEY_CURRENT_USER\\X]\r\"n\"=\"受信\"\r");
        let f = parse(&sjis);
        assert_eq!(f.version, Version::Regedit4);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(f.keys[0].values[0].data, Data::Sz("受信".into()));
        assert_eq!(f.keys[0].values[0].line, 3);
    }

    #[test]
    fn regedit4_western_ansi_falls_back_to_1252() {
        let f = parse(b"REGEDIT4\r\n[HKEY_CURRENT_USER\\X]\r\n\"n\"=\"caf\xe9\"\r\n");
        assert_eq!(f.keys[0].values[0].data, Data::Sz("café".into()));
    }

    #[test]
    fn utf8_with_bom_and_comments() {
        let f = parse("\u{feff}Windows Registry Editor Version 5.00\n; comment\n[HKEY_USERS\\S-1-5-21-1\\X]\n# also a comment\n\"a\"=dword:1 ; trailing\n".as_bytes());
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(f.keys[0].values[0].data, Data::Dword(1));
    }

    #[test]
    fn hex4_reads_as_dword() {
        let f = one("REGEDIT4\n[HKEY_CURRENT_USER\\X]\n\"a\"=hex(4):03,00,0e,00\n");
        assert_eq!(f.keys[0].values[0].data.as_dword(), Some(0x000e0003));
    }

    #[test]
    fn broken_lines_cost_only_their_value() {
        let f = one(
            "Windows Registry Editor Version 5.00\n[HKEY_CURRENT_USER\\X]\n\
             \"a\"=dword:zz\n\"b\"=\"ok\"\n\"c\"=hex:01,0g\n\"d\"=hex:01,\n\"e\"=\"open\n\
             garbage line\n\"f\"=dword:123456789\n\"g\"=dword:2\n",
        );
        let lines: Vec<u32> = f.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 5, 6, 7, 8, 9]);
        let names: Vec<_> = f.keys[0]
            .values
            .iter()
            .map(|v| v.name.clone().unwrap())
            .collect();
        assert_eq!(names, vec!["b", "g"]);
    }

    #[test]
    fn truncated_continuation_is_an_error_naming_the_value_line() {
        let f = one(
            "REGEDIT4\n[HKEY_CURRENT_USER\\X]\n\"ok\"=dword:1\n\"blob\"=hex:01,02,\\\n  03,04,\\\n",
        );
        assert_eq!(f.keys[0].values.len(), 1);
        assert_eq!(f.errors.len(), 1);
        assert_eq!(f.errors[0].line, 4);
        assert_eq!(f.errors[0].key, Some(0));
        assert!(f.errors[0].message.contains("`blob`"));
        assert!(f.truncated);
    }

    #[test]
    fn comment_inside_continued_hex_is_skipped() {
        let f = one("REGEDIT4\n[HKEY_CURRENT_USER\\X]\n\"b\"=hex:01,\\\n; note\n  02\n");
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(
            f.keys[0].values[0].data,
            Data::Hex {
                kind: 3,
                bytes: vec![1, 2]
            }
        );
    }

    #[test]
    fn password_values_are_not_kept_and_errors_do_not_quote_them() {
        let f = one(
            "REGEDIT4\n[HKEY_CURRENT_USER\\X]\n\"POP3 Password\"=hex:53,45,43,52,45,54\n\
             \"SMTP Password\"=\"SECRET\"\n\"IMAP Password\"=hex:53,45,43,zz\n",
        );
        let v = &f.keys[0].values;
        assert_eq!(
            v[0].data,
            Data::Secret {
                kind: REG_BINARY,
                empty: false
            }
        );
        assert_eq!(
            v[1].data,
            Data::Secret {
                kind: REG_SZ,
                empty: false
            }
        );
        assert_eq!(f.errors.len(), 1);
        let dump = format!("{f:?}");
        assert!(!dump.contains("SECRET") && !dump.contains("53,45") && !dump.contains("83, 69"));
    }

    #[test]
    fn missing_header_and_value_before_key_are_reported() {
        let f = one("\"a\"=dword:1\n[HKEY_CURRENT_USER\\X]\n\"b\"=dword:2\n");
        assert_eq!(f.version, Version::Unknown);
        assert_eq!(f.errors.len(), 2);
        assert_eq!(f.keys[0].values.len(), 1);
    }

    #[test]
    fn values_after_a_broken_key_line_are_dropped() {
        let f = one("REGEDIT4\n[HKEY_CURRENT_USER\\X]\n\"a\"=dword:1\n[HKEY_CURRENT_USER\\Y\n\"b\"=dword:2\n");
        assert_eq!(f.keys[0].values.len(), 1);
        assert_eq!(f.errors[0].line, 4);
    }

    #[test]
    fn strings_from_hex_bytes() {
        assert_eq!(
            string_from_bytes(&[0x41, 0, 0x42, 0, 0, 0], Version::V5).as_deref(),
            Some("AB")
        );
        assert_eq!(
            string_from_bytes(b"AB\0", Version::Regedit4).as_deref(),
            Some("AB")
        );
        assert_eq!(utf16le_string(&[0x41]), None);
    }

    #[test]
    fn render_wraps_long_hex_and_parses_back() {
        let keys = vec![Key {
            path: "HKEY_CURRENT_USER\\Software\\Z".into(),
            delete: false,
            line: 3,
            values: vec![Value {
                name: Some("blob".into()),
                data: Data::Hex {
                    kind: 3,
                    bytes: (0..=255).collect(),
                },
                line: 4,
            }],
        }];
        let text = render(&keys, Version::V5);
        assert!(text.lines().all(|l| l.chars().count() <= 80));
        let back = parse(&encode_utf16le_bom(&text));
        assert!(back.errors.is_empty(), "{:?}", back.errors);
        assert_eq!(back.keys[0].values[0].data, keys[0].values[0].data);
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for input in [
            &b""[..],
            b"\xff\xfe",
            b"\xff\xfe\x00",
            b"[",
            b"[]",
            b"[-]",
            b"\"",
            b"\"\\",
            b"@",
            b"@=hex(",
            b"@=hex(zz):",
            b"@=hex(1)",
            b"\"a\"=hex:\\",
            b"\x00\x00\x00\x00",
        ] {
            let _ = parse(input);
        }
    }
}
