//! `server/steps-<host>.md`: the panel's click path with its exact labels, and for Xserver
//! the bulk-change CSV in the panel's column order.

use crate::model::Lang;
use crate::plan::{Host, Recommendation};
use crate::present::sanitize::{csv_field, markdown};

/// The step page for one host and the mailboxes on it.
pub fn render(lang: Lang, host: Host, recs: &[&Recommendation]) -> String {
    let mut s = match lang {
        Lang::En => format!(
            "# Server steps: {}\n\n",
            crate::plan::text::host_name(lang, host)
        ),
        Lang::Ja => format!(
            "# サーバー側の手順: {}\n\n",
            crate::plan::text::host_name(lang, host)
        ),
    };
    for r in recs {
        let to: Vec<String> = r.forwards.iter().map(|f| markdown(&f.address)).collect();
        let from = markdown(&r.mailbox);
        s.push_str(&format!("## {from}\n\n"));
        s.push_str(&match lang {
            Lang::En => format!("1. Create the own addresses: {}.\n", to.join(", ")),
            Lang::Ja => format!("1. 各自のアドレスを作成します: {}。\n", to.join("、")),
        });
        s.push_str(&panel(lang, host, &from, &to));
        s.push_str(&match lang {
            Lang::En => format!("\nThen send a test message to {from} from an outside address and check it arrived in {from} and at {}.\n\n", to.join(", ")),
            Lang::Ja => format!("\nその後、外部のアドレスから {from} にテストメールを送り、{from} と {} の両方に届いたことを確認します。\n\n", to.join("、")),
        });
    }
    s.push_str(&notes(lang, host));
    s
}

fn panel(lang: Lang, host: Host, from: &str, to: &[String]) -> String {
    let list = to.join(", ");
    match (lang, host) {
        (Lang::En, Host::Xserver) => format!("2. Server panel (サーバーパネル) → 「メールアカウント設定」 → the row of {from} → [転送] (forwarding).\n3. [転送先アドレス] (forward to): {list}.\n4. [受信メール] (received mail): choose 「メールボックスに残す」 (keep in the mailbox), **not** 「メールボックスに残さない」.\n5. Press 「設定する」.\n\nFor many mailboxes at once: 「CSV一括操作」 → 一括変更 with xserver-accounts-change.csv (columns メールアカウント, パスワード, 使用容量, 最大容量, メモ, 転送先アドレス, 転送後のメール削除; forward targets joined by |, 0 = keep). **Check its header row and encoding against the panel's 「サンプルCSVダウンロード」 before importing**: the manual does not state them.\n"),
        (Lang::Ja, Host::Xserver) => format!("2. サーバーパネル → 「メールアカウント設定」 → {from} の行 → [転送]。\n3. [転送先アドレス] に {list} を入力します。\n4. [受信メール] は 「メールボックスに残す」 を選びます（「メールボックスに残さない」 にしないでください）。\n5. 「設定する」 を押します。\n\n複数のメールボックスをまとめて変更する場合: 「CSV一括操作」 → 一括変更 で xserver-accounts-change.csv を使います（列: メールアカウント, パスワード, 使用容量, 最大容量, メモ, 転送先アドレス, 転送後のメール削除。転送先は | 区切り、0 = 残す）。**取り込む前に、見出し行と文字コードをパネルの 「サンプルCSVダウンロード」 と照らし合わせてください**（マニュアルに記載がありません）。\n"),
        (Lang::En, Host::Sakura) => format!("2. Control panel (サーバコントロールパネル) → 『メールアドレスの管理』 (new panel: メール → メール一覧) → {from} → 『変更』.\n3. Under 「メール転送」, 『追加』 each forward target: {list}.\n4. Choose 「メールボックスに残す」 (keep in the mailbox), **not** 「転送専用にする」 (forward only).\n"),
        (Lang::Ja, Host::Sakura) => format!("2. サーバコントロールパネル → 『メールアドレスの管理』（新しいコントロールパネルでは メール → メール一覧） → {from} → 『変更』。\n3. 「メール転送」 に転送先 {list} を 『追加』 します。\n4. 「メールボックスに残す」 を選びます（「転送専用にする」 にしないでください）。\n"),
        (Lang::En, Host::Kagoya) => format!("2. Control panel (コントロールパネル) → メール → メールアカウント管理 → {from} → [転送設定] tab.\n3. Add the forward targets: {list}.\n4. Leave 「転送後サーバーからメールを削除」 (delete from the server after forwarding) **unticked**, so {from} keeps its copy.\n"),
        (Lang::Ja, Host::Kagoya) => format!("2. コントロールパネル → メール → メールアカウント管理 → {from} → [転送設定] タブ。\n3. 転送先 {list} を追加します。\n4. 「転送後サーバーからメールを削除」 には **チェックを入れない** でください（{from} にコピーが残ります）。\n"),
        (Lang::En, Host::Cpanel) => format!("2. cPanel → Email Accounts: the own addresses exist as accounts.\n3. cPanel → Email Filters → {from} → Create a New Filter: rule \"Every message\"; actions \"Redirect to email\" → {list} (one action each) and \"Deliver to folder\" → INBOX. A plain Forwarder does **not** keep a copy.\n4. The same filter as an Exim filter is in this folder (unseen deliver keeps the original).\n"),
        (Lang::Ja, Host::Cpanel) => format!("2. cPanel → Email Accounts: 各自のアドレスをアカウントとして作成します。\n3. cPanel → Email Filters → {from} → Create a New Filter: ルールは全メッセージ、アクションは \"Redirect to email\" → {list}（1 件ずつ）と \"Deliver to folder\" → INBOX。Forwarders だけではコピーが **残りません**。\n4. 同じ内容の Exim フィルターがこのフォルダーにあります（unseen deliver で元のメールが残ります）。\n"),
        (Lang::En, Host::Microsoft365) => format!("2. Microsoft 365 admin center → Users → Active users → {from} → Mail → Manage email forwarding: \"Forward all emails sent to this mailbox\" → one address (for several, a distribution group holding {list}); tick \"Keep a copy of forwarded email in this mailbox\". PowerShell: Set-Mailbox {from} -ForwardingSmtpAddress ADDRESS -DeliverToMailboxAndForward $true.\n3. Better on Microsoft 365: let everyone read {from} over Exchange or IMAP instead of POP with forwarding (POP needs OAuth there).\n"),
        (Lang::Ja, Host::Microsoft365) => format!("2. Microsoft 365 管理センター → ユーザー → アクティブなユーザー → {from} → メール → メール転送の管理: 転送先は 1 件のため、複数の場合は {list} を含む配布グループを指定し、「転送されたメールのコピーをこのメールボックスに保持する」 にチェックを入れます。PowerShell: Set-Mailbox {from} -ForwardingSmtpAddress アドレス -DeliverToMailboxAndForward $true。\n3. Microsoft 365 では、POP と転送より、全員が Exchange または IMAP で {from} を読む方法をお勧めします（POP には OAuth が必要です）。\n"),
        (Lang::En, _) => format!("2. In the host's panel, open the forwarding setting of {from} and add {list}.\n3. Make sure the option that **keeps a copy in the mailbox** is on: hosts differ, and some default to not keeping one.\n4. If the office runs the server itself: the .sieve file (Dovecot Pigeonhole), postfix-virtual and the Exim filter in this folder do the same.\n"),
        (Lang::Ja, _) => format!("2. サーバーの管理画面で {from} の転送設定を開き、{list} を追加します。\n3. **メールボックスにコピーを残す** 設定になっていることを確認します（サーバーによって既定値が異なり、残さない設定のものもあります）。\n4. 自社でサーバーを運用している場合: このフォルダーの .sieve（Dovecot Pigeonhole）、postfix-virtual、Exim フィルターで同じ設定ができます。\n"),
    }
}

fn notes(lang: Lang, host: Host) -> String {
    let quota = match (lang, host) {
        (Lang::En, Host::Xserver) => " On Xserver an account created without a size gets 2,000 MB.",
        (Lang::Ja, Host::Xserver) => {
            " Xserver では容量を指定せずに作成したアカウントは 2,000 MB になります。"
        }
        _ => "",
    };
    match lang {
        Lang::En => format!("Forwarding fails when a target mailbox is full: give each own address enough room.{quota}\n"),
        Lang::Ja => format!("転送先のメールボックスが一杯だと転送できません。各自のアドレスにも十分な容量を設定してください。{quota}\n"),
    }
}

/// Xserver's 一括変更 CSV: the shared address gets its forward targets and keeps its copy.
/// Passwords stay blank (unchanged); sizes stay blank.
pub fn xserver_change_csv(recs: &[&Recommendation]) -> Vec<u8> {
    let mut s = String::from(
        "\u{feff}メールアカウント,パスワード,使用容量,最大容量,メモ,転送先アドレス,転送後のメール削除\r\n",
    );
    for r in recs {
        let to: Vec<&str> = r.forwards.iter().map(|f| f.address.as_str()).collect();
        s.push_str(&format!(
            "{},,,,{},{},0\r\n",
            csv_field(&r.mailbox),
            csv_field("mailaudit plan"),
            csv_field(&to.join("|"))
        ));
    }
    s.into_bytes()
}
