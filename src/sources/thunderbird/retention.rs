//! When a server fetches on its own, and what a POP3 server does to the copies on the server.

use super::fields::{client_default, note, set_field};
use super::prefstore::{self, PrefStore, Ty};
use crate::model::{Access, Assumption, Fetch, Field, Origin, Protocol, Retention};
use crate::sources::prefs::Value;

/// When the device fetches on its own.
///
/// Decision: `automatic` means periodic fetches that download (and so can remove server
/// copies), not mere checks. A POP3 biff with `download_on_biff` off stops after STAT/UIDL and
/// only lights the new-mail indicator (`Pop3IncomingServer.performBiff` → `CheckForNewMail`), so
/// a POP3 server fetches automatically only with `check_new_mail` and `download_on_biff` both on
/// and `check_time` > 0 (the biff manager ignores intervals ≤ 0). The start-up run goes through
/// the same `performBiff`, so `at_startup` also needs `download_on_biff` for POP3. IMAP and
/// Exchange always sync what the check finds. `check_new_mail` is read from the server only, then
/// the protocol's default (`get doBiff`), never from `mail.server.default`.
pub(super) fn resolve_fetch(store: &PrefStore, key: &str, a: &mut Access) {
    let srv =
        |name: &str, ty: Ty, fallback: Value| store.resolve("mail.server", key, name, ty, fallback);
    let biff_name = format!("mail.server.{key}.check_new_mail");
    let (biff, biff_origin) = match store.own("mail.server", key, "check_new_mail", Ty::Bool) {
        Some(s) => (s.value == Value::Bool(true), store.origin(s)),
        None => {
            let (v, origin) = match a.protocol {
                Protocol::Pop3 | Protocol::Imap => (true, client_default()),
                Protocol::Exchange => (true, Origin::assumed(Assumption::TbExchangeCheckDefault)),
                Protocol::Unknown => (false, Origin::assumed(Assumption::TbUnknownTypeNoCheck)),
            };
            if let Some(s) = store.last(&biff_name) {
                let msg = Assumption::TbValueIgnoredDefault {
                    pref: biff_name.clone(),
                    value: prefstore::typed(&s.value),
                    default: v.to_string(),
                };
                note(a, [msg]);
            }
            (v, origin)
        }
    };
    let time_r = srv("check_time", Ty::Int, Value::Int(10));
    let login_r = srv("login_at_startup", Ty::Bool, Value::Bool(false));
    let dl_r = srv("download_on_biff", Ty::Bool, Value::Bool(false));
    for r in [&time_r, &login_r, &dl_r] {
        note(a, r.notes.iter().cloned());
    }
    let minutes = time_r.int();
    if biff && minutes <= 0 {
        a.assumptions.push(Assumption::TbNoTimer {
            key: key.to_string(),
            minutes,
        });
    }
    let downloads = a.protocol != Protocol::Pop3 || dl_r.bool();
    let periodic = biff && minutes > 0;
    let automatic = periodic && downloads;
    a.fetch = Fetch {
        automatic,
        interval_minutes: automatic.then(|| u32::try_from(minutes).unwrap_or(0)),
        at_startup: login_r.bool() && downloads,
    };
    let pop3 = a.protocol == Protocol::Pop3;
    let origin = if !biff {
        biff_origin
    } else if minutes <= 0 {
        time_r.origin.clone()
    } else if pop3 && !dl_r.bool() {
        dl_r.origin.clone()
    } else if time_r.from_file {
        time_r.origin.clone()
    } else if pop3 && dl_r.from_file {
        dl_r.origin.clone()
    } else {
        biff_origin
    };
    a.provenance.insert(Field::Fetch, origin);
}

/// What this POP3 server does to server copies (reference §2.2).
pub(super) fn resolve_retention(store: &PrefStore, key: &str, a: &mut Access) -> Retention {
    let srv =
        |name: &str, ty: Ty, fallback: Value| store.resolve("mail.server", key, name, ty, fallback);
    let leave = srv("leave_on_server", Ty::Bool, Value::Bool(false));
    let by_age = srv("delete_by_age_from_server", Ty::Bool, Value::Bool(false));
    let days = srv("num_days_to_leave_on_server", Ty::Int, Value::Int(7));
    let local = srv("delete_mail_left_on_server", Ty::Bool, Value::Bool(false));
    let headers = srv("headers_only", Ty::Bool, Value::Bool(false));
    let limit = srv("limit_offline_message_size", Ty::Bool, Value::Bool(false));
    let max = srv("max_size", Ty::Int, Value::Int(50));
    set_field(a, Field::LeaveOnServer, &leave);
    set_field(a, Field::DeleteWhenDeletedLocally, &local);
    set_field(a, Field::HeadersOnly, &headers);

    // The cut-off is computed only when the checkbox is on and the day count is non-zero.
    let delete_after_days = if by_age.bool() {
        note(a, by_age.notes.iter().cloned());
        note(a, days.notes.iter().cloned());
        let origin = if days.from_file {
            &days.origin
        } else {
            &by_age.origin
        };
        a.provenance.insert(Field::DeleteAfterDays, origin.clone());
        match days.int() {
            0 => {
                a.assumptions.push(Assumption::TbZeroDays {
                    key: key.to_string(),
                });
                None
            }
            d if d < 0 => {
                a.assumptions.push(Assumption::TbNegativeDays {
                    key: key.to_string(),
                    days: d,
                });
                Some(i64::from(d))
            }
            d => Some(i64::from(d)),
        }
    } else {
        set_field(a, Field::DeleteAfterDays, &by_age);
        None
    };

    let size_limit_kib = if limit.bool() {
        note(a, max.notes.iter().cloned());
        let origin = if max.from_file {
            &max.origin
        } else {
            &limit.origin
        };
        a.provenance.insert(Field::SizeLimitKib, origin.clone());
        Some(match max.int() {
            // Pop3Client uses 50 KB when max_size is 0.
            0 => 50,
            m if m < 0 => {
                a.assumptions.push(Assumption::TbNegativeMaxSize {
                    key: key.to_string(),
                    max: m,
                });
                0
            }
            m => u32::try_from(m).unwrap_or(u32::MAX),
        })
    } else {
        note(a, limit.notes.iter().cloned());
        None
    };
    Retention {
        leave_on_server: leave.bool(),
        delete_after_days,
        delete_when_deleted_locally: local.bool(),
        headers_only: headers.bool(),
        size_limit_kib,
    }
}
