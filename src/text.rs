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

/// Byte offsets to 1-based lines and columns, the one way every reader counts them: CRLF,
/// LF and a lone CR (old Mac files) each end one line, and a column counts characters (an
/// invalid UTF-8 byte counts as one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`, in one pass.
    pub fn new(text: &[u8]) -> Self {
        let mut starts = vec![0];
        let mut at = 0;
        while let Some(n) = memchr::memchr2(b'\r', b'\n', &text[at..]) {
            let end = at + n;
            let crlf = text[end] == b'\r' && text.get(end + 1) == Some(&b'\n');
            at = end + if crlf { 2 } else { 1 };
            starts.push(at);
        }
        LineIndex { starts }
    }

    /// The 1-based line that holds the byte at `offset` (a line end belongs to its line).
    pub fn line(&self, offset: usize) -> u32 {
        let n = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(n.max(1)).unwrap_or(u32::MAX)
    }

    /// The line of `offset`, searched forward from line `hint` when the hint is at or before
    /// it: a pass over increasing offsets costs linear time in all.
    pub fn line_from(&self, offset: usize, hint: u32) -> u32 {
        let mut l = hint.max(1) as usize;
        if self.starts.get(l - 1).is_none_or(|&s| s > offset) {
            return self.line(offset);
        }
        while self.starts.get(l).is_some_and(|&s| s <= offset) {
            l += 1;
        }
        u32::try_from(l).unwrap_or(u32::MAX)
    }

    /// The byte offset where a 1-based line starts (the last line's start past the end).
    pub fn line_start(&self, line: u32) -> usize {
        let i = (line as usize).clamp(1, self.starts.len()) - 1;
        self.starts[i]
    }

    /// How many lines the text has, counting a last line without a line end.
    pub fn line_count(&self) -> u32 {
        u32::try_from(self.starts.len()).unwrap_or(u32::MAX)
    }

    /// The 1-based line and column of `offset`.
    pub fn line_col(&self, text: &[u8], offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.line(offset);
        let from = self.line_start(line).min(offset);
        (line, count_chars(&text[from..offset]).saturating_add(1))
    }

    /// The text of a 1-based line without its line end.
    pub fn line_text<'t>(&self, text: &'t [u8], line: u32) -> &'t [u8] {
        let start = self.line_start(line).min(text.len());
        let end = self
            .starts
            .get(line as usize)
            .copied()
            .unwrap_or(text.len())
            .min(text.len());
        let mut l = &text[start..end.max(start)];
        while let [rest @ .., b'\r' | b'\n'] = l {
            l = rest;
        }
        l
    }
}

/// Every line of `text` without its line end, split as [`LineIndex`] counts them: CRLF, LF
/// or a lone CR (old Mac files) each end one line.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    line_ranges(text.as_bytes()).map(move |r| &text[r])
}

/// The byte ranges of [`lines`], for readers that work on bytes.
pub fn line_ranges(bytes: &[u8]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut at = Some(0);
    std::iter::from_fn(move || {
        let start = at?;
        match memchr::memchr2(b'\r', b'\n', &bytes[start..]) {
            Some(n) => {
                let end = start + n;
                let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
                at = Some(end + if crlf { 2 } else { 1 });
                Some(start..end)
            }
            None => {
                at = None;
                (start < bytes.len()).then_some(start..bytes.len())
            }
        }
    })
}

/// Characters in `bytes`, an invalid UTF-8 byte counting as one.
pub fn count_chars(bytes: &[u8]) -> u32 {
    let n: usize = bytes
        .utf8_chunks()
        .map(|c| c.valid().chars().count() + c.invalid().len())
        .sum();
    u32::try_from(n).unwrap_or(u32::MAX)
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

    #[test]
    fn crlf_lf_and_a_lone_cr_each_end_one_line() {
        let text = b"a\r\nb\nc\rd\r\re";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 6);
        let at = |c: u8| text.iter().position(|&b| b == c).unwrap();
        for (c, line) in [(b'a', 1), (b'b', 2), (b'c', 3), (b'd', 4), (b'e', 6)] {
            assert_eq!(idx.line_col(text, at(c)), (line, 1), "{}", c as char);
        }
        // The LF of a CRLF belongs to the line it ends.
        assert_eq!(idx.line(1), 1);
        assert_eq!(idx.line_text(text, 4), b"d");
        assert_eq!(idx.line_text(text, 5), b"");
        let t = std::str::from_utf8(text).unwrap();
        let split: Vec<&str> = lines(t).collect();
        assert_eq!(split, ["a", "b", "c", "d", "", "e"]);
        for (i, l) in split.iter().enumerate() {
            assert_eq!(idx.line_text(text, i as u32 + 1), l.as_bytes());
        }
    }

    #[test]
    fn columns_count_characters() {
        let text = "x = \"\u{3042}\u{3044}\" !".as_bytes();
        let idx = LineIndex::new(text);
        let bang = text.iter().position(|&b| b == b'!').unwrap();
        assert_eq!(idx.line_col(text, bang), (1, 10));
        assert_eq!(idx.line_col(b"\xff\xfez", 2), (1, 3));
        assert_eq!(lines("a\nb\n").count(), 2);
    }
}
