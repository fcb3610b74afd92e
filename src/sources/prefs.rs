//! The Firefox/Thunderbird prefs grammar (`prefs.js`, `user.js`, default pref files).
//!
//! Behaves like the current upstream libpref parser: the input is lexed into tokens
//! (whitespace and `#`, `//`, `/* */` comments may sit between any two tokens), every
//! statement is `spec ( name , value attrs ) ;`, and on an error the parser skips tokens
//! until it has consumed a `;`, so every other statement still counts. Line numbers in
//! errors match upstream; columns are an addition of ours (1-based, in characters).

mod lexer;
mod render;

use crate::text::count_chars;
use lexer::{Keyword, Lexer, Pos, Tok, Token};
pub use render::render_user_pref;
use std::borrow::Cow;
use std::fmt;

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
    let end = memchr::memchr(0, body).unwrap_or(body.len());
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

/// The parse errors of `bytes` as problems of the file `rel`, each with its line, column and
/// an excerpt of the line for the caret (none for a line that may hold a password).
pub fn error_problems(parsed: &Parsed, bytes: &[u8], rel: &str) -> Vec<crate::model::Problem> {
    if parsed.errors.is_empty() {
        return Vec::new();
    }
    let lines = crate::text::LineIndex::new(bytes);
    parsed
        .errors
        .iter()
        .map(|e| {
            crate::model::Problem::syntax(
                crate::model::SyntaxCode::PrefsSyntax,
                rel,
                e.line,
                Some(e.col),
                format!("prefs parse error: {}", e.message),
            )
            .with_line_from(bytes, &lines)
        })
        .collect()
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
