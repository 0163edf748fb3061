//! An in-memory connection and the frames a server writes to it, for
//! running a stack's client code over bytes without a socket.

use std::io::{self, Cursor, Read, Write};

/// The connection of a client whose server sent `input`: reads come from
/// it (then the end of the connection), writes are kept in `output`.
pub struct Wire {
    input: Cursor<Vec<u8>>,
    /// What the client wrote.
    pub output: Vec<u8>,
}

impl Wire {
    /// A connection on which the server sent `input`.
    pub fn new(input: Vec<u8>) -> Wire {
        Wire {
            input: Cursor::new(input),
            output: Vec::new(),
        }
    }
}

impl Read for Wire {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.input.read(buf)
    }
}

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.output.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A server's Close frame (final, unmasked) carrying `body`, whatever its
/// length (RFC 6455 section 5.2).
pub fn server_close_frame(body: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x88];
    if body.len() <= 125 {
        frame.push(body.len() as u8);
    } else {
        frame.push(126);
        frame.extend_from_slice(&(body.len() as u16).to_be_bytes());
    }
    frame.extend_from_slice(body);
    frame
}

/// The payload of the masked Close frame that is all of `frame`, as a
/// client writes it (its length in 7 bits, or in 16 when over 125 bytes,
/// which a Close frame must not be but some clients echo), or `None` when
/// the client wrote nothing.
pub fn client_close_body(frame: &[u8]) -> Option<Vec<u8>> {
    let (&first, rest) = frame.split_first()?;
    let (&second, rest) = rest.split_first()?;
    assert_eq!(first, 0x88, "a final Close frame");
    assert_eq!(second & 0x80, 0x80, "masked");
    let (len, rest) = match second & 0x7f {
        126 => {
            let (len, rest) = rest.split_at(2);
            (usize::from(u16::from_be_bytes([len[0], len[1]])), rest)
        }
        len => (usize::from(len), rest),
    };
    let (mask, payload) = rest.split_at(4);
    assert_eq!(payload.len(), len, "one frame");
    Some(
        payload
            .iter()
            .enumerate()
            .map(|(i, byte)| byte ^ mask[i % 4])
            .collect(),
    )
}
