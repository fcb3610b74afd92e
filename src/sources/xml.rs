//! A small, bounded XML element tree with line numbers, shared by the provider-profile readers.
//!
//! Entities are never expanded: a document type that declares any is refused outright, which
//! is what keeps an entity bomb from costing more than one pass over the bytes. Depth and
//! element count are capped so that no input can exhaust the stack or memory.

use crate::model::ProviderNote;
use crate::text::LineIndex;
use encoding_rs::Encoding;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Deepest nesting accepted; real profiles nest four or five levels.
pub const MAX_DEPTH: usize = 64;
/// Most elements accepted in one document; the largest ISPDB file has about 1,100.
pub const MAX_ELEMENTS: usize = 100_000;

/// One element: its local name (namespace prefix dropped), attributes, direct text and children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Text and CDATA directly inside this element, unescaped, not trimmed.
    pub text: String,
    pub children: Vec<Element>,
    /// 1-based line of the start tag.
    pub line: u32,
}

impl Element {
    /// The first child with this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The first child whose name matches ignoring ASCII case.
    pub fn child_ci(&self, name: &str) -> Option<&Element> {
        self.children
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// Every child with this name, in document order.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Every child whose name matches ignoring ASCII case, in document order.
    pub fn children_ci<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children
            .iter()
            .filter(move |c| c.name.eq_ignore_ascii_case(name))
    }

    /// An attribute value by local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The element's text with surrounding white space removed.
    pub fn value(&self) -> &str {
        self.text.trim()
    }
}

/// A parsed document: its root element and what decoding had to guess.
#[derive(Debug, Clone)]
pub struct Document {
    pub root: Element,
    /// What decoding had to guess, when the file was not plain UTF-8.
    pub notes: Vec<ProviderNote>,
}

/// Why a document could not be read, with the line it happened on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub line: u32,
    /// 1-based column in characters, where the parser names the byte it stopped at.
    pub col: Option<u32>,
    /// The text of the line with the column, for a caret under it.
    pub line_text: Option<String>,
    pub message: String,
}

impl XmlError {
    fn at(line: u32, message: impl Into<String>) -> Self {
        XmlError {
            line,
            col: None,
            line_text: None,
            message: message.into(),
        }
    }

    /// The error as a problem of the file at `path`.
    pub fn problem(&self, path: &str) -> crate::model::Problem {
        let p = crate::model::Problem::syntax(
            crate::model::SyntaxCode::XmlSyntax,
            path,
            self.line,
            self.col,
            self.message.clone(),
        );
        match &self.line_text {
            Some(t) => p.with_excerpt(t),
            None => p,
        }
    }
}

/// Decodes and parses a whole document.
pub fn parse(bytes: &[u8]) -> Result<Document, XmlError> {
    let (text, notes) = decode(bytes);
    let root = parse_str(&text)?;
    Ok(Document { root, notes })
}

/// Turns bytes into text: a BOM decides, then a declared encoding, then UTF-8, then a guess.
pub fn decode(bytes: &[u8]) -> (String, Vec<ProviderNote>) {
    let mut notes = Vec::new();
    if Encoding::for_bom(bytes).is_none() {
        if let Some(label) = declared_encoding(bytes) {
            match Encoding::for_label(label.as_bytes()) {
                Some(enc) if enc != encoding_rs::UTF_8 && enc.is_ascii_compatible() => {
                    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
                    if had_errors {
                        notes.push(ProviderNote::DeclaredBytesReplaced {
                            encoding: enc.name().to_string(),
                        });
                    }
                    return (text.into_owned(), notes);
                }
                Some(_) => {}
                None => notes.push(ProviderNote::UnknownEncoding { label }),
            }
        }
    }
    let d = crate::text::decode(bytes, crate::text::Fallback::Ansi);
    if d.encoding != "UTF-8"
        && Encoding::for_bom(bytes).is_none()
        && !d.encoding.starts_with("UTF-16")
    {
        notes.push(ProviderNote::GuessedEncoding {
            encoding: d.encoding.to_string(),
        });
    } else if d.lossy {
        notes.push(ProviderNote::BytesReplaced {
            encoding: d.encoding.to_string(),
        });
    }
    (d.text, notes)
}

/// The `encoding` pseudo-attribute of a leading `<?xml …?>` declaration.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(256)];
    let head = String::from_utf8_lossy(head);
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    Some(rest[..rest.find(quote)?].trim().to_string())
}

/// Byte offsets (as quick-xml counts them) to 1-based lines, by the shared line index.
struct Lines(LineIndex);

impl Lines {
    fn new(text: &str) -> Self {
        Lines(LineIndex::new(text.as_bytes()))
    }

    fn line(&self, offset: u64) -> u32 {
        self.0.line(usize::try_from(offset).unwrap_or(usize::MAX))
    }

    fn last(&self) -> u32 {
        self.0.line_count()
    }
}

/// Parses text into its root element.
pub fn parse_str(text: &str) -> Result<Element, XmlError> {
    let lines = Lines::new(text);
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    loop {
        let start = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
            let (line, col) = lines.0.line_col(text.as_bytes(), at);
            let line_text = lines.0.line_text(text.as_bytes(), line);
            XmlError {
                line,
                col: Some(col),
                line_text: Some(String::from_utf8_lossy(line_text).into_owned()),
                message: e.to_string(),
            }
        })?;
        let line = lines.line(start);
        match event {
            Event::Start(e) | Event::Empty(e) if root.is_some() => {
                return Err(XmlError::at(
                    line,
                    format!(
                        "a second root element <{}> after the first one closed",
                        name_of(&e)
                    ),
                ));
            }
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(XmlError::at(
                        line,
                        format!("elements nest deeper than {MAX_DEPTH} levels"),
                    ));
                }
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(XmlError::at(
                        line,
                        format!("more than {MAX_ELEMENTS} elements"),
                    ));
                }
                stack.push(element(&e, line)?);
            }
            Event::Empty(e) => {
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(XmlError::at(
                        line,
                        format!("more than {MAX_ELEMENTS} elements"),
                    ));
                }
                let el = element(&e, line)?;
                close(el, &mut stack, &mut root);
            }
            Event::End(_) => {
                // check_end_names guarantees a matching open element.
                if let Some(el) = stack.pop() {
                    close(el, &mut stack, &mut root);
                }
            }
            Event::Text(t) => {
                let s = t
                    .unescape()
                    .map_err(|e| XmlError::at(line_of_text(&lines, start, &t), e.to_string()))?;
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&s),
                    None if s.trim().is_empty() => {}
                    None => {
                        return Err(XmlError::at(
                            line_of_text(&lines, start, &t),
                            "text outside the root element",
                        ))
                    }
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&c));
                }
            }
            Event::DocType(d) => {
                let body = String::from_utf8_lossy(&d).to_ascii_uppercase();
                if body.contains("<!ENTITY") {
                    return Err(XmlError::at(
                        line,
                        "the document type declares entities; mailaudit never expands entities, so the file is not read",
                    ));
                }
            }
            Event::Eof => {
                if let Some(open) = stack.last() {
                    return Err(XmlError::at(
                        lines.last(),
                        format!(
                            "the file ends inside <{}> opened at line {}: it is cut short",
                            open.name, open.line
                        ),
                    ));
                }
                return root.ok_or_else(|| XmlError::at(1, "no XML element in the file"));
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
}

/// The line of the first non-blank character of a text node (errors point at the bad text).
fn line_of_text(lines: &Lines, start: u64, raw: &[u8]) -> u32 {
    let lead = raw.iter().take_while(|b| b.is_ascii_whitespace()).count() as u64;
    lines.line(start + lead)
}

fn name_of(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn element(e: &BytesStart, line: u32) -> Result<Element, XmlError> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| XmlError::at(line, err.to_string()))?;
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
        let value = a
            .unescape_value()
            .map_err(|err| XmlError::at(line, err.to_string()))?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Element {
        name: name_of(e),
        attrs,
        text: String::new(),
        children: Vec::new(),
        line,
    })
}

fn close(el: Element, stack: &mut [Element], root: &mut Option<Element>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(el),
        None => *root = Some(el),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tree_with_lines_and_namespaces() {
        let doc = parse(
            b"<?xml version=\"1.0\"?>\n<a:Root xmlns:a=\"urn:x\">\n  <b k=\"v &amp; w\">x &lt; y</b>\n  <c/>\n</a:Root>\n",
        )
        .unwrap();
        let r = doc.root;
        assert_eq!(r.name, "Root");
        assert_eq!(r.line, 2);
        let b = r.child("b").unwrap();
        assert_eq!(
            (b.line, b.value(), b.attr("k")),
            (3, "x < y", Some("v & w"))
        );
        assert_eq!(r.child("c").unwrap().line, 4);
        assert!(doc.notes.is_empty());
    }

    #[test]
    fn entity_declarations_are_refused() {
        let e =
            parse(b"<?xml version=\"1.0\"?>\n<!DOCTYPE x [\n<!ENTITY a \"aaaa\">\n]>\n<x>&a;</x>")
                .unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("entities"), "{}", e.message);
    }

    #[test]
    fn undeclared_entity_is_an_error_with_its_line() {
        let e = parse(b"<x>\n<y>\n&nbsp;</y></x>").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
    }

    #[test]
    fn truncated_names_the_open_element() {
        let e = parse(b"<x>\n<y>abc").unwrap_err();
        assert!(e.message.contains("<y> opened at line 2"), "{}", e.message);
    }

    #[test]
    fn mismatched_end_is_an_error() {
        let e = parse(b"<x>\n<y></z></x>").unwrap_err();
        assert_eq!(e.line, 2, "{e:?}");
    }

    #[test]
    fn depth_and_second_root_are_bounded() {
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(parse(deep.as_bytes())
            .unwrap_err()
            .message
            .contains("deeper"));
        assert!(parse(b"<a/><b/>")
            .unwrap_err()
            .message
            .contains("second root"));
        assert!(parse(b"").unwrap_err().message.contains("no XML element"));
        assert!(parse(b"just text").is_err());
    }

    #[test]
    fn declared_and_bom_encodings() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("<x>受信</x>");
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>".to_vec();
        bytes.extend_from_slice(&sjis);
        assert_eq!(parse(&bytes).unwrap().root.value(), "受信");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("<x>abc</x>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(parse(&utf16).unwrap().root.value(), "abc");
        let latin = b"<x>caf\xe9</x>";
        let doc = parse(latin).unwrap();
        assert_eq!(doc.root.value(), "café");
        assert_eq!(doc.notes.len(), 1);
    }

    fn arb_tree(depth: u32) -> BoxedStrategy<Element> {
        let leaf = (
            "[a-zA-Z][a-zA-Z0-9]{0,6}",
            "[ -~]{0,12}",
            proptest::collection::vec(("[a-z]{1,4}", "[ -~]{0,8}"), 0..2),
        )
            .prop_map(|(name, text, attrs)| {
                let mut attrs: Vec<(String, String)> = attrs;
                attrs.sort();
                attrs.dedup_by(|a, b| a.0 == b.0);
                Element {
                    name,
                    attrs,
                    text,
                    children: Vec::new(),
                    line: 0,
                }
            });
        if depth == 0 {
            return leaf.boxed();
        }
        (leaf, proptest::collection::vec(arb_tree(depth - 1), 0..3))
            .prop_map(|(mut e, kids)| {
                e.children = kids;
                e
            })
            .boxed()
    }

    fn render(e: &Element, out: &mut String) {
        out.push('<');
        out.push_str(&e.name);
        for (k, v) in &e.attrs {
            out.push_str(&format!(" {k}=\"{}\"", escape(v)));
        }
        out.push('>');
        out.push_str(&escape(&e.text));
        for c in &e.children {
            out.push('\n');
            render(c, out);
        }
        out.push_str(&format!("</{}>", e.name));
    }

    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }

    fn strip(e: &Element) -> Element {
        Element {
            line: 0,
            text: e.text.trim_end_matches('\n').to_string(),
            children: e.children.iter().map(strip).collect(),
            ..e.clone()
        }
    }

    proptest! {
        #[test]
        fn render_then_parse_gives_the_tree_back(tree in arb_tree(3)) {
            let mut s = String::new();
            render(&tree, &mut s);
            let back = parse_str(&s).unwrap();
            // Newlines between children belong to the parent's text; drop them for comparison.
            let mut back = strip(&back);
            fn drop_nl(e: &mut Element) {
                e.text = e.text.replace('\n', "");
                e.children.iter_mut().for_each(drop_nl);
            }
            drop_nl(&mut back);
            prop_assert_eq!(back, strip(&tree));
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse(&bytes);
        }
    }
}
