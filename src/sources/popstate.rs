//! PLACEHOLDER: popstate.dat reader not implemented yet.
