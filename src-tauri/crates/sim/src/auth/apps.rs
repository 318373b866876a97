//! The applications registered in the simulated directory, and the checks the sign-in service
//! makes of a client before anything else: that the application exists in the organisation
//! asked for, and whether it is a confidential app (a secret or certificate) or a public client
//! (a desktop app, which must not present one).

use crate::directory::{SIM_PUBLIC_CLIENT_ID, Tenant};
use crate::errors::OAuthError;
use crate::state::SimState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppKind {
    /// Signs in with a client secret or certificate; registered in the sample organisation
    /// only (single-tenant), as an IT department registers its own app.
    Confidential,
    /// A multi-tenant public client (the publisher's registration): signs in people of any
    /// organisation, through the browser with PKCE, with no secret.
    Public,
}

#[derive(Debug, Clone)]
pub struct App {
    pub client_id: String,
    pub kind: AppKind,
    /// The application's name on the consent page and in errors.
    pub name: &'static str,
}

/// The application registered under `client_id`, if any.
pub fn find(s: &SimState, client_id: &str) -> Option<App> {
    let cfg = s.config();
    let id = client_id.trim();
    if id.eq_ignore_ascii_case(&cfg.credentials.client_id) {
        return Some(App {
            client_id: cfg.credentials.client_id,
            kind: AppKind::Confidential,
            name: "Partner Lens (IT)",
        });
    }
    let public = std::iter::once(SIM_PUBLIC_CLIENT_ID).chain(cfg.built_in_client.as_deref());
    public.clone().find(|p| p.eq_ignore_ascii_case(id)).map(|p| App {
        client_id: p.to_string(),
        kind: AppKind::Public,
        name: "Partner Lens",
    })
}

/// The application, which must exist in `tenant` (a public client exists in every organisation;
/// a confidential one in the sample organisation only). `tenant` is `None` for the
/// organisation-neutral authorities (`organizations`, `common`), before anyone has signed in.
pub fn check(s: &SimState, client_id: &str, tenant: Option<&Tenant>) -> Result<App, OAuthError> {
    let not_found = |where_: &str| {
        OAuthError::new(
            "unauthorized_client",
            700_016,
            format!(
                "Application with identifier '{client_id}' was not found in the directory '{where_}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant."
            ),
        )
    };
    let app =
        find(s, client_id).ok_or_else(|| not_found(tenant.map(|t| t.domain.as_str()).unwrap_or("organizations")))?;
    if let (AppKind::Confidential, Some(t)) = (app.kind, tenant)
        && t.id != s.directory.home().id
    {
        return Err(not_found(&t.domain));
    }
    Ok(app)
}
