//! salvo 1's own WebSocket message over every `u16`, with the tests of
//! `common::u16_messages` (salvo has no Close frame type).
#![cfg(feature = "salvo-1")]

#[macro_use]
mod common;

close_message_tests!(
    salvo::websocket::Message,
    salvo::Error,
    Some(Err::<salvo::websocket::Message, _>(salvo::Error::other(
        "reset"
    )))
);
