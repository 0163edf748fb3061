//! Any bytes as the body of a Close frame: `CloseFrame::decode` never
//! panics, accepts only what RFC 6455 allows, and what it accepts encodes
//! back to the same bytes.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ws_close_codes::{CloseCode, CloseFrame};

fuzz_target!(|body: &[u8]| {
    match CloseFrame::decode(body) {
        Ok(None) => assert!(body.is_empty()),
        Ok(Some(frame)) => {
            assert!((2..=125).contains(&body.len()));
            let code = frame.code();
            assert!(code.is_sendable());
            assert_eq!(code.as_u16(), u16::from_be_bytes([body[0], body[1]]));
            assert_eq!(CloseCode::from_u16(code.as_u16()), code);
            assert_eq!(frame.reason().as_bytes(), &body[2..]);
            let mut buffer = [0u8; 125];
            let len = frame
                .encode_into(&mut buffer)
                .expect("125 bytes always suffice");
            assert_eq!(&buffer[..len], body);
        }
        Err(error) => {
            // The answer to an invalid body is a code an endpoint may send.
            assert!(error.close_code().is_sendable());
        }
    }
});
