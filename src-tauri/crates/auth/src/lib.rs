//! Accounts and sign-in: the clouds, the OAuth grants against their authorities, token
//! providers for the client, and (with the keyring) secrets that never touch a file in clear.

pub mod cloud;
pub mod oauth;
pub mod provider;

pub use cloud::Cloud;
pub use provider::{AppIdentity, SessionTokens};
