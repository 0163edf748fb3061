//! The axum server and the tokio-tungstenite client of `stack-examples`
//! against each other over 127.0.0.1, and README's quick start against a
//! tokio-tungstenite server and an axum one: every way a connection is
//! closed, as each end saw it. The side that closed must have read the
//! other side's Close frame (no "Connection reset without closing
//! handshake"), and the side that received it must report a clean close
//! with the code that was sent. Each test prints what both ends saw
//! (`--nocapture`) and has 10 seconds.

use std::future::Future;
use std::time::{Duration, Instant};

use axum::extract::ws::WebSocketUpgrade;
use axum::routing::get;
use axum::Router;
use futures_util::{SinkExt, StreamExt};
use graphql_ws_example::GraphqlCloseCode;
use stack_examples::client::{self, Socket};
use stack_examples::quickstart;
use stack_examples::server::{self, Config, Ending, ACK, INIT};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame as TungsteniteFrame;
use tokio_tungstenite::tungstenite::{self, Message};
use ws_close_codes::{CloseCode, CloseEvent, CloseFrame};

const TEST_LIMIT: Duration = Duration::from_secs(10);

async fn within<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(TEST_LIMIT, test)
        .await
        .expect("the test took too long")
}

fn config(capacity: usize) -> Config {
    Config {
        capacity,
        init_timeout: Duration::from_secs(5),
    }
}

async fn next_text(socket: &mut Socket) -> String {
    match socket.next().await {
        Some(Ok(Message::Text(text))) => text.as_str().to_owned(),
        other => panic!("expected a text message, got {other:?}"),
    }
}

/// Connects and sends `INIT`, which the server acknowledges.
async fn initialised(addr: std::net::SocketAddr) -> Socket {
    let mut socket = client::connect(addr).await.unwrap();
    socket.send(Message::text(INIT)).await.unwrap();
    assert_eq!(next_text(&mut socket).await, ACK);
    socket
}

/// Checks the server's end of a connection it closed with `sent`: the
/// client answered with a Close frame, the connection then ended without
/// an error, and tungstenite, in the client, echoed the server's frame.
fn assert_server_closed_cleanly(ending: &Ending, sent: CloseFrame<'static>) {
    println!("server sent {sent:?}, then read: {}", ending.event());
    assert_eq!(ending.sent, Some(sent));
    assert_eq!(ending.error(), None);
    assert_eq!(ending.event(), CloseEvent::from(sent));
}

/// Checks the server's end of a connection the client closed with
/// `event`: the server read that Close frame, answered it (the client
/// checks that), and the connection ended without an error.
fn assert_server_received(ending: &Ending, event: CloseEvent<'_>) {
    println!("server read the client's Close: {}", ending.event());
    assert_eq!(ending.sent, None);
    assert_eq!(ending.error(), None);
    assert_eq!(ending.event(), event);
}

/// Checks the client's end: the server's Close frame `sent`, clean.
fn assert_client_saw(closed: &client::Closed, sent: CloseFrame<'static>) {
    println!("client read: {}", closed.event());
    assert_eq!(closed.event(), CloseEvent::from(sent));
    assert!(closed.event().was_clean());
    assert_eq!(closed.frame(), Ok(Some(sent)));
}

#[tokio::test]
async fn a_full_server_closes_with_1013_try_again_later() {
    within(async {
        let mut server = server::serve(config(1)).await.unwrap();
        let mut first = initialised(server.addr).await;

        let mut second = client::connect(server.addr).await.unwrap();
        let closed = client::wait_for_close(&mut second).await;
        assert_client_saw(&closed, server::AT_CAPACITY);
        let event = closed.event();
        assert_eq!(event.code(), CloseCode::TryAgainLater);
        assert_eq!(event.code().as_u16(), 1013);
        assert_eq!(event.reason(), "at capacity, try again in a minute");
        assert_server_closed_cleanly(&server.next_ending().await, server::AT_CAPACITY);

        // When the first client leaves, its slot is free again.
        first.close(None).await.unwrap();
        let closed = client::wait_for_close(&mut first).await;
        println!("client read the server's answer: {}", closed.event());
        assert_eq!(closed.event(), CloseEvent::no_status());
        assert_server_received(&server.next_ending().await, CloseEvent::no_status());
        let mut third = initialised(server.addr).await;
        third.send(Message::text("hello")).await.unwrap();
        assert_eq!(next_text(&mut third).await, "hello");
    })
    .await;
}

#[tokio::test]
async fn a_forbidden_message_closes_with_1008_policy_violation() {
    within(async {
        let mut server = server::serve(config(4)).await.unwrap();
        let mut socket = initialised(server.addr).await;
        socket.send(Message::text("hello")).await.unwrap();
        assert_eq!(next_text(&mut socket).await, "hello");

        socket
            .send(Message::text("something forbidden"))
            .await
            .unwrap();
        let closed = client::wait_for_close(&mut socket).await;
        assert_client_saw(&closed, server::FORBIDDEN);
        let event = closed.event();
        assert_eq!(event.code(), CloseCode::PolicyViolation);
        assert!(!event.code().is_normal());
        // A frame a strict receiver accepts.
        assert!(closed.frame().unwrap().unwrap().code().is_sendable());
        assert_server_closed_cleanly(&server.next_ending().await, server::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn a_client_that_never_initialises_gets_4408_after_the_timeout() {
    within(async {
        let init_timeout = Duration::from_millis(300);
        let mut server = server::serve(Config {
            capacity: 4,
            init_timeout,
        })
        .await
        .unwrap();
        let started = Instant::now();
        let mut socket = client::connect(server.addr).await.unwrap();
        let closed = client::wait_for_close(&mut socket).await;
        assert!(started.elapsed() >= init_timeout, "{:?}", started.elapsed());

        assert_client_saw(&closed, server::INIT_TIMEOUT);
        let event = closed.event();
        assert_eq!(event.code().as_u16(), 4408);
        assert_eq!(
            GraphqlCloseCode::from(event.code()),
            GraphqlCloseCode::ConnectionInitialisationTimeout
        );
        assert_eq!(
            Some(event.reason()),
            GraphqlCloseCode::ConnectionInitialisationTimeout.name()
        );
        assert!(event.code().is_private_use());
        assert_server_closed_cleanly(&server.next_ending().await, server::INIT_TIMEOUT);
    })
    .await;
}

#[tokio::test]
async fn a_first_message_other_than_init_gets_4400_bad_request() {
    within(async {
        let mut server = server::serve(config(4)).await.unwrap();
        let mut socket = client::connect(server.addr).await.unwrap();
        socket.send(Message::text("hello")).await.unwrap();
        let closed = client::wait_for_close(&mut socket).await;
        assert_client_saw(&closed, server::NOT_INIT);
        assert_eq!(
            GraphqlCloseCode::from(closed.event().code()),
            GraphqlCloseCode::BadRequest
        );
        assert_server_closed_cleanly(&server.next_ending().await, server::NOT_INIT);
    })
    .await;
}

#[tokio::test]
async fn a_client_that_closes_with_a_code_gets_it_back() {
    within(async {
        let mut server = server::serve(config(4)).await.unwrap();
        let mut socket = initialised(server.addr).await;
        // Built with ws-close-codes, sent with tungstenite (the crate's
        // `tungstenite-0_30` feature converts it).
        let goodbye = CloseFrame::new(CloseCode::GoingAway, "navigating away").unwrap();
        socket
            .close(Some(TungsteniteFrame::from(goodbye)))
            .await
            .unwrap();
        let closed = client::wait_for_close(&mut socket).await;
        // tungstenite, under axum, echoes the frame.
        println!("client read the server's answer: {}", closed.event());
        assert_eq!(closed.event(), CloseEvent::from(goodbye));
        assert_server_received(&server.next_ending().await, CloseEvent::from(goodbye));
    })
    .await;
}

#[tokio::test]
async fn a_connection_that_ends_without_a_close_frame_is_abnormal() {
    within(async {
        // A server that completes the handshake and then drops the
        // connection without a Close frame.
        let (addr, server) = raw_server(|socket| async move { drop(socket) }).await;
        let mut socket = client::connect(addr).await.unwrap();
        let closed = client::wait_for_close(&mut socket).await;
        println!(
            "server dropped the connection; client read: {}",
            closed.event()
        );
        assert_eq!(closed.event(), CloseEvent::abnormal());
        assert_eq!(closed.frame(), Ok(None));
        server.await.unwrap();
    })
    .await;
}

/// A tokio-tungstenite 0.30 server that completes the handshake and then
/// does `then` with the connection; its task gives what `then` returns.
async fn raw_server<F, Fut, T>(then: F) -> (std::net::SocketAddr, tokio::task::JoinHandle<T>)
where
    F: FnOnce(tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>) -> Fut + Send + 'static,
    Fut: Future<Output = T> + Send,
    T: Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        then(tokio_tungstenite::accept_async(stream).await.unwrap()).await
    });
    (addr, task)
}

/// What a tokio-tungstenite server read after it sent its Close frame:
/// the client's Close frame (`Some(None)` for one without a code), and the
/// error the connection ended with, if any.
#[derive(Debug, Default)]
struct ServerRead {
    close: Option<Option<TungsteniteFrame>>,
    error: Option<tungstenite::Error>,
}

impl ServerRead {
    fn event(&self) -> CloseEvent<'_> {
        match (&self.close, &self.error) {
            (Some(frame), None) => CloseEvent::from(frame),
            _ => CloseEvent::abnormal(),
        }
    }
}

/// Sends `frame` from a tokio-tungstenite server and reads until the
/// connection ends (at most 2 seconds).
async fn close_and_read(
    mut socket: tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>,
    frame: Option<TungsteniteFrame>,
) -> ServerRead {
    socket.close(frame).await.unwrap();
    let mut read = ServerRead::default();
    let reading = async {
        while let Some(next) = socket.next().await {
            match next {
                Ok(Message::Close(frame)) => read.close = Some(frame),
                Ok(_) => {}
                Err(error) => {
                    read.error = Some(error);
                    return;
                }
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(2), reading)
        .await
        .expect("the client never ended the connection");
    read
}

#[tokio::test]
async fn the_quick_start_client_completes_the_handshake_with_a_tokio_tungstenite_server() {
    within(async {
        let (addr, server) = raw_server(|socket| async move {
            close_and_read(socket, Some(quickstart::BUSY.into())).await
        })
        .await;
        let line = quickstart::how_it_ended(&format!("ws://{addr}/ws"))
            .await
            .unwrap();
        let read = server.await.unwrap();
        println!("client (quick start) logged: {line}");
        println!(
            "server sent BUSY, then read: {} (error: {:?})",
            read.event(),
            read.error
        );
        assert_eq!(line, CloseEvent::from(quickstart::BUSY).to_string());
        assert!(read.error.is_none(), "{:?}", read.error);
        assert_eq!(read.event(), CloseEvent::from(quickstart::BUSY));
    })
    .await;
}

#[tokio::test]
async fn the_quick_start_client_and_server_complete_the_handshake() {
    within(async {
        // `quickstart::busy` as it is, and its `close` with what it read
        // reported to the test.
        let (sender, mut answers) = tokio::sync::mpsc::unbounded_channel();
        let observed = move |upgrade: WebSocketUpgrade| async move {
            upgrade.on_upgrade(move |mut socket| async move {
                let answer = quickstart::close(&mut socket, quickstart::BUSY).await;
                drop(socket);
                let _ = sender.send(answer);
            })
        };
        let app = Router::new()
            .route("/busy", get(quickstart::busy))
            .route("/observed", get(observed));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });

        let busy = CloseEvent::from(quickstart::BUSY).to_string();
        for _ in 0..3 {
            let line = quickstart::how_it_ended(&format!("ws://{addr}/observed"))
                .await
                .unwrap();
            let answer = answers.recv().await.unwrap();
            println!("client (quick start) logged: {line}");
            println!("server (quick start) read the client's answer: {answer}");
            assert_eq!(line, busy);
            // tungstenite, in the client, answers with the server's code
            // and reason.
            assert_eq!(answer, busy);
        }
        let line = quickstart::how_it_ended(&format!("ws://{addr}/busy"))
            .await
            .unwrap();
        assert_eq!(line, busy);
    })
    .await;
}

#[tokio::test]
async fn a_client_that_stops_reading_at_the_close_leaves_the_server_unanswered() {
    within(async {
        // What the quick start did before it read on after the event:
        // tungstenite queues its answer and never sends it.
        let (addr, server) = raw_server(|socket| async move {
            close_and_read(socket, Some(quickstart::BUSY.into())).await
        })
        .await;
        let mut socket = client::connect(addr).await.unwrap();
        let line = loop {
            let next = socket.next().await;
            if let Some(event) = CloseEvent::from_next(&next) {
                break event.to_string();
            }
        };
        drop(socket);
        let read = server.await.unwrap();
        println!("client logged {line} and dropped the connection");
        println!("server read: {} (error: {:?})", read.event(), read.error);
        assert_eq!(line, CloseEvent::from(quickstart::BUSY).to_string());
        assert!(read.close.is_none());
        assert!(matches!(
            read.error,
            Some(tungstenite::Error::Protocol(
                tungstenite::error::ProtocolError::ResetWithoutClosingHandshake
            ))
        ));
        assert_eq!(read.event(), CloseEvent::abnormal());
    })
    .await;
}

/// The log line of every way a connection ends, read in one call per
/// item the client's socket yields, and what the server read back.
#[tokio::test]
async fn the_log_line_of_each_ending() {
    within(async {
        let mut server = server::serve(config(0)).await.unwrap();
        let mut socket = client::connect(server.addr).await.unwrap();
        assert_eq!(
            client::read_until_closed(&mut socket).await,
            "1013 Try Again Later: at capacity, try again in a minute"
        );
        assert_server_closed_cleanly(&server.next_ending().await, server::AT_CAPACITY);

        let mut server = server::serve(config(4)).await.unwrap();
        let mut socket = initialised(server.addr).await;
        socket.send(Message::text("forbidden")).await.unwrap();
        assert_eq!(
            client::read_until_closed(&mut socket).await,
            "1008 Policy Violation: forbidden message"
        );
        assert_server_closed_cleanly(&server.next_ending().await, server::FORBIDDEN);

        let mut server = server::serve(Config {
            capacity: 4,
            init_timeout: Duration::from_millis(50),
        })
        .await
        .unwrap();
        let mut socket = client::connect(server.addr).await.unwrap();
        assert_eq!(
            client::read_until_closed(&mut socket).await,
            "4408: Connection initialisation timeout"
        );
        assert_server_closed_cleanly(&server.next_ending().await, server::INIT_TIMEOUT);

        // A Close frame without a code.
        let (addr, server) = raw_server(|socket| close_and_read(socket, None)).await;
        let mut socket = client::connect(addr).await.unwrap();
        assert_eq!(
            client::read_until_closed(&mut socket).await,
            "1005 No Status Rcvd"
        );
        let read = server.await.unwrap();
        println!("server sent no code, then read: {}", read.event());
        assert_eq!(read.event(), CloseEvent::no_status());

        // The connection ends without a Close frame.
        let (addr, _server) = raw_server(|socket| async move { drop(socket) }).await;
        let mut socket = client::connect(addr).await.unwrap();
        assert_eq!(
            client::read_until_closed(&mut socket).await,
            "1006 Abnormal Closure (not clean)"
        );

        // A data message first, then a Close frame whose reason tries to
        // start a second log line.
        let frame = TungsteniteFrame {
            code: TungsteniteCode::Away,
            reason: "bye\nERROR forged".into(),
        };
        let sent = frame.clone();
        let (addr, server) = raw_server(|mut socket| async move {
            socket.send(Message::text("hello")).await.unwrap();
            close_and_read(socket, Some(sent)).await
        })
        .await;
        let mut socket = client::connect(addr).await.unwrap();
        assert_eq!(
            client::read_until_closed(&mut socket).await,
            r"1001 Going Away: bye\nERROR forged"
        );
        let read = server.await.unwrap();
        println!("server sent {frame:?}, then read: {}", read.event());
        assert_eq!(read.event(), CloseEvent::from(&frame));
    })
    .await;
}

#[test]
fn the_close_frames_are_what_tungstenite_would_send() {
    for (frame, code) in [
        (server::AT_CAPACITY, TungsteniteCode::Again),
        (server::FORBIDDEN, TungsteniteCode::Policy),
        (server::INIT_TIMEOUT, TungsteniteCode::Library(4408)),
        (server::NOT_INIT, TungsteniteCode::Library(4400)),
    ] {
        let theirs = TungsteniteFrame::from(frame);
        assert_eq!(theirs.code, code);
        assert!(theirs.code.is_allowed());
        assert_eq!(theirs.reason.as_str(), frame.reason());
        // Encoded and decoded again, strictly.
        let body = frame.to_vec();
        assert_eq!(CloseFrame::decode(&body), Ok(Some(frame)));
    }
}
