//! Japanese words of the migration checklist: polite support prose (です・ます), settings
//! named as mail programs' settings screens name them.

use crate::migrate::{Field, Method, Note, Step};
use crate::model::{Auth, Effect, Lang, Reader, Security};
use crate::report::i18n::catalog;
use crate::report::migration_text::{protocol, sides, MigrateCatalog, MigrateLabels};

/// The Japanese checklist catalog.
pub struct Ja;

static LABELS: MigrateLabels = MigrateLabels {
    headers: ["設定項目", "現在", "変更後"],
    done: "済",
    nothing_to_change: "変更する設定はありません。",
    note: "注",
    offer_title: "新しいサーバーの設定",
    problems_title: "読み取れなかったファイル",
    not_set: "未設定",
    unknown: "不明",
    servers: ["受信サーバー", "送信サーバー"],
    port: "ポート番号",
    parens: ["（", "）"],
    sep: "、",
    or: " または ",
};

/// What a retention does, in the scan report's words (「30 日間残す」).
fn effect(e: Effect) -> String {
    catalog(Lang::Ja).effect(e)
}

impl MigrateCatalog for Ja {
    fn labels(&self) -> &'static MigrateLabels {
        &LABELS
    }

    fn title(&self, provider: &str) -> String {
        format!("{provider} への移行チェックリスト")
    }

    fn summary(&self, accounts: usize, to_change: usize) -> String {
        format!("対象のアカウント {accounts} 件、うち設定の変更が必要なもの {to_change} 件")
    }

    fn compared_with(&self, path: &str, summary: &str) -> String {
        format!("比較したファイル: {path}。{summary}です。")
    }

    fn field(&self, f: Field) -> &'static str {
        match f {
            Field::Protocol => "受信方式",
            Field::Host => "受信サーバー",
            Field::Port => "ポート番号（受信）",
            Field::Security => "暗号化方式（受信）",
            Field::Auth => "認証方式（受信）",
            Field::Username => "ユーザー名",
            Field::OutgoingHost => "送信サーバー（SMTP）",
            Field::OutgoingPort => "ポート番号（送信）",
            Field::OutgoingSecurity => "暗号化方式（送信）",
            Field::OutgoingAuth => "認証方式（送信）",
        }
    }

    fn security(&self, s: Security) -> &'static str {
        match s {
            Security::Tls => "SSL/TLS",
            Security::Starttls => "STARTTLS",
            Security::None => "なし",
        }
    }

    fn method(&self, m: &Method) -> String {
        match m {
            Method::Known(a) => match a {
                Auth::PasswordCleartext => "通常のパスワード認証",
                Auth::PasswordEncrypted => "暗号化されたパスワード認証",
                Auth::Oauth2 => "OAuth2",
                Auth::Gssapi => "Kerberos/GSSAPI",
                Auth::Ntlm => "NTLM",
                Auth::ClientCert => "クライアント証明書",
                Auth::None => "認証なし",
                Auth::Unknown => "不明",
            }
            .to_string(),
            Method::ClientIpAddress => "送信元の IP アドレスで認証".to_string(),
            Method::SmtpAfterPop => "POP before SMTP".to_string(),
            Method::Other(s) => s.clone(),
        }
    }

    fn heading(&self, step: &Step) -> String {
        // The scan report's way of naming a program's account on a device.
        let reader = Reader {
            device: step.device.clone(),
            program: Some(step.program.clone()),
            account: Some(format!("アカウント {}", step.account)),
            profile: None,
        };
        format!("{}: {}", catalog(Lang::Ja).reader(&reader), step.mailbox)
    }

    fn new_pop3_keeps(&self, e: Effect) -> String {
        format!(
            "POP3 で新しく設定する端末では、サーバーのコピーは「{}」の設定になります。",
            effect(e)
        )
    }

    fn retention_unsaid(&self) -> &'static str {
        "POP3 のメールをサーバーに何日残すかは、このファイルには書かれていません。"
    }

    fn retention(&self, new: Effect, now: Option<Effect>) -> String {
        match now {
            Some(now) if now == new => format!(
                "新しく設定する端末でも、この端末と同じく、サーバーのコピーは「{}」の設定になります。",
                effect(new)
            ),
            Some(now) => format!(
                "新しく設定する端末では、サーバーのコピーは「{}」の設定になります。この端末の現在の設定は「{}」で、変更しない限りそのままです。",
                effect(new),
                effect(now)
            ),
            None => self.new_pop3_keeps(new),
        }
    }

    fn where_to_change(&self, step: &Step) -> Option<String> {
        const INCOMING: &str =
            "受信サーバーの項目は、Thunderbird のアカウント設定の「サーバー設定」で変更します。";
        const OUTGOING: &str = "送信サーバーの項目は、アカウント設定の送信（SMTP）サーバーの画面で変更します（画面の表記は未確認です）。";
        match (step.program.as_str(), sides(step)) {
            ("thunderbird", (true, true)) => Some(format!("{INCOMING}{OUTGOING}")),
            ("thunderbird", (true, false)) => Some(INCOMING.into()),
            ("thunderbird", (false, true)) => Some(format!("Thunderbird の{OUTGOING}")),
            _ => None,
        }
    }

    fn text_title(&self, provider: &str, path: &str, summary: &str) -> String {
        format!(
            "{}（比較したファイル: {path}）: {summary}",
            self.title(provider)
        )
    }

    fn note(&self, n: &Note) -> String {
        match n {
            Note::ProtocolNotOffered { now, offered } => format!(
                "新しいサーバーは {} に対応していません。新しく設定する端末は {} で接続します。",
                protocol(now),
                protocol(offered)
            ),
            Note::AddressAssumed { domain, address } => format!(
                "このアカウントには {domain} のアドレスが設定されていないため、ユーザー名から {address} と推定しました。"
            ),
            Note::NoIncomingServer => {
                "新しいサーバーの設定ファイルには、受信サーバーが書かれていません。".to_string()
            }
            Note::Pop3RetentionUnsaid => "新しいサーバーの設定ファイルには、POP3 のメールをサーバーに残すかどうかが書かれていません。新しく設定する端末は、メールソフトの初期設定のとおりになります。".to_string(),
        }
    }

    fn no_device(&self, domains: &[String]) -> String {
        format!(
            "{} のメールボックスを受信している端末はありません。",
            catalog(Lang::Ja).join(domains)
        )
    }
}
