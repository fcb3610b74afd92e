//! The lines a scan prints on standard error beside its report, in English and Japanese.

use crate::model::Lang;

/// How many problems the scan met; printed even with `--quiet`.
pub fn problems_counted(lang: Lang, count: usize) -> String {
    match lang {
        Lang::En => format!(
            "mailaudit: {count} problem(s) reading the scanned files; they are listed in the report"
        ),
        Lang::Ja => format!(
            "mailaudit: ファイルの読み取りで問題が {count} 件ありました。一覧はレポートにあります。"
        ),
    }
}

/// Why a scan that found nothing to read exits with 2 instead of reporting "no findings".
pub fn nothing_readable(lang: Lang, paths: &str, devices: usize, problems: usize) -> String {
    match lang {
        Lang::En => format!(
            "mailaudit: nothing readable in {paths}: no mail account and no provider file was found ({devices} device folder(s), {problems} problem(s))"
        ),
        Lang::Ja => format!(
            "mailaudit: {paths} には読み取れる設定がありませんでした。メールアカウントもプロバイダーのファイルも見つかりません（端末のフォルダー {devices} 件、問題 {problems} 件）。"
        ),
    }
}
