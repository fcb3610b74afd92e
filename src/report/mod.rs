//! Renderers: each turns a finished report into one output format.

pub mod json;
pub mod migration;
pub mod sanitize;
pub mod text;
pub mod words;
