//! Issued tokens, authorization codes and device codes. Tokens are opaque random strings the
//! simulator looks up; clients must never read inside a token anyway.

use std::collections::HashMap;
use std::sync::Mutex;

use rand::RngCore;

/// Who a token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    App { client_id: String },
    User { username: String, client_id: String },
}

#[derive(Debug, Clone)]
pub struct AccessInfo {
    pub subject: Subject,
    pub tenant: String,
    /// Simulated seconds since the epoch.
    pub expires_at: i64,
    /// Whether the sign-in behind the token satisfied multi-factor authentication.
    pub mfa: bool,
    pub calls: u32,
}

#[derive(Debug, Clone)]
pub struct RefreshInfo {
    pub subject: Subject,
    pub tenant: String,
    pub last_used: i64,
    pub mfa: bool,
}

#[derive(Debug, Clone)]
pub struct CodeInfo {
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: String,
    pub method: String,
    /// The signed-in person's organisation (its id) and user name.
    pub tenant: String,
    pub username: String,
    /// Whether the sign-in passed a second factor.
    pub mfa: bool,
    pub expires_at: i64,
}

#[derive(Debug, Clone)]
pub struct DeviceInfo {
    pub client_id: String,
    /// The organisation the request named (its id), or `None` for `organizations`; once
    /// approved, the signed-in person's.
    pub tenant: Option<String>,
    pub user_code: String,
    pub expires_at: i64,
    pub approved: bool,
    pub username: Option<String>,
    /// Why the person's sign-in on the other device stopped (consent refused, say).
    pub declined: Option<String>,
}

#[derive(Default)]
pub struct TokenStore {
    pub access: Mutex<HashMap<String, AccessInfo>>,
    pub refresh: Mutex<HashMap<String, RefreshInfo>>,
    pub codes: Mutex<HashMap<String, CodeInfo>>,
    pub devices: Mutex<HashMap<String, DeviceInfo>>,
    /// Sign-ins in progress in a browser, by the `ctx` their pages carry.
    pub logins: Mutex<HashMap<String, super::login::Login>>,
    /// Granted consents: an organisation's, or one person's, for an application.
    pub consents: Mutex<std::collections::HashSet<String>>,
    /// Every token ever issued, for tests that search files and logs for secrets.
    pub history: Mutex<Vec<String>>,
}

/// A random opaque value with a readable prefix (never shaped like a JWT).
pub fn opaque(prefix: &str, bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::thread_rng().fill_bytes(&mut buf);
    let hex: String = buf.iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}.{hex}")
}

pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
