//! The close codes of the GraphQL over WebSocket protocol
//! (`graphql-transport-ws`) as [`GraphqlCloseCode`], an enum made with
//! `ws_close_codes::close_codes!`: IANA's codes and the protocol's own.
//!
//! IANA already registers 3000 "Unauthorized" and 3003 "Forbidden", and
//! every name and identifier must be unique (ignoring case) among all codes
//! of the enum, so 4401 and 4403 carry a prefix.
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

ws_close_codes::close_codes! {
    /// The close codes of `graphql-transport-ws`, with IANA's.
    pub enum GraphqlCloseCode {
        BadRequest = 4400 {
            name: "Bad Request",
            description: "A message could not be parsed or broke the protocol, such as a message of an unknown type.",
        },
        GraphqlUnauthorized = 4401 {
            name: "GraphQL Unauthorized",
            description: "The client sent Subscribe before the server acknowledged the connection.",
        },
        GraphqlForbidden = 4403 {
            name: "GraphQL Forbidden",
            description: "The server refused the connection, for example after checking the ConnectionInit payload.",
        },
        SubprotocolNotAcceptable = 4406 {
            name: "Subprotocol not acceptable",
            description: "The client did not ask for the graphql-transport-ws subprotocol.",
        },
        ConnectionInitialisationTimeout = 4408 {
            name: "Connection initialisation timeout",
            description: "The client did not send ConnectionInit in the time the server allows.",
        },
        SubscriberAlreadyExists = 4409 {
            name: "Subscriber already exists",
            description: "The client started an operation with the id of an operation that is still running.",
        },
        TooManyInitialisationRequests = 4429 {
            name: "Too many initialisation requests",
            description: "The client sent ConnectionInit more than once.",
        },
        InternalServerError = 4500 {
            name: "Internal server error",
            description: "The server hit an unexpected condition.",
        },
    }
}
