//! PLACEHOLDER: reader not implemented yet.

use super::{Ctx, Input, Readout};

/// Reads one input of this format.
pub fn read_profile(_input: &Input, _ctx: &Ctx) -> Readout {
    Readout::default()
}

/// Orders a device's profile folders: the install's default profile first (PLACEHOLDER: sorted only).
pub fn arrange_profiles(
    _device_root: &std::path::Path,
    mut profiles: Vec<Input>,
    _ctx: &Ctx,
) -> (Vec<Input>, Vec<crate::model::Problem>) {
    profiles.sort_by(|a, b| a.rel.cmp(&b.rel));
    (profiles, Vec::new())
}
