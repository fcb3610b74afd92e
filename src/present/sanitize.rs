//! Makes untrusted text (account names, hosts, paths from files) safe for each output.
//!
//! Every renderer passes file text through one of these; none of them lets such text
//! change the structure of the output it lands in.

/// Drops control characters (escape sequences included) so file text cannot drive the terminal.
pub fn terminal(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .filter(|c| !is_bidi_control(*c))
        .collect()
}

/// Bidirectional overrides and isolates can make a terminal or browser show text reordered.
fn is_bidi_control(c: char) -> bool {
    matches!(c as u32, 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}

/// One line of text: line breaks and tabs become spaces, other control characters go.
fn one_line(s: &str) -> String {
    let spaced: String = s
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    terminal(&spaced)
}

/// Escapes text for Markdown inline text or a pipe-table cell: it stays on one line, cannot
/// close the cell, start a heading, quote, list or code span, or carry raw HTML.
pub fn markdown(s: &str) -> String {
    let line = one_line(s);
    // Leading spaces would make an indented code block at the start of a paragraph.
    let text = line.trim_start();
    let mut out = String::with_capacity(text.len() + 8);
    let lead_digits = text.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in text.chars().enumerate() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // A block marker only acts at the start of a line; "1." or "1)" starts a list.
            '#' | '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if i == lead_digits && i > 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A Markdown code span holding the text verbatim: the fence is one backtick longer than
/// any run of backticks inside, so file text cannot close it early. Not for table cells.
pub fn markdown_code(s: &str) -> String {
    let text = one_line(s);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A space on both sides is stripped by the renderer; it keeps an edge backtick apart.
    let pad = if text.starts_with('`') || text.ends_with('`') || text.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn html(s: &str) -> String {
    let text = one_line(s);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One CSV field (RFC 4180) that a spreadsheet shows as text and never runs as a formula.
///
/// A cell starting with `=`, `+`, `-`, `@`, tab or CR (also after leading white space, and
/// their full-width forms, which Japanese input methods produce) gets a leading `'`. Line
/// breaks and tabs inside stay: the field is then quoted. Other control characters go.
pub fn csv_field(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| matches!(c, '\n' | '\r' | '\t') || !c.is_control())
        .filter(|c| !is_bidi_control(*c))
        .collect();
    let first = kept.chars().next();
    let first_visible = kept
        .chars()
        .find(|c| !matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{3000}'));
    let trigger = |c: char| {
        matches!(
            c,
            '=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}'
        )
    };
    let neutral = if matches!(first, Some('\t' | '\r')) || first_visible.is_some_and(trigger) {
        format!("'{kept}")
    } else {
        kept
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_controls_are_removed() {
        assert_eq!(terminal("a\x1b[31mred\x07\r\n"), "a[31mred");
        assert_eq!(terminal("x\u{202e}y"), "xy");
        assert_eq!(terminal("受付 info"), "受付 info");
    }

    #[test]
    fn markdown_text_cannot_change_the_structure() {
        assert_eq!(markdown("a|b<script>\n`x`"), "a\\|b&lt;script&gt; \\`x\\`");
        assert_eq!(markdown("# title"), "\\# title");
        assert_eq!(markdown("> quote"), "&gt; quote");
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("    code"), "code");
        assert_eq!(markdown("1. first"), "1\\. first");
        assert_eq!(markdown("PC-A 2.0 GB"), "PC-A 2.0 GB");
        assert_eq!(markdown("[x](javascript:y)"), "\\[x\\](javascript:y)");
        assert_eq!(markdown("a\x1b[31m"), "a\\[31m");
    }

    #[test]
    fn markdown_code_span_outlasts_backticks_inside() {
        assert_eq!(markdown_code("PC-A/prefs.js:3"), "`PC-A/prefs.js:3`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("`x``"), "``` `x`` ```");
        assert_eq!(markdown_code("a\nb"), "`a b`");
    }

    #[test]
    fn html_escapes_the_five_special_characters() {
        assert_eq!(
            html("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(html("a\x1b[2J\nb"), "a[2J b");
    }

    #[test]
    fn csv_formulas_are_neutralised_and_quoted() {
        assert_eq!(csv_field("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("\t=1"), "'\t=1");
        assert_eq!(csv_field("\r=1"), "\"'\r=1\"");
        assert_eq!(csv_field("  =1"), "'  =1");
        assert_eq!(csv_field("＝1+1"), "'＝1+1");
        assert_eq!(csv_field("PC-A, PC-B"), "\"PC-A, PC-B\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
        assert_eq!(csv_field("a\x1b[31m"), "a[31m");
        assert_eq!(csv_field("受付"), "受付");
        assert_eq!(csv_field(""), "");
    }
}
