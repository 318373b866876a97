//! "Sign in with Microsoft": a person signs in with their work account and nothing typed. The
//! browser opens on the `organizations` authority with the build's application ID (or the one
//! their organisation's policy fixes), PKCE and `prompt=select_account`; the account is made
//! from what comes back: the organisation from the ID token's `tid`, the person from its user
//! name, the account's name from Partner Center's organisation profile. Signing in again as the
//! same person of the same organisation finds their account rather than adding another.

use std::sync::Arc;

use lens_auth::oauth::Tokens;
use lens_auth::policy::{self, Policy};
use lens_auth::provider::AppIdentity;
use lens_auth::publisher;
use lens_auth::signin::{self, device::DeviceCode};
use lens_auth::{Account, Cloud, SignInMethod};
use lens_client::{AccessToken, Call, StaticToken};
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::accounts::Accounts;
use crate::error::{Action, ErrorCode, ServiceError};
use crate::workspace::api_client;

/// The cloud a person picks under "Other clouds".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum CloudChoice {
    #[default]
    Global,
    China,
    UsGovernment,
}

/// The sign-in service and API hosts that stand in for Microsoft's global cloud when both are
/// set: how developers and tests point a build at the simulator (`./dev sim`).
pub const AUTHORITY_VAR: &str = "PARTNER_LENS_AUTHORITY_URL";
pub const API_VAR: &str = "PARTNER_LENS_API_URL";

/// What sign-in starts from on this computer: the build's application ID, the organisation's
/// policy, and the developers' stand-in for the global cloud. Read from the environment when
/// the accounts open; tests give their own.
#[derive(Debug, Clone)]
pub struct SignInDefaults {
    pub built_in_client: Option<String>,
    /// Replaces Microsoft's global cloud (the simulator, for developers and tests).
    pub global: Option<Cloud>,
    /// The policy in force, or why it cannot be used.
    pub policy: Result<Option<Policy>, String>,
}

impl SignInDefaults {
    pub fn from_environment() -> SignInDefaults {
        let var = |k: &str| std::env::var(k).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        SignInDefaults {
            built_in_client: publisher::built_in_client_id(),
            global: match (var(AUTHORITY_VAR), var(API_VAR)) {
                (Some(authority_url), Some(api_url)) => Some(Cloud::Custom { authority_url, api_url }),
                _ => None,
            },
            policy: policy::load().map_err(|e| e.to_string()),
        }
    }

    fn policy(&self) -> Result<Option<&Policy>, ServiceError> {
        self.policy
            .as_ref()
            .map(Option::as_ref)
            .map_err(|e| ServiceError::new(ErrorCode::NoApplication, e.clone(), None))
    }

    fn cloud(&self, choice: CloudChoice) -> Cloud {
        match choice {
            CloudChoice::Global => self.global.clone().unwrap_or(Cloud::Global),
            CloudChoice::China => Cloud::China,
            CloudChoice::UsGovernment => Cloud::UsGovernment,
        }
    }
}

/// Where and as which app a new sign-in goes, once resolved.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub cloud: Cloud,
    pub client_id: String,
    /// `organizations`, or the organisation a policy fixes.
    pub tenant: String,
}

impl Resolved {
    fn identity(&self) -> AppIdentity {
        AppIdentity {
            authority: self.cloud.authority_url().to_string(),
            tenant: self.tenant.clone(),
            client_id: self.client_id.clone(),
        }
    }
}

/// What the window offers for signing in, and why not when it cannot.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SignInSetup {
    /// "Sign in with Microsoft" can work: an application ID is known.
    pub ready: bool,
    /// Why it cannot, in plain words, with what to do.
    pub problem: Option<String>,
    /// The organisation set sign-in up (a policy): the window says so and offers only "Sign in".
    pub by_organisation: bool,
    /// Where the policy was read from, for IT.
    pub policy_source: Option<String>,
    /// The cloud the policy fixes; without one, "Other clouds" is offered.
    pub fixed_cloud: Option<CloudChoice>,
    /// The ways the one button may use.
    pub browser: bool,
    pub device_code: bool,
    /// "Set up by your IT department" is offered (not when the organisation set it up).
    pub it_setup: bool,
    /// The ways of signing in the IT setup may offer.
    pub it_methods: Vec<SignInMethod>,
}

fn choice_of(cloud: &Cloud) -> CloudChoice {
    match cloud {
        Cloud::China => CloudChoice::China,
        Cloud::UsGovernment => CloudChoice::UsGovernment,
        Cloud::Global | Cloud::Custom { .. } => CloudChoice::Global,
    }
}

fn no_application() -> ServiceError {
    ServiceError::new(
        ErrorCode::NoApplication,
        "This copy of Partner Lens was built without its own Microsoft sign-in, so it cannot sign you in by itself. \
         Your IT department can set it up for your organisation.",
        Some(Action::OpenSettings),
    )
}

/// What the window offers, from the build and the policy.
pub fn setup(d: &SignInDefaults) -> SignInSetup {
    let all = vec![
        SignInMethod::Browser,
        SignInMethod::DeviceCode,
        SignInMethod::AppSecret,
        SignInMethod::AppCertificate,
        SignInMethod::Password,
    ];
    match d.policy() {
        Err(e) => SignInSetup {
            ready: false,
            problem: Some(e.message),
            by_organisation: true,
            policy_source: None,
            fixed_cloud: None,
            browser: false,
            device_code: false,
            it_setup: false,
            it_methods: Vec::new(),
        },
        Ok(Some(p)) => {
            let ready = p.client_id.is_some() || d.built_in_client.is_some();
            SignInSetup {
                ready,
                problem: (!ready).then(|| no_application().message),
                by_organisation: true,
                policy_source: Some(p.source.clone()),
                fixed_cloud: p.cloud.as_ref().map(choice_of),
                browser: p.allows(SignInMethod::Browser),
                device_code: p.allows(SignInMethod::DeviceCode),
                it_setup: false,
                it_methods: all.into_iter().filter(|m| p.allows(*m)).collect(),
            }
        }
        Ok(None) => {
            let ready = d.built_in_client.is_some();
            SignInSetup {
                ready,
                problem: (!ready).then(|| no_application().message),
                by_organisation: false,
                policy_source: None,
                fixed_cloud: None,
                browser: true,
                device_code: true,
                it_setup: true,
                it_methods: all,
            }
        }
    }
}

/// Where a new sign-in goes: the policy's application, organisation and cloud where it fixes
/// them, else the build's application, `organizations` and the person's choice of cloud.
pub fn resolve(d: &SignInDefaults, choice: CloudChoice, method: SignInMethod) -> Result<Resolved, ServiceError> {
    let policy = d.policy()?;
    if let Some(p) = policy
        && !p.allows(method)
    {
        return Err(ServiceError::new(
            ErrorCode::SignInFailed,
            "Your organisation does not allow this way of signing in to Partner Lens.",
            None,
        ));
    }
    let client_id =
        policy.and_then(|p| p.client_id.clone()).or_else(|| d.built_in_client.clone()).ok_or_else(no_application)?;
    let tenant = policy.and_then(|p| p.tenant.clone()).unwrap_or_else(|| "organizations".into());
    // A cloud the policy fixes wins over the person's choice; the developers' stand-in
    // replaces the global cloud only.
    let cloud = d.cloud(policy.and_then(|p| p.cloud.as_ref()).map(choice_of).unwrap_or(choice));
    Ok(Resolved { cloud, client_id, tenant })
}

/// The address an administrator opens to approve Partner Lens for everyone in their
/// organisation (Microsoft Entra's admin consent), sending them back to the sign-in service's
/// page for native apps. `tenant` is the organisation when known, else `organizations` (the
/// administrator's own, once they sign in).
pub fn admin_consent_link(r: &Resolved, tenant: Option<&str>) -> String {
    let mut url = url::Url::parse(&format!(
        "{}/{}/v2.0/adminconsent",
        r.cloud.authority_url().trim_end_matches('/'),
        tenant.unwrap_or(&r.tenant)
    ))
    .expect("an authority URL is a URL");
    let native = format!("{}/common/oauth2/nativeclient", r.cloud.authority_url().trim_end_matches('/'));
    url.query_pairs_mut()
        .append_pair("client_id", &r.client_id)
        .append_pair("scope", "https://api.partnercenter.microsoft.com/user_impersonation")
        .append_pair("redirect_uri", &native);
    url.to_string()
}

/// A name for an account from a user name's domain, when the organisation has no profile name.
fn name_from(username: Option<&str>) -> String {
    username
        .and_then(|u| u.rsplit_once('@'))
        .map(|(_, d)| d.split('.').next().unwrap_or(d))
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut c = d.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        })
        .unwrap_or_else(|| "Partner Center".into())
}

impl Accounts {
    /// Signs a new person in with the browser; their account is made (or found) from it.
    pub async fn sign_in_new_browser(
        &self,
        choice: CloudChoice,
        open: impl FnOnce(&url::Url) -> Result<(), String>,
        cancel: &CancellationToken,
    ) -> Result<Account, ServiceError> {
        let r = resolve(&self.sign_in_defaults(), choice, SignInMethod::Browser)?;
        let t =
            signin::browser::sign_in(self.http(), &r.identity(), open, signin::browser::DEFAULT_TIMEOUT, cancel, now)
                .await?;
        self.adopt(&r, SignInMethod::Browser, t).await
    }

    /// A code for the person to enter on another device.
    pub async fn start_new_device(&self, choice: CloudChoice) -> Result<(DeviceCode, Resolved), ServiceError> {
        let r = resolve(&self.sign_in_defaults(), choice, SignInMethod::DeviceCode)?;
        Ok((signin::device::start(self.http(), &r.identity()).await?, r))
    }

    pub async fn finish_new_device(
        &self,
        code: &DeviceCode,
        r: &Resolved,
        cancel: &CancellationToken,
    ) -> Result<Account, ServiceError> {
        let t = signin::device::finish(self.http(), &r.identity(), code, cancel, now).await?;
        self.adopt(r, SignInMethod::DeviceCode, t).await
    }

    /// The account of the person who just signed in: theirs if it exists, else a new one named
    /// after their organisation.
    async fn adopt(&self, r: &Resolved, method: SignInMethod, t: Tokens) -> Result<Account, ServiceError> {
        let who = t.identity.clone().unwrap_or_default();
        let tenant =
            who.tenant_id.clone().or_else(|| (r.tenant != "organizations").then(|| r.tenant.clone())).ok_or_else(
                || {
                    ServiceError::new(
                        ErrorCode::SignInFailed,
                        "The sign-in did not say which organisation you belong to. Try again.",
                        Some(Action::SignIn),
                    )
                },
            )?;
        let username = who.username.clone().or(t.username.clone());
        let same = |a: &Account| {
            !a.sample
                && a.cloud == r.cloud
                && a.tenant.eq_ignore_ascii_case(&tenant)
                && a.client_id.eq_ignore_ascii_case(&r.client_id)
                && a.username.as_deref().map(str::to_lowercase) == username.as_deref().map(str::to_lowercase)
        };
        let account = match self.list()?.into_iter().find(same) {
            Some(a) => a,
            None => {
                let probe = Account {
                    id: String::new(),
                    name: String::new(),
                    cloud: r.cloud.clone(),
                    tenant: tenant.clone(),
                    client_id: r.client_id.clone(),
                    method,
                    username: username.clone(),
                    sample: false,
                };
                let token = AccessToken { value: t.access_token.clone(), as_user_ticket: false };
                let organisation = match api_client(&probe, Arc::new(StaticToken(token))) {
                    Ok(c) => c.organization_name(&Call::default()).await.unwrap_or_else(|e| {
                        tracing::info!("the organisation profile could not be read: {e}");
                        None
                    }),
                    Err(_) => None,
                };
                let base = organisation.unwrap_or_else(|| name_from(username.as_deref()));
                // Two people of one organisation (or one person in two clouds) each get an
                // account: the second is told apart by who signed in.
                let taken = |n: &str| self.list().is_ok_and(|all| all.iter().any(|a| a.name.eq_ignore_ascii_case(n)));
                let mut name = base.clone();
                if taken(&name) {
                    name = format!("{base} ({})", username.as_deref().unwrap_or("another sign-in"));
                }
                let mut n = 2;
                while taken(&name) {
                    name = format!("{base} ({}) {n}", username.as_deref().unwrap_or("another sign-in"));
                    n += 1;
                }
                self.add(Account { name, ..probe }, None)?
            }
        };
        self.keep_tokens(&account, t)?;
        Ok(account)
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_domain_when_the_organisation_has_none() {
        assert_eq!(name_from(Some("alex@contoso.onmicrosoft.com")), "Contoso");
        assert_eq!(name_from(Some("no-domain")), "Partner Center");
        assert_eq!(name_from(None), "Partner Center");
    }

    #[test]
    fn the_admin_link_names_the_app_scope_and_native_page() {
        let r = Resolved {
            cloud: Cloud::Global,
            client_id: "5e1b7c3a-9d24-4f6e-b8a1-2c7d0f4e9a63".into(),
            tenant: "organizations".into(),
        };
        let link = admin_consent_link(&r, Some("4f9c2d1e-7a3b-4c5d-8e6f-1a2b3c4d5e6f"));
        assert!(link.starts_with("https://login.microsoftonline.com/4f9c2d1e-7a3b-4c5d-8e6f-1a2b3c4d5e6f/v2.0/adminconsent?client_id=5e1b7c3a"), "{link}");
        assert!(link.contains("scope=https%3A%2F%2Fapi.partnercenter.microsoft.com%2Fuser_impersonation"));
        assert!(link.contains("redirect_uri=https%3A%2F%2Flogin.microsoftonline.com%2Fcommon%2Foauth2%2Fnativeclient"));
        assert!(admin_consent_link(&r, None).contains("/organizations/v2.0/adminconsent"));
    }
}
