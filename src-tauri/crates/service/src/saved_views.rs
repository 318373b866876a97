//! Saved views: a named Explore question (data set, filters, grouping, chart), kept in the app's
//! database so they survive a crash, listed in Explore and on Home, and run from the command
//! line (`partner-lens fetch --view NAME --out …`).

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::error::{ErrorCode, ServiceError};
use crate::explore::View;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SavedView {
    pub name: String,
    pub view: View,
    /// Seconds since 1970.
    pub updated_at: i64,
}

fn check_name(name: &str) -> Result<String, ServiceError> {
    let n = name.trim();
    if n.is_empty() {
        return Err(ServiceError::usage("Give the view a name."));
    }
    if n.chars().count() > 120 || n.chars().any(char::is_control) {
        return Err(ServiceError::usage("A view's name is at most 120 characters, on one line."));
    }
    Ok(n.to_string())
}

fn decode(name: String, json: String, updated_at: i64) -> Option<SavedView> {
    match serde_json::from_str::<View>(&json) {
        Ok(view) => Some(SavedView { name, view, updated_at }),
        Err(e) => {
            // A view written by a newer version, or damaged: listed nowhere, never a crash.
            tracing::warn!("saved view \"{name}\" could not be read: {e}");
            None
        }
    }
}

impl Store {
    pub fn list_views(&self) -> Result<Vec<SavedView>, ServiceError> {
        let rows = self.with(|c| {
            let mut st = c.prepare("SELECT name, view, updated_at FROM saved_views ORDER BY name COLLATE NOCASE")?;
            let rows =
                st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?;
            rows.collect::<Result<Vec<_>, _>>()
        })?;
        Ok(rows.into_iter().filter_map(|(n, j, t)| decode(n, j, t)).collect())
    }

    pub fn get_view(&self, name: &str) -> Result<SavedView, ServiceError> {
        let row = self.with(|c| {
            c.query_row("SELECT name, view, updated_at FROM saved_views WHERE name = ?1", [name.trim()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
            })
            .optional()
        })?;
        let Some((n, j, t)) = row else {
            let known: Vec<String> = self.list_views()?.into_iter().map(|v| v.name).collect();
            return Err(ServiceError::not_found(if known.is_empty() {
                format!("There is no saved view \"{name}\"; none is saved yet (save one in Explore).")
            } else {
                format!("There is no saved view \"{name}\". Saved views: {}.", known.join(", "))
            }));
        };
        decode(n, j, t).ok_or_else(|| {
            ServiceError::new(ErrorCode::Settings, format!("The saved view \"{name}\" could not be read."), None)
        })
    }

    /// Saves (or replaces) a view under `name`.
    pub fn save_view(&self, name: &str, view: &View, now: i64) -> Result<SavedView, ServiceError> {
        let name = check_name(name)?;
        let json = serde_json::to_string(view).map_err(ServiceError::internal)?;
        self.with(|c| {
            c.execute(
                "INSERT INTO saved_views (name, dataset, view, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
                 ON CONFLICT(name) DO UPDATE SET dataset = excluded.dataset, view = excluded.view, updated_at = excluded.updated_at",
                params![name, view.dataset.slug(), json, now],
            )
        })?;
        Ok(SavedView { name, view: view.clone(), updated_at: now })
    }

    /// Deletes a view; whether there was one.
    pub fn delete_view(&self, name: &str) -> Result<bool, ServiceError> {
        Ok(self.with(|c| c.execute("DELETE FROM saved_views WHERE name = ?1", [name.trim()]))? > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lens_model::dataset::DatasetId;

    #[test]
    fn views_are_saved_replaced_listed_and_deleted_across_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let v = View::of(DatasetId::AzureUsage);
        store.save_view("Usage by week", &v, 10).unwrap();
        let mut v2 = View::of(DatasetId::Search);
        v2.top = Some(5);
        store.save_view("usage BY week", &v2, 20).unwrap();
        assert!(store.save_view("  ", &v, 1).is_err());
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        let all = store.list_views().unwrap();
        assert_eq!(all.len(), 1, "names ignore case: the second save replaced the first");
        assert_eq!(all[0].view, v2);
        assert_eq!(store.get_view("Usage by Week").unwrap().updated_at, 20);
        let e = store.get_view("nope").unwrap_err();
        assert!(e.message.contains("Saved views: Usage by week"), "{}", e.message);
        assert!(store.delete_view("usage by week").unwrap());
        assert!(store.list_views().unwrap().is_empty());
    }
}
