//! The encrypted secrets file: `PLV1` + 12-byte nonce + AES-256-GCM ciphertext of a small JSON
//! document. A fresh nonce on every write; written beside the old file, flushed, then renamed
//! over it, so a crash never leaves half a file.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use lens_model::Secret;
use rand::RngCore;
use serde::{Deserialize, Serialize};

use super::{AccountSecrets, KeySource, SecretError};

const MAGIC: &[u8; 4] = b"PLV1";

/// The file's plaintext. Only ever exists in memory, inside this module.
#[derive(Default, Serialize, Deserialize)]
struct Doc {
    accounts: BTreeMap<String, Entry>,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    refresh_token: Option<String>,
    client_secret: Option<String>,
    #[serde(default)]
    certificate: Option<String>,
}

pub struct Vault {
    path: PathBuf,
    cipher: Aes256Gcm,
    lock: Mutex<()>,
    /// Set when an unreadable file was set aside at opening, in words for the person.
    notice: Option<String>,
}

/// Why the file on disk cannot be used, as opposed to a disk that cannot be read.
enum Unreadable {
    Damaged,
    OtherKey,
}

/// The lock beside the secrets file (`secrets.bin.lock`), its folder made private if new.
fn file_lock(path: &Path) -> Result<lens_files::Lock, SecretError> {
    if let Some(dir) = path.parent() {
        lens_files::private_dir(dir).map_err(|e| storage("creating the folder", e))?;
    }
    lens_files::lock(&path.with_extension("bin.lock")).map_err(|e| storage("locking the secrets file", e))
}

fn storage(what: &str, e: impl std::fmt::Display) -> SecretError {
    SecretError::Storage(format!("{what}: {e}"))
}

impl Vault {
    pub fn open(path: PathBuf, keys: &dyn KeySource) -> Result<Vault, SecretError> {
        // Under the file's lock: two processes starting at once on a new computer would each
        // make a key, and the secrets the first saved would be unreadable with the second's.
        let _held = file_lock(&path)?;
        let key = keys.key()?;
        let cipher = Aes256Gcm::new_from_slice(&key).map_err(|e| storage("key", e))?;
        let mut v = Vault { path, cipher, lock: Mutex::new(()), notice: None };
        // A damaged file, or one sealed with a key this keyring no longer holds (a new keyring,
        // another computer), can never be read again. Left in place it would sign every
        // account out for good (every write reads it first), so it is set aside, as the cache
        // does, and a new one starts: each account needs one sign-in, and the person is told.
        match v.decode() {
            Ok(_) => {}
            Err(Ok(why)) => {
                let aside = v.set_aside()?;
                tracing::warn!("the secrets file was unreadable and was moved to {}", aside.display());
                v.notice = Some(match why {
                    Unreadable::Damaged => "The saved sign-ins were damaged, so they were set aside. Sign in to each account once more.",
                    Unreadable::OtherKey => "The saved sign-ins were locked with a key this computer's keyring no longer has (a new keyring or another computer), so they were set aside. Sign in to each account once more.",
                }.to_string());
            }
            Err(Err(e)) => return Err(e),
        }
        Ok(v)
    }

    /// What happened at opening that the person should hear about once.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Moves the unreadable file to `secrets.bin.unreadable-<seconds>` beside it.
    fn set_aside(&self) -> Result<PathBuf, SecretError> {
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let aside = self.path.with_extension(format!("bin.unreadable-{stamp}"));
        fs::rename(&self.path, &aside).map_err(|e| storage("setting the unreadable secrets file aside", e))?;
        Ok(aside)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn read(&self) -> Result<Doc, SecretError> {
        self.decode().map_err(|e| match e {
            Ok(Unreadable::Damaged) => {
                SecretError::Storage("the secrets file is damaged; sign in again to replace it".into())
            }
            Ok(Unreadable::OtherKey) => SecretError::Storage(
                "the secrets file cannot be decrypted with this computer's key; sign in again".into(),
            ),
            Err(e) => e,
        })
    }

    /// The document, or why the file is unusable (`Ok`) or could not be read (`Err`).
    fn decode(&self) -> Result<Doc, Result<Unreadable, SecretError>> {
        let bytes = match fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Doc::default()),
            Err(e) => return Err(Err(storage("reading the secrets file", e))),
        };
        if bytes.len() < 16 || &bytes[..4] != MAGIC {
            return Err(Ok(Unreadable::Damaged));
        }
        let nonce = Nonce::from_slice(&bytes[4..16]);
        // GCM's tag cannot tell a flipped byte from a wrong key; a wrong key is the likelier.
        let plain = self.cipher.decrypt(nonce, &bytes[16..]).map_err(|_| Ok(Unreadable::OtherKey))?;
        serde_json::from_slice(&plain).map_err(|_| Ok(Unreadable::Damaged))
    }

    fn write(&self, doc: &Doc) -> Result<(), SecretError> {
        let plain = serde_json::to_vec(doc).map_err(|e| storage("encoding", e))?;
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed =
            self.cipher.encrypt(Nonce::from_slice(&nonce), plain.as_slice()).map_err(|e| storage("encrypting", e))?;
        lens_files::write_atomic(&self.path, lens_files::Access::Private, |f| {
            f.write_all(MAGIC)?;
            f.write_all(&nonce)?;
            f.write_all(&sealed)
        })
        .map_err(|e| storage("writing the secrets file", e))
    }

    /// Held while the file is read, changed and written back: by the threads of this process
    /// (the mutex) and by the other processes on the data folder (the file lock), so that no
    /// one's change is lost to another's at the same moment.
    fn guard(&self) -> Result<(std::sync::MutexGuard<'_, ()>, lens_files::Lock), SecretError> {
        let m = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        Ok((m, file_lock(&self.path)?))
    }

    pub fn get(&self, account: &str) -> Result<AccountSecrets, SecretError> {
        // A read needs no lock: the file is only ever replaced whole.
        let doc = self.read()?;
        Ok(doc
            .accounts
            .get(account)
            .map(|e| AccountSecrets {
                refresh_token: e.refresh_token.clone().map(Secret::new),
                client_secret: e.client_secret.clone().map(Secret::new),
                certificate: e.certificate.clone().map(Secret::new),
            })
            .unwrap_or_default())
    }

    pub fn put(&self, account: &str, s: AccountSecrets) -> Result<(), SecretError> {
        let _g = self.guard()?;
        let mut doc = self.read()?;
        doc.accounts.insert(
            account.to_string(),
            Entry {
                refresh_token: s.refresh_token.as_ref().map(|t| t.expose().to_string()),
                client_secret: s.client_secret.as_ref().map(|t| t.expose().to_string()),
                certificate: s.certificate.as_ref().map(|t| t.expose().to_string()),
            },
        );
        self.write(&doc)
    }

    pub fn remove(&self, account: &str) -> Result<(), SecretError> {
        let _g = self.guard()?;
        let mut doc = self.read()?;
        if doc.accounts.remove(account).is_some() {
            self.write(&doc)?;
        }
        Ok(())
    }
}
