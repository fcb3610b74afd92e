//! PLACEHOLDER: reader not implemented yet.

use super::{Ctx, Input, Readout};

/// Reads one input of this format.
pub fn read(_input: &Input, _ctx: &Ctx) -> Readout {
    Readout::default()
}
