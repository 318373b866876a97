//! The person's settings: theme, whether the sample data is switched on, where the window was
//! left. A small JSON file written atomically; a damaged one is set aside and the defaults used,
//! so a broken settings file never keeps the app from opening.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, ServiceError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub theme: Theme,
    /// The person chose "Try with sample data": the sample account is among the accounts.
    pub sample_data: bool,
    /// Where the window was last (its route), to reopen there.
    pub last_route: Option<String>,
    /// The account the window opens on.
    pub default_account: Option<String>,
    /// How long the daily copies of the data are kept, in days.
    pub snapshot_days: u32,
    /// The day of the last visit (`YYYY-MM-DD`): Home says what changed since.
    pub last_visit: Option<String>,
    /// Where report files arrive; by default "Partner Lens" in the Documents folder.
    pub library_dir: Option<String>,
    /// Every local schedule held (the tray's "Pause all schedules").
    pub schedules_paused: bool,
    /// Partner Lens starts (in the tray) when the person signs in to the computer.
    pub start_at_login: bool,
    /// The first close of the window said that schedules keep running in the tray.
    pub told_about_tray: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::System,
            sample_data: false,
            last_route: None,
            default_account: None,
            snapshot_days: 90,
            last_visit: None,
            library_dir: None,
            schedules_paused: false,
            start_at_login: false,
            told_about_tray: false,
        }
    }
}

/// A change to the settings; `None` leaves a value as it is.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct SettingsChange {
    pub theme: Option<Theme>,
    pub last_route: Option<String>,
    pub default_account: Option<String>,
    pub snapshot_days: Option<u32>,
    pub library_dir: Option<String>,
    pub schedules_paused: Option<bool>,
    pub start_at_login: Option<bool>,
}

pub struct SettingsStore {
    path: PathBuf,
    current: Mutex<Settings>,
}

impl SettingsStore {
    pub fn open(dir: &Path) -> SettingsStore {
        let path = dir.join("settings.json");
        let current = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                tracing::warn!("the settings file was damaged ({e}); it is set aside and the defaults used");
                let _ = std::fs::rename(&path, path.with_extension("json.damaged"));
                Settings::default()
            }),
            Err(_) => Settings::default(),
        };
        SettingsStore { path, current: Mutex::new(current) }
    }

    /// The settings as saved now: another process (the command line, the tray worker) may have
    /// changed them since this one opened them. What was last read is kept for when the file
    /// cannot be read.
    pub fn get(&self) -> Settings {
        let mut cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(saved) = self.read_saved() {
            *cur = saved;
        }
        cur.clone()
    }

    fn read_saved(&self) -> Option<Settings> {
        let bytes = std::fs::read(&self.path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Applies `f` and saves; on a failed save the settings in memory stay as they were. The
    /// file is read again and written back under a lock across processes, so a change another
    /// process made at the same moment is kept, not overwritten.
    pub fn update(&self, f: impl FnOnce(&mut Settings)) -> Result<Settings, ServiceError> {
        let failed = |e: std::io::Error| {
            ServiceError::new(ErrorCode::Settings, format!("Could not save the settings: {e}"), None)
        };
        let mut cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(dir) = self.path.parent() {
            lens_files::private_dir(dir).map_err(failed)?;
        }
        let _held = lens_files::lock(&self.path.with_extension("json.lock")).map_err(failed)?;
        if let Some(saved) = self.read_saved() {
            *cur = saved;
        }
        let mut next = cur.clone();
        f(&mut next);
        if next != *cur {
            let json = serde_json::to_vec_pretty(&next).map_err(ServiceError::internal)?;
            lens_engine::fsio::write_private(&self.path, "the settings", |w| {
                std::io::Write::write_all(w, &json)
                    .map_err(|e| lens_engine::EngineError::file("Could not save the settings", e))
            })
            .map_err(|e| ServiceError::new(ErrorCode::Settings, e.to_string(), None))?;
            *cur = next;
        }
        Ok(cur.clone())
    }

    pub fn apply(&self, change: SettingsChange) -> Result<Settings, ServiceError> {
        self.update(|s| {
            if let Some(t) = change.theme {
                s.theme = t;
            }
            if let Some(r) = change.last_route {
                // Routes are short; a huge one is not a place to reopen at.
                s.last_route = (r.len() <= 8192).then_some(r);
            }
            if let Some(a) = change.default_account {
                s.default_account = Some(a);
            }
            if let Some(d) = change.snapshot_days {
                s.snapshot_days = d.clamp(1, 3650);
            }
            if let Some(l) = change.library_dir {
                s.library_dir = Some(l).filter(|l| !l.trim().is_empty());
            }
            if let Some(p) = change.schedules_paused {
                s.schedules_paused = p;
            }
            if let Some(a) = change.start_at_login {
                s.start_at_login = a;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_a_restart_and_a_damaged_file_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let s = SettingsStore::open(dir.path());
        assert_eq!(s.get(), Settings::default());
        s.apply(SettingsChange {
            theme: Some(Theme::Dark),
            last_route: Some("#/explore".into()),
            ..Default::default()
        })
        .unwrap();
        s.update(|s| s.sample_data = true).unwrap();
        let again = SettingsStore::open(dir.path());
        assert_eq!(again.get().theme, Theme::Dark);
        assert_eq!(again.get().last_route.as_deref(), Some("#/explore"));
        assert!(again.get().sample_data);
        std::fs::write(dir.path().join("settings.json"), b"{not json").unwrap();
        let broken = SettingsStore::open(dir.path());
        assert_eq!(broken.get(), Settings::default());
        assert!(dir.path().join("settings.json.damaged").exists());
    }
}
