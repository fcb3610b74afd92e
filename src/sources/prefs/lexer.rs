//! Tokens of the prefs grammar: whitespace, comments and line ends are skipped between
//! them, and string literals are decoded here (escapes, raw bytes, line counting).

#[cfg(doc)]
use crate::text::LineIndex;

/// A place in the input: enough to report a line and to count a column later.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pos {
    pub(super) line: u32,
    pub(super) offset: usize,
    pub(super) line_start: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keyword {
    Pref,
    UserPref,
    StickyPref,
    True,
    False,
    Sticky,
    Locked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
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
pub(super) struct Token {
    pub(super) tok: Tok,
    /// Where an error about this token is reported.
    pub(super) at: Pos,
}

pub(super) struct Lexer<'a> {
    pub(super) buf: &'a [u8],
    i: usize,
    /// Lines counted as they are passed, by the rule of [`LineIndex`] (CRLF, LF and a lone
    /// CR each end one line): a lookup in the index per token cost a fifth of the parse.
    line: u32,
    line_start: usize,
    /// Bytes of the last string literal.
    pub(super) text: Vec<u8>,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(buf: &'a [u8]) -> Self {
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

    /// Finishes a line end whose first byte (`\n` or `\r`) was just consumed: `\r\n` is one
    /// end, so its `\n` is consumed too. Returns true when it was `\r\n`.
    fn end_line(&mut self, c: u8) -> bool {
        let crlf = c == b'\r' && self.eat(b'\n');
        self.line = self.line.saturating_add(1);
        self.line_start = self.i;
        crlf
    }

    /// Reads the next token, skipping whitespace and comments.
    pub(super) fn next(&mut self) -> Token {
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
        if let Some(n) = memchr::memchr2(b'\n', b'\r', &self.buf[self.i..]) {
            self.i += n;
        } else {
            self.i = self.buf.len();
        }
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
            // Plain bytes up to the next quote, escape or line end are taken in one copy.
            let rest = &self.buf[self.i..];
            let stop = memchr::memchr3(quote, b'\\', b'\n', rest).unwrap_or(rest.len());
            let plain = memchr::memchr(b'\r', &rest[..stop]).unwrap_or(stop);
            self.text.extend_from_slice(&rest[..plain]);
            self.i += plain;
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
        let at = if self.pos().line == start.line {
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
