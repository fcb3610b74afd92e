//! An administrator's layers over a profile: `defaults/pref/*.js` in the install folder, the
//! AutoConfig `.cfg` it names, and `policies.json` `Preferences` (reference §3.1–3.4).
//!
//! The `.cfg` is JavaScript; it is never run. Only calls of `pref`, `defaultPref`, `lockPref`
//! and `clearPref` with literal arguments are read, and every other statement is reported as
//! not evaluated, so a conditional lock is never mistaken for an unconditional one.

use super::prefstore::{Op, PrefStore};
use crate::model::{Location, Problem, ProblemKind, SyntaxCode};
use crate::sources::prefs::{self, FileKind, Parsed, Value};
use crate::sources::Ctx;
use std::path::{Path, PathBuf};

/// Where an install folder sits below a drive or file-system root, on each system. A collected
/// device folder keeps the same layout, so one list serves the machine and the copy.
pub const INSTALL_DIRS: &[&str] = &[
    "Program Files/Mozilla Thunderbird",
    "Program Files (x86)/Mozilla Thunderbird",
    "Applications/Thunderbird.app/Contents/Resources",
    "usr/lib/thunderbird",
    "usr/lib64/thunderbird",
    "usr/local/lib/thunderbird",
    "opt/thunderbird",
    "etc/thunderbird",
];

/// The install folders above a profile, up to the scanned root: each ancestor is tried as an
/// install folder itself and as a drive root holding one of [`INSTALL_DIRS`].
pub fn installs_above(profile: &Path, root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for anc in profile.ancestors().skip(1) {
        if !anc.starts_with(root) {
            break;
        }
        // A device folder may also hold an install folder's files directly (copied by hand).
        let own = is_dir(&anc.join("defaults").join("pref"))
            || is_file(&anc.join("distribution").join("policies.json"));
        let here = own.then(|| anc.to_path_buf());
        for dir in here
            .into_iter()
            .chain(INSTALL_DIRS.iter().map(|rel| anc.join(rel)))
        {
            if is_dir(&dir) && !out.contains(&dir) {
                out.push(dir);
            }
        }
    }
    out
}

fn is_dir(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir())
}

fn is_file(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file())
}

/// One statement of an enterprise file: pref name, what it does, line.
pub type Statement = (String, Op, u32);

/// The layers found in a device's install folders, ready to be applied around the profile files.
#[derive(Debug, Default)]
pub struct Layers {
    /// Default-pref files, in the order Thunderbird loads them (before prefs.js).
    pub defaults: Vec<(String, Parsed)>,
    /// AutoConfig and policy statements, applied after user.js.
    pub late: Vec<(String, Vec<Statement>)>,
    /// Report paths of every file read.
    pub read: Vec<String>,
}

/// Reads the enterprise files of the given install folders.
pub fn load(installs: &[PathBuf], ctx: &Ctx, problems: &mut Vec<Problem>) -> Layers {
    let mut layers = Layers::default();
    for dir in installs {
        let pref_dir = dir.join("defaults").join("pref");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&pref_dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_file(p))
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("js")))
            .collect();
        // Files in one folder are applied in reverse alphabetical order: the first name wins.
        files.sort();
        files.reverse();
        for path in files {
            let Ok(bytes) = ctx.read(&path).map_err(|p| problems.push(p)) else {
                continue;
            };
            let rel = ctx.rel(&path);
            let parsed = prefs::parse(&bytes, FileKind::Default);
            problems.extend(prefs::error_problems(&parsed, &bytes, &rel));
            layers.read.push(rel.clone());
            layers.defaults.push((rel, parsed));
        }
    }
    let setting = |name: &str| {
        layers
            .defaults
            .iter()
            .rev()
            .find_map(|(_, p)| p.last(name))
            .map(|p| p.value.clone())
    };
    let filename = match setting("general.config.filename") {
        Some(Value::Str(s)) => Some(String::from_utf8_lossy(&s).into_owned()),
        _ => None,
    };
    let shift = match setting("general.config.obscure_value") {
        Some(Value::Int(i)) => i,
        _ => 13,
    };
    for dir in installs {
        if let Some(name) = filename.as_deref().filter(|n| safe_name(n)) {
            let path = dir.join(name);
            if is_file(&path) {
                if let Ok(bytes) = ctx.read(&path).map_err(|p| problems.push(p)) {
                    let rel = ctx.rel(&path);
                    let (ops, skipped) = autoconfig(&bytes, shift);
                    for line in skipped {
                        problems.push(Problem::new(
                            Location::at(&rel, line),
                            ProblemKind::AutoConfigNotEvaluated,
                        ));
                    }
                    layers.read.push(rel.clone());
                    layers.late.push((rel, ops));
                }
            }
        }
    }
    let mut policy_files = Vec::new();
    for dir in installs {
        policy_files.push(dir.join("distribution").join("policies.json"));
        policy_files.push(dir.join("policies").join("policies.json"));
    }
    for path in policy_files.into_iter().filter(|p| is_file(p)) {
        let Ok(bytes) = ctx.read(&path).map_err(|p| problems.push(p)) else {
            continue;
        };
        let rel = ctx.rel(&path);
        layers.read.push(rel.clone());
        match policies(&bytes) {
            Ok(entries) => layers.late.push((rel, entries)),
            Err(e) => problems.push(Problem::new(
                Location::file(&rel),
                ProblemKind::Syntax {
                    code: SyntaxCode::JsonSyntax,
                    message: format!(
                        "policies.json is not valid JSON ({e}); Thunderbird applies none of it"
                    ),
                },
            )),
        }
    }
    layers
}

/// A `.cfg` name stays inside the install folder.
fn safe_name(n: &str) -> bool {
    !n.is_empty() && !n.contains(['/', '\\', ':']) && n != ".." && n != "."
}

/// Applies the layers around the profile files: defaults first, `late` after user.js.
pub fn apply_defaults(store: &mut PrefStore, layers: &Layers) {
    for (rel, parsed) in &layers.defaults {
        store.add(rel, parsed);
    }
}

/// Applies the AutoConfig and policy statements.
pub fn apply_late(store: &mut PrefStore, layers: &Layers) {
    for (rel, ops) in &layers.late {
        let ops: Vec<Statement> = ops
            .iter()
            .map(|(name, op, line)| (name.clone(), number_to_bool(store, name, op), *line))
            .collect();
        store.add_ops(rel, &ops);
    }
}

/// Policies turn 0 and 1 into booleans unless the pref is a number (GPO cannot say booleans).
fn number_to_bool(store: &PrefStore, name: &str, op: &Op) -> Op {
    let conv = |v: &Value| match v {
        Value::Int(i @ (0 | 1)) if !store.is_number(name) => Value::Bool(*i == 1),
        other => other.clone(),
    };
    match op {
        Op::User(v) => Op::User(conv(v)),
        Op::Default(v) => Op::Default(conv(v)),
        Op::Lock(v) => Op::Lock(conv(v)),
        Op::Clear => Op::Clear,
    }
}

/// Decodes an AutoConfig file (each byte lowered by `shift`) and reads its literal calls.
/// Returns the statements and the lines of statements that were not evaluated.
pub fn autoconfig(bytes: &[u8], shift: i32) -> (Vec<Statement>, Vec<u32>) {
    let plain: Vec<u8> = if shift == 0 {
        bytes.to_vec()
    } else {
        bytes
            .iter()
            .map(|b| b.wrapping_sub((shift & 0xff) as u8))
            .collect()
    };
    let text = String::from_utf8_lossy(&plain);
    let mut ops = Vec::new();
    let mut skipped = Vec::new();
    let mut p = Js {
        s: text.as_bytes(),
        i: 0,
        line: 1,
    };
    // The first line is always skipped by Thunderbird.
    while p.i < p.s.len() && p.s[p.i] != b'\n' {
        p.i += 1;
    }
    loop {
        p.skip_space();
        if p.i >= p.s.len() {
            break;
        }
        let line = p.line;
        let start = p.i;
        match p.call() {
            Some(op) => ops.push((op.0, op.1, line)),
            None => {
                p.i = start;
                p.skip_statement();
                skipped.push(line);
            }
        }
    }
    (ops, skipped)
}

struct Js<'a> {
    s: &'a [u8],
    i: usize,
    line: u32,
}

impl Js<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        if c == b'\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn skip_space(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_whitespace() || c == b';' => {
                    self.bump();
                }
                Some(b'/') if self.s.get(self.i + 1) == Some(&b'/') => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.bump();
                    }
                }
                Some(b'/') if self.s.get(self.i + 1) == Some(&b'*') => {
                    self.i += 2;
                    while self.peek().is_some()
                        && !(self.peek() == Some(b'*') && self.s.get(self.i + 1) == Some(&b'/'))
                    {
                        self.bump();
                    }
                    self.i = (self.i + 2).min(self.s.len());
                }
                _ => return,
            }
        }
    }

    /// Skips the rest of a statement: to the end of the line, or of the block it opens.
    fn skip_statement(&mut self) {
        let mut depth = 0i32;
        while let Some(c) = self.bump() {
            match c {
                b'{' | b'(' => depth += 1,
                b'}' | b')' => depth -= 1,
                b';' | b'\n' if depth <= 0 => return,
                _ => {}
            }
        }
    }

    fn ident(&mut self) -> String {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            self.i += 1;
        }
        String::from_utf8_lossy(&self.s[start..self.i]).into_owned()
    }

    /// `name(literal, …)` followed by `;`, a line end or the end of the file.
    fn call(&mut self) -> Option<(String, Op)> {
        let f = self.ident();
        self.skip_inline();
        if self.bump()? != b'(' {
            return None;
        }
        let mut args = Vec::new();
        loop {
            self.skip_inline();
            if self.peek() == Some(b')') {
                self.bump();
                break;
            }
            args.push(self.literal()?);
            self.skip_inline();
            match self.bump()? {
                b',' => continue,
                b')' => break,
                _ => return None,
            }
        }
        self.skip_inline();
        match self.peek() {
            None | Some(b';') | Some(b'\n') | Some(b'\r') => {}
            Some(b'/') => {}
            _ => return None,
        }
        let mut args = args.into_iter();
        let name = match args.next()? {
            Value::Str(s) => String::from_utf8_lossy(&s).into_owned(),
            _ => return None,
        };
        let value = args.next();
        if args.next().is_some() {
            return None;
        }
        let op = match (f.as_str(), value) {
            ("pref", Some(v)) => Op::User(v),
            ("defaultPref", Some(v)) => Op::Default(v),
            ("lockPref", Some(v)) => Op::Lock(v),
            ("clearPref", None) => Op::Clear,
            _ => return None,
        };
        Some((name, op))
    }

    fn skip_inline(&mut self) {
        while self.peek().is_some_and(|c| c == b' ' || c == b'\t') {
            self.i += 1;
        }
    }

    fn literal(&mut self) -> Option<Value> {
        match self.peek()? {
            q @ (b'"' | b'\'') => {
                self.bump();
                let mut out = Vec::new();
                loop {
                    match self.bump()? {
                        c if c == q => break,
                        b'\\' => match self.bump()? {
                            b'n' => out.push(b'\n'),
                            b't' => out.push(b'\t'),
                            c => out.push(c),
                        },
                        b'\n' => return None,
                        c => out.push(c),
                    }
                }
                Some(Value::Str(out))
            }
            c if c == b'-' || c.is_ascii_digit() => {
                let start = self.i;
                self.i += 1;
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.i += 1;
                }
                let s = std::str::from_utf8(&self.s[start..self.i]).ok()?;
                s.parse::<i32>().ok().map(Value::Int)
            }
            _ => match self.ident().as_str() {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => None,
            },
        }
    }
}

/// The `Preferences` policy: a bare value sets and locks; `{Value, Status}` says how.
pub fn policies(bytes: &[u8]) -> Result<Vec<Statement>, String> {
    let text = crate::text::decode(bytes, crate::text::Fallback::Ansi).text;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let Some(prefs) = json
        .get("policies")
        .and_then(|p| p.get("Preferences"))
        .and_then(|p| p.as_object())
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (name, entry) in prefs {
        let needle = format!("\"{name}\"");
        let line = text
            .find(&needle)
            .map(|at| text[..at].matches('\n').count() as u32 + 1)
            .unwrap_or(1);
        let (value, status) = match entry {
            // Without a Status the value goes to the default branch, as for "default"
            // (our reading of the policy code; not confirmed by a test of Thunderbird's own).
            serde_json::Value::Object(o) => (
                o.get("Value"),
                o.get("Status")
                    .and_then(|s| s.as_str())
                    .unwrap_or("default"),
            ),
            other => (Some(other), "locked"),
        };
        let value = value.and_then(json_value);
        let op = match (status, value) {
            ("clear", _) => Op::Clear,
            ("locked", Some(v)) => Op::Lock(v),
            ("user", Some(v)) => Op::User(v),
            ("default", Some(v)) => Op::Default(v),
            _ => continue,
        };
        out.push((name.clone(), op, line));
    }
    Ok(out)
}

fn json_value(v: &serde_json::Value) -> Option<Value> {
    match v {
        serde_json::Value::Bool(b) => Some(Value::Bool(*b)),
        serde_json::Value::Number(n) => n
            .as_i64()
            .and_then(|i| i32::try_from(i).ok())
            .map(Value::Int),
        serde_json::Value::String(s) => Some(Value::Str(s.clone().into_bytes())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obscure(text: &str) -> Vec<u8> {
        text.bytes().map(|b| b.wrapping_add(13)).collect()
    }

    #[test]
    fn literal_calls_are_read_and_the_rest_is_not_evaluated() {
        let cfg = "// first line\npref(\"a.b\", 5);\nlockPref('mail.x', true);\nif (getenv(\"USER\")) { lockPref(\"c\", 1); }\nclearPref(\"d\");\ndefaultPref(\"e\", \"s\")\n";
        for (bytes, shift) in [(cfg.as_bytes().to_vec(), 0), (obscure(cfg), 13)] {
            let (ops, skipped) = autoconfig(&bytes, shift);
            assert_eq!(
                ops,
                vec![
                    ("a.b".to_string(), Op::User(Value::Int(5)), 2),
                    ("mail.x".to_string(), Op::Lock(Value::Bool(true)), 3),
                    ("d".to_string(), Op::Clear, 5),
                    ("e".to_string(), Op::Default(Value::Str(b"s".to_vec())), 6),
                ]
            );
            assert_eq!(skipped, vec![4]);
        }
    }

    #[test]
    fn policy_forms() {
        let json = br#"{"policies": {"Preferences": {
  "mail.server.default.leave_on_server": true,
  "mail.server.server1.num_days_to_leave_on_server": {"Value": 3, "Status": "user"},
  "a": {"Value": 1, "Status": "clear"}
}}}"#;
        let ops = policies(json).unwrap();
        assert!(ops.contains(&(
            "mail.server.default.leave_on_server".to_string(),
            Op::Lock(Value::Bool(true)),
            2
        )));
        assert!(ops.contains(&(
            "mail.server.server1.num_days_to_leave_on_server".to_string(),
            Op::User(Value::Int(3)),
            3
        )));
        assert!(ops.contains(&("a".to_string(), Op::Clear, 4)));
    }
}
