// 1006 reports a connection that ended without a Close frame: it may not be
// sent in one, and a constant frame with it fails the build saying so.
use ws_close_codes::{close_frame, CloseCode, CloseFrame};

const LOST: CloseFrame<'static> = close_frame!(CloseCode::from_u16(1006), "connection lost");

fn main() {
    let _ = LOST;
}
