//! The order that loses nothing: turning leave-on-server off on a device removes at its next
//! fetch everything it had left, so each device moves only after its own address gets mail.

use super::layout::Layout;
use super::{files, Host, NewRetention};
use crate::assemble::Model;
use crate::model::{Client, Mailbox};
use serde::Serialize;

/// One step of the plan, as data; its sentences come from [`super::text`].
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case", tag = "step")]
pub enum Step {
    /// 1. Create the own addresses on the server.
    CreateAddresses { addresses: Vec<String>, host: Host },
    /// 2. Forward the shared address to them, keeping a copy in the shared mailbox.
    SetForwarding {
        from: String,
        to: Vec<String>,
        host: Host,
        /// The server-side file for this step, relative to the plan folder.
        file: String,
    },
    /// 3. Send a test message and check it arrived at every address.
    SendTest { to: String, expect_at: Vec<String> },
    /// 4. Switch one other device to its own address.
    SwitchDevice {
        device: String,
        client: Client,
        program: String,
        account: String,
        address: String,
        then: NewRetention,
        #[serde(skip_serializing_if = "Option::is_none")]
        file: Option<String>,
        /// The administrator's file and line that lock this account's retention.
        #[serde(skip_serializing_if = "Option::is_none")]
        locked_by: Option<LockedBy>,
    },
    /// 5. Only then set N days on the main device.
    SetMainDays {
        device: String,
        client: Client,
        program: String,
        account: String,
        days: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        file: Option<String>,
        /// The administrator's file and line that lock this account's retention.
        #[serde(skip_serializing_if = "Option::is_none")]
        locked_by: Option<LockedBy>,
    },
}

/// Where a lock sits that the change must be made in (AutoConfig, policies.json).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LockedBy {
    pub file: String,
    pub line: u32,
}

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
