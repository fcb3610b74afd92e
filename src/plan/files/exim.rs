//! `server/<mailbox>.exim-filter`: cPanel's filters are Exim filters; `unseen deliver` keeps
//! the original in the mailbox, where a plain `deliver` would end its delivery.

use super::plain_address;
use crate::plan::Recommendation;

/// The filter for one shared address: an `unseen deliver` per own address.
pub fn render(r: &Recommendation) -> String {
    let mut s = format!(
        "# Exim filter\n# {}: a copy to each own address; `unseen` keeps the message in this mailbox too.\n",
        r.mailbox
    );
    for f in r.forwards.iter().filter(|f| plain_address(&f.address)) {
        s.push_str(&format!("unseen deliver \"{}\"\n", f.address));
    }
    s
}
