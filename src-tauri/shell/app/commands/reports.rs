//! Insights reports: the catalogue, the builder's query and preview, the schedule in plain
//! words, and the list of reports with Pause, Resume, Edit and Delete. Times are the account's
//! service's own (the sample data's clock may run fast), shown in this computer's time zone.

use lens_service::ServiceError;
use lens_service::reports::builder::{BuiltQuery, Preview, ReportQuery};
use lens_service::reports::catalogue::CatalogueView;
use lens_service::reports::list::ReportRow;
use lens_service::reports::schedule::{SchedulePlan, ScheduleSpec, system_zone};
use tauri::State;

use crate::app::AppState;

/// The account's Insights catalogue and Microsoft's system queries (read again when a day old,
/// or when `refresh`).
#[tauri::command]
#[specta::specta]
pub async fn report_catalogue(
    state: State<'_, AppState>,
    account_id: String,
    refresh: bool,
) -> Result<CatalogueView, ServiceError> {
    state.ws.insights_catalogue(&account_id, refresh, chrono::Utc::now().timestamp()).await
}

/// The query text of the builder's question, what is wrong with it, and what to confirm.
#[tauri::command]
#[specta::specta]
pub fn build_report_query(state: State<'_, AppState>, account_id: String, query: ReportQuery) -> BuiltQuery {
    state.ws.build_report_query(&account_id, &query)
}

/// At most 100 rows of the question, run on the service.
#[tauri::command]
#[specta::specta]
pub async fn preview_report(
    state: State<'_, AppState>,
    account_id: String,
    query: ReportQuery,
) -> Result<Preview, ServiceError> {
    state.ws.preview_report(&account_id, &query).await
}

/// At most 100 rows of a system (or saved) query, run on the service by its id.
#[tauri::command]
#[specta::specta]
pub async fn preview_query(
    state: State<'_, AppState>,
    account_id: String,
    query_id: String,
) -> Result<Preview, ServiceError> {
    state.ws.preview_query(&account_id, &query_id).await
}

/// Schedules a report on one of Microsoft's system queries (or a saved query), by its id.
#[tauri::command]
#[specta::specta]
pub async fn create_report_from_query(
    state: State<'_, AppState>,
    account_id: String,
    name: String,
    query_id: String,
    spec: ScheduleSpec,
) -> Result<String, ServiceError> {
    let now = state.ws.accounts().service_now(&account_id);
    let id = state.ws.create_report_from_query(&account_id, &name, &query_id, &spec, now, system_zone()).await?;
    state.wake_worker();
    Ok(id)
}

/// What a schedule means: the first runs in local time, the hours the service counts, and
/// whether they drift across a daylight-saving change.
#[tauri::command]
#[specta::specta]
pub fn plan_report_schedule(
    state: State<'_, AppState>,
    account_id: String,
    dataset: String,
    spec: ScheduleSpec,
) -> Result<SchedulePlan, ServiceError> {
    state.ws.plan_report_schedule(
        &account_id,
        &dataset,
        &spec,
        state.ws.accounts().service_now(&account_id),
        system_zone(),
    )
}

#[tauri::command]
#[specta::specta]
pub async fn list_reports(state: State<'_, AppState>, account_id: String) -> Result<Vec<ReportRow>, ServiceError> {
    state.ws.report_rows(&account_id, state.ws.accounts().service_now(&account_id), system_zone()).await
}

/// Saves the question and schedules it; the new report's id.
#[tauri::command]
#[specta::specta]
pub async fn create_report(
    state: State<'_, AppState>,
    account_id: String,
    name: String,
    query: ReportQuery,
    spec: ScheduleSpec,
) -> Result<String, ServiceError> {
    let now = state.ws.accounts().service_now(&account_id);
    let id = state.ws.create_report(&account_id, &name, &query, &spec, now, system_zone()).await?;
    state.wake_worker();
    Ok(id)
}

#[tauri::command]
#[specta::specta]
pub async fn update_report(
    state: State<'_, AppState>,
    account_id: String,
    report_id: String,
    name: String,
    spec: ScheduleSpec,
) -> Result<(), ServiceError> {
    let now = state.ws.accounts().service_now(&account_id);
    state.ws.update_report_schedule(&account_id, &report_id, &name, &spec, now, system_zone()).await
}

#[tauri::command]
#[specta::specta]
pub async fn pause_report(
    state: State<'_, AppState>,
    account_id: String,
    report_id: String,
) -> Result<(), ServiceError> {
    state.ws.pause_report(&account_id, &report_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn resume_report(
    state: State<'_, AppState>,
    account_id: String,
    report_id: String,
) -> Result<(), ServiceError> {
    state.ws.resume_report(&account_id, &report_id).await
}

/// Deletes the report on the service; files already downloaded stay.
#[tauri::command]
#[specta::specta]
pub async fn delete_report(
    state: State<'_, AppState>,
    account_id: String,
    report_id: String,
) -> Result<(), ServiceError> {
    state.ws.delete_report(&account_id, &report_id).await
}
