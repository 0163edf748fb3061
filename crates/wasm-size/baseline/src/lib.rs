//! The baseline of `wasm-size`: `close_code_name` written by hand. The
//! names are those of the registry when this file was written; the size it
//! measures is that of a plain `match` over that many short strings.

#![no_std]

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

fn name(value: u16) -> &'static str {
    match value {
        1000 => "Normal Closure",
        1001 => "Going Away",
        1002 => "Protocol error",
        1003 => "Unsupported Data",
        1004 => "Reserved",
        1005 => "No Status Rcvd",
        1006 => "Abnormal Closure",
        1007 => "Invalid frame payload data",
        1008 => "Policy Violation",
        1009 => "Message Too Big",
        1010 => "Mandatory Ext.",
        1011 => "Internal Error",
        1012 => "Service Restart",
        1013 => "Try Again Later",
        1014 => "Bad Gateway",
        1015 => "TLS handshake",
        3000 => "Unauthorized",
        3003 => "Forbidden",
        3008 => "Timeout",
        _ => "",
    }
}

fn is_sendable(value: u16) -> bool {
    matches!(value, 1000..=1003 | 1007..=1014 | 3000..=4999)
}

/// As `wasm-size`'s `close_code_name`.
#[no_mangle]
pub extern "C" fn close_code_name(value: u16, len: &mut usize) -> *const u8 {
    let name = name(value);
    *len = name.len();
    name.as_ptr()
}

/// As `wasm-size`'s `close_code_is_sendable`.
#[no_mangle]
pub extern "C" fn close_code_is_sendable(value: u16) -> bool {
    is_sendable(value)
}
