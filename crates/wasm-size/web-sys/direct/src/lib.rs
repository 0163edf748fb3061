//! As `wasm-size-web-sys-checked`, calling web-sys directly: the browser
//! is the only check.

use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::WebSocket;

/// 0 when the browser closes, 3 when it threw.
#[wasm_bindgen]
pub fn close_socket(socket: &WebSocket, code: u16, reason: &str) -> u32 {
    match socket.close_with_code_and_reason(code, reason) {
        Ok(()) => 0,
        Err(_) => 3,
    }
}
