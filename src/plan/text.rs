//! Every sentence of the plan, in English and Japanese. The plan's data carries no prose;
//! these functions turn it into words for plan.md, plan.html and the step pages.

use super::{Host, MainReason, NewRetention, Recommendation, Step, VolumeSource};
use crate::analyze::simulate::Projection;
use crate::model::{Client, Lang};
use crate::present::human_bytes;

/// Why this device is the main one.
pub fn main_reason(lang: Lang, r: MainReason) -> String {
    match (lang, r) {
        (Lang::En, MainReason::SiteFile) => "named as main in the site file".into(),
        (Lang::Ja, MainReason::SiteFile) => "site.toml でメインに指定されています".into(),
        (Lang::En, MainReason::KeepsAndFetchesMost { minutes }) => format!(
            "already keeps copies on the server, and fetches every {minutes} minutes, the most often of those that keep copies"
        ),
        (Lang::Ja, MainReason::KeepsAndFetchesMost { minutes }) => format!(
            "すでにサーバーにコピーを残しており、残している端末の中で最も頻繁に（{minutes} 分ごとに）受信しています"
        ),
        (Lang::En, MainReason::KeepsCopies) => "already keeps copies on the server".into(),
        (Lang::Ja, MainReason::KeepsCopies) => "すでにサーバーにコピーを残しています".into(),
        (Lang::En, MainReason::FirstDesktop) => "the first desktop reading this mailbox".into(),
        (Lang::Ja, MainReason::FirstDesktop) => {
            "このメールボックスを読む最初のデスクトップ PC です".into()
        }
        (Lang::En, MainReason::FirstDevice) => {
            "the first device reading this mailbox (no device keeps copies yet)".into()
        }
        (Lang::Ja, MainReason::FirstDevice) => {
            "このメールボックスを読む最初の端末です（コピーを残している端末がまだありません）".into()
        }
    }
}

/// "Main device: X (why), keeps copies N days", from parts already escaped for the output.
pub fn main_line(lang: Lang, main: &str, why: &str, days: u32) -> String {
    match lang {
        Lang::En => format!("Main device: {main} ({why}); keeps copies on the server {days} days"),
        Lang::Ja => format!("メイン端末: {main}（{why}）。サーバーにコピーを {days} 日残します"),
    }
}

/// What a forwarded device does with its own address, in a few words.
pub fn new_retention(lang: Lang, then: NewRetention) -> String {
    match (lang, then) {
        (Lang::En, NewRetention::RemoveAtDownload) => "removes messages at download".into(),
        (Lang::Ja, NewRetention::RemoveAtDownload) => "受信時にサーバーから削除します".into(),
        (Lang::En, NewRetention::RemoveAfterDays(n)) => format!("removes messages {n} days after download"),
        (Lang::Ja, NewRetention::RemoveAfterDays(n)) => format!("受信から {n} 日後にサーバーから削除します"),
        (Lang::En, NewRetention::RemoveWhenDeleted) => {
            "removes a message from the server when it is deleted on the phone".into()
        }
        (Lang::Ja, NewRetention::RemoveWhenDeleted) => {
            "端末で削除したメッセージをサーバーからも削除します".into()
        }
        (Lang::En, NewRetention::ServerFolder) => "reads the server folder (IMAP or webmail)".into(),
        (Lang::Ja, NewRetention::ServerFolder) => {
            "サーバーのフォルダーをそのまま読みます（IMAP・Web メール）".into()
        }
        (Lang::En, NewRetention::ReplaceGmailFetcher) => {
            "reads it in a mail app instead of Gmail's \"Check mail from other accounts\", which Google is switching off".into()
        }
        (Lang::Ja, NewRetention::ReplaceGmailFetcher) => {
            "Google が終了する Gmail の「他のアカウントのメールを確認」ではなく、メールアプリで読みます".into()
        }
    }
}

/// The one-sentence change on a forwarded device.
pub fn forward_change(lang: Lang, device: &str, address: &str, then: NewRetention) -> String {
    match lang {
        Lang::En => format!(
            "{device} reads only {address}, and {}",
            new_retention(lang, then)
        ),
        Lang::Ja => format!(
            "{device} は {address} だけを受信し、{}",
            new_retention(lang, then)
        ),
    }
}

/// The host's name as the office knows it.
pub fn host_name(lang: Lang, h: Host) -> &'static str {
    match (lang, h) {
        (Lang::En, Host::Xserver) => "Xserver (エックスサーバー)",
        (Lang::Ja, Host::Xserver) => "エックスサーバー",
        (Lang::En, Host::Sakura) => "Sakura Rental Server (さくらのレンタルサーバ)",
        (Lang::Ja, Host::Sakura) => "さくらのレンタルサーバ",
        (_, Host::Kagoya) => "KAGOYA",
        (_, Host::Cpanel) => "cPanel",
        (_, Host::Microsoft365) => "Microsoft 365",
        (Lang::En, Host::SelfHosted) => "a self-run mail server (Dovecot / Postfix)",
        (Lang::Ja, Host::SelfHosted) => "自社運用のメールサーバー（Dovecot / Postfix）",
        (Lang::En, Host::Generic) => "the mail host (panel not known)",
        (Lang::Ja, Host::Generic) => "メールサーバー（管理画面の種類は不明）",
    }
}

/// A day number in words.
pub fn day(lang: Lang, d: u32) -> String {
    match lang {
        Lang::En => format!("day {d}"),
        Lang::Ja => format!("{d} 日目"),
    }
}

/// A share as a whole percentage.
pub fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// One sentence on a projection: full on a named day, or held with its peak.
pub fn projection_line(lang: Lang, p: &Projection, days: u32) -> String {
    let peak = human_bytes(p.peak_bytes);
    match (lang, p.full_on_day, p.quota) {
        (Lang::En, Some(d), Some(q)) => format!(
            "full on {} ({} quota reached; from then on senders get \"mailbox full\" bounces, {} messages refused within {days} days)",
            day(lang, d), human_bytes(q), p.refused
        ),
        (Lang::Ja, Some(d), Some(q)) => format!(
            "{}に容量 {} が一杯になります（以後、送信者に「メールボックス容量超過」のエラーが返ります。{days} 日間で {} 通が受信拒否）",
            day(lang, d), human_bytes(q), p.refused
        ),
        (Lang::En, _, Some(q)) => format!(
            "held: at most {peak} of the {} quota ({}) over {days} days",
            human_bytes(q),
            percent(p.peak_bytes as f64 / q as f64)
        ),
        (Lang::Ja, _, Some(q)) => format!(
            "安定: {days} 日間で最大 {peak}（容量 {} の {}）",
            human_bytes(q),
            percent(p.peak_bytes as f64 / q as f64)
        ),
        (Lang::En, _, None) => format!("at most {peak} over {days} days (no quota given)"),
        (Lang::Ja, _, None) => format!("{days} 日間で最大 {peak}（容量の指定なし）"),
    }
}

/// Why a mailbox that stays small is still a problem: mail is removed before everyone has it.
pub fn small_only_because(lang: Lang, p: &Projection) -> Option<&'static str> {
    (p.full_on_day.is_none() && p.devices.iter().any(|d| d.missed > 0)).then_some(match lang {
        Lang::En => {
            "It stays small only because messages are removed before every device has them:"
        }
        Lang::Ja => "容量に余裕があるのは、全端末が受信する前にメッセージが削除されているためです:",
    })
}

/// One sentence per device that misses mail in a projection.
pub fn missed_lines(lang: Lang, p: &Projection) -> Vec<String> {
    p.devices
        .iter()
        .filter(|d| d.missed > 0)
        .map(|d| match lang {
            Lang::En => format!(
                "{} never receives {} of the messages ({} of {})",
                d.device,
                percent(d.share_missed),
                d.missed,
                d.missed + d.received
            ),
            Lang::Ja => format!(
                "{} はメッセージの {} を受け取れません（{} 通中 {} 通）",
                d.device,
                percent(d.share_missed),
                d.missed + d.received,
                d.missed
            ),
        })
        .collect()
}

/// Where the daily volume comes from, or what the projection needs.
pub fn volume_line(lang: Lang, r: &Recommendation) -> String {
    match (lang, r.volume_source, r.daily_bytes) {
        (Lang::En, VolumeSource::SiteFile, Some(d)) => format!("Daily volume {} a day, from the site file.", human_bytes(d)),
        (Lang::Ja, VolumeSource::SiteFile, Some(d)) => format!("1 日の受信量は {}（site.tomlの値）です。", human_bytes(d)),
        (Lang::En, VolumeSource::Estimated, Some(d)) => {
            let how = r.volume_basis.as_ref().map(|b| format!(
                ": {}'s local Inbox ({}) over the {} days its popstate.dat downloads span; an upper bound if that Inbox also holds older mail",
                b.device, human_bytes(b.inbox_bytes), b.days
            )).unwrap_or_default();
            format!("Daily volume about {} a day, estimated from evidence (no daily_volume in the site file){how}.", human_bytes(d))
        }
        (Lang::Ja, VolumeSource::Estimated, Some(d)) => {
            let how = r.volume_basis.as_ref().map(|b| format!(
                "。{} のローカル受信トレイ（{}）を、popstate.dat の受信記録がまたがる {} 日で割った値で、受信トレイに古いメールも入っていれば多めに出ます",
                b.device, human_bytes(b.inbox_bytes), b.days
            )).unwrap_or_default();
            format!("1 日の受信量は約 {} です（site.tomlに daily_volume がないため、収集したファイルからの推定{how}）。", human_bytes(d))
        }
        (Lang::En, _, _) => "No projection: the daily volume is not known. Give daily_volume (and quota) for this mailbox in site.toml, or collect the Thunderbird Inbox file beside popstate.dat so it can be estimated.".into(),
        (Lang::Ja, _, _) => "受信量が分からないため予測できません。site.toml のこのメールボックスに daily_volume（と quota）を書くか、popstate.dat の横にある Thunderbird の受信トレイ（Inbox）ファイルも収集してください。".into(),
    }
}

/// "Everyone on IMAP" in one sentence.
pub fn imap_line(lang: Lang, r: &Recommendation, days: u32) -> Option<String> {
    let alt = r.imap_alternative.as_ref()?;
    let held = match (lang, alt.full_on_day) {
        (Lang::En, Some(d)) => format!(
            "the mailbox keeps every message and is full on {}",
            day(lang, d)
        ),
        (Lang::Ja, Some(d)) => format!(
            "すべてのメッセージがサーバーに残り、{}に容量が一杯になります",
            day(lang, d)
        ),
        (Lang::En, None) => format!(
            "the mailbox keeps every message, {} after {days} days",
            human_bytes(alt.peak_bytes)
        ),
        (Lang::Ja, None) => format!(
            "すべてのメッセージがサーバーに残り、{days} 日後に {} になります",
            human_bytes(alt.peak_bytes)
        ),
    };
    Some(match (lang, alt.preferred) {
        (Lang::En, true) => format!("Recommended on Microsoft 365 instead of forwarding: everyone reads the mailbox over Exchange or IMAP ({held}; Microsoft 365 mailboxes hold 50 or 100 GB, and POP needs OAuth there)."),
        (Lang::Ja, true) => format!("Microsoft 365 では転送よりこちらをお勧めします: 全員が Exchange または IMAP でメールボックスを読みます（{held}。Microsoft 365 のメールボックスは 50 GB または 100 GB で、POP には OAuth が必要です）。"),
        (Lang::En, false) => format!("Alternative: everyone on IMAP, where every device sees the same folder and nobody races anybody ({held} unless old mail is archived or deleted)."),
        (Lang::Ja, false) => format!("代わりの方法: 全員を IMAP にすれば、全端末が同じフォルダーを見るので取り合いは起きません（{held}。古いメールを整理しない場合）。"),
    })
}

/// The Thunderbird or Outlook labels a person clicks, for one client.
fn switch_ui(
    lang: Lang,
    client: Client,
    program: &str,
    address: &str,
    then: NewRetention,
) -> String {
    match (lang, client) {
        (Lang::En, Client::Thunderbird) => format!(
            "Account Settings → Server Settings: User Name {address}; untick \"Leave messages on server\"."
        ),
        (Lang::Ja, Client::Thunderbird) => format!(
            "「アカウント設定」→「サーバー設定」: ユーザー名を {address} にし、「ダウンロード後もサーバーにメッセージを残す」のチェックを外します。"
        ),
        (Lang::En, Client::Outlook) => format!(
            "File → Account Settings → Change: User Name {address}; More Settings → Advanced: untick \"Leave a copy of messages on the server\"."
        ),
        (Lang::Ja, Client::Outlook) => format!(
            "ファイル → アカウント設定 → 変更: アカウント名を {address} にし、詳細設定 → 詳細設定タブで「サーバーにメッセージのコピーを置く」のチェックを外します。"
        ),
        (Lang::En, Client::ThunderbirdAndroid) => format!(
            "Account settings → Incoming server: Username {address}; \"When I delete a message\" → \"Delete from server\" (this app never removes at download)."
        ),
        (Lang::Ja, Client::ThunderbirdAndroid) => format!(
            "アカウント設定 → 受信サーバー: ユーザー名を {address} にし、メッセージを削除したときの動作を「サーバーから削除」にします（このアプリは受信時に削除できません。表示名は未確認です）。"
        ),
        (Lang::En, _) if then == NewRetention::ReplaceGmailFetcher => format!(
            "in Gmail, Settings → Accounts and Import → \"Check mail from other accounts\": delete this account (Google is switching that fetcher off); read {address} in a mail app over IMAP instead."
        ),
        (Lang::Ja, _) if then == NewRetention::ReplaceGmailFetcher => format!(
            "Gmail の 設定 →「アカウントとインポート」→「他のアカウントのメールを確認」からこのアカウントを削除し（Google はこの機能を終了します）、代わりにメールアプリで {address} を IMAP で読みます。"
        ),
        (Lang::En, _) if program == "ios-mail" => format!(
            "Settings → Mail → Accounts → this account: User Name {address}; Advanced → Delete from server: after seven days (labels not confirmed on current iOS)."
        ),
        (Lang::Ja, _) if program == "ios-mail" => format!(
            "「設定」→「メール」→「アカウント」→ このアカウント: ユーザ名を {address} にし、「詳細」→ サーバから削除を「7日後」にします（現在の iOS での表示名は未確認です）。"
        ),
        (Lang::En, _) => format!(
            "In {program}'s account settings: user name {address}; then: {}.",
            new_retention(lang, then)
        ),
        (Lang::Ja, _) => format!(
            "{program} のアカウント設定: ユーザー名を {address} にし、{}。",
            new_retention(lang, then)
        ),
    }
}

fn main_ui(lang: Lang, client: Client, program: &str, days: u32) -> String {
    match (lang, client) {
        (Lang::En, Client::Thunderbird) => format!(
            "Account Settings → Server Settings: tick \"Leave messages on server\" and \"For at most {days} days\"; untick \"Until I delete them\"."
        ),
        (Lang::Ja, Client::Thunderbird) => format!(
            "「アカウント設定」→「サーバー設定」: 「ダウンロード後もサーバーにメッセージを残す」と「ダウンロードしてから {days} 日以上経過したメッセージは削除する」にチェックを入れ、「ダウンロードしたメッセージを削除したらサーバーからも削除する」のチェックを外します。"
        ),
        (Lang::En, Client::Outlook) => format!(
            "File → Account Settings → Change → More Settings → Advanced: tick \"Leave a copy of messages on the server\" and \"Remove from server after {days} days\"."
        ),
        (Lang::Ja, Client::Outlook) => format!(
            "ファイル → アカウント設定 → 変更 → 詳細設定 → 詳細設定タブ: 「サーバーにメッセージのコピーを置く」と「サーバーから削除する {days} 日後」にチェックを入れます。"
        ),
        (Lang::En, _) => format!("In {program}'s account settings: keep copies on the server and remove them {days} days after download."),
        (Lang::Ja, _) => format!("{program} のアカウント設定: サーバーにコピーを残し、受信から {days} 日後に削除する設定にします。"),
    }
}

/// The title of a step: what to do.
pub fn step_do(lang: Lang, s: &Step) -> String {
    match (lang, s) {
        (Lang::En, Step::CreateAddresses { addresses, host }) => format!(
            "Create the own addresses {} at {}.",
            addresses.join(", "),
            host_name(lang, *host)
        ),
        (Lang::Ja, Step::CreateAddresses { addresses, host }) => format!(
            "{}で各自のアドレス {} を作成します。",
            host_name(lang, *host),
            addresses.join("、")
        ),
        (Lang::En, Step::SetForwarding { from, to, file, .. }) => format!(
            "Forward {from} to {}, keeping a copy in {from} (see {file}).",
            to.join(", ")
        ),
        (Lang::Ja, Step::SetForwarding { from, to, file, .. }) => format!(
            "{from} を {} に転送し、{from} にもコピーを残す設定にします（{file} を参照）。",
            to.join("、")
        ),
        (Lang::En, Step::SendTest { to, .. }) => {
            format!("Send a test message to {to} from an outside address.")
        }
        (Lang::Ja, Step::SendTest { to, .. }) => {
            format!("外部のアドレスから {to} にテストメールを送ります。")
        }
        (
            _,
            Step::SwitchDevice {
                device,
                client,
                program,
                address,
                then,
                file,
                locked_by,
                ..
            },
        ) => {
            let ui = switch_ui(lang, *client, program, address, *then);
            let f = lock_hint(lang, locked_by.as_ref())
                .unwrap_or_else(|| file_hint(lang, file.as_deref(), *client));
            match lang {
                Lang::En => format!("Switch {device} to {address}: {ui}{f}"),
                Lang::Ja => format!("{device} を {address} に切り替えます: {ui}{f}"),
            }
        }
        (
            _,
            Step::SetMainDays {
                device,
                client,
                program,
                days,
                file,
                locked_by,
                ..
            },
        ) => {
            let ui = main_ui(lang, *client, program, *days);
            let f = lock_hint(lang, locked_by.as_ref())
                .unwrap_or_else(|| file_hint(lang, file.as_deref(), *client));
            match lang {
                Lang::En => {
                    format!("Only now set {days} days on the main device {device}: {ui}{f}")
                }
                Lang::Ja => {
                    format!("最後に、メイン端末 {device} を {days} 日に設定します: {ui}{f}")
                }
            }
        }
    }
}

/// A locked value cannot be changed in the client, nor by a user.js: only in the file that locks it.
fn lock_hint(lang: Lang, lock: Option<&super::steps::LockedBy>) -> Option<String> {
    let l = lock?;
    Some(match lang {
        Lang::En => format!(
            " This account's retention is locked by {} line {}: make the change in that file (the administrator's settings), as neither Thunderbird's account settings nor a user.js can change a locked value.",
            l.file, l.line
        ),
        Lang::Ja => format!(
            " このアカウントの保存設定は {} の {} 行目でロックされています。Thunderbird のアカウント設定でも user.js でもロックされた値は変えられないため、このファイル（管理者の設定）で変更してください。",
            l.file, l.line
        ),
    })
}

fn file_hint(lang: Lang, file: Option<&str>, client: Client) -> String {
    match (lang, file, client) {
        (_, None, _) => String::new(),
        (Lang::En, Some(f), Client::Outlook) => format!(" Or: close Outlook (File → Exit), double-click {f}, start Outlook and check the Advanced tab; undo.reg beside it puts back today's value."),
        (Lang::Ja, Some(f), Client::Outlook) => format!(" または: Outlook を終了し（ファイル → 終了）、{f} をダブルクリックして取り込み、Outlook を起動して詳細設定タブを確認します。元に戻すには隣の undo.reg を取り込みます。"),
        (Lang::En, Some(f), _) => format!(" Or: with Thunderbird closed, copy {f} into the profile folder, start Thunderbird once, check the setting, then delete user.js from the profile (otherwise it re-applies these values at every start)."),
        (Lang::Ja, Some(f), _) => format!(" または: Thunderbird を終了した状態で {f} をプロファイルフォルダーにコピーし、一度起動して設定を確認したら、プロファイルの user.js を削除します（残すと起動のたびに同じ値が上書きされます）。"),
    }
}

/// How to check a step worked.
pub fn step_check(lang: Lang, s: &Step) -> String {
    match (lang, s) {
        (Lang::En, Step::CreateAddresses { .. }) => "Check: each address is listed in the panel, and you can log in to it (webmail or a test account).".into(),
        (Lang::Ja, Step::CreateAddresses { .. }) => "確認: 管理画面に各アドレスが表示され、そのアドレスでログインできること（Web メールなど）。".into(),
        (Lang::En, Step::SetForwarding { from, .. }) => format!("Check: the forwarding list of {from} shows every own address, and the keep-a-copy setting is on."),
        (Lang::Ja, Step::SetForwarding { from, .. }) => format!("確認: {from} の転送先にすべてのアドレスが並び、コピーを残す設定になっていること。"),
        (Lang::En, Step::SendTest { expect_at, .. }) => format!("Check: the message arrived at every address: {} (webmail of each, or the main device for the shared one).", expect_at.join(", ")),
        (Lang::Ja, Step::SendTest { expect_at, .. }) => format!("確認: すべてのアドレスに届いたこと: {}（各アドレスの Web メール、共有アドレスはメイン端末で）。", expect_at.join("、")),
        (Lang::En, Step::SwitchDevice { device, address, .. }) => format!("Check: send another test message; {device} receives it from {address}, and the copy in the shared mailbox is still there for the main device."),
        (Lang::Ja, Step::SwitchDevice { device, address, .. }) => format!("確認: もう一度テストメールを送り、{device} が {address} から受信し、共有メールボックスのコピーもメイン端末用に残っていること。"),
        (Lang::En, Step::SetMainDays { device, days, .. }) => format!("Check: {device}'s account settings show {days} days; mailaudit scan no longer reports a conflict on this mailbox."),
        (Lang::Ja, Step::SetMainDays { device, days, .. }) => format!("確認: {device} のアカウント設定が {days} 日になっていること。mailaudit scan でこのメールボックスの競合が出なくなること。"),
    }
}

/// Why the order matters, in one paragraph.
pub fn order_note(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Keep this order. A device that stops leaving copies on the server removes, at its next fetch, everything it had left there, so each device moves only after its own address receives mail; the main device changes last.",
        Lang::Ja => "この順番を守ってください。「サーバーにコピーを残す」をやめた端末は、次の受信時にそれまで残していたメッセージをすべてサーバーから削除します。そのため各端末は、自分のアドレスにメールが届くようになってから切り替え、メイン端末は最後に変更します。",
    }
}

/// What replies look like afterwards.
pub fn replies_note(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Replies: the files here change only the login, not the sender address, so replies still come from the shared address. If someone wants replies to come from their own address, change the sender address in that account too.",
        Lang::Ja => "返信について: ここにあるファイルはログイン名だけを変え、差出人アドレスは変えません。返信は引き続き共有アドレスから送られます。自分のアドレスから返信したい場合は、そのアカウントの差出人アドレスも変更してください。",
    }
}

/// The quota must grow: the sentence.
pub fn quota_grow_line(lang: Lang, r: &Recommendation) -> Option<String> {
    if !r.quota_must_grow {
        return None;
    }
    let need = r.quota_needed.map(human_bytes).unwrap_or_default();
    Some(match lang {
        Lang::En => format!("Even one day of copies plus the main device's absence does not fit in 80% of the quota: the quota must grow to about {need} for {} days.", r.keep_days.max(1)),
        Lang::Ja => format!("1 日分のコピーとメイン端末の不在期間でも容量の 80% に収まりません。容量を約 {need} に増やす必要があります。"),
    })
}

/// Headings and labels used by both plan.md and plan.html.
pub fn label(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::En, "title") => "Mail plan",
        (Lang::Ja, "title") => "メール設定の変更計画",
        (Lang::En, "forwards") => "Own addresses (the server forwards a copy)",
        (Lang::Ja, "forwards") => "各自のアドレス（サーバーがコピーを転送）",
        (Lang::En, "projection") => "Projection",
        (Lang::Ja, "projection") => "容量の予測",
        (Lang::En, "before") => "Today",
        (Lang::Ja, "before") => "現在",
        (Lang::En, "after") => "With the plan",
        (Lang::Ja, "after") => "計画どおり変更後",
        (Lang::En, "steps") => "Steps, in this order",
        (Lang::Ja, "steps") => "手順（この順番で）",
        (Lang::En, "quota") => "quota",
        (Lang::Ja, "quota") => "容量",
        (Lang::En, "matrix") => "Who reads what",
        (Lang::Ja, "matrix") => "端末とメールボックス",
        (Lang::En, "device") => "Device",
        (Lang::Ja, "device") => "端末",
        (Lang::En, "files") => "Files in this folder",
        (Lang::Ja, "files") => "このフォルダーのファイル",
        (Lang::En, "none") => "No mailbox is read by more than one device: nothing to change.",
        (Lang::Ja, "none") => "複数の端末で読まれているメールボックスはありません。変更は不要です。",
        (Lang::En, "assumed") => "The projection starts on a Monday; computers fetch on working days 09:00–18:00, phones every day 07:00–23:00; each device is away once for its longest absence; an own address is taken to have the same quota as the shared one.",
        (Lang::Ja, "assumed") => "予測の前提: 初日は月曜日、PC は平日 9:00〜18:00、スマートフォンは毎日 7:00〜23:00 に受信し、各端末は最長の不在期間を 1 回とります。各自のアドレスの容量は共有アドレスと同じとしています。",
        (Lang::En, "chart") => "Server mailbox size by day",
        (Lang::Ja, "chart") => "サーバーのメールボックス使用量（日ごと）",
        (Lang::En, "day") => "day",
        (Lang::Ja, "day") => "日目",
        _ => "",
    }
}

/// What a device does today on a mailbox, for the matrix, in a few words.
pub fn effect_words(lang: Lang, e: Option<crate::model::Effect>) -> String {
    use crate::model::Effect;
    match (lang, e) {
        (Lang::En, Some(Effect::RemovesAtDownload)) => "removes at download".into(),
        (Lang::Ja, Some(Effect::RemovesAtDownload)) => "受信時に削除".into(),
        (Lang::En, Some(Effect::KeepsDays(n))) => format!("keeps {n} days"),
        (Lang::Ja, Some(Effect::KeepsDays(n))) => format!("{n} 日残す"),
        (Lang::En, Some(Effect::KeepsUntilDeleted)) => "keeps until deleted".into(),
        (Lang::Ja, Some(Effect::KeepsUntilDeleted)) => "削除するまで残す".into(),
        (Lang::En, Some(Effect::KeepsForever)) => "keeps forever".into(),
        (Lang::Ja, Some(Effect::KeepsForever)) => "ずっと残す".into(),
        (Lang::En, None) => "reads the server folder".into(),
        (Lang::Ja, None) => "サーバーのフォルダーを読む".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_exists_in_both_languages() {
        for key in [
            "title",
            "forwards",
            "projection",
            "before",
            "after",
            "steps",
            "quota",
            "matrix",
            "device",
            "files",
            "none",
            "assumed",
            "chart",
            "day",
        ] {
            for lang in [Lang::En, Lang::Ja] {
                assert!(!label(lang, key).is_empty(), "{key} {lang:?}");
            }
            assert_ne!(label(Lang::En, key), label(Lang::Ja, key), "{key}");
        }
    }
}
