//! Report files: the library they arrive in, their history, and the pass that fetches them.

pub mod hidden;
pub mod library;
pub mod store;
pub mod sync;
