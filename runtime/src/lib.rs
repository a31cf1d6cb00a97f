//! The runtime of the generated crates: unknown enum and union values, builder errors, the JSON
//! lexer and reader, timestamps, floats, blobs, constraint validation, the HTTP request writer,
//! response and error parsing, configuration, the signed client with retries and timeouts,
//! paginators and the test stub.
//!
//! This crate exists to be compiled, tested and read on its own. Generated crates do not depend on
//! it: the generator vendors these source files into each crate's `src/rt/` (`include_str!`, with
//! the `#[cfg(test)]` modules left out), so a generated crate stands alone. That is why the modules
//! reach each other only through `super::`, and why nothing here names a generated module: what
//! differs per service (its endpoint prefix, its signing name) arrives as a
//! [`config::ServiceInfo`] value from the generated client.
//!
//! `base.rs` is the root of the vendored copy (`src/rt/mod.rs`), so its items are re-exported here.

mod base;
pub use base::*;

pub mod attempt;
pub mod blob;
pub use blob::Blob;
pub mod checksum;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "cli")]
pub mod cli_args;
#[cfg(feature = "cli")]
pub mod cli_output;
#[cfg(feature = "cli")]
pub mod cli_schema;
pub mod client;
pub mod compress;
pub mod config;
pub mod credentials;
pub mod endpoint;
pub mod float;
pub mod http;
pub mod https;
pub mod json;
mod json_path;
mod lex;
pub mod operation;
pub mod paginate;
pub mod profile;
pub mod provider;
pub mod response;
pub mod retry;
pub mod sdk_config;
pub mod stub;
pub mod transport;
pub mod ts;
pub use ts::DateTime;
pub mod validate;
