//! Two scan results compared: what changed per device and mailbox, which findings and
//! problems were resolved or are new.
//!
//! Both sides are `mailaudit/1` JSON reports, so a stored scan, a folder scanned now and a
//! report file all compare the same way. Volatile values (scan time, absolute roots, the
//! tool version, the language) are never compared.

use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Fields of an access that say where a value was read, not what the device does; a line
/// that moved in a file is not a change of settings.
const ACCESS_SKIP: &[&str] = &[
    "device",
    "mailbox",
    "client",
    "account",
    "source",
    "provenance",
    "assumptions",
    "assumption_kinds",
    "inactive_kind",
    "server_state",
];

/// Device fields compared (the sources list is evidence, not settings).
const DEVICE_FIELDS: &[&str] = &["owner", "kind", "away_days"];

/// Mailbox fields compared (what the site file says of it).
const MAILBOX_FIELDS: &[&str] = &["quota_bytes", "daily_bytes", "main"];

/// One changed value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// `None` for a mailbox's own field.
    pub device: Option<String>,
    /// `None` for a device's own field.
    pub mailbox: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// Dotted JSON path of the field inside the access (`retention.leave_on_server`).
    pub field: String,
    pub before: Value,
    pub after: Value,
}

/// An access named by its key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct AccessRef {
    pub device: String,
    pub mailbox: String,
    pub client: String,
    pub account: String,
    pub protocol: Option<String>,
    pub host: Option<String>,
}

/// A finding named by its stable id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRef {
    pub id: String,
    pub rule: String,
    pub severity: String,
    pub mailbox: Option<String>,
    pub devices: Vec<String>,
    pub message: Option<String>,
}

/// A problem named by where and what.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ProblemRef {
    pub path: String,
    pub line: Option<i64>,
    pub message: String,
}

/// Everything that differs between two results.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    pub devices_added: Vec<String>,
    pub devices_removed: Vec<String>,
    pub accesses_added: Vec<AccessRef>,
    pub accesses_removed: Vec<AccessRef>,
    pub changes: Vec<Change>,
    pub findings_resolved: Vec<FindingRef>,
    pub findings_new: Vec<FindingRef>,
    pub problems_resolved: Vec<ProblemRef>,
    pub problems_new: Vec<ProblemRef>,
}

/// The counts of the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub devices_changed: usize,
    pub accesses_added: usize,
    pub accesses_removed: usize,
    pub changes: usize,
    pub findings_resolved: usize,
    pub findings_new: usize,
    pub problems_resolved: usize,
    pub problems_new: usize,
}

impl Diff {
    /// True when the two results show the same office.
    pub fn is_empty(&self) -> bool {
        self == &Diff::default()
    }

    /// The devices with anything added, removed or changed.
    pub fn devices_changed(&self) -> BTreeSet<&str> {
        let mut set: BTreeSet<&str> = BTreeSet::new();
        set.extend(self.devices_added.iter().map(String::as_str));
        set.extend(self.devices_removed.iter().map(String::as_str));
        set.extend(self.accesses_added.iter().map(|a| a.device.as_str()));
        set.extend(self.accesses_removed.iter().map(|a| a.device.as_str()));
        set.extend(self.changes.iter().filter_map(|c| c.device.as_deref()));
        set
    }

    /// The numbers for the one summary line.
    pub fn summary(&self) -> Summary {
        Summary {
            devices_changed: self.devices_changed().len(),
            accesses_added: self.accesses_added.len(),
            accesses_removed: self.accesses_removed.len(),
            changes: self.changes.len(),
            findings_resolved: self.findings_resolved.len(),
            findings_new: self.findings_new.len(),
            problems_resolved: self.problems_resolved.len(),
            problems_new: self.problems_new.len(),
        }
    }
}

/// Compares two `mailaudit/1` reports.
pub fn diff(before: &Value, after: &Value) -> Diff {
    let mut d = Diff::default();

    let dev_b = by_key(before, "devices", |v| str_of(v, "id"));
    let dev_a = by_key(after, "devices", |v| str_of(v, "id"));
    for (id, a) in &dev_a {
        match dev_b.get(id) {
            None => d.devices_added.push(id.clone()),
            Some(b) => {
                for field in DEVICE_FIELDS {
                    let (x, y) = (field_of(b, field), field_of(a, field));
                    if x != y {
                        d.changes.push(Change {
                            device: Some(id.clone()),
                            mailbox: None,
                            client: None,
                            account: None,
                            field: (*field).to_string(),
                            before: x,
                            after: y,
                        });
                    }
                }
            }
        }
    }
    d.devices_removed = dev_b
        .keys()
        .filter(|k| !dev_a.contains_key(*k))
        .cloned()
        .collect();

    let acc_b = accesses(before);
    let acc_a = accesses(after);
    let mut pairs: Vec<(&Value, &Value)> = Vec::new();
    let mut added: Vec<&Value> = Vec::new();
    for (key, a) in &acc_a {
        match acc_b.get(key) {
            Some(b) => pairs.push((b, a)),
            None => added.push(a),
        }
    }
    let mut removed: Vec<&Value> = acc_b
        .iter()
        .filter(|(k, _)| !acc_a.contains_key(*k))
        .map(|(_, v)| *v)
        .collect();
    // A move to a new host can change the mailbox key (`login@host`) of an account that is
    // otherwise the same: one account gone and one come on the same device, program and
    // account name is that account changed, not two accounts.
    let same_account = |x: &Value, y: &Value| {
        ["device", "client", "account"]
            .iter()
            .all(|k| str_of(x, k) == str_of(y, k))
    };
    added.retain(|a| {
        let gone: Vec<usize> = (0..removed.len())
            .filter(|&i| same_account(removed[i], a))
            .collect();
        let come = acc_a.values().filter(|o| same_account(o, a)).count()
            - pairs.iter().filter(|(_, o)| same_account(o, a)).count();
        if let ([i], 1) = (gone.as_slice(), come) {
            pairs.push((removed.remove(*i), a));
            return false;
        }
        true
    });
    for (b, a) in pairs {
        access_changes(b, a, &mut d.changes);
    }
    d.accesses_added = added.into_iter().map(access_ref).collect();
    d.accesses_removed = removed.into_iter().map(access_ref).collect();

    let mb_b = by_key(before, "mailboxes", |v| str_of(v, "key"));
    let mb_a = by_key(after, "mailboxes", |v| str_of(v, "key"));
    for (key, a) in &mb_a {
        let Some(b) = mb_b.get(key) else { continue };
        for field in MAILBOX_FIELDS {
            let (x, y) = (field_of(b, field), field_of(a, field));
            if x != y {
                d.changes.push(Change {
                    device: None,
                    mailbox: Some(key.clone()),
                    client: None,
                    account: None,
                    field: (*field).to_string(),
                    before: x,
                    after: y,
                });
            }
        }
    }

    let f_b = by_key(before, "findings", |v| str_of(v, "id"));
    let f_a = by_key(after, "findings", |v| str_of(v, "id"));
    d.findings_resolved = f_b
        .iter()
        .filter(|(k, _)| !f_a.contains_key(*k))
        .map(|(_, v)| finding_ref(v))
        .collect();
    d.findings_new = f_a
        .iter()
        .filter(|(k, _)| !f_b.contains_key(*k))
        .map(|(_, v)| finding_ref(v))
        .collect();

    let p_b = problems(before);
    let p_a = problems(after);
    d.problems_resolved = p_b.difference(&p_a).cloned().collect();
    d.problems_new = p_a.difference(&p_b).cloned().collect();
    d
}

/// Every setting that differs between two versions of one access, in field order; a
/// changed mailbox key comes first.
fn access_changes(b: &Value, a: &Value, out: &mut Vec<Change>) {
    let change = |field: &str, before: Value, after: Value| Change {
        device: Some(str_of(a, "device")),
        mailbox: Some(str_of(a, "mailbox")),
        client: Some(str_of(a, "client")),
        account: Some(str_of(a, "account")),
        field: field.to_string(),
        before,
        after,
    };
    if str_of(b, "mailbox") != str_of(a, "mailbox") {
        out.push(change(
            "mailbox",
            field_of(b, "mailbox"),
            field_of(a, "mailbox"),
        ));
    }
    let (fb, fa) = (flatten_access(b), flatten_access(a));
    // A null section ("retention" of an IMAP access) is a leaf on its side; the fields
    // of the other side's object are compared with null one by one.
    let fields: BTreeSet<&String> = fb
        .keys()
        .chain(fa.keys())
        .filter(|k| {
            let nested = format!("{k}.");
            !fb.keys().chain(fa.keys()).any(|o| o.starts_with(&nested))
        })
        .collect();
    for field in fields {
        let x = value_at(&fb, b, field);
        let y = value_at(&fa, a, field);
        let differ = match (&x, &y) {
            (Some(x), Some(y)) => x != y,
            (x, y) => !blank(x.as_ref()) || !blank(y.as_ref()),
        };
        if differ {
            // An absent switch is off: the report leaves out `false`.
            let absent = |other: &Option<Value>| match other {
                Some(Value::Bool(_)) => Value::Bool(false),
                _ => Value::Null,
            };
            let before = x.clone().unwrap_or_else(|| absent(&y));
            let after = y.unwrap_or_else(|| absent(&x));
            out.push(change(field, before, after));
        }
    }
}

/// An absent field means its default (the report leaves out `false`, `[]` and null).
fn blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null | Value::Bool(false)) => true,
        Some(Value::Array(a)) => a.is_empty(),
        _ => false,
    }
}

/// The value of a dotted field: from the flattened settings, else null when a section on
/// the way is null, else absent.
fn value_at(flat: &BTreeMap<String, Value>, raw: &Value, field: &str) -> Option<Value> {
    if let Some(v) = flat.get(field) {
        return Some(v.clone());
    }
    let mut cur = raw;
    for part in field.split('.') {
        match cur.get(part) {
            Some(Value::Null) => return Some(Value::Null),
            Some(v) => cur = v,
            None => return None,
        }
    }
    None
}

fn str_of(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn field_of(v: &Value, key: &str) -> Value {
    v.get(key).cloned().unwrap_or(Value::Null)
}

fn list<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

fn by_key<'a>(
    v: &'a Value,
    section: &str,
    key: impl Fn(&Value) -> String,
) -> BTreeMap<String, &'a Value> {
    list(v, section).map(|x| (key(x), x)).collect()
}

type AccessKey = (String, String, String, String, usize);

/// Accesses by (device, mailbox, client, account), numbered when one key appears twice.
fn accesses(v: &Value) -> BTreeMap<AccessKey, &Value> {
    let mut seen: BTreeMap<(String, String, String, String), usize> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for a in list(v, "accesses") {
        let k = (
            str_of(a, "device"),
            str_of(a, "mailbox"),
            str_of(a, "client"),
            str_of(a, "account"),
        );
        let n = seen.entry(k.clone()).or_default();
        out.insert((k.0, k.1, k.2, k.3, *n), a);
        *n += 1;
    }
    out
}

fn access_ref(a: &Value) -> AccessRef {
    AccessRef {
        device: str_of(a, "device"),
        mailbox: str_of(a, "mailbox"),
        client: str_of(a, "client"),
        account: str_of(a, "account"),
        protocol: a
            .get("protocol")
            .and_then(Value::as_str)
            .map(str::to_string),
        host: a.get("host").and_then(Value::as_str).map(str::to_string),
    }
}

fn finding_ref(f: &Value) -> FindingRef {
    FindingRef {
        id: str_of(f, "id"),
        rule: str_of(f, "rule"),
        severity: str_of(f, "severity"),
        mailbox: f.get("mailbox").and_then(Value::as_str).map(str::to_string),
        devices: list(f, "devices")
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        message: f.get("message").and_then(Value::as_str).map(str::to_string),
    }
}

fn problems(v: &Value) -> BTreeSet<ProblemRef> {
    list(v, "problems")
        .map(|p| ProblemRef {
            path: str_of(p, "path"),
            line: p.get("line").and_then(Value::as_i64),
            message: str_of(p, "message"),
        })
        .collect()
}

/// The settings of an access as dotted paths to leaf values; arrays are single values, and
/// the outgoing servers are compared without where they were read.
fn flatten_access(a: &Value) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    if let Some(obj) = a.as_object() {
        for (k, v) in obj {
            if ACCESS_SKIP.contains(&k.as_str()) {
                continue;
            }
            if k == "outgoing" {
                let servers: Vec<Value> = v
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|o| {
                        let mut o = o.clone();
                        if let Some(m) = o.as_object_mut() {
                            m.remove("source");
                        }
                        o
                    })
                    .collect();
                out.insert(k.clone(), Value::Array(servers));
                continue;
            }
            flatten_into(k, v, &mut out);
        }
    }
    out
}

fn flatten_into(prefix: &str, v: &Value, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                flatten_into(&format!("{prefix}.{k}"), x, out);
            }
        }
        _ => {
            out.insert(prefix.to_string(), v.clone());
        }
    }
}

/// The severity names in rising order, as `--fail-on` compares them.
pub fn severity_rank(name: &str) -> u8 {
    match name {
        "critical" => 3,
        "warning" => 2,
        "info" => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report(leave: bool, finding: bool) -> Value {
        json!({
            "schema": "mailaudit/1",
            "scanned_at": if leave { "2026-01-02T00:00:00Z" } else { "2026-01-01T00:00:00Z" },
            "root": if leave { "/tmp/b" } else { "/tmp/a" },
            "devices": [{"id": "PC-C", "sources": [], "away_days": 7}],
            "accesses": [{"device": "PC-C", "client": "outlook", "account": "info",
                          "mailbox": "info@x.jp", "protocol": "pop3", "host": "pop.x.jp", "port": 995,
                          "fetch": {"automatic": true, "interval_minutes": 30},
                          "retention": {"leave_on_server": leave, "delete_after_days": null},
                          "source": {"path": "PC-C/outlook.reg", "line": if leave { 50 } else { 49 }}}],
            "mailboxes": [{"key": "info@x.jp", "devices": ["PC-C"], "quota_bytes": null}],
            "findings": if finding { json!([{"id": "delete-on-download-1", "rule": "delete-on-download",
                                             "severity": "critical", "mailbox": "info@x.jp", "devices": ["PC-C"]}]) } else { json!([]) },
            "problems": []
        })
    }

    #[test]
    fn one_field_and_one_finding() {
        let d = diff(&report(false, true), &report(true, false));
        assert_eq!(d.changes.len(), 1, "{:?}", d.changes);
        assert_eq!(d.changes[0].field, "retention.leave_on_server");
        assert_eq!(
            (&d.changes[0].before, &d.changes[0].after),
            (&json!(false), &json!(true))
        );
        assert_eq!(d.findings_resolved[0].id, "delete-on-download-1");
        assert!(d.findings_new.is_empty() && d.accesses_added.is_empty());
        assert_eq!(d.summary().devices_changed, 1);
    }

    #[test]
    fn same_report_has_no_changes_whatever_the_time_and_root() {
        let mut b = report(false, true);
        b["scanned_at"] = json!("2030-01-01T00:00:00Z");
        b["root"] = json!("/elsewhere");
        assert!(diff(&report(false, true), &b).is_empty());
    }

    #[test]
    fn accesses_added_and_removed_by_key() {
        let a = report(false, true);
        let mut b = report(false, true);
        b["accesses"][0]["account"] = json!("other");
        let d = diff(&a, &b);
        assert_eq!(d.accesses_added.len(), 1);
        assert_eq!(d.accesses_removed.len(), 1);
        assert!(d.changes.is_empty());
    }

    #[test]
    fn problems_and_devices_come_and_go() {
        let mut a = report(false, true);
        a["problems"] = json!([{"path": "PC-D/prefs.js", "line": 3, "message": "bad"}]);
        let mut b = report(false, true);
        b["problems"] = json!([{"path": "PC-D/prefs.js", "line": 4, "message": "bad"}]);
        b["devices"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "PC-E", "sources": [], "away_days": 7}));
        b["devices"][0]["away_days"] = json!(10);
        b["mailboxes"][0]["quota_bytes"] = json!(1000);
        let d = diff(&a, &b);
        assert_eq!(d.problems_resolved[0].line, Some(3));
        assert_eq!(d.problems_new[0].line, Some(4));
        assert_eq!(d.devices_added, ["PC-E"]);
        let fields: Vec<(Option<&str>, &str)> = d
            .changes
            .iter()
            .map(|c| (c.device.as_deref(), c.field.as_str()))
            .collect();
        assert_eq!(fields, [(Some("PC-C"), "away_days"), (None, "quota_bytes")]);
        assert_eq!(d.summary().devices_changed, 2);
    }

    #[test]
    fn a_new_host_that_changes_the_mailbox_key_is_one_account_changed() {
        let mut a = report(false, true);
        a["accesses"][0]["mailbox"] = json!("info@pop.x.jp");
        let mut b = a.clone();
        b["accesses"][0]["mailbox"] = json!("info@mail.new.jp");
        b["accesses"][0]["host"] = json!("mail.new.jp");
        let d = diff(&a, &b);
        assert!(d.accesses_added.is_empty() && d.accesses_removed.is_empty());
        let fields: Vec<(&str, &Value, &Value)> = d
            .changes
            .iter()
            .map(|c| (c.field.as_str(), &c.before, &c.after))
            .collect();
        assert_eq!(
            fields,
            [
                (
                    "mailbox",
                    &json!("info@pop.x.jp"),
                    &json!("info@mail.new.jp")
                ),
                ("host", &json!("pop.x.jp"), &json!("mail.new.jp"))
            ]
        );
        // Two accounts of the same name on the same device stay added and removed.
        let mut two = b.clone();
        let extra = two["accesses"][0].clone();
        two["accesses"].as_array_mut().unwrap().push(extra);
        two["accesses"][1]["mailbox"] = json!("info@other.jp");
        let d = diff(&a, &two);
        assert_eq!((d.accesses_added.len(), d.accesses_removed.len()), (2, 1));
    }

    #[test]
    fn retention_appears_when_protocol_changes() {
        let a = report(false, true);
        let mut b = report(false, true);
        b["accesses"][0]["protocol"] = json!("imap");
        b["accesses"][0]["retention"] = Value::Null;
        let d = diff(&a, &b);
        let fields: Vec<&str> = d.changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["protocol", "retention.leave_on_server"]);
    }
}
