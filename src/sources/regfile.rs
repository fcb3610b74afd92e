//! PLACEHOLDER: .reg grammar not implemented yet.
