//! Provider profiles against the model: which mailboxes a profile covers, what its
//! placeholders become for one address, and which server a new device is handed.

use std::collections::HashMap;

use crate::model::{
    normalize_host, Effect, ProviderProfile, ProviderRetention, ProviderServer, Retention,
};

/// True when `host` is `domain` or a name under it (label by label, not by characters).
pub fn host_in_domain(host: &str, domain: &str) -> bool {
    let host = normalize_host(host);
    let domain = normalize_host(domain);
    !domain.is_empty()
        && (host == domain
            || host
                .strip_suffix(&domain)
                .is_some_and(|rest| rest.ends_with('.')))
}

/// A profile's domains by name, so finding the one that covers a mailbox costs the labels of
/// its host rather than a pass over every domain (a profile may list thousands).
pub struct DomainIndex<'p> {
    profile: &'p ProviderProfile,
    first: HashMap<String, usize>,
}

impl<'p> DomainIndex<'p> {
    /// Indexes the profile's domains; a name listed twice keeps its first place.
    pub fn new(profile: &'p ProviderProfile) -> Self {
        let mut first = HashMap::new();
        for (i, d) in profile.domains.iter().enumerate() {
            let name = normalize_host(d);
            if !name.is_empty() {
                first.entry(name).or_insert(i);
            }
        }
        DomainIndex { profile, first }
    }

    /// The profile domain that covers a mailbox: the domain of its key, else one its host lies
    /// under; of several, the one listed first.
    pub fn covering(&self, mailbox_key: &str, host: &str) -> Option<&'p str> {
        let key_domain = mailbox_key.rsplit_once('@').map(|(_, d)| normalize_host(d));
        let by_key = key_domain.and_then(|d| self.first.get(&d).copied());
        let index = by_key.or_else(|| {
            let host = normalize_host(host);
            let mut rest = host.as_str();
            let mut best: Option<usize> = None;
            // Every suffix that starts at a label: `pop.example.jp`, `example.jp`, `jp`.
            loop {
                if let Some(&i) = self.first.get(rest) {
                    best = Some(best.map_or(i, |b| b.min(i)));
                }
                match rest.split_once('.') {
                    Some((_, tail)) => rest = tail,
                    None => break,
                }
            }
            best
        })?;
        Some(self.profile.domains[index].as_str())
    }
}

/// Fills `%EMAILADDRESS%`, `%EMAILLOCALPART%` and `%EMAILDOMAIN%` from an address.
///
/// Every occurrence is replaced, as the draft standard asks; real files hold each at most once.
pub fn fill(template: &str, address: &str) -> String {
    let (local, domain) = address.rsplit_once('@').unwrap_or((address, ""));
    template
        .replace("%EMAILADDRESS%", address)
        .replace("%EMAILLOCALPART%", local)
        .replace("%EMAILDOMAIN%", domain)
}

/// The server a new device of this protocol is handed: the first one listed of that type.
pub fn preferred<'p>(profile: &'p ProviderProfile, kind: &str) -> Option<&'p ProviderServer> {
    profile.incoming.iter().find(|s| s.kind == kind)
}

/// True when the profile lists an IMAP (or other) server before its first POP3 server.
pub fn pop3_is_alternative(profile: &ProviderProfile) -> bool {
    profile.incoming.first().is_some_and(|s| s.kind != "pop3")
}

/// The effect on server copies of a retention a profile hands out.
pub fn effect(r: &ProviderRetention) -> Effect {
    Retention {
        leave_on_server: r.leave_on_server,
        delete_after_days: r.delete_after_days,
        delete_when_deleted_locally: r.delete_when_deleted_locally,
        headers_only: false,
        size_limit_kib: None,
    }
    .effect()
}

/// The incoming host names a profile offers for reading mail, filled in for one address.
pub fn mail_hosts(profile: &ProviderProfile, address: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in &profile.incoming {
        if matches!(s.kind.as_str(), "pop3" | "imap") {
            let h = normalize_host(&fill(&s.host, address));
            if !out.contains(&h) {
                out.push(h);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;

    fn profile(domains: &[&str], servers: &[(&str, &str)]) -> ProviderProfile {
        ProviderProfile {
            id: domains[0].to_string(),
            domains: domains.iter().map(|d| d.to_string()).collect(),
            source: Evidence {
                path: "p.xml".into(),
                line: Some(1),
                col: None,
            },
            incoming: servers
                .iter()
                .map(|(k, h)| ProviderServer {
                    kind: k.to_string(),
                    host: h.to_string(),
                    port: None,
                    security: None,
                    auth: vec![],
                    username: None,
                    source: None,
                })
                .collect(),
            outgoing: vec![],
            pop3_retention: None,
            notes: vec![],
            note_text: vec![],
        }
    }

    #[test]
    fn domains_match_by_label() {
        assert!(host_in_domain("pop.example.co.jp", "example.co.jp"));
        assert!(host_in_domain("Example.co.jp.", "example.co.jp"));
        assert!(!host_in_domain("pop.badexample.co.jp", "example.co.jp"));
        assert!(!host_in_domain("pop.example.co.jp", ""));
    }

    #[test]
    fn a_mailbox_is_covered_by_key_or_host() {
        let p = profile(&["example.co.jp", "example.jp"], &[]);
        assert_eq!(
            DomainIndex::new(&p).covering("info@example.jp", "mail.other.example"),
            Some("example.jp")
        );
        assert_eq!(
            DomainIndex::new(&p).covering("info@pop.example.co.jp", "pop.example.co.jp"),
            Some("example.co.jp")
        );
        assert_eq!(
            DomainIndex::new(&p).covering("info@other.example", "pop.other.example"),
            None
        );
    }

    #[test]
    fn of_two_covering_domains_the_first_listed_wins() {
        let p = profile(&["example.jp", "mail.example.jp", "Other.Example."], &[]);
        let index = DomainIndex::new(&p);
        assert_eq!(
            index.covering("info@x.example", "pop.mail.example.jp"),
            Some("example.jp")
        );
        assert_eq!(
            index.covering("info@other.example", "pop.x.example"),
            Some("Other.Example.")
        );
        assert_eq!(index.covering("info@x.example", "jp"), None);
    }

    #[test]
    fn placeholders_and_preference() {
        assert_eq!(
            fill("%EMAILLOCALPART%.%EMAILDOMAIN%", "info@example.jp"),
            "info.example.jp"
        );
        assert_eq!(fill("%EMAILADDRESS", "info@example.jp"), "%EMAILADDRESS");
        let p = profile(
            &["example.jp"],
            &[
                ("imap", "imap.%EMAILDOMAIN%"),
                ("pop3", "pop.example.jp"),
                ("ews", "x.example"),
            ],
        );
        assert!(pop3_is_alternative(&p));
        assert_eq!(preferred(&p, "pop3").unwrap().host, "pop.example.jp");
        assert_eq!(
            mail_hosts(&p, "a@example.jp"),
            ["imap.example.jp", "pop.example.jp"]
        );
    }

    #[test]
    fn effects_of_profile_retention() {
        let r = |leave, days| ProviderRetention {
            leave_on_server: leave,
            delete_after_days: days,
            delete_when_deleted_locally: true,
            source: None,
        };
        assert_eq!(effect(&r(false, Some(14))), Effect::RemovesAtDownload);
        assert_eq!(effect(&r(true, Some(14))), Effect::KeepsDays(14));
        assert_eq!(effect(&r(true, None)), Effect::KeepsUntilDeleted);
    }
}
