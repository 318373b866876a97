//! The app as a whole: what the window opens on, settings, the sample data, the cache.

use lens_service::describe::DatasetSummary;
use lens_service::settings::{Settings, SettingsChange};
use lens_service::{AccountView, ServiceError};
use serde::Serialize;
use tauri::State;

use crate::app::AppState;

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub accounts: Vec<AccountView>,
    pub datasets: Vec<DatasetSummary>,
    pub settings: Settings,
    /// Where settings, the cache and report files are kept.
    pub data_dir: String,
    pub logs_dir: String,
    /// Bytes the cache of fetched data takes.
    pub cache_bytes: f64,
    /// Why sign-ins are not remembered, when the computer has no password store.
    pub keyring_note: Option<String>,
    /// The newest crash report in the logs folder, if Partner Lens ever stopped unexpectedly.
    pub last_crash: Option<lens_service::crash::CrashReport>,
}

#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ServiceError> {
    let ws = &state.ws;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        accounts: ws.account_views()?,
        datasets: lens_service::describe::datasets(),
        settings: ws.settings().get(),
        data_dir: ws.paths().data.display().to_string(),
        logs_dir: ws.paths().logs.display().to_string(),
        cache_bytes: ws.cache_size() as f64,
        keyring_note: ws.accounts().keyring_limitation().or_else(|| ws.accounts().secrets_notice()),
        last_crash: lens_service::crash::reports(&ws.paths().logs).into_iter().next(),
    })
}

/// "Try with sample data".
#[tauri::command]
#[specta::specta]
pub async fn start_sample(state: State<'_, AppState>) -> Result<AccountView, ServiceError> {
    state.ws.start_sample().await
}

#[tauri::command]
#[specta::specta]
pub fn update_settings(state: State<'_, AppState>, change: SettingsChange) -> Result<Settings, ServiceError> {
    state.ws.settings().apply(change)
}

/// "Start when I sign in to my computer" (tauri-plugin-autostart), remembered in the settings.
#[tauri::command]
#[specta::specta]
pub fn set_start_at_login(state: State<'_, AppState>, on: bool) -> Result<Settings, ServiceError> {
    state
        .desktop()?
        .set_autostart(on)
        .map_err(|e| ServiceError::usage(format!("Partner Lens could not change how it starts: {e}")))?;
    state.ws.settings().update(|s| s.start_at_login = on)
}

/// Empties the cache of fetched data; returns the bytes freed.
#[tauri::command]
#[specta::specta]
pub fn clear_cache(state: State<'_, AppState>) -> Result<f64, ServiceError> {
    state.ws.clear_cache().map(|b| b as f64)
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Licence {
    pub name: String,
    pub version: String,
    pub licence: String,
}

/// The open-source components inside the app and their licences (`./dev licences` makes the
/// list from Cargo.lock and the UI's package-lock.json).
#[tauri::command]
#[specta::specta]
pub fn licences() -> Vec<Licence> {
    serde_json::from_str(include_str!("../../licences.json")).unwrap_or_default()
}
