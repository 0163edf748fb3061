//! Any text through `str::parse::<CloseCode>`: never panics, and what it
//! accepts round-trips through the number and through `Display`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ws_close_codes::CloseCode;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let parsed = text.parse::<CloseCode>();
    assert_eq!(parsed, CloseCode::parse(text), "FromStr and parse disagree");
    if let Ok(code) = parsed {
        assert_eq!(CloseCode::from_u16(code.as_u16()), code);
        assert_eq!(code.to_string().parse::<CloseCode>(), Ok(code));
        assert_eq!(code.as_u16().to_string().parse::<CloseCode>(), Ok(code));
        // A number alone is always read as that number.
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            assert_eq!(text.parse::<u32>().ok(), Some(u32::from(code.as_u16())));
        }
    }
});
