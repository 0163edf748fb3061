// Every tungstenite line this crate has a feature for, oldest first, one
// entry each: the dependency's name in Cargo.toml, its feature, the line,
// and whether the line's `CloseFrame` borrows its reason (`Cow`, up to
// 0.25) or owns it (`Utf8Bytes`, from 0.26 on).
//
// This file is the one list of the lines. It is not a module: it is
// `include!`d by `src/tungstenite_compat.rs` (the conversions), by
// `src/measured.rs` (the range of lines `Peer::Tungstenite.version()`
// reports, and the newest line the doc examples use) and by
// `tests/tungstenite.rs` and `tests/peers_tungstenite.rs` (the tests of
// each line). Each of them defines `tungstenite_lines!` before including
// it. Adding a line is one entry here, its dependency and feature in
// Cargo.toml (pointing `tungstenite` at it when it is the newest), and
// whatever of tungstenite's behaviour changed in `src/measured.rs`.
tungstenite_lines! {
    (tungstenite_0_24, "tungstenite-0_24", "0.24", borrowed)
    (tungstenite_0_25, "tungstenite-0_25", "0.25", borrowed)
    (tungstenite_0_26, "tungstenite-0_26", "0.26", owned)
    (tungstenite_0_27, "tungstenite-0_27", "0.27", owned)
    (tungstenite_0_28, "tungstenite-0_28", "0.28", owned)
    (tungstenite_0_29, "tungstenite-0_29", "0.29", owned)
    (tungstenite_0_30, "tungstenite-0_30", "0.30", owned)
}
