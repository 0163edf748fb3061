//! Closes a `WebSocket` through ws-close-codes' checked close, and tells
//! the page how it went as a number (no text, so that the size is the
//! check's, not that of formatting).

use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::WebSocket;
use ws_close_codes::{CloseWebSocket, WebSocketCloseError};

/// 0 when the browser closes; 1 for a code `close()` does not accept, 2
/// for a reason over 123 bytes (both refused before the browser is
/// called), 3 when the browser threw.
#[wasm_bindgen]
pub fn close_socket(socket: &WebSocket, code: u16, reason: &str) -> u32 {
    match socket.close_checked(code, reason) {
        Ok(()) => 0,
        Err(WebSocketCloseError::CodeNotAccepted { .. }) => 1,
        Err(WebSocketCloseError::ReasonTooLong { .. }) => 2,
        Err(_) => 3,
    }
}
