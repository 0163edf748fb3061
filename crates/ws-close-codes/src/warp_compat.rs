//! Conversions to warp 0.4's own WebSocket message (`warp::ws::Message`),
//! and the close events of what it hands over.
//!
//! warp speaks WebSocket through tokio-tungstenite, but hands its handlers
//! a `ws::Message` of its own, with no Close frame or close code type: a
//! close is built with `Message::close_with(u16, reason)` and read with
//! `message.close_frame()`, an `Option<(u16, &str)>`. So the tungstenite
//! features do not reach a warp handler; this module does. Only warp's
//! `websocket` feature is needed.

crate::event::u16_close_message! {
    warp::ws::Message;
    /// `ws_close_codes::CloseFrame` to `warp::ws::Message`: a Close message
    /// with the same code and reason (copied into a `String`).
    ///
    /// Enabled by the feature `warp-0_4`. The result is always valid to send:
    /// a [`CloseFrame`](crate::CloseFrame) holds only sendable codes and reasons of at most 123
    /// bytes, while `Message::close_with` takes any `u16` and any reason. So a
    /// handler closes with `socket.send(frame.into()).await`. warp has no type
    /// for a Close frame, so there is no conversion back: read a message with
    /// [`CloseEvent::from_message`](crate::CloseEvent::from_message), or check what `message.close_frame()`
    /// gives with [`CloseFrame::new`](crate::CloseFrame::new).
    ///
    /// ```
    /// use warp::ws::Message;
    /// use ws_close_codes::{close_frame, CloseCode, CloseFrame};
    ///
    /// const BUSY: CloseFrame<'static> = close_frame!(CloseCode::TryAgainLater, "server busy");
    ///
    /// let message = Message::from(BUSY);
    /// assert!(message.is_close());
    /// assert_eq!(message.close_frame(), Some((1013, "server busy")));
    /// assert_eq!(message, Message::close_with(1013u16, "server busy"));
    ///
    /// // The way back: warp's `u16` and reason, checked.
    /// let (code, reason) = message.close_frame().unwrap();
    /// assert_eq!(CloseFrame::new(CloseCode::from(code), reason), Ok(BUSY));
    /// ```
    from;
    /// `warp::ws::Message` for [`CloseEvent::from_message`](crate::CloseEvent::from_message) and
    /// [`CloseEvent::from_next`](crate::CloseEvent::from_next): a Close message is the event of its code
    /// and reason (1005 without a code), every other message none.
    ///
    /// Enabled by the feature `warp-0_4`. Nothing is checked, as with
    /// [`CloseEvent::new`](crate::CloseEvent::new): a code that this crate's rules refuse is reported
    /// as warp hands it over. warp's `WebSocket` is a stream of
    /// `Result<Message, warp::Error>`: `CloseEvent::from_next(&socket.next().await)`
    /// reads it, and reports its end and its errors as 1006. (warp gives no
    /// way to build a `warp::Error`, so the example stands in another error
    /// type: `from_next` takes any.)
    ///
    /// ```
    /// use warp::ws::Message;
    /// use ws_close_codes::CloseEvent;
    ///
    /// let close = Message::close_with(1000u16, "done");
    /// let event = CloseEvent::from_message(&close).unwrap();
    /// assert_eq!(event.to_string(), "1000 Normal Closure: done");
    /// assert_eq!(CloseEvent::from_message(&Message::close()), Some(CloseEvent::no_status()));
    /// assert_eq!(CloseEvent::from_message(&Message::text("hi")), None);
    ///
    /// // What `socket.next().await` gives (with `warp::Error` for the error).
    /// let next: Option<Result<Message, std::io::Error>> = Some(Ok(close.clone()));
    /// assert_eq!(CloseEvent::from_next(&next), Some(event));
    /// let next: Option<Result<Message, std::io::Error>> = Some(Err(std::io::ErrorKind::ConnectionReset.into()));
    /// assert_eq!(CloseEvent::from_next(&next), Some(CloseEvent::abnormal()));
    /// let next: Option<Result<Message, warp::Error>> = None;
    /// assert_eq!(CloseEvent::from_next(&next), Some(CloseEvent::abnormal()));
    /// ```
    event;
}
