//! What the macros of `ws-close-codes` refuse, as the compiler reports it:
//! the tests in `tests/` build the programs in `tests/ui/` (`close_codes!`)
//! and `tests/ui-close-frame/` (`close_frame!`) and compare the compiler's
//! messages with the `.stderr` file beside each. The library is empty.
