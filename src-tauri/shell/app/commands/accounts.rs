//! Accounts: adding one, signing in (browser, device code, password, app secret or
//! certificate), checking, renaming, the default, signing out, removing.

use std::path::PathBuf;

use lens_service::account_views::{DeviceCodeView, NewAccount, credential};
use lens_service::{AccountView, ServiceError};
use tauri::State;

use crate::app::AppState;

#[tauri::command]
#[specta::specta]
pub fn list_accounts(state: State<'_, AppState>) -> Result<Vec<AccountView>, ServiceError> {
    state.ws.account_views()
}

/// Checks an account against Partner Center now: its state in plain words.
#[tauri::command]
#[specta::specta]
pub async fn check_account(state: State<'_, AppState>, account_id: String) -> Result<AccountView, ServiceError> {
    state.ws.check_account(&account_id).await
}

/// Adds an account. An app account brings its secret, or a certificate file chosen in the Open
/// dialog (with the password of a PFX file).
#[tauri::command]
#[specta::specta]
pub async fn add_account(
    state: State<'_, AppState>,
    account: NewAccount,
    secret: Option<String>,
    certificate_path: Option<String>,
    certificate_password: Option<String>,
) -> Result<AccountView, ServiceError> {
    let file = certificate_path.map(|p| chosen(&state, &p)).transpose()?;
    let c = credential(secret, file.as_deref(), certificate_password)?;
    state.ws.add_account(account, c)
}

fn chosen(state: &AppState, path: &str) -> Result<PathBuf, ServiceError> {
    let p = PathBuf::from(path);
    if !state.may_open(&p) {
        return Err(ServiceError::usage("Choose the certificate file in the Open dialog."));
    }
    Ok(p)
}

/// Picks a certificate file (PEM or PFX) in the system's Open dialog.
#[tauri::command]
#[specta::specta]
pub async fn choose_certificate_file(state: State<'_, AppState>) -> Result<Option<String>, ServiceError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    state.desktop()?.open_dialog(
        "Certificate (PEM or PFX)",
        &["pem", "pfx", "p12", "crt", "key"],
        Box::new(move |p| {
            let _ = tx.send(p);
        }),
    );
    let Some(path) = rx.await.ok().flatten() else { return Ok(None) };
    state.chose(&path);
    Ok(Some(path.display().to_string()))
}

/// Signs in in the system browser and waits ("Waiting for your browser…"); `job_id` cancels.
#[tauri::command]
#[specta::specta]
pub async fn sign_in_browser(
    state: State<'_, AppState>,
    account_id: String,
    job_id: String,
) -> Result<AccountView, ServiceError> {
    let desktop = state.desktop()?;
    let view = state.ws.sign_in_browser(&account_id, &job_id, |url| desktop.open_url(url.as_str())).await?;
    desktop.show_window();
    Ok(view)
}

/// A code to type on another device, and where.
#[tauri::command]
#[specta::specta]
pub async fn start_device_sign_in(
    state: State<'_, AppState>,
    account_id: String,
) -> Result<DeviceCodeView, ServiceError> {
    let view = state.ws.start_device_sign_in(&account_id).await?;
    state.allow_link(&view.verification_uri);
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn finish_device_sign_in(
    state: State<'_, AppState>,
    account_id: String,
    job_id: String,
) -> Result<AccountView, ServiceError> {
    let view = state.ws.finish_device_sign_in(&account_id, &job_id).await?;
    state.desktop()?.show_window();
    Ok(view)
}

/// Opens a page the backend handed out (a device code's sign-in page) in the browser.
#[tauri::command]
#[specta::specta]
pub fn open_link(state: State<'_, AppState>, url: String) -> Result<(), ServiceError> {
    if !state.may_open_link(&url) {
        return Err(ServiceError::usage("That address cannot be opened from here."));
    }
    state.desktop()?.open_url(&url).map_err(|e| ServiceError::usage(format!("The browser could not be opened: {e}")))
}

#[tauri::command]
#[specta::specta]
pub async fn sign_in_password(
    state: State<'_, AppState>,
    account_id: String,
    password: String,
) -> Result<AccountView, ServiceError> {
    state.ws.sign_in_password(&account_id, password).await
}

/// A new secret or certificate for an app account ("Sign in again").
#[tauri::command]
#[specta::specta]
pub async fn set_app_credential(
    state: State<'_, AppState>,
    account_id: String,
    secret: Option<String>,
    certificate_path: Option<String>,
    certificate_password: Option<String>,
) -> Result<AccountView, ServiceError> {
    let file = certificate_path.map(|p| chosen(&state, &p)).transpose()?;
    let c = credential(secret, file.as_deref(), certificate_password)?
        .ok_or_else(|| ServiceError::usage("Give the new secret or certificate."))?;
    state.ws.set_app_credential(&account_id, c).await
}

#[tauri::command]
#[specta::specta]
pub fn rename_account(
    state: State<'_, AppState>,
    account_id: String,
    name: String,
) -> Result<AccountView, ServiceError> {
    state.ws.rename_account(&account_id, &name)
}

#[tauri::command]
#[specta::specta]
pub fn make_default_account(state: State<'_, AppState>, account_id: String) -> Result<(), ServiceError> {
    state.ws.make_default(&account_id)
}

#[tauri::command]
#[specta::specta]
pub fn sign_out(state: State<'_, AppState>, account_id: String) -> Result<AccountView, ServiceError> {
    state.ws.sign_out(&account_id)
}

#[tauri::command]
#[specta::specta]
pub fn remove_account(state: State<'_, AppState>, account_id: String) -> Result<(), ServiceError> {
    state.ws.remove_account(&account_id)
}
