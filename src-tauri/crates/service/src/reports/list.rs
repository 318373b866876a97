//! The reports of an account as the Reports screen lists them: status, schedule in words, next
//! and last run, the last file downloaded; and making, changing, pausing, resuming and deleting
//! them. A report's schedule is stored by the service in UTC hours; it is read back here into the
//! same plain words and local time it was chosen in.

use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Tz;
use lens_client::Call;
use lens_client::insights::{NewReport, ReportInfo, check_report};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::builder::{ReportQuery, build};
use super::schedule::{Repeat, SchedulePlan, ScheduleSpec, local_words, plan};
use crate::error::{ErrorCode, ServiceError};
use crate::workspace::Workspace;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportRow {
    pub id: String,
    pub name: String,
    pub query: Option<String>,
    /// The data set the query reads (its name in the query language).
    pub dataset: Option<String>,
    /// The same in words: "Dynamics usage".
    pub dataset_title: Option<String>,
    /// "Active", "Paused" or "Inactive" (no run left).
    pub status: String,
    /// "Every day at 06:00" in local time.
    pub schedule: String,
    pub next_run: Option<String>,
    /// When the newest file was made, in local time.
    pub last_run: Option<String>,
    /// The newest file downloaded from it, if any (its id in Downloads).
    pub last_file: Option<String>,
    pub format: String,
    /// The schedule as the builder edits it.
    pub spec: Option<ScheduleSpec>,
}

fn parse_utc(s: &str) -> Option<DateTime<Utc>> {
    lens_model::dates::parse_micros(s).ok().flatten().and_then(DateTime::from_timestamp_micros)
}

/// The runs a report has (the service's own rule: start + k × interval, count times).
fn runs(r: &ReportInfo) -> Vec<DateTime<Utc>> {
    let (Some(start), Some(h)) = (r.start_time.as_deref().and_then(parse_utc), r.recurrence_interval) else {
        return Vec::new();
    };
    let count = r.recurrence_count.unwrap_or(1).clamp(0, 10_000);
    (0..count).map(|k| start + Duration::hours(h * k)).collect()
}

/// The schedule read back as the builder shows it.
pub fn spec_of(r: &ReportInfo, tz: Tz) -> Option<ScheduleSpec> {
    let start = r.start_time.as_deref().and_then(parse_utc)?.with_timezone(&tz);
    let h = r.recurrence_interval?;
    let repeat = match h {
        24 => Repeat::Daily,
        168 => Repeat::Weekly { weekday: start.weekday().num_days_from_monday() as u8 },
        h if h % 24 == 0 => Repeat::EveryDays { days: (h / 24) as u32 },
        h => Repeat::EveryHours { hours: h as u32 },
    };
    Some(ScheduleSpec {
        repeat,
        time: start.format("%H:%M").to_string(),
        first_day: Some(start.format("%Y-%m-%d").to_string()),
        times: r.recurrence_count.map(|c| c.max(1) as u32),
        until: None,
        format: r.format.clone().unwrap_or_else(|| "csv".into()).to_lowercase(),
    })
}

fn schedule_words(r: &ReportInfo, tz: Tz) -> String {
    if r.execute_now == Some(true) {
        return "Once, at once".into();
    }
    match spec_of(r, tz) {
        Some(s) => {
            let when = s.time.clone();
            let how = match s.repeat {
                Repeat::Daily => format!("Every day at {when}"),
                Repeat::Weekly { weekday } => format!(
                    "Every {} at {when}",
                    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday as usize]
                ),
                Repeat::EveryDays { days } => format!("Every {days} days at {when}"),
                Repeat::EveryHours { hours } => format!("Every {hours} hours"),
                Repeat::Once => "Once".into(),
            };
            match s.times {
                Some(1) => format!("Once, at {when}"),
                Some(n) => format!("{how}, {n} times"),
                None => how,
            }
        }
        None => "No schedule".into(),
    }
}

impl Workspace {
    /// The account's reports, newest first.
    pub async fn report_rows(&self, account: &str, now: DateTime<Utc>, tz: Tz) -> Result<Vec<ReportRow>, ServiceError> {
        let client = self.client(account).await?;
        let call = Call::default();
        let mut out = Vec::new();
        for r in client.list_reports(&call).await? {
            let latest = client.executions(&r.report_id, None, true, &call).await.unwrap_or_default();
            let last_run = latest
                .first()
                .and_then(|e| e.report_generated_time.as_deref())
                .and_then(parse_utc)
                .map(|t| local_words(t, tz));
            let next = runs(&r).into_iter().find(|t| *t > now);
            let status = match r.report_status.as_deref() {
                Some(s) if s.eq_ignore_ascii_case("paused") => "Paused".to_string(),
                Some(s) if s.eq_ignore_ascii_case("inactive") => "Inactive".to_string(),
                _ if next.is_none() && r.execute_now != Some(true) => "Inactive".to_string(),
                Some(s) => s.to_string(),
                None => "Active".to_string(),
            };
            let query = r.query.clone();
            let dataset = query.as_deref().and_then(|q| lens_model::insights::ql::parse(q).ok()).map(|q| q.from);
            out.push(ReportRow {
                last_file: self.store().last_file_of(account, &r.report_id)?,
                schedule: schedule_words(&r, tz),
                next_run: if status == "Active" { next.map(|t| local_words(t, tz)) } else { None },
                spec: spec_of(&r, tz),
                format: r.format.clone().unwrap_or_else(|| "csv".into()).to_uppercase(),
                id: r.report_id,
                name: r.report_name,
                query,
                dataset_title: dataset.as_deref().map(|d| super::names::dataset_words(d).0),
                dataset,
                status,
                last_run,
            });
        }
        out.reverse();
        Ok(out)
    }

    /// Saves the builder's question as a query and schedules a report on it.
    pub async fn create_report(
        &self,
        account: &str,
        name: &str,
        q: &ReportQuery,
        spec: &ScheduleSpec,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<String, ServiceError> {
        let catalogue = self.kept_catalogue(account);
        let built = build(q, &catalogue);
        let text = built
            .text
            .ok_or_else(|| ServiceError::new(ErrorCode::BadQuestion, built.problem.unwrap_or_default(), None))?;
        let minimum = catalogue.dataset(&q.dataset).and_then(|d| d.minimum_recurrence).unwrap_or(4);
        let p = plan(spec, now, tz, minimum)?;
        if name.trim().is_empty() {
            return Err(ServiceError::usage("Give the report a name."));
        }
        let client = self.client(account).await?;
        let call = Call::default();
        let query = client.create_query(name.trim(), "Made with Partner Lens", &text, &call).await?;
        let r = new_report(name, &query.query_id, &p, &spec.format);
        check_report(&r, minimum, now.timestamp())?;
        Ok(client.create_report(&r, &call).await?.report_id)
    }

    /// The builder's question as query text, checked against the account's catalogue as last
    /// read (no request).
    pub fn build_report_query(&self, account: &str, q: &ReportQuery) -> super::builder::BuiltQuery {
        build(q, &self.kept_catalogue(account))
    }

    /// At most 100 rows of the builder's question, run on the service.
    pub async fn preview_report(
        &self,
        account: &str,
        q: &ReportQuery,
    ) -> Result<super::builder::Preview, ServiceError> {
        super::builder::preview(&self.client(account).await?, q, &self.kept_catalogue(account)).await
    }

    /// At most 100 rows of a system (or saved) query, run on the service by its id.
    pub async fn preview_query(&self, account: &str, query_id: &str) -> Result<super::builder::Preview, ServiceError> {
        super::builder::preview_saved(&self.client(account).await?, query_id).await
    }

    /// What a schedule on `dataset` means (its minimum recurrence from the catalogue).
    pub fn plan_report_schedule(
        &self,
        account: &str,
        dataset: &str,
        spec: &ScheduleSpec,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<super::schedule::SchedulePlan, ServiceError> {
        let minimum = self.kept_catalogue(account).dataset(dataset).and_then(|d| d.minimum_recurrence).unwrap_or(4);
        plan(spec, now, tz, minimum)
    }

    /// Schedules a report on a query the service already has: one of Microsoft's system queries
    /// (by its documented id), or a saved one.
    pub async fn create_report_from_query(
        &self,
        account: &str,
        name: &str,
        query_id: &str,
        spec: &ScheduleSpec,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<String, ServiceError> {
        if name.trim().is_empty() {
            return Err(ServiceError::usage("Give the report a name."));
        }
        let catalogue = self.kept_catalogue(account);
        let kept = self.store().kept_catalogue(account)?;
        let text =
            kept.and_then(|k| k.system.into_iter().find(|q| q.id.eq_ignore_ascii_case(query_id)).map(|q| q.query));
        let minimum = text.as_deref().and_then(|t| catalogue.minimum_recurrence_of(t)).unwrap_or(4);
        let p = plan(spec, now, tz, minimum)?;
        let r = new_report(name, query_id, &p, &spec.format);
        check_report(&r, minimum, now.timestamp())?;
        let client = self.client(account).await?;
        Ok(client.create_report(&r, &Call::default()).await?.report_id)
    }

    /// A new name, schedule or file format for a report.
    pub async fn update_report_schedule(
        &self,
        account: &str,
        id: &str,
        name: &str,
        spec: &ScheduleSpec,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<(), ServiceError> {
        let client = self.client(account).await?;
        let call = Call::default();
        let r = client
            .list_reports(&call)
            .await?
            .into_iter()
            .find(|r| r.report_id.eq_ignore_ascii_case(id))
            .ok_or_else(|| ServiceError::not_found("That report is no longer there."))?;
        let minimum =
            r.query.as_deref().and_then(|q| self.kept_catalogue(account).minimum_recurrence_of(q)).unwrap_or(4);
        let p = plan(spec, now, tz, minimum)?;
        let mut changes = Map::new();
        changes.insert("ReportName".into(), json!(name.trim()));
        changes.insert("Format".into(), json!(spec.format));
        if !p.execute_now {
            changes.insert("StartTime".into(), json!(p.start_utc));
            changes.insert("RecurrenceInterval".into(), json!(p.every_hours));
            changes.insert("RecurrenceCount".into(), json!(p.count));
        }
        client.update_report(id, Value::Object(changes), &call).await?;
        Ok(())
    }

    pub async fn pause_report(&self, account: &str, id: &str) -> Result<(), ServiceError> {
        self.client(account).await?.pause_report(id, &Call::default()).await?;
        Ok(())
    }

    pub async fn resume_report(&self, account: &str, id: &str) -> Result<(), ServiceError> {
        self.client(account).await?.resume_report(id, &Call::default()).await?;
        Ok(())
    }

    /// Deletes the report and its runs on the service; the files already downloaded stay.
    pub async fn delete_report(&self, account: &str, id: &str) -> Result<(), ServiceError> {
        self.client(account).await?.delete_report(id, &Call::default()).await?;
        Ok(())
    }
}

fn new_report(name: &str, query_id: &str, p: &SchedulePlan, format: &str) -> NewReport {
    NewReport {
        report_name: name.trim().to_string(),
        description: "Made with Partner Lens".into(),
        query_id: query_id.to_string(),
        start_time: p.start_utc.clone(),
        execute_now: p.execute_now,
        recurrence_interval: p.every_hours,
        recurrence_count: p.count,
        format: format.to_string(),
        ..NewReport::default()
    }
}
