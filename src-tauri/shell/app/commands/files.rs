//! Files: the native Save dialog, exports, and opening what was saved.

use std::path::PathBuf;

use base64::Engine as _;
use lens_service::explore::{ExportSource, Exported, View};
use lens_service::workspace::parse_today;
use lens_service::{ErrorCode, ServiceError};
use tauri::State;

use crate::app::AppState;

/// Asks where to save, in the system's own dialog. `kind` is the format: csv, xlsx, png, svg.
/// `None` when the person cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_save_path(
    state: State<'_, AppState>,
    suggested_name: String,
    kind: String,
) -> Result<Option<String>, ServiceError> {
    let (label, ext) = match kind.as_str() {
        "csv" => ("CSV (opens in Excel)", "csv"),
        "xlsx" => ("Excel workbook", "xlsx"),
        "png" => ("PNG picture", "png"),
        "svg" => ("SVG picture", "svg"),
        other => return Err(ServiceError::usage(format!("Cannot save {other} files"))),
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    state.desktop()?.save_dialog(
        &suggested_name,
        label,
        ext,
        Box::new(move |p| {
            let _ = tx.send(p);
        }),
    );
    let Some(mut path) = rx.await.ok().flatten() else { return Ok(None) };
    // Dialogs on some systems do not add the extension the filter names.
    if path.extension().is_none_or(|e| !e.eq_ignore_ascii_case(ext)) {
        path.set_extension(ext);
    }
    state.chose(&path);
    Ok(Some(path.display().to_string()))
}

fn chosen(state: &AppState, path: &str) -> Result<PathBuf, ServiceError> {
    let p = PathBuf::from(path);
    if !state.may_open(&p) {
        return Err(ServiceError::usage("Choose where to save in the Save dialog first."));
    }
    Ok(p)
}

/// Writes what Explore shows to a file chosen in the Save dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_view(
    state: State<'_, AppState>,
    account_id: String,
    view: View,
    source: ExportSource,
    today: String,
    path: String,
) -> Result<Exported, ServiceError> {
    let p = chosen(&state, &path)?;
    state.ws.export_view(&account_id, &view, &source, parse_today(&today)?, &p).await
}

/// Writes a chart picture the window drew (a `data:` URL of a PNG, or SVG text).
#[tauri::command]
#[specta::specta]
pub async fn save_picture(state: State<'_, AppState>, path: String, data: String) -> Result<Exported, ServiceError> {
    let p = chosen(&state, &path)?;
    let bytes = match data.strip_prefix("data:image/png;base64,") {
        Some(b64) => base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| ServiceError::usage("The picture could not be read."))?,
        None => data.into_bytes(),
    };
    lens_service::export::write_bytes(&p, &bytes)?;
    Ok(Exported { path: p.display().to_string(), rows: 0 })
}

/// Opens a saved file (or one of the app's folders) in its default app.
#[tauri::command]
#[specta::specta]
pub fn open_path(state: State<'_, AppState>, path: String) -> Result<(), ServiceError> {
    let p = chosen(&state, &path)?;
    state
        .desktop()?
        .open(&p)
        .map_err(|e| ServiceError::new(ErrorCode::File, format!("No app could open {}: {e}", p.display()), None))
}

/// Shows a saved file in the system's file manager.
#[tauri::command]
#[specta::specta]
pub fn show_in_folder(state: State<'_, AppState>, path: String) -> Result<(), ServiceError> {
    let p = chosen(&state, &path)?;
    let desktop = state.desktop()?;
    let result = if p.is_dir() { desktop.open(&p) } else { desktop.reveal(&p) };
    result.map_err(|e| ServiceError::new(ErrorCode::File, format!("The folder could not be shown: {e}"), None))
}
