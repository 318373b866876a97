//! The history of report files in SQLite, keyed by the run (execution) id, so a file is never
//! downloaded twice and a failed run is listed with its reason.

use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use crate::error::ServiceError;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum FileStatus {
    Downloaded,
    /// The run failed on the service, or its file could not be downloaded.
    Failed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportFile {
    /// The run's execution id.
    pub id: String,
    pub account: String,
    pub account_name: String,
    pub report_id: String,
    pub report_name: String,
    /// When the service made the file, seconds since 1970.
    pub generated_at: Option<i64>,
    pub status: FileStatus,
    pub path: Option<String>,
    pub rows: Option<u32>,
    pub bytes: Option<f64>,
    /// `csv` or `tsv`.
    pub format: String,
    /// Why it failed, in plain words.
    pub error: Option<String>,
    pub recorded_at: i64,
    /// Columns the service blanked because the person may not see revenue: "Hidden", never 0.
    pub hidden_columns: Vec<String>,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<ReportFile> {
    Ok(ReportFile {
        id: r.get(0)?,
        account: r.get(1)?,
        account_name: r.get(2)?,
        report_id: r.get(3)?,
        report_name: r.get(4)?,
        generated_at: r.get(5)?,
        status: if r.get::<_, String>(6)? == "failed" { FileStatus::Failed } else { FileStatus::Downloaded },
        path: r.get(7)?,
        rows: r.get(8)?,
        bytes: r.get::<_, Option<i64>>(9)?.map(|b| b as f64),
        format: r.get(10)?,
        error: r.get(11)?,
        recorded_at: r.get(12)?,
        hidden_columns: r.get::<_, Option<String>>(13)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default(),
    })
}

const COLUMNS: &str = "id, account, account_name, report_id, report_name, generated_at, status, path, rows, bytes, format, error, recorded_at, hidden_columns";

impl Store {
    /// Keeps what became of a run (replacing a failed attempt). A failure never replaces a file
    /// already downloaded (by another process, say): the file is there, whatever went wrong here.
    pub fn record_file(&self, f: &ReportFile) -> Result<(), ServiceError> {
        let set: Vec<String> = COLUMNS.split(", ").skip(1).map(|c| format!("{c} = excluded.{c}")).collect();
        self.with(|c| {
            c.execute(
                &format!(
                    "INSERT INTO report_files ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                     ON CONFLICT(id) DO UPDATE SET {} WHERE report_files.status <> 'downloaded' OR excluded.status = 'downloaded'",
                    set.join(", ")
                ),
                params![
                    f.id,
                    f.account,
                    f.account_name,
                    f.report_id,
                    f.report_name,
                    f.generated_at,
                    if f.status == FileStatus::Failed { "failed" } else { "downloaded" },
                    f.path,
                    f.rows,
                    f.bytes.map(|b| b as i64),
                    f.format,
                    f.error,
                    f.recorded_at,
                    (!f.hidden_columns.is_empty()).then(|| serde_json::to_string(&f.hidden_columns).unwrap_or_default()),
                ],
            )
        })?;
        Ok(())
    }

    /// The run, if it is known: downloaded, or failed.
    pub fn report_file(&self, id: &str) -> Result<Option<ReportFile>, ServiceError> {
        self.with(|c| {
            c.query_row(&format!("SELECT {COLUMNS} FROM report_files WHERE id = ?1"), [id], from_row).optional()
        })
    }

    /// Every file, newest first.
    pub fn report_files(&self) -> Result<Vec<ReportFile>, ServiceError> {
        self.with(|c| {
            let mut st = c.prepare(&format!(
                "SELECT {COLUMNS} FROM report_files ORDER BY COALESCE(generated_at, recorded_at) DESC, id DESC"
            ))?;
            st.query_map([], from_row)?.collect()
        })
    }

    /// The newest file downloaded from a report.
    pub fn last_file_of(&self, account: &str, report: &str) -> Result<Option<String>, ServiceError> {
        self.with(|c| {
            c.query_row(
                "SELECT id FROM report_files WHERE account = ?1 AND report_id = ?2 AND status = 'downloaded' ORDER BY generated_at DESC LIMIT 1",
                [account, report],
                |r| r.get(0),
            )
            .optional()
        })
    }

    /// Forgets every file of a removed account (the files on disk stay).
    pub fn forget_report_files(&self, account: &str) -> Result<(), ServiceError> {
        self.with(|c| c.execute("DELETE FROM report_files WHERE account = ?1", [account]))?;
        Ok(())
    }

    pub fn forget_file(&self, id: &str) -> Result<(), ServiceError> {
        self.with(|c| c.execute("DELETE FROM report_files WHERE id = ?1", [id]))?;
        Ok(())
    }
}
