//! Insights reports: the catalogue, the builder's query and preview, the schedule in plain
//! words, and the list of reports with Pause, Resume, Edit and Delete. Times are the account's
//! service's own (the sample data's clock may run fast), shown in this computer's time zone.

use lens_service::ServiceError;
use lens_service::reports::builder::{self, BuiltQuery, Preview, ReportQuery};
use lens_service::reports::catalogue::{self, DatasetCard};
use lens_service::reports::list::ReportRow;
use lens_service::reports::schedule::{self, SchedulePlan, ScheduleSpec, system_zone};
use tauri::State;

use crate::app::AppState;

#[tauri::command]
#[specta::specta]
pub async fn report_catalogue(
    state: State<'_, AppState>,
    account_id: String,
) -> Result<Vec<DatasetCard>, ServiceError> {
    catalogue::catalogue(&state.ws.client(&account_id).await?).await
}

/// The query text of the builder's question, or the service's words for what is wrong with it.
#[tauri::command]
#[specta::specta]
pub fn build_report_query(query: ReportQuery) -> BuiltQuery {
    builder::build(&query)
}

/// At most 100 rows of the question, run on the service.
#[tauri::command]
#[specta::specta]
pub async fn preview_report(
    state: State<'_, AppState>,
    account_id: String,
    query: ReportQuery,
) -> Result<Preview, ServiceError> {
    builder::preview(&state.ws.client(&account_id).await?, &query).await
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
    let minimum = lens_model::insights::catalog::dataset(&dataset).map(|d| d.minimum_recurrence).unwrap_or(4);
    schedule::plan(&spec, state.ws.accounts().service_now(&account_id), system_zone(), minimum)
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
