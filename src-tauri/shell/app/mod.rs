//! The window: Tauri setup, demo mode at start, and the registry of commands.

pub mod bindings;
pub mod commands;

use std::sync::Arc;

use lens_service::{AppPaths, Workspace};
use tauri::Manager;

/// What every command gets: the workspace, nothing of the window.
pub struct AppState {
    pub ws: Arc<Workspace>,
}

/// The seed of the sample data: fixed, so screenshots and support conversations match.
const DEMO_SEED: u64 = 1;

pub fn run() -> i32 {
    let paths = AppPaths::resolve();
    let _guard = crate::logging::init(&paths.logs, false);
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "starting the window");
    let builder = bindings::builder::<tauri::Wry>();
    let result = tauri::Builder::default()
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let ws = Arc::new(Workspace::with_cache(paths.cache()));
            // No accounts can be added yet, so the app opens on the sample data.
            tauri::async_runtime::block_on(ws.start_demo(DEMO_SEED, lens_service::demo::today_from_env()))
                .map_err(|e| e.message)?;
            app.manage(AppState { ws });
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => 0,
        Err(e) => {
            tracing::error!("the window failed: {e}");
            eprintln!("Partner Lens could not open its window: {e}");
            1
        }
    }
}
