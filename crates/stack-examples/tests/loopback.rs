//! The axum server and the tokio-tungstenite client of `stack-examples`
//! against each other over 127.0.0.1: every way the server closes a
//! connection, as the client sees it. Each test has 10 seconds.

use std::future::Future;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use graphql_ws_example::GraphqlCloseCode;
use stack_examples::client::{self, Socket};
use stack_examples::server::{self, Config, ACK, INIT};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame as TungsteniteFrame;
use tokio_tungstenite::tungstenite::Message;
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

#[tokio::test]
async fn a_full_server_closes_with_1013_try_again_later() {
    within(async {
        let addr = server::spawn(config(1)).await.unwrap();
        let mut first = initialised(addr).await;

        let mut second = client::connect(addr).await.unwrap();
        let closed = client::wait_for_close(&mut second).await;
        let event = closed.event();
        assert_eq!(event.code(), CloseCode::TryAgainLater);
        assert_eq!(event.code().as_u16(), 1013);
        assert_eq!(event.reason(), "at capacity, try again in a minute");
        assert!(event.was_clean());
        assert_eq!(closed.frame(), Ok(Some(server::AT_CAPACITY)));

        // When the first client leaves, its slot is free again.
        first.close(None).await.unwrap();
        let closed = client::wait_for_close(&mut first).await;
        assert_eq!(closed.event(), CloseEvent::no_status());
        let mut third = initialised(addr).await;
        third.send(Message::text("hello")).await.unwrap();
        assert_eq!(next_text(&mut third).await, "hello");
    })
    .await;
}

#[tokio::test]
async fn a_forbidden_message_closes_with_1008_policy_violation() {
    within(async {
        let addr = server::spawn(config(4)).await.unwrap();
        let mut socket = initialised(addr).await;
        socket.send(Message::text("hello")).await.unwrap();
        assert_eq!(next_text(&mut socket).await, "hello");

        socket
            .send(Message::text("something forbidden"))
            .await
            .unwrap();
        let closed = client::wait_for_close(&mut socket).await;
        let event = closed.event();
        assert_eq!(event.code(), CloseCode::PolicyViolation);
        assert_eq!(event.reason(), "forbidden message");
        assert!(event.was_clean());
        assert!(!event.code().is_normal());
        assert_eq!(
            event.to_string(),
            "1008 Policy Violation: forbidden message"
        );
        // A frame a strict receiver accepts.
        let frame = closed.frame().unwrap().unwrap();
        assert!(frame.code().is_sendable());
        assert_eq!(frame, server::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn a_client_that_never_initialises_gets_4408_after_the_timeout() {
    within(async {
        let init_timeout = Duration::from_millis(300);
        let addr = server::spawn(Config {
            capacity: 4,
            init_timeout,
        })
        .await
        .unwrap();
        let started = Instant::now();
        let mut socket = client::connect(addr).await.unwrap();
        let closed = client::wait_for_close(&mut socket).await;
        assert!(started.elapsed() >= init_timeout, "{:?}", started.elapsed());

        let event = closed.event();
        assert_eq!(event.code().as_u16(), 4408);
        assert_eq!(
            GraphqlCloseCode::from(event.code()),
            GraphqlCloseCode::ConnectionInitialisationTimeout
        );
        assert_eq!(event.reason(), "Connection initialisation timeout");
        assert!(event.was_clean());
        assert!(event.code().is_private_use());
        assert_eq!(closed.frame(), Ok(Some(server::INIT_TIMEOUT)));
    })
    .await;
}

#[tokio::test]
async fn a_first_message_other_than_init_gets_4400_bad_request() {
    within(async {
        let addr = server::spawn(config(4)).await.unwrap();
        let mut socket = client::connect(addr).await.unwrap();
        socket.send(Message::text("hello")).await.unwrap();
        let closed = client::wait_for_close(&mut socket).await;
        let event = closed.event();
        assert_eq!(
            GraphqlCloseCode::from(event.code()),
            GraphqlCloseCode::BadRequest
        );
        assert_eq!((event.reason(), event.was_clean()), ("Bad Request", true));
    })
    .await;
}

#[tokio::test]
async fn a_client_that_closes_with_a_code_gets_it_back() {
    within(async {
        let addr = server::spawn(config(4)).await.unwrap();
        let mut socket = initialised(addr).await;
        // Built with ws-close-codes, sent with tungstenite (the crate's
        // `tungstenite` feature converts it).
        let goodbye = CloseFrame::new(CloseCode::GoingAway, "navigating away").unwrap();
        socket
            .close(Some(TungsteniteFrame::from(goodbye)))
            .await
            .unwrap();
        let closed = client::wait_for_close(&mut socket).await;
        // tungstenite, under axum, echoes the frame.
        assert_eq!(closed.event(), CloseEvent::from(goodbye));
    })
    .await;
}

#[tokio::test]
async fn a_connection_that_ends_without_a_close_frame_is_abnormal() {
    within(async {
        // A server that completes the handshake and then drops the
        // connection without a Close frame.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            let socket = tokio_tungstenite::accept_async(stream).await.unwrap();
            drop(socket);
        });
        let mut socket = client::connect(addr).await.unwrap();
        let closed = client::wait_for_close(&mut socket).await;
        assert_eq!(closed.event(), CloseEvent::abnormal());
        assert_eq!(closed.frame(), Ok(None));
    })
    .await;
}

/// A server that completes the handshake and then does `then` with the
/// connection.
async fn raw_server<F, Fut>(then: F) -> std::net::SocketAddr
where
    F: FnOnce(tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        then(tokio_tungstenite::accept_async(stream).await.unwrap()).await;
    });
    addr
}

/// The log line of every way a connection ends, read in one call per
/// item the client's socket yields.
#[tokio::test]
async fn the_log_line_of_each_ending() {
    within(async {
        let addr = server::spawn(config(0)).await.unwrap();
        let mut socket = client::connect(addr).await.unwrap();
        assert_eq!(
            client::read_until_closed(&mut socket).await,
            "1013 Try Again Later: at capacity, try again in a minute"
        );

        let addr = server::spawn(config(4)).await.unwrap();
        let mut socket = initialised(addr).await;
        socket.send(Message::text("forbidden")).await.unwrap();
        assert_eq!(
            client::read_until_closed(&mut socket).await,
            "1008 Policy Violation: forbidden message"
        );

        let addr = server::spawn(Config {
            capacity: 4,
            init_timeout: Duration::from_millis(50),
        })
        .await
        .unwrap();
        let mut socket = client::connect(addr).await.unwrap();
        assert_eq!(
            client::read_until_closed(&mut socket).await,
            "4408: Connection initialisation timeout"
        );

        // A Close frame without a code.
        let addr = raw_server(|mut socket| async move {
            socket.close(None).await.unwrap();
        })
        .await;
        let mut socket = client::connect(addr).await.unwrap();
        assert_eq!(
            client::read_until_closed(&mut socket).await,
            "1005 No Status Rcvd"
        );

        // The connection ends without a Close frame.
        let addr = raw_server(|socket| async move { drop(socket) }).await;
        let mut socket = client::connect(addr).await.unwrap();
        assert_eq!(
            client::read_until_closed(&mut socket).await,
            "1006 Abnormal Closure (not clean)"
        );

        // A data message first, then a Close frame whose reason tries to
        // start a second log line.
        let addr = raw_server(|mut socket| async move {
            socket.send(Message::text("hello")).await.unwrap();
            let frame = TungsteniteFrame {
                code: TungsteniteCode::Away,
                reason: "bye\nERROR forged".into(),
            };
            socket.close(Some(frame)).await.unwrap();
        })
        .await;
        let mut socket = client::connect(addr).await.unwrap();
        assert_eq!(
            client::read_until_closed(&mut socket).await,
            r"1001 Going Away: bye\nERROR forged"
        );
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
