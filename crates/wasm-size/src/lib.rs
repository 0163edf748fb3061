//! The functions whose wasm32 size `measure.sh` reports: the name of a
//! close code and whether it may be sent, as a frontend would export them.

#![no_std]

use ws_close_codes::CloseCode;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

/// The name of the close code `value` (empty for a code without one),
/// as a pointer and, in `len`, a length: how a string leaves wasm.
#[no_mangle]
pub extern "C" fn close_code_name(value: u16, len: &mut usize) -> *const u8 {
    let code = CloseCode::from(value);
    let name = code.name().unwrap_or("");
    *len = name.len();
    name.as_ptr()
}

/// Whether the close code `value` may be sent.
#[no_mangle]
pub extern "C" fn close_code_is_sendable(value: u16) -> bool {
    CloseCode::from(value).is_sendable()
}
