//! `server/<mailbox>.sieve`: a copy to every own address, the original stays in INBOX.

use super::plain_address;
use crate::plan::Recommendation;

/// Dovecot's default `sieve_max_redirects`: a script with more fails at delivery time,
/// although `sievec` compiles it.
pub const MAX_REDIRECTS: usize = 4;

/// The script, or why there is none.
pub fn render(r: &Recommendation) -> Result<String, String> {
    if r.forwards.len() > MAX_REDIRECTS {
        return Err(format!(
            "{} forwards are more than the {MAX_REDIRECTS} redirects Dovecot allows by default (sieve_max_redirects); use postfix-virtual instead",
            r.forwards.len()
        ));
    }
    if let Some(f) = r.forwards.iter().find(|f| !plain_address(&f.address)) {
        return Err(format!(
            "the address for {} is not a plain address; not written into a script",
            f.device
        ));
    }
    let mut s = format!(
        "# {}: keep every message in INBOX and send a copy to each own address.\r\n# Dovecot Pigeonhole; install as this mailbox's active script.\r\nrequire [\"copy\"];\r\n",
        r.mailbox
    );
    for f in &r.forwards {
        s.push_str(&format!("redirect :copy \"{}\";\r\n", f.address));
    }
    Ok(s)
}
