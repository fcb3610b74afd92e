//! Thunderbird: a profile's accounts resolved to the settings Thunderbird really uses.
//!
//! prefs.js holds only values that differ from the defaults, user.js overrides prefs.js, and a
//! value of the wrong type is ignored; see reference/thunderbird.md §1 and §3.

mod prefstore;
mod profiles;

use crate::model::{
    Access, Auth, Client, Evidence, Fetch, Origin, Outgoing, Problem, Protocol, Retention, Security,
};
use crate::sources::popstate;
use crate::sources::prefs::{self, FileKind, Value};
use crate::sources::{Ctx, Input, Readout};
use prefstore::{PrefStore, Resolved, Ty};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

fn empty() -> Value {
    Value::Str(Vec::new())
}

fn client_default() -> Origin {
    Origin::ClientDefault {
        client: "thunderbird".to_string(),
    }
}

/// Reads one profile folder (prefs.js, then user.js) into one access per mail account.
pub fn read_profile(input: &Input, ctx: &Ctx) -> Readout {
    let mut out = Readout::default();
    let mut store = PrefStore::default();
    // The same files as Thunderbird 115 reads them: a leading BOM costs the first statement.
    let mut old_store = PrefStore::default();
    let mut first_lost: Vec<(String, String)> = Vec::new();
    for name in ["prefs.js", "user.js"] {
        let Some(path) = child_file(&input.path, name) else {
            continue;
        };
        let rel = ctx.rel(&path);
        let bytes = match ctx.read(&path) {
            Ok(b) => b,
            Err(p) => {
                out.problems.push(p);
                continue;
            }
        };
        if name == "user.js" {
            out.also_read.push(rel.clone());
        }
        if let Some(enc) = utf16_name(&bytes) {
            out.problems.push(Problem::file(
                &rel,
                format!(
                    "{name} is saved as {enc}; Thunderbird reads prefs files as UTF-8 and applies none of its settings, so they are ignored here too"
                ),
            ));
            continue;
        }
        let parsed = prefs::parse(&bytes, FileKind::User);
        for e in &parsed.errors {
            out.problems.push(Problem::at(
                &rel,
                e.line,
                format!("prefs parse error: {}", e.message),
            ));
        }
        if parsed.errors_omitted > 0 {
            out.problems.push(Problem::file(
                &rel,
                format!(
                    "prefs parse error: {} more errors not listed",
                    parsed.errors_omitted
                ),
            ));
        }
        if bytes.starts_with(UTF8_BOM) {
            let first = parsed.prefs.first();
            let lost = first
                .map(|p| format!("`{}`, line {}", p.name, p.line))
                .unwrap_or_else(|| "none here".to_string());
            out.problems.push(Problem::at(
                &rel,
                1,
                format!(
                    "{name} starts with a UTF-8 byte-order mark: current Thunderbird skips it, but Thunderbird 115 (and likely 128) reports an error there and loses the first statement ({lost})"
                ),
            ));
            if let Some(p) = first {
                first_lost.push((rel.clone(), p.name.clone()));
            }
            let mut without_first = parsed.clone();
            if !without_first.prefs.is_empty() {
                without_first.prefs.remove(0);
            }
            old_store.add(&rel, &without_first);
        } else {
            old_store.add(&rel, &parsed);
        }
        store.add(&rel, &parsed);
    }
    let not_default = profiles::other_default(&input.path, ctx);
    let accounts = account_list(&store, &input.rel, &mut out.problems);
    for (acct, server_key, line_origin) in accounts {
        let Some(mut access) = resolve_account(&store, &acct, &server_key, &line_origin, &mut out)
        else {
            continue;
        };
        for (rel, pref) in &first_lost {
            if concerns(pref, &acct, &server_key) {
                let old = on_old_thunderbird(&old_store, &acct, &server_key, &line_origin, &access);
                access.assumptions.push(format!(
                    "{rel} starts with a byte-order mark; Thunderbird 115 loses its first statement ({pref}), so there {old}"
                ));
            }
        }
        if let Some((value, rel, line)) = &not_default {
            access.assumptions.push(format!(
                "Thunderbird starts the profile `{value}` ({rel} line {line}), not this one; this account only fetches mail when someone picks this profile"
            ));
        }
        if access.protocol == Protocol::Pop3 {
            attach_popstate(&store, &server_key, &mut access, input, ctx, &mut out);
        }
        out.accesses.push(access);
    }
    out
}

/// What the account becomes when the first statement is lost, in a few words.
fn on_old_thunderbird(
    old_store: &PrefStore,
    acct: &str,
    server_key: &str,
    origin: &Origin,
    now: &Access,
) -> String {
    let mut scratch = Readout::default();
    let listed = account_list(old_store, "", &mut scratch.problems)
        .into_iter()
        .any(|(a, _, _)| a == acct);
    let old = listed
        .then(|| resolve_account(old_store, acct, server_key, origin, &mut scratch))
        .flatten();
    let Some(old) = old else {
        return "this account is not loaded at all".to_string();
    };
    match (now.effect(), old.effect()) {
        (Some(n), Some(o)) if n != o => format!(
            "this account {} instead of {}",
            effect_words(o),
            effect_words(n)
        ),
        _ if old.security != now.security || old.port != now.port => format!(
            "this account connects with {} on port {} instead",
            old.security.name(),
            old.port.map_or("unknown".to_string(), |p| p.to_string())
        ),
        _ => "this account's mail handling stays the same".to_string(),
    }
}

fn effect_words(e: crate::model::Effect) -> String {
    use crate::model::Effect;
    match e {
        Effect::RemovesAtDownload => "removes each message from the server at download".into(),
        Effect::KeepsDays(d) => format!("keeps server copies {d} days"),
        Effect::KeepsUntilDeleted => "keeps server copies until they are deleted here".into(),
        Effect::KeepsForever => "keeps server copies forever".into(),
    }
}

/// Orders a device's profile folders: the install's default profile first, then the legacy
/// `Default=1` one, then the others listed in profiles.ini, then folders no ini file lists.
pub fn arrange_profiles(
    device_root: &std::path::Path,
    profiles: Vec<Input>,
    ctx: &Ctx,
) -> (Vec<Input>, Vec<crate::model::Problem>) {
    profiles::arrange(device_root, profiles, ctx)
}

/// A file in the profile folder by its lower-case name, or by a case-insensitive match
/// (profiles copied from Windows can spell it `Prefs.js`). Symbolic links are not followed.
fn child_file(dir: &Path, name: &str) -> Option<PathBuf> {
    let exact = dir.join(name);
    let path = if std::fs::symlink_metadata(&exact).is_ok() {
        exact
    } else {
        std::fs::read_dir(dir)
            .ok()?
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().eq_ignore_ascii_case(name))?
            .path()
    };
    let meta = std::fs::symlink_metadata(&path).ok()?;
    meta.file_type().is_file().then_some(path)
}

/// "UTF-16LE"/"UTF-16BE" when the bytes are UTF-16 text (PowerShell 5's `>` writes that).
fn utf16_name(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some("UTF-16LE");
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some("UTF-16BE");
    }
    let d = crate::text::decode(bytes, crate::text::Fallback::Ansi);
    d.encoding.starts_with("UTF-16").then_some(d.encoding)
}

/// True when a pref name configures this account, its server, or defaults every server reads.
fn concerns(pref: &str, acct: &str, server_key: &str) -> bool {
    pref.starts_with(&format!("mail.server.{server_key}."))
        || pref.starts_with(&format!("mail.account.{acct}."))
        || pref.starts_with("mail.server.default.")
        || pref == "mail.accountmanager.accounts"
}

/// The accounts Thunderbird loads: in list order, skipping duplicates, accounts without a
/// server and a second account on a server already used (reference §1.5).
fn account_list(
    store: &PrefStore,
    profile_rel: &str,
    problems: &mut Vec<Problem>,
) -> Vec<(String, String, Origin)> {
    let name = "mail.accountmanager.accounts";
    let Some((list, set)) = store.string(name) else {
        if let Some(set) = store.last(name) {
            let o = store.origin(set);
            push_problem(
                problems,
                &o,
                format!("{name} is not a string, so Thunderbird loads no accounts"),
            );
        } else if store
            .names()
            .any(|n| n.starts_with("mail.server.") && !n.starts_with("mail.server.default."))
        {
            problems.push(Problem::file(
                profile_rel,
                format!(
                    "server settings found but no account list ({name}); a user.js alone does not define accounts, the prefs.js next to it does"
                ),
            ));
        }
        return Vec::new();
    };
    let list_origin = store.origin(set);
    let mut seen_accounts = HashSet::new();
    let mut seen_servers: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    for acct in list.split(',').map(str::trim).filter(|a| !a.is_empty()) {
        if !seen_accounts.insert(acct.to_string()) {
            continue;
        }
        let server_pref = format!("mail.account.{acct}.server");
        let Some((server, sset)) = store
            .string(&server_pref)
            .filter(|(s, _)| !s.trim().is_empty())
        else {
            push_problem(
                problems,
                &list_origin,
                format!("{name} lists {acct}, which has no {server_pref}; Thunderbird skips it"),
            );
            continue;
        };
        let server = server.trim().to_string();
        if let Some((first, _)) = seen_servers.iter().find(|(_, s)| *s == server) {
            push_problem(
                problems,
                &store.origin(sset),
                format!(
                    "{acct} uses {server}, which {first} already uses; Thunderbird skips {acct}"
                ),
            );
            continue;
        }
        seen_servers.push((acct.to_string(), server.clone()));
        out.push((acct.to_string(), server, store.origin(sset)));
    }
    out
}

fn push_problem(problems: &mut Vec<Problem>, origin: &Origin, message: String) {
    if let Origin::File {
        path,
        line: Some(line),
    } = origin
    {
        problems.push(Problem::at(path, *line, message));
    } else if let Origin::File { path, line: None } = origin {
        problems.push(Problem::file(path, message));
    }
}

fn note(access: &mut Access, notes: impl IntoIterator<Item = String>) {
    for n in notes {
        if !access.assumptions.contains(&n) {
            access.assumptions.push(n);
        }
    }
}

fn set_field(access: &mut Access, field: &str, r: &Resolved<Value>) {
    access
        .provenance
        .insert(field.to_string(), r.origin.clone());
    note(access, r.notes.iter().cloned());
}

/// One account's incoming server, resolved; `None` for servers that are no mailbox
/// (Local Folders, feeds, news) or that Thunderbird could not load.
fn resolve_account(
    store: &PrefStore,
    acct: &str,
    key: &str,
    account_origin: &Origin,
    out: &mut Readout,
) -> Option<Access> {
    let srv =
        |name: &str, ty: Ty, fallback: Value| store.resolve("mail.server", key, name, ty, fallback);
    let type_r = srv("type", Ty::Str, empty());
    let kind = type_r.text();
    let (protocol, unknown_type) = match kind.as_str() {
        "pop3" => (Protocol::Pop3, false),
        "imap" => (Protocol::Imap, false),
        "ews" | "graph" => (Protocol::Exchange, false),
        "none" | "rss" | "nntp" | "movemail" => return None,
        "" => {
            push_problem(
                &mut out.problems,
                account_origin,
                format!("{acct} uses {key}, which has no mail.server.{key}.type; Thunderbird cannot load this account"),
            );
            return None;
        }
        _ => (Protocol::Unknown, true),
    };
    let host_r = srv("hostname", Ty::Str, empty());
    let mut host = host_r.text().trim().to_string();
    if host.is_empty() {
        push_problem(
            &mut out.problems,
            account_origin,
            format!("{acct} ({kind} server {key}) has no hostname; it cannot fetch mail and is left out"),
        );
        return None;
    }
    let source = type_r
        .origin
        .evidence()
        .or_else(|| host_r.origin.evidence())
        .or_else(|| account_origin.evidence())
        .unwrap_or(Evidence {
            path: String::new(),
            line: None,
        });
    let mut a = Access::new(Client::Thunderbird, acct, protocol, source);
    if unknown_type {
        a.assumptions.push(format!(
            "mail.server.{key}.type is `{kind}`, a server type Thunderbird does not ship (an add-on's?); its protocol is unknown"
        ));
    }

    // Thunderbird moves a port written as `host:port` into the port pref when it reads the host.
    let mut port_in_host = None;
    if host.matches(':').count() == 1 {
        if let Some((h, p)) = host.split_once(':') {
            if let Ok(n) = p.trim().parse::<u16>() {
                port_in_host = Some(n);
                host = h.to_string();
            }
        }
    }
    a.host = host;
    set_field(&mut a, "host", &host_r);

    let user_r = srv("userName", Ty::Str, empty());
    a.username = user_r.text();
    set_field(&mut a, "username", &user_r);
    if a.username.trim().is_empty() {
        a.assumptions.push(format!(
            "mail.server.{key}.userName is not set; the login name is unknown"
        ));
    }

    let socket = socket_type(store, key, &mut a);
    resolve_port(
        &srv("port", Ty::Int, Value::Int(0)),
        port_in_host,
        socket,
        &host_r,
        &mut a,
    );

    let auth_r = srv("authMethod", Ty::Int, Value::Int(3));
    a.auth = auth_of(auth_r.int());
    set_field(&mut a, "auth", &auth_r);

    resolve_fetch(store, key, &mut a);
    if protocol == Protocol::Pop3 {
        a.retention = Some(resolve_retention(store, key, &mut a));
    }
    resolve_identities(store, acct, &mut a);
    Some(a)
}

/// `socketType`, else the server's legacy `isSecure`, else the default branch's `socketType`
/// (`MsgIncomingServer.sys.mjs get socketType`: `isSecure` is read on the server only).
fn socket_type(store: &PrefStore, key: &str, a: &mut Access) -> i32 {
    let own_name = format!("mail.server.{key}.socketType");
    let (value, origin, mut notes) =
        if let Some(s) = store.own("mail.server", key, "socketType", Ty::Int) {
            let Value::Int(v) = s.value else {
                unreachable!("own() checked the type")
            };
            (v, store.origin(s), Vec::new())
        } else if let Some(s) = store
            .own("mail.server", key, "isSecure", Ty::Bool)
            .filter(|s| s.value == Value::Bool(true))
        {
            (3, store.origin(s), Vec::new())
        } else {
            let r = store.default_value("mail.server", "socketType", Ty::Int, Value::Int(0));
            let mut notes = r.notes.clone();
            if let Some(s) = store.last(&own_name) {
                notes.insert(
                    0,
                    format!(
                        "{own_name} is {}, which Thunderbird ignores; the default ({}) applies",
                        prefstore::describe(&s.value),
                        r.int()
                    ),
                );
            }
            (r.int(), r.origin, notes)
        };
    a.security = match value {
        0 => Security::None,
        1 => {
            notes.push(format!(
                "{own_name} is 1 (try STARTTLS), a value newer Thunderbird rewrites to 2 (always STARTTLS); older versions fall back to no encryption when the server offers no STARTTLS"
            ));
            Security::Starttls
        }
        2 => Security::Starttls,
        3 => Security::Tls,
        other => {
            notes.push(format!(
                "{own_name} is {other}, not a value Thunderbird knows; taken as no encryption"
            ));
            Security::None
        }
    };
    a.provenance.insert("security".to_string(), origin);
    note(a, notes);
    value
}

/// A stored port ≤ 1 means "the protocol's default", chosen by `socketType == 3` only.
fn resolve_port(
    port_r: &Resolved<Value>,
    port_in_host: Option<u16>,
    socket: i32,
    host_r: &Resolved<Value>,
    a: &mut Access,
) {
    if let Some(p) = port_in_host {
        a.port = Some(p);
        a.provenance
            .insert("port".to_string(), host_r.origin.clone());
        return;
    }
    note(a, port_r.notes.iter().cloned());
    let stored = port_r.int();
    if stored > 1 {
        match u16::try_from(stored) {
            Ok(p) => {
                a.port = Some(p);
                a.provenance
                    .insert("port".to_string(), port_r.origin.clone());
            }
            Err(_) => {
                a.assumptions.push(format!(
                    "the stored port {stored} is not a valid TCP port; the port is unknown"
                ));
                a.provenance
                    .insert("port".to_string(), port_r.origin.clone());
            }
        }
        return;
    }
    let tls = socket == 3;
    a.port = match a.protocol {
        Protocol::Pop3 => Some(if tls { 995 } else { 110 }),
        Protocol::Imap => Some(if tls { 993 } else { 143 }),
        Protocol::Exchange | Protocol::Unknown => None,
    };
    if a.port.is_some() {
        a.provenance.insert("port".to_string(), client_default());
    }
}

/// nsMsgAuthMethod values (MailNewsTypes2.idl).
fn auth_of(v: i32) -> Auth {
    match v {
        1 => Auth::None,
        // 2 is the pre-3.0 "old" method: POP3 USER/PASS and IMAP LOGIN send the password itself.
        2 | 3 => Auth::PasswordCleartext,
        4 => Auth::PasswordEncrypted,
        5 => Auth::Gssapi,
        6 => Auth::Ntlm,
        7 => Auth::ClientCert,
        10 => Auth::Oauth2,
        _ => Auth::Unknown,
    }
}

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
fn resolve_fetch(store: &PrefStore, key: &str, a: &mut Access) {
    let srv =
        |name: &str, ty: Ty, fallback: Value| store.resolve("mail.server", key, name, ty, fallback);
    let biff_name = format!("mail.server.{key}.check_new_mail");
    let (biff, biff_origin) = match store.own("mail.server", key, "check_new_mail", Ty::Bool) {
        Some(s) => (s.value == Value::Bool(true), store.origin(s)),
        None => {
            let (v, origin) = match a.protocol {
                Protocol::Pop3 | Protocol::Imap => (true, client_default()),
                Protocol::Exchange => (
                    true,
                    Origin::Assumed {
                        reason:
                            "Thunderbird's default for checking Exchange accounts is not confirmed"
                                .into(),
                    },
                ),
                Protocol::Unknown => (
                    false,
                    Origin::Assumed {
                        reason: "unknown server type".into(),
                    },
                ),
            };
            if let Some(s) = store.last(&biff_name) {
                let msg = format!(
                    "{biff_name} is {}, which Thunderbird ignores; the default ({v}) applies",
                    prefstore::describe(&s.value)
                );
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
        a.assumptions.push(format!(
            "mail.server.{key}.check_time is {minutes}, so Thunderbird never checks this account on a timer"
        ));
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
    a.provenance.insert("fetch".to_string(), origin);
}

/// What this POP3 server does to server copies (reference §2.2).
fn resolve_retention(store: &PrefStore, key: &str, a: &mut Access) -> Retention {
    let srv =
        |name: &str, ty: Ty, fallback: Value| store.resolve("mail.server", key, name, ty, fallback);
    let leave = srv("leave_on_server", Ty::Bool, Value::Bool(false));
    let by_age = srv("delete_by_age_from_server", Ty::Bool, Value::Bool(false));
    let days = srv("num_days_to_leave_on_server", Ty::Int, Value::Int(7));
    let local = srv("delete_mail_left_on_server", Ty::Bool, Value::Bool(false));
    let headers = srv("headers_only", Ty::Bool, Value::Bool(false));
    let limit = srv("limit_offline_message_size", Ty::Bool, Value::Bool(false));
    let max = srv("max_size", Ty::Int, Value::Int(50));
    set_field(a, "leave_on_server", &leave);
    set_field(a, "delete_when_deleted_locally", &local);
    set_field(a, "headers_only", &headers);

    // The cut-off is computed only when the checkbox is on and the day count is non-zero.
    let delete_after_days = if by_age.bool() {
        note(a, by_age.notes.iter().cloned());
        note(a, days.notes.iter().cloned());
        let origin = if days.from_file {
            &days.origin
        } else {
            &by_age.origin
        };
        a.provenance
            .insert("delete_after_days".to_string(), origin.clone());
        match days.int() {
            0 => {
                a.assumptions.push(format!(
                    "mail.server.{key}.num_days_to_leave_on_server is 0, which turns removal by age off even though delete_by_age_from_server is on"
                ));
                None
            }
            d if d < 0 => {
                a.assumptions.push(format!(
                    "mail.server.{key}.num_days_to_leave_on_server is {d}: the cut-off lies in the future, so Thunderbird removes every kept message at the next fetch"
                ));
                Some(i64::from(d))
            }
            d => Some(i64::from(d)),
        }
    } else {
        set_field(a, "delete_after_days", &by_age);
        None
    };

    let size_limit_kib = if limit.bool() {
        note(a, max.notes.iter().cloned());
        let origin = if max.from_file {
            &max.origin
        } else {
            &limit.origin
        };
        a.provenance
            .insert("size_limit_kib".to_string(), origin.clone());
        Some(match max.int() {
            // Pop3Client uses 50 KB when max_size is 0.
            0 => 50,
            m if m < 0 => {
                a.assumptions.push(format!(
                    "mail.server.{key}.max_size is {m}, so every message counts as too big and only its first lines are downloaded"
                ));
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

/// Sender addresses of the account's identities and the SMTP servers they send through.
fn resolve_identities(store: &PrefStore, acct: &str, a: &mut Access) {
    let Some((ids, _)) = store.string(&format!("mail.account.{acct}.identities")) else {
        return;
    };
    let mut seen = HashSet::new();
    for id in ids.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        if !seen.insert(id.to_string()) {
            continue;
        }
        if let Some((email, _)) = store.string(&format!("mail.identity.{id}.useremail")) {
            let email = email.trim().to_string();
            if !email.is_empty() && !a.identities.contains(&email) {
                a.identities.push(email);
            }
        }
        let smtp_key = store
            .string(&format!("mail.identity.{id}.smtpServer"))
            .map(|(k, _)| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .or_else(|| default_smtp(store));
        let Some(smtp_key) = smtp_key else { continue };
        if let Some(o) = outgoing(store, &smtp_key, a) {
            if !a
                .outgoing
                .iter()
                .any(|x| x.host == o.host && x.port == o.port)
            {
                a.outgoing.push(o);
            }
        }
    }
}

/// `mail.smtp.defaultserver`, else the first of `mail.smtpservers`.
fn default_smtp(store: &PrefStore) -> Option<String> {
    store
        .string("mail.smtp.defaultserver")
        .map(|(k, _)| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .or_else(|| {
            store.string("mail.smtpservers").and_then(|(list, _)| {
                list.split(',')
                    .map(str::trim)
                    .find(|k| !k.is_empty())
                    .map(str::to_string)
            })
        })
}

/// One `mail.smtpserver.<key>.*` server; the port defaults to 465 with TLS, else 587.
fn outgoing(store: &PrefStore, key: &str, a: &mut Access) -> Option<Outgoing> {
    let smtp = |name: &str, ty: Ty, fallback: Value| {
        store.resolve("mail.smtpserver", key, name, ty, fallback)
    };
    let host_r = smtp("hostname", Ty::Str, empty());
    let host = host_r.text().trim().to_string();
    if host.is_empty() {
        return None;
    }
    let ssl_r = smtp("try_ssl", Ty::Int, Value::Int(0));
    let port_r = smtp("port", Ty::Int, Value::Int(0));
    let auth_r = smtp("authMethod", Ty::Int, Value::Int(3));
    for r in [&host_r, &ssl_r, &port_r, &auth_r] {
        note(a, r.notes.iter().cloned());
    }
    let ssl = ssl_r.int();
    let port = match u16::try_from(port_r.int()) {
        Ok(p) if p > 0 => p,
        _ if ssl == 3 => 465,
        _ => 587,
    };
    let security = match ssl {
        1 | 2 => Security::Starttls,
        3 => Security::Tls,
        _ => Security::None,
    };
    Some(Outgoing {
        host,
        port: Some(port),
        security,
        auth: auth_of(auth_r.int()),
        source: host_r.origin.evidence(),
    })
}

/// The folder of a POP3 server's `popstate.dat`: `directory-rel` (`[ProfD]Mail/host`) when set,
/// else the last folder of `directory` under `Mail/`, else `Mail/<hostname>`.
fn popstate_candidates(store: &PrefStore, key: &str, profile: &Path, host: &str) -> Vec<PathBuf> {
    let safe_join = |base: &Path, rel: &str| -> Option<PathBuf> {
        let mut p = base.to_path_buf();
        for seg in rel
            .split(['/', '\\'])
            .filter(|s| !s.is_empty() && *s != ".")
        {
            if seg == ".." || seg.contains(':') {
                return None;
            }
            p.push(seg);
        }
        Some(p)
    };
    if let Some((rel, _)) = store.string(&format!("mail.server.{key}.directory-rel")) {
        if let Some(rest) = rel.strip_prefix("[ProfD]") {
            return safe_join(profile, rest).into_iter().collect();
        }
    }
    let mut out = Vec::new();
    if let Some((abs, _)) = store.string(&format!("mail.server.{key}.directory")) {
        let last = abs
            .trim_end_matches(['/', '\\'])
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("");
        if !last.is_empty() {
            out.extend(safe_join(&profile.join("Mail"), last));
        }
    }
    out.extend(safe_join(&profile.join("Mail"), host));
    out
}

/// Attaches what `popstate.dat` proves this device has left on the server.
fn attach_popstate(
    store: &PrefStore,
    key: &str,
    a: &mut Access,
    input: &Input,
    ctx: &Ctx,
    out: &mut Readout,
) {
    let found = popstate_candidates(store, key, &input.path, &a.host)
        .into_iter()
        .map(|d| d.join("popstate.dat"))
        .find(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_file()));
    let Some(path) = found else { return };
    let rel = ctx.rel(&path);
    let bytes = match ctx.read(&path) {
        Ok(b) => b,
        Err(p) => {
            out.problems.push(p);
            return;
        }
    };
    if !out.also_read.contains(&rel) {
        out.also_read.push(rel.clone());
    }
    let parsed = popstate::parse(&bytes);
    out.problems.extend(parsed.problems(&rel));
    let (state, n) = parsed.summary(&a.host, &a.username, &rel);
    note(a, n);
    a.server_state = Some(state);
}
