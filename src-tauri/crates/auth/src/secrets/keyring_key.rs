//! The one item kept in the OS keyring: the random key that encrypts the secrets file.

use base64::Engine as _;
use rand::RngCore;

use super::{SecretError, no_keyring_message};

/// Somewhere a 32-byte key can be kept. The OS keyring in the app; tests use the real
/// keyring too (a gnome-keyring in a private D-Bus session), never a stand-in.
pub trait KeySource: Send + Sync {
    /// The key, made and saved on first use.
    fn key(&self) -> Result<[u8; 32], SecretError>;
}

pub struct KeyringKey {
    pub service: String,
    pub user: String,
}

impl Default for KeyringKey {
    fn default() -> Self {
        KeyringKey { service: "Partner Lens".into(), user: "token-cache-key".into() }
    }
}

fn unavailable(e: keyring::Error) -> SecretError {
    // Both "no D-Bus / no Secret Service" and "locked" end the same way for a person.
    let detail = match &e {
        keyring::Error::PlatformFailure(inner) => format!("platform: {inner}"),
        keyring::Error::NoStorageAccess(inner) => format!("no access: {inner}"),
        other => other.to_string(),
    };
    // The detail is for support (the log), not for the person.
    tracing::warn!("the keyring is not available: {detail}");
    SecretError::Unavailable(no_keyring_message())
}

impl KeyringKey {
    /// The key for a data folder: the usual entry for the usual folder, and one of its own for
    /// a folder moved with `PARTNER_LENS_HOME` (tests, CI, a second profile), so that processes
    /// on different folders never make the one key at the same moment and leave each other's
    /// secrets unreadable (the lock beside the secrets file covers processes on one folder).
    pub fn for_folder(moved_to: Option<&std::path::Path>) -> KeyringKey {
        let d = KeyringKey::default();
        match moved_to {
            Some(dir) => KeyringKey { user: format!("{} {}", d.user, dir.display()), ..d },
            None => d,
        }
    }
}

impl KeySource for KeyringKey {
    fn key(&self) -> Result<[u8; 32], SecretError> {
        let entry = keyring::Entry::new(&self.service, &self.user).map_err(unavailable)?;
        match entry.get_password() {
            Ok(b64) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(b64.trim())
                    .map_err(|_| SecretError::Storage("the key in the keyring is damaged".into()))?;
                bytes.try_into().map_err(|_| SecretError::Storage("the key in the keyring has the wrong length".into()))
            }
            Err(keyring::Error::NoEntry) => {
                let mut key = [0u8; 32];
                rand::rngs::OsRng.fill_bytes(&mut key);
                entry.set_password(&base64::engine::general_purpose::STANDARD.encode(key)).map_err(unavailable)?;
                Ok(key)
            }
            Err(e) => Err(unavailable(e)),
        }
    }
}
