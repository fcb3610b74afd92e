//! Sentences in every language the report speaks, from typed data.

pub mod assumptions;
