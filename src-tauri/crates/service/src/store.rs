//! The app's database (SQLite): saved views now, report schedules and run history later. One
//! file in the data folder, in WAL mode with full synchronous writes, so a crash or a power cut
//! leaves every committed change and never a half-written one.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::Connection;

use crate::error::{ErrorCode, ServiceError};

/// Each step brings the schema from version `i` to `i + 1`; never edit a released step.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE saved_views (
        name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
        dataset TEXT NOT NULL,
        view TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );",
    "CREATE TABLE sign_ins (
        account TEXT NOT NULL PRIMARY KEY,
        state TEXT,
        checked_at INTEGER,
        signed_in_at INTEGER,
        refreshed_at INTEGER,
        who TEXT
    );",
    "CREATE TABLE report_files (
        id TEXT NOT NULL PRIMARY KEY,
        account TEXT NOT NULL,
        account_name TEXT NOT NULL,
        report_id TEXT NOT NULL,
        report_name TEXT NOT NULL,
        generated_at INTEGER,
        status TEXT NOT NULL,
        path TEXT,
        rows INTEGER,
        bytes INTEGER,
        format TEXT NOT NULL,
        error TEXT,
        recorded_at INTEGER NOT NULL
    );
    CREATE INDEX report_files_by_report ON report_files (account, report_id, generated_at);
    CREATE TABLE local_schedules (
        name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
        spec TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_due INTEGER
    );
    CREATE TABLE schedule_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        schedule TEXT NOT NULL COLLATE NOCASE,
        due_at INTEGER NOT NULL,
        ran_at INTEGER NOT NULL,
        ok INTEGER NOT NULL,
        path TEXT,
        message TEXT NOT NULL
    );",
    // What each account may read, as last tried against the service (JSON).
    "ALTER TABLE sign_ins ADD COLUMN access TEXT;",
    // The columns of a report file the service blanked for the person (revenue), as JSON.
    "ALTER TABLE report_files ADD COLUMN hidden_columns TEXT;",
    // Each account's Insights catalogue as last read, with when (JSON).
    "CREATE TABLE insights_catalogues (
        account TEXT NOT NULL PRIMARY KEY,
        json TEXT NOT NULL,
        read_at INTEGER NOT NULL
    );",
];

pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
}

pub(crate) fn db_error(e: rusqlite::Error) -> ServiceError {
    tracing::error!("database: {e}");
    let full = matches!(&e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull);
    ServiceError::new(
        if full { ErrorCode::DiskFull } else { ErrorCode::Settings },
        if full {
            "Your disk is full, so this could not be saved. Free some space and try again."
        } else {
            "Partner Lens could not save this in its database. The details are in the log file."
        },
        None,
    )
}

impl Store {
    /// Opens (or creates) `partner-lens.db` in `dir`. A file that is not a database is set
    /// aside and a new one started, so the app always opens.
    pub fn open(dir: &Path) -> Result<Store, ServiceError> {
        std::fs::create_dir_all(dir).map_err(|e| {
            ServiceError::new(ErrorCode::Settings, format!("Could not create the folder {}: {e}", dir.display()), None)
        })?;
        let path = dir.join("partner-lens.db");
        match Store::open_at(&path) {
            Ok(s) => Ok(s),
            Err(e) => {
                tracing::warn!("the database could not be opened ({e}); it is set aside and a new one started");
                let _ = std::fs::rename(&path, path.with_extension("db.damaged"));
                let _ = std::fs::remove_file(path.with_extension("db-wal"));
                let _ = std::fs::remove_file(path.with_extension("db-shm"));
                Store::open_at(&path).map_err(db_error)
            }
        }
    }

    fn open_at(path: &Path) -> Result<Store, rusqlite::Error> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (i, step) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            let tx = conn.unchecked_transaction()?;
            tx.execute_batch(step)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(Store { conn: Mutex::new(conn), path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with the connection (one writer at a time).
    pub fn with<T>(&self, f: impl FnOnce(&Connection) -> Result<T, rusqlite::Error>) -> Result<T, ServiceError> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        f(&conn).map_err(db_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_migrates_and_survives_a_file_that_is_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path()).unwrap();
        let n: i64 = s.with(|c| c.query_row("SELECT count(*) FROM saved_views", [], |r| r.get(0))).unwrap();
        assert_eq!(n, 0);
        let mode: String = s.with(|c| c.pragma_query_value(None, "journal_mode", |r| r.get(0))).unwrap();
        assert_eq!(mode, "wal");
        drop(s);
        std::fs::write(dir.path().join("partner-lens.db"), b"this is not sqlite at all, just bytes").unwrap();
        let s = Store::open(dir.path()).unwrap();
        assert!(dir.path().join("partner-lens.db.damaged").exists());
        let v: i64 = s.with(|c| c.pragma_query_value(None, "user_version", |r| r.get(0))).unwrap();
        assert_eq!(v, MIGRATIONS.len() as i64);
    }
}
