//! The rule registry: one module per rule, each with its documentation.

mod delete_follows_user;
mod delete_on_download;
mod headers_only_growth;
mod insecure_transport;
mod pop_imap_mix;
mod provider_default_conflict;
mod sender_domain_mismatch;
mod shared_address;
mod short_retention_window;
mod unbounded_growth;

use super::Rule;

/// Every rule, in documentation order.
pub static ALL: &[&dyn Rule] = &[
    &delete_on_download::DeleteOnDownload,
    &short_retention_window::ShortRetentionWindow,
    &unbounded_growth::UnboundedGrowth,
    &delete_follows_user::DeleteFollowsUser,
    &pop_imap_mix::PopImapMix,
    &headers_only_growth::HeadersOnlyGrowth,
    &shared_address::SharedAddress,
    &insecure_transport::InsecureTransport,
    &sender_domain_mismatch::SenderDomainMismatch,
    &provider_default_conflict::ProviderDefaultConflict,
];
