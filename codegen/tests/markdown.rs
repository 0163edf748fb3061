//! `escape_markdown`: every piece of registry text that reaches rustdoc
//! or the README goes through it, so it must leave one line of plain text
//! whatever the text holds.

use ws_close_codes_codegen::escape_markdown;

#[test]
fn plain_text_is_kept() {
    assert_eq!(escape_markdown("Normal Closure"), "Normal Closure");
    assert_eq!(escape_markdown("Zürich 3000"), "Zürich 3000");
    assert_eq!(escape_markdown(""), "");
}

#[test]
fn inline_markdown_characters_are_escaped_everywhere() {
    for c in ['\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '@'] {
        assert_eq!(
            escape_markdown(&format!("a{c}b")),
            format!("a\\{c}b"),
            "{c:?}"
        );
    }
    for c in [
        '.', ',', '\'', '"', '(', ')', ':', '/', '-', '+', '#', '!', '=', '?', '{', '}',
    ] {
        assert_eq!(
            escape_markdown(&format!("a{c}b")),
            format!("a{c}b"),
            "{c:?}"
        );
    }
}

#[test]
fn line_start_constructs_are_escaped() {
    let all: String = (0x21u8..0x7f)
        .map(char::from)
        .filter(char::is_ascii_punctuation)
        .collect();
    assert_eq!(all.len(), 32);
    for c in all.chars() {
        assert!(
            escape_markdown(&format!("{c} x")).starts_with('\\'),
            "{c:?}"
        );
    }
    assert_eq!(escape_markdown("12. item"), r"12\. item");
    assert_eq!(escape_markdown("3) item"), r"3\) item");
    assert_eq!(escape_markdown("1014 and 3.5"), "1014 and 3.5");
    assert_eq!(escape_markdown("--- ==="), r"\--- ===");
}

#[test]
fn bare_addresses_are_broken() {
    assert_eq!(
        escape_markdown("see https://e.example/x"),
        r"see https\://e.example/x"
    );
    assert_eq!(escape_markdown("see WWW.e.example"), r"see WWW\.e.example");
    assert_eq!(escape_markdown("a: b"), "a: b");
}

#[test]
fn whitespace_collapses_and_is_trimmed() {
    assert_eq!(escape_markdown("  a \n\r\n\t b  "), "a b");
    assert_eq!(escape_markdown("a\u{2028}b\u{85}c\u{A0}d"), "a b c d");
    assert_eq!(escape_markdown("\n\n"), "");
    assert_eq!(escape_markdown("    indented code"), "indented code");
}

#[test]
fn control_characters_are_dropped() {
    assert_eq!(escape_markdown("a\0b\u{7}c\u{1b}[31md\u{7f}"), r"abc\[31md");
    // A control character between spaces does not leave two spaces.
    assert_eq!(escape_markdown("a \0 b"), "a b");
}

#[test]
fn bidi_controls_are_replaced() {
    for c in [
        '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
        '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    ] {
        assert_eq!(escape_markdown(&format!("x{c}y")), "x\u{FFFD}y", "{c:?}");
    }
}

#[test]
fn markdown_constructs_are_neutralised() {
    assert_eq!(
        escape_markdown("\n```rust\nstd::process::exit(1)\n```"),
        r"\`\`\`rust std::process::exit(1) \`\`\`"
    );
    assert_eq!(
        escape_markdown("[x](javascript:alert(1))"),
        r"\[x\](javascript:alert(1))"
    );
    assert_eq!(escape_markdown("# Heading"), r"\# Heading");
    assert_eq!(
        escape_markdown("<script>alert(1)</script>"),
        r"\<script\>alert(1)\</script\>"
    );
    assert_eq!(escape_markdown("&amp; *a* _b_"), r"\&amp; \*a\* \_b\_");
    assert_eq!(escape_markdown("a | b"), r"a \| b");
    assert_eq!(escape_markdown(r"C:\ ends\"), r"C:\\ ends\\");
    assert_eq!(
        escape_markdown("mail evil@example.com, ping @octocat"),
        r"mail evil\@example.com, ping \@octocat"
    );
}

#[test]
fn output_is_one_line_without_unescaped_punctuation() {
    let hostile = "a\"b\\c*/d\"#e}f#[cfg(any())]\n```rust\nstd::process::exit(1)\n```\
                   <script>[x](javascript:alert(1))\u{202E}\0\r\n  - item\n> quote\n===";
    let escaped = escape_markdown(hostile);
    assert!(!escaped.contains(['\n', '\r', '\0', '\u{202E}']));
    let mut chars = escaped.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let next = chars
                .next()
                .expect("a backslash is followed by what it escapes");
            assert!(next.is_ascii_punctuation(), "{next:?}");
        } else {
            assert!(!"`*_[]<>&|~@".contains(c), "unescaped {c:?} in {escaped}");
        }
    }
}
