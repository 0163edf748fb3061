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
