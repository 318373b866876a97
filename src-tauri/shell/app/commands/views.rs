//! Saved views.

use lens_service::ServiceError;
use lens_service::explore::View;
use lens_service::saved_views::SavedView;
use tauri::State;

use crate::app::AppState;

#[tauri::command]
#[specta::specta]
pub fn list_views(state: State<'_, AppState>) -> Result<Vec<SavedView>, ServiceError> {
    state.ws.store().list_views()
}

#[tauri::command]
#[specta::specta]
pub fn save_view(state: State<'_, AppState>, name: String, view: View) -> Result<SavedView, ServiceError> {
    state.ws.store().save_view(&name, &view, chrono::Utc::now().timestamp())
}

#[tauri::command]
#[specta::specta]
pub fn delete_view(state: State<'_, AppState>, name: String) -> Result<bool, ServiceError> {
    state.ws.store().delete_view(&name)
}
