//! The diff of two scans as people know it from `terraform plan`: `+`, `-` and `~` per
//! item, `before → after` per field, one summary line; text, Markdown, HTML and JSON, in
//! English or Japanese.

use super::sanitize;
use crate::diff::{AccessRef, Change, Diff, FindingRef, ProblemRef};
use crate::model::Lang;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write;

/// What is compared with what, as the reader should see it (`scan 3 (2026-…)`, a folder).
#[derive(Debug, Clone, Copy)]
pub struct Sides<'a> {
    pub before: &'a str,
    pub after: &'a str,
}

/// One line of a device's or mailbox's block.
enum Item<'a> {
    DeviceAdded,
    DeviceRemoved,
    Added(&'a AccessRef),
    Removed(&'a AccessRef),
    /// The changed fields of one access, or of the device or mailbox itself.
    Changed {
        heading: Option<String>,
        fields: Vec<&'a Change>,
    },
}

/// A device or a mailbox and what happened to it.
struct Block<'a> {
    /// `+`, `-` or `~`.
    mark: char,
    title: String,
    items: Vec<Item<'a>>,
}

/// Device, mailbox, client and account of a change.
type AccessKey<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

/// Per device, then per mailbox of its own fields, in name order.
fn blocks<'a>(d: &'a Diff, lang: Lang) -> Vec<Block<'a>> {
    let mut by_device: BTreeMap<&str, Vec<Item<'a>>> = BTreeMap::new();
    for id in &d.devices_added {
        by_device.entry(id).or_default().push(Item::DeviceAdded);
    }
    for id in &d.devices_removed {
        by_device.entry(id).or_default().push(Item::DeviceRemoved);
    }
    // Changes arrive grouped by access; keep each access's fields together.
    let mut grouped: BTreeMap<AccessKey, Vec<&Change>> = BTreeMap::new();
    let mut mailboxes: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for c in &d.changes {
        match (&c.device, &c.mailbox) {
            (Some(dev), mb) => grouped
                .entry((
                    dev,
                    mb.as_deref(),
                    c.client.as_deref(),
                    c.account.as_deref(),
                ))
                .or_default()
                .push(c),
            (None, Some(mb)) => mailboxes.entry(mb).or_default().push(c),
            (None, None) => {}
        }
    }
    // The device's own fields first (they sort first: no mailbox), then accounts removed,
    // added and changed.
    let (own, accounts): (Vec<_>, Vec<_>) = grouped.into_iter().partition(|(k, _)| k.1.is_none());
    for ((dev, ..), fields) in own {
        by_device.entry(dev).or_default().push(Item::Changed {
            heading: None,
            fields,
        });
    }
    for a in &d.accesses_removed {
        by_device
            .entry(&a.device)
            .or_default()
            .push(Item::Removed(a));
    }
    for a in &d.accesses_added {
        by_device.entry(&a.device).or_default().push(Item::Added(a));
    }
    for ((dev, mb, client, account), fields) in accounts {
        let heading = mb.map(|mb| access_title(mb, client.unwrap_or(""), account.unwrap_or("")));
        by_device
            .entry(dev)
            .or_default()
            .push(Item::Changed { heading, fields });
    }
    let mut out: Vec<Block> = by_device
        .into_iter()
        .map(|(dev, items)| {
            let mark = if items.iter().any(|i| matches!(i, Item::DeviceAdded)) {
                '+'
            } else if items.iter().any(|i| matches!(i, Item::DeviceRemoved)) {
                '-'
            } else {
                '~'
            };
            Block {
                mark,
                title: format!("{} {dev}", w(lang, "device", "端末")),
                items,
            }
        })
        .collect();
    for (mb, fields) in mailboxes {
        out.push(Block {
            mark: '~',
            title: format!("{} {mb}", w(lang, "mailbox", "メールボックス")),
            items: vec![Item::Changed {
                heading: None,
                fields,
            }],
        });
    }
    out
}

fn w(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// An aside in the language's parentheses.
fn paren(lang: Lang, inner: &str) -> String {
    crate::report::i18n::catalog(lang).labels().paren(inner)
}

fn access_title(mailbox: &str, client: &str, account: &str) -> String {
    format!("{mailbox} ({client}, {account})")
}

fn access_line(a: &AccessRef) -> String {
    let mut s = access_title(&a.mailbox, &a.client, &a.account);
    if let Some(p) = &a.protocol {
        let _ = write!(s, " {p}");
    }
    if let Some(h) = a.host.as_deref().filter(|h| !h.is_empty()) {
        let _ = write!(s, " {h}");
    }
    s
}

/// The field as the client's settings screen names it, with its JSON name after it.
pub fn field_label(field: &str, client: Option<&str>, lang: Lang) -> String {
    use crate::migrate::Field;
    // The settings a migration checklist also names are worded the same in both.
    let shared = match field {
        "protocol" => Some(Field::Protocol),
        "host" => Some(Field::Host),
        "port" => Some(Field::Port),
        "security" => Some(Field::Security),
        "auth" => Some(Field::Auth),
        "username" => Some(Field::Username),
        _ => None,
    };
    if let Some(f) = shared {
        return super::migration_text::catalog(lang).field(f).to_string();
    }
    let outlook = matches!(client, Some("outlook" | "windows-live-mail"));
    let words = match (field, lang) {
        ("mailbox", Lang::En) => "mailbox",
        ("mailbox", Lang::Ja) => "メールボックス",
        ("fetch.automatic", Lang::En) => "fetches on its own",
        ("fetch.automatic", Lang::Ja) => "自動で受信",
        ("fetch.interval_minutes", Lang::En) => "minutes between fetches",
        ("fetch.interval_minutes", Lang::Ja) => "受信の間隔（分）",
        ("fetch.at_startup", Lang::En) => "fetches at start",
        ("fetch.at_startup", Lang::Ja) => "起動時に受信",
        ("identities", Lang::En) => "sender addresses",
        ("identities", Lang::Ja) => "差出人アドレス",
        ("outgoing", Lang::En) => "outgoing servers",
        ("outgoing", Lang::Ja) => "送信サーバー",
        ("password_stored", Lang::En) => "password saved",
        ("password_stored", Lang::Ja) => "パスワードを保存",
        ("inactive", Lang::En) => "not counted because",
        ("inactive", Lang::Ja) => "数えない理由",
        ("retention.leave_on_server", Lang::En) if outlook => {
            "Leave a copy of messages on the server"
        }
        ("retention.leave_on_server", Lang::En) => "Leave messages on server",
        ("retention.leave_on_server", Lang::Ja) if outlook => "サーバーにメッセージのコピーを置く",
        ("retention.leave_on_server", Lang::Ja) => "ダウンロード後もサーバーにメッセージを残す",
        ("retention.delete_after_days", Lang::En) if outlook => "Remove from server after N days",
        ("retention.delete_after_days", Lang::En) => "For at most N days",
        ("retention.delete_after_days", Lang::Ja) if outlook => "サーバーから削除する N 日後",
        ("retention.delete_after_days", Lang::Ja) => {
            "ダウンロードしてから N 日以上経過したメッセージは削除する"
        }
        ("retention.delete_when_deleted_locally", Lang::En) if outlook => {
            "Remove from server when deleted from Deleted Items"
        }
        ("retention.delete_when_deleted_locally", Lang::En) => "Until I delete them",
        ("retention.delete_when_deleted_locally", Lang::Ja) if outlook => {
            "[削除済みアイテム] から削除されたら、サーバーから削除"
        }
        ("retention.delete_when_deleted_locally", Lang::Ja) => {
            "ダウンロードしたメッセージを削除したらサーバーからも削除する"
        }
        ("retention.headers_only", Lang::En) => "Fetch headers only",
        ("retention.headers_only", Lang::Ja) => "ヘッダーのみ取得する",
        ("owner", Lang::En) => "owner",
        ("owner", Lang::Ja) => "使う人",
        ("kind", Lang::En) => "kind of device",
        ("kind", Lang::Ja) => "端末の種類",
        ("away_days", Lang::En) => "longest absence (days)",
        ("away_days", Lang::Ja) => "最長の不在日数",
        ("quota_bytes", Lang::En) => "quota (bytes)",
        ("quota_bytes", Lang::Ja) => "容量の上限（バイト）",
        ("daily_bytes", Lang::En) => "daily volume (bytes)",
        ("daily_bytes", Lang::Ja) => "1 日の受信量（バイト）",
        ("main", Lang::En) => "main device",
        ("main", Lang::Ja) => "メインの端末",
        _ => return field.to_string(),
    };
    if words == field {
        return field.to_string();
    }
    match lang {
        Lang::En => format!("{words} ({field})"),
        Lang::Ja => format!("{words}（{field}）"),
    }
}

/// A value as a person reads it.
pub fn show(v: &Value, lang: Lang) -> String {
    match v {
        Value::Null => w(lang, "(none)", "（なし）").to_string(),
        Value::Bool(true) => w(lang, "on", "オン").to_string(),
        Value::Bool(false) => w(lang, "off", "オフ").to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) if a.iter().all(Value::is_string) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        // Outgoing servers: `smtp.example.jp:587 starttls password-cleartext`.
        Value::Array(a) if a.iter().all(|o| o.get("host").is_some()) => a
            .iter()
            .map(|o| {
                let mut s = show(&o["host"], lang);
                if let Some(port) = o.get("port").filter(|p| !p.is_null()) {
                    let _ = write!(s, ":{port}");
                }
                for k in ["security", "auth"] {
                    if let Some(v) = o.get(k).and_then(Value::as_str) {
                        let _ = write!(s, " {v}");
                    }
                }
                s
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one summary line.
pub fn summary(d: &Diff, lang: Lang) -> String {
    let s = d.summary();
    match lang {
        Lang::En => format!(
            "{} changed ({}, {} added, {} removed), {} resolved, {} new, {} resolved, {} new.",
            plural(s.devices_changed, "device", "devices"),
            plural(s.changes, "field", "fields"),
            plural(s.accesses_added, "account", "accounts"),
            s.accesses_removed,
            plural(s.findings_resolved, "finding", "findings"),
            s.findings_new,
            plural(s.problems_resolved, "problem", "problems"),
            s.problems_new,
        ),
        Lang::Ja => format!(
            "変更のあった端末は {} 台です（設定の変更 {} 件、アカウントの追加 {} 件・削除 {} 件）。解決した指摘 {} 件、新しい指摘 {} 件、解決した問題 {} 件、新しい問題 {} 件です。",
            s.devices_changed,
            s.changes,
            s.accesses_added,
            s.accesses_removed,
            s.findings_resolved,
            s.findings_new,
            s.problems_resolved,
            s.problems_new,
        ),
    }
}

fn item_text(item: &Item, lang: Lang) -> Option<(char, String)> {
    match item {
        Item::DeviceAdded => Some(('+', w(lang, "new device", "新しい端末").to_string())),
        Item::DeviceRemoved => Some((
            '-',
            w(lang, "device gone", "見つからなくなった端末").to_string(),
        )),
        Item::Added(a) => Some(('+', access_line(a))),
        Item::Removed(a) => Some(('-', access_line(a))),
        Item::Changed { heading, .. } => heading.as_ref().map(|h| ('~', h.clone())),
    }
}

fn severity(name: &str, lang: Lang) -> &str {
    match (name, lang) {
        ("critical", Lang::Ja) => "重大",
        ("warning", Lang::Ja) => "警告",
        ("info", Lang::Ja) => "情報",
        (other, _) => other,
    }
}

fn finding_line(f: &FindingRef, lang: Lang) -> String {
    let mut s = format!("{} {}", severity(&f.severity, lang), f.id);
    if let Some(mb) = &f.mailbox {
        let _ = write!(s, " {mb}");
    }
    if !f.devices.is_empty() {
        let _ = write!(s, " [{}]", f.devices.join(", "));
    }
    s
}

fn problem_line(p: &ProblemRef) -> String {
    match p.line {
        Some(l) => format!("{}:{l}: {}", p.path, p.message),
        None => format!("{}: {}", p.path, p.message),
    }
}

/// A `+` or `-` line of the findings or problems: mark, word, line, and the finding's
/// sentence as its report wrote it.
type Listed = (char, &'static str, String, Option<String>);

/// Findings resolved (`-`) then new (`+`), each with its word and line.
fn finding_items(d: &Diff, lang: Lang) -> Vec<Listed> {
    let resolved = d.findings_resolved.iter().map(|f| ('-', resolved(lang), f));
    let new = d.findings_new.iter().map(|f| ('+', new_word(lang), f));
    resolved
        .chain(new)
        .map(|(m, w, f)| (m, w, finding_line(f, lang), f.message.clone()))
        .collect()
}

/// Problems resolved (`-`) then new (`+`), each with its word and line.
fn problem_items(d: &Diff, lang: Lang) -> Vec<Listed> {
    let resolved = d.problems_resolved.iter().map(|p| ('-', resolved(lang), p));
    let new = d.problems_new.iter().map(|p| ('+', new_word(lang), p));
    resolved
        .chain(new)
        .map(|(m, w, p)| (m, w, problem_line(p), None))
        .collect()
}

fn title(lang: Lang) -> &'static str {
    w(lang, "What changed", "変更点")
}

fn findings_heading(lang: Lang) -> &'static str {
    w(lang, "Findings", "指摘")
}

fn problems_heading(lang: Lang) -> &'static str {
    w(lang, "Problems", "読み取りの問題")
}

fn resolved(lang: Lang) -> &'static str {
    w(lang, "resolved", "解決")
}

fn new_word(lang: Lang) -> &'static str {
    w(lang, "new", "新規")
}

fn no_changes(lang: Lang) -> &'static str {
    w(lang, "No changes.", "変更はありません。")
}

/// Text for a terminal.
pub fn text(d: &Diff, sides: Sides, lang: Lang) -> String {
    let c = sanitize::terminal;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "mailaudit: {}: {} → {}",
        title(lang),
        c(sides.before),
        c(sides.after)
    );
    if d.is_empty() {
        let _ = writeln!(s, "\n{}", no_changes(lang));
        return s;
    }
    for b in blocks(d, lang) {
        let _ = writeln!(s, "\n{} {}", b.mark, c(&b.title));
        for item in &b.items {
            let fields_indent = match item_text(item, lang) {
                Some((mark, line)) => {
                    let _ = writeln!(s, "  {mark} {}", c(&line));
                    "      "
                }
                None => "    ",
            };
            if let Item::Changed { fields, .. } = item {
                for f in fields {
                    let _ = writeln!(
                        s,
                        "{fields_indent}{}: {} → {}",
                        field_label(&f.field, f.client.as_deref(), lang),
                        c(&show(&f.before, lang)),
                        c(&show(&f.after, lang))
                    );
                }
            }
        }
    }
    let found = |s: &mut String, heading: &str, items: Vec<Listed>| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(s, "\n{heading}");
        for (mark, what, line, message) in items {
            let _ = writeln!(s, "  {mark} {}{}", c(&line), paren(lang, what));
            if let Some(msg) = message {
                let _ = writeln!(s, "      {}", c(&msg));
            }
        }
    };
    found(&mut s, findings_heading(lang), finding_items(d, lang));
    found(&mut s, problems_heading(lang), problem_items(d, lang));
    let _ = writeln!(s, "\n{}", summary(d, lang));
    s
}

/// Markdown for a ticket or an e-mail.
pub fn markdown(d: &Diff, sides: Sides, lang: Lang) -> String {
    let m = sanitize::markdown;
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", title(lang));
    let _ = writeln!(
        s,
        "{}: {}  \n{}: {}\n",
        w(lang, "Before", "変更前"),
        m(sides.before),
        w(lang, "After", "変更後"),
        m(sides.after)
    );
    if d.is_empty() {
        let _ = writeln!(s, "{}", no_changes(lang));
        return s;
    }
    let _ = writeln!(s, "**{}**", m(&summary(d, lang)));
    for b in blocks(d, lang) {
        let _ = writeln!(s, "\n## `{}` {}\n", b.mark, m(&b.title));
        for item in &b.items {
            let indent = match item_text(item, lang) {
                Some((mark, line)) => {
                    let _ = writeln!(s, "- `{mark}` {}", m(&line));
                    "  "
                }
                None => "",
            };
            if let Item::Changed { fields, .. } = item {
                for f in fields {
                    let _ = writeln!(
                        s,
                        "{indent}- `~` {}: {} → {}",
                        m(&field_label(&f.field, f.client.as_deref(), lang)),
                        m(&show(&f.before, lang)),
                        m(&show(&f.after, lang))
                    );
                }
            }
        }
    }
    let mut list = |heading: &str, items: Vec<Listed>| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(s, "\n## {heading}\n");
        for (mark, what, line, message) in items {
            let _ = writeln!(s, "- `{mark}` {}{}", m(&line), paren(lang, what));
            if let Some(msg) = message {
                let _ = writeln!(s, "  {}", m(&msg));
            }
        }
    };
    list(findings_heading(lang), finding_items(d, lang));
    list(problems_heading(lang), problem_items(d, lang));
    s
}

const STYLE: &str = "
body { font-family: system-ui, -apple-system, \"Segoe UI\", \"Hiragino Sans\", \"Yu Gothic UI\",
       Meiryo, sans-serif; color: #1d1f23; line-height: 1.45; margin: 0 auto; padding: 1.5rem;
       max-width: 72rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; border-bottom: 2px solid #c9ccd1; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92em; }
th, td { border: 1px solid #c9ccd1; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f1f2f4; }
.mark { font-family: ui-monospace, Consolas, Menlo, monospace; font-weight: 700; }
.add { color: #1b6e2a; } .del { color: #b3261e; } .chg { color: #8a5300; }
.summary { font-weight: 600; }
.msg { color: #5c6370; }
@media print { body { padding: 0; max-width: none; } tr { break-inside: avoid; } }
";

fn mark_class(mark: char) -> &'static str {
    match mark {
        '+' => "add",
        '-' => "del",
        _ => "chg",
    }
}

/// One self-contained HTML page.
pub fn html(d: &Diff, sides: Sides, lang: Lang) -> String {
    let e = sanitize::html;
    let mut s = String::new();
    s.push_str(&super::page::head(lang, title(lang), STYLE));
    let _ = writeln!(s, "<h1>{}</h1>", e(title(lang)));
    let _ = writeln!(
        s,
        "<p>{}: {}<br>{}: {}</p>",
        w(lang, "Before", "変更前"),
        e(sides.before),
        w(lang, "After", "変更後"),
        e(sides.after)
    );
    if d.is_empty() {
        let _ = writeln!(
            s,
            "<p class=\"summary\">{}</p>\n</body>\n</html>",
            no_changes(lang)
        );
        return s;
    }
    let _ = writeln!(s, "<p class=\"summary\">{}</p>", e(&summary(d, lang)));
    let mark = |m: char| format!("<span class=\"mark {}\">{m}</span>", mark_class(m));
    for b in blocks(d, lang) {
        let _ = writeln!(s, "<h2>{} {}</h2>\n<ul>", mark(b.mark), e(&b.title));
        for item in &b.items {
            if let Some((m, line)) = item_text(item, lang) {
                let _ = write!(s, "<li>{} {}", mark(m), e(&line));
            } else {
                s.push_str("<li>");
            }
            if let Item::Changed { fields, .. } = item {
                let _ = write!(
                    s,
                    "\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n",
                    w(lang, "Setting", "設定"),
                    w(lang, "Before", "変更前"),
                    w(lang, "After", "変更後")
                );
                for f in fields {
                    let _ = writeln!(
                        s,
                        "<tr><td>{} {}</td><td>{}</td><td>{}</td></tr>",
                        mark('~'),
                        e(&field_label(&f.field, f.client.as_deref(), lang)),
                        e(&show(&f.before, lang)),
                        e(&show(&f.after, lang))
                    );
                }
                s.push_str("</table>\n");
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ul>\n");
    }
    let mut list = |heading: &str, items: Vec<Listed>| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(s, "<h2>{}</h2>\n<ul>", e(heading));
        for (m, what, line, message) in items {
            let _ = write!(s, "<li>{} {}{}", mark(m), e(&line), paren(lang, &e(what)));
            if let Some(msg) = message {
                let _ = write!(s, "<br><span class=\"msg\">{}</span>", e(&msg));
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ul>\n");
    };
    list(findings_heading(lang), finding_items(d, lang));
    list(problems_heading(lang), problem_items(d, lang));
    s.push_str("</body>\n</html>\n");
    s
}

/// The `mailaudit/1` envelope with the diff's sections.
pub fn json(d: &Diff, sides: Sides, lang: Lang) -> String {
    let v = json!({
        "schema": crate::scan::SCHEMA,
        "lang": lang.code(),
        "tool": {"name": "mailaudit", "version": env!("CARGO_PKG_VERSION")},
        "before": sides.before,
        "after": sides.after,
        "summary": d.summary(),
        "summary_text": summary(d, lang),
        "changes": d.changes,
        "devices_added": d.devices_added,
        "devices_removed": d.devices_removed,
        "accesses_added": d.accesses_added,
        "accesses_removed": d.accesses_removed,
        "findings_resolved": d.findings_resolved,
        "findings_new": d.findings_new,
        "problems_resolved": d.problems_resolved,
        "problems_new": d.problems_new,
    });
    let mut s = serde_json::to_string_pretty(&v).expect("a diff serializes");
    s.push('\n');
    s
}
