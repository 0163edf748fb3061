//! `serde` support: a close code is its number.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::CloseCode;

/// Serializes the code as its number, a `u16`, registered or not.
///
/// ```
/// use ws_close_codes::CloseCode;
/// assert_eq!(serde_json::to_string(&CloseCode::GoingAway)?, "1001");
/// assert_eq!(serde_json::to_string(&CloseCode::from(4404))?, "4404");
/// # Ok::<(), serde_json::Error>(())
/// ```
impl Serialize for CloseCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.as_u16())
    }
}

/// Deserializes any `u16` (as [`CloseCode::from_u16`] maps it); refuses
/// numbers out of range, negative numbers and strings.
///
/// ```
/// use ws_close_codes::CloseCode;
/// assert_eq!(serde_json::from_str::<CloseCode>("1000")?, CloseCode::NormalClosure);
/// assert_eq!(serde_json::from_str::<CloseCode>("65535")?.as_u16(), 65535);
/// assert!(serde_json::from_str::<CloseCode>("65536").is_err());
/// assert!(serde_json::from_str::<CloseCode>("\"1000\"").is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for CloseCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u16::deserialize(deserializer).map(CloseCode::from_u16)
    }
}
