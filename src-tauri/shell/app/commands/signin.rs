//! "Sign in with Microsoft": what this computer offers, the browser or a code on another
//! device, and the link for an administrator to approve the app.

use lens_service::account_views::DeviceCodeView;
use lens_service::first_sign_in::{CloudChoice, SignInSetup};
use lens_service::{AccountView, ServiceError};
use tauri::State;

use crate::app::AppState;

#[tauri::command]
#[specta::specta]
pub fn sign_in_setup(state: State<'_, AppState>) -> SignInSetup {
    state.ws.sign_in_setup()
}

/// Signs a person in with the browser; their account is made (or found) from the sign-in.
#[tauri::command]
#[specta::specta]
pub async fn sign_in_new(
    state: State<'_, AppState>,
    cloud: CloudChoice,
    job_id: String,
) -> Result<AccountView, ServiceError> {
    let desktop = state.desktop()?;
    let view = state.ws.sign_in_new(cloud, &job_id, |url| desktop.open_url(url.as_str())).await?;
    desktop.show_window();
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn start_new_device_sign_in(
    state: State<'_, AppState>,
    cloud: CloudChoice,
) -> Result<DeviceCodeView, ServiceError> {
    let view = state.ws.start_new_device_sign_in(cloud).await?;
    state.allow_link(&view.verification_uri);
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn finish_new_device_sign_in(
    state: State<'_, AppState>,
    job_id: String,
) -> Result<AccountView, ServiceError> {
    let view = state.ws.finish_new_device_sign_in(&job_id).await?;
    state.desktop()?.show_window();
    Ok(view)
}

/// The address an administrator opens to approve Partner Lens for the organisation (the
/// account's, when one is given).
#[tauri::command]
#[specta::specta]
pub fn admin_consent_link(
    state: State<'_, AppState>,
    cloud: CloudChoice,
    account_id: Option<String>,
) -> Result<String, ServiceError> {
    state.ws.admin_consent_link(cloud, account_id.as_deref())
}
