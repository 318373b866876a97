//! The one registry of accounts, for the window and the command line alike: the accounts file,
//! the secrets kept apart (in the vault), the sample account when the person switched the sample
//! data on, what is known of each sign-in (its state, who, when it was last renewed), and a
//! client for each account that renews its own tokens and saves each rotated refresh token.
//! The sample account's simulator starts inside the process the first time it is used.

use std::sync::Arc;
use std::time::Duration;

use lens_auth::provider::{AppIdentity, RotateHook, SessionTokens, Turn, TurnHook};
use lens_auth::signin::{self, device::DeviceCode};
use lens_auth::{Account, AccountSecrets, AccountStore, AppCertificate, KeyringKey, SecretStore, SignInMethod};
use lens_client::{Client, ClientError, ErrorKind, Phase, SharedTokens};
use lens_model::Secret;
use lens_model::clock::SystemClock;
use tokio_util::sync::CancellationToken;

use crate::access::AccountAccess;
use crate::demo::{Demo, DemoOptions, SAMPLE_ACCOUNT_ID};
use crate::error::{Action, ErrorCode, ServiceError};
use crate::first_sign_in::SignInDefaults;
use crate::paths::AppPaths;
use crate::settings::SettingsStore;
use crate::signins::AccountState;
use crate::store::Store;
use crate::workspace::api_client;

pub struct Accounts {
    store: AccountStore,
    secrets: Arc<SecretStore>,
    db: Arc<Store>,
    http: reqwest::Client,
    settings: Arc<SettingsStore>,
    demo: tokio::sync::Mutex<Option<Arc<Demo>>>,
    demo_options: DemoOptions,
    /// A "Sign in with Microsoft" waiting for its code to be entered on another device.
    new_device: std::sync::Mutex<Option<(DeviceCode, crate::first_sign_in::Resolved)>>,
    sign_in_defaults: std::sync::RwLock<SignInDefaults>,
    /// Where each account's fetched data is kept (removed with the account).
    cache_dir: std::path::PathBuf,
    data_dir: std::path::PathBuf,
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl From<lens_auth::AccountsError> for ServiceError {
    fn from(e: lens_auth::AccountsError) -> Self {
        let code = match e {
            lens_auth::AccountsError::NotFound(_) => ErrorCode::NotFound,
            lens_auth::AccountsError::Exists(_) => ErrorCode::Exists,
            _ => ErrorCode::Settings,
        };
        ServiceError::new(code, e.to_string(), None)
    }
}

impl From<lens_auth::SecretError> for ServiceError {
    fn from(e: lens_auth::SecretError) -> Self {
        ServiceError::new(ErrorCode::Secrets, e.to_string(), Some(Action::SignIn))
    }
}

impl From<lens_auth::CertificateError> for ServiceError {
    fn from(e: lens_auth::CertificateError) -> Self {
        ServiceError::new(ErrorCode::SignInFailed, e.0, Some(Action::OpenSettings))
    }
}

pub fn identity(a: &Account) -> AppIdentity {
    AppIdentity {
        authority: a.cloud.authority_url().to_string(),
        tenant: a.tenant.clone(),
        client_id: a.client_id.clone(),
    }
}

/// What an app account signs in with, when it is added or its secret replaced.
pub enum AppCredential {
    Secret(Secret),
    /// A PEM file's text, or a PFX file's bytes and password.
    CertificatePem(String),
    CertificatePfx {
        bytes: Vec<u8>,
        password: Secret,
    },
}

/// A client and what keeps it working: for the sample account, its simulator runs as long as
/// the connection lives (even after the registry it came from is gone).
pub struct Connection {
    client: Client,
    _demo: Option<Arc<Demo>>,
}

impl Connection {
    pub fn new(client: Client) -> Connection {
        Connection { client, _demo: None }
    }
}

impl std::ops::Deref for Connection {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Accounts {
    pub fn open(paths: &AppPaths) -> Result<Accounts, ServiceError> {
        Accounts::with(paths, Arc::new(SettingsStore::open(&paths.data)), Arc::new(Store::open(&paths.data)?))
    }

    /// The registry over settings and a database the caller shares (the window keeps one of each).
    pub fn with(paths: &AppPaths, settings: Arc<SettingsStore>, db: Arc<Store>) -> Result<Accounts, ServiceError> {
        let secrets =
            SecretStore::open(paths.data.clone(), &KeyringKey::for_folder(paths.moved.then_some(paths.data.as_path())));
        let http = lens_client::http_client(Duration::from_secs(15), Duration::from_secs(60))?;
        Ok(Accounts {
            store: AccountStore::new(paths.data.clone()),
            cache_dir: paths.cache(),
            data_dir: paths.data.clone(),
            secrets: Arc::new(secrets),
            db,
            http,
            settings,
            demo: tokio::sync::Mutex::new(None),
            demo_options: DemoOptions::from_env(),
            new_device: std::sync::Mutex::new(None),
            sign_in_defaults: std::sync::RwLock::new(SignInDefaults::from_environment()),
        })
    }

    pub fn settings(&self) -> &Arc<SettingsStore> {
        &self.settings
    }

    pub fn db(&self) -> &Arc<Store> {
        &self.db
    }

    /// Switches the sample data on: the sample account joins the accounts.
    pub fn enable_sample(&self) -> Result<Account, ServiceError> {
        self.settings.update(|s| s.sample_data = true)?;
        Ok(crate::demo::sample_account(None))
    }

    /// The sample data's simulator, started on first use.
    pub async fn demo(&self) -> Result<Arc<Demo>, ServiceError> {
        let mut slot = self.demo.lock().await;
        if let Some(d) = slot.as_ref() {
            return Ok(d.clone());
        }
        let d = Arc::new(crate::demo::start(&self.demo_options).await?);
        *slot = Some(d.clone());
        Ok(d)
    }

    /// The time as the account's service sees it: the sample data's simulator may run its
    /// clock fast (`PARTNER_LENS_DEMO_CLOCK=fast`, so a scheduled report arrives in seconds), and
    /// a schedule must start in the service's future, not only in ours.
    pub fn service_now(&self, account: &str) -> chrono::DateTime<chrono::Utc> {
        if account == SAMPLE_ACCOUNT_ID
            && let Ok(slot) = self.demo.try_lock()
            && let Some(d) = slot.as_ref()
            && let Some(t) = chrono::DateTime::from_timestamp_micros(d.sim.state.clock.now())
        {
            return t;
        }
        chrono::Utc::now()
    }

    /// Why sign-ins are not remembered between sessions, when they are not.
    pub fn keyring_limitation(&self) -> Option<String> {
        self.secrets.limitation().map(str::to_string)
    }

    /// What happened to the saved sign-ins at opening that the person should hear about (an
    /// unreadable secrets file set aside). Only the session that set it aside says it.
    pub fn secrets_notice(&self) -> Option<String> {
        self.secrets.notice().map(str::to_string)
    }

    /// Every account: the saved ones, then the sample account when it is switched on.
    pub fn list(&self) -> Result<Vec<Account>, ServiceError> {
        let mut all = self.store.list()?;
        if self.settings.get().sample_data {
            all.push(crate::demo::sample_account(None));
        }
        Ok(all)
    }

    pub fn find(&self, id: &str) -> Result<Account, ServiceError> {
        if id == SAMPLE_ACCOUNT_ID && self.settings.get().sample_data {
            return Ok(crate::demo::sample_account(None));
        }
        Ok(self.store.find(id)?)
    }

    /// Whether the account has what it needs to get a token without asking the person.
    pub fn is_signed_in(&self, a: &Account) -> bool {
        if a.sample {
            return true;
        }
        self.secrets.get(&a.id).is_ok_and(|s| match a.method {
            SignInMethod::AppSecret => s.client_secret.is_some(),
            SignInMethod::AppCertificate => s.certificate.is_some(),
            _ => s.refresh_token.is_some(),
        })
    }

    fn credential_secrets(&self, method: SignInMethod, c: AppCredential) -> Result<AccountSecrets, ServiceError> {
        Ok(match (method, c) {
            (SignInMethod::AppSecret, AppCredential::Secret(s)) => {
                if s.expose().trim().is_empty() {
                    return Err(ServiceError::usage("Give the app's client secret."));
                }
                AccountSecrets { client_secret: Some(s), ..AccountSecrets::default() }
            }
            (SignInMethod::AppCertificate, AppCredential::CertificatePem(text)) => {
                let cert = AppCertificate::from_pem(&text)?;
                AccountSecrets { certificate: Some(cert.to_secret()?), ..AccountSecrets::default() }
            }
            (SignInMethod::AppCertificate, AppCredential::CertificatePfx { bytes, password }) => {
                let cert = AppCertificate::from_pfx(&bytes, password.expose())?;
                AccountSecrets { certificate: Some(cert.to_secret()?), ..AccountSecrets::default() }
            }
            _ => return Err(ServiceError::usage("This way of signing in takes no secret or certificate.")),
        })
    }

    /// Adds an account; an app account needs its secret or certificate now.
    pub fn add(&self, account: Account, credential: Option<AppCredential>) -> Result<Account, ServiceError> {
        if account.name.trim().is_empty() {
            return Err(ServiceError::usage("Give the account a name."));
        }
        if account.tenant.trim().is_empty() || account.client_id.trim().is_empty() {
            return Err(ServiceError::usage("Give the tenant and the app's client ID."));
        }
        if let lens_auth::Cloud::Custom { authority_url, api_url } = &account.cloud {
            for (what, u) in [("sign-in", authority_url), ("Partner Center", api_url)] {
                if url::Url::parse(u).map(|u| !matches!(u.scheme(), "http" | "https")).unwrap_or(true) {
                    return Err(ServiceError::usage(format!("The {what} address \"{u}\" is not a web address.")));
                }
            }
        }
        let secrets = match (account.method.is_app(), credential) {
            (true, Some(c)) => Some(self.credential_secrets(account.method, c)?),
            (true, None) => {
                return Err(ServiceError::usage(if account.method == SignInMethod::AppCertificate {
                    "An app account needs its certificate."
                } else {
                    "An app account needs its client secret."
                }));
            }
            (false, _) => None,
        };
        let saved = self.store.add(account)?;
        if let Some(s) = secrets
            && let Err(e) = self.secrets.put(&saved.id, s)
        {
            let _ = self.store.remove(&saved.id);
            return Err(e.into());
        }
        if self.settings.get().default_account.is_none() {
            let _ = self.settings.update(|s| s.default_account = Some(saved.id.clone()));
        }
        Ok(saved)
    }

    /// Replaces an app account's secret or certificate ("Sign in again").
    pub fn set_credential(&self, id: &str, c: AppCredential) -> Result<(), ServiceError> {
        let a = self.find(id)?;
        let secrets = self.credential_secrets(a.method, c)?;
        self.secrets.put(&a.id, secrets)?;
        Ok(())
    }

    pub fn rename(&self, id: &str, name: &str) -> Result<Account, ServiceError> {
        if id == SAMPLE_ACCOUNT_ID {
            return Err(ServiceError::usage("The sample account keeps its name."));
        }
        Ok(self.store.rename(id, name.trim())?)
    }

    /// Forgets the account's sign-in (its tokens); the account stays.
    pub fn sign_out(&self, id: &str) -> Result<(), ServiceError> {
        let a = self.find(id)?;
        let mut s = self.secrets.get(&a.id)?;
        s.refresh_token = None;
        if a.method.is_app() {
            s.client_secret = None;
            s.certificate = None;
        }
        self.secrets.put(&a.id, s)?;
        self.db.set_state(&a.id, &AccountState::NeedsSignIn, now())?;
        Ok(())
    }

    pub fn remove(&self, id: &str) -> Result<Account, ServiceError> {
        if id == SAMPLE_ACCOUNT_ID && self.settings.get().sample_data {
            self.settings.update(|s| {
                s.sample_data = false;
                if s.default_account.as_deref() == Some(SAMPLE_ACCOUNT_ID) {
                    s.default_account = None;
                }
            })?;
            return Ok(crate::demo::sample_account(None));
        }
        let gone = self.store.remove(id)?;
        self.secrets.remove(&gone.id)?;
        self.db.forget_sign_in(&gone.id)?;
        // What was fetched for it goes too: its cache, its daily copies, its report files'
        // entries in Downloads (the files themselves stay where the person keeps them). Its id is
        // never given again, so nothing of it could be shown as another account's.
        lens_engine::cache::Cache::new(self.cache_dir.clone()).remove_account(&gone.id);
        crate::snapshots::forget(&self.cache_dir, &gone.id);
        let _ = std::fs::remove_file(self.signin_lock(&gone.id));
        self.db.forget_report_files(&gone.id)?;
        self.settings.update(|s| {
            if s.default_account.as_deref() == Some(gone.id.as_str()) {
                s.default_account = None;
            }
        })?;
        Ok(gone)
    }

    /// What new sign-ins start from (the build's application, the policy).
    pub fn sign_in_defaults(&self) -> SignInDefaults {
        self.sign_in_defaults.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Replaces what new sign-ins start from (tests; nothing else changes it while running).
    pub fn set_sign_in_defaults(&self, d: SignInDefaults) {
        *self.sign_in_defaults.write().unwrap_or_else(|e| e.into_inner()) = d;
    }

    /// Keeps (`Some`) or takes (`None`) the new sign-in waiting for its device code.
    pub(crate) fn pending_new_device(
        &self,
        set: Option<(DeviceCode, crate::first_sign_in::Resolved)>,
    ) -> Option<(DeviceCode, crate::first_sign_in::Resolved)> {
        let mut slot = self.new_device.lock().unwrap_or_else(|e| e.into_inner());
        match set {
            Some(s) => {
                *slot = Some(s);
                None
            }
            None => slot.take(),
        }
    }

    /// The HTTP client sign-ins use.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// Keeps a person's new sign-in: the refresh token in the vault, who and when in the
    /// database.
    pub(crate) fn keep_tokens(&self, a: &Account, t: lens_auth::oauth::Tokens) -> Result<(), ServiceError> {
        let refresh = t.refresh_token.ok_or_else(|| {
            ServiceError::new(
                ErrorCode::SignInFailed,
                "The sign-in gave no lasting session (no refresh token).",
                Some(Action::SignIn),
            )
        })?;
        self.secrets.set_refresh_token(&a.id, refresh)?;
        let who = t.username.clone().or_else(|| a.username.clone());
        self.db.signed_in(&a.id, who.as_deref(), now())?;
        let state = AccountState::SignedIn { who: who.unwrap_or_else(|| format!("a user of {}", a.tenant)) };
        self.db.set_state(&a.id, &state, now())?;
        Ok(())
    }

    pub async fn sign_in_browser(
        &self,
        id: &str,
        open: impl FnOnce(&url::Url) -> Result<(), String>,
        cancel: &CancellationToken,
    ) -> Result<(), ServiceError> {
        let a = self.find(id)?;
        let t =
            signin::browser::sign_in(&self.http, &identity(&a), open, signin::browser::DEFAULT_TIMEOUT, cancel, now)
                .await?;
        self.keep_tokens(&a, t)
    }

    pub async fn start_device(&self, id: &str) -> Result<DeviceCode, ServiceError> {
        let a = self.find(id)?;
        Ok(signin::device::start(&self.http, &identity(&a)).await?)
    }

    pub async fn finish_device(
        &self,
        id: &str,
        code: &DeviceCode,
        cancel: &CancellationToken,
    ) -> Result<(), ServiceError> {
        let a = self.find(id)?;
        let t = signin::device::finish(&self.http, &identity(&a), code, cancel, now).await?;
        self.keep_tokens(&a, t)
    }

    pub async fn sign_in_password(&self, id: &str, password: &Secret) -> Result<(), ServiceError> {
        let a = self.find(id)?;
        let user = a.username.clone().ok_or_else(|| {
            ServiceError::new(ErrorCode::Usage, "This account has no user name.", Some(Action::OpenSettings))
        })?;
        let t = signin::password(&self.http, &identity(&a), &user, password, now()).await?;
        self.keep_tokens(&a, t)
    }

    /// A client for the account, signing in with what is saved (the sample account signs in to
    /// its simulator, started here on first use).
    pub async fn client(&self, id: &str) -> Result<(Account, Client), ServiceError> {
        let a = self.find(id)?;
        if a.sample {
            let demo = self.demo().await?;
            let account = demo.account.clone();
            let client = api_client(&account, demo.tokens.clone())?;
            return Ok((account, client));
        }
        let saved = self.secrets.get(&a.id)?;
        let app = identity(&a);
        let clock = Arc::new(SystemClock);
        let tokens: SharedTokens = match a.method {
            SignInMethod::AppSecret => {
                let secret = saved.client_secret.ok_or_else(|| missing_sign_in(&a))?;
                Arc::new(SessionTokens::app_secret(self.http.clone(), &app, secret, clock))
            }
            SignInMethod::AppCertificate => {
                let pem = saved.certificate.ok_or_else(|| missing_sign_in(&a))?;
                let cert = Arc::new(AppCertificate::from_pem(pem.expose())?);
                Arc::new(SessionTokens::app_certificate(self.http.clone(), &app, cert, clock))
            }
            _ => {
                let refresh = saved.refresh_token.ok_or_else(|| missing_sign_in(&a))?;
                let (secrets, db, account_id) = (self.secrets.clone(), self.db.clone(), a.id.clone());
                let hook: RotateHook = Arc::new(move |new: &Secret| {
                    if let Err(e) = secrets.set_refresh_token(&account_id, new.clone()) {
                        tracing::error!("the renewed sign-in could not be saved: {e}");
                    }
                    let _ = db.refreshed(&account_id, now());
                });
                let (secrets, lock, account_id) = (self.secrets.clone(), self.signin_lock(&a.id), a.id.clone());
                let turn: TurnHook = Arc::new(move || {
                    let held = lens_files::lock(&lock).map_err(|e| e.to_string())?;
                    let saved = secrets.get(&account_id).map_err(|e| e.to_string())?.refresh_token;
                    Ok((Box::new(held) as Turn, saved))
                });
                Arc::new(
                    SessionTokens::from_refresh(self.http.clone(), &app, refresh, Some(hook), clock).taking_turns(turn),
                )
            }
        };
        Ok((a.clone(), api_client(&a, tokens)?))
    }

    /// The lock file a process holds while it renews the account's sign-in.
    fn signin_lock(&self, id: &str) -> std::path::PathBuf {
        self.data_dir.join(format!("signin.{id}.lock"))
    }

    /// A client for the account that keeps what it needs alive.
    pub async fn connect(&self, id: &str) -> Result<Connection, ServiceError> {
        let (account, client) = self.client(id).await?;
        let demo = if account.sample { Some(self.demo().await?) } else { None };
        Ok(Connection { client, _demo: demo })
    }

    /// Signs in with what is saved and asks Partner Center whether it lets us in.
    pub async fn check_sign_in(&self, id: &str) -> Result<(), ServiceError> {
        let (_, client) = self.client(id).await?;
        Ok(client.check_sign_in().await?)
    }

    /// Checks the account against Partner Center (a token, then one row of analytics) and
    /// keeps what was found: its state in plain words, and, once signed in, what it can read.
    pub async fn check(&self, id: &str, client: Option<&Client>) -> Result<AccountState, ServiceError> {
        let a = self.find(id)?;
        if !self.is_signed_in(&a) {
            // Nothing to sign in with: no need to ask Partner Center. A password refused for
            // want of multi-factor keeps saying so.
            let state = match self.db.sign_in(&a.id)?.state {
                Some(AccountState::MfaRequired) => AccountState::MfaRequired,
                _ => AccountState::NeedsSignIn,
            };
            self.db.set_state(&a.id, &state, now())?;
            return Ok(state);
        }
        let owned = match client {
            Some(_) => None,
            None => self.client(id).await.map(|(_, c)| c).ok(),
        };
        let client = client.or(owned.as_ref());
        let result = match client {
            Some(c) => c.check_access().await.map_err(ServiceError::from),
            None => self.client(id).await.map(|_| ()),
        };
        let record = self.db.sign_in(&a.id)?;
        let state = match result {
            Ok(()) => AccountState::SignedIn {
                who: if a.sample {
                    "Alex Wilber (sample)".into()
                } else if a.method.is_app() {
                    format!("the app {}", a.client_id)
                } else {
                    record
                        .who
                        .clone()
                        .or_else(|| a.username.clone())
                        .unwrap_or_else(|| format!("a user of {}", a.tenant))
                },
            },
            Err(e) => AccountState::from_error(&e),
        };
        self.db.set_state(&a.id, &state, now())?;
        if let Some(c) = client
            && matches!(state, AccountState::SignedIn { .. } | AccountState::NoAccess)
        {
            let access = AccountAccess::probe(c, a.cloud.has_referrals(), a.cloud.has_insights(), now()).await;
            self.db.set_access(&a.id, &access)?;
        }
        Ok(state)
    }
}

fn missing_sign_in(a: &Account) -> ServiceError {
    ServiceError::from(ClientError::new(
        ErrorKind::SessionExpired,
        Phase::SignIn,
        // Both the window (a "Sign in" button) and the command line (`partner-lens signin`)
        // show this, so it names no screen and no command.
        format!("{} is not signed in, or its sign-in has run out: sign in again.", a.name),
    ))
}
