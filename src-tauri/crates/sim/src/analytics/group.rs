//! Server-side `groupby` with `aggregationLevel`, as seeds 002/003 show it: one row a group with
//! only the grouping fields and the count fields, counts written as strings (**quirk**).
//!
//! Date buckets: `day` is the calendar day (UTC), `week` the ISO week starting Monday, `month`
//! the calendar month; each written as its first instant (`2018-05-01T00:00:00`). `dateRange`
//! (the default) does not split by date: the answer gives each group's earliest date.
//! Rows whose date is missing form their own group with a null date. Groups come sorted by
//! their values in groupby order, missing values first.

use std::cmp::Ordering;
use std::collections::HashMap;

use lens_model::dataset::{DatasetSpec, FieldType, Measure};
use lens_model::dates::{self, DateStyle, MICROS_PER_DAY, Micros};
use lens_model::filter::Cell;
use lens_model::query::AggLevel;

use crate::json::Obj;
use crate::world::{Row, Table};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    /// A date bucket's start.
    Date(Micros),
    /// Any date, under `dateRange`.
    Range,
}

impl Key {
    fn rank(&self) -> u8 {
        match self {
            Key::Null => 0,
            Key::Bool(_) => 1,
            Key::Int(_) => 2,
            Key::Str(_) => 3,
            Key::Date(_) | Key::Range => 4,
        }
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Key::Bool(a), Key::Bool(b)) => a.cmp(b),
            (Key::Int(a), Key::Int(b)) => a.cmp(b),
            (Key::Str(a), Key::Str(b)) => a.cmp(b),
            (Key::Date(a), Key::Date(b)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

/// The first instant of the bucket holding `t`.
pub fn bucket(t: Micros, level: AggLevel) -> Micros {
    let day = t.div_euclid(MICROS_PER_DAY);
    let start_day = match level {
        AggLevel::Day | AggLevel::DateRange => day,
        // 1970-01-01 was a Thursday: shift so that Monday is day 0 of a week.
        AggLevel::Week => day - (day + 3).rem_euclid(7),
        AggLevel::Month => {
            let (y, m, _) = dates::civil_from_days(day);
            dates::days_from_civil(y, m, 1)
        }
    };
    start_day * MICROS_PER_DAY
}

pub struct Group {
    pub keys: Vec<Key>,
    /// Earliest date per grouping field (used by `dateRange`).
    pub mins: Vec<Option<Micros>>,
    pub sums: Vec<f64>,
}

pub struct Groups {
    pub fields: Vec<(String, FieldType)>,
    pub level: AggLevel,
    pub groups: Vec<Group>,
}

pub fn key_of(cell: Cell<'_>, level: AggLevel) -> Key {
    match cell {
        Cell::Null => Key::Null,
        Cell::Bool(b) => Key::Bool(b),
        Cell::Int(i) => Key::Int(i),
        Cell::Float(f) => Key::Int(f as i64),
        Cell::Str(s) => Key::Str(s.to_string()),
        Cell::Date(_) if level == AggLevel::DateRange => Key::Range,
        Cell::Date(t) => Key::Date(bucket(t, level)),
    }
}

/// The distinct values of one grouping field, each with its number.
#[derive(Default)]
struct Values {
    keys: Vec<Key>,
    text: HashMap<String, u32>,
    other: HashMap<Key, u32>,
}

impl Values {
    fn number(&mut self, cell: Cell<'_>, level: AggLevel) -> u32 {
        let next = self.keys.len() as u32;
        match cell {
            Cell::Str(s) => match self.text.get(s) {
                Some(&n) => n,
                None => {
                    self.text.insert(s.to_string(), next);
                    self.keys.push(Key::Str(s.to_string()));
                    next
                }
            },
            cell => {
                let key = key_of(cell, level);
                match self.other.get(&key) {
                    Some(&n) => n,
                    None => {
                        self.other.insert(key.clone(), next);
                        self.keys.push(key);
                        next
                    }
                }
            }
        }
    }
}

/// Rows a piece when grouping on several threads. A fixed size rather than one piece a thread:
/// the pieces' totals are added in piece order, so a fractional total comes out the same, to the
/// last digit, on a machine with any number of processors.
const PIECE: usize = 1 << 17;

/// Groups the rows at `selection` (all rows when `None`). A service groups on many machines at
/// once; the simulator uses every processor it has, in pieces of [`PIECE`] rows whose groups are
/// then added together.
pub fn compute<T: Table>(
    t: &T,
    spec: &DatasetSpec,
    selection: Option<&[u32]>,
    group_by: &[String],
    level: AggLevel,
) -> Groups {
    let plan = Plan::new(spec, group_by, level);
    let n = selection.map_or(t.len(), <[u32]>::len);
    let pieces = n.div_ceil(PIECE).max(1);
    let piece = |p: usize| {
        let rows = (p * PIECE..((p + 1) * PIECE).min(n)).map(|pos| selection.map_or(pos, |s| s[pos] as usize));
        plan.group(t, rows)
    };
    // Pieces are the same size and their rows cost about the same, so each thread takes every
    // `threads`-th piece; the pieces are then put back in order.
    let threads = std::thread::available_parallelism().map_or(1, |c| c.get()).min(pieces);
    let mut partials: Vec<(usize, Vec<Group>)> = std::thread::scope(|scope| {
        let piece = &piece;
        let workers: Vec<_> = (0..threads)
            .map(|w| scope.spawn(move || (w..pieces).step_by(threads).map(|p| (p, piece(p))).collect::<Vec<_>>()))
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    partials.sort_by_key(|(p, _)| *p);

    let mut groups = add_up(partials.into_iter().map(|(_, g)| g));
    groups.sort_by(|a, b| a.keys.cmp(&b.keys));
    let fields = group_by.iter().map(|g| (g.clone(), spec.field(g).map_or(FieldType::Str, |f| f.ty))).collect();
    Groups { fields, level, groups }
}

/// The pieces' groups as one list: a group found in several pieces has its earliest dates and
/// its totals combined, in piece order.
fn add_up(partials: impl Iterator<Item = Vec<Group>>) -> Vec<Group> {
    let mut index: HashMap<Vec<Key>, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for g in partials.flatten() {
        match index.get(&g.keys) {
            Some(&at) => {
                let into = &mut groups[at];
                keep_earliest(&mut into.mins, g.mins);
                for (sum, v) in into.sums.iter_mut().zip(g.sums) {
                    *sum += v;
                }
            }
            None => {
                index.insert(g.keys.clone(), groups.len());
                groups.push(g);
            }
        }
    }
    groups
}

/// Keeps in each of `into` the earlier of it and the date beside it in `dates` (a missing date
/// changes nothing).
fn keep_earliest(into: &mut [Option<Micros>], dates: impl IntoIterator<Item = Option<Micros>>) {
    for (m, d) in into.iter_mut().zip(dates) {
        if let Some(d) = d {
            *m = Some(m.map_or(d, |x| x.min(d)));
        }
    }
}

/// What grouping a data set by some fields needs to know: where those fields are, and each
/// count's measure and field.
struct Plan {
    idx: Vec<usize>,
    measures: Vec<(Measure, Option<usize>)>,
    level: AggLevel,
}

impl Plan {
    fn new(spec: &DatasetSpec, group_by: &[String], level: AggLevel) -> Plan {
        let idx = group_by.iter().map(|g| spec.fields.iter().position(|f| f.name == g).unwrap_or(usize::MAX)).collect();
        let measures = spec
            .counts
            .iter()
            .map(|c| {
                let field = match c.measure {
                    Measure::Rows => None,
                    Measure::Sum(n) | Measure::CountTrue(n) => spec.fields.iter().position(|f| f.name == n),
                };
                (c.measure, field)
            })
            .collect();
        Plan { idx, measures, level }
    }

    /// The groups of some rows, in no order.
    fn group<T: Table>(&self, t: &T, rows: impl Iterator<Item = usize>) -> Vec<Group> {
        let (idx, measures, level) = (&self.idx, &self.measures, self.level);
        // Per group: the earliest date of each grouping field, and one running total a measure.
        // Groups are found by the numbers of their values, so a row costs no allocation.
        type Totals = (Vec<Option<Micros>>, Vec<f64>);
        let mut values: Vec<Values> = idx.iter().map(|_| Values::default()).collect();
        let mut index: HashMap<Vec<u32>, usize> = HashMap::new();
        let mut totals: Vec<Totals> = Vec::new();
        let mut ids: Vec<u32> = Vec::with_capacity(idx.len());
        let mut dates: Vec<Option<Micros>> = vec![None; idx.len()];
        for i in rows {
            let row = t.row(i);
            ids.clear();
            for (slot, &k) in idx.iter().enumerate() {
                let cell = row.cell(k);
                dates[slot] = if let Cell::Date(d) = cell { Some(d) } else { None };
                ids.push(values[slot].number(cell, level));
            }
            let g = match index.get(ids.as_slice()) {
                Some(&g) => g,
                None => {
                    index.insert(ids.clone(), totals.len());
                    totals.push((vec![None; idx.len()], vec![0.0; measures.len()]));
                    totals.len() - 1
                }
            };
            let entry = &mut totals[g];
            keep_earliest(&mut entry.0, dates.iter().copied());
            for (slot, (measure, field)) in measures.iter().enumerate() {
                entry.1[slot] += match (measure, field.map(|f| row.cell(f))) {
                    (Measure::Rows, _) => 1.0,
                    (Measure::Sum(_), Some(Cell::Int(n))) => n as f64,
                    (Measure::Sum(_), Some(Cell::Float(x))) => x,
                    (Measure::CountTrue(_), Some(Cell::Bool(true))) => 1.0,
                    _ => 0.0,
                };
            }
        }
        index
            .into_iter()
            .map(|(ids, g)| {
                let keys = ids.iter().zip(&values).map(|(&id, v)| v.keys[id as usize].clone()).collect();
                let (mins, sums) = std::mem::take(&mut totals[g]);
                Group { keys, mins, sums }
            })
            .collect()
    }
}

/// Writes one group as the service does: grouping fields, then counts as strings.
pub fn write_group(out: &mut String, spec: &DatasetSpec, groups: &Groups, g: &Group) {
    let mut o = Obj::begin(out);
    for (slot, ((name, _), key)) in groups.fields.iter().zip(&g.keys).enumerate() {
        match key {
            Key::Null => o.str(name, None),
            Key::Bool(b) => o.bool(name, *b),
            Key::Int(i) => o.int(name, *i),
            Key::Str(s) => o.str(name, Some(s)),
            Key::Date(d) => o.date(name, Some(*d), DateStyle::Seconds),
            Key::Range => o.date(name, g.mins[slot], DateStyle::Seconds),
        };
    }
    for (c, v) in spec.counts.iter().zip(&g.sums) {
        o.count_str(c.name, *v, c.fractional);
    }
    o.end();
}

#[cfg(test)]
mod tests {
    use super::*;
    use lens_model::dataset::DatasetId;
    use lens_model::dates::ymd;

    #[test]
    fn buckets_follow_iso_weeks_and_calendar_months() {
        // 2021-01-03 is a Sunday in ISO week 53 of 2020, which began Monday 2020-12-28.
        assert_eq!(bucket(ymd(2021, 1, 3) + 5, AggLevel::Week), ymd(2020, 12, 28));
        assert_eq!(bucket(ymd(2021, 1, 4), AggLevel::Week), ymd(2021, 1, 4));
        assert_eq!(bucket(ymd(2024, 2, 29) + 1000, AggLevel::Month), ymd(2024, 2, 1));
        assert_eq!(bucket(ymd(2024, 2, 29) + 1000, AggLevel::Day), ymd(2024, 2, 29));
        assert_eq!(bucket(ymd(1969, 12, 31), AggLevel::Week), ymd(1969, 12, 29));
    }

    /// Grouping in pieces on several threads gives the groups one pass over every row gives:
    /// the same keys and earliest dates, the same counts, totals equal to rounding.
    #[test]
    fn pieces_add_up_to_one_pass() {
        use crate::world::World;
        use crate::world::usage::Usage;

        let world = World::new(7, 2 * PIECE / 3, dates::days_from_civil(2026, 11, 21));
        let check = |got: Groups, mut want: Vec<Group>| {
            want.sort_by(|a, b| a.keys.cmp(&b.keys));
            assert!(want.len() > 10, "{} groups", want.len());
            assert_eq!(got.groups.len(), want.len());
            for (g, w) in got.groups.iter().zip(&want) {
                assert_eq!(g.keys, w.keys);
                assert_eq!(g.mins, w.mins);
                for (a, b) in g.sums.iter().zip(&w.sums) {
                    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{:?}: {a} against {b}", g.keys);
                }
            }
        };
        // Usage (three rows a subscription): more than one piece.
        let usage = Usage::new(&world);
        assert!(usage.len() > PIECE);
        let spec = DatasetId::AzureUsage.spec();
        let by = ["resourceLocation", "meterCategory", "usageDate"].map(String::from);
        let one = Plan::new(spec, &by, AggLevel::Month).group(&usage, 0..usage.len());
        check(compute(&usage, spec, None, &by, AggLevel::Month), one);
        // A selection (nine rows in ten, latest first, as `orderby=usageDate desc` gives them),
        // still more than one piece, grouped under dateRange: each group's earliest date is in
        // the last piece, so the pieces' dates must be combined to find it.
        let picked: Vec<u32> = (0..usage.len() as u32).rev().filter(|i| i % 10 != 0).collect();
        assert!(picked.len() > PIECE);
        let one = Plan::new(spec, &by, AggLevel::DateRange).group(&usage, picked.iter().map(|&i| i as usize));
        check(compute(&usage, spec, Some(&picked), &by, AggLevel::DateRange), one);
    }

    #[test]
    fn keys_sort_nulls_first_then_values() {
        let mut v = vec![Key::Str("b".into()), Key::Null, Key::Str("a".into())];
        v.sort();
        assert_eq!(v, vec![Key::Null, Key::Str("a".into()), Key::Str("b".into())]);
    }
}
