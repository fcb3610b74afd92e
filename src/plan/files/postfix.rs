//! `server/postfix-virtual`: the shared address aliased to itself and the own addresses.

use super::plain_address;
use crate::plan::Recommendation;

/// Virtual-alias lines; the shared address comes first so its own mailbox keeps a copy.
pub fn render(recs: &[&Recommendation]) -> String {
    let mut s = String::from(
        "# Postfix virtual_alias_maps: the shared address keeps its copy and every own address gets one.\n# Run `postmap` on this file after adding the lines.\n",
    );
    for r in recs {
        let targets: Vec<&str> = std::iter::once(r.mailbox.as_str())
            .chain(r.forwards.iter().map(|f| f.address.as_str()))
            .filter(|a| plain_address(a))
            .collect();
        if targets.len() > 1 && plain_address(&r.mailbox) {
            s.push_str(&format!("{}\t{}\n", r.mailbox, targets.join(", ")));
        }
    }
    s
}
