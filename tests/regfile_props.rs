//! Property tests of the `.reg` grammar: render generated keys as regedit would, parse back.

use mailaudit::sources::ini::split_lines;
use mailaudit::sources::regfile::{self, Data, Key, Value, Version};
use proptest::prelude::*;

/// Key path segments: no `\` (the separator) and no outer spaces (regedit trims key lines).
fn segment() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_.{}()\\[\\]受信トレイ -]{1,12}"
        .prop_filter("no outer spaces", |s| s.trim() == s && !s.starts_with('-'))
}

fn key_path() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "HKEY_CURRENT_USER",
            "HKEY_USERS\\S-1-5-21-1-2-3-1001",
            "HKEY_LOCAL_MACHINE",
        ]),
        prop::collection::vec(segment(), 1..5),
    )
        .prop_map(|(hive, segs)| format!("{hive}\\{}", segs.join("\\")))
}

/// Text that may hold quotes, backslashes, `;`, `=` and Japanese, but no line breaks.
fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 \"\\\\;=@\\[\\],:受付アドレス帳-]{0,24}"
}

fn data() -> impl Strategy<Value = Data> {
    prop_oneof![
        Just(Data::Delete),
        text().prop_map(Data::Sz),
        any::<u32>().prop_map(Data::Dword),
        (0u32..=0x20, prop::collection::vec(any::<u8>(), 0..120))
            .prop_map(|(kind, bytes)| Data::Hex { kind, bytes }),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    (prop::option::weighted(0.9, text()), data())
        .prop_filter("password values are never kept, by design", |(n, _)| {
            !n.as_deref().is_some_and(regfile::is_secret_name)
        })
        .prop_map(|(name, data)| Value {
            name,
            data,
            line: 0,
        })
}

fn key() -> impl Strategy<Value = Key> {
    (
        key_path(),
        prop::bool::weighted(0.1),
        prop::collection::vec(value(), 0..8),
    )
        .prop_map(|(path, delete, values)| Key {
            path,
            delete,
            line: 0,
            values: if delete { Vec::new() } else { values },
        })
}

#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf16Bom,
    Utf8,
    Utf8Bom,
    Cp932,
}

#[derive(Debug, Clone, Copy)]
enum LineEnd {
    CrLf,
    Lf,
    Cr,
}

fn encode(text: &str, enc: Encoding) -> Vec<u8> {
    match enc {
        Encoding::Utf16Bom => regfile::encode_utf16le_bom(text),
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => {
            let mut v = vec![0xEF, 0xBB, 0xBF];
            v.extend_from_slice(text.as_bytes());
            v
        }
        Encoding::Cp932 => encoding_rs::SHIFT_JIS.encode(text).0.into_owned(),
    }
}

/// A key without line numbers: path, deletion, and (name, data) pairs.
type Bare = (String, bool, Vec<(Option<String>, Data)>);

fn strip_lines(keys: &[Key]) -> Vec<Bare> {
    keys.iter()
        .map(|k| {
            (
                k.path.clone(),
                k.delete,
                k.values
                    .iter()
                    .map(|v| (v.name.clone(), v.data.clone()))
                    .collect(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn render_then_parse_gives_the_same_keys(
        keys in prop::collection::vec(key(), 0..6),
        v4 in any::<bool>(),
        enc in prop::sample::select(vec![Encoding::Utf16Bom, Encoding::Utf8, Encoding::Utf8Bom, Encoding::Cp932]),
        end in prop::sample::select(vec![LineEnd::CrLf, LineEnd::Lf, LineEnd::Cr]),
    ) {
        let version = if v4 { Version::Regedit4 } else { Version::V5 };
        let mut text = regfile::render(&keys, version);
        match end {
            LineEnd::CrLf => {}
            LineEnd::Lf => text = text.replace("\r\n", "\n"),
            LineEnd::Cr => text = text.replace("\r\n", "\r"),
        }
        let parsed = regfile::parse(&encode(&text, enc));
        prop_assert!(parsed.errors.is_empty(), "{:?}\n{text}", parsed.errors);
        prop_assert_eq!(parsed.version, version);
        prop_assert!(!parsed.truncated);
        prop_assert_eq!(strip_lines(&parsed.keys), strip_lines(&keys));
        // Every line number points at the line that starts the key or value.
        let lines: Vec<&str> = split_lines(&text).collect();
        for k in &parsed.keys {
            prop_assert!(lines[k.line as usize - 1].starts_with('['));
            for v in &k.values {
                let shown = lines[v.line as usize - 1];
                prop_assert!(shown.starts_with('"') || shown.starts_with('@'), "{shown}");
            }
        }
    }

    #[test]
    fn any_bytes_parse_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let f = regfile::parse(&bytes);
        for e in &f.errors {
            prop_assert!(e.line >= 1);
        }
    }

    #[test]
    fn reg_like_noise_parses_without_panic(
        lines in prop::collection::vec("[\\[\\]\"@=\\\\a-z0-9:(),; -]{0,30}", 0..30)
    ) {
        let text = format!("Windows Registry Editor Version 5.00\r\n{}", lines.join("\r\n"));
        let f = regfile::parse_text(&text);
        let count = u32::try_from(lines.len() + 1).unwrap();
        for e in &f.errors {
            prop_assert!(e.line >= 1 && e.line <= count);
        }
    }
}
