//! The tray icon: the next schedule, Open, Pause all schedules, Quit. On Linux clicks on the icon
//! itself do not arrive, so everything is in its menu. With a tray, closing the window hides it
//! and the worker goes on (said once, the first time).

use lens_service::Workspace;
use lens_service::reports::schedule::{local_words, system_zone};
use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Runtime};

const TRAY: &str = "main";

/// The words of the first menu line.
pub fn next_words(ws: &Workspace) -> String {
    let now = chrono::Utc::now();
    match ws.next_schedule(now, system_zone()) {
        Ok(Some((name, at))) => format!("Next: {name} at {}", local_words(at, system_zone())),
        _ if ws.settings().get().schedules_paused => "Schedules are paused".into(),
        _ => "No schedule waiting".into(),
    }
}

fn menu<R: Runtime>(app: &AppHandle<R>, ws: &Workspace) -> tauri::Result<Menu<R>> {
    let next = MenuItem::with_id(app, "next", next_words(ws), false, None::<&str>)?;
    let open = MenuItem::with_id(app, "open", "Open Partner Lens", true, None::<&str>)?;
    let pause = CheckMenuItem::with_id(
        app,
        "pause",
        "Pause all schedules",
        true,
        ws.settings().get().schedules_paused,
        None::<&str>,
    )?;
    let quit = MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?;
    Menu::with_items(
        app,
        &[&next, &PredefinedMenuItem::separator(app)?, &open, &pause, &PredefinedMenuItem::separator(app)?, &quit],
    )
}

/// Makes the tray icon; false when this desktop has none (no tray library), so closing the
/// window quits as usual.
pub fn create<R: Runtime>(app: &AppHandle<R>, ws: std::sync::Arc<Workspace>) -> bool {
    let Ok(m) = menu(app, &ws) else { return false };
    let icon = app.default_window_icon().cloned();
    // The Linux tray library is loaded when the icon is made and panics when it is missing:
    // a missing tray must not stop the app.
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut b = TrayIconBuilder::<R>::with_id(TRAY).menu(&m).tooltip("Partner Lens").show_menu_on_left_click(true);
        if let Some(i) = icon {
            b = b.icon(i);
        }
        b.on_menu_event(move |app, e| match e.id.as_ref() {
            "open" => super::show_main(app),
            "pause" => {
                if let Err(err) = ws.settings().update(|s| s.schedules_paused = !s.schedules_paused) {
                    tracing::warn!("schedules could not be paused: {}", err.message);
                }
                refresh(app, &ws);
            }
            "quit" => app.exit(0),
            _ => {}
        })
        .build(app)
    }));
    match built {
        Ok(Ok(_)) => true,
        Ok(Err(e)) => {
            tracing::warn!("no tray icon: {e}");
            false
        }
        Err(_) => {
            tracing::warn!("no tray icon: this desktop has no tray library");
            false
        }
    }
}

/// Brings the menu up to date (the next run, paused or not).
pub fn refresh<R: Runtime>(app: &AppHandle<R>, ws: &Workspace) {
    if let Some(t) = app.tray_by_id(TRAY)
        && let Ok(m) = menu(app, ws)
    {
        let _ = t.set_menu(Some(m));
    }
}

/// Closing the window with a tray: hide it, keep the worker, say so the first time.
pub fn hide_instead_of_close<R: Runtime>(
    window: &tauri::Window<R>,
    ws: &Workspace,
    notify: &dyn lens_service::downloads::sync::Notifier,
) {
    let _ = window.hide();
    if !ws.settings().get().told_about_tray {
        notify.notify(
            "Partner Lens is still running",
            "Reports keep downloading and schedules keep running. Open it or quit from the icon in the tray.",
        );
        let _ = ws.settings().update(|s| s.told_about_tray = true);
    }
}
