//! Accounts: one Partner Center tenant each, and how to sign in to it. Kept as an ordinary
//! settings file (`accounts.json`); secrets never are part of it (see `secrets`).

use std::fs;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::cloud::Cloud;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SignInMethod {
    /// Authorization code with PKCE in the system browser (works with MFA). The main way.
    Browser,
    /// A code typed on another device's browser; the fallback when no browser opens here.
    DeviceCode,
    /// User name and password (legacy: fails where multi-factor sign-in is enforced).
    Password,
    /// App only, with client id and secret: the Insights API's documented way.
    AppSecret,
    /// App only, with a certificate: a signed client assertion instead of a secret.
    AppCertificate,
}

impl SignInMethod {
    pub fn parse(s: &str) -> Option<SignInMethod> {
        Some(match s.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "browser" => SignInMethod::Browser,
            "device" | "devicecode" => SignInMethod::DeviceCode,
            "password" => SignInMethod::Password,
            "app" | "appsecret" | "secret" => SignInMethod::AppSecret,
            "certificate" | "cert" | "appcertificate" => SignInMethod::AppCertificate,
            _ => return None,
        })
    }

    pub fn title(self) -> &'static str {
        match self {
            SignInMethod::Browser => "browser",
            SignInMethod::DeviceCode => "device code",
            SignInMethod::Password => "user name and password (legacy)",
            SignInMethod::AppSecret => "app secret",
            SignInMethod::AppCertificate => "app certificate",
        }
    }

    /// The app signs in by itself (no person, no refresh token).
    pub fn is_app(self) -> bool {
        matches!(self, SignInMethod::AppSecret | SignInMethod::AppCertificate)
    }
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
    /// For the password method: who signs in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The built-in sample account of demo mode (never saved).
    #[serde(default, skip_serializing)]
    pub sample: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    #[error("The account settings could not be read: {0}. They have been set aside as accounts.json.damaged.")]
    Damaged(String),
    #[error("The account settings could not be saved: {0}")]
    Io(String),
    #[error("There is no account \"{0}\".")]
    NotFound(String),
    #[error("An account named \"{0}\" already exists.")]
    Exists(String),
}

/// The accounts file.
pub struct AccountStore {
    path: PathBuf,
}

#[derive(Serialize, Deserialize, Default)]
struct File {
    version: u32,
    accounts: Vec<Account>,
    /// The ids of removed accounts, never given again: data kept under an id (a cache, a
    /// report's files) must never be shown to another account that got the same id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    retired: Vec<String>,
}

impl AccountStore {
    pub fn new(dir: PathBuf) -> AccountStore {
        AccountStore { path: dir.join("accounts.json") }
    }

    pub fn list(&self) -> Result<Vec<Account>, AccountsError> {
        Ok(self.read()?.accounts)
    }

    /// The whole file. A read needs no lock: the file is only ever replaced whole.
    fn read(&self) -> Result<File, AccountsError> {
        // Bytes, not text: a file that is not UTF-8 is damaged like any other and set aside
        // (read as text, it failed every time and no account could be listed again).
        let bytes = match fs::read(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(File::default()),
            Err(e) => return Err(AccountsError::Io(e.to_string())),
        };
        match serde_json::from_slice::<File>(&bytes) {
            Ok(f) => Ok(f),
            Err(e) => {
                // Keep the damaged file for a person to look at; start afresh.
                let _ = fs::rename(&self.path, self.path.with_extension("json.damaged"));
                Err(AccountsError::Damaged(e.to_string()))
            }
        }
    }

    /// Reads the file, lets `f` change it, and writes it back, all under a lock across
    /// processes: two `accounts add` at once each keep their account.
    fn change<T>(&self, f: impl FnOnce(&mut File) -> Result<T, AccountsError>) -> Result<T, AccountsError> {
        let io = |e: std::io::Error| AccountsError::Io(e.to_string());
        if let Some(dir) = self.path.parent() {
            lens_files::private_dir(dir).map_err(io)?;
        }
        let _held = lens_files::lock(&self.path.with_extension("json.lock")).map_err(io)?;
        let mut file = self.read()?;
        let out = f(&mut file)?;
        file.version = 1;
        file.accounts.retain(|a| !a.sample);
        let text = serde_json::to_vec_pretty(&file).map_err(|e| AccountsError::Io(e.to_string()))?;
        lens_files::write_atomic(&self.path, lens_files::Access::Private, |w| std::io::Write::write_all(w, &text))
            .map_err(io)?;
        Ok(out)
    }

    /// Adds an account, giving it an id from its name.
    pub fn add(&self, mut account: Account) -> Result<Account, AccountsError> {
        self.change(|file| {
            let all = &file.accounts;
            if all.iter().any(|a| a.name.eq_ignore_ascii_case(&account.name)) {
                return Err(AccountsError::Exists(account.name.clone()));
            }
            let base: String = account
                .name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
                .collect::<String>()
                .split('-')
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            let base = if base.is_empty() { "account".to_string() } else { base };
            let taken = |id: &str| all.iter().any(|a| a.id == id) || file.retired.iter().any(|r| r == id);
            let mut id = base.clone();
            let mut n = 2;
            while taken(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            account.id = id;
            file.accounts.push(account.clone());
            Ok(account)
        })
    }

    pub fn remove(&self, id: &str) -> Result<Account, AccountsError> {
        self.change(|file| {
            let pos = file
                .accounts
                .iter()
                .position(|a| a.id == id || a.name.eq_ignore_ascii_case(id))
                .ok_or_else(|| AccountsError::NotFound(id.into()))?;
            let gone = file.accounts.remove(pos);
            file.retired.push(gone.id.clone());
            Ok(gone)
        })
    }

    /// Gives an account another name (its id stays, so saved data stays with it).
    pub fn rename(&self, id: &str, name: &str) -> Result<Account, AccountsError> {
        if name.is_empty() {
            return Err(AccountsError::Io("an account needs a name".into()));
        }
        self.change(|file| {
            if file.accounts.iter().any(|a| a.id != id && a.name.eq_ignore_ascii_case(name)) {
                return Err(AccountsError::Exists(name.to_string()));
            }
            let a = file.accounts.iter_mut().find(|a| a.id == id).ok_or_else(|| AccountsError::NotFound(id.into()))?;
            a.name = name.to_string();
            Ok(a.clone())
        })
    }

    pub fn find(&self, id_or_name: &str) -> Result<Account, AccountsError> {
        self.list()?
            .into_iter()
            .find(|a| a.id == id_or_name || a.name.eq_ignore_ascii_case(id_or_name))
            .ok_or_else(|| AccountsError::NotFound(id_or_name.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acct(name: &str) -> Account {
        Account {
            id: String::new(),
            name: name.into(),
            cloud: Cloud::Global,
            tenant: "contoso.onmicrosoft.com".into(),
            client_id: "c".into(),
            method: SignInMethod::Browser,
            username: None,
            sample: false,
        }
    }

    #[test]
    fn add_list_find_remove_and_unique_ids() {
        let dir = tempfile::tempdir().unwrap();
        let s = AccountStore::new(dir.path().into());
        assert!(s.list().unwrap().is_empty());
        let a = s.add(acct("Contoso EU")).unwrap();
        assert_eq!(a.id, "contoso-eu");
        assert!(matches!(s.add(acct("contoso eu")), Err(AccountsError::Exists(_))), "names are unique, ignoring case");
        let d = s.add(acct("Contoso/EU")).unwrap();
        assert_eq!(d.id, "contoso-eu-2");
        assert_eq!(s.find("Contoso EU").unwrap().id, "contoso-eu");
        s.remove("contoso-eu").unwrap();
        assert_eq!(s.list().unwrap().len(), 1);
        assert!(matches!(s.remove("nobody"), Err(AccountsError::NotFound(_))));
    }

    #[test]
    fn a_damaged_file_is_set_aside_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("accounts.json"), "{not json").unwrap();
        let s = AccountStore::new(dir.path().into());
        assert!(matches!(s.list(), Err(AccountsError::Damaged(_))));
        assert!(dir.path().join("accounts.json.damaged").exists());
        assert!(s.list().unwrap().is_empty());
    }

    #[test]
    fn the_sample_account_is_never_saved() {
        let dir = tempfile::tempdir().unwrap();
        let s = AccountStore::new(dir.path().into());
        s.add(Account { sample: true, ..acct("Sample") }).unwrap();
        assert!(s.list().unwrap().is_empty());
    }
}
