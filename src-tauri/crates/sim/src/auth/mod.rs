//! Sign-in endpoints for the clouds' authority paths, and the token check on API calls.

pub mod assertion;
pub mod authorize;
pub mod check;
pub mod store;
pub mod token;
