//! The user values of one profile (prefs.js, then user.js) and Thunderbird's lookup rules on them.
//!
//! A server setting is read from `mail.server.<key>.<name>`; when that is absent or of another
//! type, from `mail.server.default.<name>` (its effective value, user values included); then the
//! default shipped in `mailnews.js`; then false / 0 / "" (reference §1.3).
//!
//! Statements read as default values (`pref`/`sticky_pref`, which Thunderbird 115 and older accept
//! in prefs.js and user.js) lose to a user value of the same name, whatever the file order.

use crate::model::assumption::{Assumption, PrefType, PrefValue};
use crate::model::Origin;
use crate::sources::prefs::{Parsed, Spec, Value};
use std::collections::HashMap;

/// The type a getter asks for; a value of another type makes the read fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Bool,
    Int,
    Str,
}

impl Ty {
    /// The type of a value.
    pub fn of(v: &Value) -> Ty {
        match v {
            Value::Bool(_) => Ty::Bool,
            Value::Int(_) => Ty::Int,
            Value::Str(_) => Ty::Str,
        }
    }

    fn typed(self) -> PrefType {
        match self {
            Ty::Bool => PrefType::Bool,
            Ty::Int => PrefType::Number,
            Ty::Str => PrefType::String,
        }
    }
}

/// One statement that set a value, and where it is.
#[derive(Debug, Clone)]
pub struct Set {
    /// The value as written.
    pub value: Value,
    /// Index of the file in the order the files were added.
    pub file: usize,
    /// Line of the statement.
    pub line: u32,
    /// Set by `pref`/`sticky_pref`: a default value, not a user value.
    pub default: bool,
    /// Set and locked (`lockPref`, a policy lock, a `locked` attribute): always wins.
    pub locked: bool,
}

/// What one enterprise-layer statement does to a pref (reference §3.1–3.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Sets the user value (`pref()` in a `.cfg`, policy `user`).
    User(Value),
    /// Sets the default value (`defaultPref`, policy `default`, a default-pref file).
    Default(Value),
    /// Sets the default value and locks it (`lockPref`, policy `locked` or a bare value).
    Lock(Value),
    /// Clears the user value (`clearPref`, policy `clear`).
    Clear,
}

/// The statement libpref ends up using for one name: the last accepted user value, else the last
/// accepted default value.
///
/// Once a pref has a default, a user value of another type is rejected (`Pref::SetUserValue`); a
/// default must always have the pref's current type (`Pref::SetDefaultValue`). `shipped` is the
/// type of a default loaded before any profile file.
fn effective(sets: &[Set], shipped: Option<Ty>) -> Option<&Set> {
    // lockPref unlocks before it sets, so the last lock is the one in force.
    if let Some(lock) = sets.iter().rev().find(|s| s.locked) {
        return Some(lock);
    }
    if shipped.is_none() && !sets.iter().any(|s| s.default) {
        // Without any default, every user value is accepted and the last one wins.
        return sets.last();
    }
    let mut ty = shipped;
    let mut has_default = shipped.is_some();
    let (mut user, mut default) = (None, None);
    for s in sets {
        let t = Ty::of(&s.value);
        if s.default {
            if ty.is_some_and(|have| have != t) {
                continue;
            }
            has_default = true;
            default = Some(s);
        } else {
            if has_default && ty != Some(t) {
                continue;
            }
            user = Some(s);
        }
        ty = Some(t);
    }
    user.or(default)
}

/// A resolved setting: its value, where it came from, and sentences about ignored values.
#[derive(Debug, Clone)]
pub struct Resolved<T> {
    /// The value Thunderbird uses.
    pub value: T,
    /// The statement that set it, or the client default.
    pub origin: Origin,
    /// True when the value was written in a file (own or default branch).
    pub from_file: bool,
    /// One assumption per value Thunderbird ignored on the way.
    pub notes: Vec<Assumption>,
}

/// The statements of one name: nearly always one, kept inline to spare an allocation per pref.
type Sets = smallvec::SmallVec<[Set; 1]>;

/// All user values of a profile, in the order Thunderbird applies them.
#[derive(Debug, Default)]
pub struct PrefStore {
    files: Vec<String>,
    // A fast hasher: the file size cap bounds what a hostile file can do to the table.
    prefs: HashMap<String, Sets, foldhash::fast::RandomState>,
}

/// The defaults `mailnews.js` ships for `mail.server.default.*` and `mail.smtpserver.default.*`
/// that matter here; a user value of another type than these is rejected by libpref.
fn shipped(branch: &str, name: &str) -> Option<Value> {
    let v = match (branch, name) {
        ("mail.server", "port") => Value::Int(-1),
        ("mail.server", "leave_on_server") => Value::Bool(false),
        ("mail.server", "download_on_biff") => Value::Bool(false),
        ("mail.server", "check_time") => Value::Int(10),
        ("mail.server", "delete_by_age_from_server") => Value::Bool(false),
        ("mail.server", "num_days_to_leave_on_server") => Value::Int(7),
        ("mail.server", "limit_offline_message_size") => Value::Bool(false),
        ("mail.server", "max_size") => Value::Int(50),
        ("mail.server", "delete_mail_left_on_server") => Value::Bool(false),
        ("mail.server", "isSecure") => Value::Bool(false),
        ("mail.server", "authMethod") => Value::Int(3),
        ("mail.server", "socketType") => Value::Int(0),
        ("mail.server", "login_at_startup") => Value::Bool(false),
        ("mail.server", "deferred_to_account") => Value::Str(Vec::new()),
        ("mail.smtpserver", "authMethod") => Value::Int(3),
        ("mail.smtpserver", "try_ssl") => Value::Int(0),
        _ => return None,
    };
    Some(v)
}

/// Shows a value as it would be written in prefs.js, shortened and without control characters.
pub fn show(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Str(s) => {
            let text = String::from_utf8_lossy(s);
            let mut out: String = text.chars().filter(|c| !c.is_control()).take(40).collect();
            if text.chars().count() > 40 {
                out.push('…');
            }
            format!("\"{out}\"")
        }
    }
}

/// A value with its type, for an assumption that names it.
pub fn typed(v: &Value) -> PrefValue {
    PrefValue {
        ty: Ty::of(v).typed(),
        shown: show(v),
    }
}

/// The origin of a value Thunderbird uses when no file sets it.
pub(super) fn client_default() -> Origin {
    Origin::ClientDefault {
        client: "thunderbird".to_string(),
    }
}

impl PrefStore {
    /// Applies one parsed file after the ones added before (user.js after prefs.js).
    pub fn add(&mut self, rel: &str, parsed: &Parsed) {
        self.add_owned(rel, parsed.clone());
    }

    /// [`PrefStore::add`] for a file read only once: its names and values move into the store
    /// rather than being copied, which was a large part of reading a profile.
    pub fn add_owned(&mut self, rel: &str, parsed: Parsed) {
        let file = self.files.len();
        self.files.push(rel.to_string());
        self.prefs.reserve(parsed.prefs.len());
        for p in parsed.prefs {
            self.prefs.entry(p.name).or_default().push(Set {
                value: p.value,
                file,
                line: p.line,
                default: p.spec != Spec::UserPref,
                locked: p.locked,
            });
        }
    }

    /// Applies one enterprise file's statements (AutoConfig, policies) after the ones before.
    pub fn add_ops(&mut self, rel: &str, ops: &[(String, Op, u32)]) {
        let file = self.files.len();
        self.files.push(rel.to_string());
        for (name, op, line) in ops {
            let sets = self.prefs.entry(name.clone()).or_default();
            let (value, default, locked) = match op {
                Op::Clear => {
                    sets.retain(|s| s.default || s.locked);
                    continue;
                }
                Op::User(v) => (v.clone(), false, false),
                Op::Default(v) => (v.clone(), true, false),
                Op::Lock(v) => (v.clone(), true, true),
            };
            sets.push(Set {
                value,
                file,
                line: *line,
                default,
                locked,
            });
        }
    }

    /// True when a pref already holds a number, or its default branch ships one, so a policy's
    /// 0 or 1 stays a number instead of becoming a boolean.
    pub fn is_number(&self, name: &str) -> bool {
        if self
            .prefs
            .get(name)
            .is_some_and(|v| v.iter().any(|s| Ty::of(&s.value) == Ty::Int))
        {
            return true;
        }
        ["mail.server", "mail.smtpserver"].iter().any(|branch| {
            name.strip_prefix(branch)
                .and_then(|r| r.strip_prefix('.'))
                .and_then(|r| r.split_once('.'))
                .and_then(|(_, rest)| shipped(branch, rest))
                .is_some_and(|v| Ty::of(&v) == Ty::Int)
        })
    }

    fn lock_note(&self, name: &str, s: &Set) -> Option<Assumption> {
        s.locked.then(|| Assumption::TbLocked {
            pref: name.to_string(),
            value: show(&s.value),
            file: self.files[s.file].clone(),
            line: s.line,
        })
    }

    /// Names of all prefs that were set, in no particular order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.prefs.keys().map(String::as_str)
    }

    /// The statement whose value a name has, whatever its type (prefs without a shipped
    /// default): the last user value, else the last default value.
    pub fn last(&self, name: &str) -> Option<&Set> {
        self.prefs.get(name).and_then(|v| effective(v, None))
    }

    /// The statement whose value a full pref name has, checking the types of the default
    /// branches against their shipped defaults.
    pub fn applied(&self, name: &str) -> Option<&Set> {
        let shipped_ty = ["mail.server", "mail.smtpserver"]
            .iter()
            .find_map(|branch| {
                let rest = name.strip_prefix(branch)?.strip_prefix(".default.")?;
                shipped(branch, rest).map(|v| Ty::of(&v))
            });
        self.prefs.get(name).and_then(|v| effective(v, shipped_ty))
    }

    /// The file origin of a statement.
    pub fn origin(&self, set: &Set) -> Origin {
        Origin::at(&self.files[set.file], set.line)
    }

    /// A plain string pref without a default (account lists, keys), with its statement.
    pub fn string(&self, name: &str) -> Option<(String, &Set)> {
        let set = self.last(name)?;
        match &set.value {
            Value::Str(s) => Some((String::from_utf8_lossy(s).into_owned(), set)),
            _ => None,
        }
    }

    /// The effective value of `<branch>.default.<name>`: the last user value of the shipped type
    /// (others are rejected), or the shipped default, or `fallback`.
    pub fn default_value(
        &self,
        branch: &str,
        name: &str,
        ty: Ty,
        fallback: Value,
    ) -> Resolved<Value> {
        let def_name = format!("{branch}.default.{name}");
        let sets = self
            .prefs
            .get(&def_name)
            .map(|s| s.as_slice())
            .unwrap_or(&[]);
        let mut notes = Vec::new();
        let shipped = shipped(branch, name);
        let chosen = match &shipped {
            Some(sv) => {
                let want = Ty::of(sv);
                let chosen = effective(sets, Some(want));
                let later = chosen.map_or(0, |c| {
                    sets.iter().position(|s| std::ptr::eq(s, c)).unwrap_or(0) + 1
                });
                for s in sets[later..].iter().filter(|s| Ty::of(&s.value) != want) {
                    notes.push(Assumption::TbDefaultRejected {
                        pref: def_name.clone(),
                        value: typed(&s.value),
                        file: self.files[s.file].clone(),
                        line: s.line,
                        expected: want.typed(),
                    });
                }
                chosen
            }
            None => match effective(sets, None) {
                Some(s) if Ty::of(&s.value) != ty => {
                    notes.push(Assumption::TbDefaultIgnored {
                        pref: def_name.clone(),
                        value: typed(&s.value),
                        file: self.files[s.file].clone(),
                        line: s.line,
                    });
                    None
                }
                other => other,
            },
        };
        if let Some(s) = chosen.filter(|s| Ty::of(&s.value) == ty) {
            notes.extend(self.lock_note(&def_name, s));
            return Resolved {
                value: s.value.clone(),
                origin: self.origin(s),
                from_file: true,
                notes,
            };
        }
        let value = shipped.filter(|v| Ty::of(v) == ty).unwrap_or(fallback);
        Resolved {
            value,
            origin: client_default(),
            from_file: false,
            notes,
        }
    }

    /// The effective value of `<branch>.<key>.<name>`, falling back to the default branch.
    pub fn resolve(
        &self,
        branch: &str,
        key: &str,
        name: &str,
        ty: Ty,
        fallback: Value,
    ) -> Resolved<Value> {
        let own_name = format!("{branch}.{key}.{name}");
        let own = self.last(&own_name);
        if let Some(s) = own.filter(|s| Ty::of(&s.value) == ty) {
            return Resolved {
                value: s.value.clone(),
                origin: self.origin(s),
                from_file: true,
                notes: self.lock_note(&own_name, s).into_iter().collect(),
            };
        }
        let mut r = self.default_value(branch, name, ty, fallback);
        if let Some(s) = own {
            r.notes.insert(
                0,
                Assumption::TbValueIgnored {
                    pref: own_name,
                    value: typed(&s.value),
                    file: self.files[s.file].clone(),
                    line: s.line,
                    default_pref: r.from_file.then(|| format!("{branch}.default.{name}")),
                    applies: show(&r.value),
                },
            );
        }
        r
    }

    /// A server's own value only, for the few getters that skip the default branch.
    pub fn own(&self, branch: &str, key: &str, name: &str, ty: Ty) -> Option<&Set> {
        self.last(&format!("{branch}.{key}.{name}"))
            .filter(|s| Ty::of(&s.value) == ty)
    }
}

impl Resolved<Value> {
    /// The value as a bool; any other type reads as false, as a failed getter does.
    pub fn bool(&self) -> bool {
        matches!(self.value, Value::Bool(true))
    }

    /// The value as an integer; any other type reads as 0.
    pub fn int(&self) -> i32 {
        match self.value {
            Value::Int(i) => i,
            _ => 0,
        }
    }

    /// The value as text; any other type reads as "".
    pub fn text(&self) -> String {
        match &self.value {
            Value::Str(s) => String::from_utf8_lossy(s).into_owned(),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::prefs::{Pref, Spec};

    fn parsed(items: &[(&str, Value, u32)]) -> Parsed {
        Parsed {
            prefs: items
                .iter()
                .map(|(n, v, l)| Pref {
                    name: n.to_string(),
                    value: v.clone(),
                    spec: Spec::UserPref,
                    sticky: false,
                    locked: false,
                    line: *l,
                })
                .collect(),
            ..Parsed::default()
        }
    }

    #[test]
    fn own_value_wins_then_default_branch_then_shipped() {
        let mut st = PrefStore::default();
        st.add(
            "prefs.js",
            &parsed(&[
                ("mail.server.server1.leave_on_server", Value::Bool(true), 3),
                ("mail.server.default.check_time", Value::Int(5), 4),
            ]),
        );
        let r = st.resolve(
            "mail.server",
            "server1",
            "leave_on_server",
            Ty::Bool,
            Value::Bool(false),
        );
        assert!(r.bool());
        assert_eq!(r.origin, Origin::at("prefs.js", 3));
        let r = st.resolve(
            "mail.server",
            "server1",
            "check_time",
            Ty::Int,
            Value::Int(0),
        );
        assert_eq!(r.int(), 5);
        assert_eq!(r.origin, Origin::at("prefs.js", 4));
        let r = st.resolve(
            "mail.server",
            "server1",
            "num_days_to_leave_on_server",
            Ty::Int,
            Value::Int(0),
        );
        assert_eq!(r.int(), 7);
        assert!(!r.from_file);
    }

    fn with_spec(items: &[(&str, Value, u32, Spec)]) -> Parsed {
        let mut p = parsed(&[]);
        for (n, v, l, spec) in items {
            p.prefs.push(Pref {
                name: n.to_string(),
                value: v.clone(),
                spec: *spec,
                sticky: *spec == Spec::StickyPref,
                locked: false,
                line: *l,
            });
        }
        p
    }

    #[test]
    fn a_user_value_beats_a_default_value_in_either_order() {
        let name = "mail.server.server1.leave_on_server";
        let mut st = PrefStore::default();
        st.add(
            "prefs.js",
            &with_spec(&[(name, Value::Bool(false), 4, Spec::UserPref)]),
        );
        st.add(
            "user.js",
            &with_spec(&[(name, Value::Bool(true), 1, Spec::Pref)]),
        );
        let r = st.resolve(
            "mail.server",
            "server1",
            "leave_on_server",
            Ty::Bool,
            Value::Bool(false),
        );
        assert!(!r.bool());
        assert_eq!(r.origin, Origin::at("prefs.js", 4));

        let mut st = PrefStore::default();
        st.add(
            "user.js",
            &with_spec(&[
                (name, Value::Bool(true), 1, Spec::StickyPref),
                (name, Value::Bool(false), 2, Spec::UserPref),
            ]),
        );
        assert_eq!(st.last(name).map(|s| s.line), Some(2));
    }

    #[test]
    fn a_default_value_applies_when_no_user_value_exists() {
        let mut st = PrefStore::default();
        st.add(
            "user.js",
            &with_spec(&[
                (
                    "mail.server.server1.leave_on_server",
                    Value::Bool(true),
                    3,
                    Spec::Pref,
                ),
                (
                    "mail.server.default.check_time",
                    Value::Int(30),
                    5,
                    Spec::Pref,
                ),
            ]),
        );
        let r = st.resolve(
            "mail.server",
            "server1",
            "leave_on_server",
            Ty::Bool,
            Value::Bool(false),
        );
        assert!(r.bool());
        assert_eq!(r.origin, Origin::at("user.js", 3));
        // A default file value replaces the shipped default of the default branch.
        let r = st.resolve(
            "mail.server",
            "server1",
            "check_time",
            Ty::Int,
            Value::Int(0),
        );
        assert_eq!(r.int(), 30);
        assert_eq!(r.origin, Origin::at("user.js", 5));
    }

    #[test]
    fn types_are_checked_against_an_existing_default() {
        let name = "mail.server.server1.check_time";
        let mut st = PrefStore::default();
        // The user value comes first and fixes the type; a default of another type is rejected.
        st.add(
            "prefs.js",
            &with_spec(&[
                (name, Value::Str(b"5".to_vec()), 1, Spec::UserPref),
                (name, Value::Int(20), 2, Spec::Pref),
            ]),
        );
        assert_eq!(st.last(name).map(|s| s.line), Some(1));
        // A default first: a later user value of another type is rejected.
        let mut st = PrefStore::default();
        st.add(
            "prefs.js",
            &with_spec(&[
                (name, Value::Int(20), 1, Spec::Pref),
                (name, Value::Str(b"5".to_vec()), 2, Spec::UserPref),
            ]),
        );
        assert_eq!(st.last(name).map(|s| s.line), Some(1));
        // The shipped default of the default branch is a number: a string default is rejected.
        let mut st = PrefStore::default();
        st.add(
            "user.js",
            &with_spec(&[(
                "mail.server.default.check_time",
                Value::Str(b"30".to_vec()),
                1,
                Spec::Pref,
            )]),
        );
        let r = st.resolve("mail.server", "s", "check_time", Ty::Int, Value::Int(0));
        assert_eq!(r.int(), 10);
        assert!(
            matches!(r.notes[0], Assumption::TbDefaultRejected { .. }),
            "{:?}",
            r.notes
        );
    }

    #[test]
    fn wrong_type_on_a_shipped_default_is_rejected_and_said() {
        let mut st = PrefStore::default();
        st.add(
            "prefs.js",
            &parsed(&[("mail.server.default.check_time", Value::Int(3), 1)]),
        );
        st.add(
            "user.js",
            &parsed(&[(
                "mail.server.default.check_time",
                Value::Str(b"5".to_vec()),
                2,
            )]),
        );
        let r = st.resolve("mail.server", "s", "check_time", Ty::Int, Value::Int(0));
        assert_eq!(r.int(), 3);
        assert_eq!(r.notes.len(), 1);
        assert!(
            matches!(r.notes[0], Assumption::TbDefaultRejected { .. }),
            "{:?}",
            r.notes[0]
        );
    }
}
