//! A report's schedule in plain words ("Every day at 06:00", "Every Monday at 08:00", "Every 2
//! days", "Once, now"), chosen in local time with the time zone named, and what the API takes:
//! a UTC `StartTime`, a `RecurrenceInterval` in hours and a `RecurrenceCount`. The service counts
//! hours, not calendar days, so a daily report drifts by an hour against the local clock across
//! a daylight-saving change; the plan says so, with the day it happens. Time is an argument.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::ServiceError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Repeat {
    /// One run, at once.
    Once,
    Daily,
    /// 0 is Monday.
    Weekly {
        weekday: u8,
    },
    EveryDays {
        days: u32,
    },
    EveryHours {
        hours: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ScheduleSpec {
    pub repeat: Repeat,
    /// The local time of day, `HH:MM`.
    pub time: String,
    /// The first day (`YYYY-MM-DD`); by default the next time `time` comes round.
    #[serde(default)]
    pub first_day: Option<String>,
    /// How many runs; or `until`.
    #[serde(default)]
    pub times: Option<u32>,
    /// The last day a run may fall on (`YYYY-MM-DD`).
    #[serde(default)]
    pub until: Option<String>,
    /// `csv` or `tsv`.
    pub format: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SchedulePlan {
    /// "Every day at 06:00, 30 times".
    pub summary: String,
    /// The IANA name: "Europe/Paris".
    pub time_zone: String,
    pub execute_now: bool,
    /// The first run in UTC, as the API takes it (`2026-12-02T05:00:00Z`).
    pub start_utc: Option<String>,
    pub every_hours: Option<i64>,
    pub count: Option<i64>,
    /// The next three runs in local time: "Wed 2 Dec 2026, 06:00".
    pub next_runs: Vec<String>,
    /// How the runs move against the local clock across a daylight-saving change, if they do.
    pub drift: Option<String>,
    /// Why the first run is later than the person may expect (the service's 4-hour rule).
    pub note: Option<String>,
}

/// The time zone of this computer (UTC when it cannot be told).
pub fn system_zone() -> Tz {
    iana_time_zone::get_timezone().ok().and_then(|n| n.parse().ok()).unwrap_or(Tz::UTC)
}

fn bad(msg: impl Into<String>) -> ServiceError {
    ServiceError::new(crate::ErrorCode::BadQuestion, msg, None)
}

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// A local wall-clock time as an instant: the earlier of two in the hour that repeats, the
/// first valid minute after a time the clocks skip.
fn instant(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
        LocalResult::None => instant(tz, local + Duration::hours(1)),
    }
}

/// "Wed 2 Dec 2026, 06:00".
pub fn local_words(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%a %-d %b %Y, %H:%M").to_string()
}

fn day(s: &str, what: &str) -> Result<NaiveDate, ServiceError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| bad(format!("\"{s}\" is not a day for {what}.")))
}

/// Works out the schedule: when the first run is, how often in hours, how many times.
pub fn plan(spec: &ScheduleSpec, now: DateTime<Utc>, tz: Tz, minimum_hours: u32) -> Result<SchedulePlan, ServiceError> {
    let zone = tz.name().to_string();
    if spec.format != "csv" && spec.format != "tsv" {
        return Err(bad("The file can be CSV or TSV."));
    }
    if spec.repeat == Repeat::Once {
        return Ok(SchedulePlan {
            summary: "Once, now".into(),
            time_zone: zone,
            execute_now: true,
            start_utc: None,
            every_hours: None,
            count: Some(1),
            next_runs: vec![local_words(now, tz)],
            drift: None,
            note: None,
        });
    }
    let at = NaiveTime::parse_from_str(spec.time.trim(), "%H:%M")
        .map_err(|_| bad(format!("\"{}\" is not a time of day (like 06:00).", spec.time)))?;
    let hours: i64 = match spec.repeat {
        Repeat::Daily => 24,
        Repeat::Weekly { .. } => 168,
        Repeat::EveryDays { days } => days as i64 * 24,
        Repeat::EveryHours { hours } => hours as i64,
        Repeat::Once => unreachable!(),
    };
    if !(4..=2160).contains(&hours) {
        return Err(bad(
            "A report can run every 4 hours at the most often, and every 90 days (2,160 hours) at the least.",
        ));
    }
    if hours < minimum_hours as i64 {
        return Err(bad(format!(
            "This data set is refreshed once every {minimum_hours} hours, so a report on it cannot run more often."
        )));
    }
    let local_now = now.with_timezone(&tz).naive_local();
    let mut date = match &spec.first_day {
        Some(d) => day(d, "the first run")?,
        None => local_now.date(),
    };
    if let Repeat::Weekly { weekday } = spec.repeat {
        let want = Weekday::try_from(weekday.min(6)).unwrap_or(Weekday::Mon);
        while date.weekday() != want {
            date = date.succ_opt().unwrap_or(date);
        }
    }
    let step_days = if matches!(spec.repeat, Repeat::Weekly { .. }) { 7 } else { 1 };
    // The service takes a start at least 4 hours ahead (a minute of margin for the time it
    // takes to send): the first run is the first time that comes round after that.
    let ahead = Duration::seconds(lens_client::insights::MIN_START_AHEAD_SECS);
    let mut start = instant(tz, date.and_time(at));
    let mut pushed = false;
    while start <= now + ahead + Duration::minutes(1) {
        pushed |= start > now + Duration::minutes(1);
        date += Duration::days(step_days);
        start = instant(tz, date.and_time(at));
    }
    let note = pushed.then(|| {
        format!(
            "Partner Center starts a report at least 4 hours after it is made, so the first run is {}.",
            local_words(start, tz)
        )
    });
    let count: i64 = match (spec.times, &spec.until) {
        (Some(n), _) if n >= 1 => n as i64,
        (Some(_), _) => return Err(bad("A report runs at least once.")),
        (None, Some(u)) => {
            let last = instant(tz, day(u, "the last run")?.and_hms_opt(23, 59, 59).unwrap_or_default());
            if last < start {
                return Err(bad(format!("The first run is on {}, after the last day given.", local_words(start, tz))));
            }
            (last - start).num_hours() / hours + 1
        }
        (None, None) => return Err(bad("Say how many times the report runs, or until which day.")),
    };
    let run = |k: i64| start + Duration::hours(hours * k);
    let next_runs = (0..count.min(3)).map(|k| local_words(run(k), tz)).collect();
    let drift = if hours % 24 == 0 {
        (1..count.min(800)).find(|k| run(*k).with_timezone(&tz).time() != at).map(|k| {
            let t = run(k).with_timezone(&tz);
            format!(
                "Partner Center repeats a report every {hours} hours and does not follow daylight saving time, so from {} it runs at {} instead of {} ({zone}).",
                t.format("%a %-d %b %Y"),
                t.format("%H:%M"),
                at.format("%H:%M"),
            )
        })
    } else {
        None
    };
    let when = at.format("%H:%M");
    let how = match spec.repeat {
        Repeat::Daily => format!("Every day at {when}"),
        Repeat::Weekly { weekday } => format!("Every {} at {when}", WEEKDAYS[weekday.min(6) as usize]),
        Repeat::EveryDays { days } => format!("Every {days} days at {when}"),
        Repeat::EveryHours { hours } => format!("Every {hours} hours from {when}"),
        Repeat::Once => unreachable!(),
    };
    let how_long = match (&spec.times, &spec.until) {
        (Some(1), _) => ", once".to_string(),
        (Some(n), _) => format!(", {n} times"),
        (None, Some(u)) => format!(", until {}", day(u, "the last run")?.format("%-d %b %Y")),
        _ => String::new(),
    };
    Ok(SchedulePlan {
        summary: format!("{how}{how_long}"),
        time_zone: zone,
        execute_now: false,
        start_utc: Some(start.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        every_hours: Some(hours),
        count: Some(count),
        next_runs,
        drift,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn spec(repeat: Repeat, time: &str) -> ScheduleSpec {
        ScheduleSpec { repeat, time: time.into(), first_day: None, times: Some(30), until: None, format: "csv".into() }
    }

    #[test]
    fn every_day_at_six_across_the_paris_spring_change() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let p = plan(&spec(Repeat::Daily, "06:00"), at("2027-03-25T12:00:00Z"), paris, 24).unwrap();
        assert_eq!(p.summary, "Every day at 06:00, 30 times");
        assert_eq!(p.start_utc.as_deref(), Some("2027-03-26T05:00:00Z"), "06:00 in Paris is 05:00 UTC in winter");
        assert_eq!((p.every_hours, p.count), (Some(24), Some(30)));
        assert_eq!(p.next_runs, ["Fri 26 Mar 2027, 06:00", "Sat 27 Mar 2027, 06:00", "Sun 28 Mar 2027, 07:00"]);
        assert_eq!(
            p.drift.as_deref(),
            Some(
                "Partner Center repeats a report every 24 hours and does not follow daylight saving time, so from Sun 28 Mar 2027 it runs at 07:00 instead of 06:00 (Europe/Paris)."
            )
        );
    }

    #[test]
    fn every_day_at_six_across_the_paris_autumn_change() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let p = plan(&spec(Repeat::Daily, "06:00"), at("2027-10-28T12:00:00Z"), paris, 24).unwrap();
        assert_eq!(p.start_utc.as_deref(), Some("2027-10-29T04:00:00Z"), "06:00 in Paris is 04:00 UTC in summer");
        assert_eq!(p.next_runs, ["Fri 29 Oct 2027, 06:00", "Sat 30 Oct 2027, 06:00", "Sun 31 Oct 2027, 05:00"]);
        assert!(
            p.drift.as_deref().is_some_and(|d| d.contains("from Sun 31 Oct 2027 it runs at 05:00 instead of 06:00")),
            "{:?}",
            p.drift
        );
        // 02:30 happens twice that night: the first of the two.
        let p = plan(
            &ScheduleSpec { first_day: Some("2027-10-31".into()), ..spec(Repeat::Daily, "02:30") },
            at("2027-10-28T12:00:00Z"),
            paris,
            24,
        )
        .unwrap();
        assert_eq!(p.start_utc.as_deref(), Some("2027-10-31T00:30:00Z"));
    }

    #[test]
    fn weekly_on_monday_and_until_a_day() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let s = ScheduleSpec {
            times: None,
            until: Some("2026-12-31".into()),
            ..spec(Repeat::Weekly { weekday: 0 }, "08:00")
        };
        // Tuesday 1 December 2026: the first Monday is the 7th.
        let p = plan(&s, at("2026-12-01T10:00:00Z"), paris, 24).unwrap();
        assert_eq!(p.summary, "Every Monday at 08:00, until 31 Dec 2026");
        assert_eq!(p.start_utc.as_deref(), Some("2026-12-07T07:00:00Z"));
        assert_eq!((p.every_hours, p.count), (Some(168), Some(4)), "7, 14, 21 and 28 December");
        assert_eq!(p.drift, None, "no clock change in December");
        // The same day's time already gone: the next day.
        let p = plan(&spec(Repeat::EveryDays { days: 2 }, "06:00"), at("2026-12-01T10:00:00Z"), paris, 24).unwrap();
        assert_eq!(p.summary, "Every 2 days at 06:00, 30 times");
        assert_eq!(p.next_runs, ["Wed 2 Dec 2026, 06:00", "Fri 4 Dec 2026, 06:00", "Sun 6 Dec 2026, 06:00"]);
    }

    #[test]
    fn what_the_service_would_refuse_is_said_first() {
        let utc = Tz::UTC;
        let now = at("2026-12-01T10:00:00Z");
        let e = plan(&spec(Repeat::EveryHours { hours: 2 }, "06:00"), now, utc, 4).unwrap_err();
        assert!(e.message.contains("every 4 hours at the most often"), "{}", e.message);
        let e = plan(&spec(Repeat::EveryHours { hours: 12 }, "06:00"), now, utc, 24).unwrap_err();
        assert_eq!(
            e.message,
            "This data set is refreshed once every 24 hours, so a report on it cannot run more often."
        );
        let e = plan(&spec(Repeat::EveryDays { days: 100 }, "06:00"), now, utc, 24).unwrap_err();
        assert!(e.message.contains("2,160 hours"));
        let e = plan(&ScheduleSpec { times: None, ..spec(Repeat::Daily, "06:00") }, now, utc, 24).unwrap_err();
        assert!(e.message.contains("how many times"));
        let e = plan(&spec(Repeat::Daily, "6 o'clock"), now, utc, 24).unwrap_err();
        assert!(e.message.contains("not a time of day"));
        let once = plan(&spec(Repeat::Once, ""), now, utc, 24).unwrap();
        assert!(once.execute_now && once.summary == "Once, now");
    }
}
