//! The model of one scan: what the rules look at, built by `crate::assemble`.

use super::site::Site;
use super::{Access, Device, Mailbox, Problem, ProviderProfile};

/// Everything the rules look at.
#[derive(Debug, Default)]
pub struct Model {
    pub devices: Vec<Device>,
    pub accesses: Vec<Access>,
    pub mailboxes: Vec<Mailbox>,
    pub providers: Vec<ProviderProfile>,
    pub problems: Vec<Problem>,
    pub site: Site,
    /// The office roots the scan used, one per scanned path.
    pub roots: Vec<String>,
}

impl Model {
    /// Accesses that fetch in normal use: the ones rules count.
    pub fn active(&self) -> impl Iterator<Item = &Access> {
        self.accesses.iter().filter(|a| a.inactive.is_none())
    }

    /// Active accesses to one mailbox, in report order.
    pub fn accesses_of<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Access> + 'a {
        // `assemble` sorts accesses by mailbox, so one mailbox is one contiguous run; a
        // binary search keeps rules linear in the number of accounts, not quadratic.
        let start = self.accesses.partition_point(|a| a.mailbox.as_str() < key);
        let len = self.accesses[start..].partition_point(|a| a.mailbox == key);
        self.accesses[start..start + len]
            .iter()
            .filter(|a| a.inactive.is_none())
    }

    /// A device by id (devices are sorted by id).
    pub fn device(&self, id: &str) -> Option<&Device> {
        self.devices
            .binary_search_by(|d| d.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.devices[i])
    }
}
