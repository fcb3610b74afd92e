//! Server-retention arithmetic: who fetches first, how long a message lives, when a mailbox fills up.

use crate::model::{Access, Effect};

/// Share of messages a device fetching every `other` minutes never sees because a device
/// that removes at download fetches every `remover` minutes: the chance the remover's next
/// fetch comes first, for messages arriving at random times between independent fetch cycles.
pub fn share_missed(remover: u32, other: u32) -> f64 {
    let a = f64::from(remover.max(1));
    let b = f64::from(other.max(1));
    if b <= a {
        b / (2.0 * a)
    } else {
        1.0 - a / (2.0 * b)
    }
}

/// Days until a mailbox that never shrinks reaches its quota.
pub fn days_until_full(quota: u64, used: u64, daily: u64) -> Option<u64> {
    if daily == 0 {
        return None;
    }
    Some(quota.saturating_sub(used) / daily)
}

/// How long a message stays on the server, set by the mailbox's most aggressive device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lifetime<'a> {
    /// Until this device's next fetch (it removes at download); interval if automatic.
    NextFetch(&'a str, Option<u32>),
    /// N days after this device downloaded it.
    Days(&'a str, i64),
    /// Until a user deletes it on this device.
    UserDelete(&'a str),
    /// No device ever removes it.
    Forever,
    /// No POP3 device reads the mailbox: its users manage the server folder themselves.
    NotPop,
}

/// The lifetime of a message on the server, given every access to one mailbox.
pub fn lifetime<'a>(accesses: &[&'a Access]) -> Lifetime<'a> {
    let pop: Vec<&&Access> = accesses.iter().filter(|a| a.retention.is_some()).collect();
    if pop.is_empty() {
        return Lifetime::NotPop;
    }
    let interval = |a: &Access| a.fetch.interval_minutes.filter(|_| a.fetch.automatic);
    if let Some(a) = pop
        .iter()
        .filter(|a| a.effect() == Some(Effect::RemovesAtDownload))
        .min_by_key(|a| interval(a).unwrap_or(u32::MAX))
    {
        return Lifetime::NextFetch(&a.device, interval(a));
    }
    if let Some((a, n)) = pop
        .iter()
        .filter_map(|a| match a.effect() {
            Some(Effect::KeepsDays(n)) => Some((a, n)),
            _ => None,
        })
        .min_by_key(|(_, n)| *n)
    {
        return Lifetime::Days(&a.device, n);
    }
    if let Some(a) = pop
        .iter()
        .find(|a| a.effect() == Some(Effect::KeepsUntilDeleted))
    {
        return Lifetime::UserDelete(&a.device);
    }
    Lifetime::Forever
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_intervals_split_evenly() {
        assert!((share_missed(10, 10) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn slower_reader_misses_more() {
        assert!(share_missed(5, 60) > 0.9);
        assert!(share_missed(60, 5) < 0.1);
    }

    #[test]
    fn fill_up() {
        assert_eq!(days_until_full(1000, 100, 10), Some(90));
        assert_eq!(days_until_full(1000, 2000, 10), Some(0));
        assert_eq!(days_until_full(1000, 0, 0), None);
    }
}
