//! Where the app keeps its files. `PARTNER_LENS_HOME` moves everything (tests and CI use a
//! temporary folder, so they never touch a person's real data); otherwise the platform's usual
//! places.

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct AppPaths {
    /// Settings, cache, report history.
    pub data: PathBuf,
    pub logs: PathBuf,
}

impl AppPaths {
    pub fn resolve() -> AppPaths {
        if let Some(home) = std::env::var_os("PARTNER_LENS_HOME").filter(|v| !v.is_empty()) {
            let root = PathBuf::from(home);
            return AppPaths { data: root.join("data"), logs: root.join("logs") };
        }
        let data = platform_data().join("Partner Lens");
        let logs = platform_logs().unwrap_or_else(|| data.join("logs"));
        AppPaths { data, logs }
    }

    pub fn cache(&self) -> PathBuf {
        self.data.join("cache")
    }
}

fn platform_data() -> PathBuf {
    std::env::var_os(if cfg!(windows) { "LOCALAPPDATA" } else { "XDG_DATA_HOME" })
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            let home = std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" }).map(PathBuf::from)?;
            Some(if cfg!(target_os = "macos") {
                home.join("Library/Application Support")
            } else {
                home.join(".local/share")
            })
        })
        .unwrap_or_else(std::env::temp_dir)
}

fn platform_logs() -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Logs/Partner Lens"))
    } else if cfg!(windows) {
        None
    } else {
        let state = std::env::var_os("XDG_STATE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
        Some(state.join("partner-lens/logs"))
    }
}
