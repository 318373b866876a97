//! Local schedules for saved views: list, save, delete, run now, and the history of runs.

use lens_service::ServiceError;
use lens_service::reports::schedule::system_zone;
use lens_service::schedules::ScheduleRow;
use lens_service::schedules::store::{LocalSchedule, ScheduleRun};
use tauri::State;

use crate::app::AppState;

#[tauri::command]
#[specta::specta]
pub fn list_schedules(state: State<'_, AppState>) -> Result<Vec<ScheduleRow>, ServiceError> {
    state.ws.schedule_rows(chrono::Utc::now(), system_zone())
}

#[tauri::command]
#[specta::specta]
pub fn save_schedule(state: State<'_, AppState>, schedule: LocalSchedule) -> Result<(), ServiceError> {
    state.ws.save_schedule(&schedule, chrono::Utc::now())?;
    state.wake_worker();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub fn delete_schedule(state: State<'_, AppState>, name: String) -> Result<(), ServiceError> {
    state.ws.delete_schedule(&name)?;
    state.wake_worker();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn run_schedule_now(state: State<'_, AppState>, name: String) -> Result<ScheduleRun, ServiceError> {
    state.ws.run_schedule(&name, chrono::Utc::now(), system_zone()).await
}

#[tauri::command]
#[specta::specta]
pub fn schedule_history(state: State<'_, AppState>, name: Option<String>) -> Result<Vec<ScheduleRun>, ServiceError> {
    state.ws.store().schedule_runs(name.as_deref(), 50)
}

/// Asks for a folder in the system's dialog; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_folder(state: State<'_, AppState>) -> Result<Option<String>, ServiceError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    state.desktop()?.folder_dialog(Box::new(move |p| {
        let _ = tx.send(p);
    }));
    let Some(p) = rx.await.ok().flatten() else { return Ok(None) };
    state.chose(&p);
    Ok(Some(p.display().to_string()))
}
