//! Japanese: polite support prose (です・ます), the fact first and the reason after, each
//! setting named with its client's own Japanese label so a reader finds the checkbox.

use super::{human_bytes, Catalog, Labels, Texts};
use crate::analyze::simulate::Lifetime;
use crate::model::site::{EntryFault, SiteFault};
use crate::model::{
    Effect, FileFormat, Fill, Finding, FindingKind, IoCause, ProblemKind, Reader, Severity,
    SyntaxCode, TextPart,
};

/// The Japanese catalog.
pub struct Ja;

static LABELS: Labels = Labels {
    title: "メール設定の診断結果",
    stop: "。",
    sep: "、",
    parens: ["（", "）"],
    mailbox: "メールボックス",
    access_headers: [
        "端末",
        "メールソフト",
        "アカウント",
        "方式",
        "サーバーのコピー",
        "受信",
        "設定ファイル",
    ],
    on_server: "サーバー上のメール",
    assumed: "推定",
    inactive_title: "集計に含めないアカウント",
    inactive_why: "ふだんは受信に使われていないアカウントです。",
    inactive_headers: ["端末", "アカウント", "メールボックス", "サーバーのコピー", "理由"],
    findings: "診断結果",
    no_findings: "問題は見つかりませんでした。",
    devices: "対象の端末",
    on: "—",
    why: "理由",
    fix: "対処",
    evidence: "根拠",
    layout_title: "推奨構成（メイン端末だけがサーバーにコピーを残し、ほかの人には転送用の個人アドレスを用意する）",
    forward_headers: ["転送先", "端末", "端末で変えること"],
    quota_must_grow: "1 日分のコピーでも容量が足りません。メールボックスの容量を増やす必要があります",
    providers_title: "プロバイダーの設定ファイル",
    provider_headers: ["設定", "ドメイン", "ファイル"],
    problems_title: "読み取れなかったもの",
    problems_why: "次のファイルまたは行は読み取れませんでした。",
    problems_what: "読み取れなかったファイル、行、または使えなかった site.toml の項目",
    problem_headers: ["場所", "内容"],
    first_steps: "まず行うこと",
    scanned: "診断対象",
};

/// The program as Japanese support articles name it.
fn client(program: &str) -> String {
    match program {
        "thunderbird" => "Thunderbird".into(),
        "outlook" => "Outlook".into(),
        "windows-live-mail" => "Windows Live メール".into(),
        "thunderbird-android" => "Thunderbird for Android".into(),
        "becky" => "Becky!".into(),
        "ios-mail" => "iPhone のメール".into(),
        "gmail-fetcher" => "Gmail の「他のアカウントのメールを確認」".into(),
        "webmail" => "Webメール".into(),
        "hidemaru" => "秀丸メール".into(),
        other => other.to_string(),
    }
}

/// The client's own label of the "leave a copy on the server" setting.
fn leave_label(program: &str) -> String {
    match program {
        "thunderbird" => "サーバー設定の「ダウンロード後もサーバーにメッセージを残す」".into(),
        "outlook" => "詳細設定タブの「サーバーにメッセージのコピーを置く」".into(),
        "windows-live-mail" => "詳細設定タブの「サーバにメッセージのコピーを置く」（「サーバ」か「サーバー」かの表記は未確認）".into(),
        "becky" => "メールボックス設定の、サーバーにメールを残す設定（画面の表記は未確認）".into(),
        _ => "「サーバーにメッセージのコピーを残す」設定（画面の表記は未確認）".into(),
    }
}

/// The client's own label of the "remove after N days" setting.
fn days_label(program: &str) -> String {
    match program {
        "thunderbird" => "「ダウンロードしてから [N] 日以上経過したメッセージは削除する」".into(),
        "outlook" => "「サーバーから削除する [N] 日後」".into(),
        "windows-live-mail" => "「サーバから削除する」の日数（表記は未確認）".into(),
        _ => "サーバーから削除するまでの日数の設定（画面の表記は未確認）".into(),
    }
}

/// The client's own label of the "remove when deleted here" setting.
fn delete_label(program: &str) -> String {
    match program {
        "thunderbird" => "「ダウンロードしたメッセージを削除したらサーバーからも削除する」".into(),
        "outlook" => {
            "「[削除済みアイテム] から削除されたら、サーバーから削除」（新しい版の表記は未確認）"
                .into()
        }
        "thunderbird-android" => {
            "メッセージを削除したときの設定（英語版では「Delete from server」。日本語の表記は未確認）"
                .into()
        }
        _ => "端末で削除したらサーバーからも削除する設定（画面の表記は未確認）".into(),
    }
}

fn names(list: &[String]) -> String {
    Ja.join(list)
}

fn readers(list: &[Reader]) -> String {
    let v: Vec<String> = list.iter().map(|r| Ja.reader(r)).collect();
    Ja.join(&v)
}

const LAYOUT: &str = "そのうえで推奨構成（メイン端末だけがサーバーにコピーを残し、ほかの人には転送用の個人アドレスを用意する）に切り替えてください。";

/// The first change on a device that removes at download.
fn removes_first(device: &str, program: &str, by_days: bool) -> String {
    if by_days {
        format!(
            "{device} の {} で、{}の日数を 1 以上にしてください（または日数による削除をオフにしてください）。",
            client(program),
            days_label(program)
        )
    } else {
        format!(
            "{device} の {} で、{}をオンにしてください。",
            client(program),
            leave_label(program)
        )
    }
}

impl Catalog for Ja {
    fn rule_doc(&self, d: &crate::analyze::RuleDoc) -> super::RuleText {
        super::ja_rules::doc(d.id)
    }

    fn explain_headings(&self) -> [&'static str; 4] {
        ["検出する内容", "なぜ問題か", "例", "対処"]
    }

    fn explain_more(&self) -> &'static str {
        "mailaudit explain ルールID で、そのルールの説明を表示します。"
    }

    fn first_step(&self, f: &Finding) -> Option<String> {
        match &f.kind {
            FindingKind::RemovesAtDownload {
                device,
                program,
                by_days,
                ..
            } => Some(format!(
                "{}これで、ほかの端末でもメールを受信できるようになります。",
                removes_first(device, program, *by_days)
            )),
            FindingKind::NeverRemoved {
                fill: Fill::InDays { days, .. },
                ..
            } if f.severity == Severity::Critical => Some(format!(
                "{} は約 {days} 日で容量がいっぱいになります。それまでに下の推奨構成に切り替えてください。",
                f.mailbox
            )),
            FindingKind::ShortWindow { .. } => Some(self.finding(f).fix),
            FindingKind::Unencrypted {
                password_in_clear: true,
                ..
            } => Some(self.finding(f).fix),
            _ => None,
        }
    }

    fn labels(&self) -> &'static Labels {
        &LABELS
    }

    fn finding(&self, f: &Finding) -> Texts {
        let mailbox = &f.mailbox;
        let (message, why, fix) = match &f.kind {
            FindingKind::RemovesAtDownload {
                device,
                program,
                by_days,
                every_minutes,
                remover,
                readers: others,
                missed,
                other_profile_only,
            } => {
                let when = match every_minutes {
                    Some(m) => format!("{m} 分ごとに受信"),
                    None => "受信のたび".to_string(),
                };
                let mut m = if *by_days {
                    format!(
                        "{device}（{}）は、サーバーにコピーを残す日数が 1 以上になっていないため、次の受信でサーバーのメールをすべて削除します（{when}）。",
                        client(program)
                    )
                } else {
                    format!(
                        "{device}（{}）は、メールを受信するとすぐにサーバーから削除します（{when}）。",
                        client(program)
                    )
                };
                m.push_str(&format!(
                    "そのため、{} が先に受信したメールは、{} では受信できません。",
                    self.reader(remover),
                    readers(others)
                ));
                if let Some(w) = missed {
                    let basis = if w.intervals_assumed {
                        "見つかった受信間隔（一部は推定）で計算すると"
                    } else {
                        "見つかった受信間隔で計算すると"
                    };
                    m.push_str(&format!(
                        "{basis}、{} は届いたメールの約 {}% を受信できません。",
                        self.reader(&w.reader),
                        w.percent
                    ));
                }
                if *other_profile_only {
                    m.push_str(&format!(
                        "もう一方は同じ {device} にある {} の別のプロファイルです。このプロファイルを使っている間に届いたメールは、もう一方では受信できません。",
                        client(program)
                    ));
                }
                let first = format!("まず {}", removes_first(device, program, *by_days));
                (
                    m,
                    "サーバーには 1 通のメールにつきコピーが 1 つしかありません。この端末がほかの端末より先に受信して削除すると、ほかの端末はそのメールを受信できません。".to_string(),
                    format!("{first}{LAYOUT}"),
                )
            }
            FindingKind::ShortWindow {
                device,
                program,
                days,
                away_device,
                away_days,
                lost_days,
            } => (
                format!(
                    "{device} は、受信してから {days} 日後にサーバーのコピーを削除します。{away_device} は最長 {away_days} 日間使わないことがあり、その場合は最大 {} 日分のメールを受信できません。",
                    lost_days
                ),
                "日数は端末ごとに、その端末が受信した時点から数えます。そのため、それより長く使わなかった端末が受信しに行ったときには、メールはすでにサーバーから削除されています。".to_string(),
                format!(
                    "{device} の {} で、{}を {away_days} 日以上にしてください。または {away_device} に個人用のアドレスを用意し、サーバーから転送してください。",
                    client(program),
                    days_label(program)
                ),
            ),
            FindingKind::NeverRemoved {
                devices,
                by_user,
                piled,
                fill,
            } => {
                let mut m = format!(
                    "{mailbox} のメールを自動で削除する端末がありません。{} はサーバーにコピーを残し続けるため{}、メールボックスは増える一方です。",
                    names(devices),
                    if by_user.is_empty() {
                        String::new()
                    } else {
                        format!("（{} は利用者が削除したメールだけをサーバーから削除します）", names(by_user))
                    }
                );
                if let Some(p) = piled {
                    m.push_str(&format!(
                        "ある端末はサーバーに {} 通を残しており、いちばん古いメールは最新のメールより {} 日前に受信したものです。",
                        p.kept, p.span_days
                    ));
                }
                match fill {
                    Fill::InDays {
                        days,
                        daily_bytes,
                        quota_bytes,
                        counting_stored,
                    } => m.push_str(&format!(
                        "1 日あたり {} のペースだと、{} の容量は約 {days} 日でいっぱいになります（{}）。",
                        human_bytes(*daily_bytes),
                        human_bytes(*quota_bytes),
                        if *counting_stored {
                            "すでに保存されている分を含めた計算です"
                        } else {
                            "現在は空であると仮定した計算です"
                        }
                    )),
                    Fill::NoFacts => m.push_str("いつ容量がいっぱいになるかを計算するには、site.toml にこのメールボックスの `quota` と `daily_volume` を書いてください。"),
                    Fill::Never => {}
                }
                (
                    m,
                    "容量の上限に達すると、サーバーは新しいメールを受け付けなくなり、送信者には「mailbox full」のエラーメールが返ります。".to_string(),
                    "メイン端末を 1 台決めて、受信から N 日後にサーバーのコピーを削除する設定にし、ほかの人には個人用のアドレスを用意してサーバーから転送してください。".to_string(),
                )
            }
            FindingKind::DeleteFollowsUser {
                device,
                program,
                others,
            } => (
                format!(
                    "{device} でメールを削除する（またはごみ箱を空にする）と、{device} は次の受信のときにそのメールをサーバーからも削除します。{} がまだ受信していなければ、そのメールは届きません。",
                    readers(others)
                ),
                "同僚がメールを受け取れるかどうかが、一人の削除操作とそのタイミングで決まってしまいます。".to_string(),
                format!(
                    "{device} の {} で、{}をオフにしてください。",
                    client(program),
                    delete_label(program)
                ),
            ),
            FindingKind::PopImapMix { viewers, removers } => (
                format!(
                    "{} は {mailbox} を IMAP または Webメールで読んでいます。{} が POP3 で削除したメールは、その画面からも消えます。",
                    names(viewers),
                    names(removers)
                ),
                "IMAP の利用者はサーバーのフォルダーそのものを見ているため、POP3 の端末が削除したメールは受信トレイから消えます。".to_string(),
                "このアドレスはすべての端末で IMAP で読むか、POP3 の端末には転送用の個人アドレスを用意してください。".to_string(),
            ),
            FindingKind::HeadersOnly {
                device,
                program,
                size_limit_kib,
            } => {
                let what = match size_limit_kib {
                    None => format!("{mailbox} のすべてのメールについてヘッダーだけを受信しています"),
                    Some(k) => format!("{mailbox} の {k} KB を超えるメールについてヘッダーだけを受信しています"),
                };
                let label = if program == "thunderbird" {
                    "「ヘッダーのみ取得する」とサイズの制限".to_string()
                } else {
                    "ヘッダーだけを受信する設定とサイズの制限".to_string()
                };
                (
                    format!("{device} は {what}。これらのメールは、削除の設定にかかわらずサーバーに残り続けます。"),
                    "ヘッダーだけを受信したメールは、日数による削除でも受信時の削除でも消えないため、容量を圧迫します。".to_string(),
                    format!("{device} の {} で、{label}をオフにしてください。", client(program)),
                )
            }
            FindingKind::SharedAddress { devices } => (
                format!(
                    "{mailbox} は {} 台の端末で受信しています: {}。",
                    devices.len(),
                    names(devices)
                ),
                "それぞれの端末の設定が、ほかの端末で受信できるメールを左右します。".to_string(),
                "このメールボックスの推奨構成をご覧ください。".to_string(),
            ),
            FindingKind::Unencrypted {
                device,
                protocol,
                host,
                password_in_clear,
            } => (
                format!(
                    "{device} は {protocol} サーバー {host} に暗号化なしで接続しています。{}",
                    if *password_in_clear {
                        "パスワードも暗号化されずに送られています。"
                    } else {
                        ""
                    }
                ),
                "通信経路の途中でメールを読み取られるおそれがあり、平文のパスワードが盗まれるとアドレスを乗っ取られます。".to_string(),
                format!("{device} で {protocol} の接続を SSL/TLS（または STARTTLS）にし、対応するポート番号に変えてください。"),
            ),
            FindingKind::SenderDomain {
                device,
                identity,
                domain,
                mailbox_domain,
            } => (
                format!("{device} は {mailbox} を受信するアカウントから {identity} として送信しています。受信側は {domain} の SPF/DMARC を送信サーバーと照合します。"),
                "サーバーと異なるドメインのアドレスで送ったメールは、迷惑メールと判定されやすくなります。".to_string(),
                format!("{device} では {mailbox_domain} のアドレスで送信するか、{domain} の送信サーバーを使ってください。"),
            ),
            FindingKind::ProviderRetention {
                profile,
                domain,
                offered_days,
                plan_days,
                pop3_alternative,
                devices,
            } => {
                let what = match offered_days {
                    None => "受信したメールをすぐにサーバーから削除する".to_string(),
                    Some(d) => format!("サーバーにコピーを {d} 日だけ残す（計画の {plan_days} 日より短い）"),
                };
                let alternative = if *pop3_alternative {
                    "（IMAP と並んで POP3 も用意されているため、POP3 を選んだ場合に当てはまります）"
                } else {
                    ""
                };
                (
                    format!("{domain} 用のプロバイダーの設定ファイル {profile} は、新しく設定する POP3 の端末を「{what}」設定にします{alternative}。この方法で追加した端末は、{} が受信する前にメールを削除してしまいます。", names(devices)),
                    "新しい端末は、設定のときに誰かが変えない限り、プロバイダーの設定ファイルどおりに設定されます。".to_string(),
                    format!("{mailbox} に端末を追加するときは、サーバーにメッセージを {plan_days} 日以上残す設定にしてください（または転送用の個人アドレスを用意してください）。プロバイダーには設定ファイルの変更を依頼してください。"),
                )
            }
            FindingKind::ProviderHosts {
                profile,
                root,
                domain,
                offered,
                used,
            } => (
                format!(
                    "{domain} 用のプロバイダーの設定ファイル {profile} は新しい端末を {} に接続させますが、{mailbox} の端末はどれもそのサーバーを使っていません（使っているのは {} です）。設定ファイルが古いか、メールボックスの移転が予定されています。",
                    names(offered),
                    names(used)
                ),
                "設定ファイルで設定した新しい端末と今ある端末が、別々のサーバーから受信することになります。".to_string(),
                format!("どちらのサーバーが現在のものか確認してください。移転する場合は `{}` で各端末の変更点を確認し、そうでなければ設定ファイルを直してもらってください。", super::migrate_command(root.as_deref(), profile)),
            ),
        };
        Texts { message, why, fix }
    }

    fn program(&self, program: &str) -> String {
        client(program)
    }

    fn site_entry(&self) -> &'static str {
        "（site.toml に記載）"
    }

    fn probably(&self, message: &str, reason: &str) -> String {
        format!("おそらく次のとおりです。{message} ただし、これはファイルから読み取った値ではなく推定に基づいています: {reason}")
    }

    fn severity(&self, s: Severity) -> &'static str {
        match s {
            Severity::Critical => "重大",
            Severity::Warning => "警告",
            Severity::Info => "情報",
        }
    }

    fn reader(&self, r: &Reader) -> String {
        match (&r.program, &r.account) {
            (Some(p), Some(a)) => match &r.profile {
                Some(f) => format!("{} の {}（{a}、プロファイル {f}）", r.device, client(p)),
                None => format!("{} の {}（{a}）", r.device, client(p)),
            },
            _ => r.device.clone(),
        }
    }

    fn join(&self, names: &[String]) -> String {
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [a, b] => format!("{a} と {b}"),
            many => many.join("、"),
        }
    }

    fn effect(&self, e: Effect) -> String {
        match e {
            Effect::RemovesAtDownload => "受信時に削除".to_string(),
            Effect::KeepsDays(n) => format!("{n} 日間残す"),
            Effect::KeepsUntilDeleted => "この端末で削除するまで残す".to_string(),
            Effect::KeepsForever => "ずっと残す".to_string(),
        }
    }

    fn lifetime(&self, l: &Lifetime) -> String {
        match l {
            Lifetime::NextFetch(d, Some(m)) => format!(
                "メールは {d} が次に受信するまで（{m} 分ごと）しかサーバーに残らず、その後は誰も受信できません"
            ),
            Lifetime::NextFetch(d, None) => {
                format!("メールは {d} が次に受信するまでしかサーバーに残らず、その後は誰も受信できません")
            }
            Lifetime::Days(d, n) => format!("メールは {d} が受信してから {n} 日間サーバーに残ります"),
            Lifetime::UserDelete(d) => format!("メールは {d} で誰かが削除するまでサーバーに残ります"),
            Lifetime::Forever => "どの端末もメールを削除しないため、メールボックスは増える一方です".to_string(),
            Lifetime::NotPop => "IMAP/Webメールだけで読まれています。サーバーのフォルダーは利用者が管理します".to_string(),
        }
    }

    fn summary(
        &self,
        devices: usize,
        mailboxes: usize,
        [c, w, i]: [usize; 3],
        problems: usize,
    ) -> String {
        let problems = match problems {
            0 => String::new(),
            n => format!("、読み取れなかったもの {n} 件"),
        };
        format!(
            "端末 {devices} 台、メールボックス {mailboxes} 個、診断結果 {} 件（重大 {c}、警告 {w}、情報 {i}）{problems}",
            c + w + i
        )
    }

    fn quota(&self, bytes: u64) -> String {
        format!("容量 {}", human_bytes(bytes))
    }

    fn daily(&self, bytes: u64, estimated: bool) -> String {
        format!(
            "1 日あたり {}{}",
            human_bytes(bytes),
            if estimated { "（推定）" } else { "" }
        )
    }

    fn or_deleted_here(&self) -> &'static str {
        "、この端末で削除したときも削除"
    }

    fn headers_only_forever(&self) -> &'static str {
        "ヘッダーのみ: ずっと残す"
    }

    fn over_size_forever(&self, kib: u32) -> String {
        format!("。{kib} KB を超えるもの: ずっと残す")
    }

    fn sees_server_folder(&self) -> &'static str {
        "サーバーのフォルダーを直接見る"
    }

    fn unknown(&self) -> &'static str {
        "不明"
    }

    fn fetches(&self, automatic: bool, interval: Option<u32>, at_startup: bool) -> String {
        match (automatic, interval) {
            (true, Some(m)) => format!("{m} 分ごと"),
            (true, None) => "自動".into(),
            (false, _) if at_startup => "起動時".into(),
            (false, _) => "手動".into(),
        }
    }

    fn server_state(&self, left: u64, oldest: Option<&str>) -> String {
        let since = oldest
            .map(|d| format!("いちばん古いものは {d} に受信"))
            .unwrap_or_default();
        let since = if since.is_empty() {
            since
        } else {
            format!("。{since}")
        };
        format!(
            "popstate.dat によると、前回の受信の時点でサーバーに {left} 通を残しています{since}"
        )
    }

    fn main_keeps(&self, main: &str, days: u32, reason: &str) -> String {
        format!("{main} がサーバーにコピーを {days} 日間残します（{reason}）")
    }

    fn main_cell(&self, days: u32) -> String {
        format!("→ メイン（{days} 日間残す）")
    }

    fn forward_line(&self, mailbox: &str, address: &str, change: &str) -> String {
        format!("{mailbox} を {address} に転送: {change}")
    }

    fn scan_facts(
        &self,
        roots: &[String],
        at: Option<&str>,
        version: &str,
        site: Option<&str>,
    ) -> String {
        let at = at.map(|t| format!("、{t}")).unwrap_or_default();
        let site = match site {
            Some(s) => format!("site ファイル: {s}"),
            None => "site ファイルなし".to_string(),
        };
        format!(
            "診断対象: {}（mailaudit {version}{at}）。{site}。",
            self.join(roots)
        )
    }

    fn problem(&self, k: &ProblemKind) -> String {
        match k {
            ProblemKind::Syntax { code, message } => {
                let what = match code {
                    SyntaxCode::PrefsSyntax => "prefs.js / user.js",
                    SyntaxCode::RegSyntax => "レジストリのエクスポート（.reg）",
                    SyntaxCode::IniSyntax => "INI ファイル",
                    SyntaxCode::XmlSyntax => "XML ファイル",
                    SyntaxCode::TomlSyntax => "TOML ファイル",
                    SyntaxCode::JsonSyntax => "JSON ファイル",
                    SyntaxCode::PopstateSyntax => "popstate.dat",
                };
                // A space after a file name in Latin letters, none after a full-width bracket.
                let gap = if what.ends_with('）') { "" } else { " " };
                format!("{what}{gap}の書き方に誤りがあるため、この部分は読み取れませんでした（英語の説明: {message}）。")
            }
            ProblemKind::CannotRead { cause, reason } => match cause {
                IoCause::NotFound => "ファイルが見つからないため、読み取れませんでした。".to_string(),
                IoCause::PermissionDenied => {
                    "読み取りの権限がないため、読み取れませんでした。".to_string()
                }
                IoCause::Other => {
                    format!("読み取れませんでした（システムからの説明: {reason}）。")
                }
            },
            ProblemKind::TooLarge { bytes, limit_mib } => format!(
                "{bytes} バイトあり、1 ファイルの上限 {limit_mib} MiB を超えているため、読み取りませんでした。"
            ),
            ProblemKind::NotAFile => "通常のファイルではない（パイプ、デバイス、またはフォルダー）ため、読み取りませんでした。".to_string(),
            ProblemKind::SpecialFile => "通常のファイルではない（パイプ、ソケット、またはデバイス）ため、読み取りませんでした。".to_string(),
            ProblemKind::SymlinkNotFollowed => {
                "シンボリックリンクのため、リンク先は読み取りませんでした。".to_string()
            }
            ProblemKind::ThroughLink { link } => format!(
                "シンボリックリンク {link} を経由する場所のため、読み取りませんでした。リンクはたどりません。"
            ),
            ProblemKind::LeavesFolder => "パスに `..` があり、診断するフォルダーの外に出るため、読み取りませんでした。".to_string(),
            ProblemKind::NotAClientFile => {
                "mailaudit が読み取れるメールソフトのファイルではありません。".to_string()
            }
            ProblemKind::NotFormat { format } => match format {
                FileFormat::BeckyMailbox => "[Account] セクションがないため、Becky! のメールボックス設定ファイルではありません。",
                FileFormat::K9Export => "<k9settings> 要素がないため、Thunderbird for Android / K-9 Mail の設定エクスポートではありません。",
                FileFormat::WindowsMailAccount => "<MessageAccount> 要素がないため、Windows メールのアカウントファイルではありません。",
                FileFormat::OutlookPrf => "[General] セクションも [Internet Account List] セクションもないため、Outlook のプロファイルファイル（.prf）ではありません。",
            }
            .to_string(),
            ProblemKind::SiteInDeviceFolder => "端末のフォルダーの中にある site ファイルは使いません。読み取るのは事業所のフォルダー直下の site.toml（または --site で指定したファイル）だけです。".to_string(),
            ProblemKind::SiteNotUsed { given } => format!(
                "--site {given} が指定されたため、この site ファイルは使わず、指定されたほうを使いました。"
            ),
            ProblemKind::GivenTwice { also } => format!(
                "同じ場所が 2 回指定されています（`{also}` としても指定）。診断は 1 回だけ行いました。"
            ),
            ProblemKind::InsideAnother { folder } => format!(
                "同じく診断する `{folder}` の中にあるため、この中の端末は 1 回だけ数えました。"
            ),
            ProblemKind::MoreProblems { count } => format!(
                "このファイルには、ほかにも問題が {count} 件あります（一覧には載せていません）。"
            ),
            ProblemKind::NoClientSettings { looked_in } => format!(
                "このパソコンには、mailaudit が読み取れるメールソフトの設定が見つかりませんでした。探した場所: {}",
                looked_in.join("、")
            ),
            ProblemKind::ValuesCut {
                fields,
                limit_bytes,
            } => {
                let names: Vec<String> = fields.iter().map(|f| field_name(f)).collect();
                format!(
                    "{}が {limit_bytes} バイトより長いため、途中で切りました。切った値では実在のサーバーやアドレスを特定できません。",
                    names.join("、")
                )
            }
            ProblemKind::SiteDeviceUnknown { device } => format!(
                "[device.\"{device}\"] の端末には、集めたファイルがありません。"
            ),
            ProblemKind::SiteMailboxUnmatched {
                mailbox,
                found,
                more,
            } => {
                let mut list = found.join("、");
                if *more > 0 {
                    list.push_str(&format!("、ほか {more} 個"));
                }
                format!("[mailbox.\"{mailbox}\"] に当てはまるメールボックスは見つかりませんでした（見つかったもの: {list}）。容量、1 日の受信量、メインの端末の設定は使っていません。")
            }
            ProblemKind::SiteMainNotReader {
                main,
                mailbox,
                readers,
            } => format!(
                "[mailbox.\"{mailbox}\"] の main = \"{main}\" の端末は、このメールボックスを受信していません（受信している端末: {}）。メインの端末は mailaudit が選びます。",
                readers.join("、")
            ),
            ProblemKind::SiteForwardNotReader { device, mailbox } => format!(
                "[mailbox.\"{mailbox}\"] の forward_to にある {device} は、このメールボックスを受信していません。"
            ),
            ProblemKind::ExportNotUtf8 { encoding } => format!(
                "設定のエクスポートが UTF-8 ではありません（{encoding} として読み取りました）。名前が文字化けしているかもしれません。"
            ),
            ProblemKind::NotUtf8OrCp932 { encoding } => format!(
                "UTF-8 でも CP932（Shift_JIS）でもないバイトがあります（{encoding} として読み取りました）。名前が文字化けしているかもしれません。"
            ),
            ProblemKind::FolderListMissing { folder } => format!(
                "Folder.lst にメールボックスのフォルダー `{folder}` が載っていますが、その中に Mailbox.ini がありません。このメールボックスの設定は集められていません。"
            ),
            ProblemKind::FolderListUnchecked { count, checked } => format!(
                "Folder.lst には、ほかにもメールボックスのフォルダーが {count} 個載っています。見つからないものが {checked} 個あった時点で確認をやめました。"
            ),
            ProblemKind::NotWholeNumber { key, value } => {
                format!("{key}=`{value}` は整数ではないため、使いませんでした。")
            }
            ProblemKind::UnknownValue {
                key,
                value,
                read_as,
            } => match read_as {
                Some(r) => format!("{key}=`{value}` は想定していない値のため、{r} として読み取りました。"),
                None => format!("{key}=`{value}` は想定していない値です。"),
            },
            ProblemKind::MailboxNoServer { mailbox } => format!(
                "メールボックス `{mailbox}` には MailServer（受信サーバー）の設定がないため、診断の対象から外しました。"
            ),
            ProblemKind::MailboxNoLogin { mailbox } => format!(
                "メールボックス `{mailbox}` には UserID（ユーザー ID）も MailAddress（メールアドレス）もないため、診断の対象から外しました。"
            ),
            ProblemKind::LeaveServerNotFlag { value } => format!(
                "LeaveServer=`{value}` は 0 でも 1 でもないため、オフ（サーバーにコピーを残さない）として読み取りました。"
            ),
            ProblemKind::NegativeKeepDays { days } => format!(
                "KeepDays=`{days}` は負の数のため、ずっとサーバーに残す設定として読み取りました。"
            ),
            ProblemKind::AccountNoIncoming { account } => format!(
                "アカウント `{account}` には受信サーバー（<incoming-server>）がないため、診断の対象から外しました。"
            ),
            ProblemKind::AccountNoHost { account } => format!(
                "アカウント `{account}` の受信サーバーにサーバー名（<host>）がないため、診断の対象から外しました。"
            ),
            ProblemKind::AccountNoUsername { account } => format!(
                "アカウント `{account}` の受信サーバーにユーザー名（<username>）がないため、診断の対象から外しました。"
            ),
            ProblemKind::AccountUnknownValue {
                account,
                setting,
                value,
                fallback,
            } => {
                // The export's own key names stay as written, so they can be found in the file.
                let setting = match setting.as_str() {
                    "incoming server type" => "受信サーバーの種類（type）",
                    other => other,
                };
                let what = match value {
                    Some(v) => format!("{setting} の値 `{v}` は想定していない値です"),
                    None => format!("{setting} の値がありません"),
                };
                let then = match fallback {
                    Some(f) => format!("アプリは代わりに {f} を使います。"),
                    None => String::new(),
                };
                format!("アカウント `{account}`: {what}。{then}")
            }
            ProblemKind::AccountNotNumber {
                account,
                setting,
                value,
            } => format!(
                "アカウント `{account}`: {setting} の値 `{value}` は数値ではないため、アプリの既定値が使われます。"
            ),
            ProblemKind::AccountBadPort { account, value } => format!(
                "アカウント `{account}`: ポート `{value}` はポート番号ではありません。"
            ),
            ProblemKind::WrongRoot { found, format } => {
                let not = match format {
                    FileFormat::BeckyMailbox => "Becky! のメールボックス設定ファイル",
                    FileFormat::K9Export => {
                        "Thunderbird for Android / K-9 Mail の設定エクスポート"
                    }
                    FileFormat::WindowsMailAccount => "Windows メールのアカウントファイル",
                    FileFormat::OutlookPrf => "Outlook のプロファイルファイル（.prf）",
                };
                format!("最上位の要素が <{found}> のため、{not}ではありません。")
            }
            ProblemKind::EmptyRoot { element } => format!(
                "最上位の要素が空の <{element}/> のため、このファイルにはアカウントがありません。"
            ),
            ProblemKind::DoctypeIgnored => "<!DOCTYPE>（文書型宣言）とその中のエンティティは読み取らず、無視しました。".to_string(),
            ProblemKind::AccountFileCutShort => "ファイルが </MessageAccount> の前で終わっています。アカウントの設定が途中までしかないため、読み取りませんでした。".to_string(),
            ProblemKind::NotDword { element } => format!(
                "<{element}> の値が 16 進数の DWORD ではないため、既定値を使いました。"
            ),
            ProblemKind::EntityNotExpanded { element, secret } => {
                if *secret {
                    format!("<{element}> に展開されない参照があります。")
                } else {
                    format!("<{element}> にエンティティ参照があります。エンティティは展開しないため、この値は使いませんでした。")
                }
            }
            ProblemKind::AccountNoServerKey { account } => format!(
                "アカウント `{account}` には POP3_Server も IMAP_Server もないため、診断の対象から外しました。"
            ),
            ProblemKind::AccountNoLogin { account, key } => format!(
                "アカウント `{account}` には {key} もメールアドレスもないため、どのメールボックスか特定できません。"
            ),
            ProblemKind::AccountNotPopImap {
                account,
                account_type,
            } => format!(
                "アカウント `{account}` の種類は `{account_type}` で、POP3 でも IMAP でもないため、診断の対象から外しました。"
            ),
            ProblemKind::SectionNoServer {
                section,
                key,
                account,
            } => format!(
                "[{section}] に {key} がないため、アカウント `{account}` は診断の対象から外しました。"
            ),
            ProblemKind::AccountListMissing { account } => format!(
                "[Internet Account List] に `{account}` がありますが、ファイルに [{account}] セクションがありません。"
            ),
            ProblemKind::NotNumber { key } => format!(
                "`{key}` の値が数値（10 進数または 0x で始まる 16 進数）ではないため、使いませんでした。"
            ),
            ProblemKind::NoAccountList { pref } => format!(
                "サーバーの設定はありますが、アカウントの一覧（{pref}）がありません。user.js だけではアカウントは作られず、隣の prefs.js が必要です。"
            ),
            ProblemKind::PrefsBom { file, lost } => {
                let named = match lost {
                    Some((name, line)) => format!("`{name}`、{line} 行目"),
                    None => "このファイルにはありません".to_string(),
                };
                format!(
                    "{file} の先頭に UTF-8 の BOM があります。現在の Thunderbird は読み飛ばしますが、Thunderbird 115（おそらく 128 も）はそこで誤りとし、最初の設定を失います（{named}）。"
                )
            }
            ProblemKind::ProfileNotCollected { name, path } => format!(
                "profiles.ini にプロファイル `{name}`（`{path}`）がありますが、集めたフォルダーの中にありません。"
            ),
            ProblemKind::DefaultProfileNotCollected { path } => format!(
                "既定のプロファイル `{path}` が、集めたフォルダーの中にありません。"
            ),
            ProblemKind::ProfileNotLoaded { section, stops_at } => format!(
                "[{section}] は Thunderbird に読み込まれません。プロファイルの一覧は、ない（または IsRelative のない）[Profile{stops_at}] の手前で終わるためです。"
            ),
            ProblemKind::AutoConfigNotEvaluated => "AutoConfig の命令は評価していません。ファイルを実行せずに読み取れるのは、値をそのまま書いた pref、defaultPref、lockPref、clearPref だけです。".to_string(),
            ProblemKind::ExportCutShort { open } => format!(
                "ファイルが <{open}> の途中で終わっています。最後まで書かれたアカウントより後のアカウントはありません。"
            ),
            ProblemKind::DtdRefused => "設定のエクスポートに DTD は使えないため、このファイルは読み取りませんでした。".to_string(),
            ProblemKind::TooDeep { limit } => format!(
                "要素の入れ子が {limit} 段より深いため、ここから先は読み取りませんでした。"
            ),
            ProblemKind::SecondRoot => "2 つ目の最上位の要素は無視しました。".to_string(),
            ProblemKind::ExportFormatUnsupported { format } => format!(
                "設定のエクスポート形式 `{format}` には対応していません（形式 1 だけがあります）。このファイルは読み取りませんでした。"
            ),
            ProblemKind::ExportNoVersion => "設定のエクスポートに有効な `version`（正の整数）がないため、このファイルは読み取りませんでした。".to_string(),
            ProblemKind::SecondAccounts => "2 つ目の <accounts> 要素は、アプリが取り込むときと同じく無視しました。".to_string(),
            ProblemKind::SecondServer => "1 つのアカウントにある 2 つ目のサーバー要素は無視しました。".to_string(),
            ProblemKind::ProfileWrongRoot { found, expected } => format!(
                "最上位の要素が <{found}> で、<{expected}> ではありません。"
            ),
            ProblemKind::NoEmailProvider => "<emailProvider> 要素がないため、このファイルにはサーバーの情報がありません。".to_string(),
            ProblemKind::NoDomain => "<emailProvider> に <domain> がないため、どのメールボックスにも当てはめられません。".to_string(),
            ProblemKind::NoResponse => {
                "Autodiscover のファイルに <Response> がありません。".to_string()
            }
            ProblemKind::AutodiscoverError { message } => format!(
                "このファイルは Autodiscover のエラー応答です（サーバーのメッセージ: {message}）。"
            ),
            ProblemKind::AutodiscoverRequest => {
                "このファイルは Autodiscover の応答ではなく、要求です。".to_string()
            }
            ProblemKind::NoAccount => {
                "Autodiscover の応答に <Account> がありません。".to_string()
            }
            ProblemKind::Redirect { action, target } => format!(
                "この応答は {target} への転送（{action}）で、サーバーの設定は書かれていません。"
            ),
            ProblemKind::NoMailDomain => "ファイル中のアドレスにもサーバー名にも、メールのドメインが見つかりません。".to_string(),
            ProblemKind::AccountListNotString { pref } => format!(
                "{pref} が文字列ではないため、Thunderbird はアカウントを 1 つも読み込みません。"
            ),
            ProblemKind::ListedAccountNoServer {
                list,
                account,
                server_pref,
            } => format!(
                "{list} に {account} がありますが、{server_pref} がないため、Thunderbird はこのアカウントを読み飛ばします。"
            ),
            ProblemKind::OutlookTypeNotAudited {
                account,
                account_type,
            } => format!(
                "Outlook のアカウント `{account}` {}。POP3 でも IMAP でもないため、診断の対象から外しました。",
                super::assumptions::account_type_ja(account_type)
            ),
            ProblemKind::OutlookNoServer { account, prefix } => format!(
                "Outlook の {prefix} アカウント `{account}` には `{prefix} Server` の値がないため、読み飛ばしました。"
            ),
            ProblemKind::OutlookNoLogin { account, prefix } => format!(
                "Outlook のアカウント `{account}` には `{prefix} User` も `Email` もないため、どのメールボックスか特定できません。"
            ),
            ProblemKind::NoOutlookAccountKeys => "このエクスポートには Outlook・Outlook Express のアカウントのキーがありません。レジストリ エディターで HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles（Outlook 2013 は 15.0、2010 以前は Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles）をエクスポートしてください。".to_string(),
            ProblemKind::RegAccountCutShort { key } => format!(
                "エクスポートがアカウントのキー `{key}` の途中で切れているようです。このアカウントは値が欠けているおそれがあるため、読み取りませんでした。"
            ),
            ProblemKind::RegNotString { value } => {
                format!("値 `{value}` が文字列ではないため、使いませんでした。")
            }
            ProblemKind::RegNotText { value } => {
                format!("値 `{value}` は読める文字になっていないため、使いませんでした。")
            }
            ProblemKind::RegNotDword { value } => {
                format!("値 `{value}` が DWORD ではないため、使いませんでした。")
            }
            ProblemKind::BytesNotValid { encoding, part } => {
                let part = match part {
                    TextPart::NamesOrHosts => "アカウント名やサーバー名",
                    TextPart::Values => "設定値",
                };
                format!("{encoding} として正しくないバイトがあります。{part}が文字化けしているかもしれません。")
            }
            ProblemKind::NotTcpPort { setting, number } => {
                let what = match setting {
                    Some(s) => format!("値 `{s}` = {number}"),
                    None => number.to_string(),
                };
                format!("{what} は TCP のポート番号ではないため、既定のポートを使います。")
            }
            ProblemKind::RetentionUndocumented {
                program,
                account,
                anomaly,
            } => {
                let program = program.as_ref().map(|p| format!("{p} の")).unwrap_or_default();
                let why = super::assumptions::ja(&anomaly.assumption());
                format!("{program}アカウント `{account}`: {why}")
            }
            ProblemKind::ServerShared {
                account,
                server,
                first,
            } => format!(
                "{account} が使う {server} は {first} がすでに使っているため、Thunderbird は {account} を読み飛ばします。"
            ),
            ProblemKind::ServerNoType { account, server } => format!(
                "{account} が使う {server} に mail.server.{server}.type がないため、Thunderbird はこのアカウントを読み込めません。"
            ),
            ProblemKind::ServerNoHost {
                account,
                server_type,
                server,
            } => format!(
                "{account}（{server_type} サーバー {server}）にはサーバー名がないため、メールを受信できません。診断の対象から外しました。"
            ),
            ProblemKind::PrefsUtf16 { file, encoding } => format!(
                "{file} は {encoding} で保存されています。Thunderbird は設定ファイルを UTF-8 として読むため、このファイルの設定は使われません。ここでも読み取っていません。"
            ),
        }
    }

    fn problems_heading(&self, n: usize) -> String {
        format!("読み取れなかったもの（{n} 件）")
    }

    fn site_fault(&self, f: &SiteFault) -> String {
        match f {
            SiteFault::Unreadable { reason } => format!("site ファイルを読み取れません（{reason}）。"),
            SiteFault::NotUtf8 => "site ファイルは UTF-8 で保存してください。この位置のバイトは UTF-8 ではなく、CP932（Shift_JIS）でもありません。".into(),
            SiteFault::Toml { message, backslash } => {
                let mut s = format!("site ファイルの書き方か値に誤りがあります（英語の説明: {message}）。");
                if *backslash {
                    s.push_str("ダブルクォーテーションの中の「\\」はエスケープとして読まれます。OFFICE\\info のような Windows のログイン名は、シングルクォーテーションで囲む（'OFFICE\\info'）か、「\\」を 2 つ重ねて書いてください。");
                }
                s
            }
            SiteFault::Entry { device, fault } => {
                format!("[[manual]] の `{device}` の項目: {}", entry_fault_ja(fault))
            }
        }
    }
}

/// What a missing `[[manual]]` field holds, for the sentence that asks for it.
fn missing_why_ja(key: &str) -> Option<&'static str> {
    Some(match key {
        "mailbox" => "この端末が受信するアドレス",
        "host" => "この端末が受信するサーバー",
        "protocol" => "pop3、imap、exchange のいずれか",
        "leave_on_server" => {
            "このメールソフトの設定ファイルは読み取れないため、サーバーにコピーを残すかどうかを true か false で"
        }
        "delete_after_days" => "サーバーにコピーを残す日数。削除しない場合は 0",
        "delete_when_deleted_locally" => {
            "この端末で削除したときにサーバーのコピーも削除するかどうかを true か false で"
        }
        _ => return None,
    })
}

fn entry_fault_ja(f: &EntryFault) -> String {
    match f {
        EntryFault::DeviceEmpty => "`device` が空です。".into(),
        EntryFault::UnknownClient {
            client,
            defaulted,
            required,
        } => format!(
            "`{client}` というメールソフト名は使えません。{}、または {} のいずれかを指定してください。",
            defaulted.join("、"),
            required.join("、")
        ),
        EntryFault::Missing { key } => match missing_why_ja(key) {
            Some(why) => format!("`{key}` を指定してください（{why}）。"),
            None => format!("`{key}` を指定してください。"),
        },
        EntryFault::Empty { key } => format!("`{key}` が空です。"),
        EntryFault::PortZero => "ポート 0 は使えません。".into(),
        EntryFault::UnknownProtocol { value } => format!(
            "`{value}` という受信方式は使えません。pop3、imap、exchange のいずれかを指定してください。"
        ),
        EntryFault::ProtocolFixed { client, protocol } => format!(
            "{client} は必ず {protocol} で受信します。`protocol` を削除するか、{protocol} にしてください。"
        ),
        EntryFault::UnknownSecurity { value } => format!(
            "`{value}` という暗号化の指定は使えません。tls、starttls、none のいずれかを指定してください。"
        ),
        EntryFault::UnknownAuth { value, names } => format!(
            "`{value}` という認証方式は使えません。{} のいずれかを指定してください。",
            names.join("、")
        ),
        EntryFault::PopOnly { key } => format!(
            "`{key}` は pop3 のときだけ使えます。この項目は IMAP か Exchange で受信する設定です。"
        ),
        EntryFault::NegativeDays { days } => format!(
            "delete_after_days = {days} は負の値です。削除しない場合は 0 を、残す場合は日数を指定してください。"
        ),
        EntryFault::GmailNoDays => "Gmail のメール取得機能には「N 日後に削除」の設定がありません。delete_after_days を削除してください。".into(),
        EntryFault::GmailNoLocalDelete => "Gmail のメール取得機能は、Gmail でメールを削除してもサーバーのコピーを削除しません。delete_when_deleted_locally を削除してください。".into(),
    }
}

/// A field an access names, as a Japanese reader calls it.
fn field_name(field: &str) -> String {
    match field {
        "host" => "サーバー名",
        "account" => "アカウント名",
        "username" => "ユーザー名",
        "mailbox" => "メールボックス名",
        "identities" => "差出人アドレス",
        "outgoing host" => "送信サーバー名",
        other => return format!("`{other}`"),
    }
    .to_string()
}
