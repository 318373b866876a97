//! The accounts as the window shows and changes them: each with its state in plain words and a
//! warning before its sign-in runs out; adding one (with the way it signs in), signing in in the
//! browser, with a code on another device, with a password, or as an app; renaming, the default,
//! signing out and removing.

use std::path::Path;

use lens_auth::{Account, Cloud, SignInMethod};
use lens_model::Secret;
use serde::{Deserialize, Serialize};

use crate::access::AccessLine;
use crate::accounts::AppCredential;
use crate::error::{Action, ErrorCode, ServiceError};
use crate::first_sign_in::{self, CloudChoice, SignInSetup};
use crate::signins::{AccountState, health_warning};
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum CloudKind {
    Global,
    China,
    UsGovernment,
    Custom,
    /// The built-in sample data.
    Sample,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    pub id: String,
    pub name: String,
    /// In words: "Global", "China (21Vianet)", "US Government", "Custom", "Sample data".
    pub cloud: String,
    pub cloud_kind: CloudKind,
    pub tenant: String,
    pub client_id: String,
    pub method: SignInMethod,
    pub username: Option<String>,
    pub sample: bool,
    pub is_default: bool,
    pub state: AccountState,
    /// Seconds since 1970, when the state was last checked.
    pub checked_at: Option<i64>,
    /// Whether it has ever been signed in here: a new account waiting for its first sign-in is
    /// not an account whose sign-in ended.
    pub ever_signed_in: bool,
    /// A warning before the sign-in runs out, or that it has.
    pub warning: Option<String>,
    /// What it can and cannot read, as last tried, in sentences (empty until tried).
    pub access: Vec<AccessLine>,
    /// The service hides revenue from this person (no Executive report viewer role), as last
    /// tried: screens say "Hidden" where revenue would be.
    pub revenue_hidden: bool,
}

/// A new account, as the Add account dialog fills it in.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NewAccount {
    pub name: String,
    pub cloud: CloudKind,
    #[serde(default)]
    pub authority_url: Option<String>,
    #[serde(default)]
    pub api_url: Option<String>,
    pub tenant: String,
    pub client_id: String,
    pub method: SignInMethod,
    #[serde(default)]
    pub username: Option<String>,
}

/// What the person reads on the screen while signing in with a code on another device.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DeviceCodeView {
    pub user_code: String,
    pub verification_uri: String,
    /// Seconds since 1970 when the code stops working.
    pub expires_at: i64,
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// An app's secret, or its certificate from a file (a PEM with the key, or a PFX and its
/// password).
pub fn credential(
    secret: Option<String>,
    file: Option<&Path>,
    password: Option<String>,
) -> Result<Option<AppCredential>, ServiceError> {
    if let Some(s) = secret {
        return Ok(Some(AppCredential::Secret(Secret::new(s))));
    }
    let Some(path) = file else { return Ok(None) };
    let bytes = std::fs::read(path).map_err(|e| {
        ServiceError::new(
            ErrorCode::File,
            format!("{} could not be read: {}", path.display(), lens_engine::fsio::plain_io(&e)),
            None,
        )
    })?;
    let pfx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pfx") || e.eq_ignore_ascii_case("p12"));
    Ok(Some(if pfx {
        AppCredential::CertificatePfx { bytes, password: Secret::new(password.unwrap_or_default()) }
    } else {
        let text = String::from_utf8(bytes)
            .map_err(|_| ServiceError::usage("The certificate file is neither a PEM text file nor a .pfx file."))?;
        AppCredential::CertificatePem(text)
    }))
}

impl Workspace {
    fn view_of(&self, a: &Account) -> Result<AccountView, ServiceError> {
        let record = self.store().sign_in(&a.id)?;
        let signed_in = self.accounts().is_signed_in(a);
        let state = match &record.state {
            _ if a.sample => AccountState::SignedIn { who: "Alex Wilber (sample)".into() },
            // A password refused for want of multi-factor leaves no sign-in, but the reason
            // is worth more than "sign in again".
            Some(AccountState::MfaRequired) if !signed_in => AccountState::MfaRequired,
            _ if !signed_in => AccountState::NeedsSignIn,
            Some(s) => s.clone(),
            None => AccountState::Unknown,
        };
        let kind = match &a.cloud {
            _ if a.sample => CloudKind::Sample,
            Cloud::Global => CloudKind::Global,
            Cloud::China => CloudKind::China,
            Cloud::UsGovernment => CloudKind::UsGovernment,
            Cloud::Custom { .. } => CloudKind::Custom,
        };
        let mut record = record;
        record.state = Some(state.clone());
        let access = self.store().access(&a.id)?;
        Ok(AccountView {
            id: a.id.clone(),
            name: a.name.clone(),
            cloud: if a.sample { "Sample data".into() } else { a.cloud.title().into() },
            cloud_kind: kind,
            tenant: a.tenant.clone(),
            client_id: a.client_id.clone(),
            method: a.method,
            username: a.username.clone(),
            sample: a.sample,
            is_default: self.settings().get().default_account.as_deref() == Some(a.id.as_str()),
            warning: if a.sample { None } else { health_warning(&a.name, &record, !a.method.is_app(), now()) },
            state,
            checked_at: record.checked_at,
            ever_signed_in: a.sample || record.signed_in_at.is_some() || record.refreshed_at.is_some(),
            access: access.as_ref().map(|x| x.lines()).unwrap_or_default(),
            revenue_hidden: access.and_then(|x| x.revenue_hidden).unwrap_or(false),
        })
    }

    /// Every account with what is known of its sign-in.
    pub fn account_views(&self) -> Result<Vec<AccountView>, ServiceError> {
        self.accounts().list()?.iter().map(|a| self.view_of(a)).collect()
    }

    pub fn account_view(&self, id: &str) -> Result<AccountView, ServiceError> {
        self.view_of(&self.accounts().find(id)?)
    }

    /// Checks an account against Partner Center now: its sign-in, then what it can read.
    pub async fn check_account(&self, id: &str) -> Result<AccountView, ServiceError> {
        let client = self.client(id).await.ok();
        self.accounts().check(id, client.as_ref()).await?;
        self.account_view(id)
    }

    pub fn add_account(&self, new: NewAccount, credential: Option<AppCredential>) -> Result<AccountView, ServiceError> {
        let cloud = match new.cloud {
            CloudKind::Global => Cloud::Global,
            CloudKind::China => Cloud::China,
            CloudKind::UsGovernment => Cloud::UsGovernment,
            CloudKind::Custom => Cloud::Custom {
                authority_url: new.authority_url.clone().unwrap_or_default().trim().to_string(),
                api_url: new.api_url.clone().unwrap_or_default().trim().to_string(),
            },
            CloudKind::Sample => {
                return Err(ServiceError::usage("The sample account is added with \"Try with sample data\"."));
            }
        };
        if new.method == SignInMethod::Password && new.username.as_deref().is_none_or(|u| u.trim().is_empty()) {
            return Err(ServiceError::usage("Give the user name to sign in with."));
        }
        let account = Account {
            id: String::new(),
            name: new.name.trim().to_string(),
            cloud,
            tenant: new.tenant.trim().to_string(),
            client_id: new.client_id.trim().to_string(),
            method: new.method,
            username: new.username.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()),
            sample: false,
        };
        let saved = self.accounts().add(account, credential)?;
        self.view_of(&saved)
    }

    /// Signs the account in in the system browser; `open` shows the sign-in page. `job` lets
    /// the window cancel it.
    pub async fn sign_in_browser(
        &self,
        id: &str,
        job: &str,
        open: impl FnOnce(&url::Url) -> Result<(), String>,
    ) -> Result<AccountView, ServiceError> {
        let cancel = self.begin_job(job);
        let r = self.accounts().sign_in_browser(id, open, &cancel).await;
        self.end_job(job);
        r?;
        self.signed_in(id).await
    }

    /// What "Sign in with Microsoft" can do on this computer (the build's application, the
    /// organisation's policy).
    pub fn sign_in_setup(&self) -> SignInSetup {
        first_sign_in::setup(&self.accounts().sign_in_defaults())
    }

    /// "Sign in with Microsoft": the browser, then the person's account (found or made).
    pub async fn sign_in_new(
        &self,
        cloud: CloudChoice,
        job: &str,
        open: impl FnOnce(&url::Url) -> Result<(), String>,
    ) -> Result<AccountView, ServiceError> {
        let cancel = self.begin_job(job);
        let r = self.accounts().sign_in_new_browser(cloud, open, &cancel).await;
        self.end_job(job);
        self.signed_in(&r?.id).await
    }

    /// "Sign in with Microsoft" with a code on another device.
    pub async fn start_new_device_sign_in(&self, cloud: CloudChoice) -> Result<DeviceCodeView, ServiceError> {
        let (code, resolved) = self.accounts().start_new_device(cloud).await?;
        let view = DeviceCodeView {
            user_code: code.user_code.clone(),
            verification_uri: code.verification_uri.clone(),
            expires_at: now() + code.expires_in.as_secs() as i64,
        };
        self.accounts().pending_new_device(Some((code, resolved)));
        Ok(view)
    }

    pub async fn finish_new_device_sign_in(&self, job: &str) -> Result<AccountView, ServiceError> {
        let (code, resolved) = self.accounts().pending_new_device(None).ok_or_else(|| {
            ServiceError::new(ErrorCode::SignInFailed, "Start the sign-in with a code first.", Some(Action::SignIn))
        })?;
        let cancel = self.begin_job(job);
        let r = self.accounts().finish_new_device(&code, &resolved, &cancel).await;
        self.end_job(job);
        self.signed_in(&r?.id).await
    }

    /// The address an administrator opens to approve Partner Lens for their organisation: the
    /// account's organisation when there is one, else whichever the administrator signs in to.
    pub fn admin_consent_link(&self, cloud: CloudChoice, account: Option<&str>) -> Result<String, ServiceError> {
        let r = match account {
            Some(id) => {
                let a = self.accounts().find(id)?;
                first_sign_in::Resolved { cloud: a.cloud, client_id: a.client_id, tenant: a.tenant }
            }
            None => first_sign_in::resolve(&self.accounts().sign_in_defaults(), cloud, SignInMethod::Browser)?,
        };
        Ok(first_sign_in::admin_consent_link(&r, None))
    }

    async fn signed_in(&self, id: &str) -> Result<AccountView, ServiceError> {
        self.forget_client(id);
        self.check_account(id).await
    }

    pub async fn start_device_sign_in(&self, id: &str) -> Result<DeviceCodeView, ServiceError> {
        let code = self.accounts().start_device(id).await?;
        let view = DeviceCodeView {
            user_code: code.user_code.clone(),
            verification_uri: code.verification_uri.clone(),
            expires_at: now() + code.expires_in.as_secs() as i64,
        };
        self.pending_device(id, Some(code));
        Ok(view)
    }

    /// Waits for the person to enter the code shown (or for Cancel, or for the code to run out).
    pub async fn finish_device_sign_in(&self, id: &str, job: &str) -> Result<AccountView, ServiceError> {
        let code = self.pending_device(id, None).ok_or_else(|| {
            ServiceError::new(ErrorCode::SignInFailed, "Start the sign-in with a code first.", Some(Action::SignIn))
        })?;
        let cancel = self.begin_job(job);
        let r = self.accounts().finish_device(id, &code, &cancel).await;
        self.end_job(job);
        r?;
        self.signed_in(id).await
    }

    pub async fn sign_in_password(&self, id: &str, password: String) -> Result<AccountView, ServiceError> {
        if let Err(e) = self.accounts().sign_in_password(id, &Secret::new(password)).await {
            if e.code == ErrorCode::MfaRequired {
                self.store().set_state(id, &AccountState::MfaRequired, now())?;
            }
            return Err(e);
        }
        self.signed_in(id).await
    }

    /// A new secret or certificate for an app account.
    pub async fn set_app_credential(&self, id: &str, c: AppCredential) -> Result<AccountView, ServiceError> {
        self.accounts().set_credential(id, c)?;
        self.signed_in(id).await
    }

    pub fn rename_account(&self, id: &str, name: &str) -> Result<AccountView, ServiceError> {
        let a = self.accounts().rename(id, name)?;
        self.view_of(&a)
    }

    pub fn make_default(&self, id: &str) -> Result<(), ServiceError> {
        let a = self.accounts().find(id)?;
        self.settings().update(|s| s.default_account = Some(a.id.clone()))?;
        Ok(())
    }

    pub fn sign_out(&self, id: &str) -> Result<AccountView, ServiceError> {
        self.accounts().sign_out(id)?;
        self.forget_client(id);
        self.account_view(id)
    }

    /// Removes an account, its sign-in and the data fetched for it.
    pub fn remove_account(&self, id: &str) -> Result<(), ServiceError> {
        let gone = self.accounts().remove(id)?;
        self.forget_client(&gone.id);
        self.forget_tables(&gone.id);
        Ok(())
    }
}
