//! Byte sniffing and decoding shared by readers: BOMs, UTF-16, UTF-8, CP932, Windows-1252.

use encoding_rs::{Encoding, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Decoded text and the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// True when some bytes could not be decoded and were replaced.
    pub lossy: bool,
}

/// What to try when a file has no BOM and is not valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// Japanese Windows files (Becky!, CP932 `.reg`): CP932 first.
    Cp932,
    /// Western Windows ANSI files: Windows-1252, or CP932 when that decodes cleanly with Japanese text.
    Ansi,
}

/// Decodes bytes: a BOM decides; else UTF-16 by NUL pattern; else UTF-8 if valid; else the fallback.
pub fn decode(bytes: &[u8], fallback: Fallback) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..]);
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return finish(enc, bytes);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            lossy: false,
        };
    }
    match fallback {
        Fallback::Cp932 => {
            let d = finish(SHIFT_JIS, bytes);
            if d.lossy {
                finish(WINDOWS_1252, bytes)
            } else {
                d
            }
        }
        Fallback::Ansi => {
            let sjis = finish(SHIFT_JIS, bytes);
            if !sjis.lossy && has_japanese(&sjis.text) {
                sjis
            } else {
                finish(WINDOWS_1252, bytes)
            }
        }
    }
}

fn finish(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: if enc == UTF_8 { "UTF-8" } else { enc.name() },
        lossy: had_errors,
    }
}

/// BOM-less UTF-16: ASCII text has a NUL in every other byte.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(512) & !1;
    if n < 4 {
        return None;
    }
    let pairs = n / 2;
    let odd_nuls = (0..pairs).filter(|i| bytes[2 * i + 1] == 0).count();
    let even_nuls = (0..pairs).filter(|i| bytes[2 * i] == 0).count();
    if odd_nuls * 10 >= pairs * 9 && even_nuls == 0 {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 9 && odd_nuls == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// True when the text holds kana or CJK ideographs.
pub fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF | 0xFF66..=0xFF9F))
}

/// True for a line that names a password or similar secret: a `PassWd SECRET` line that lost
/// its `=` still holds the password, so its text must never be quoted.
pub fn may_hold_secret(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    ["pass", "pwd", "secret", "token", "credential", "auth"]
        .iter()
        .any(|w| l.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_decide() {
        let mut v = vec![0xFF, 0xFE];
        for u in "Windows Registry".encode_utf16() {
            v.extend(u.to_le_bytes());
        }
        let d = decode(&v, Fallback::Ansi);
        assert_eq!(d.text, "Windows Registry");
        assert_eq!(d.encoding, "UTF-16LE");
        let d = decode(b"\xEF\xBB\xBFabc", Fallback::Ansi);
        assert_eq!(d.text, "abc");
    }

    #[test]
    fn bomless_utf16le_is_sniffed() {
        let v: Vec<u8> = "REGEDIT4\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&v, Fallback::Ansi).text, "REGEDIT4\r\n");
    }

    #[test]
    fn cp932_japanese_and_1252_western() {
        let (sjis, _, _) = SHIFT_JIS.encode("受信トレイ");
        assert_eq!(decode(&sjis, Fallback::Ansi).text, "受信トレイ");
        assert_eq!(decode(&sjis, Fallback::Cp932).text, "受信トレイ");
        assert_eq!(decode(b"caf\xe9", Fallback::Ansi).text, "café");
    }
}
