//! Sets of codes written as ranges, the way the tables and the test
//! failures print them.

/// Ascending codes as ranges: `0-999, 1004`.
///
/// ```
/// use ws_close_codes_test_support::ranges::ranges;
///
/// assert_eq!(ranges(&[0, 1, 2, 5, 7, 8]), "0-2, 5, 7-8");
/// assert_eq!(ranges(&[65534, 65535]), "65534-65535");
/// assert_eq!(ranges(&[]), "");
/// ```
pub fn ranges(codes: &[u16]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < codes.len() {
        let mut j = i;
        while j + 1 < codes.len() && u32::from(codes[j + 1]) == u32::from(codes[j]) + 1 {
            j += 1;
        }
        parts.push(if i == j {
            codes[i].to_string()
        } else {
            format!("{}-{}", codes[i], codes[j])
        });
        i = j + 1;
    }
    parts.join(", ")
}
