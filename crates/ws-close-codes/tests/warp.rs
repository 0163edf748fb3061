//! warp 0.4's own WebSocket message over every `u16`, with the tests of
//! `common::u16_messages` (warp has no Close frame type).
#![cfg(feature = "warp-0_4")]

#[macro_use]
mod common;

// warp gives no way to build a `warp::Error`; `from_next` takes any error
// type, and every error is the same event.
close_message_tests!(
    warp::ws::Message,
    warp::Error,
    Some(Err::<warp::ws::Message, _>(std::io::Error::from(
        std::io::ErrorKind::ConnectionReset
    )))
);
