use std::time::Duration;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use futures_util::StreamExt;
use tokio::time::timeout;
use ws_close_codes::{close_frame, CloseCode, CloseEvent, CloseFrame};

/// What an axum handler sends when the server is full: 1013 Try Again
/// Later, with a reason. `close_frame!` builds it as a constant: a code that
/// may not be sent, or a reason over 123 bytes, fails the build naming the
/// rule.
pub const BUSY: CloseFrame<'_> = close_frame!(CloseCode::TryAgainLater, "server busy");

/// An axum 0.8 WebSocket handler that closes every connection with `BUSY`.
pub async fn busy(upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(|mut socket| async move {
        close(&mut socket, BUSY).await;
    })
}

/// Closes with `frame` (the `axum-0_8` feature converts it to axum's), then
/// waits at most a second for the client's answering Close frame, which
/// completes the closing handshake. Returns how the client answered, as a
/// log line such as `1013 Try Again Later: server busy`.
pub async fn close(socket: &mut WebSocket, frame: CloseFrame<'_>) -> String {
    let _ = socket.send(Message::Close(Some(frame.into()))).await;
    let answer = async {
        loop {
            let next = socket.recv().await;
            if let Some(event) = CloseEvent::from_next(&next) {
                return event.to_string();
            }
        }
    };
    let abnormal = || CloseEvent::abnormal().to_string();
    timeout(Duration::from_secs(1), answer)
        .await
        .unwrap_or_else(|_| abnormal())
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
            // Read on until the server ends the connection (at most a
            // second): tungstenite sends its answer to the server's Close
            // frame on this read, which completes the closing handshake.
            let rest = async { while let Some(Ok(_)) = socket.next().await {} };
            let _ = timeout(Duration::from_secs(1), rest).await;
            return Ok(event.to_string());
        }
    }
}
