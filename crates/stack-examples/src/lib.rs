//! Close codes in a real stack: a small [axum] 0.8 server ([`server`])
//! that tells its clients why it closes their connection, and a
//! [tokio-tungstenite] 0.30 client ([`client`]) that reads what it was told
//! the way a browser's `CloseEvent` reports it. The tests in `tests/` run
//! them against each other over 127.0.0.1.
//!
//! The server closes with
//!
//! - 1013 Try Again Later when every slot is taken ([`server::AT_CAPACITY`]),
//! - 1008 Policy Violation for a forbidden message ([`server::FORBIDDEN`]),
//! - 4408 Connection initialisation timeout, a code of the GraphQL over
//!   WebSocket protocol from `graphql-ws-example`, when a client does not
//!   send `connection_init` in time ([`server::INIT_TIMEOUT`]).
//!
//! [axum]: https://docs.rs/axum/0.8
//! [tokio-tungstenite]: https://docs.rs/tokio-tungstenite/0.30
//!
//! ```
//! use std::time::Duration;
//!
//! use stack_examples::{client, server};
//! use ws_close_codes::{CloseCode, CloseEvent};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
//! let config = server::Config { capacity: 10, init_timeout: Duration::from_millis(100) };
//! let addr = server::spawn(config).await?;
//!
//! // A client that never sends connection_init.
//! let mut socket = client::connect(addr).await?;
//! let closed = client::wait_for_close(&mut socket).await;
//! assert_eq!(closed.event(), CloseEvent::from(server::INIT_TIMEOUT));
//! assert_eq!(closed.event().code(), CloseCode::from(4408));
//! assert!(closed.event().was_clean());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod server;

/// The quick start of the repository's README, which shows this module's
/// source as it is (a test checks that they are the same): an axum
/// handler that closes with 1013 and waits for the client's answer, and a
/// tokio-tungstenite client that reports how its connection ended and
/// reads on until the end, so that the closing handshake completes.
///
/// ```
/// use axum::{routing::get, Router};
/// use stack_examples::quickstart;
///
/// # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// let addr = listener.local_addr()?;
/// let app = Router::new().route("/ws", get(quickstart::busy));
/// tokio::spawn(async move { axum::serve(listener, app).await });
///
/// let line = quickstart::how_it_ended(&format!("ws://{addr}/ws")).await?;
/// assert_eq!(line, "1013 Try Again Later: server busy");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub mod quickstart;
