//! Property: for random filters and groupings over every data set, the simulator's `groupby`
//! answer equals the grouping this test computes itself from the raw rows the simulator returns
//! for the same filter. The bucketing here is written independently (with chrono), so a bug in
//! the simulator's grouping cannot hide behind the same bug in the test.

mod common;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use common::*;
use lens_model::dataset::{DatasetId, FieldType, Measure};
use lens_sim::SimConfig;
use rand::{Rng, SeedableRng};
use serde_json::Value;

const CASES: usize = 80;

fn day_of(v: &str) -> NaiveDate {
    let micros = lens_model::dates::parse_micros(v).unwrap().unwrap();
    chrono::DateTime::from_timestamp_micros(micros).unwrap().date_naive()
}

/// The key of one grouping field for one raw row.
fn key(row: &Value, field: &str, ty: FieldType, level: &str) -> String {
    let v = &row[field];
    if v.is_null() || v.as_str() == Some("0001-01-01T00:00:00") {
        return "null".into();
    }
    if ty != FieldType::DateTime {
        return match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
    }
    let d = day_of(v.as_str().unwrap());
    let start = match level {
        "day" => d,
        "week" => d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64),
        "month" => d.with_day(1).unwrap(),
        _ => return "range".into(),
    };
    format!("{}T00:00:00", start.format("%Y-%m-%d"))
}

fn number(v: &Value) -> f64 {
    v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok())).unwrap_or(0.0)
}

/// A random filter built from values present in the data.
fn random_filter(rng: &mut rand::rngs::StdRng, id: DatasetId, rows: &[Value]) -> Option<String> {
    let spec = id.spec();
    let one = |rng: &mut rand::rngs::StdRng| -> String {
        let candidates: Vec<_> = spec.fields.iter().filter(|f| !f.ops.is_empty()).collect();
        let f = candidates[rng.gen_range(0..candidates.len())];
        let row = &rows[rng.gen_range(0..rows.len())];
        let op = f.ops[rng.gen_range(0..f.ops.len())];
        let val = &row[f.name];
        match (f.ty, op) {
            (FieldType::Bool, o) => format!("{} {} {}", f.name, o.keyword(), val.as_bool().unwrap_or(true)),
            (FieldType::DateTime, o) => match val.as_str() {
                Some(s) if s != "0001-01-01T00:00:00" => format!("{} {} '{}'", f.name, o.keyword(), &s[..10]),
                _ => format!("{} {} null", f.name, if rng.gen_bool(0.5) { "eq" } else { "ne" }),
            },
            (_, lens_model::Op::Contains) => {
                let s = val.as_str().unwrap_or("a");
                let start = rng.gen_range(0..s.len().saturating_sub(3).max(1));
                let part: String = s.chars().skip(start).take(3).collect();
                format!("contains({},'{}')", f.name, part.replace('\'', "''"))
            }
            (_, o) => {
                let text = match val {
                    Value::String(s) => s.clone(),
                    Value::Null => "none".into(),
                    other => other.to_string(),
                };
                format!("{} {} '{}'", f.name, o.keyword(), text.replace('\'', "''"))
            }
        }
    };
    match rng.gen_range(0..4) {
        0 => None,
        1 => Some(one(rng)),
        2 => Some(format!("{} and {}", one(rng), one(rng))),
        _ => Some(format!("({} or {}) and {}", one(rng), one(rng), one(rng))),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grouped_answers_equal_grouping_the_raw_rows() {
    let sim = start(SimConfig { seed: 21, subscriptions: 1500, today: Some(20_413), ..SimConfig::default() }).await;
    let t = token(&sim).await;
    let mut all: BTreeMap<DatasetId, Vec<Value>> = BTreeMap::new();
    for id in DatasetId::ALL {
        all.insert(id, all_rows(&sim, &t, id.path()).await.0);
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
    let mut checked_groups = 0;
    for case in 0..CASES {
        let id = DatasetId::ALL[rng.gen_range(0..5)];
        let spec = id.spec();
        let terms: Vec<_> = spec.fields.iter().filter(|f| f.groupable && !f.is_date()).collect();
        let dates: Vec<_> = spec.fields.iter().filter(|f| f.groupable && f.is_date()).collect();
        let mut group: Vec<&lens_model::Field> = Vec::new();
        for _ in 0..rng.gen_range(0..=2) {
            let f = terms[rng.gen_range(0..terms.len())];
            if !group.iter().any(|g| g.name == f.name) {
                group.push(f);
            }
        }
        if group.is_empty() || rng.gen_bool(0.7) {
            group.push(dates[rng.gen_range(0..dates.len())]);
        }
        let level = ["day", "week", "month", "dateRange"][rng.gen_range(0..4)];
        let filter = random_filter(&mut rng, id, &all[&id]);

        let mut q =
            format!("groupby={}&aggregationLevel={level}", group.iter().map(|f| f.name).collect::<Vec<_>>().join(","));
        let mut raw_q = String::from("top=10000");
        if let Some(f) = &filter {
            q.push_str(&format!("&filter={}", enc(f)));
            raw_q.push_str(&format!("&filter={}", enc(f)));
        }
        let (server, total) = all_rows(&sim, &t, &format!("{}?{q}&top=500", id.path())).await;
        assert_eq!(server.len() as u64, total, "case {case}: TotalCount is the number of groups");
        let (raw, _) = all_rows(&sim, &t, &format!("{}?{raw_q}", id.path())).await;

        // Group the raw rows here.
        // Per group: its counts, and the earliest date per grouping field (for dateRange).
        type Expected = (Vec<f64>, Vec<Option<String>>);
        let mut expect: BTreeMap<Vec<String>, Expected> = BTreeMap::new();
        for row in &raw {
            let k: Vec<String> = group.iter().map(|f| key(row, f.name, f.ty, level)).collect();
            let e = expect.entry(k).or_insert_with(|| (vec![0.0; spec.counts.len()], vec![None; group.len()]));
            for (i, c) in spec.counts.iter().enumerate() {
                e.0[i] += match c.measure {
                    Measure::Rows => 1.0,
                    Measure::Sum(f) => number(&row[f]),
                    Measure::CountTrue(f) => (row[f] == true) as u8 as f64,
                };
            }
            for (i, f) in group.iter().enumerate() {
                if f.is_date()
                    && level == "dateRange"
                    && let Some(s) = row[f.name].as_str().filter(|s| *s != "0001-01-01T00:00:00")
                {
                    let micros = lens_model::dates::parse_micros(s).unwrap().unwrap();
                    let secs = chrono::DateTime::from_timestamp(micros.div_euclid(1_000_000), 0).unwrap();
                    let text = secs.format("%Y-%m-%dT%H:%M:%S").to_string();
                    if e.1[i].as_ref().is_none_or(|m| text < *m) {
                        e.1[i] = Some(text);
                    }
                }
            }
        }
        assert_eq!(server.len(), expect.len(), "case {case} ({id}, {q}): number of groups");
        for srow in &server {
            let k: Vec<String> = group
                .iter()
                .map(|f| {
                    if f.is_date() && level == "dateRange" {
                        if srow[f.name].is_null() { "null".into() } else { "range".into() }
                    } else {
                        key(srow, f.name, if f.is_date() { FieldType::Str } else { f.ty }, level)
                    }
                })
                .collect();
            let (counts, mins) =
                expect.get(&k).unwrap_or_else(|| panic!("case {case}: server group {k:?} not in the raw rows"));
            for (i, c) in spec.counts.iter().enumerate() {
                assert!(srow[c.name].is_string(), "counts are strings");
                let got = number(&srow[c.name]);
                assert!(
                    (got - counts[i]).abs() < 0.01,
                    "case {case} {id} {q} group {k:?} {}: server {got}, raw {}",
                    c.name,
                    counts[i]
                );
            }
            for (i, f) in group.iter().enumerate() {
                if let Some(m) = &mins[i] {
                    assert_eq!(
                        srow[f.name].as_str(),
                        Some(m.as_str()),
                        "case {case}: dateRange gives the earliest date"
                    );
                }
            }
            checked_groups += 1;
        }
    }
    assert!(checked_groups > 500, "the cases should cover many groups, got {checked_groups}");
}
