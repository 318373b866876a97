//! The commands the window calls. Each converts its arguments, calls one core function and
//! converts the result; no logic lives here.

use lens_engine::Question;
use lens_model::dataset::DatasetId;
use lens_service::{AccountView, Answer, DatasetInfo, FetchReport, LoadProgress, ServiceError};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use super::AppState;

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub accounts: Vec<AccountView>,
}

#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        accounts: state.ws.accounts().iter().map(AccountView::from).collect(),
    }
}

#[tauri::command]
#[specta::specta]
pub fn dataset_info(dataset: DatasetId) -> DatasetInfo {
    lens_service::dataset_info(dataset)
}

/// Opens the copy of a data set saved by an earlier session, if any, so the window can show it
/// at once while a fresh fetch runs.
#[tauri::command]
#[specta::specta]
pub async fn open_cached(
    state: State<'_, AppState>,
    account_id: String,
    dataset: DatasetId,
) -> Result<Option<FetchReport>, ServiceError> {
    state.ws.open_cached(&account_id, dataset).await
}

/// Fetches a data set into memory, reporting progress; `job_id` lets the window cancel it.
#[tauri::command]
#[specta::specta]
pub async fn load_dataset(
    state: State<'_, AppState>,
    account_id: String,
    dataset: DatasetId,
    job_id: String,
    on_progress: Channel<LoadProgress>,
) -> Result<FetchReport, ServiceError> {
    let progress = move |p: lens_client::Progress| {
        let _ = on_progress.send(p.into());
    };
    state.ws.load(&account_id, dataset, None, &job_id, &progress).await
}

#[tauri::command]
#[specta::specta]
pub fn cancel_job(state: State<'_, AppState>, job_id: String) -> bool {
    state.ws.cancel(&job_id)
}

/// Answers a question about a loaded data set (grouping, periods, metrics).
#[tauri::command]
#[specta::specta]
pub async fn ask(
    state: State<'_, AppState>,
    account_id: String,
    dataset: DatasetId,
    question: Question,
) -> Result<Answer, ServiceError> {
    let table = state.ws.table(&account_id, dataset).ok_or_else(|| {
        ServiceError::new(
            "not_loaded",
            format!("{} has not been loaded yet.", dataset.title()),
            Some(lens_service::Action::Retry),
        )
    })?;
    tokio::task::spawn_blocking(move || lens_service::ask(&table, &question)).await.map_err(ServiceError::internal)?
}
