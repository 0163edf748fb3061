// A reason of 160 bytes does not fit in a Close frame (123 at most): the
// build fails with both numbers, here where the frame is sent.
use ws_close_codes::{close_frame, CloseCode};

fn main() {
    let frame = close_frame!(
        CloseCode::from_u16(1000),
        concat!(
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef",
        )
    );
    let _ = frame;
}
