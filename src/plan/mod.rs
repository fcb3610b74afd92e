//! The recommended layout: the main device keeps copies N days, every other device gets an own address.

use crate::assemble::Model;
use serde::Serialize;

/// One forward in the recommended layout.
#[derive(Debug, Clone, Serialize)]
pub struct Forward {
    pub device: String,
    pub address: String,
}

/// The recommended layout for one shared mailbox.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub mailbox: String,
    pub main: String,
    pub keep_days: u32,
    pub forwards: Vec<Forward>,
}

/// Works out the layout for every mailbox read by more than one device.
pub fn recommend(_model: &Model) -> Vec<Recommendation> {
    Vec::new()
}
