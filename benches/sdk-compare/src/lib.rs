//! Nothing here: see `benches/client_call.rs`.
