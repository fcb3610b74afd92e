//! Renderers: each turns a finished report into one output format.

pub use crate::present::{page, sanitize};
pub mod csv;
pub mod diff;
pub mod explain;
pub mod fleet;
pub mod history;
pub mod html;
pub mod i18n;
pub mod json;
pub mod markdown;
pub mod migration;
pub mod migration_text;
pub mod status;
pub mod text;
pub mod view;
pub mod words;
