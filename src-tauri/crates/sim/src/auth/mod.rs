//! Sign-in endpoints for the clouds' authority paths, and the token check on API calls.

pub mod apps;
pub mod assertion;
pub mod check;
pub mod device;
pub mod login;
pub mod pages;
pub mod store;
pub mod token;
