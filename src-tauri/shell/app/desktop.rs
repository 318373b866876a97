//! The desktop's own parts the commands use: the system's Save dialog and opening files in their
//! default app (tauri-plugin-dialog and tauri-plugin-opener). Behind a trait so the commands
//! stay plain functions of the app's state, on the real runtime and on Tauri's mock runtime
//! (where no dialog can open).

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

pub type Chosen = Box<dyn FnOnce(Option<PathBuf>) + Send>;

pub trait Desktop: Send + Sync {
    /// Opens the Save dialog; `done` gets the place chosen, or `None` if cancelled.
    fn save_dialog(&self, suggested_name: &str, filter_label: &str, ext: &str, done: Chosen);
    /// Opens the Open dialog for one file of the kinds `exts` names.
    fn open_dialog(&self, filter_label: &str, exts: &[&str], done: Chosen);
    /// Starts the app when the person signs in to the computer, or stops doing so.
    fn set_autostart(&self, on: bool) -> Result<(), String>;
    /// Opens the folder picker.
    fn folder_dialog(&self, done: Chosen);
    fn open(&self, path: &Path) -> Result<(), String>;
    fn reveal(&self, path: &Path) -> Result<(), String>;
    /// Opens a web address in the system browser (or, for tests and scripts, the program
    /// named in `PARTNER_LENS_BROWSER`).
    fn open_url(&self, url: &str) -> Result<(), String>;
    /// Brings the window to the front (after a sign-in in the browser).
    fn show_window(&self);
}

impl<R: Runtime> Desktop for AppHandle<R> {
    fn save_dialog(&self, suggested_name: &str, filter_label: &str, ext: &str, done: Chosen) {
        self.dialog()
            .file()
            .set_title("Save as")
            .set_file_name(suggested_name)
            .add_filter(filter_label, &[ext])
            .save_file(move |p| done(p.and_then(|f| f.into_path().ok())));
    }

    fn open_dialog(&self, filter_label: &str, exts: &[&str], done: Chosen) {
        self.dialog()
            .file()
            .set_title("Open")
            .add_filter(filter_label, exts)
            .pick_file(move |p| done(p.and_then(|f| f.into_path().ok())));
    }

    fn set_autostart(&self, on: bool) -> Result<(), String> {
        use tauri_plugin_autostart::ManagerExt;
        let l = self.autolaunch();
        if on { l.enable() } else { l.disable() }.map_err(|e| e.to_string())
    }

    fn folder_dialog(&self, done: Chosen) {
        self.dialog()
            .file()
            .set_title("Choose a folder")
            .pick_folder(move |p| done(p.and_then(|f| f.into_path().ok())));
    }

    fn open_url(&self, url: &str) -> Result<(), String> {
        let with = std::env::var("PARTNER_LENS_BROWSER").ok().filter(|s| !s.trim().is_empty());
        self.opener().open_url(url, with).map_err(|e| e.to_string())
    }

    fn show_window(&self) {
        if let Some(w) = tauri::Manager::get_webview_window(self, "main") {
            let _ = w.unminimize();
            let _ = w.show();
            let _ = w.set_focus();
        }
    }

    fn open(&self, path: &Path) -> Result<(), String> {
        self.opener().open_path(path.display().to_string(), None::<&str>).map_err(|e| e.to_string())
    }

    fn reveal(&self, path: &Path) -> Result<(), String> {
        self.opener().reveal_item_in_dir(path).map_err(|e| e.to_string())
    }
}
