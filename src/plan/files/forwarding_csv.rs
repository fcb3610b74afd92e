//! `server/forwarding.csv`: from, to, keep a copy; UTF-8 with a BOM so Excel reads it.

use crate::plan::Recommendation;
use crate::present::sanitize::csv_field;

/// The neutral forwarding list, one row per target.
pub fn render(recs: &[Recommendation]) -> Vec<u8> {
    let mut s = String::from("\u{feff}from,to,keep_copy\r\n");
    for r in recs {
        for f in &r.forwards {
            s.push_str(&format!(
                "{},{},yes\r\n",
                csv_field(&r.mailbox),
                csv_field(&f.address)
            ));
        }
    }
    s.into_bytes()
}
