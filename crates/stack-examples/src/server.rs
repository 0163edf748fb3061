//! An axum 0.8 WebSocket server that says why it closes a connection.
//!
//! The protocol, after the GraphQL over WebSocket one: the client sends
//! [`INIT`] first, within [`Config::init_timeout`]; the server answers
//! [`ACK`] and from then on echoes every message, until one contains
//! [`FORBIDDEN_WORD`].
//!
//! The Close frames are built as [`ws_close_codes::CloseFrame`]
//! constants, so a code that may not be sent or a reason that is too long
//! fails the build, not a connection, and sent as axum's own with the
//! crate's `axum-0_8` feature (`Message::Close(Some(frame.into()))`).
//! Every close completes the closing handshake: the server reads on until
//! the client's Close frame and the end of the connection, and reports how
//! each connection ended ([`serve`], [`Ending`]).

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use graphql_ws_example::GraphqlCloseCode;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, Semaphore};
use tokio::time::timeout;
use ws_close_codes::{CloseCode, CloseEvent, CloseFrame};

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

/// How a connection ended, as the server saw it: the Close frame it sent,
/// if it closed first, and what it read from the client afterwards.
///
/// ```
/// use stack_examples::server::Ending;
/// use ws_close_codes::CloseEvent;
/// assert_eq!(Ending::default().event(), CloseEvent::abnormal());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ending {
    /// The Close frame the server sent; `None` when the client closed
    /// first or left without one.
    pub sent: Option<CloseFrame<'static>>,
    /// The client's Close frame (its answer, when the server closed
    /// first): its code and reason, 1005 and no reason for a frame without
    /// a code; `None` when none came within a second.
    received: Option<(CloseCode, String)>,
    /// The error the connection ended with, as axum (tungstenite) wrote it.
    error: Option<String>,
}

impl Ending {
    /// What the server would report: the client's Close frame, clean, when
    /// one came and the connection then ended without an error; 1006, not
    /// clean, otherwise.
    ///
    /// ```
    /// # use std::time::Duration;
    /// use stack_examples::{client, server};
    /// use ws_close_codes::CloseEvent;
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
    /// let config = server::Config { capacity: 0, init_timeout: Duration::from_secs(1) };
    /// let mut server = server::serve(config).await?;
    /// let mut socket = client::connect(server.addr).await?; // a full server
    /// let _ = client::wait_for_close(&mut socket).await;
    /// let ending = server.next_ending().await;
    /// assert_eq!(ending.sent, Some(server::AT_CAPACITY));
    /// // tungstenite, in the client, answers with the server's code.
    /// assert_eq!(ending.event(), CloseEvent::from(server::AT_CAPACITY));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn event(&self) -> CloseEvent<'_> {
        match (&self.received, &self.error) {
            (Some((code, reason)), None) => CloseEvent::new(*code, reason, true),
            _ => CloseEvent::abnormal(),
        }
    }

    /// The error the connection ended with, if it did, as axum wrote it
    /// (for example `WebSocket protocol error: Connection reset without
    /// closing handshake`).
    ///
    /// ```
    /// assert_eq!(stack_examples::server::Ending::default().error(), None);
    /// ```
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// A running server: its address, and how each of its connections ended.
#[derive(Debug)]
pub struct Server {
    /// Where it listens (127.0.0.1).
    pub addr: SocketAddr,
    endings: mpsc::UnboundedReceiver<Ending>,
}

impl Server {
    /// How the next connection to end ended, in the order they end.
    ///
    /// # Panics
    ///
    /// If the server stopped (it runs until the runtime does).
    pub async fn next_ending(&mut self) -> Ending {
        self.endings.recv().await.expect("the server is running")
    }
}

#[derive(Clone)]
struct AppState {
    slots: Arc<Semaphore>,
    init_timeout: Duration,
    endings: mpsc::UnboundedSender<Ending>,
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
    app_with(config, mpsc::unbounded_channel().0)
}

fn app_with(config: Config, endings: mpsc::UnboundedSender<Ending>) -> Router {
    let state = AppState {
        slots: Arc::new(Semaphore::new(config.capacity)),
        init_timeout: config.init_timeout,
        endings,
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
    Ok(serve(config).await?.addr)
}

/// Serves [`app`] as [`spawn`] does, and reports how each connection ended
/// ([`Server::next_ending`]).
///
/// ```
/// use std::time::Duration;
/// # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
/// let config = stack_examples::server::Config { capacity: 1, init_timeout: Duration::from_secs(1) };
/// let server = stack_examples::server::serve(config).await?;
/// assert!(server.addr.ip().is_loopback());
/// # Ok::<(), std::io::Error>(())
/// # })?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub async fn serve(config: Config) -> io::Result<Server> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (sender, endings) = mpsc::unbounded_channel();
    let app = app_with(config, sender);
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(Server { addr, endings })
}

async fn upgrade(upgrade: WebSocketUpgrade, State(state): State<AppState>) -> Response {
    let slot = state.slots.clone().try_acquire_owned();
    // A full server still accepts the WebSocket: a close code can only be
    // sent on an open connection, and 1013 tells the client to come back.
    upgrade.on_upgrade(move |mut socket| async move {
        let ending = match slot {
            Ok(slot) => {
                let ending = session(&mut socket, state.init_timeout).await;
                // Free the slot before the client sees the connection end.
                drop(slot);
                ending
            }
            Err(_) => close(&mut socket, AT_CAPACITY).await,
        };
        drop(socket);
        let _ = state.endings.send(ending);
    })
}

async fn session(socket: &mut WebSocket, init_timeout: Duration) -> Ending {
    match timeout(init_timeout, socket.recv()).await {
        Err(_) => return close(socket, INIT_TIMEOUT).await,
        Ok(Some(Ok(Message::Text(text)))) if text.as_str() == INIT => {}
        Ok(Some(Ok(_))) => return close(socket, NOT_INIT).await,
        Ok(Some(Err(error))) => return failed(&error),
        Ok(None) => return Ending::default(), // gone without a word
    }
    if let Err(error) = socket.send(Message::Text(ACK.into())).await {
        return failed(&error);
    }
    loop {
        let next = socket.recv().await;
        if let Some(Ok(message)) = &next {
            let echo = match message {
                Message::Text(text) if text.as_str().contains(FORBIDDEN_WORD) => {
                    return close(socket, FORBIDDEN).await;
                }
                Message::Text(_) | Message::Binary(_) => true,
                _ => false, // axum answers pings itself
            };
            if echo {
                if let Err(error) = socket.send(message.clone()).await {
                    return failed(&error);
                }
            }
        }
        if CloseEvent::from_next(&next).is_some() {
            // The client closed (or left): axum answers its Close frame on
            // the next read, which `to_the_end` does.
            let mut ending = Ending::default();
            to_the_end(socket, next, &mut ending).await;
            return ending;
        }
    }
}

fn failed(error: &axum::Error) -> Ending {
    Ending {
        error: Some(error.to_string()),
        ..Ending::default()
    }
}

/// Sends `frame`, then reads until the client has answered with its own
/// Close frame and the connection has ended (at most a second), so that
/// the closing handshake completes and the client sees a clean close.
async fn close(socket: &mut WebSocket, frame: CloseFrame<'static>) -> Ending {
    let mut ending = Ending {
        sent: Some(frame),
        ..Ending::default()
    };
    match socket.send(Message::Close(Some(frame.into()))).await {
        Ok(()) => {
            let next = socket.recv().await;
            to_the_end(socket, next, &mut ending).await;
        }
        Err(error) => ending.error = Some(error.to_string()),
    }
    ending
}

/// Reads on from `next` until the stream ends, within a second, and keeps
/// the client's Close frame and any error in `ending`.
async fn to_the_end(
    socket: &mut WebSocket,
    mut next: Option<Result<Message, axum::Error>>,
    ending: &mut Ending,
) {
    let read = async {
        loop {
            match &next {
                Some(Ok(message)) => {
                    if let Some(event) = CloseEvent::from_message(message) {
                        ending.received = Some((event.code(), event.reason().to_owned()));
                    }
                }
                Some(Err(error)) => {
                    ending.error = Some(error.to_string());
                    return;
                }
                None => return,
            }
            next = socket.recv().await;
        }
    };
    let _ = timeout(Duration::from_secs(1), read).await;
}
