//! mailaudit: reads the mail-client settings of every device in an office, works out
//! what each one does to the messages on the server, and names the conflicts.

pub mod analyze;
pub mod assemble;
pub mod collect;
pub mod diff;
pub mod discover;
pub mod fleet;
#[doc(hidden)]
pub mod fleetgen;
pub mod fsio;
pub mod migrate;
pub mod model;
pub mod notice;
pub mod plan;
pub mod present;
pub mod provider;
pub mod report;
pub mod scan;
pub mod site;
pub mod sources;
pub mod store;
pub mod text;
