//! The `web-sys` feature of ws-close-codes in a real browser (headless
//! Chromium through wasm-bindgen-test-runner and chromedriver), against the
//! loopback server of `src/main.rs`, whose port `run.sh` passes in
//! `WS_CLOSE_CODES_WS_PORT` while this file compiles.
//!
//! - The checked close refuses exactly the codes, and the reasons, on which
//!   the browser's own `WebSocket.close()` throws, for all 65,536 codes,
//!   with the rule the browser names (`InvalidAccessError`, `SyntaxError`).
//! - A close through it reaches the server, whose answer comes back as the
//!   browser's `CloseEvent`, read with `CloseEvent::from_web_sys`.
//! - The `CloseEvent`s the browser reports for the server's Close frames
//!   are those of `CloseEvent::from_body_as(Browser::Chromium, body)`.

#![cfg(target_arch = "wasm32")]

use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CloseEventInit, DomException, WebSocket};
use ws_close_codes::rules::MAX_REASON_LEN;
use ws_close_codes::{
    close_frame, Browser, CloseCode, CloseEvent, CloseWebSocket, WebSocketCloseError,
};

wasm_bindgen_test_configure!(run_in_browser);

/// The loopback server's port, set by `run.sh` (a build without it fails
/// each test that connects, saying so).
fn port() -> &'static str {
    match option_env!("WS_CLOSE_CODES_WS_PORT") {
        Some(port) => port,
        None => panic!("WS_CLOSE_CODES_WS_PORT is not set: run `bash crates/web-sys-check/run.sh`"),
    }
}

/// A promise of the next `kind` event of `socket`, listening from now on.
fn next_event(socket: &WebSocket, kind: &str) -> JsFuture {
    let mut listen = |resolve: Function, _reject: Function| {
        socket
            .add_event_listener_with_callback(kind, &resolve)
            .expect("addEventListener");
    };
    JsFuture::from(Promise::new(&mut listen))
}

/// A socket connected to the server's `path`, and the promise of its
/// close event (listened for from the start).
async fn connect(path: &str) -> (WebSocket, JsFuture) {
    let url = format!("ws://127.0.0.1:{}/{path}", port());
    let socket = WebSocket::new(&url).expect("new WebSocket");
    let closed = next_event(&socket, "close");
    let opened = next_event(&socket, "open");
    opened.await.expect("the open event");
    assert_eq!(socket.ready_state(), WebSocket::OPEN, "{url} is not open");
    (socket, closed)
}

/// The DOM's `CloseEvent` that `closed` resolved with.
async fn close_event(closed: JsFuture) -> web_sys::CloseEvent {
    closed
        .await
        .expect("the close event")
        .dyn_into()
        .expect("a CloseEvent")
}

/// The name of the `DOMException` the browser threw.
fn exception_name(thrown: &JsValue) -> String {
    thrown
        .dyn_ref::<DomException>()
        .unwrap_or_else(|| panic!("not a DOMException: {thrown:?}"))
        .name()
}

#[wasm_bindgen_test]
async fn every_code_is_refused_exactly_when_the_browser_throws() {
    let (socket, _closed) = connect("echo").await;
    let mut accepted = Vec::new();
    for value in 0..=u16::MAX {
        let code = CloseCode::from(value);
        // The browser checks the code before anything else, so the socket's
        // state (closing after the first accepted code) does not matter.
        let browser = socket.close_with_code(value);
        let checked = socket.close_checked(value, "");
        assert_eq!(
            WebSocketCloseError::check(value, ""),
            checked,
            "code {value}"
        );
        match (&browser, &checked) {
            (Ok(()), Ok(())) => accepted.push(value),
            (Err(thrown), Err(WebSocketCloseError::CodeNotAccepted { code: refused })) => {
                assert_eq!(*refused, code);
                assert_eq!(exception_name(thrown), "InvalidAccessError", "code {value}");
            }
            _ => panic!("code {value}: the browser gave {browser:?}, the check {checked:?}"),
        }
        assert_eq!(
            code.is_accepted_by_websocket_close(),
            browser.is_ok(),
            "code {value}"
        );
    }
    assert!(!accepted.is_empty());
}

#[wasm_bindgen_test]
async fn reasons_are_refused_exactly_when_the_browser_throws_counting_utf8_bytes() {
    let (socket, _closed) = connect("echo").await;
    let reasons = [
        "a".repeat(MAX_REASON_LEN),
        "a".repeat(MAX_REASON_LEN + 1),
        "é".repeat(61),          // 122 bytes, 61 UTF-16 units
        "é".repeat(62),          // 124 bytes, 62 UTF-16 units
        "€".repeat(41),          // 123 bytes
        "€".repeat(42),          // 126 bytes
        "😀".repeat(30) + "abc", // 123 bytes, 63 UTF-16 units
        "😀".repeat(31),         // 124 bytes, 62 UTF-16 units
        "x".repeat(1000),
        String::new(),
    ];
    for reason in &reasons {
        let len = reason.len();
        let browser = socket.close_with_code_and_reason(4000, reason);
        let checked = socket.close_checked(4000_u16, reason);
        match (&browser, &checked) {
            (Ok(()), Ok(())) => assert!(len <= MAX_REASON_LEN, "{len} bytes"),
            (Err(thrown), Err(WebSocketCloseError::ReasonTooLong { len: refused })) => {
                assert_eq!(*refused, len);
                assert!(len > MAX_REASON_LEN);
                assert_eq!(exception_name(thrown), "SyntaxError", "{len} bytes");
            }
            _ => panic!("{len} bytes: the browser gave {browser:?}, the check {checked:?}"),
        }
    }
    // The code is checked first, by both.
    let long = "a".repeat(200);
    let thrown = socket.close_with_code_and_reason(1001, &long).unwrap_err();
    assert_eq!(exception_name(&thrown), "InvalidAccessError");
    assert_eq!(
        socket.close_checked(1001_u16, &long),
        Err(WebSocketCloseError::CodeNotAccepted {
            code: CloseCode::GoingAway
        }),
    );
}

/// What gloo-net 0.7's `close(None, Some(reason))` asks of the browser:
/// 1005 with the reason, which always throws.
#[wasm_bindgen_test]
async fn no_status_with_a_reason_is_refused_as_the_browser_refuses_it() {
    let (socket, closed) = connect("echo").await;
    let thrown = socket
        .close_with_code_and_reason(CloseCode::NoStatusRcvd.as_u16(), "bye")
        .unwrap_err();
    assert_eq!(exception_name(&thrown), "InvalidAccessError");
    let refused = socket
        .close_checked(CloseCode::NoStatusRcvd, "bye")
        .unwrap_err();
    assert_eq!(
        refused,
        WebSocketCloseError::CodeNotAccepted {
            code: CloseCode::NoStatusRcvd
        }
    );
    assert_eq!(socket.ready_state(), WebSocket::OPEN);

    // 1000 with the same reason closes.
    socket
        .close_checked(CloseCode::NormalClosure, "bye")
        .unwrap();
    let dom = close_event(closed).await;
    let mut reason = String::new();
    let event = CloseEvent::from_web_sys(&dom, &mut reason);
    assert_eq!(
        event,
        CloseEvent::new(CloseCode::NormalClosure, "bye", true)
    );
}

#[wasm_bindgen_test]
async fn a_checked_close_reaches_the_server_and_its_answer_is_the_close_event() {
    let mut reason = String::new();
    for (code, text) in [(4001, "bye, é 😀"), (3000, ""), (4999, "z")] {
        let (socket, closed) = connect("echo").await;
        socket.close_checked(code, text).unwrap();
        assert_eq!(socket.ready_state(), WebSocket::CLOSING);
        let dom = close_event(closed).await;
        let event = CloseEvent::from_web_sys(&dom, &mut reason);
        // The server answers with the code and reason it received.
        assert_eq!(event, CloseEvent::new(CloseCode::from(code), text, true));
    }

    let (socket, closed) = connect("echo").await;
    let frame = close_frame!(CloseCode::NormalClosure, "done");
    socket.close_with_frame(frame).unwrap();
    let dom = close_event(closed).await;
    assert_eq!(
        CloseEvent::from_web_sys(&dom, &mut reason),
        CloseEvent::from(frame)
    );

    // A frame whose code may be sent but not by a script.
    let (socket, _closed) = connect("echo").await;
    let refused = socket
        .close_with_frame(close_frame!(CloseCode::TryAgainLater, "busy"))
        .unwrap_err();
    assert_eq!(
        refused,
        WebSocketCloseError::CodeNotAccepted {
            code: CloseCode::TryAgainLater
        }
    );
    assert_eq!(socket.ready_state(), WebSocket::OPEN);
    socket.close().unwrap();
}

#[wasm_bindgen_test]
async fn the_close_events_of_the_servers_frames_are_those_from_body_as_predicts_for_chromium() {
    let mut reason = String::new();
    for code in [
        999_u16, 1000, 1001, 1003, 1004, 1005, 1011, 1014, 3000, 4000, 4999, 5000,
    ] {
        let (_socket, closed) = connect(&format!("close/{code}")).await;
        let dom = close_event(closed).await;
        let seen = CloseEvent::from_web_sys(&dom, &mut reason);
        // What the server sent (src/main.rs).
        let mut body = code.to_be_bytes().to_vec();
        body.extend_from_slice(format!("server closed {code}, fermé").as_bytes());
        assert_eq!(
            seen,
            CloseEvent::from_body_as(Browser::Chromium, &body),
            "code {code}"
        );
    }
}

#[wasm_bindgen_test]
fn close_events_built_by_the_browser_read_as_they_were_made() {
    let mut reason = String::new();
    for code in [0, 1000, 1005, 1006, 1015, 4001, u16::MAX] {
        for text in ["", "kicked", "fermé 😀\n"] {
            for was_clean in [true, false] {
                let init = CloseEventInit::new();
                init.set_code(code);
                init.set_reason(text);
                init.set_was_clean(was_clean);
                let dom = web_sys::CloseEvent::new_with_event_init_dict("close", &init).unwrap();
                let event = CloseEvent::from_web_sys(&dom, &mut reason);
                assert_eq!(
                    event,
                    CloseEvent::new(CloseCode::from(code), text, was_clean)
                );
            }
        }
    }
    // What a page's log line says.
    let init = CloseEventInit::new();
    init.set_code(CloseCode::TryAgainLater.as_u16());
    init.set_reason("server busy");
    init.set_was_clean(true);
    let dom = web_sys::CloseEvent::new_with_event_init_dict("close", &init).unwrap();
    let event = CloseEvent::from_web_sys(&dom, &mut reason);
    assert_eq!(
        event.to_string(),
        format!("{}: server busy", CloseCode::TryAgainLater),
    );
}

#[wasm_bindgen_test]
fn what_the_browser_throws_after_the_checks_is_passed_through() {
    // Not a WebSocket: calling close() on it throws a TypeError.
    let not_a_socket: WebSocket = js_sys::Object::new().unchecked_into();
    match not_a_socket.close_checked(CloseCode::NormalClosure, "") {
        Err(WebSocketCloseError::Thrown(thrown)) => {
            assert!(thrown.is_instance_of::<js_sys::TypeError>(), "{thrown:?}");
            let error = WebSocketCloseError::Thrown(thrown);
            assert!(error.to_string().starts_with("WebSocket.close() threw "));
        }
        other => panic!("expected the browser's TypeError, got {other:?}"),
    }
    // A refused code never reaches the browser (which would throw here).
    assert_eq!(
        not_a_socket.close_checked(1001_u16, ""),
        Err(WebSocketCloseError::CodeNotAccepted {
            code: CloseCode::GoingAway
        }),
    );
}
