//! The Firefox/Thunderbird prefs grammar (`prefs.js`, `user.js`, default pref files).
//!
//! Behaves like the current upstream libpref parser: the input is lexed into tokens
//! (whitespace and `#`, `//`, `/* */` comments may sit between any two tokens), every
//! statement is `spec ( name , value attrs ) ;`, and on an error the parser skips tokens
//! until it has consumed a `;`, so every other statement still counts. Line numbers in
//! errors match upstream; columns are an addition of ours (1-based, in characters).

use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// A pref value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// `true` or `false`.
    Bool(bool),
    /// An integer literal, with an optional sign.
    Int(i32),
    /// Raw bytes: `\xNN` escapes can produce bytes that are not valid UTF-8.
    Str(Vec<u8>),
}

impl Value {
    /// The string value, decoded as UTF-8 with invalid bytes replaced; `None` for other types.
    pub fn as_str(&self) -> Option<Cow<'_, str>> {
        match self {
            Value::Str(bytes) => Some(String::from_utf8_lossy(bytes)),
            _ => None,
        }
    }

    /// The boolean value; `None` for other types (a string `"true"` is not a bool).
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The integer value; `None` for other types (a string `"7"` is not an int).
    pub fn as_int(&self) -> Option<i32> {
        match self {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }
}

/// Which statement keyword set the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec {
    /// `pref(...)`: a default value (default files only).
    Pref,
    /// `user_pref(...)`: a user value.
    UserPref,
    /// `sticky_pref(...)`: a sticky default value (default files only).
    StickyPref,
}

/// Whether the file is read as a user file (prefs.js, user.js) or a default file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `prefs.js` / `user.js`: only `user_pref`, no attributes.
    User,
    /// `defaults/pref/*.js` and similar: all three specifiers and `sticky`/`locked`.
    Default,
}

/// One successfully parsed statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pref {
    /// The pref name; bytes that are not valid UTF-8 are replaced by U+FFFD.
    pub name: String,
    /// The value as written.
    pub value: Value,
    /// The statement keyword.
    pub spec: Spec,
    /// Set by `sticky_pref` or a `sticky` attribute.
    pub sticky: bool,
    /// Set by a `locked` attribute.
    pub locked: bool,
    /// 1-based line of the statement's first token.
    pub line: u32,
}

/// One parse error: the statement is dropped and parsing resumes after the next `;`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line, as upstream reports it.
    pub line: u32,
    /// 1-based column in characters (an invalid UTF-8 byte counts as one character).
    pub col: u32,
    /// The upstream static message text.
    pub message: &'static str,
}

impl ParseError {
    /// Formats the error as `path:line:col: prefs parse error: message`.
    pub fn format_with_path(&self, path: impl fmt::Display) -> String {
        format!("{path}:{self}")
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: prefs parse error: {}",
            self.line, self.col, self.message
        )
    }
}

/// At most this many errors are kept in [`Parsed::errors`]; the rest are only counted.
pub const MAX_KEPT_ERRORS: usize = 1000;

/// All statements that parsed, and all errors, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Every statement that parsed, in file order (a later duplicate wins).
    pub prefs: Vec<Pref>,
    /// The first [`MAX_KEPT_ERRORS`] errors, in file order.
    pub errors: Vec<ParseError>,
    /// How many further errors were found but not kept (hostile files can hold millions).
    pub errors_omitted: usize,
}

impl Parsed {
    /// True when the file had at least one error (Thunderbird then backs prefs.js up as `Invalidprefs.js`).
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.errors_omitted > 0
    }

    /// The value of the last statement that set `name`, if any.
    pub fn last(&self, name: &str) -> Option<&Pref> {
        self.prefs.iter().rev().find(|p| p.name == name)
    }
}

/// Which generation of the upstream parser to imitate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// Current upstream: a BOM at byte 0 is skipped; user files accept only `user_pref`.
    #[default]
    Current,
    /// The Rust parser as shipped from Firefox/Thunderbird 60 up to at least Thunderbird
    /// 115: a BOM is an unexpected character (the first statement is lost), and user
    /// files also accept `pref`/`sticky_pref` (as default values) with the default-file
    /// wording of the specifier error.
    Legacy,
}

/// Parses a prefs file the way current upstream does.
///
/// A UTF-8 BOM at byte 0 is skipped, and a NUL byte ends the input (upstream reads the
/// file as a C string).
pub fn parse(bytes: &[u8], kind: FileKind) -> Parsed {
    parse_dialect(bytes, kind, Dialect::Current)
}

/// Parses a prefs file the way the given parser generation does.
pub fn parse_dialect(bytes: &[u8], kind: FileKind, dialect: Dialect) -> Parsed {
    let body = match dialect {
        Dialect::Current => bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
        Dialect::Legacy => bytes,
    };
    let end = body.iter().position(|&b| b == 0).unwrap_or(body.len());
    let mut parser = Parser {
        lx: Lexer::new(&body[..end]),
        kind,
        dialect,
        out: Parsed::default(),
        cols: ColumnCache::default(),
    };
    parser.run();
    parser.out
}

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

/// A place in the input: enough to report a line and to count a column later.
#[derive(Debug, Clone, Copy)]
struct Pos {
    line: u32,
    offset: usize,
    line_start: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keyword {
    Pref,
    UserPref,
    StickyPref,
    True,
    False,
    Sticky,
    Locked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// One of `( ) + , - ;`.
    Punct(u8),
    Keyword(Keyword),
    /// A string literal; its bytes are in `Lexer::text`.
    Str,
    /// Unsigned: a sign is its own token, and `2147483648` must survive until a `-` negates it.
    Int(u32),
    Eof,
    /// A malformed token; the message is the upstream lexer text.
    Bad(&'static str),
}

#[derive(Debug, Clone, Copy)]
struct Token {
    tok: Tok,
    /// Where an error about this token is reported.
    at: Pos,
}

struct Lexer<'a> {
    buf: &'a [u8],
    i: usize,
    line: u32,
    line_start: usize,
    /// Bytes of the last string literal.
    text: Vec<u8>,
}

impl<'a> Lexer<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Lexer {
            buf,
            i: 0,
            line: 1,
            line_start: 0,
            text: Vec::new(),
        }
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            offset: self.i,
            line_start: self.line_start,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Counts a line end whose first byte (`\n` or `\r`) was just consumed; `\r\n` is one end.
    /// Returns true when it was `\r\n`.
    fn end_line(&mut self, c: u8) -> bool {
        let crlf = c == b'\r' && self.eat(b'\n');
        self.line = self.line.saturating_add(1);
        self.line_start = self.i;
        crlf
    }

    fn next(&mut self) -> Token {
        loop {
            let start = self.pos();
            let Some(c) = self.peek() else {
                return Token {
                    tok: Tok::Eof,
                    at: start,
                };
            };
            self.i += 1;
            let tok = match c {
                b'(' | b')' | b'+' | b',' | b'-' | b';' => Tok::Punct(c),
                b' ' | b'\t' | 0x0B | 0x0C => continue,
                b'\n' | b'\r' => {
                    self.end_line(c);
                    continue;
                }
                b'#' => {
                    self.skip_line_comment();
                    continue;
                }
                b'/' => match self.peek() {
                    Some(b'/') => {
                        self.i += 1;
                        self.skip_line_comment();
                        continue;
                    }
                    Some(b'*') => {
                        self.i += 1;
                        if self.skip_block_comment() {
                            continue;
                        }
                        return Token {
                            tok: Tok::Bad("unterminated /* comment"),
                            at: self.pos(),
                        };
                    }
                    next => {
                        // Upstream swallows the following character, except a line end
                        // (so the line count stays right) or the end of input.
                        if !matches!(next, None | Some(b'\n' | b'\r')) {
                            self.i += 1;
                        }
                        Tok::Bad("expected '/' or '*' after '/'")
                    }
                },
                b'A'..=b'Z' | b'a'..=b'z' | b'_' => self.keyword(start.offset),
                b'0'..=b'9' => return self.integer(c, start),
                b'"' | b'\'' => return self.string(c, start),
                _ => Tok::Bad("unexpected character"),
            };
            return Token { tok, at: start };
        }
    }

    fn skip_line_comment(&mut self) {
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == b'\n' || c == b'\r' {
                self.end_line(c);
                return;
            }
        }
    }

    /// Returns false when the input ends before `*/`.
    fn skip_block_comment(&mut self) -> bool {
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'*' if self.eat(b'/') => return true,
                b'\n' | b'\r' => {
                    self.end_line(c);
                }
                _ => {}
            }
        }
        false
    }

    fn keyword(&mut self, start: usize) -> Tok {
        while matches!(self.peek(), Some(b'A'..=b'Z' | b'a'..=b'z' | b'_')) {
            self.i += 1;
        }
        match &self.buf[start..self.i] {
            b"pref" => Tok::Keyword(Keyword::Pref),
            b"user_pref" => Tok::Keyword(Keyword::UserPref),
            b"sticky_pref" => Tok::Keyword(Keyword::StickyPref),
            b"true" => Tok::Keyword(Keyword::True),
            b"false" => Tok::Keyword(Keyword::False),
            b"sticky" => Tok::Keyword(Keyword::Sticky),
            b"locked" => Tok::Keyword(Keyword::Locked),
            _ => Tok::Bad("unknown keyword"),
        }
    }

    fn integer(&mut self, first: u8, start: Pos) -> Token {
        let mut value = Some(u32::from(first - b'0'));
        loop {
            match self.peek() {
                Some(d @ b'0'..=b'9') => {
                    self.i += 1;
                    value = value
                        .and_then(|v| v.checked_mul(10))
                        .and_then(|v| v.checked_add(u32::from(d - b'0')));
                }
                // The letter is left for the next token, as upstream does.
                Some(b'A'..=b'Z' | b'a'..=b'z' | b'_') => {
                    return Token {
                        tok: Tok::Bad("unexpected character in integer literal"),
                        at: self.pos(),
                    };
                }
                _ => break,
            }
        }
        let tok = match value {
            Some(v) => Tok::Int(v),
            None => Tok::Bad("integer literal overflowed"),
        };
        Token { tok, at: start }
    }

    /// Reads exactly `n` hex digits; a non-hex byte is left unread.
    fn hex(&mut self, n: usize) -> Option<u16> {
        let mut value: u16 = 0;
        for _ in 0..n {
            let digit = match self.peek()? {
                c @ b'0'..=b'9' => c - b'0',
                c @ b'a'..=b'f' => c - b'a' + 10,
                c @ b'A'..=b'F' => c - b'A' + 10,
                _ => return None,
            };
            self.i += 1;
            value = (value << 4) | u16::from(digit);
        }
        Some(value)
    }

    /// Lexes a string literal whose opening quote was consumed. After an error the
    /// literal is still read to its end; only the first error is reported.
    fn string(&mut self, quote: u8, start: Pos) -> Token {
        self.text.clear();
        let mut error: Option<(&'static str, Pos)> = None;
        loop {
            let at = self.pos();
            let Some(c) = self.peek() else {
                error.get_or_insert(("unterminated string literal", at));
                break;
            };
            self.i += 1;
            match c {
                _ if c == quote => break,
                b'\\' => {
                    if let Err(msg) = self.escape() {
                        error.get_or_insert((msg, at));
                    }
                }
                b'\n' | b'\r' => {
                    if self.end_line(c) {
                        self.text.push(b'\r');
                        self.text.push(b'\n');
                    } else {
                        self.text.push(c);
                    }
                }
                _ => self.text.push(c),
            }
        }
        if let Some((msg, at)) = error {
            return Token {
                tok: Tok::Bad(msg),
                at,
            };
        }
        // Upstream reports a string on the line where it ends.
        let at = if self.line == start.line {
            start
        } else {
            Pos {
                offset: self.i - 1,
                ..self.pos()
            }
        };
        Token { tok: Tok::Str, at }
    }

    /// Decodes one escape after its backslash into `text`.
    fn escape(&mut self) -> Result<(), &'static str> {
        let Some(c) = self.peek() else {
            return Err("unexpected escape sequence character after '\\'");
        };
        // A line end after the backslash is left for the string loop to count.
        if c != b'\n' && c != b'\r' {
            self.i += 1;
        }
        match c {
            b'"' | b'\'' | b'\\' => self.text.push(c),
            b'n' => self.text.push(b'\n'),
            b'r' => self.text.push(b'\r'),
            b'x' => match self.hex(2) {
                Some(0) => return Err("\\x00 is not allowed"),
                // Two hex digits always fit a byte.
                Some(v) => self.text.push(v as u8),
                None => return Err("malformed \\x escape sequence"),
            },
            b'u' => {
                let Some(unit) = self.hex(4) else {
                    return Err("malformed \\u escape sequence");
                };
                let ch = match unit {
                    0 => return Err("\\u0000 is not allowed"),
                    0xD800..=0xDBFF => {
                        // Upstream consumes the `\` and the `u` one at a time, each only if present.
                        let low = if self.eat(b'\\') && self.eat(b'u') {
                            self.hex(4)
                        } else {
                            None
                        };
                        match low {
                            Some(lo @ 0xDC00..=0xDFFF) => {
                                let c = 0x10000
                                    + ((u32::from(unit) - 0xD800) << 10)
                                    + (u32::from(lo) - 0xDC00);
                                char::from_u32(c)
                            }
                            Some(_) => return Err("invalid low surrogate after high surrogate"),
                            None => return Err("expected low surrogate after high surrogate"),
                        }
                    }
                    0xDC00..=0xDFFF => return Err("expected high surrogate before low surrogate"),
                    _ => char::from_u32(u32::from(unit)),
                };
                let mut utf8 = [0u8; 4];
                // Surrogates were handled above, so every unit or pair is a char.
                if let Some(ch) = ch {
                    self.text
                        .extend_from_slice(ch.encode_utf8(&mut utf8).as_bytes());
                }
            }
            _ => return Err("unexpected escape sequence character after '\\'"),
        }
        Ok(())
    }
}

/// Columns are only needed for errors; this keeps counting them linear when a long
/// line holds many errors.
struct ColumnCache {
    line_start: usize,
    offset: usize,
    col: u32,
}

impl Default for ColumnCache {
    fn default() -> Self {
        ColumnCache {
            line_start: 0,
            offset: 0,
            col: 1,
        }
    }
}

impl ColumnCache {
    fn col(&mut self, buf: &[u8], at: Pos) -> u32 {
        let (from, base) = if self.line_start == at.line_start && self.offset <= at.offset {
            (self.offset, self.col)
        } else {
            (at.line_start, 1)
        };
        let col = base.saturating_add(count_chars(&buf[from..at.offset]));
        *self = ColumnCache {
            line_start: at.line_start,
            offset: at.offset,
            col,
        };
        col
    }
}

fn count_chars(bytes: &[u8]) -> u32 {
    let n: usize = bytes
        .utf8_chunks()
        .map(|c| c.valid().chars().count() + c.invalid().len())
        .sum();
    u32::try_from(n).unwrap_or(u32::MAX)
}

struct Parser<'a> {
    lx: Lexer<'a>,
    kind: FileKind,
    dialect: Dialect,
    out: Parsed,
    cols: ColumnCache,
}

impl Parser<'_> {
    fn run(&mut self) {
        let default_file = self.kind == FileKind::Default;
        let any_spec = default_file || self.dialect == Dialect::Legacy;
        let mut t = self.lx.next();
        loop {
            let line = t.at.line;
            let (spec, mut sticky) = match t.tok {
                Tok::Eof => return,
                Tok::Keyword(Keyword::UserPref) => (Spec::UserPref, false),
                Tok::Keyword(Keyword::Pref) if any_spec => (Spec::Pref, false),
                Tok::Keyword(Keyword::StickyPref) if any_spec => (Spec::StickyPref, true),
                _ => {
                    let msg = if any_spec {
                        "expected pref specifier at start of pref definition"
                    } else {
                        "expected 'user_pref' at start of pref definition"
                    };
                    t = self.fail(t, msg);
                    continue;
                }
            };

            t = self.lx.next();
            if t.tok != Tok::Punct(b'(') {
                t = self.fail(t, "expected '(' after pref specifier");
                continue;
            }

            t = self.lx.next();
            if t.tok != Tok::Str {
                t = self.fail(t, "expected pref name after '('");
                continue;
            }
            let name = String::from_utf8_lossy(&self.lx.text).into_owned();

            t = self.lx.next();
            if t.tok != Tok::Punct(b',') {
                t = self.fail(t, "expected ',' after pref name");
                continue;
            }

            t = self.lx.next();
            let value = match t.tok {
                Tok::Keyword(Keyword::True) => Value::Bool(true),
                Tok::Keyword(Keyword::False) => Value::Bool(false),
                Tok::Str => Value::Str(self.lx.text.clone()),
                Tok::Int(u) => match i32::try_from(u) {
                    Ok(n) => Value::Int(n),
                    Err(_) => {
                        t = self.overflow(t);
                        continue;
                    }
                },
                Tok::Punct(sign @ (b'-' | b'+')) => {
                    t = self.lx.next();
                    let Tok::Int(u) = t.tok else {
                        let msg = if sign == b'-' {
                            "expected integer literal after '-'"
                        } else {
                            "expected integer literal after '+'"
                        };
                        t = self.fail(t, msg);
                        continue;
                    };
                    let signed = if sign == b'-' {
                        -i64::from(u)
                    } else {
                        i64::from(u)
                    };
                    match i32::try_from(signed) {
                        Ok(n) => Value::Int(n),
                        Err(_) => {
                            t = self.overflow(t);
                            continue;
                        }
                    }
                }
                _ => {
                    t = self.fail(t, "expected pref value after ','");
                    continue;
                }
            };

            let mut locked = false;
            let mut has_attrs = false;
            t = self.lx.next();
            if default_file {
                let mut bad_attr = false;
                while t.tok == Tok::Punct(b',') {
                    t = self.lx.next();
                    match t.tok {
                        Tok::Keyword(Keyword::Sticky) => sticky = true,
                        Tok::Keyword(Keyword::Locked) => locked = true,
                        _ => {
                            bad_attr = true;
                            break;
                        }
                    }
                    has_attrs = true;
                    t = self.lx.next();
                }
                if bad_attr {
                    t = self.fail(t, "expected pref attribute after ','");
                    continue;
                }
            }

            if t.tok != Tok::Punct(b')') {
                let msg = match (default_file, has_attrs) {
                    (false, _) => "expected ')' after pref value",
                    (true, false) => "expected ',' or ')' after pref value",
                    (true, true) => "expected ',' or ')' after pref attribute",
                };
                t = self.fail(t, msg);
                continue;
            }

            t = self.lx.next();
            if t.tok != Tok::Punct(b';') {
                t = self.fail(t, "expected ';' after ')'");
                continue;
            }

            self.out.prefs.push(Pref {
                name,
                value,
                spec,
                sticky,
                locked,
                line,
            });
            t = self.lx.next();
        }
    }

    fn overflow(&mut self, t: Token) -> Token {
        let bad = Token {
            tok: Tok::Bad("integer literal overflowed"),
            at: t.at,
        };
        self.fail(bad, "")
    }

    /// Reports an error at `t` (a lexer error's own text wins over `msg`), then skips
    /// tokens until a `;` has been consumed and returns the token after it.
    fn fail(&mut self, mut t: Token, msg: &'static str) -> Token {
        let message = match t.tok {
            Tok::Bad(lexer_msg) => lexer_msg,
            _ => msg,
        };
        if self.out.errors.len() < MAX_KEPT_ERRORS {
            let col = self.cols.col(self.lx.buf, t.at);
            self.out.errors.push(ParseError {
                line: t.at.line,
                col,
                message,
            });
        } else {
            self.out.errors_omitted += 1;
        }
        loop {
            match t.tok {
                Tok::Punct(b';') => return self.lx.next(),
                Tok::Eof => return t,
                _ => t = self.lx.next(),
            }
        }
    }
}
