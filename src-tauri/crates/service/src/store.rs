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
    // Work a process (by its id) has taken on until a time (seconds since 1970): see claims.rs.
    "CREATE TABLE claims (
        what TEXT NOT NULL PRIMARY KEY,
        until INTEGER NOT NULL,
        pid INTEGER NOT NULL
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

/// Brings the schema up to date. Its version is read again inside a write transaction
/// (`BEGIN IMMEDIATE`, which waits for another writer): a process that finds it behind runs the
/// missing steps while the others wait, and they then find nothing to do, instead of running the
/// same `CREATE TABLE` twice.
fn migrate(conn: &Connection) -> Result<(), rusqlite::Error> {
    let version = |c: &Connection| c.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0));
    if version(conn)?.max(0) as usize >= MIGRATIONS.len() {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let steps = (|| {
        for (i, step) in MIGRATIONS.iter().enumerate().skip(version(conn)?.max(0) as usize) {
            conn.execute_batch(step)?;
            conn.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        Ok(())
    })();
    match steps {
        Ok(()) => conn.execute_batch("COMMIT"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// Whether an error opening the database means the file is damaged (not a database, or
/// corrupt), as opposed to busy, locked, or a migration another process ran first: only damage
/// sets the file aside. Anything else is an error said as such, the file kept.
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if matches!(f.code, rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt))
}

impl Store {
    /// Opens (or creates) `partner-lens.db` in `dir`. A file that is not a database is set
    /// aside and a new one started, so the app always opens. Several processes open it at once
    /// by design (the window, its tray worker, the command line started by a scheduler): they
    /// wait for each other rather than fail, and the schema is brought up to date by one.
    pub fn open(dir: &Path) -> Result<Store, ServiceError> {
        lens_files::private_dir(dir).map_err(|e| {
            ServiceError::new(ErrorCode::Settings, format!("Could not create the folder {}: {e}", dir.display()), None)
        })?;
        let path = dir.join("partner-lens.db");
        // Made private before SQLite opens it: SQLite creates a new database (and its journal
        // files, which take the database's permissions) readable by everyone.
        match lens_files::create_new(&path, lens_files::Access::Private) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => tracing::warn!("the database file could not be made private: {e}"),
        }
        match Store::open_waiting(&path) {
            Ok(s) => Ok(s),
            Err(e) if is_damage(&e) => {
                tracing::warn!("the database could not be opened ({e}); it is set aside and a new one started");
                let _ = std::fs::rename(&path, path.with_extension("db.damaged"));
                let _ = std::fs::remove_file(path.with_extension("db-wal"));
                let _ = std::fs::remove_file(path.with_extension("db-shm"));
                Store::open_at(&path).map_err(db_error)
            }
            Err(e) => Err(db_error(e)),
        }
    }

    /// [`Store::open_at`], tried again while another process holds the database: turning a new
    /// database to WAL needs it alone, and SQLite answers "locked" at once rather than wait when
    /// two processes each hold it to read and want it alone (it cannot let both wait).
    fn open_waiting(path: &Path) -> Result<Store, rusqlite::Error> {
        let started = std::time::Instant::now();
        loop {
            match Store::open_at(path) {
                Err(rusqlite::Error::SqliteFailure(f, _))
                    if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                        && started.elapsed() < std::time::Duration::from_secs(30) =>
                {
                    // A pause that differs between processes, so they do not meet again at once.
                    let jitter = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.subsec_nanos());
                    let pause = 20 + u64::from(jitter % 80);
                    std::thread::sleep(std::time::Duration::from_millis(pause));
                }
                other => return other,
            }
        }
    }

    fn open_at(path: &Path) -> Result<Store, rusqlite::Error> {
        let conn = Connection::open(path)?;
        // First, so that every step below waits for another process rather than failing.
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrate(&conn)?;
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
