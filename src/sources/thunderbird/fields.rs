//! Small steps every part of the Thunderbird resolution takes: recording a field's origin,
//! an assumption or a problem. A leaf below the account, server and retention modules, so
//! none of them imports its parent or a sibling that imports it back.

pub(super) use super::prefstore::client_default;
use super::prefstore::Resolved;
use crate::model::{Access, Assumption, Auth, Field, Location, Origin, Problem, ProblemKind};
use crate::sources::prefs::Value;

/// An empty string value.
pub(super) fn empty() -> Value {
    Value::Str(Vec::new())
}

/// Adds assumptions to the access, each once.
pub(super) fn note(access: &mut Access, notes: impl IntoIterator<Item = Assumption>) {
    for n in notes {
        if !access.assumptions.contains(&n) {
            access.assumptions.push(n);
        }
    }
}

/// Records where a field's value came from, and any ignored values on the way.
pub(super) fn set_field(access: &mut Access, field: Field, r: &Resolved<Value>) {
    access.provenance.insert(field, r.origin.clone());
    note(access, r.notes.iter().cloned());
}

/// nsMsgAuthMethod values (MailNewsTypes2.idl).
pub(super) fn auth_of(v: i32) -> Auth {
    match v {
        1 => Auth::None,
        // 2 is the pre-3.0 "old" method: POP3 USER/PASS and IMAP LOGIN send the password itself.
        2 | 3 => Auth::PasswordCleartext,
        4 => Auth::PasswordEncrypted,
        5 => Auth::Gssapi,
        6 => Auth::Ntlm,
        7 => Auth::ClientCert,
        10 => Auth::Oauth2,
        _ => Auth::Unknown,
    }
}

/// A problem at the origin's file and line.
pub(super) fn push_problem(problems: &mut Vec<Problem>, origin: &Origin, kind: ProblemKind) {
    if let Origin::File { path, line } = origin {
        problems.push(Problem::new(Location::maybe_at(path, *line), kind));
    }
}
