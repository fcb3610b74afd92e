//! The order that loses nothing: turning leave-on-server off on a device removes at its next
//! fetch everything it had left, so each device moves only after its own address gets mail.

use super::layout::Layout;
use super::{files, Host};
pub use super::{LockedBy, Step};
use crate::assemble::Model;
use crate::model::Mailbox;

/// The first lock on a retention setting of this account, if any.
fn locked_by(a: &crate::model::Access) -> Option<LockedBy> {
    const RETENTION: &[&str] = &[
        "leave_on_server",
        "delete_by_age_from_server",
        "num_days_to_leave_on_server",
        "delete_mail_left_on_server",
    ];
    a.assumptions.iter().find_map(|x| match x {
        crate::model::Assumption::TbLocked {
            pref, file, line, ..
        } if RETENTION.iter().any(|r| pref.ends_with(&format!(".{r}"))) => Some(LockedBy {
            file: file.clone(),
            line: *line,
        }),
        _ => None,
    })
}

/// The steps for one mailbox, in the order that loses nothing.
pub fn steps(model: &Model, mb: &Mailbox, l: &Layout, host: Host) -> Vec<Step> {
    let to: Vec<String> = l.forwards.iter().map(|f| f.address.clone()).collect();
    let mut out = Vec::new();
    if to.is_empty() {
        // Nothing to forward: only the main device's days change.
    } else {
        out.push(Step::CreateAddresses {
            addresses: to.clone(),
            host,
        });
        out.push(Step::SetForwarding {
            from: mb.key.clone(),
            to: to.clone(),
            host,
            file: files::host_steps_path(host),
        });
        out.push(Step::SendTest {
            to: mb.key.clone(),
            expect_at: std::iter::once(mb.key.clone()).chain(to).collect(),
        });
    }
    for f in &l.forwards {
        // A device with several accounts on this mailbox gets one step per account.
        let accesses: Vec<_> = model
            .accesses_of(&mb.key)
            .filter(|a| a.device == f.device)
            .collect();
        for a in accesses {
            out.push(Step::SwitchDevice {
                device: f.device.clone(),
                client: a.client,
                program: a.program().to_string(),
                account: a.account.clone(),
                address: f.address.clone(),
                then: f.then,
                file: files::device_file(model, a),
                locked_by: locked_by(a),
            });
        }
    }
    for a in model.accesses_of(&mb.key).filter(|a| a.device == l.main) {
        out.push(Step::SetMainDays {
            device: l.main.clone(),
            client: a.client,
            program: a.program().to_string(),
            account: a.account.clone(),
            days: l.keep_days,
            file: files::device_file(model, a),
            locked_by: locked_by(a),
        });
    }
    out
}
