//! Accesses described by hand in the site file's `[[manual]]` entries.

use crate::model::{Access, Client, Evidence, Fetch, Origin, Protocol, Retention, Security};
use crate::site::{ManualEntry, Site, SiteError};

/// Turns every `[[manual]]` entry into an access; an entry that cannot stand is an error naming its line.
pub fn accesses(site: &Site) -> Result<Vec<Access>, SiteError> {
    site.manual
        .iter()
        .map(|spanned| {
            let line = site.line_of(spanned.span().start);
            access(spanned.get_ref(), &site.path, line)
        })
        .collect()
}

fn err(path: &str, line: u32, message: String) -> SiteError {
    SiteError {
        path: path.to_string(),
        line,
        col: 1,
        message,
    }
}

fn access(e: &ManualEntry, path: &str, line: u32) -> Result<Access, SiteError> {
    let here = Origin::at(path, line);
    let protocol = match e.protocol.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("pop3") | Some("pop") => Protocol::Pop3,
        Some("imap") => Protocol::Imap,
        Some("exchange") => Protocol::Exchange,
        Some(other) => {
            return Err(err(
                path,
                line,
                format!("unknown protocol `{other}` in [[manual]]; use pop3, imap or exchange"),
            ))
        }
        None => Protocol::Unknown,
    };
    let mailbox = e
        .mailbox
        .clone()
        .or_else(|| e.username.clone().filter(|u| u.contains('@')))
        .ok_or_else(|| err(path, line, "[[manual]] entry needs `mailbox` (the address it reads)".into()))?;
    let mut a = Access::new(
        Client::Manual,
        e.account.as_deref().unwrap_or(&e.client),
        protocol,
        Evidence {
            path: path.to_string(),
            line: Some(line),
        },
    );
    a.device = e.device.clone();
    a.username = e.username.clone().unwrap_or_else(|| mailbox.clone());
    a.mailbox = mailbox.to_lowercase();
    a.host = e.host.clone().unwrap_or_default();
    a.port = e.port;
    a.security = match e.security.as_deref() {
        Some("tls") | Some("ssl") => Security::Tls,
        Some("starttls") => Security::Starttls,
        Some("none") => Security::None,
        Some(other) => {
            return Err(err(
                path,
                line,
                format!("unknown security `{other}` in [[manual]]; use tls, starttls or none"),
            ))
        }
        None => Security::Tls,
    };
    a.fetch = Fetch {
        automatic: e.fetch_interval_minutes.is_some(),
        interval_minutes: e.fetch_interval_minutes,
        at_startup: false,
    };
    a.identities = e.identities.clone();
    if protocol == Protocol::Pop3 {
        let leave = e.leave_on_server.ok_or_else(|| {
            err(
                path,
                line,
                format!(
                    "[[manual]] entry for `{}` uses pop3: give `leave_on_server`",
                    e.device
                ),
            )
        })?;
        a.retention = Some(Retention {
            leave_on_server: leave,
            delete_after_days: e.delete_after_days.filter(|d| *d != 0),
            delete_when_deleted_locally: e.delete_when_deleted_locally.unwrap_or(false),
            headers_only: false,
            size_limit_kib: None,
        });
        for f in ["leave_on_server", "delete_after_days", "delete_when_deleted_locally"] {
            a.provenance.insert(f.to_string(), here.clone());
        }
    }
    Ok(a)
}
