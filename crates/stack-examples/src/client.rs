//! A tokio-tungstenite 0.30 client that reports how its connection ended,
//! as the DOM's `CloseEvent` would.

use std::net::SocketAddr;
use std::time::Duration;

use futures_util::StreamExt;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use ws_close_codes::{CloseEvent, CloseFrame, CloseFrameError};

/// A client connection.
pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens a WebSocket to the server's `/ws` at `addr`.
///
/// ```
/// # use std::time::Duration;
/// # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
/// # let config = stack_examples::server::Config { capacity: 1, init_timeout: Duration::from_secs(1) };
/// let addr = stack_examples::server::spawn(config).await?;
/// let socket = stack_examples::client::connect(addr).await?;
/// # let _ = socket;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub async fn connect(addr: SocketAddr) -> Result<Socket, tungstenite::Error> {
    let (socket, _response) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws")).await?;
    Ok(socket)
}

/// How a connection ended: the server's Close frame, if one came, and
/// whether the closing handshake completed.
///
/// ```
/// use stack_examples::client::Closed;
/// use ws_close_codes::CloseEvent;
/// assert_eq!(Closed::default().event(), CloseEvent::abnormal());
/// ```
#[derive(Clone, Debug, Default)]
pub struct Closed {
    /// `Some(None)` for a Close frame without a code.
    received: Option<Option<tungstenite::protocol::CloseFrame>>,
    clean: bool,
}

impl Closed {
    /// What a page would be told: the code and reason of the server's
    /// Close frame, clean; 1005 if it carried no code; 1006, not clean, if
    /// the connection ended without one or broke during the handshake.
    ///
    /// ```
    /// # use std::time::Duration;
    /// use ws_close_codes::{CloseCode, CloseEvent};
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
    /// # let config = stack_examples::server::Config { capacity: 0, init_timeout: Duration::from_secs(1) };
    /// # let addr = stack_examples::server::spawn(config).await?;
    /// let mut socket = stack_examples::client::connect(addr).await?; // a full server
    /// let closed = stack_examples::client::wait_for_close(&mut socket).await;
    /// let event = closed.event();
    /// assert_eq!(event.code(), CloseCode::TryAgainLater);
    /// assert_eq!(event.to_string(), "1013 Try Again Later: at capacity, try again in a minute");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn event(&self) -> CloseEvent<'_> {
        match &self.received {
            Some(frame) if self.clean => CloseEvent::from(frame),
            _ => CloseEvent::abnormal(),
        }
    }

    /// The server's Close frame, checked as RFC 6455 says a receiver
    /// should: an error for a code that may not be sent or a reason over
    /// 123 bytes; `Ok(None)` for a frame without a code or none at all.
    ///
    /// ```
    /// use stack_examples::client::Closed;
    /// assert_eq!(Closed::default().frame(), Ok(None));
    /// ```
    pub fn frame(&self) -> Result<Option<CloseFrame<'_>>, CloseFrameError> {
        match &self.received {
            Some(Some(frame)) => CloseFrame::try_from(frame).map(Some),
            _ => Ok(None),
        }
    }
}

/// Reads until the connection ends, skipping other messages, and returns
/// the line to log about how it ended: one call per item the socket
/// yields, [`CloseEvent::from_next`], which reports the server's Close
/// frame, and the end of the stream or an error as 1006, not clean.
///
/// After the event it reads on until the stream ends (at most a second):
/// tungstenite sends its answer to the server's Close frame on that read,
/// so the closing handshake completes. [`wait_for_close`] also says
/// whether it did.
///
/// ```
/// # use std::time::Duration;
/// use stack_examples::{client, server};
/// # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
/// # let config = server::Config { capacity: 0, init_timeout: Duration::from_secs(1) };
/// # let addr = server::spawn(config).await?;
/// let mut socket = client::connect(addr).await?; // a full server
/// let line = client::read_until_closed(&mut socket).await;
/// assert_eq!(line, "1013 Try Again Later: at capacity, try again in a minute");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub async fn read_until_closed(socket: &mut Socket) -> String {
    loop {
        let next = socket.next().await;
        if let Some(event) = CloseEvent::from_next(&next) {
            let rest = async { while let Some(Ok(_)) = socket.next().await {} };
            let _ = tokio::time::timeout(Duration::from_secs(1), rest).await;
            return event.to_string();
        }
    }
}

/// Reads until the server closes the connection, skipping other messages.
/// tungstenite answers the server's Close frame; the handshake is complete
/// when the server then ends the connection.
///
/// ```
/// # use std::time::Duration;
/// use stack_examples::{client, server};
/// use ws_close_codes::CloseEvent;
/// # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
/// # let config = server::Config { capacity: 1, init_timeout: Duration::from_millis(50) };
/// # let addr = server::spawn(config).await?;
/// let mut socket = client::connect(addr).await?;
/// let closed = client::wait_for_close(&mut socket).await; // never sent INIT
/// assert_eq!(closed.frame()?, Some(server::INIT_TIMEOUT));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub async fn wait_for_close(socket: &mut Socket) -> Closed {
    let mut closed = Closed::default();
    loop {
        match socket.next().await {
            Some(Ok(Message::Close(frame))) => closed.received = Some(frame),
            Some(Ok(_)) => {}
            Some(Err(_)) => return closed,
            None => {
                closed.clean = closed.received.is_some();
                return closed;
            }
        }
    }
}
