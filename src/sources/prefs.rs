//! The Firefox/Thunderbird prefs grammar (`prefs.js`, `user.js`, default pref files).
//!
//! PLACEHOLDER API — to be implemented to reference/thunderbird.md §5.

/// A pref value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Bool(bool),
    Int(i32),
    /// Raw bytes: `\xNN` escapes can produce bytes that are not valid UTF-8.
    Str(Vec<u8>),
}

/// Which statement keyword set the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec {
    Pref,
    UserPref,
    StickyPref,
}

/// Whether the file is read as a user file (prefs.js, user.js) or a default file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    User,
    Default,
}

/// One successfully parsed statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pref {
    pub name: String,
    pub value: Value,
    pub spec: Spec,
    pub sticky: bool,
    pub locked: bool,
    /// 1-based line of the statement's first token.
    pub line: u32,
}

/// One parse error: the statement is dropped and parsing resumes after the next `;`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: u32,
    pub col: u32,
    pub message: &'static str,
}

/// All statements that parsed, and all errors, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub prefs: Vec<Pref>,
    pub errors: Vec<ParseError>,
}

/// Parses a prefs file.
pub fn parse(_bytes: &[u8], _kind: FileKind) -> Parsed {
    Parsed::default()
}
