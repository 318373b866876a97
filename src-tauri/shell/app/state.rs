//! What every command gets: the workspace, and the files the person chose in a dialog (the only
//! files outside the app's folders the window may open or show).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use lens_service::{ErrorCode, ServiceError, Workspace};

use super::desktop::Desktop;

pub struct AppState {
    pub ws: Arc<Workspace>,
    desktop: Option<Arc<dyn Desktop>>,
    chosen: Mutex<HashSet<PathBuf>>,
    /// Web addresses the backend handed out (a device code's page): the only ones the window
    /// may open.
    links: Mutex<HashSet<String>>,
    /// Starts a round of the worker at once (a report just made, a schedule saved).
    pub wake: Arc<tokio::sync::Notify>,
}

impl AppState {
    /// `desktop` is the real app's dialogs and opener; `None` on Tauri's mock runtime.
    pub fn new(ws: Arc<Workspace>, desktop: Option<Arc<dyn Desktop>>) -> AppState {
        AppState { ws, desktop, chosen: Mutex::default(), links: Mutex::default(), wake: Arc::default() }
    }

    pub fn desktop(&self) -> Result<&dyn Desktop, ServiceError> {
        self.desktop.as_deref().ok_or_else(|| {
            ServiceError::new(ErrorCode::Internal, "This needs the desktop, which is not running.", None)
        })
    }

    pub fn wake_worker(&self) {
        self.wake.notify_one();
    }

    pub fn allow_link(&self, url: &str) {
        self.links.lock().unwrap_or_else(|e| e.into_inner()).insert(url.to_string());
    }

    pub fn may_open_link(&self, url: &str) -> bool {
        self.links.lock().unwrap_or_else(|e| e.into_inner()).contains(url)
    }

    /// Remembers a file the person picked, so "Open" and "Show in folder" may use it.
    pub fn chose(&self, path: &Path) {
        self.chosen.lock().unwrap_or_else(|e| e.into_inner()).insert(path.to_path_buf());
    }

    /// Whether the window may open `path`: a file the person picked, or one inside the app's
    /// own folders. Anything else (a path a compromised page made up) is refused.
    pub fn may_open(&self, path: &Path) -> bool {
        if self.chosen.lock().unwrap_or_else(|e| e.into_inner()).contains(path) {
            return true;
        }
        let Ok(real) = path.canonicalize() else { return false };
        let paths = self.ws.paths();
        let library = self.ws.library();
        [&paths.data, &paths.logs, &library].iter().any(|root| root.canonicalize().is_ok_and(|r| real.starts_with(r)))
    }
}
