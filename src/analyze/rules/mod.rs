//! The rule registry.

use super::Rule;

/// Every rule, in documentation order.
pub static ALL: &[&dyn Rule] = &[];
