//! When a local schedule is due: daily, weekly or monthly at a local time of day. A schedule is
//! due when its latest time at or before now comes after its last run, so however long the
//! computer slept, a missed run runs once (the latest one), never once per day missed.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::reports::schedule::local_words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Cadence {
    Daily,
    /// 0 is Monday.
    Weekly {
        weekday: u8,
    },
    /// A day of the month; past the month's end, its last day.
    Monthly {
        day: u8,
    },
}

fn on(date: NaiveDate, c: Cadence) -> bool {
    match c {
        Cadence::Daily => true,
        Cadence::Weekly { weekday } => date.weekday() == Weekday::try_from(weekday.min(6)).unwrap_or(Weekday::Mon),
        Cadence::Monthly { day } => {
            let last = (date + Duration::days(1)).month() != date.month();
            date.day() == day as u32 || (last && date.day() < day as u32)
        }
    }
}

fn at(date: NaiveDate, time: NaiveTime, tz: Tz) -> DateTime<Utc> {
    use chrono::{LocalResult, TimeZone};
    match tz.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => at(date, time + Duration::hours(1), tz),
    }
}

/// The latest time the schedule came round at or before `now`.
pub fn latest(c: Cadence, time: NaiveTime, now: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
    let today = now.with_timezone(&tz).date_naive();
    (0..62).map(|k| today - Duration::days(k)).filter(|d| on(*d, c)).map(|d| at(d, time, tz)).find(|t| *t <= now)
}

/// The next time after `now`.
pub fn next(c: Cadence, time: NaiveTime, now: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
    let today = now.with_timezone(&tz).date_naive();
    (0..62).map(|k| today + Duration::days(k)).filter(|d| on(*d, c)).map(|d| at(d, time, tz)).find(|t| *t > now)
}

/// "Every day at 07:00", "Every Monday at 08:00", "On the 1st of every month at 06:00".
pub fn words(c: Cadence, time: NaiveTime) -> String {
    let t = time.format("%H:%M");
    match c {
        Cadence::Daily => format!("Every day at {t}"),
        Cadence::Weekly { weekday } => format!(
            "Every {} at {t}",
            ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday.min(6) as usize]
        ),
        Cadence::Monthly { day } => {
            let suffix = match day {
                1 | 21 | 31 => "st",
                2 | 22 => "nd",
                3 | 23 => "rd",
                _ => "th",
            };
            format!("On the {day}{suffix} of every month at {t}")
        }
    }
}

/// "Next: Tue 1 Dec 2026, 07:00".
pub fn next_words(c: Cadence, time: NaiveTime, now: DateTime<Utc>, tz: Tz) -> Option<String> {
    next(c, time, now, tz).map(|t| local_words(t, tz))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_latest_and_next_times_in_local_time() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let seven = NaiveTime::from_hms_opt(7, 0, 0).unwrap();
        // Thursday 3 December 2026, 10:00 UTC (11:00 in Paris).
        let now = utc("2026-12-03T10:00:00Z");
        assert_eq!(latest(Cadence::Daily, seven, now, paris), Some(utc("2026-12-03T06:00:00Z")));
        assert_eq!(next(Cadence::Daily, seven, now, paris), Some(utc("2026-12-04T06:00:00Z")));
        assert_eq!(latest(Cadence::Weekly { weekday: 0 }, seven, now, paris), Some(utc("2026-11-30T06:00:00Z")));
        assert_eq!(
            latest(Cadence::Monthly { day: 31 }, seven, now, paris),
            Some(utc("2026-11-30T06:00:00Z")),
            "30 November is the month's last day"
        );
        assert_eq!(words(Cadence::Monthly { day: 1 }, seven), "On the 1st of every month at 07:00");
        // Across the spring change the local time stays 07:00 (it is the UTC hour that moves).
        let after = utc("2027-03-29T12:00:00Z");
        assert_eq!(latest(Cadence::Daily, seven, after, paris), Some(utc("2027-03-29T05:00:00Z")));
    }
}
