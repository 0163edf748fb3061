//! A `#![no_std]` static library that uses ws-close-codes, so that building
//! it proves the crate needs neither std nor (by default) an allocator.

#![no_std]

use ws_close_codes::{CloseCode, CloseEvent, CloseFrame};

/// Whether an endpoint may send `code`.
#[no_mangle]
pub extern "C" fn ws_close_code_is_sendable(code: u16) -> bool {
    CloseCode::from_u16(code).is_sendable()
}

/// Decodes `body` and re-encodes it into `out`; returns the length, or
/// -1 for no code, or the negated close code to fail the connection with.
#[no_mangle]
pub extern "C" fn ws_close_reencode(body: &[u8; 8], len: usize, out: &mut [u8; 125]) -> i32 {
    match CloseFrame::decode(body.get(..len).unwrap_or(&[])) {
        Ok(Some(frame)) => match frame.encode_into(out) {
            Ok(written) => written as i32,
            Err(_) => 0,
        },
        Ok(None) => -1,
        Err(error) => -i32::from(error.close_code().as_u16()),
    }
}

/// The code a page would see for a Close frame body.
#[no_mangle]
pub extern "C" fn ws_close_event_code(body: &[u8; 8], len: usize) -> u16 {
    CloseEvent::from_body(body.get(..len).unwrap_or(&[]))
        .code()
        .as_u16()
}

/// Parses a code from text.
#[no_mangle]
pub extern "C" fn ws_close_parse_normal() -> u16 {
    match "Normal Closure".parse::<CloseCode>() {
        Ok(code) => code.as_u16(),
        Err(_) => 0,
    }
}

#[cfg(feature = "alloc")]
mod with_alloc {
    extern crate alloc;

    use core::alloc::{GlobalAlloc, Layout};
    use ws_close_codes::{CloseCode, CloseFrame};

    /// An allocator that never has memory: enough to link.
    struct NoMemory;

    // SAFETY: returning null is always a valid answer (allocation failure).
    unsafe impl GlobalAlloc for NoMemory {
        unsafe fn alloc(&self, _layout: Layout) -> *mut u8 {
            core::ptr::null_mut()
        }
        unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
    }

    #[global_allocator]
    static ALLOCATOR: NoMemory = NoMemory;

    /// The encoded length of a frame built in a vector.
    #[no_mangle]
    pub extern "C" fn ws_close_vec_len() -> usize {
        match CloseFrame::new(CloseCode::GoingAway, "bye") {
            Ok(frame) => frame.to_vec().len(),
            Err(_) => 0,
        }
    }

    /// Keeps `alloc` in use.
    pub fn _unused() -> alloc::vec::Vec<u8> {
        alloc::vec::Vec::new()
    }
}

#[cfg(feature = "serde")]
const _: fn() = || {
    fn is_serde<T: serde::Serialize + for<'de> serde::Deserialize<'de>>() {}
    is_serde::<CloseCode>();
};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
