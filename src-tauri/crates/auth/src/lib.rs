//! Accounts and sign-in: the clouds, the OAuth grants against their authorities, token
//! providers for the client, and (with the keyring) secrets that never touch a file in clear.

pub mod accounts;
pub mod certificate;
pub mod cloud;
pub mod oauth;
pub mod policy;
pub mod provider;
pub mod publisher;
pub mod secrets;
pub mod signin;

#[cfg(test)]
mod fuzz_tests;

pub use accounts::{Account, AccountStore, AccountsError, SignInMethod};
pub use certificate::{AppCertificate, CertificateError};
pub use cloud::Cloud;
pub use provider::{AppIdentity, SessionTokens};
pub use secrets::{AccountSecrets, KeyringKey, SecretError, SecretStore};
