//! An axum 0.8 WebSocket server that says why it closes a connection.
//!
//! The protocol, after the GraphQL over WebSocket one: the client sends
//! [`INIT`] first, within [`Config::init_timeout`]; the server answers
//! [`ACK`] and from then on echoes every message, until one contains
//! [`FORBIDDEN_WORD`].
//!
//! axum takes a close code as a plain `u16`; the Close frames here are
//! built as [`ws_close_codes::CloseFrame`] constants, so a code that may
//! not be sent or a reason that is too long fails the build, not a
//! connection.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{self, Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use graphql_ws_example::GraphqlCloseCode;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::time::timeout;
use ws_close_codes::{CloseCode, CloseFrame};

/// The first message a client must send.
///
/// ```
/// assert_eq!(stack_examples::server::INIT, r#"{"type":"connection_init"}"#);
/// ```
pub const INIT: &str = r#"{"type":"connection_init"}"#;

/// The server's answer to [`INIT`].
///
/// ```
/// assert_eq!(stack_examples::server::ACK, r#"{"type":"connection_ack"}"#);
/// ```
pub const ACK: &str = r#"{"type":"connection_ack"}"#;

/// A message containing this word breaks the server's policy.
///
/// ```
/// assert_eq!(stack_examples::server::FORBIDDEN_WORD, "forbidden");
/// ```
pub const FORBIDDEN_WORD: &str = "forbidden";

/// Sent when every slot is taken: 1013 Try Again Later, with a reason.
///
/// ```
/// use ws_close_codes::CloseCode;
/// assert_eq!(stack_examples::server::AT_CAPACITY.code(), CloseCode::TryAgainLater);
/// ```
pub const AT_CAPACITY: CloseFrame<'static> = frame(
    CloseCode::TryAgainLater,
    "at capacity, try again in a minute",
);

/// Sent for a message containing [`FORBIDDEN_WORD`]: 1008 Policy Violation.
///
/// ```
/// use ws_close_codes::CloseCode;
/// assert_eq!(stack_examples::server::FORBIDDEN.code(), CloseCode::PolicyViolation);
/// ```
pub const FORBIDDEN: CloseFrame<'static> = frame(CloseCode::PolicyViolation, "forbidden message");

/// Sent when no [`INIT`] came in time: 4408, with the GraphQL code's name
/// as the reason.
///
/// ```
/// use graphql_ws_example::GraphqlCloseCode;
/// let code = GraphqlCloseCode::from(stack_examples::server::INIT_TIMEOUT.code());
/// assert_eq!(code, GraphqlCloseCode::ConnectionInitialisationTimeout);
/// assert_eq!(stack_examples::server::INIT_TIMEOUT.reason(), "Connection initialisation timeout");
/// ```
pub const INIT_TIMEOUT: CloseFrame<'static> =
    graphql(GraphqlCloseCode::ConnectionInitialisationTimeout);

/// Sent when the first message is not [`INIT`]: 4400 Bad Request.
///
/// ```
/// assert_eq!(stack_examples::server::NOT_INIT.code().as_u16(), 4400);
/// ```
pub const NOT_INIT: CloseFrame<'static> = graphql(GraphqlCloseCode::BadRequest);

const fn frame(code: CloseCode, reason: &'static str) -> CloseFrame<'static> {
    match CloseFrame::new(code, reason) {
        Ok(frame) => frame,
        Err(_) => panic!("not a Close frame that may be sent"),
    }
}

const fn graphql(code: GraphqlCloseCode) -> CloseFrame<'static> {
    let Some(name) = code.name() else {
        panic!("a code without a name")
    };
    frame(code.to_close_code(), name)
}

/// How many connections the server serves at once, and how long it waits
/// for [`INIT`].
///
/// ```
/// use std::time::Duration;
/// let config = stack_examples::server::Config { capacity: 100, init_timeout: Duration::from_secs(3) };
/// # let _ = config;
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Connections served at once; the next one is closed with
    /// [`AT_CAPACITY`].
    pub capacity: usize,
    /// How long a new connection has to send [`INIT`].
    pub init_timeout: Duration,
}

#[derive(Clone)]
struct AppState {
    slots: Arc<Semaphore>,
    init_timeout: Duration,
}

/// The server's routes: the WebSocket endpoint at `/ws`.
///
/// ```
/// use std::time::Duration;
/// let config = stack_examples::server::Config { capacity: 1, init_timeout: Duration::from_secs(1) };
/// let app: axum::Router = stack_examples::server::app(config);
/// # let _ = app;
/// ```
pub fn app(config: Config) -> Router {
    let state = AppState {
        slots: Arc::new(Semaphore::new(config.capacity)),
        init_timeout: config.init_timeout,
    };
    Router::new().route("/ws", get(upgrade)).with_state(state)
}

/// Serves [`app`] on 127.0.0.1 at a free port, in a task of the current
/// tokio runtime, and returns its address.
///
/// ```
/// use std::time::Duration;
/// # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
/// let config = stack_examples::server::Config { capacity: 1, init_timeout: Duration::from_secs(1) };
/// let addr = stack_examples::server::spawn(config).await?;
/// assert!(addr.ip().is_loopback());
/// # Ok::<(), std::io::Error>(())
/// # })?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub async fn spawn(config: Config) -> io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app(config)).await });
    Ok(addr)
}

async fn upgrade(upgrade: WebSocketUpgrade, State(state): State<AppState>) -> Response {
    let slot = state.slots.clone().try_acquire_owned();
    // A full server still accepts the WebSocket: a close code can only be
    // sent on an open connection, and 1013 tells the client to come back.
    upgrade.on_upgrade(move |mut socket| async move {
        match slot {
            Ok(slot) => {
                session(&mut socket, state.init_timeout).await;
                // Free the slot before the client sees the connection end.
                drop(slot);
            }
            Err(_) => close(&mut socket, AT_CAPACITY).await,
        }
    })
}

async fn session(socket: &mut WebSocket, init_timeout: Duration) {
    match timeout(init_timeout, socket.recv()).await {
        Err(_) => return close(socket, INIT_TIMEOUT).await,
        Ok(Some(Ok(Message::Text(text)))) if text.as_str() == INIT => {}
        Ok(Some(Ok(_))) => return close(socket, NOT_INIT).await,
        Ok(_) => return, // gone without a word
    }
    if socket.send(Message::Text(ACK.into())).await.is_err() {
        return;
    }
    // Ends when the client closes: axum answers its Close frame, then
    // `recv` returns `None`.
    while let Some(Ok(message)) = socket.recv().await {
        let echo = match &message {
            Message::Text(text) if text.as_str().contains(FORBIDDEN_WORD) => {
                return close(socket, FORBIDDEN).await;
            }
            Message::Text(_) | Message::Binary(_) => true,
            _ => false, // axum answers pings itself
        };
        if echo && socket.send(message).await.is_err() {
            return;
        }
    }
}

/// Sends `frame`, then reads until the client has answered with its own
/// Close frame (at most a second), so that the closing handshake completes
/// and the client sees a clean close.
async fn close(socket: &mut WebSocket, frame: CloseFrame<'static>) {
    let frame = ws::CloseFrame {
        code: frame.code().as_u16(),
        reason: frame.reason().into(),
    };
    if socket.send(Message::Close(Some(frame))).await.is_ok() {
        let answered = async { while let Some(Ok(_)) = socket.recv().await {} };
        let _ = timeout(Duration::from_secs(1), answered).await;
    }
}
