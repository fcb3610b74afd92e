//! The rule IDs: one enum, so a finding, its documentation and its catalog entries cannot
//! disagree about a name.

use serde::Serialize;

/// A rule's stable kebab-case ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    DeleteOnDownload,
    ShortRetentionWindow,
    UnboundedGrowth,
    DeleteFollowsUser,
    PopImapMix,
    HeadersOnlyGrowth,
    SharedAddress,
    InsecureTransport,
    SenderDomainMismatch,
    ProviderDefaultConflict,
}

impl RuleId {
    /// Every rule ID, in documentation order.
    pub const ALL: [RuleId; 10] = [
        RuleId::DeleteOnDownload,
        RuleId::ShortRetentionWindow,
        RuleId::UnboundedGrowth,
        RuleId::DeleteFollowsUser,
        RuleId::PopImapMix,
        RuleId::HeadersOnlyGrowth,
        RuleId::SharedAddress,
        RuleId::InsecureTransport,
        RuleId::SenderDomainMismatch,
        RuleId::ProviderDefaultConflict,
    ];

    /// The kebab-case name used in reports, JSON and `mailaudit explain`.
    pub fn name(self) -> &'static str {
        match self {
            RuleId::DeleteOnDownload => "delete-on-download",
            RuleId::ShortRetentionWindow => "short-retention-window",
            RuleId::UnboundedGrowth => "unbounded-growth",
            RuleId::DeleteFollowsUser => "delete-follows-user",
            RuleId::PopImapMix => "pop-imap-mix",
            RuleId::HeadersOnlyGrowth => "headers-only-growth",
            RuleId::SharedAddress => "shared-address",
            RuleId::InsecureTransport => "insecure-transport",
            RuleId::SenderDomainMismatch => "sender-domain-mismatch",
            RuleId::ProviderDefaultConflict => "provider-default-conflict",
        }
    }

    /// The ID with this name.
    pub fn parse(name: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_parse_back() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RuleId::ALL {
            assert!(seen.insert(r.name()), "{} twice", r.name());
            assert!(r.name().chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert_eq!(RuleId::parse(r.name()), Some(r));
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.name())
            );
        }
    }
}
