//! Local schedules for saved views: daily, weekly or monthly at a local time, fetch, group and
//! export into a folder as CSV, Excel or a PNG chart. A run missed while the computer slept or
//! was off runs once when it wakes or the app starts; every run is kept with its outcome. The
//! window's worker and `partner-lens schedule run-due` (for cron or Task Scheduler) both call
//! [`Workspace::run_due`].

pub mod due;
pub mod store;

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use self::due::{Cadence, latest, next_words, words};
use self::store::{LocalSchedule, ScheduleRun};
use crate::downloads::library::safe_name;
use crate::downloads::sync::Notifier;
use crate::error::{ErrorCode, ServiceError};
use crate::workspace::Workspace;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ScheduleRow {
    pub schedule: LocalSchedule,
    /// "Every day at 07:00".
    pub summary: String,
    /// "Tue 1 Dec 2026, 07:00", or none when paused.
    pub next_run: Option<String>,
    pub last_run: Option<ScheduleRun>,
}

fn time_of(s: &LocalSchedule) -> Result<NaiveTime, ServiceError> {
    NaiveTime::parse_from_str(s.time.trim(), "%H:%M")
        .map_err(|_| ServiceError::usage(format!("\"{}\" is not a time of day (like 07:00).", s.time)))
}

impl Workspace {
    /// Adds or changes a schedule, after checking that it can run.
    pub fn save_schedule(&self, s: &LocalSchedule, now: DateTime<Utc>) -> Result<(), ServiceError> {
        if s.name.trim().is_empty() {
            return Err(ServiceError::usage("Give the schedule a name."));
        }
        time_of(s)?;
        self.store().get_view(&s.view)?;
        self.accounts().find(&s.account)?;
        if s.folder.trim().is_empty() {
            return Err(ServiceError::usage("Choose the folder the files go to."));
        }
        let s = &LocalSchedule { folder: absolute_folder(&s.folder)?, ..s.clone() };
        if s.format == store::OutputFormat::Png && self.store().get_view(&s.view)?.view.date.is_none() {
            return Err(ServiceError::usage(
                "A picture needs a view over time: group the view by a period first, or choose CSV or Excel.",
            ));
        }
        self.store().save_schedule(s, now.timestamp())
    }

    pub fn delete_schedule(&self, name: &str) -> Result<(), ServiceError> {
        if !self.store().delete_schedule(name)? {
            return Err(ServiceError::not_found(format!("There is no schedule \"{name}\".")));
        }
        Ok(())
    }

    pub fn schedule_rows(&self, now: DateTime<Utc>, tz: Tz) -> Result<Vec<ScheduleRow>, ServiceError> {
        let held = self.settings().get().schedules_paused;
        self.store()
            .schedules()?
            .into_iter()
            .map(|k| {
                let t = time_of(&k.schedule)?;
                Ok(ScheduleRow {
                    summary: words(k.schedule.cadence, t),
                    next_run: if k.schedule.paused || held { None } else { next_words(k.schedule.cadence, t, now, tz) },
                    last_run: self.store().last_run(&k.schedule.name)?,
                    schedule: k.schedule,
                })
            })
            .collect()
    }

    /// The soonest next run of all schedules, for the tray ("Next: Sales weekly at Mon 7 Dec, 08:00").
    pub fn next_schedule(&self, now: DateTime<Utc>, tz: Tz) -> Result<Option<(String, DateTime<Utc>)>, ServiceError> {
        if self.settings().get().schedules_paused {
            return Ok(None);
        }
        let mut best: Option<(String, DateTime<Utc>)> = None;
        for k in self.store().schedules()?.into_iter().filter(|k| !k.schedule.paused) {
            if let Some(t) = due::next(k.schedule.cadence, time_of(&k.schedule)?, now, tz)
                && best.as_ref().is_none_or(|(_, b)| t < *b)
            {
                best = Some((k.schedule.name.clone(), t));
            }
        }
        Ok(best)
    }

    /// Runs every schedule that is due, once each; returns the runs.
    pub async fn run_due(
        &self,
        now: DateTime<Utc>,
        tz: Tz,
        notifier: &dyn Notifier,
    ) -> Result<Vec<ScheduleRun>, ServiceError> {
        if self.settings().get().schedules_paused {
            return Ok(Vec::new());
        }
        let mut runs = Vec::new();
        for k in self.store().schedules()? {
            if k.schedule.paused {
                continue;
            }
            let Some(due) = latest(k.schedule.cadence, time_of(&k.schedule)?, now, tz) else { continue };
            let since = k.last_due.unwrap_or(k.created_at);
            let clock_back = k.last_due.is_some_and(|l| l > now.timestamp());
            if due.timestamp() <= since && !clock_back {
                continue;
            }
            // Claimed before it starts: another process looking at the same moment moves on.
            let Some(claim) = self.store().claim_run(&k.schedule.name, due.timestamp(), now.timestamp())? else {
                continue;
            };
            let run = self.run_schedule_now(&k.schedule, due, now, tz, Some(claim)).await?;
            if run.ok {
                notifier.notify(&format!("{} is ready", k.schedule.name), &run.message);
            } else {
                notifier.notify(&format!("{} did not run", k.schedule.name), &run.message);
            }
            runs.push(run);
        }
        Ok(runs)
    }

    /// Runs a schedule now (from the window, or `partner-lens schedule run NAME`).
    pub async fn run_schedule(&self, name: &str, now: DateTime<Utc>, tz: Tz) -> Result<ScheduleRun, ServiceError> {
        let k = self
            .store()
            .schedule(name)?
            .ok_or_else(|| ServiceError::not_found(format!("There is no schedule \"{name}\".")))?;
        self.run_schedule_now(&k.schedule, now, now, tz, None).await
    }

    async fn run_schedule_now(
        &self,
        s: &LocalSchedule,
        due: DateTime<Utc>,
        now: DateTime<Utc>,
        tz: Tz,
        claim: Option<i64>,
    ) -> Result<ScheduleRun, ServiceError> {
        let stamp = due.with_timezone(&tz).format("%Y-%m-%d %H%M");
        let mut taken = None;
        let result = async {
            let view = self.store().get_view(&s.view)?.view;
            let client = self.client(&s.account).await?;
            let today = now.with_timezone(&tz).date_naive();
            // The name is taken before the long fetch: two schedules whose names differ only in
            // characters a file name cannot hold ("/" and ":") get "… (2)", both reported.
            let out = output_place(&s.folder, &format!("{} {stamp}", safe_name(&s.name)), s.format.ext())?;
            taken = Some(out.clone());
            crate::to_file::view_to_file(&client, &view, today, &out, &|_| {}).await.map(|w| (w, out))
        }
        .await;
        if result.is_err()
            && let Some(p) = &taken
        {
            let _ = std::fs::remove_file(p);
        }
        let run = match result {
            Ok((w, out)) => ScheduleRun {
                schedule: s.name.clone(),
                due_at: due.timestamp(),
                ran_at: now.timestamp(),
                ok: true,
                path: Some(out.display().to_string()),
                message: format!(
                    "Wrote {} {} to {}",
                    crate::explore::answer::thousands(w.written),
                    if w.written == 1 { "row" } else { "rows" },
                    out.display()
                ),
            },
            Err(e) => ScheduleRun {
                schedule: s.name.clone(),
                due_at: due.timestamp(),
                ran_at: now.timestamp(),
                ok: false,
                path: None,
                message: e.message,
            },
        };
        let recorded = match claim {
            Some(id) => self.store().finish_run(id, &run),
            None => self.store().record_run(&run, false),
        };
        if let Err(e) = recorded {
            // Not recorded means it could run again; say so rather than hide it.
            return Err(ServiceError::new(
                ErrorCode::Settings,
                format!("The run could not be recorded: {}", e.message),
                None,
            ));
        }
        Ok(run)
    }
}

/// Takes the name `STEM.EXT` (or `STEM (2).EXT` and on) in the schedule's folder, made if need be.
fn output_place(folder: &str, stem: &str, ext: &str) -> Result<std::path::PathBuf, ServiceError> {
    let dir = std::path::Path::new(folder);
    let plain = |e: std::io::Error| {
        ServiceError::new(
            ErrorCode::File,
            format!("The file could not be made in {}: {}", dir.display(), lens_engine::fsio::plain_io(&e)),
            None,
        )
    };
    std::fs::create_dir_all(dir).map_err(plain)?;
    lens_files::reserve(dir, stem, ext, lens_files::Access::Usual).map_err(plain)
}

/// The folder as the person meant it, wherever the scheduler starts the command line: `~` is
/// their home folder and a relative folder is taken from the folder they typed it in (now).
pub fn absolute_folder(typed: &str) -> Result<String, ServiceError> {
    let t = typed.trim();
    let home = || {
        std::env::var_os("HOME")
            .or_else(|| std::env::var_os("USERPROFILE"))
            .map(std::path::PathBuf::from)
            .ok_or_else(|| ServiceError::usage("Your home folder is not known here: give the folder in full."))
    };
    let p = if t == "~" {
        home()?
    } else if let Some(rest) = t.strip_prefix("~/").or_else(|| t.strip_prefix("~\\")) {
        home()?.join(rest)
    } else {
        std::path::PathBuf::from(t)
    };
    let p = if p.is_absolute() {
        p
    } else {
        std::env::current_dir()
            .map_err(|_| ServiceError::usage(format!("\"{t}\" is not a full folder path: give it in full.")))?
            .join(p)
    };
    Ok(p.display().to_string())
}

/// The cadence from the words the command line takes: daily, weekly:N, monthly:D.
pub fn parse_cadence(s: &str) -> Option<Cadence> {
    let (kind, n) = s.split_once(':').map(|(a, b)| (a, b.parse::<u8>().ok())).unwrap_or((s, None));
    match (kind.to_ascii_lowercase().as_str(), n) {
        ("daily", _) => Some(Cadence::Daily),
        ("weekly", Some(d)) if d < 7 => Some(Cadence::Weekly { weekday: d }),
        ("monthly", Some(d)) if (1..=31).contains(&d) => Some(Cadence::Monthly { day: d }),
        _ => None,
    }
}
