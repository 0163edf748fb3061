//! As `wasm-size-web-sys-text`, calling web-sys directly: the browser is
//! the only check, and its exception is the only error.

use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use web_sys::WebSocket;

/// Closes `socket`; throws the browser's exception.
#[wasm_bindgen]
pub fn close_socket(socket: &WebSocket, code: u16, reason: &str) -> Result<(), JsValue> {
    socket.close_with_code_and_reason(code, reason)
}
