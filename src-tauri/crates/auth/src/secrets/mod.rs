//! Where sign-in secrets live: never in a settings file, never in a log.
//!
//! The design, and why: a refresh token runs to several kilobytes, and Windows' Credential
//! Manager holds at most 2560 bytes per credential. So, as MSAL's token-cache extensions do,
//! the OS keyring (Windows Credential Manager, macOS Keychain, Secret Service) holds one small
//! thing, a random 256-bit key, and the secrets of every account live in one file encrypted
//! with it (AES-256-GCM). One keyring item works on every platform whatever the number of
//! accounts or the size of their tokens, and the file is written atomically. Without a keyring
//! there is no plaintext fallback: the app says so and keeps secrets in memory for the session.

mod keyring_key;
mod vault;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use lens_model::Secret;

pub use keyring_key::{KeySource, KeyringKey};
pub use vault::Vault;

/// The secrets one account needs to sign in again without asking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountSecrets {
    pub refresh_token: Option<Secret>,
    pub client_secret: Option<Secret>,
    /// An app certificate's private key and certificate, as one PEM text.
    pub certificate: Option<Secret>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No keyring could be used: the person is told, and secrets stay in memory.
    #[error("{0}")]
    Unavailable(String),
    #[error("The saved sign-ins could not be read or written: {0}")]
    Storage(String),
}

/// How secrets are kept in this session.
pub enum SecretStore {
    /// Encrypted on disk with a key from the OS keyring.
    Keyring(Box<Vault>),
    /// No keyring: kept in memory until the app closes, with the reason why.
    Memory { reason: String, secrets: Mutex<HashMap<String, AccountSecrets>> },
}

impl SecretStore {
    /// Opens the store under `dir`, using the OS keyring for the key. If no keyring is usable,
    /// falls back to memory and says why.
    pub fn open(dir: PathBuf, keys: &dyn KeySource) -> SecretStore {
        match Vault::open(dir.join("secrets.bin"), keys) {
            Ok(v) => SecretStore::Keyring(Box::new(v)),
            Err(SecretError::Unavailable(reason)) => {
                tracing::warn!("no keyring: sign-ins are kept for this session only ({reason})");
                SecretStore::Memory { reason, secrets: Mutex::new(HashMap::new()) }
            }
            Err(e) => {
                tracing::error!("the secret store could not be opened: {e}");
                SecretStore::Memory { reason: e.to_string(), secrets: Mutex::new(HashMap::new()) }
            }
        }
    }

    /// Something the person should hear once about the saved sign-ins (an unreadable file set
    /// aside at opening).
    pub fn notice(&self) -> Option<&str> {
        match self {
            SecretStore::Keyring(v) => v.notice(),
            SecretStore::Memory { .. } => None,
        }
    }

    /// Why secrets are not saved, when they are not.
    pub fn limitation(&self) -> Option<&str> {
        match self {
            SecretStore::Keyring(_) => None,
            SecretStore::Memory { reason, .. } => Some(reason),
        }
    }

    pub fn get(&self, account: &str) -> Result<AccountSecrets, SecretError> {
        match self {
            SecretStore::Keyring(v) => v.get(account),
            SecretStore::Memory { secrets, .. } => Ok(lock(secrets).get(account).cloned().unwrap_or_default()),
        }
    }

    pub fn put(&self, account: &str, s: AccountSecrets) -> Result<(), SecretError> {
        match self {
            SecretStore::Keyring(v) => v.put(account, s),
            SecretStore::Memory { secrets, .. } => {
                lock(secrets).insert(account.to_string(), s);
                Ok(())
            }
        }
    }

    /// Keeps the other secrets of the account and replaces its refresh token.
    pub fn set_refresh_token(&self, account: &str, token: Secret) -> Result<(), SecretError> {
        let mut s = self.get(account)?;
        s.refresh_token = Some(token);
        self.put(account, s)
    }

    pub fn remove(&self, account: &str) -> Result<(), SecretError> {
        match self {
            SecretStore::Keyring(v) => v.remove(account),
            SecretStore::Memory { secrets, .. } => {
                lock(secrets).remove(account);
                Ok(())
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The message a person sees when no keyring works.
pub fn no_keyring_message() -> String {
    no_keyring_message_on(std::env::consts::OS)
}

/// The message on each system (`std::env::consts::OS`), naming the password store it has.
/// The keyring crate talks to the Secret Service on Linux, the Keychain on macOS and the
/// Credential Manager on Windows (features chosen per target in Cargo.toml).
pub fn no_keyring_message_on(os: &str) -> String {
    let (store, fix) = match os {
        "macos" => ("the Keychain", "Check that your login keychain is unlocked in Keychain Access."),
        "windows" => (
            "Credential Manager",
            "Check that Windows Credential Manager is running and that you are signed in to Windows.",
        ),
        _ => ("keyring", "Install and unlock GNOME Keyring or KWallet."),
    };
    format!(
        "This computer's password store ({store}) is not available, so sign-ins are kept only until Partner Lens \
         closes. {fix}"
    )
}

#[cfg(test)]
mod tests {
    use super::no_keyring_message_on;

    #[test]
    fn the_no_keyring_advice_names_each_systems_password_store() {
        assert!(no_keyring_message_on("linux").contains("GNOME Keyring or KWallet"));
        assert!(no_keyring_message_on("macos").contains("Keychain Access"));
        assert!(no_keyring_message_on("windows").contains("Credential Manager"));
        for os in ["linux", "macos", "windows"] {
            let m = no_keyring_message_on(os);
            assert!(m.starts_with("This computer's password store ("), "{m}");
            assert!(m.contains("is not available, so sign-ins are kept only until Partner Lens closes."), "{m}");
            assert!(!m.contains("Linux") || os == "linux", "{os}: {m}");
        }
    }
}
