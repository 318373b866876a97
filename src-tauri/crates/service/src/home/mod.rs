//! Home, for one account or all of them: a tile per data set with its headline figure against
//! the previous complete month, the biggest movers in one plain sentence each, the renewal
//! radar, and what changed since the last visit. Each opens the Explore question behind it.

pub mod from_service;
pub mod specs;
pub mod words;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use lens_engine::home::{Span, changes, headline, movers, renewals};
use lens_model::dataset::DatasetId;
use polars::prelude::DataFrame;
use serde::Serialize;

use crate::error::ServiceError;
use crate::explore::filters::{DateRange, FilterChip};
use crate::explore::view::View;
use specs::{Noun, SPECS, spec};
use words::{Direction, MONTHS, MoveWords};

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Tile {
    pub dataset: DatasetId,
    pub title: String,
    pub value: f64,
    pub previous: f64,
    /// "at the end of November, up 3.1% on October".
    pub detail: String,
    /// How the figure was worked out: from the rows here, or by Partner Center's own grouping.
    pub source: String,
    pub view: View,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum MoveKind {
    Rise,
    Fall,
    New,
    Gone,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Highlight {
    pub dataset: DatasetId,
    pub kind: MoveKind,
    pub sentence: String,
    pub view: View,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RenewalRow {
    pub customer: String,
    pub subscriptions: u32,
    pub licences: f64,
    /// `YYYY-MM-DD`, the first commitment end among them.
    pub first_end: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Renewals {
    /// Subscriptions ending within 30, 60 and 90 days with auto-renew off.
    pub within30: u32,
    pub within60: u32,
    pub within90: u32,
    pub customers: Vec<RenewalRow>,
    pub suspended: Vec<RenewalRow>,
    /// The subscriptions behind it, for Explore and for export.
    pub ending_view: View,
    pub suspended_view: View,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HomeSummary {
    /// The last complete month: "November 2026".
    pub period: String,
    pub tiles: Vec<Tile>,
    pub highlights: Vec<Highlight>,
    pub renewals: Option<Renewals>,
    /// "Since Monday: 12 new subscriptions, 3 suspended, 1 reseller added."
    pub since_last_visit: Option<String>,
}

/// The tables Home reads, and the copies from the last visit.
#[derive(Default)]
pub struct HomeInput<'a> {
    pub tables: Vec<(DatasetId, &'a DataFrame)>,
    pub at_last_visit: Vec<(DatasetId, &'a DataFrame)>,
    pub last_visit: Option<NaiveDate>,
}

const DAY: i64 = 86_400_000_000;

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn months_before(d: NaiveDate, n: i32) -> NaiveDate {
    let m0 = d.year() * 12 + d.month0() as i32 - n;
    NaiveDate::from_ymd_opt(m0.div_euclid(12), m0.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
}

fn micros(d: NaiveDate) -> i64 {
    lens_model::dates::days_from_civil(d.year() as i64, d.month() as i64, d.day() as i64) * DAY
}

fn span(a: NaiveDate, b: NaiveDate) -> Span {
    Span { start: micros(a), end: micros(b) }
}

fn month_name(d: NaiveDate) -> &'static str {
    MONTHS[d.month0() as usize]
}

/// The Explore question behind a tile or a highlight: the data set by month, narrowed.
fn view(dataset: DatasetId, filters: Vec<FilterChip>, split: Option<&str>) -> View {
    let mut v = View::of(dataset);
    v.filters = filters;
    if let Some(s) = split {
        v.group_by = vec![s.to_string()];
    }
    v
}

struct Candidate {
    score: f64,
    order: (usize, usize, String),
    highlight: Highlight,
}

fn candidates(
    d: DatasetId,
    df: &DataFrame,
    cur: Span,
    prev: Span,
    month: &str,
    prev_month: &str,
) -> Result<Vec<Candidate>, ServiceError> {
    let s = spec(d);
    let di = DatasetId::ALL.iter().position(|x| *x == d).unwrap_or(0);
    let mut out = Vec::new();
    for (k, (dim, phrase)) in s.dimensions.iter().enumerate() {
        let moves = movers::moves(df, s.date, s.sum, dim, s.driver, prev, cur)?;
        let (tp, tc) = moves.iter().fold((0.0, 0.0), |(a, b), m| (a + m.previous, b + m.current));
        let total = tp.max(tc).max(1.0);
        // Counts need a handful of rows to mean anything; sums a share of the whole.
        let floor = if s.sum.is_some() { total * 0.02 } else { 3.0 };
        for m in moves {
            let Some(value) = m.value.clone() else { continue };
            let (p, c) = (m.previous, m.current);
            let direction = if p < 0.5 && c >= floor {
                Direction::New
            } else if c < 0.5 && p >= floor {
                Direction::Gone
            } else if p >= floor && c >= floor && ((c - p) / p).abs() >= 0.15 {
                if c > p { Direction::Rise } else { Direction::Fall }
            } else {
                continue;
            };
            let sentence = words::sentence(&MoveWords {
                subject: s.subject,
                phrase: phrase.words(&value),
                direction,
                previous: p,
                current: c,
                unit: if s.sum.is_some() { Noun("unit", "units") } else { s.unit },
                month,
                previous_month: prev_month,
                driver: m.driver.clone(),
            });
            let kind = match direction {
                Direction::Rise => MoveKind::Rise,
                Direction::Fall => MoveKind::Fall,
                Direction::New => MoveKind::New,
                Direction::Gone => MoveKind::Gone,
            };
            let filters =
                vec![FilterChip::Values { field: dim.to_string(), values: vec![Some(value.clone())], exclude: false }];
            out.push(Candidate {
                score: (c - p).abs() / total,
                order: (di, k, value),
                highlight: Highlight { dataset: d, kind, sentence, view: view(d, filters, s.driver) },
            });
        }
    }
    Ok(out)
}

/// The three to five biggest movers across data sets: the largest moves as a share of their
/// data set's whole, at most two a data set, ties broken by data set, dimension and value.
fn highlights(mut all: Vec<Candidate>) -> Vec<Highlight> {
    all.sort_by(|a, b| b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal).then(a.order.cmp(&b.order)));
    let mut per: std::collections::HashMap<DatasetId, usize> = Default::default();
    let mut out = Vec::new();
    for c in all {
        let n = per.entry(c.highlight.dataset).or_default();
        if *n >= 2 {
            continue;
        }
        *n += 1;
        out.push(c.highlight);
        if out.len() == 5 {
            break;
        }
    }
    out
}

fn when(last: NaiveDate, today: NaiveDate) -> String {
    if (today - last).num_days() < 7 && last < today {
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        return if last.weekday() == Weekday::Mon && today - last == Duration::days(1) {
            "yesterday".into()
        } else {
            names[last.weekday().num_days_from_monday() as usize].to_string()
        };
    }
    format!("{} {}", last.day(), month_name(last))
}

fn since(input: &HomeInput, today: NaiveDate) -> Result<Option<String>, ServiceError> {
    let Some(last) = input.last_visit else { return Ok(None) };
    let old = |d: DatasetId| input.at_last_visit.iter().find(|(x, _)| *x == d).map(|(_, t)| *t);
    let new = |d: DatasetId| input.tables.iter().find(|(x, _)| *x == d).map(|(_, t)| *t);
    let mut parts = Vec::new();
    let plural =
        |n: u32, one: &str, many: &str| format!("{} {}", words::number(n as f64), if n == 1 { one } else { many });
    if let (Some(a), Some(b)) = (old(DatasetId::Subscriptions), new(DatasetId::Subscriptions)) {
        let c = changes::changes(a, b, "id", Some("status"))?;
        if c.added > 0 {
            parts.push(plural(c.added, "new subscription", "new subscriptions"));
        }
        for (status, n) in &c.became {
            match status.as_str() {
                "SUSPENDED" => parts.push(format!("{} suspended", words::number(*n as f64))),
                "DEPROVISIONED" => parts.push(format!("{} ended", words::number(*n as f64))),
                _ => {}
            }
        }
    }
    if let (Some(a), Some(b)) = (old(DatasetId::IndirectResellers), new(DatasetId::IndirectResellers)) {
        let c = changes::changes(a, b, "id", None)?;
        if c.added > 0 {
            parts.push(format!("{} added", plural(c.added, "reseller", "resellers")));
        }
    }
    if let (Some(a), Some(b)) = (old(DatasetId::Referrals), new(DatasetId::Referrals)) {
        let c = changes::changes(a, b, "id", None)?;
        if c.added > 0 {
            parts.push(plural(c.added, "new referral", "new referrals"));
        }
    }
    if input.at_last_visit.is_empty() {
        return Ok(None);
    }
    Ok(Some(words::since(&when(last, today), &parts)))
}

fn renewal_rows(v: Vec<renewals::CustomerRenewals>) -> Vec<RenewalRow> {
    v.into_iter()
        .map(|c| RenewalRow {
            customer: c.customer,
            subscriptions: c.subscriptions,
            licences: c.licences,
            first_end: c.first_end.map(|t| lens_model::dates::format(t, lens_model::dates::DateStyle::DateOnly)),
        })
        .collect()
}

/// The last complete month and the one before, as of a day.
pub struct MonthBounds {
    pub cur: Span,
    pub prev: Span,
    month: &'static str,
    prev_month: &'static str,
    cur_start: NaiveDate,
}

pub fn month_bounds(today: NaiveDate) -> MonthBounds {
    let this_month = month_start(today);
    let (cur_start, prev_start) = (months_before(this_month, 1), months_before(this_month, 2));
    MonthBounds {
        cur: span(cur_start, this_month),
        prev: span(prev_start, cur_start),
        month: month_name(cur_start),
        prev_month: month_name(prev_start),
        cur_start,
    }
}

/// A data set's tile from its headline figure.
fn tile(s: &specs::HomeSpec, f: &headline::Figure, b: &MonthBounds, source: String) -> Tile {
    let at = match (s.headline)() {
        headline::Headline::Stock { .. } => format!("at the end of {}", b.month),
        headline::Headline::Flow { .. } => format!("in {}", b.month),
    };
    Tile {
        dataset: s.dataset,
        title: s.title.to_string(),
        value: f.current,
        previous: f.previous,
        detail: format!("{at}, {}", words::change_on(f.current, f.previous, b.prev_month)),
        source,
        view: View::of(s.dataset),
    }
}

/// Home's summary as of `today`. CPU work: call from a blocking thread.
pub fn summary(input: &HomeInput, today: NaiveDate) -> Result<HomeSummary, ServiceError> {
    let b = month_bounds(today);
    let (cur, prev, month, prev_month, cur_start) = (b.cur, b.prev, b.month, b.prev_month, b.cur_start);
    let mut tiles = Vec::new();
    let mut all = Vec::new();
    for s in &SPECS {
        let Some((_, df)) = input.tables.iter().find(|(d, _)| *d == s.dataset) else { continue };
        let f = headline::figure(df, &(s.headline)(), cur, prev)?;
        let rows = df.height();
        let source = format!(
            "Worked out on this computer from the {} {} fetched.",
            words::number(rows as f64),
            if rows == 1 { "row" } else { "rows" }
        );
        tiles.push(tile(s, &f, &b, source));
        all.extend(candidates(s.dataset, df, cur, prev, month, prev_month)?);
    }
    let renewals = match input.tables.iter().find(|(d, _)| *d == DatasetId::Subscriptions) {
        Some((_, df)) => {
            let r = renewals::radar(df, micros(today))?;
            let ending = vec![
                FilterChip::Dates {
                    field: "commitmentEndDate".into(),
                    range: DateRange::Between {
                        from: (today + Duration::days(1)).to_string(),
                        to: (today + Duration::days(90)).to_string(),
                    },
                },
                FilterChip::Flag { field: "autoRenewEnabled".into(), value: false },
            ];
            let suspended = vec![FilterChip::Values {
                field: "status".into(),
                values: vec![Some("SUSPENDED".into())],
                exclude: false,
            }];
            Some(Renewals {
                within30: r.within[0],
                within60: r.within[1],
                within90: r.within[2],
                customers: renewal_rows(r.customers),
                suspended: renewal_rows(r.suspended),
                ending_view: view(DatasetId::Subscriptions, ending, Some("customerName")),
                suspended_view: view(DatasetId::Subscriptions, suspended, Some("customerName")),
            })
        }
        None => None,
    };
    Ok(HomeSummary {
        period: format!("{month} {}", cur_start.year()),
        tiles,
        highlights: highlights(all),
        renewals,
        since_last_visit: since(input, today)?,
    })
}
