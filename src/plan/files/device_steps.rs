//! `devices/<device>/steps.md`: that device's changes in its client's own labels, and when.

use super::device_dir;
use super::OutFile;
use crate::assemble::Model;
use crate::model::{Client, Lang};
use crate::plan::{text, Recommendation, Step};
use crate::present::sanitize::markdown;
use std::collections::BTreeMap;

/// One steps.md per device that the plan changes.
pub fn all(_model: &Model, recs: &[Recommendation], lang: Lang) -> Vec<OutFile> {
    let mut by_device: BTreeMap<String, Vec<(&Recommendation, usize, &Step)>> = BTreeMap::new();
    for r in recs {
        for (i, s) in r.steps.iter().enumerate() {
            let device = match s {
                Step::SwitchDevice { device, .. } | Step::SetMainDays { device, .. } => device,
                _ => continue,
            };
            by_device.entry(device.clone()).or_default().push((r, i, s));
        }
    }
    by_device
        .into_iter()
        .map(|(device, steps)| {
            let mut s = match lang {
                Lang::En => format!("# {}: what to change\n\n", markdown(&device)),
                Lang::Ja => format!("# {}: 変更内容\n\n", markdown(&device)),
            };
            for (r, i, step) in steps {
                let when = match lang {
                    Lang::En => format!(
                        "Step {} of the plan for {}, only after steps 1–{} are done.",
                        i + 1,
                        markdown(&r.mailbox),
                        i
                    ),
                    Lang::Ja => format!(
                        "{} の計画の手順 {}。手順 1〜{} が終わってから行います。",
                        markdown(&r.mailbox),
                        i + 1,
                        i
                    ),
                };
                s.push_str(&format!(
                    "## {}\n\n{when}\n\n{}\n\n{}\n\n",
                    markdown(&r.mailbox),
                    markdown(&text::step_do(lang, step)),
                    markdown(&text::step_check(lang, step))
                ));
                if let Step::SwitchDevice { client, .. } | Step::SetMainDays { client, .. } = step {
                    s.push_str(client_note(lang, *client));
                }
            }
            OutFile {
                path: format!("{}/steps.md", device_dir(&device)),
                bytes: s.into_bytes(),
            }
        })
        .collect()
}

fn client_note(lang: Lang, c: Client) -> &'static str {
    match (lang, c) {
        (Lang::En, Client::Thunderbird) => "`user.js` in this folder does the same: with Thunderbird closed, copy it into the profile folder, start Thunderbird once, check the settings above, then **delete `user.js` from the profile**, or it re-applies these values at every start. Thunderbird asks once for the password of the new address.\n\n",
        (Lang::Ja, Client::Thunderbird) => "このフォルダーの `user.js` でも同じ変更ができます: Thunderbird を終了してからプロファイルフォルダーにコピーし、一度起動して上の設定を確認したら、**プロファイルの `user.js` を削除してください**。残すと起動のたびに同じ値が上書きされます。新しいアドレスのパスワードを一度聞かれます。\n\n",
        (Lang::En, Client::Outlook) => "`leave-on-server.reg` in this folder does the same: **close Outlook first** (File → Exit; Outlook writes its settings when it closes), double-click the file, then start Outlook and check the Advanced tab. `undo.reg` puts back today's values. New Outlook for Windows keeps POP accounts in Microsoft's cloud: there the .reg file does nothing, use the settings above.\n\n",
        (Lang::Ja, Client::Outlook) => "このフォルダーの `leave-on-server.reg` でも同じ変更ができます: **先に Outlook を終了してください**（ファイル → 終了。Outlook は終了時に設定を書き込みます）。ファイルをダブルクリックして取り込み、Outlook を起動して詳細設定タブを確認します。`undo.reg` で現在の値に戻せます。新しい Outlook for Windows は POP アカウントを Microsoft のクラウドに保存するため .reg は効きません。上の画面から設定してください。\n\n",
        _ => "",
    }
}
