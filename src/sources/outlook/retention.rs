//! Decoders shared by the Outlook, PRF and Windows Mail readers: the `Leave on Server`
//! bit field, the four separate leave/remove settings, and SMTP encryption values.

use crate::model::{Assumption, Origin, Retention, RetentionAnomaly, Security};

/// `PROP_POP_LEAVE_ON_SERVER` bit: keep a copy on the server.
pub const LEAVE_ON_SERVER: u32 = 0x1;
/// `PROP_POP_LEAVE_ON_SERVER` bit: remove N days after download (N = value >> 16).
pub const REMOVE_AFTER: u32 = 0x2;
/// `PROP_POP_LEAVE_ON_SERVER` bit: remove when deleted from Deleted Items.
pub const REMOVE_ON_NUKE: u32 = 0x4;

/// A retention decoded from a client's own fields, with what had to be assumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedRetention {
    /// The effective retention.
    pub retention: Retention,
    /// Entries for `Access::assumptions`.
    pub assumptions: Vec<Assumption>,
    /// Set when the combination has no documented meaning (a Problem is due).
    pub anomaly: Option<RetentionAnomaly>,
    /// Set when `delete_after_days` is an assumption, not a reading.
    pub days_assumed: Option<Assumption>,
}

impl DecodedRetention {
    /// Provenance for `delete_after_days`: `read` when the file decides it, else the assumption.
    pub fn days_origin(&self, read: Origin) -> Origin {
        match &self.days_assumed {
            Some(reason) => Origin::assumed(reason.clone()),
            None => read,
        }
    }
}

/// A POP3 retention without headers-only or size limits.
pub(super) fn retention(leave: bool, days: Option<i64>, nuke: bool) -> Retention {
    Retention {
        leave_on_server: leave,
        delete_after_days: days,
        delete_when_deleted_locally: nuke,
        headers_only: false,
        size_limit_kib: None,
    }
}

/// Decodes Outlook's `Leave on Server` / PRF `LeaveOnServer` bit field.
///
/// Bit 0x1 clear removes at download whatever else is set (the dialog greys the
/// sub-options out); days count only with 0x2; 0x2 with 0 days is anomalous and read,
/// as an assumption, as removal at the next fetch.
pub fn decode_leave_bits(value: u32) -> DecodedRetention {
    let mut assumptions = Vec::new();
    let mut anomaly = None;
    let mut days_assumed = None;
    let days = value >> 16;
    let undocumented = value & 0xFFF8;
    if undocumented != 0 {
        assumptions.push(Assumption::LeaveBitsUndocumented {
            value,
            bits: undocumented,
        });
    }
    if value & LEAVE_ON_SERVER == 0 {
        if value & (REMOVE_AFTER | REMOVE_ON_NUKE) != 0 || days != 0 {
            assumptions.push(Assumption::LeaveBitsRemovalWithoutLeave { value });
        }
        return DecodedRetention {
            retention: retention(false, None, false),
            assumptions,
            anomaly,
            days_assumed,
        };
    }
    let nuke = value & REMOVE_ON_NUKE != 0;
    let delete_after = if value & REMOVE_AFTER == 0 {
        None
    } else if days == 0 {
        let odd = RetentionAnomaly::LeaveBitsZeroDays { value };
        assumptions.push(odd.assumption());
        anomaly = Some(odd);
        days_assumed = Some(odd.assumption());
        Some(-1)
    } else {
        Some(i64::from(days))
    };
    DecodedRetention {
        retention: retention(true, delete_after, nuke),
        assumptions,
        anomaly,
        days_assumed,
    }
}

/// Decodes the four separate settings of Outlook Express, Windows Mail, Windows Live
/// Mail and Outlook 97–2000 PRF files: leave, remove when deleted, remove when expired, days.
pub fn decode_four_flags(
    leave: bool,
    remove_deleted: bool,
    remove_expired: bool,
    days: Option<u32>,
) -> DecodedRetention {
    let mut assumptions = Vec::new();
    let mut anomaly = None;
    let mut days_assumed = None;
    if !leave {
        if remove_deleted || remove_expired {
            assumptions.push(Assumption::FourFlagsRemovalWithoutLeave);
        }
        return DecodedRetention {
            retention: retention(false, None, false),
            assumptions,
            anomaly,
            days_assumed,
        };
    }
    let delete_after = match (remove_expired, days) {
        (false, _) => None,
        (true, Some(d)) if d > 0 => Some(i64::from(d)),
        (true, _) => {
            let odd = RetentionAnomaly::FourFlagsNoDays {
                days_stored: days.is_some(),
            };
            assumptions.push(odd.assumption());
            anomaly = Some(odd);
            days_assumed = Some(odd.assumption());
            Some(-1)
        }
    };
    DecodedRetention {
        retention: retention(true, delete_after, remove_deleted),
        assumptions,
        anomaly,
        days_assumed,
    }
}

/// Security of an SMTP connection from Outlook's `SMTP Secure Connection` (0 none, 1 SSL, 2 TLS, 3 Auto).
///
/// That 1 means implicit TLS and 2 STARTTLS is inferred from real exports (1 with port 465);
/// Auto is resolved by port. Returns the security and, when inferred, the assumption.
pub fn smtp_secure_connection(value: u32, port: u16) -> (Security, Option<Assumption>) {
    match value {
        0 => (Security::None, None),
        1 => (Security::Tls, None),
        2 => (Security::Starttls, None),
        3 => {
            let s = by_port(port);
            (s, Some(Assumption::SmtpAuto { security: s, port }))
        }
        other => (
            Security::None,
            Some(Assumption::SmtpUndocumented { value: other }),
        ),
    }
}

/// A single "requires an encrypted connection" checkbox for SMTP: implicit TLS on 465, else STARTTLS.
pub fn smtp_ssl_flag(on: bool, port: u16) -> (Security, Option<Assumption>) {
    if !on {
        return (Security::None, None);
    }
    let s = by_port(port);
    (s, Some(Assumption::SmtpCheckbox { security: s, port }))
}

fn by_port(port: u16) -> Security {
    if port == 465 {
        Security::Tls
    } else {
        Security::Starttls
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leave_bits_decoding_table() {
        let r = |v| decode_leave_bits(v).retention;
        assert_eq!(r(0x0), retention(false, None, false));
        assert_eq!(r(0x1), retention(true, None, false));
        assert_eq!(r(0x0005_0001), retention(true, None, false));
        assert_eq!(r(0x000e_0003), retention(true, Some(14), false));
        assert_eq!(r(0x0014_0003), retention(true, Some(20), false));
        assert_eq!(r(0x0002_0007), retention(true, Some(2), true));
        assert_eq!(r(0x5), retention(true, None, true));
        assert_eq!(r(0x000e_0006), retention(false, None, false));
        let z = decode_leave_bits(0x3);
        assert!(z.anomaly.is_some());
        assert_eq!(z.retention.delete_after_days, Some(-1));
        assert_eq!(
            z.days_assumed,
            Some(Assumption::LeaveBitsZeroDays { value: 0x3 })
        );
        assert_eq!(
            z.anomaly,
            Some(RetentionAnomaly::LeaveBitsZeroDays { value: 0x3 })
        );
        assert!(matches!(
            z.days_origin(Origin::at("a.reg", 3)),
            Origin::Assumed { .. }
        ));
        let read = decode_leave_bits(0x000e_0003);
        assert_eq!(read.days_assumed, None);
        assert_eq!(
            read.days_origin(Origin::at("a.reg", 3)),
            Origin::at("a.reg", 3)
        );
        assert!(decode_leave_bits(0x000e_0003).assumptions.is_empty());
        assert_eq!(decode_leave_bits(0x0000_0009).assumptions.len(), 1);
    }

    #[test]
    fn four_flags_follow_the_same_rules() {
        let r = |l, d, e, n| decode_four_flags(l, d, e, n).retention;
        assert_eq!(r(false, true, true, Some(5)), retention(false, None, false));
        assert_eq!(r(true, false, false, Some(5)), retention(true, None, false));
        assert_eq!(r(true, true, true, Some(5)), retention(true, Some(5), true));
        assert!(decode_four_flags(true, false, true, Some(0))
            .anomaly
            .is_some());
        let none = decode_four_flags(true, false, true, None);
        assert!(none.anomaly.is_some());
        assert_eq!(
            none.days_assumed,
            Some(Assumption::FourFlagsNoDays { days_stored: false })
        );
        assert!(decode_four_flags(true, false, true, Some(5))
            .days_assumed
            .is_none());
    }
}
