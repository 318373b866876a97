//! Files that arrive by themselves: one pass over the reports of every signed-in account, each
//! completed run not yet here downloaded (before its link expires, or with a fresh one), placed
//! in the library and recorded, and a notification raised; a failed run recorded once with its
//! reason. Called by the app's worker on a timer (and by `partner-lens downloads sync`); time and
//! the notifier are arguments, so tests drive it on a simulated clock.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use lens_client::Call;
use lens_client::insights::{ExecutionInfo, ReportInfo, decode_report};
use serde::Serialize;

use super::library::{count_rows, place_new};
use super::store::{FileStatus, ReportFile};
use crate::error::{ErrorCode, ServiceError};
use crate::workspace::Workspace;

/// Tells the person something happened while they were elsewhere (a desktop notification).
pub trait Notifier: Send + Sync {
    fn notify(&self, title: &str, body: &str);
}

/// A notifier that tells no one (the command line prints instead).
pub struct Quiet;

impl Notifier for Quiet {
    fn notify(&self, _: &str, _: &str) {}
}

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SyncOutcome {
    pub downloaded: Vec<ReportFile>,
    pub failed: Vec<ReportFile>,
    /// Accounts that could not be asked (signed out, offline), with why.
    pub skipped: Vec<String>,
    /// The service asked to wait this long before asking again (seconds).
    pub retry_after: Option<u32>,
}

fn secs(s: Option<&str>) -> Option<i64> {
    s.and_then(|t| lens_model::dates::parse_micros(t).ok().flatten()).map(|m| m / 1_000_000)
}

/// How long a claim on a run holds: longer than any download takes; if the process that took it
/// was killed, the run is tried again after this.
const HOLD: std::time::Duration = std::time::Duration::from_secs(3600);

fn thousands(n: u32) -> String {
    crate::explore::answer::thousands(n as usize)
}

impl Workspace {
    /// The library folder report files arrive in.
    pub fn library(&self) -> std::path::PathBuf {
        match self.settings().get().library_dir {
            Some(d) => d.into(),
            None => self.paths().default_library(),
        }
    }

    /// One pass: every account, every report, every completed run not yet downloaded.
    pub async fn sync_downloads(
        &self,
        now: DateTime<Utc>,
        tz: Tz,
        notifier: &dyn Notifier,
    ) -> Result<SyncOutcome, ServiceError> {
        let mut out = SyncOutcome::default();
        super::library::clear_incoming(&self.paths().incoming());
        for a in self.members()? {
            if let Err(e) = self.sync_account(&a.id, &a.name, now, tz, notifier, &mut out).await {
                if e.code == ErrorCode::Throttled {
                    out.retry_after = Some(out.retry_after.unwrap_or(0).max(60));
                }
                out.skipped.push(format!("{}: {}", a.name, e.message));
            }
        }
        Ok(out)
    }

    /// One pass over one account's reports (the command line's inline account, say).
    pub async fn sync_downloads_of(
        &self,
        account: &str,
        account_name: &str,
        now: DateTime<Utc>,
        tz: Tz,
        notifier: &dyn Notifier,
    ) -> Result<SyncOutcome, ServiceError> {
        let mut out = SyncOutcome::default();
        super::library::clear_incoming(&self.paths().incoming());
        self.sync_account(account, account_name, now, tz, notifier, &mut out).await?;
        Ok(out)
    }

    async fn sync_account(
        &self,
        account: &str,
        account_name: &str,
        now: DateTime<Utc>,
        tz: Tz,
        notifier: &dyn Notifier,
        out: &mut SyncOutcome,
    ) -> Result<(), ServiceError> {
        let client = self.client(account).await?;
        let call = Call::default();
        for r in client.list_reports(&call).await? {
            let done = client.executions(&r.report_id, Some("Completed"), false, &call).await?;
            let failed = client.executions(&r.report_id, Some("Failed"), false, &call).await?;
            for e in done.iter().rev() {
                let here = || -> Result<bool, ServiceError> {
                    Ok(self.store().report_file(&e.execution_id)?.is_some_and(|f| f.status == FileStatus::Downloaded))
                };
                if here()? {
                    continue;
                }
                // Another process (the window's worker, a scheduled `downloads sync`) may be on
                // this run: the one whose claim lands downloads it; then look again, in case it
                // arrived between the look and the claim.
                let claim = format!("download:{}", e.execution_id);
                if !self.store().claim(&claim, HOLD)? {
                    continue;
                }
                if here()? {
                    self.store().release(&claim)?;
                    continue;
                }
                let f = self.download_run(account, account_name, &r, e, now, tz).await;
                self.store().release(&claim)?;
                match f.status {
                    FileStatus::Downloaded => {
                        notifier.notify(
                            &format!("{} is ready", r.report_name),
                            &format!("{} rows · {account_name}", thousands(f.rows.unwrap_or(0))),
                        );
                        out.downloaded.push(f);
                    }
                    FileStatus::Failed => out.failed.push(f),
                }
            }
            for e in &failed {
                if self.store().report_file(&e.execution_id)?.is_some() {
                    continue;
                }
                let claim = format!("failed:{}", e.execution_id);
                if !self.store().claim(&claim, HOLD)? {
                    continue;
                }
                if self.store().report_file(&e.execution_id)?.is_some() {
                    self.store().release(&claim)?;
                    continue;
                }
                let f =
                    self.failed(account, account_name, &r, e, now, "Partner Center could not make this file.".into());
                self.store().release(&claim)?;
                let f = f?;
                notifier.notify(&format!("{} failed", r.report_name), "Partner Center could not make this run's file.");
                out.failed.push(f);
            }
        }
        Ok(())
    }

    fn failed(
        &self,
        account: &str,
        account_name: &str,
        r: &ReportInfo,
        e: &ExecutionInfo,
        now: DateTime<Utc>,
        why: String,
    ) -> Result<ReportFile, ServiceError> {
        let f = ReportFile {
            id: e.execution_id.clone(),
            account: account.into(),
            account_name: account_name.into(),
            report_id: r.report_id.clone(),
            report_name: r.report_name.clone(),
            generated_at: secs(e.report_generated_time.as_deref()),
            status: FileStatus::Failed,
            path: None,
            rows: None,
            bytes: None,
            format: e.format.clone().or(r.format.clone()).unwrap_or_else(|| "csv".into()).to_lowercase(),
            error: Some(why),
            recorded_at: now.timestamp(),
            hidden_columns: Vec::new(),
        };
        self.store().record_file(&f)?;
        Ok(f)
    }

    /// Downloads one run into the library and records it (as failed, with why, if it could not).
    async fn download_run(
        &self,
        account: &str,
        account_name: &str,
        r: &ReportInfo,
        e: &ExecutionInfo,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> ReportFile {
        let result: Result<ReportFile, ServiceError> = async {
            let client = self.client(account).await?;
            let bytes = client.download_execution(e, &Call::default()).await?;
            let text = decode_report(&bytes)?;
            let made =
                secs(e.report_generated_time.as_deref()).and_then(|s| DateTime::from_timestamp(s, 0)).unwrap_or(now);
            let format = e.format.clone().or(r.format.clone()).unwrap_or_else(|| "csv".into()).to_lowercase();
            let (target, size) = place_new(
                &self.paths().incoming(),
                &e.execution_id,
                &self.library(),
                (account_name, &r.report_name),
                made,
                tz,
                &format,
                &text,
            )?;
            // Revenue the service blanked is said to be hidden, never read as 0: the run's answer
            // says so, or this account's person is known not to see revenue.
            let hidden_columns =
                if e.data_redacted || self.store().access(account)?.and_then(|a| a.revenue_hidden) == Some(true) {
                    super::hidden::blank_revenue_columns(&text, if format == "tsv" { b'\t' } else { b',' })
                } else {
                    Vec::new()
                };
            let f = ReportFile {
                id: e.execution_id.clone(),
                account: account.into(),
                account_name: account_name.into(),
                report_id: r.report_id.clone(),
                report_name: r.report_name.clone(),
                generated_at: Some(made.timestamp()),
                status: FileStatus::Downloaded,
                path: Some(target.display().to_string()),
                rows: Some(count_rows(&text)),
                bytes: Some(size as f64),
                format,
                error: None,
                recorded_at: now.timestamp(),
                hidden_columns,
            };
            self.store().record_file(&f)?;
            Ok(f)
        }
        .await;
        match result {
            Ok(f) => f,
            Err(err) => {
                tracing::warn!(run = %e.execution_id, "a report file could not be downloaded: {}", err.message);
                self.failed(account, account_name, r, e, now, err.message.clone()).unwrap_or_else(|_| ReportFile {
                    id: e.execution_id.clone(),
                    account: account.into(),
                    account_name: account_name.into(),
                    report_id: r.report_id.clone(),
                    report_name: r.report_name.clone(),
                    generated_at: None,
                    status: FileStatus::Failed,
                    path: None,
                    rows: None,
                    bytes: None,
                    format: "csv".into(),
                    error: Some(err.message),
                    recorded_at: now.timestamp(),
                    hidden_columns: Vec::new(),
                })
            }
        }
    }

    /// Tries a failed run again: its file, if the service has one now.
    pub async fn retry_file(&self, id: &str, now: DateTime<Utc>, tz: Tz) -> Result<ReportFile, ServiceError> {
        let f = self.store().report_file(id)?.ok_or_else(|| ServiceError::not_found("That run is not in the list."))?;
        let client = self.client(&f.account).await?;
        let call = Call::default();
        let r =
            client.list_reports(&call).await?.into_iter().find(|r| r.report_id == f.report_id).ok_or_else(|| {
                ServiceError::not_found("The report has been deleted, so its run cannot be tried again.")
            })?;
        let Some(e) = client.execution(&f.report_id, id, &call).await? else {
            return Err(ServiceError::new(
                ErrorCode::NotReady,
                "Partner Center has no file for this run. Run the report again from Reports.",
                None,
            ));
        };
        let claim = format!("download:{id}");
        if !self.store().claim(&claim, HOLD)? {
            return Err(ServiceError::new(
                ErrorCode::NotReady,
                "This run is being downloaded right now (by the app's background worker or the command line).",
                None,
            ));
        }
        let done = self.download_run(&f.account, &f.account_name, &r, &e, now, tz).await;
        self.store().release(&claim)?;
        match done.status {
            FileStatus::Downloaded => Ok(done),
            FileStatus::Failed => Err(ServiceError::new(ErrorCode::File, done.error.unwrap_or_default(), None)),
        }
    }
}
