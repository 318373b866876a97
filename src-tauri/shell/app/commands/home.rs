//! Home: headline figures, highlights, the renewal radar, what changed since the last visit.

use lens_service::home::{HomeSummary, Tile};
use lens_service::refresh::{DatasetRefresh, RefreshProgress};
use lens_service::workspace::parse_today;
use lens_service::{DatasetId, ServiceError};
use tauri::State;

use crate::app::AppState;

#[tauri::command]
#[specta::specta]
pub async fn home(state: State<'_, AppState>, account_id: String, today: String) -> Result<HomeSummary, ServiceError> {
    state.ws.home(&account_id, parse_today(&today)?).await
}

/// Home's tiles from Partner Center's own grouping: shown while the data sets are fetched the
/// first time.
#[tauri::command]
#[specta::specta]
pub async fn home_tiles(
    state: State<'_, AppState>,
    account_id: String,
    today: String,
) -> Result<Vec<Tile>, ServiceError> {
    state.ws.home_tiles(&account_id, parse_today(&today)?).await
}

/// The days of which a copy of the data is kept (for "as of"), newest first.
#[tauri::command]
#[specta::specta]
pub fn snapshot_days(state: State<'_, AppState>, account_id: String, dataset: DatasetId) -> Vec<String> {
    state.ws.snapshot_days(&account_id, dataset).into_iter().map(|d| d.to_string()).collect()
}

/// Puts every data set at hand for Home: the copies here, or fetched now (all of them with
/// `fetch_all`). `job_id` cancels.
#[tauri::command]
#[specta::specta]
pub async fn refresh_all(
    state: State<'_, AppState>,
    account_id: String,
    fetch_all: bool,
    job_id: String,
    on_progress: tauri::ipc::Channel<RefreshProgress>,
) -> Result<Vec<DatasetRefresh>, ServiceError> {
    let progress = move |p: RefreshProgress| {
        let _ = on_progress.send(p);
    };
    state.ws.refresh_all(&account_id, fetch_all, &job_id, &progress).await
}
