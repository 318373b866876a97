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
}

fn storage(what: &str, e: impl std::fmt::Display) -> SecretError {
    SecretError::Storage(format!("{what}: {e}"))
}

impl Vault {
    pub fn open(path: PathBuf, keys: &dyn KeySource) -> Result<Vault, SecretError> {
        let key = keys.key()?;
        let cipher = Aes256Gcm::new_from_slice(&key).map_err(|e| storage("key", e))?;
        let v = Vault { path, cipher, lock: Mutex::new(()) };
        // Fail now, not at the first sign-in, if the file is unreadable.
        v.read()?;
        Ok(v)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn read(&self) -> Result<Doc, SecretError> {
        let bytes = match fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Doc::default()),
            Err(e) => return Err(storage("reading the secrets file", e)),
        };
        if bytes.len() < 16 || &bytes[..4] != MAGIC {
            return Err(SecretError::Storage("the secrets file is damaged; sign in again to replace it".into()));
        }
        let nonce = Nonce::from_slice(&bytes[4..16]);
        let plain = self.cipher.decrypt(nonce, &bytes[16..]).map_err(|_| {
            SecretError::Storage("the secrets file cannot be decrypted with this computer's key; sign in again".into())
        })?;
        serde_json::from_slice(&plain).map_err(|e| storage("the secrets file", e))
    }

    fn write(&self, doc: &Doc) -> Result<(), SecretError> {
        let plain = serde_json::to_vec(doc).map_err(|e| storage("encoding", e))?;
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed =
            self.cipher.encrypt(Nonce::from_slice(&nonce), plain.as_slice()).map_err(|e| storage("encrypting", e))?;
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir).map_err(|e| storage("creating the folder", e))?;
        }
        let tmp = self.path.with_extension("bin.partial");
        let result = (|| -> std::io::Result<()> {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(MAGIC)?;
            f.write_all(&nonce)?;
            f.write_all(&sealed)?;
            f.sync_all()?;
            fs::rename(&tmp, &self.path)
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&tmp);
            return Err(storage("writing the secrets file", e));
        }
        Ok(())
    }

    fn guard(&self) -> std::sync::MutexGuard<'_, ()> {
        self.lock.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, account: &str) -> Result<AccountSecrets, SecretError> {
        let _g = self.guard();
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
        let _g = self.guard();
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
        let _g = self.guard();
        let mut doc = self.read()?;
        if doc.accounts.remove(account).is_some() {
            self.write(&doc)?;
        }
        Ok(())
    }
}
