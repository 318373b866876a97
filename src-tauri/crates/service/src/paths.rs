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

    /// Where a report file is written before it takes its place in the library, so a crash in
    /// the middle of a download never leaves part of a file among the finished ones.
    pub fn incoming(&self) -> PathBuf {
        self.data.join("incoming")
    }

    /// Where report files arrive unless the person chose another folder: "Partner Lens" in the
    /// Documents folder (beside the data under `PARTNER_LENS_HOME`).
    pub fn default_library(&self) -> PathBuf {
        if let Some(home) = std::env::var_os("PARTNER_LENS_HOME").filter(|v| !v.is_empty()) {
            return PathBuf::from(home).join("library");
        }
        documents().map(|d| d.join("Partner Lens")).unwrap_or_else(|| self.data.join("library"))
    }
}

/// The person's Documents folder: `XDG_DOCUMENTS_DIR` from user-dirs.dirs on Linux, else
/// `~/Documents`.
fn documents() -> Option<PathBuf> {
    let home = PathBuf::from(std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" })?);
    if cfg!(all(unix, not(target_os = "macos"))) {
        let config = std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from).unwrap_or_else(|| home.join(".config"));
        if let Ok(text) = std::fs::read_to_string(config.join("user-dirs.dirs"))
            && let Some(line) = text.lines().find(|l| l.starts_with("XDG_DOCUMENTS_DIR="))
        {
            let v = line.trim_start_matches("XDG_DOCUMENTS_DIR=").trim_matches('"');
            let dir = PathBuf::from(v.replace("$HOME", &home.display().to_string()));
            if dir.is_absolute() && dir != home {
                return Some(dir);
            }
        }
    }
    Some(home.join("Documents"))
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
