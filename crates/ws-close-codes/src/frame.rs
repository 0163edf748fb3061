//! Close frame bodies (RFC 6455 section 5.5.1).

use core::fmt;

use crate::rules::{CODE_LEN, MAX_BODY_LEN, MAX_REASON_LEN};
use crate::CloseCode;

/// The body of a Close frame that carries a code: the code and a reason
/// (RFC 6455 section 5.5.1). An empty body, which carries neither, is
/// `None` wherever this crate decodes one.
///
/// A `CloseFrame` always holds a code that may be sent
/// ([`CloseCode::is_sendable`], which is also
/// [`is_sendable`](CloseCode::is_sendable)) and a reason of at
/// most [`MAX_REASON_LEN`] (123) bytes, so it can always be encoded and
/// always be sent. The reason is borrowed: decoding never allocates.
///
/// ```
/// use ws_close_codes::{CloseCode, CloseFrame};
///
/// let frame = CloseFrame::new(CloseCode::GoingAway, "shutting down")?;
/// let mut buf = [0u8; 125];
/// let len = frame.encode_into(&mut buf)?;
/// assert_eq!(&buf[..len], b"\x03\xe9shutting down");
///
/// let decoded = CloseFrame::decode(&buf[..len])?;
/// assert_eq!(decoded, Some(frame));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CloseFrame<'a> {
    code: CloseCode,
    reason: &'a str,
}

impl<'a> CloseFrame<'a> {
    /// A frame with `code` and `reason`, refusing a code that may not be
    /// sent ([`CloseFrameError::InvalidCode`]) and a reason longer than 123
    /// bytes ([`CloseFrameError::ReasonTooLong`]); the code is checked first.
    /// For a frame known while compiling, [`close_frame!`](crate::close_frame)
    /// makes the build fail instead, saying which rule was broken.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrame, CloseFrameError};
    ///
    /// let frame = CloseFrame::new(CloseCode::NormalClosure, "done").unwrap();
    /// assert_eq!(frame.reason(), "done");
    ///
    /// assert_eq!(
    ///     CloseFrame::new(CloseCode::AbnormalClosure, ""),
    ///     Err(CloseFrameError::InvalidCode { code: CloseCode::AbnormalClosure }),
    /// );
    /// assert_eq!(
    ///     CloseFrame::new(CloseCode::NormalClosure, &"x".repeat(124)),
    ///     Err(CloseFrameError::ReasonTooLong { len: 124 }),
    /// );
    /// ```
    pub const fn new(code: CloseCode, reason: &'a str) -> Result<Self, CloseFrameError> {
        if !code.is_sendable() {
            return Err(CloseFrameError::InvalidCode { code });
        }
        if reason.len() > MAX_REASON_LEN {
            return Err(CloseFrameError::ReasonTooLong { len: reason.len() });
        }
        Ok(CloseFrame { code, reason })
    }

    /// A frame with `code` and `reason` cut to at most 123 bytes (see
    /// [`truncate_reason`](CloseFrame::truncate_reason)); refuses only a code
    /// that may not be sent ([`CloseFrameError::InvalidCode`]).
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrame};
    ///
    /// let long = "é".repeat(100); // 200 bytes
    /// let frame = CloseFrame::new_truncated(CloseCode::PolicyViolation, &long).unwrap();
    /// assert_eq!(frame.reason().len(), 122); // 61 whole characters
    /// assert!(long.starts_with(frame.reason()));
    /// ```
    pub const fn new_truncated(code: CloseCode, reason: &'a str) -> Result<Self, CloseFrameError> {
        CloseFrame::new(code, CloseFrame::truncate_reason(reason))
    }

    /// The longest prefix of `reason` that fits in a Close frame: `reason`
    /// itself when it has at most 123 bytes, otherwise its first 123 bytes
    /// less any character that would be cut in two.
    ///
    /// ```
    /// use ws_close_codes::CloseFrame;
    ///
    /// assert_eq!(CloseFrame::truncate_reason("short"), "short");
    /// let emoji = "😀".repeat(40); // 4 bytes each
    /// assert_eq!(CloseFrame::truncate_reason(&emoji), "😀".repeat(30));
    /// ```
    pub const fn truncate_reason(reason: &str) -> &str {
        let bytes = reason.as_bytes();
        if bytes.len() <= MAX_REASON_LEN {
            return reason;
        }
        // `bytes[end]` is the first byte left out; while it continues a
        // character, that character straddles the cut and goes too.
        let mut end = MAX_REASON_LEN;
        while end > 0 && bytes[end] & 0xC0 == 0x80 {
            end -= 1;
        }
        match core::str::from_utf8(bytes.split_at(end).0) {
            Ok(head) => head,
            Err(_) => unreachable!(),
        }
    }

    /// The code.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrame};
    /// let frame = CloseFrame::new(CloseCode::Timeout, "")?;
    /// assert_eq!(frame.code(), CloseCode::Timeout);
    /// # Ok::<(), ws_close_codes::CloseFrameError>(())
    /// ```
    pub const fn code(self) -> CloseCode {
        self.code
    }

    /// The reason: UTF-8, at most 123 bytes, often empty.
    ///
    /// ```
    /// use ws_close_codes::CloseFrame;
    /// let frame = CloseFrame::decode(b"\x03\xe8bye")?.unwrap();
    /// assert_eq!(frame.reason(), "bye");
    /// # Ok::<(), ws_close_codes::CloseFrameError>(())
    /// ```
    pub const fn reason(self) -> &'a str {
        self.reason
    }

    /// The length of the encoded body: 2 bytes of code plus the reason.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrame};
    /// let frame = CloseFrame::new(CloseCode::NormalClosure, "ok")?;
    /// assert_eq!(frame.encoded_len(), 4);
    /// # Ok::<(), ws_close_codes::CloseFrameError>(())
    /// ```
    pub const fn encoded_len(self) -> usize {
        CODE_LEN + self.reason.len()
    }

    /// Decodes a Close frame body (the unmasked payload of a Close frame):
    /// `Ok(None)` for an empty body, which carries no code (APIs report it
    /// as 1005, No Status Rcvd), `Ok(Some(frame))` for a valid one. The
    /// reason borrows from `body`.
    ///
    /// The checks, in order, and what [`CloseFrameError::close_code`] says to
    /// answer with:
    ///
    /// 1. a 1-byte body: [`CloseFrameError::OneByteBody`] (1002);
    /// 2. a body over 125 bytes: [`CloseFrameError::BodyTooLong`] (1002);
    /// 3. a code that is not [valid to receive](CloseCode::is_sendable):
    ///    [`CloseFrameError::InvalidCode`] (1002);
    /// 4. a reason that is not UTF-8: [`CloseFrameError::InvalidUtf8`] (1007).
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrame, CloseFrameError};
    ///
    /// assert_eq!(CloseFrame::decode(b""), Ok(None));
    /// let frame = CloseFrame::decode(b"\x0f\xa0session expired")?.unwrap();
    /// assert_eq!(frame.code().as_u16(), 4000);
    /// assert_eq!(frame.reason(), "session expired");
    ///
    /// let error = CloseFrame::decode(b"\x03\xee").unwrap_err(); // 1006
    /// assert_eq!(error, CloseFrameError::InvalidCode { code: CloseCode::AbnormalClosure });
    /// assert_eq!(error.close_code(), CloseCode::ProtocolError);
    ///
    /// let error = CloseFrame::decode(b"\x03\xe8\xff").unwrap_err();
    /// assert_eq!(error.close_code(), CloseCode::InvalidFramePayloadData);
    /// # Ok::<(), CloseFrameError>(())
    /// ```
    pub const fn decode(body: &'a [u8]) -> Result<Option<CloseFrame<'a>>, CloseFrameError> {
        if body.is_empty() {
            return Ok(None);
        }
        if body.len() < CODE_LEN {
            return Err(CloseFrameError::OneByteBody);
        }
        if body.len() > MAX_BODY_LEN {
            return Err(CloseFrameError::BodyTooLong { len: body.len() });
        }
        let code = CloseCode::from_u16(u16::from_be_bytes([body[0], body[1]]));
        if !code.is_sendable() {
            return Err(CloseFrameError::InvalidCode { code });
        }
        match core::str::from_utf8(body.split_at(CODE_LEN).1) {
            Ok(reason) => Ok(Some(CloseFrame { code, reason })),
            Err(error) => Err(CloseFrameError::InvalidUtf8 {
                valid_up_to: error.valid_up_to(),
            }),
        }
    }

    /// Writes the body into the start of `buf` and returns its length
    /// ([`encoded_len`](CloseFrame::encoded_len)). A buffer of
    /// [`MAX_BODY_LEN`] (125) bytes always
    /// suffices; a shorter one than the body is refused and left untouched.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrame};
    ///
    /// let frame = CloseFrame::new(CloseCode::MessageTooBig, "max 1 MiB")?;
    /// let mut buf = [0u8; 16];
    /// let len = frame.encode_into(&mut buf)?;
    /// assert_eq!(&buf[..len], b"\x03\xf1max 1 MiB");
    ///
    /// let error = frame.encode_into(&mut [0u8; 4]).unwrap_err();
    /// assert_eq!((error.needed(), error.available()), (11, 4));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn encode_into(self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let needed = self.encoded_len();
        let Some(out) = buf.get_mut(..needed) else {
            return Err(BufferTooSmall {
                needed,
                available: buf.len(),
            });
        };
        let (code, reason) = out.split_at_mut(CODE_LEN);
        code.copy_from_slice(&self.code.as_u16().to_be_bytes());
        reason.copy_from_slice(self.reason.as_bytes());
        Ok(needed)
    }

    /// The encoded body in a new vector.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrame};
    /// let frame = CloseFrame::new(CloseCode::NormalClosure, "")?;
    /// assert_eq!(frame.to_vec(), [0x03, 0xe8]);
    /// # Ok::<(), ws_close_codes::CloseFrameError>(())
    /// ```
    #[cfg(feature = "alloc")]
    pub fn to_vec(self) -> alloc::vec::Vec<u8> {
        let mut out = alloc::vec::Vec::with_capacity(self.encoded_len());
        self.append_to(&mut out);
        out
    }

    /// Appends the encoded body to `out`.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrame};
    /// let mut out = vec![0x88, 0x04]; // FIN + Close, payload length 4
    /// CloseFrame::new(CloseCode::NormalClosure, "ok")?.append_to(&mut out);
    /// assert_eq!(out, [0x88, 0x04, 0x03, 0xe8, b'o', b'k']);
    /// # Ok::<(), ws_close_codes::CloseFrameError>(())
    /// ```
    #[cfg(feature = "alloc")]
    pub fn append_to(self, out: &mut alloc::vec::Vec<u8>) {
        out.reserve(self.encoded_len());
        out.extend_from_slice(&self.code.as_u16().to_be_bytes());
        out.extend_from_slice(self.reason.as_bytes());
    }
}

/// A [`CloseFrame`] built while the program compiles: `close_frame!(code,
/// reason)`, for a constant or right where it is sent. A code that may not
/// be sent, or a reason over 123 bytes, fails the build with an error that
/// names the rule and the numbers; a frame that builds is as
/// [`CloseFrame::new`] would make it.
///
/// `code` is a [`CloseCode`] or a code of an enum made by
/// [`close_codes!`](crate::close_codes), with no conversion (the macro
/// reads its `const fn as_u16`); `reason` is a `&'static str`. Both must be
/// constants: values known only at run time are refused (error E0435);
/// check those with [`CloseFrame::new`].
///
/// ```
/// use ws_close_codes::{close_frame, CloseCode, CloseFrame};
///
/// /// What a server sends when it is full.
/// const BUSY: CloseFrame<'static> = close_frame!(CloseCode::TryAgainLater, "server busy");
/// assert_eq!(BUSY, CloseFrame::new(CloseCode::TryAgainLater, "server busy").unwrap());
///
/// // An application's own code, as it is.
/// ws_close_codes::close_codes! {
///     pub enum ChatCloseCode {
///         RoomClosed = 4000 { name: "Room Closed", description: "The owner closed the room." },
///     }
/// }
/// let frame = close_frame!(ChatCloseCode::RoomClosed, "the owner closed the room");
/// assert_eq!(frame.code().as_u16(), 4000);
/// ```
///
/// # Why a macro
///
/// [`CloseFrame::new`] is a `const fn`, but it returns a `Result`, and
/// `Result::unwrap` cannot be called in a constant (error E0015). A `match`
/// that panics can, but its message has to be a literal or a `&str`
/// without numbers, so it cannot say which rule failed. This macro
/// evaluates the frame as a constant item of its own, so it is always
/// checked while compiling (`cargo check` included), never at run time,
/// and panics with a message worked out at compile time, numbers
/// included:
///
/// ```text
/// error[E0080]: evaluation panicked: close code 1006 may not be sent in a Close frame: RFC 6455 reserves it for reporting how a connection ended (section 7.4.1)
/// error[E0080]: evaluation panicked: the reason is 160 bytes; a Close frame has room for at most 123 (RFC 6455 section 5.5)
/// ```
///
/// A code that may not be sent fails the build:
///
/// ```compile_fail,E0080
/// use ws_close_codes::{close_frame, CloseCode, CloseFrame};
/// const LOST: CloseFrame<'static> = close_frame!(CloseCode::from_u16(1006), "");
/// ```
///
/// and so does a reason over 123 bytes:
///
/// ```compile_fail,E0080
/// use ws_close_codes::{close_frame, CloseCode};
/// let long = close_frame!(CloseCode::from_u16(1000), concat!(
///     "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
///     "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
///     "0123456789abcdef0123456789abcdef",
/// ));
/// ```
#[macro_export]
macro_rules! close_frame {
    ($code:expr, $reason:expr $(,)?) => {{
        // A constant item, not a `const { }` block: `cargo check` evaluates
        // items, so it reports the error too, and so do editors.
        const __WS_CLOSE_CODES_FRAME: $crate::CloseFrame<'static> =
            match $crate::CloseFrame::new($crate::CloseCode::from_u16(($code).as_u16()), $reason) {
                ::core::result::Result::Ok(frame) => frame,
                ::core::result::Result::Err(error) => {
                    ::core::panic!("{}", $crate::__private::close_frame_refused(error).as_str())
                }
            };
        __WS_CLOSE_CODES_FRAME
    }};
}

/// `1000 Normal Closure` when the reason is empty, `1001 Going Away: bye`
/// otherwise: the log line [`CloseEvent`](crate::CloseEvent) writes, the
/// reason escaped the same way where it could break or disguise the line
/// (it may come from the peer).
///
/// ```
/// use ws_close_codes::{CloseCode, CloseFrame};
/// let frame = CloseFrame::new(CloseCode::GoingAway, "bye")?;
/// assert_eq!(frame.to_string(), "1001 Going Away: bye");
/// # Ok::<(), ws_close_codes::CloseFrameError>(())
/// ```
impl fmt::Display for CloseFrame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.code, f)?;
        if self.reason.is_empty() {
            return Ok(());
        }
        f.write_str(": ")?;
        crate::event::write_reason(f, self.reason)
    }
}

/// Why a Close frame body was refused, by [`CloseFrame::decode`] or by a
/// constructor. [`close_code`](CloseFrameError::close_code) tells the code
/// to fail the connection with when the body came from the peer.
///
/// ```
/// use ws_close_codes::{CloseCode, CloseFrame, CloseFrameError};
///
/// match CloseFrame::decode(&[0x03]) {
///     Err(error) => {
///         assert_eq!(error, CloseFrameError::OneByteBody);
///         assert_eq!(error.close_code(), CloseCode::ProtocolError);
///     }
///     Ok(_) => unreachable!(),
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CloseFrameError {
    /// The body is one byte long: too short for a code, and not empty (RFC
    /// 6455 section 5.5.1). Answer with 1002.
    ///
    /// ```
    /// use ws_close_codes::{CloseFrame, CloseFrameError};
    /// assert_eq!(CloseFrame::decode(b"\x03"), Err(CloseFrameError::OneByteBody));
    /// ```
    OneByteBody,
    /// The body is longer than the 125 bytes a control frame may carry (RFC
    /// 6455 section 5.5). Answer with 1002.
    ///
    /// ```
    /// use ws_close_codes::{CloseFrame, CloseFrameError};
    /// let body = [0x03, 0xe8].into_iter().chain([b'a'; 124]).collect::<Vec<u8>>();
    /// assert_eq!(CloseFrame::decode(&body), Err(CloseFrameError::BodyTooLong { len: 126 }));
    /// ```
    BodyTooLong {
        /// The body's length in bytes.
        len: usize,
    },
    /// The reason is longer than 123 bytes, the room a Close frame leaves
    /// after the code (RFC 6455 section 5.5.1). Answer with 1002.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrame, CloseFrameError};
    /// let reason = "a".repeat(200);
    /// assert_eq!(
    ///     CloseFrame::new(CloseCode::NormalClosure, &reason),
    ///     Err(CloseFrameError::ReasonTooLong { len: 200 }),
    /// );
    /// ```
    ReasonTooLong {
        /// The reason's length in bytes.
        len: usize,
    },
    /// The code is not valid in a Close frame: it may not be sent, and a
    /// receiver fails the connection on it (see
    /// [`CloseCode::is_sendable`]). Answer with 1002.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrame, CloseFrameError};
    /// assert_eq!(
    ///     CloseFrame::decode(b"\x13\x88"), // 5000, outside the code space
    ///     Err(CloseFrameError::InvalidCode { code: CloseCode::from(5000) }),
    /// );
    /// ```
    InvalidCode {
        /// The code that was refused.
        code: CloseCode,
    },
    /// The reason is not valid UTF-8 (RFC 6455 sections 5.5.1 and 8.1).
    /// Answer with 1007.
    ///
    /// ```
    /// use ws_close_codes::{CloseFrame, CloseFrameError};
    /// assert_eq!(
    ///     CloseFrame::decode(b"\x03\xe8ok\xc3"),
    ///     Err(CloseFrameError::InvalidUtf8 { valid_up_to: 2 }),
    /// );
    /// ```
    InvalidUtf8 {
        /// How many bytes of the reason (after the code) are valid UTF-8.
        valid_up_to: usize,
    },
}

impl CloseFrameError {
    /// The code to fail the connection with when the peer sent the body:
    /// 1007 (Invalid frame payload data) for a reason that is not UTF-8,
    /// 1002 (Protocol error) for everything else.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrameError};
    /// assert_eq!(CloseFrameError::BodyTooLong { len: 126 }.close_code(), CloseCode::ProtocolError);
    /// assert_eq!(
    ///     CloseFrameError::InvalidUtf8 { valid_up_to: 0 }.close_code(),
    ///     CloseCode::InvalidFramePayloadData,
    /// );
    /// ```
    pub const fn close_code(self) -> CloseCode {
        match self {
            CloseFrameError::InvalidUtf8 { .. } => CloseCode::InvalidFramePayloadData,
            CloseFrameError::OneByteBody
            | CloseFrameError::BodyTooLong { .. }
            | CloseFrameError::ReasonTooLong { .. }
            | CloseFrameError::InvalidCode { .. } => CloseCode::ProtocolError,
        }
    }
}

/// A sentence naming the problem and the rule it breaks.
///
/// ```
/// use ws_close_codes::CloseFrameError;
/// assert_eq!(
///     CloseFrameError::BodyTooLong { len: 200 }.to_string(),
///     "Close frame body of 200 bytes is longer than the 125 bytes a control frame may carry",
/// );
/// ```
impl fmt::Display for CloseFrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            CloseFrameError::OneByteBody => f.write_str(
                "Close frame body of 1 byte: a body is empty or starts with a 2-byte code",
            ),
            CloseFrameError::BodyTooLong { len } => write!(
                f,
                "Close frame body of {len} bytes is longer than the {MAX_BODY_LEN} bytes a control frame may carry",
            ),
            CloseFrameError::ReasonTooLong { len } => write!(
                f,
                "close reason of {len} bytes is longer than the {MAX_REASON_LEN} bytes a Close frame has room for",
            ),
            CloseFrameError::InvalidCode { code } => {
                write!(f, "close code {code} is not valid in a Close frame")
            }
            CloseFrameError::InvalidUtf8 { valid_up_to } => write!(
                f,
                "close reason is not valid UTF-8 (invalid from byte {valid_up_to} of the reason)",
            ),
        }
    }
}

impl core::error::Error for CloseFrameError {}

/// [`ErrorKind::InvalidData`](std::io::ErrorKind::InvalidData), with the
/// error as its source.
///
/// ```
/// use ws_close_codes::CloseFrameError;
/// let error = std::io::Error::from(CloseFrameError::OneByteBody);
/// assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
/// ```
#[cfg(feature = "std")]
impl From<CloseFrameError> for std::io::Error {
    fn from(error: CloseFrameError) -> Self {
        std::io::Error::new(std::io::ErrorKind::InvalidData, error)
    }
}

/// The buffer given to [`CloseFrame::encode_into`] is shorter than the body.
///
/// ```
/// use ws_close_codes::{CloseCode, CloseFrame};
/// let frame = CloseFrame::new(CloseCode::NormalClosure, "")?;
/// let error = frame.encode_into(&mut [0u8; 1]).unwrap_err();
/// assert_eq!(error.to_string(), "buffer of 1 bytes is too small for a Close frame body of 2 bytes");
/// # Ok::<(), ws_close_codes::CloseFrameError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BufferTooSmall {
    needed: usize,
    available: usize,
}

impl BufferTooSmall {
    /// How many bytes the body needs.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrame};
    /// let frame = CloseFrame::new(CloseCode::NormalClosure, "abc")?;
    /// assert_eq!(frame.encode_into(&mut []).unwrap_err().needed(), 5);
    /// # Ok::<(), ws_close_codes::CloseFrameError>(())
    /// ```
    pub const fn needed(self) -> usize {
        self.needed
    }

    /// How many bytes the buffer had.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseFrame};
    /// let frame = CloseFrame::new(CloseCode::NormalClosure, "abc")?;
    /// assert_eq!(frame.encode_into(&mut [0; 3]).unwrap_err().available(), 3);
    /// # Ok::<(), ws_close_codes::CloseFrameError>(())
    /// ```
    pub const fn available(self) -> usize {
        self.available
    }
}

impl fmt::Display for BufferTooSmall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "buffer of {} bytes is too small for a Close frame body of {} bytes",
            self.available, self.needed
        )
    }
}

impl core::error::Error for BufferTooSmall {}
