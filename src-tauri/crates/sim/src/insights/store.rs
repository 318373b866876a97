//! Queries, reports and their executions. Executions follow the simulated clock: each run is
//! Pending until its scheduled time, Running for a while, then Completed with a file. They are
//! worked out from the report's schedule whenever someone looks, so moving the clock forward
//! is all a test needs to do.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;

/// How long a run takes, in simulated seconds.
pub const RUN_SECS: i64 = 15 * 60;
/// How long a secure link stays valid, in simulated seconds.
pub const LINK_SECS: i64 = 60 * 60;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryRec {
    pub query_id: String,
    pub name: String,
    pub description: String,
    pub query: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub user: String,
    pub created_time: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReportStatus {
    Active,
    Paused,
    Inactive,
}

#[derive(Debug, Clone)]
pub struct ReportRec {
    pub report_id: String,
    pub report_name: String,
    pub description: String,
    pub query_id: String,
    pub query: String,
    pub user: String,
    /// Made by a person without the Executive report viewer role: its files hold no revenue.
    pub revenue_hidden: bool,
    pub created: i64,
    pub modified: Option<i64>,
    pub execute_now: bool,
    pub start: i64,
    pub status: ReportStatus,
    pub interval_hours: i64,
    pub count: i64,
    pub callback_url: Option<String>,
    pub callback_method: Option<String>,
    pub format: String,
    /// Days `[from, to)` of QueryStartTime/QueryEndTime, when given.
    pub query_range: Option<(i64, i64)>,
    /// While paused: since when (runs due in a pause are skipped).
    pub paused_at: Option<i64>,
    /// Runs skipped by pauses, by sequence number.
    pub skipped: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct FileRec {
    pub report_id: String,
    pub bytes: Vec<u8>,
    pub format: String,
    pub gzip: bool,
}

#[derive(Default)]
pub struct InsightsStore {
    pub queries: Mutex<Vec<QueryRec>>,
    pub reports: Mutex<Vec<ReportRec>>,
    /// Generated report files by execution id.
    pub files: Mutex<HashMap<String, FileRec>>,
}

pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The scheduled times (simulated seconds) of a report's runs, in order, with their sequence
/// numbers. Lazy: the service accepts any `RecurrenceCount` (a report can run "for ever"), so
/// callers stop at the time they care about instead of building the whole list.
pub fn schedule(r: &ReportRec) -> impl Iterator<Item = (i64, i64)> + '_ {
    let (count, first) = if r.execute_now { (1, r.created) } else { (r.count.max(0), r.start) };
    let step = if r.execute_now { 0 } else { r.interval_hours.saturating_mul(3600) };
    (0..count).map_while(move |k| Some((k, first.checked_add(k.checked_mul(step)?)?)))
}

/// When the last run is due, without walking the schedule; `None` when it is beyond the
/// calendar (a report that never ends).
pub fn last_run(r: &ReportRec) -> Option<i64> {
    if r.execute_now {
        return Some(r.created);
    }
    let k = r.count.checked_sub(1).filter(|k| *k >= 0)?;
    r.start.checked_add(k.checked_mul(r.interval_hours.checked_mul(3600)?)?)
}

/// `yyyy-MM-ddTHH:mm:ssZ`
pub fn stamp(secs: i64) -> String {
    lens_model::dates::format(secs * 1_000_000, lens_model::dates::DateStyle::Zulu)
}
