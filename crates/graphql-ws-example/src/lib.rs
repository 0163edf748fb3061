//! The close codes of the GraphQL over WebSocket protocol
//! (`graphql-transport-ws`) as [`GraphqlCloseCode`], an enum that
//! `ws-close-codes-codegen` generates at build time from `close-codes.toml`
//! and merges with the IANA registry.
//!
//! ```
//! use graphql_ws_example::GraphqlCloseCode;
//! use ws_close_codes::CloseCode;
//!
//! let code = GraphqlCloseCode::from(4408);
//! assert_eq!(code, GraphqlCloseCode::ConnectionInitialisationTimeout);
//! assert_eq!(code.to_string(), "4408 Connection initialisation timeout");
//! assert!(code.is_sendable());
//!
//! // The IANA codes are there too, and the conversions keep every value.
//! assert_eq!(GraphqlCloseCode::from(1000), GraphqlCloseCode::NormalClosure);
//! assert_eq!(CloseCode::from(GraphqlCloseCode::GoingAway), CloseCode::GoingAway);
//! assert_eq!(GraphqlCloseCode::from(CloseCode::from(4429)), GraphqlCloseCode::TooManyInitialisationRequests);
//! ```

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/graphql_close_code.rs"));
