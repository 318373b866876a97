//! Explore: data sets, fetching with progress and cancel, answers, rows, values, drilling.

use lens_service::explore::{
    CompiledFilters, DrillPoint, ExploreAnswer, FieldValues, FilterChip, RowsPage, RowsQuery, View, filters,
};
use lens_service::workspace::parse_today;
use lens_service::{DatasetId, DatasetInfo, FetchReport, LoadProgress, ServiceError};
use tauri::State;
use tauri::ipc::Channel;

use crate::app::AppState;

#[tauri::command]
#[specta::specta]
pub fn dataset_info(dataset: DatasetId, all_accounts: bool) -> DatasetInfo {
    lens_service::dataset_info(dataset, all_accounts)
}

/// The chips as filter text: all of it, the service's part, the part applied here.
#[tauri::command]
#[specta::specta]
pub fn compile_filters(
    dataset: DatasetId,
    chips: Vec<FilterChip>,
    today: String,
) -> Result<CompiledFilters, ServiceError> {
    filters::compile(dataset, &chips, parse_today(&today)?)
}

/// Filter text typed by the person, as chips (or the parser's plain message).
#[tauri::command]
#[specta::specta]
pub fn parse_filter_text(dataset: DatasetId, text: String) -> Result<Vec<FilterChip>, ServiceError> {
    filters::parse_text(dataset, &text)
}

/// The table questions are answered from, if one is at hand (in memory or saved on disk).
#[tauri::command]
#[specta::specta]
pub async fn table_status(
    state: State<'_, AppState>,
    account_id: String,
    dataset: DatasetId,
    service_filter: Option<String>,
) -> Result<Option<FetchReport>, ServiceError> {
    state.ws.table_status(&account_id, dataset, service_filter.as_deref()).await
}

/// Fetches a data set, reporting progress; `job_id` lets the window cancel it.
#[tauri::command]
#[specta::specta]
pub async fn load_dataset(
    state: State<'_, AppState>,
    account_id: String,
    dataset: DatasetId,
    service_filter: Option<String>,
    job_id: String,
    on_progress: Channel<LoadProgress>,
) -> Result<FetchReport, ServiceError> {
    let progress = move |p: lens_service::fetch::Progress| {
        let _ = on_progress.send(p.into());
    };
    state.ws.load(&account_id, dataset, service_filter.as_deref(), &job_id, &progress).await
}

#[tauri::command]
#[specta::specta]
pub fn cancel_job(state: State<'_, AppState>, job_id: String) -> bool {
    state.ws.cancel(&job_id)
}

#[tauri::command]
#[specta::specta]
pub async fn explore(
    state: State<'_, AppState>,
    account_id: String,
    view: View,
    today: String,
) -> Result<ExploreAnswer, ServiceError> {
    state.ws.explore(&account_id, &view, parse_today(&today)?).await
}

/// A page of the rows behind a view (or one group of its answer).
#[tauri::command]
#[specta::specta]
pub async fn rows(
    state: State<'_, AppState>,
    account_id: String,
    view: View,
    query: RowsQuery,
    today: String,
    offset: u32,
    limit: u32,
) -> Result<RowsPage, ServiceError> {
    state.ws.rows(&account_id, &view, &query, parse_today(&today)?, offset, limit).await
}

#[tauri::command]
#[specta::specta]
pub async fn field_values(
    state: State<'_, AppState>,
    account_id: String,
    dataset: DatasetId,
    service_filter: Option<String>,
    field: String,
    search: Option<String>,
) -> Result<FieldValues, ServiceError> {
    state.ws.field_values(&account_id, dataset, service_filter.as_deref(), &field, search).await
}

/// The view narrowed to a clicked bar, point or legend item.
#[tauri::command]
#[specta::specta]
pub fn drill(view: View, point: DrillPoint) -> Result<View, ServiceError> {
    lens_service::explore::drill::drill(&view, &point)
}
