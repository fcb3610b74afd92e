//! A problem as data: where it is, what kind it is and the facts its sentence is made from.
//! The report's catalog turns the kind into words in the chosen language; a grammar's own
//! error keeps its English message under a stable code.

use serde::Serialize;

/// A place in a file: the path as reports show it, and a 1-based line and column (in
/// characters) when the format has them.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub col: Option<u32>,
}

impl Location {
    /// A whole file.
    pub fn file(path: &str) -> Self {
        Location {
            path: path.to_string(),
            line: None,
            col: None,
        }
    }

    /// A line of a file.
    pub fn at(path: &str, line: u32) -> Self {
        Location {
            path: path.to_string(),
            line: Some(line),
            col: None,
        }
    }

    /// A line and column of a file.
    pub fn at_col(path: &str, line: u32, col: u32) -> Self {
        Location {
            path: path.to_string(),
            line: Some(line),
            col: Some(col),
        }
    }

    /// A line when there is one, else the whole file.
    pub fn maybe_at(path: &str, line: Option<u32>) -> Self {
        Location {
            path: path.to_string(),
            line,
            col: None,
        }
    }
}

impl std::fmt::Display for Location {
    /// `path:line:col`, `path:line` or the path alone, as compilers name a place.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.col) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}", self.path),
            (Some(l), None) => write!(f, "{}:{l}", self.path),
            _ => write!(f, "{}", self.path),
        }
    }
}

/// A file or line that could not be used fully; the scan goes on without it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    #[serde(flatten)]
    pub at: Location,
    /// What went wrong, in the report's language: English when made, replaced by the
    /// catalog's words when the report is localized.
    pub message: String,
    /// What went wrong, as data (boxed: a problem travels in `Result`s and should stay small).
    #[serde(flatten)]
    pub kind: Box<ProblemKind>,
    /// A short piece of the bad line around the column, for the text report's caret; never
    /// of a line that may hold a password.
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
}

impl Problem {
    /// A problem of a kind at a place; the message is the kind's English words.
    pub fn new(at: Location, kind: ProblemKind) -> Self {
        Problem {
            message: kind.to_string(),
            at,
            kind: Box::new(kind),
            excerpt: None,
        }
    }

    /// A grammar's error at a line (and column, when the grammar knows it), in the
    /// grammar's English words.
    pub fn syntax(
        code: SyntaxCode,
        path: &str,
        line: u32,
        col: Option<u32>,
        message: impl Into<String>,
    ) -> Self {
        Problem::new(
            Location {
                path: path.to_string(),
                line: Some(line),
                col,
            },
            ProblemKind::Syntax {
                code,
                message: message.into(),
            },
        )
    }

    /// Keeps a short excerpt of the bad line for the caret, unless the line may hold a
    /// secret; `line` is the whole line as read.
    pub fn with_excerpt(mut self, line: &str) -> Self {
        self.excerpt = excerpt(line, self.at.col.unwrap_or(1));
        self
    }

    /// Keeps the excerpt of the problem's line from the file's text, when the problem has a
    /// column to put a caret under.
    pub fn with_line_from(self, text: &[u8], lines: &crate::text::LineIndex) -> Self {
        if let (Some(line), Some(_)) = (self.at.line, self.at.col) {
            let t = String::from_utf8_lossy(lines.line_text(text, line));
            return self.with_excerpt(t.strip_prefix('\u{feff}').unwrap_or(&t));
        }
        self
    }
}

/// The longest excerpt of a line kept in a problem, in characters.
pub const MAX_EXCERPT_CHARS: usize = 120;

/// A piece of a bad line: at most [`MAX_EXCERPT_CHARS`] characters around the column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Excerpt {
    pub text: String,
    /// The 1-based column of the line where `text` starts (1 unless the front was cut).
    pub from_col: u32,
    /// True when the line goes on after `text`.
    pub cut_end: bool,
}

/// The part of the line around `col`, or nothing when the line looks like it holds a
/// password (its key names one, as Becky! and INI lines are judged).
fn excerpt(line: &str, col: u32) -> Option<Excerpt> {
    let line = line.trim_end_matches(['\r', '\n']);
    if crate::text::may_hold_secret(line) {
        return None;
    }
    let half = (MAX_EXCERPT_CHARS / 2) as u32;
    let from_col = col.saturating_sub(half).max(1);
    let mut chars = line.chars().skip(from_col as usize - 1);
    let text: String = chars.by_ref().take(MAX_EXCERPT_CHARS).collect();
    Some(Excerpt {
        text,
        from_col,
        cut_end: chars.next().is_some(),
    })
}

/// Which grammar could not read a line. The code is stable, so tools can count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SyntaxCode {
    /// `prefs.js`, `user.js` and the other Mozilla prefs files.
    PrefsSyntax,
    /// A Windows registry export (`.reg`).
    RegSyntax,
    /// An INI file (Becky!, `profiles.ini`, Outlook `.prf`).
    IniSyntax,
    /// An XML file (autoconfig, Autodiscover, Windows Mail, K-9 exports).
    XmlSyntax,
    /// A TOML file.
    TomlSyntax,
    /// A JSON file (`policies.json`).
    JsonSyntax,
    /// Thunderbird's `popstate.dat`.
    PopstateSyntax,
}

/// A client file format that a file was taken for but is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileFormat {
    /// A Becky! `Mailbox.ini`.
    BeckyMailbox,
    /// A Thunderbird for Android / K-9 Mail settings export.
    K9Export,
    /// A Windows Mail / Windows Live Mail `.oeaccount`.
    WindowsMailAccount,
    /// An Outlook profile file (`.prf`).
    OutlookPrf,
}

/// Why an operating-system read failed, as far as it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IoCause {
    NotFound,
    PermissionDenied,
    Other,
}

impl IoCause {
    /// The cause of an I/O error.
    pub fn of(e: &std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => IoCause::NotFound,
            std::io::ErrorKind::PermissionDenied => IoCause::PermissionDenied,
            _ => IoCause::Other,
        }
    }
}

/// Which text of a file may be garbled by bytes its encoding does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextPart {
    /// Account names and server hosts (a PRF file).
    NamesOrHosts,
    /// Any value (a Windows Mail account file).
    Values,
}

/// A removal setting the client's dialog cannot produce; the reading is an assumption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum RetentionAnomaly {
    /// Outlook's `Leave on Server` bits say "remove after 0 days".
    LeaveBitsZeroDays { value: u32 },
    /// "Remove when expired" is on with no day count above 0.
    FourFlagsNoDays { days_stored: bool },
}

impl RetentionAnomaly {
    /// The assumption the reader records for this setting.
    pub fn assumption(self) -> super::assumption::Assumption {
        use super::assumption::Assumption;
        match self {
            RetentionAnomaly::LeaveBitsZeroDays { value } => {
                Assumption::LeaveBitsZeroDays { value }
            }
            RetentionAnomaly::FourFlagsNoDays { days_stored } => {
                Assumption::FourFlagsNoDays { days_stored }
            }
        }
    }
}

impl ProblemKind {
    /// The stable name tools can count by: a grammar's code (`prefs-syntax`), else the kind
    /// (`site-main-not-reader`), as JSON spells them.
    pub fn code(&self) -> String {
        let v = match self {
            ProblemKind::Syntax { code, .. } => serde_json::to_value(code),
            _ => serde_json::to_value(self),
        };
        match v {
            Ok(serde_json::Value::String(s)) => s,
            Ok(serde_json::Value::Object(m)) => m
                .get("kind")
                .and_then(|k| k.as_str())
                .unwrap_or_default()
                .to_string(),
            _ => String::new(),
        }
    }
}

/// What a problem is, with the facts its sentence needs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "facts", rename_all = "kebab-case")]
pub enum ProblemKind {
    /// A grammar could not read a line; its message stays in English.
    Syntax { code: SyntaxCode, message: String },
    /// The operating system refused or failed the read; `reason` is its own text.
    CannotRead { cause: IoCause, reason: String },
    /// Over the size cap for one file.
    TooLarge { bytes: u64, limit_mib: u64 },
    /// A named path that is a pipe, a device or a folder.
    NotAFile,
    /// A pipe, socket or device file found in the scanned tree.
    SpecialFile,
    /// A symbolic link in the scanned tree.
    SymlinkNotFollowed,
    /// A file below the root reached through a linked folder.
    ThroughLink { link: String },
    /// A path with `..` that would leave the scanned folder.
    LeavesFolder,
    /// No reader claims this file.
    NotAClientFile,
    /// A file that claims to be of a format and is not.
    NotFormat { format: FileFormat },
    /// A `site.toml` below a device folder.
    SiteInDeviceFolder,
    /// The office's own site file, set aside for `--site`.
    SiteNotUsed { given: String },
    /// A scanned path named twice.
    GivenTwice { also: String },
    /// A scanned path inside another scanned path.
    InsideAnother { folder: String },
    /// The problems of a file past the listed ones.
    MoreProblems { count: usize },
    /// Scanning this machine found no client settings.
    NoClientSettings { looked_in: Vec<String> },
    /// Values longer than the cap were cut.
    ValuesCut {
        fields: Vec<String>,
        limit_bytes: usize,
    },
    /// A `[device."ID"]` entry for a device with no files.
    SiteDeviceUnknown { device: String },
    /// A `[mailbox."KEY"]` entry that matches no mailbox found.
    SiteMailboxUnmatched {
        mailbox: String,
        /// A few of the keys that were found.
        found: Vec<String>,
        /// How many more keys were found than `found` lists.
        more: usize,
    },
    /// `main = "DEV"` names a device that does not read the mailbox.
    SiteMainNotReader {
        main: String,
        mailbox: String,
        readers: Vec<String>,
    },
    /// `forward_to` names a device that does not read the mailbox.
    SiteForwardNotReader { device: String, mailbox: String },
    /// A K-9 export not in UTF-8.
    ExportNotUtf8 { encoding: String },
    /// A Becky! file with bytes of neither UTF-8 nor CP932.
    NotUtf8OrCp932 { encoding: String },
    /// A prefs file saved as UTF-16, which Thunderbird does not apply.
    PrefsUtf16 { file: String, encoding: String },
    /// Becky!'s `Folder.lst` names a mailbox folder without a `Mailbox.ini`.
    FolderListMissing { folder: String },
    /// Becky!'s `Folder.lst` names more folders than were checked.
    FolderListUnchecked { count: usize, checked: usize },
    /// A `key=value` whose value should be a whole number.
    NotWholeNumber { key: String, value: String },
    /// A `key=value` with a value the client does not define; `read_as` says what was
    /// assumed instead, when anything was.
    UnknownValue {
        key: String,
        value: String,
        read_as: Option<String>,
    },
    /// A Becky! mailbox without `MailServer`.
    MailboxNoServer { mailbox: String },
    /// A Becky! mailbox without `UserID` and `MailAddress`.
    MailboxNoLogin { mailbox: String },
    /// Becky!'s `LeaveServer` is neither 0 nor 1.
    LeaveServerNotFlag { value: String },
    /// Becky!'s `KeepDays` is negative.
    NegativeKeepDays { days: i64 },
    /// An exported account without an incoming server; skipped.
    AccountNoIncoming { account: String },
    /// An exported account's incoming server without a host; skipped.
    AccountNoHost { account: String },
    /// An exported account's incoming server without a user name; skipped.
    AccountNoUsername { account: String },
    /// An exported account setting with a value the app does not define; `fallback` is
    /// what the app uses instead, when it says.
    AccountUnknownValue {
        account: String,
        setting: String,
        /// `None` when the setting is missing altogether.
        value: Option<String>,
        fallback: Option<String>,
    },
    /// An exported account setting that should be a number; the app's default applies.
    AccountNotNumber {
        account: String,
        setting: String,
        value: String,
    },
    /// An exported account's port that is not a port number.
    AccountBadPort { account: String, value: String },
    /// A document whose root element is not the format's.
    WrongRoot { found: String, format: FileFormat },
    /// A document whose root element is empty: no account in it.
    EmptyRoot { element: String },
    /// A `<!DOCTYPE>`, ignored with its entities.
    DoctypeIgnored,
    /// A Windows Mail account file that ends before `</MessageAccount>`.
    AccountFileCutShort,
    /// An element that should hold a hexadecimal DWORD; the default is used.
    NotDword { element: String },
    /// An element with an entity reference, not expanded; a password's says less.
    EntityNotExpanded { element: String, secret: bool },
    /// A Windows Mail account naming neither `POP3_Server` nor `IMAP_Server`.
    AccountNoServerKey { account: String },
    /// An account with neither a login key nor an e-mail address: no mailbox to name.
    AccountNoLogin { account: String, key: String },
    /// An Outlook profile account of a type other than POP3 or IMAP.
    AccountNotPopImap {
        account: String,
        account_type: String,
    },
    /// An Outlook profile account section without its server key.
    SectionNoServer {
        section: String,
        key: String,
        account: String,
    },
    /// `[Internet Account List]` names an account with no section.
    AccountListMissing { account: String },
    /// A value that should be a number (decimal or `0x` hex).
    NotNumber { key: String },
    /// Thunderbird server settings without the account list that would load them.
    NoAccountList { pref: String },
    /// A prefs file with a byte-order mark, which older Thunderbird trips over; `lost` is
    /// the first statement it loses, with its line.
    PrefsBom {
        file: String,
        lost: Option<(String, u32)>,
    },
    /// `profiles.ini` lists a profile whose folder was not collected.
    ProfileNotCollected { name: String, path: String },
    /// `installs.ini` or `profiles.ini` names a default profile that was not collected.
    DefaultProfileNotCollected { path: String },
    /// A `[ProfileN]` past a gap in the numbering, which Thunderbird never loads.
    ProfileNotLoaded { section: String, stops_at: usize },
    /// An AutoConfig statement that is not read without running the file.
    AutoConfigNotEvaluated,
    /// A settings export that ends inside an element.
    ExportCutShort { open: String },
    /// A settings export with a DTD, refused.
    DtdRefused,
    /// Elements nested past the reader's limit.
    TooDeep { limit: usize },
    /// A second root element, ignored.
    SecondRoot,
    /// A settings export of a format other than 1.
    ExportFormatUnsupported { format: String },
    /// A settings export without a valid `version`.
    ExportNoVersion,
    /// A second `<accounts>` element, ignored as the app ignores it.
    SecondAccounts,
    /// A second incoming or outgoing server in one account, ignored.
    SecondServer,
    /// A provider file whose root element is not the one its format has.
    ProfileWrongRoot { found: String, expected: String },
    /// An autoconfig file without `<emailProvider>`.
    NoEmailProvider,
    /// An `<emailProvider>` without `<domain>`.
    NoDomain,
    /// An Autodiscover file without `<Response>`.
    NoResponse,
    /// An Autodiscover error response; `message` is the server's own text.
    AutodiscoverError { message: String },
    /// An Autodiscover request saved instead of the response.
    AutodiscoverRequest,
    /// An Autodiscover response without `<Account>`.
    NoAccount,
    /// An Autodiscover response that redirects instead of naming servers.
    Redirect { action: String, target: String },
    /// An Autodiscover response that names no mail domain.
    NoMailDomain,
    /// Thunderbird's account list is not a string: no account loads.
    AccountListNotString { pref: String },
    /// The account list names an account without its server pref.
    ListedAccountNoServer {
        list: String,
        account: String,
        server_pref: String,
    },
    /// An Outlook profile account of a type that is not audited, with no POP3 or IMAP server.
    OutlookTypeNotAudited {
        account: String,
        account_type: super::assumption::AccountType,
    },
    /// An Outlook profile account without its `POP3 Server` / `IMAP Server` value.
    OutlookNoServer { account: String, prefix: String },
    /// An Outlook profile account with neither a user name nor an e-mail address.
    OutlookNoLogin { account: String, prefix: String },
    /// A registry export without Outlook or Outlook Express account keys.
    NoOutlookAccountKeys,
    /// A registry export cut off inside an account's key; that account is not read.
    RegAccountCutShort { key: String },
    /// A registry value that should be a string.
    RegNotString { value: String },
    /// A registry value whose bytes are not readable text.
    RegNotText { value: String },
    /// A registry value that should be a DWORD.
    RegNotDword { value: String },
    /// Bytes not valid in the encoding the file was read in; some of its text may be garbled.
    BytesNotValid { encoding: String, part: TextPart },
    /// A stored number that is not a TCP port (1–65535); the default port is used.
    NotTcpPort {
        setting: Option<String>,
        number: u32,
    },
    /// Stored removal settings with no documented meaning, read as removal at the next fetch.
    RetentionUndocumented {
        /// The program named before the account (`Outlook`), when the file format does not say it.
        program: Option<String>,
        account: String,
        anomaly: RetentionAnomaly,
    },
    /// Two Thunderbird accounts use one server; the second is skipped.
    ServerShared {
        account: String,
        server: String,
        first: String,
    },
    /// A Thunderbird account's server has no type.
    ServerNoType { account: String, server: String },
    /// A Thunderbird account's server has no host name.
    ServerNoHost {
        account: String,
        server_type: String,
        server: String,
    },
}
