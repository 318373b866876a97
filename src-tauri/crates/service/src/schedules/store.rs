//! Local schedules and their run history in SQLite.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::due::Cadence;
use crate::error::ServiceError;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum OutputFormat {
    Csv,
    Xlsx,
    Png,
}

impl OutputFormat {
    pub fn ext(self) -> &'static str {
        match self {
            OutputFormat::Csv => "csv",
            OutputFormat::Xlsx => "xlsx",
            OutputFormat::Png => "png",
        }
    }
}

/// A saved view fetched, grouped and exported into a folder on a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LocalSchedule {
    pub name: String,
    /// The saved view it runs.
    pub view: String,
    pub account: String,
    pub cadence: Cadence,
    /// Local time of day, `HH:MM`.
    pub time: String,
    pub format: OutputFormat,
    pub folder: String,
    #[serde(default)]
    pub paused: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ScheduleRun {
    pub schedule: String,
    /// The time it was due (seconds since 1970), and when it ran.
    pub due_at: i64,
    pub ran_at: i64,
    pub ok: bool,
    pub path: Option<String>,
    /// "Wrote 12 rows" or what went wrong.
    pub message: String,
}

/// A schedule as kept: what it is, when it was made, the due time it last ran for.
#[derive(Debug, Clone)]
pub struct Kept {
    pub schedule: LocalSchedule,
    pub created_at: i64,
    pub last_due: Option<i64>,
}

/// What a claimed run says until it ends, and forever if the process running it was stopped.
pub const UNFINISHED: &str =
    "Not finished: still running, or Partner Lens was closed or the computer turned off while it ran.";

impl Store {
    pub fn save_schedule(&self, s: &LocalSchedule, now: i64) -> Result<(), ServiceError> {
        let spec = serde_json::to_string(s).map_err(ServiceError::internal)?;
        self.with(|c| {
            c.execute(
                "INSERT INTO local_schedules (name, spec, created_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(name) DO UPDATE SET spec = excluded.spec",
                params![s.name, spec, now],
            )
        })?;
        Ok(())
    }

    pub fn schedules(&self) -> Result<Vec<Kept>, ServiceError> {
        let rows: Vec<(String, i64, Option<i64>)> = self.with(|c| {
            let mut st = c.prepare("SELECT spec, created_at, last_due FROM local_schedules ORDER BY name")?;
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect()
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|(spec, created_at, last_due)| {
                serde_json::from_str(&spec).ok().map(|schedule| Kept { schedule, created_at, last_due })
            })
            .collect())
    }

    pub fn schedule(&self, name: &str) -> Result<Option<Kept>, ServiceError> {
        Ok(self.schedules()?.into_iter().find(|k| k.schedule.name.eq_ignore_ascii_case(name)))
    }

    pub fn delete_schedule(&self, name: &str) -> Result<bool, ServiceError> {
        Ok(self.with(|c| c.execute("DELETE FROM local_schedules WHERE name = ?1", [name]))? > 0)
    }

    /// Records a run and, for a scheduled one, the due time it ran for (in one transaction, so
    /// a crash never runs it twice or forgets it ran).
    pub fn record_run(&self, run: &ScheduleRun, scheduled: bool) -> Result<(), ServiceError> {
        self.with(|c| {
            let tx = c.unchecked_transaction()?;
            tx.execute(
                "INSERT INTO schedule_runs (schedule, due_at, ran_at, ok, path, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![run.schedule, run.due_at, run.ran_at, run.ok, run.path, run.message],
            )?;
            if scheduled {
                tx.execute("UPDATE local_schedules SET last_due = ?2 WHERE name = ?1", params![run.schedule, run.due_at])?;
            }
            tx.commit()
        })?;
        Ok(())
    }

    /// Claims the run of `schedule` due at `due`, before it starts: true for the one process
    /// whose claim lands, however many look at once (the window's worker, `schedule run-due` from
    /// an OS scheduler). The run is listed at once as started; [`Store::finish_run`] says how it
    /// ended. A clock set back (the last due time is after `now`) does not hide later runs: the
    /// due time then moves back with it.
    pub fn claim_run(&self, schedule: &str, due: i64, now: i64) -> Result<Option<i64>, ServiceError> {
        self.with(|c| {
            let tx = c.unchecked_transaction()?;
            let claimed = tx.execute(
                "UPDATE local_schedules SET last_due = ?2
                 WHERE name = ?1 AND (COALESCE(last_due, created_at) < ?2 OR (last_due > ?3 AND last_due <> ?2))",
                params![schedule, due, now],
            )?;
            if claimed == 0 {
                return Ok(None);
            }
            tx.execute(
                "INSERT INTO schedule_runs (schedule, due_at, ran_at, ok, path, message) VALUES (?1, ?2, ?3, 0, NULL, ?4)",
                params![schedule, due, now, UNFINISHED],
            )?;
            let id = tx.last_insert_rowid();
            tx.commit()?;
            Ok(Some(id))
        })
    }

    /// How a claimed run ended.
    pub fn finish_run(&self, id: i64, run: &ScheduleRun) -> Result<(), ServiceError> {
        self.with(|c| {
            c.execute(
                "UPDATE schedule_runs SET ran_at = ?2, ok = ?3, path = ?4, message = ?5 WHERE id = ?1",
                params![id, run.ran_at, run.ok, run.path, run.message],
            )
        })?;
        Ok(())
    }

    /// Runs, newest first (of one schedule, or all).
    pub fn schedule_runs(&self, schedule: Option<&str>, limit: u32) -> Result<Vec<ScheduleRun>, ServiceError> {
        self.with(|c| {
            let mut st = c.prepare(
                "SELECT schedule, due_at, ran_at, ok, path, message FROM schedule_runs
                 WHERE ?1 IS NULL OR schedule = ?1 ORDER BY ran_at DESC, id DESC LIMIT ?2",
            )?;
            st.query_map(params![schedule, limit], |r| {
                Ok(ScheduleRun {
                    schedule: r.get(0)?,
                    due_at: r.get(1)?,
                    ran_at: r.get(2)?,
                    ok: r.get(3)?,
                    path: r.get(4)?,
                    message: r.get(5)?,
                })
            })?
            .collect()
        })
    }

    pub fn last_run(&self, schedule: &str) -> Result<Option<ScheduleRun>, ServiceError> {
        Ok(self.schedule_runs(Some(schedule), 1)?.into_iter().next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule() -> LocalSchedule {
        LocalSchedule {
            name: "Seats".into(),
            view: "Seats".into(),
            account: "contoso".into(),
            cadence: Cadence::Daily,
            time: "07:00".into(),
            format: OutputFormat::Csv,
            folder: "/tmp".into(),
            paused: false,
        }
    }

    #[test]
    fn a_run_is_claimed_once_and_a_clock_set_back_hides_no_run() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (Store::open(dir.path()).unwrap(), Store::open(dir.path()).unwrap());
        a.save_schedule(&schedule(), 100).unwrap();
        let id = a.claim_run("Seats", 1000, 1100).unwrap().expect("due and not yet run");
        assert_eq!(b.claim_run("Seats", 1000, 1100).unwrap(), None, "claimed by the other process");
        // Until it ends, and forever if its process was stopped, the run says so.
        assert_eq!(b.last_run("Seats").unwrap().unwrap().message, UNFINISHED);
        let run = ScheduleRun {
            schedule: "Seats".into(),
            due_at: 1000,
            ran_at: 1160,
            ok: true,
            path: Some("/tmp/Seats.csv".into()),
            message: "Wrote 3 rows".into(),
        };
        a.finish_run(id, &run).unwrap();
        assert_eq!(b.schedule_runs(None, 10).unwrap(), vec![run]);
        // The computer's clock is set back a day: the next due time comes before the last one
        // run, and is run once all the same.
        assert!(b.claim_run("Seats", 500, 600).unwrap().is_some());
        assert_eq!(a.claim_run("Seats", 500, 600).unwrap(), None);
        // Then time goes on as usual.
        assert!(a.claim_run("Seats", 1500, 1600).unwrap().is_some());
        assert_eq!(b.schedule_runs(None, 10).unwrap().len(), 3);
    }
}
