//! Outlook, Outlook Express and OMI account settings found in a regedit export.
//!
//! The grammar is [`super::regfile`]; this module replays the export into a small
//! registry (later keys win, `[-KEY]` and `"name"=-` delete), finds every account
//! under the profile roots of Outlook 97–365 and the Outlook Express / OMI account
//! managers, and resolves each to an [`Access`] with Outlook's own defaults.
//! The bit-field and four-flag retention decoders, and the step from an account's
//! stored facts to an [`Access`] (`account`), are shared with the PRF and `.oeaccount`
//! readers.

mod account;
mod legacy;
mod mapi;
mod registry;
mod retention;

pub use super::ports::{implicit_tls_port, incoming_security, smtp_security, IncomingSecurity};
pub(crate) use account::{
    assume_removal, leave_bits, set_retention, tcp_port, AbsentLeave, AccountFacts, FetchFacts,
    FourFlags, Named, Origins, SmtpAuth, SmtpFacts,
};
pub use retention::{
    decode_four_flags, decode_leave_bits, smtp_secure_connection, smtp_ssl_flag, DecodedRetention,
    LEAVE_ON_SERVER, REMOVE_AFTER, REMOVE_ON_NUKE,
};

use super::regfile;
use super::{Ctx, Input, Readout};
use crate::model::{Assumption, Problem, ProblemKind, SyntaxCode, TextPart};
use crate::text::{decode, Fallback};
use legacy::old_account;
use mapi::{mapi_account, MapiCtx};
use registry::{default_profiles, key_name, locate, Labels, Location, Node, Registry};

/// Decodes a PRF or `.oeaccount` file (BOM, UTF-8, else the ANSI code page); bytes that
/// do not decode are one problem saying that `part` of the text may be garbled.
pub(crate) fn decode_reported(
    bytes: &[u8],
    rel: &str,
    part: TextPart,
    problems: &mut Vec<Problem>,
) -> String {
    let decoded = decode(bytes, Fallback::Ansi);
    if decoded.lossy {
        let kind = ProblemKind::BytesNotValid {
            encoding: decoded.encoding.to_string(),
            part,
        };
        problems.push(Problem::new(crate::model::Location::file(rel), kind));
    }
    decoded.text
}

/// Reads one `.reg` export and returns every POP3 and IMAP account it holds.
pub fn read_reg(input: &Input, ctx: &Ctx) -> Readout {
    ctx.read_with(&input.path, read_reg_bytes)
}

/// Reads the bytes of a `.reg` export; `rel` is the path shown in reports.
pub fn read_reg_bytes(bytes: &[u8], rel: &str) -> Readout {
    let mut file = regfile::parse(bytes);
    let mut out = Readout::default();
    for e in &file.errors {
        out.problems.push(Problem::syntax(
            SyntaxCode::RegSyntax,
            rel,
            e.line,
            None,
            e.message.clone(),
        ));
    }
    if file.errors_more > 0 {
        out.problems
            .push(crate::sources::limit::more(rel, file.errors_more));
    }
    // Unparsed lines by the key they belong to, found once rather than once per account.
    let mut errors_of: std::collections::HashMap<String, Vec<&regfile::RegError>> =
        std::collections::HashMap::new();
    for e in &file.errors {
        if let Some(k) = e.key.and_then(|k| file.keys.get(k)) {
            errors_of
                .entry(k.path.to_ascii_lowercase())
                .or_default()
                .push(e);
        }
    }
    let late_keys: std::collections::HashSet<String> = file
        .late_error_keys
        .iter()
        .filter_map(|&k| file.keys.get(k))
        .map(|k| k.path.to_ascii_lowercase())
        .collect();
    let cut_key = file
        .keys
        .last()
        .filter(|_| file.truncated)
        .map(|k| (k.path.to_ascii_lowercase(), k.line));
    let registry = Registry::replay(&mut file.keys);
    let mut found: Vec<(Location, &Node)> = registry
        .nodes
        .values()
        .filter_map(|n| locate(&n.path).map(|l| (l, n)))
        .collect();
    found.sort_by_key(|(_, n)| n.line);
    if found.is_empty() && !file.keys.is_empty() {
        // Most often the wrong key was exported; say which one is wanted.
        out.problems.push(Problem::new(
            crate::model::Location::file(rel),
            ProblemKind::NoOutlookAccountKeys,
        ));
    }
    let defaults = default_profiles(&registry);
    let labels = Labels::new(&found);
    for (loc, node) in &found {
        let mut probs = Vec::new();
        let access = match loc {
            Location::Mapi {
                user,
                root,
                profile,
            } => {
                let ctx = MapiCtx {
                    rel,
                    version: file.version,
                    root,
                    label: labels.label(user, root, profile, &defaults),
                    default: defaults.get(&(user.clone(), root.clone())).cloned(),
                    profile,
                    many_profiles: labels.many_profiles,
                };
                mapi_account(node, &ctx, &mut probs)
            }
            Location::OldManager { kind } => {
                old_account(node, *kind, rel, file.version, &mut probs)
            }
        };
        let lower = node.path.to_ascii_lowercase();
        if let Some((_, line)) = cut_key.as_ref().filter(|(k, _)| *k == lower) {
            // Whatever is missing from a cut-off key (a server, `Leave on Server`) would
            // otherwise be filled with defaults and misreport the account.
            if access.is_some() || !probs.is_empty() {
                out.problems.push(Problem::new(
                    crate::model::Location::at(rel, *line),
                    ProblemKind::RegAccountCutShort {
                        key: key_name(&node.path).to_string(),
                    },
                ));
            }
            continue;
        }
        out.problems.append(&mut probs);
        let Some(mut a) = access else { continue };
        for e in errors_of.get(&lower).into_iter().flatten() {
            a.assumptions.push(Assumption::RegLineUnreadable {
                line: e.line,
                error: e.message.clone(),
            });
        }
        if late_keys.contains(&lower) {
            a.assumptions.push(Assumption::RegLinesUnreadable);
        }
        out.accesses.push(a);
    }
    out
}
