//! English words of the migration checklist.

use crate::migrate::{Field, Method, Note, Step};
use crate::model::Lang;
use crate::model::{Auth, Effect, Security};
use crate::report::i18n::catalog;
use crate::report::migration_text::{protocol, sides, MigrateCatalog, MigrateLabels};

/// The English checklist catalog.
pub struct En;

static LABELS: MigrateLabels = MigrateLabels {
    headers: ["Setting", "Now", "New"],
    done: "Done",
    nothing_to_change: "Nothing to change.",
    note: "note",
    offer_title: "What the new host hands out",
    problems_title: "Files that could not be read",
    not_set: "not set",
    unknown: "unknown",
    servers: ["Incoming server", "Outgoing server"],
    port: "port",
    parens: [" (", ")"],
    sep: ", ",
    or: " or ",
};

/// What a retention does, in the scan report's words.
fn effect(e: Effect) -> String {
    catalog(Lang::En).effect(e)
}

impl MigrateCatalog for En {
    fn labels(&self) -> &'static MigrateLabels {
        &LABELS
    }

    fn title(&self, provider: &str) -> String {
        format!("Migration to {provider}")
    }

    fn summary(&self, accounts: usize, to_change: usize) -> String {
        format!(
            "{accounts} account{} on its domains, {to_change} with settings to change",
            if accounts == 1 { "" } else { "s" }
        )
    }

    fn compared_with(&self, path: &str, summary: &str) -> String {
        format!("Compared with {path}: {summary}.")
    }

    fn field(&self, f: Field) -> &'static str {
        match f {
            Field::Protocol => "Server type",
            Field::Host => "Incoming server",
            Field::Port => "Port (incoming)",
            Field::Security => "Encryption (incoming)",
            Field::Auth => "Authentication (incoming)",
            Field::Username => "User name",
            Field::OutgoingHost => "Outgoing server (SMTP)",
            Field::OutgoingPort => "Port (outgoing)",
            Field::OutgoingSecurity => "Encryption (outgoing)",
            Field::OutgoingAuth => "Authentication (outgoing)",
        }
    }

    fn security(&self, s: Security) -> &'static str {
        match s {
            Security::Tls => "SSL/TLS",
            Security::Starttls => "STARTTLS",
            Security::None => "None",
        }
    }

    fn method(&self, m: &Method) -> String {
        match m {
            Method::Known(a) => match a {
                Auth::PasswordCleartext => "Normal password",
                Auth::PasswordEncrypted => "Encrypted password",
                Auth::Oauth2 => "OAuth2",
                Auth::Gssapi => "Kerberos / GSSAPI",
                Auth::Ntlm => "NTLM",
                Auth::ClientCert => "TLS certificate",
                Auth::None => "No authentication",
                Auth::Unknown => "unknown",
            }
            .to_string(),
            Method::ClientIpAddress => "By the sender's network address".to_string(),
            Method::SmtpAfterPop => "SMTP after POP (POP before SMTP)".to_string(),
            Method::Other(s) => s.clone(),
        }
    }

    fn heading(&self, step: &Step) -> String {
        format!(
            "{} ({}, account {}): {}",
            step.device,
            catalog(Lang::En).program(&step.program),
            step.account,
            step.mailbox
        )
    }

    fn new_pop3_keeps(&self, e: Effect) -> String {
        format!("A POP3 device set up anew {}.", effect(e))
    }

    fn retention_unsaid(&self) -> &'static str {
        "The file does not say how long POP3 mail stays on the server."
    }

    fn retention(&self, new: Effect, now: Option<Effect>) -> String {
        match now {
            Some(now) if now == new => {
                format!("A device set up anew {}, as this one does.", effect(new))
            }
            Some(now) => format!(
                "A device set up anew {}; this one {}.",
                effect(new),
                effect(now)
            ),
            None => format!("Set up anew over POP3, a device {}.", effect(new)),
        }
    }

    fn where_to_change(&self, step: &Step) -> Option<String> {
        match (step.program.as_str(), sides(step)) {
            ("thunderbird", (true, true)) => Some("In Thunderbird: Account Settings, Server Settings for the incoming server; Outgoing Server (SMTP) for the outgoing one.".into()),
            ("thunderbird", (true, false)) => Some("In Thunderbird: Account Settings, Server Settings.".into()),
            ("thunderbird", (false, true)) => Some("In Thunderbird: Account Settings, Outgoing Server (SMTP).".into()),
            _ => None,
        }
    }

    fn text_title(&self, provider: &str, path: &str, summary: &str) -> String {
        format!("{} ({path}): {summary}", self.title(provider))
    }

    fn note(&self, n: &Note) -> String {
        match n {
            Note::ProtocolNotOffered { now, offered } => format!(
                "The new host offers no {}; a device set up anew connects over {}.",
                protocol(now),
                protocol(offered)
            ),
            Note::AddressAssumed { domain, address } => format!(
                "No address on {domain} is set up on this account; {address} was assumed from the login name."
            ),
            Note::NoIncomingServer => "The new host's file offers no incoming server.".to_string(),
            Note::Pop3RetentionUnsaid => "The new host's file says nothing about keeping POP3 mail on the server; a device set up anew keeps what its mail program does by default.".to_string(),
        }
    }

    fn no_device(&self, domains: &[String]) -> String {
        format!("No device reads a mailbox on {}.", domains.join(", "))
    }
}
