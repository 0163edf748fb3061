//! Closes a `WebSocket` through ws-close-codes' checked close and, when
//! it is refused, throws the refusal as text: what a frontend that shows
//! or logs the reason carries (`core::fmt` and the code's `Display`).

use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use web_sys::WebSocket;
use ws_close_codes::{CloseWebSocket, WebSocketCloseError};

/// Closes `socket`; throws the refusal's text, or the browser's exception.
#[wasm_bindgen]
pub fn close_socket(socket: &WebSocket, code: u16, reason: &str) -> Result<(), JsValue> {
    socket
        .close_checked(code, reason)
        .map_err(|error| match error {
            WebSocketCloseError::Thrown(exception) => exception,
            refused => JsValue::from_str(&refused.to_string()),
        })
}
