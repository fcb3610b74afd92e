//! Makes untrusted text (account names, hosts from files) safe for each output.

/// Drops control characters (escape sequences included) so file text cannot drive the terminal.
pub fn terminal(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .filter(|c| !matches!(*c as u32, 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069))
        .collect()
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
}
