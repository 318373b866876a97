//! Downloads: the report files that arrived by themselves, opening them in their default app,
//! in the file manager or in Explore, and trying a failed run again.

use std::path::PathBuf;

use lens_service::downloads::store::ReportFile;
use lens_service::explore::{CompiledFilters, FieldValues, FilterChip};
use lens_service::reports::schedule::system_zone;
use lens_service::workspace::parse_today;
use lens_service::{DatasetInfo, ServiceError};
use tauri::State;

use crate::app::AppState;

#[derive(serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DownloadList {
    pub files: Vec<ReportFile>,
    /// Where files go.
    pub library: String,
}

#[tauri::command]
#[specta::specta]
pub fn list_downloads(state: State<'_, AppState>) -> Result<DownloadList, ServiceError> {
    Ok(DownloadList { files: state.ws.store().report_files()?, library: state.ws.library().display().to_string() })
}

/// Asks every account for new files now (instead of at the worker's next round).
#[tauri::command]
#[specta::specta]
pub fn check_downloads_now(state: State<'_, AppState>) {
    state.wake_worker();
}

#[tauri::command]
#[specta::specta]
pub async fn retry_download(state: State<'_, AppState>, id: String) -> Result<ReportFile, ServiceError> {
    let f =
        state.ws.store().report_file(&id)?.ok_or_else(|| ServiceError::not_found("That run is not in the list."))?;
    state.ws.retry_file(&id, state.ws.accounts().service_now(&f.account), system_zone()).await
}

fn file_of(state: &AppState, id: &str) -> Result<PathBuf, ServiceError> {
    let f =
        state.ws.store().report_file(id)?.ok_or_else(|| ServiceError::not_found("That file is not in the list."))?;
    let p = PathBuf::from(f.path.ok_or_else(|| ServiceError::not_found("That run failed, so it has no file."))?);
    if !p.exists() {
        return Err(ServiceError::not_found(format!(
            "The file is no longer at {}: it was moved or deleted.",
            p.display()
        )));
    }
    Ok(p)
}

/// Opens a downloaded file in its default app (Excel for most).
#[tauri::command]
#[specta::specta]
pub fn open_download(state: State<'_, AppState>, id: String) -> Result<(), ServiceError> {
    let p = file_of(&state, &id)?;
    state.desktop()?.open(&p).map_err(|e| ServiceError::usage(format!("The file could not be opened: {e}")))
}

#[tauri::command]
#[specta::specta]
pub fn show_download(state: State<'_, AppState>, id: String) -> Result<(), ServiceError> {
    let p = file_of(&state, &id)?;
    state.desktop()?.reveal(&p).map_err(|e| ServiceError::usage(format!("The folder could not be shown: {e}")))
}

/// A downloaded file described for Explore (its columns as fields).
#[tauri::command]
#[specta::specta]
pub async fn download_info(state: State<'_, AppState>, id: String) -> Result<DatasetInfo, ServiceError> {
    state.ws.file_info(&id).await
}

/// The values a column of a downloaded file takes (Explore's filter picker over a file).
#[tauri::command]
#[specta::specta]
pub async fn download_values(
    state: State<'_, AppState>,
    id: String,
    field: String,
    search: Option<String>,
) -> Result<FieldValues, ServiceError> {
    state.ws.file_values(&id, &field, search).await
}

/// Filter chips over a downloaded file as text, checked against its columns.
#[tauri::command]
#[specta::specta]
pub async fn compile_download_filters(
    state: State<'_, AppState>,
    id: String,
    chips: Vec<FilterChip>,
    today: String,
) -> Result<CompiledFilters, ServiceError> {
    state.ws.compile_file_filters(&id, &chips, parse_today(&today)?).await
}
