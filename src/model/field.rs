//! The values of an access whose origin is recorded, named as the JSON report names them.

use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// A resolved value of an access; provenance is keyed by it.
///
/// Variants are declared in the order of their names so that provenance lists in the JSON
/// report keep the alphabetical order they had as text keys.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Auth,
    DeleteAfterDays,
    DeleteWhenDeletedLocally,
    Fetch,
    HeadersOnly,
    Host,
    /// One sender address, by the address.
    Identity(String),
    LeaveOnServer,
    Port,
    Protocol,
    Security,
    SizeLimitKib,
    Username,
}

impl Field {
    /// The fields that decide what a POP3 account does to the server's copies.
    pub const RETENTION: [Field; 4] = [
        Field::LeaveOnServer,
        Field::DeleteAfterDays,
        Field::DeleteWhenDeletedLocally,
        Field::HeadersOnly,
    ];

    /// The name in the JSON report: `leave_on_server`, `identities.info@example.jp`.
    pub fn key(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Field::Auth => "auth",
            Field::DeleteAfterDays => "delete_after_days",
            Field::DeleteWhenDeletedLocally => "delete_when_deleted_locally",
            Field::Fetch => "fetch",
            Field::HeadersOnly => "headers_only",
            Field::Host => "host",
            Field::Identity(address) => return Cow::Owned(format!("identities.{address}")),
            Field::LeaveOnServer => "leave_on_server",
            Field::Port => "port",
            Field::Protocol => "protocol",
            Field::Security => "security",
            Field::SizeLimitKib => "size_limit_kib",
            Field::Username => "username",
        })
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant, with identities whose names sort around the others' names.
    fn every() -> Vec<Field> {
        let all = vec![
            Field::Auth,
            Field::DeleteAfterDays,
            Field::DeleteWhenDeletedLocally,
            Field::Fetch,
            Field::HeadersOnly,
            Field::Host,
            Field::Identity("a@example.jp".into()),
            Field::Identity("z@example.jp".into()),
            Field::LeaveOnServer,
            Field::Port,
            Field::Protocol,
            Field::Security,
            Field::SizeLimitKib,
            Field::Username,
        ];
        // A new variant must be placed here as well as in the order of its name.
        for f in &all {
            match f {
                Field::Auth
                | Field::DeleteAfterDays
                | Field::DeleteWhenDeletedLocally
                | Field::Fetch
                | Field::HeadersOnly
                | Field::Host
                | Field::Identity(_)
                | Field::LeaveOnServer
                | Field::Port
                | Field::Protocol
                | Field::Security
                | Field::SizeLimitKib
                | Field::Username => {}
            }
        }
        all
    }

    #[test]
    fn fields_sort_as_their_names_do_and_the_names_are_unique() {
        let mut by_variant = every();
        by_variant.reverse();
        by_variant.sort();
        let mut by_name = every();
        by_name.sort_by_key(|f| f.key().into_owned());
        assert_eq!(by_variant, by_name);
        let mut names: Vec<_> = every().iter().map(|f| f.key().into_owned()).collect();
        names.dedup();
        assert_eq!(names.len(), every().len());
    }

    #[test]
    fn a_field_serializes_as_its_name() {
        let map: std::collections::BTreeMap<Field, u8> = [
            (Field::Identity("x@y.jp".into()), 1),
            (Field::HeadersOnly, 2),
        ]
        .into();
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            r#"{"headers_only":2,"identities.x@y.jp":1}"#
        );
    }
}
