//! An account: one Partner Center tenant a person works with, and how to sign in to it.
//! Stored as ordinary settings; its secrets are never part of it.

use lens_auth::Cloud;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SignInMethod {
    /// Authorization code with PKCE in the system browser (works with MFA).
    Browser,
    DeviceCode,
    /// User name and password (legacy; fails where MFA is enforced).
    Password,
    /// App only, client id + secret (the Insights API's documented way).
    AppSecret,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub id: String,
    pub name: String,
    pub cloud: Cloud,
    pub tenant: String,
    pub client_id: String,
    pub method: SignInMethod,
    /// The built-in sample account of demo mode.
    #[serde(default)]
    pub sample: bool,
}
