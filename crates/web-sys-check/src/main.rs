//! The loopback WebSocket server of the browser tests, on the host
//! (tokio-tungstenite). It binds 127.0.0.1 on a free port, prints the port
//! on the first line of its output, and serves each connection by its
//! path:
//!
//! - `/close/CODE`: sends a Close frame with CODE and the reason
//!   `server closed CODE, fermé`, then reads until the browser's answer ends
//!   the connection;
//! - any other path: reads until the connection ends, so that tungstenite
//!   answers the browser's Close frame with the same code and reason.
//!
//! It exits by itself after `LIFETIME`, or when `run.sh` ends it.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::io::Result<()> {
    server::main()
}

/// Built for wasm32 too (the browser tests are this package's); there it
/// has nothing to do.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod server {
    use std::io::Write as _;
    use std::time::Duration;

    use futures_util::{SinkExt, StreamExt};
    use tokio::net::{TcpListener, TcpStream};
    use tokio::time::timeout;
    use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
    use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
    use tokio_tungstenite::tungstenite::protocol::CloseFrame;
    use tokio_tungstenite::tungstenite::Message;

    /// How long the server runs at most.
    const LIFETIME: Duration = Duration::from_secs(600);
    /// How long one connection may stay open.
    const CONNECTION_LIMIT: Duration = Duration::from_secs(20);

    /// The reason the server sends with `code`; `tests/browser.rs` builds
    /// the same text.
    fn reason_for(code: u16) -> String {
        format!("server closed {code}, fermé")
    }

    pub fn main() -> std::io::Result<()> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        runtime.block_on(async {
            let listener = TcpListener::bind("127.0.0.1:0").await?;
            let port = listener.local_addr()?.port();
            let mut out = std::io::stdout().lock();
            writeln!(out, "{port}")?;
            out.flush()?;
            drop(out);
            let serve = async {
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    tokio::spawn(async move {
                        let _ = timeout(CONNECTION_LIMIT, serve(stream)).await;
                    });
                }
            };
            let _ = timeout(LIFETIME, serve).await;
            Ok(())
        })
    }

    async fn serve(stream: TcpStream) {
        let mut path = String::new();
        // tungstenite's callback type returns its (large) error response.
        #[allow(clippy::result_large_err)]
        let callback = |request: &Request, response: Response| {
            path = request.uri().path().to_owned();
            Ok(response)
        };
        let Ok(mut socket) = tokio_tungstenite::accept_hdr_async(stream, callback).await else {
            return;
        };
        if let Some(code) = path.strip_prefix("/close/").and_then(|c| c.parse().ok()) {
            let frame = CloseFrame {
                code: CloseCode::from(code),
                reason: reason_for(code).into(),
            };
            if socket.send(Message::Close(Some(frame))).await.is_err() {
                return;
            }
        }
        // Reading on sends tungstenite's answer to the browser's Close
        // frame, and takes the browser's answer to ours.
        while let Some(Ok(_)) = socket.next().await {}
    }
}
