use axum::extract::ws::{self, Message, WebSocketUpgrade};
use axum::response::Response;
use futures_util::StreamExt;
use ws_close_codes::{CloseCode, CloseEvent, CloseFrame};

/// What an axum handler sends when the server is full: 1013 Try Again
/// Later, with a reason. `CloseFrame::new` is a `const fn`, so a code that
/// may not be sent, or a reason over 123 bytes, fails the build.
pub const BUSY: CloseFrame<'_> = match CloseFrame::new(CloseCode::TryAgainLater, "server busy") {
    Ok(frame) => frame,
    Err(_) => panic!("not a Close frame that may be sent"),
};

/// An axum 0.8 WebSocket handler that closes every connection with `BUSY`
/// (axum takes the code as a plain `u16`).
pub async fn busy(upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(|mut socket| async move {
        let frame = ws::CloseFrame {
            code: BUSY.code().as_u16(),
            reason: BUSY.reason().into(),
        };
        let _ = socket.send(Message::Close(Some(frame))).await;
    })
}

/// A tokio-tungstenite 0.30 client: how the connection to `url` ended, as
/// a log line such as `1013 Try Again Later: server busy`. One call turns
/// whatever the stream yields into the event a browser's `CloseEvent`
/// would report: a Close message, or the end of the stream or an error
/// (1006, not clean); data messages give `None` and are skipped.
pub async fn how_it_ended(url: &str) -> Result<String, tokio_tungstenite::tungstenite::Error> {
    let (mut socket, _response) = tokio_tungstenite::connect_async(url).await?;
    loop {
        let next = socket.next().await;
        if let Some(event) = CloseEvent::from_next(&next) {
            return Ok(event.to_string());
        }
    }
}
