//! What the migration checklist says, per language: the trait the renderers ask, made from
//! the typed steps of `migrate`. One implementation per language (`i18n/migrate_en.rs`,
//! `i18n/migrate_ja.rs`); each matches the typed data exhaustively, so a new field, value or
//! note fails to build until every language words it.

use super::i18n::{migrate_en, migrate_ja};
use crate::migrate::{Field, Method, Note, Step, Value};
use crate::model::{Effect, Lang, ProviderServer, Security};

/// Fixed words of the checklist.
#[derive(Debug)]
pub struct MigrateLabels {
    /// The change table's columns: setting, value today, new value.
    pub headers: [&'static str; 3],
    /// The Markdown table's tick column.
    pub done: &'static str,
    pub nothing_to_change: &'static str,
    /// Before a note in the terminal.
    pub note: &'static str,
    /// The heading over what the new host hands out.
    pub offer_title: &'static str,
    pub problems_title: &'static str,
    /// A value the device's files do not set (a port, a host).
    pub not_set: &'static str,
    /// A value the device's files do not say (a login method, a protocol).
    pub unknown: &'static str,
    /// "Incoming server" and "Outgoing server" in the list of what the new host hands out.
    pub servers: [&'static str; 2],
    /// Before a port number in that list.
    pub port: &'static str,
    /// Around a server's type: "Incoming server (POP3)".
    pub parens: [&'static str; 2],
    /// Between the parts of a server's description.
    pub sep: &'static str,
    /// Between authentication methods a server accepts.
    pub or: &'static str,
}

/// Everything the checklist says in one language.
pub trait MigrateCatalog: Sync {
    /// The fixed words.
    fn labels(&self) -> &'static MigrateLabels;
    /// "Migration to example.co.jp".
    fn title(&self, provider: &str) -> String;
    /// "6 accounts on its domains, 2 with settings to change".
    fn summary(&self, accounts: usize, to_change: usize) -> String;
    /// The line naming the file compared with, and the summary.
    fn compared_with(&self, path: &str, summary: &str) -> String;
    /// A setting, as a client's settings screen names it.
    fn field(&self, f: Field) -> &'static str;
    /// A value as people read it.
    fn value(&self, v: &Value) -> String {
        match v {
            Value::Text(s) => s.clone(),
            Value::Port(p) => p.to_string(),
            Value::Security(s) => self.security(*s).to_string(),
            Value::Auth(m) => self.method(m),
            Value::Protocol(k) => protocol(k),
        }
    }
    /// An encryption.
    fn security(&self, s: Security) -> &'static str;
    /// An authentication method.
    fn method(&self, m: &Method) -> String;
    /// A step's heading: device, program, account and mailbox.
    fn heading(&self, step: &Step) -> String;
    /// One server the new host hands out: "Incoming server (POP3): host, port 995, …".
    fn offer(&self, incoming: bool, s: &ProviderServer) -> String {
        let l = self.labels();
        let mut parts = vec![s.host.clone()];
        if let Some(p) = s.port {
            parts.push(format!("{} {p}", l.port));
        }
        if let Some(sec) = s.security {
            parts.push(self.security(sec).to_string());
        }
        let methods: Vec<String> = s
            .auth
            .iter()
            .map(|a| self.method(&Method::from_profile(a)))
            .collect();
        if !methods.is_empty() {
            parts.push(methods.join(l.or));
        }
        let [open, close] = l.parens;
        format!(
            "{}{open}{}{close}: {}",
            l.servers[usize::from(!incoming)],
            protocol(&s.kind),
            parts.join(l.sep)
        )
    }
    /// What a POP3 device set up anew does to the server copies.
    fn new_pop3_keeps(&self, e: Effect) -> String;
    /// The new host's file does not say what a POP3 device set up anew keeps.
    fn retention_unsaid(&self) -> &'static str;
    /// A device set up anew against what this one does now (`None`: not POP3 now).
    fn retention(&self, new: Effect, now: Option<Effect>) -> String;
    /// Where the program shows the settings to change, when its labels are known.
    fn where_to_change(&self, step: &Step) -> Option<String>;
    /// The first line of the terminal checklist: title, file compared with, summary.
    fn text_title(&self, provider: &str, path: &str, summary: &str) -> String;
    /// A note of a step.
    fn note(&self, n: &Note) -> String;
    /// No device reads a mailbox on the profile's domains.
    fn no_device(&self, domains: &[String]) -> String;
}

/// The checklist catalog of a language.
pub fn catalog(lang: Lang) -> &'static dyn MigrateCatalog {
    match lang {
        Lang::En => &migrate_en::En,
        Lang::Ja => &migrate_ja::Ja,
    }
}

/// Which of a step's changes are to the incoming server and which to the outgoing one.
pub fn sides(step: &Step) -> (bool, bool) {
    let outgoing = |f: Field| {
        matches!(
            f,
            Field::OutgoingHost
                | Field::OutgoingPort
                | Field::OutgoingSecurity
                | Field::OutgoingAuth
        )
    };
    (
        step.changes.iter().any(|c| !outgoing(c.field)),
        step.changes.iter().any(|c| outgoing(c.field)),
    )
}

/// A server type (`pop3`, `imap`, `smtp` …) as every language writes it.
pub fn protocol(kind: &str) -> String {
    match kind {
        "pop3" => "POP3".into(),
        "imap" => "IMAP".into(),
        "smtp" => "SMTP".into(),
        "exchange" => "Exchange".into(),
        other => other.to_string(),
    }
}

/// A change's value today, or the catalog's word for a value the files do not give.
pub fn from_words(c: &dyn MigrateCatalog, field: Field, from: Option<&Value>) -> String {
    let l = c.labels();
    match (from, field) {
        (Some(v), _) => c.value(v),
        // No file leaves these empty on purpose: the reader could not tell.
        (None, Field::Protocol | Field::Auth | Field::OutgoingAuth) => l.unknown.to_string(),
        (
            None,
            Field::Host
            | Field::Port
            | Field::Security
            | Field::Username
            | Field::OutgoingHost
            | Field::OutgoingPort
            | Field::OutgoingSecurity,
        ) => l.not_set.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Auth;

    const FIELDS: [Field; 10] = [
        Field::Protocol,
        Field::Host,
        Field::Port,
        Field::Security,
        Field::Auth,
        Field::Username,
        Field::OutgoingHost,
        Field::OutgoingPort,
        Field::OutgoingSecurity,
        Field::OutgoingAuth,
    ];

    fn notes() -> Vec<Note> {
        vec![
            Note::ProtocolNotOffered {
                now: "exchange".into(),
                offered: "imap".into(),
            },
            Note::AddressAssumed {
                domain: "example.co.jp".into(),
                address: "info@example.co.jp".into(),
            },
            Note::NoIncomingServer,
            Note::Pop3RetentionUnsaid,
        ]
    }

    #[test]
    fn every_field_and_note_has_distinct_words_in_both_languages() {
        for lang in [Lang::En, Lang::Ja] {
            let c = catalog(lang);
            let words: std::collections::BTreeSet<&str> =
                FIELDS.iter().map(|f| c.field(*f)).collect();
            assert_eq!(
                words.len(),
                FIELDS.len(),
                "{lang:?}: two fields share words"
            );
            for f in FIELDS {
                assert!(!c.field(f).contains('_'), "{lang:?}: {}", c.field(f));
                assert!(!from_words(c, f, None).is_empty());
            }
            let said: std::collections::BTreeSet<String> =
                notes().iter().map(|n| c.note(n)).collect();
            assert_eq!(said.len(), notes().len());
        }
    }

    #[test]
    fn japanese_is_japanese_and_polite() {
        let c = catalog(Lang::Ja);
        for n in notes() {
            let s = c.note(&n);
            assert!(s.ends_with("。"), "{s}");
            assert!(
                ["ます。", "です。", "ました。", "ません。"]
                    .iter()
                    .any(|e| s.ends_with(e)),
                "{s}"
            );
        }
        assert_eq!(c.field(Field::Host), "受信サーバー");
        assert_eq!(c.field(Field::Port), "ポート番号（受信）");
        assert_eq!(c.field(Field::Security), "暗号化方式（受信）");
        assert!(c.retention_unsaid().ends_with("。"));
        assert_eq!(
            c.method(&Method::Known(Auth::PasswordCleartext)),
            "通常のパスワード認証"
        );
    }

    #[test]
    fn english_names_settings_in_words() {
        let c = catalog(Lang::En);
        assert_eq!(c.field(Field::OutgoingSecurity), "Encryption (outgoing)");
        assert_eq!(c.value(&Value::Security(Security::Tls)), "SSL/TLS");
        assert_eq!(c.value(&Value::Port(995)), "995");
        assert_eq!(from_words(c, Field::Port, None), "not set");
        assert_eq!(c.method(&Method::Other("x-custom".into())), "x-custom");
    }
}
