//! The window: Tauri setup, plugins, and the registry of commands.

pub mod bindings;
pub mod commands;
pub mod desktop;
pub mod memory;
pub mod painting;
pub mod state;
pub mod tray;
pub mod worker;

use std::sync::Arc;

use lens_service::{AppPaths, Workspace};
use tauri::Manager;

pub use state::AppState;

/// Brings the main window to the front (a second launch, a finished sign-in).
pub fn show_main<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

/// A window restored onto a monitor that is gone would open out of sight: centre it instead.
fn keep_on_screen(w: &tauri::WebviewWindow) {
    let (Ok(pos), Ok(size), Ok(monitors)) = (w.outer_position(), w.outer_size(), w.available_monitors()) else {
        return;
    };
    let visible = monitors.iter().any(|m| {
        let (mp, ms) = (m.position(), m.size());
        let (cx, cy) = (pos.x + size.width as i32 / 2, pos.y + size.height as i32 / 2);
        cx >= mp.x && cx < mp.x + ms.width as i32 && cy >= mp.y && cy < mp.y + ms.height as i32
    });
    if !visible && !monitors.is_empty() {
        let _ = w.center();
    }
}

pub fn run() -> i32 {
    let paths = AppPaths::resolve();
    let _guard = lens_cli::logging::init(&paths.logs, false);
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "starting the window");
    let ws = match Workspace::open(paths) {
        Ok(ws) => Arc::new(ws),
        Err(e) => {
            eprintln!("Partner Lens could not start: {}", e.message);
            return 1;
        }
    };
    let builder = bindings::builder::<tauri::Wry>();
    let result = tauri::Builder::default()
        // First: a second launch hands over to this one and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| show_main(app)))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_autostart::init(tauri_plugin_autostart::MacosLauncher::LaunchAgent, None))
        // Never asked to check while plugins.updater.endpoints is empty (the release workflow
        // sets it); every update it installs must be signed by the key in tauri.conf.json.
        .plugin(tauri_plugin_updater::Builder::new().build())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let state = AppState::new(ws.clone(), Some(Arc::new(app.handle().clone())));
            worker::start(app.handle().clone(), ws.clone(), state.wake.clone());
            memory::start();
            app.manage(state);
            let has_tray = tray::create(app.handle(), ws.clone());
            if let Some(w) = app.get_webview_window("main") {
                keep_on_screen(&w);
                if has_tray {
                    let (ws, handle) = (ws.clone(), app.handle().clone());
                    let window = w.as_ref().window();
                    w.on_window_event(move |e| {
                        if let tauri::WindowEvent::CloseRequested { api, .. } = e {
                            api.prevent_close();
                            tray::hide_instead_of_close(&window, &ws, &worker::Desktop(handle.clone()));
                        }
                    });
                }
            }
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
