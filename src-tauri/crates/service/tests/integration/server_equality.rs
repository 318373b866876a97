//! The engine gives the same answers as the service: for every data set, every level the
//! Analytics API can group by (day, week, month) and a sample of random filters, grouping the
//! fetched rows locally equals the simulator's own `groupby`, row for row.

use std::collections::BTreeMap;

use lens_client::Call;
use lens_client::analytics::query;
use lens_engine::{Cell, DateAxis, Metric, Period, Question, TableBuilder};
use lens_model::batch::{Batch, ColumnData};
use lens_model::dataset::{DatasetId, Measure};
use lens_model::filter::Filter;
use lens_model::query::AggLevel;
use lens_sim::SimConfig;
use polars::prelude::*;
use rand::{Rng, SeedableRng};

use crate::sim::signed_in;

fn metric_for(m: Measure) -> Metric {
    match m {
        Measure::Rows => Metric::Count,
        Measure::Sum(f) | Measure::CountTrue(f) => Metric::Sum(f.to_string()),
    }
}

fn text(c: &Cell) -> String {
    match c {
        Cell::Null => "null".into(),
        Cell::Num(n) => format!("{:.3}", n),
        Cell::Text(t) => t.get(..10).filter(|_| t.len() >= 10 && t.as_bytes()[4] == b'-').unwrap_or(t).to_string(),
        Cell::Bool(b) => b.to_string(),
    }
}

/// A filter from values present in the fetched rows.
fn random_filter(rng: &mut rand::rngs::StdRng, id: DatasetId, df: &DataFrame) -> Option<Filter> {
    let spec = id.spec();
    let row = rng.gen_range(0..df.height());
    let eqs: Vec<_> = spec
        .fields
        .iter()
        .filter(|f| f.ops.contains(&lens_model::Op::Eq) && f.ty == lens_model::FieldType::Str)
        .collect();
    let f = eqs[rng.gen_range(0..eqs.len())];
    let v = df.column(f.name).ok()?.get(row).ok()?;
    let value = match v {
        AnyValue::String(s) => s.to_string(),
        AnyValue::StringOwned(s) => s.to_string(),
        _ => return None,
    };
    let dates: Vec<_> = spec.date_fields().filter(|d| d.ops.contains(&lens_model::Op::Ge)).collect();
    let base = if rng.gen_bool(0.5) { Filter::eq(f.name, value) } else { Filter::ne(f.name, value) };
    Some(if rng.gen_bool(0.5) && !dates.is_empty() {
        base.and(Filter::date(dates[rng.gen_range(0..dates.len())].name, lens_model::Op::Ge, "2024-01-01"))
    } else {
        base
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_grouping_equals_the_services_for_every_data_set_and_level() {
    let (_sim, _, client) =
        signed_in(SimConfig { seed: 9, subscriptions: 2500, today: Some(20_413), ..SimConfig::default() }).await;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let mut compared = 0;
    for id in DatasetId::ALL {
        let spec = id.spec();
        for (level, period) in
            [(AggLevel::Day, Period::Day), (AggLevel::Week, Period::Week), (AggLevel::Month, Period::Month)]
        {
            for attempt in 0..3 {
                // The rows, fetched and built into a table.
                let all = {
                    let q = query(id, None, &[], None).unwrap();
                    let mut b = TableBuilder::new(spec.fields.iter().map(|f| (f.name.to_string(), f.ty)).collect());
                    client
                        .fetch_rows(
                            &q,
                            &mut |batch: Batch| {
                                b.push(&batch).unwrap();
                                Ok(())
                            },
                            &|_| {},
                            &Call::default(),
                        )
                        .await
                        .unwrap();
                    b.finish().unwrap()
                };
                let filter = if attempt == 0 { None } else { random_filter(&mut rng, id, &all) };
                let term = spec.default_term;
                let date = spec
                    .date_fields()
                    .filter(|f| f.groupable)
                    .nth(attempt % 2)
                    .map(|f| f.name)
                    .unwrap_or(spec.default_date);

                // The service's grouping.
                let q = query(id, filter.as_ref(), &[term.to_string(), date.to_string()], Some(level)).unwrap();
                let mut server: Vec<Batch> = Vec::new();
                client
                    .fetch_rows(
                        &q,
                        &mut |b: Batch| {
                            server.push(b);
                            Ok(())
                        },
                        &|_| {},
                        &Call::default(),
                    )
                    .await
                    .unwrap();
                let mut expect: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
                for b in &server {
                    for r in 0..b.rows {
                        let cell = |name: &str| -> String {
                            match &b.column(name).unwrap().data {
                                ColumnData::Str(c) => c.get(r).map_or("null".into(), str::to_string),
                                ColumnData::Bool(v) => v[r].map_or("null".into(), |x| x.to_string()),
                                ColumnData::Int(v) => v[r].map_or("null".into(), |x| format!("{:.3}", x as f64)),
                                ColumnData::Float(v) => v[r].map_or("null".into(), |x| format!("{:.3}", x)),
                                ColumnData::Date(v) => v[r].map_or("null".into(), |x| {
                                    lens_model::dates::format(x, lens_model::dates::DateStyle::DateOnly)
                                }),
                            }
                        };
                        expect.insert((cell(date), cell(term)), spec.counts.iter().map(|c| cell(c.name)).collect());
                    }
                }

                // The same question, answered locally.
                let local_q = Question {
                    filter: filter.as_ref().map(|f| f.to_string()),
                    group_by: vec![term.to_string()],
                    date: Some(DateAxis { field: date.to_string(), period }),
                    metrics: spec.counts.iter().map(|c| metric_for(c.measure)).collect(),
                    ..Question::default()
                };
                let df = lens_engine::answer(all.clone().lazy(), &local_q).unwrap();
                let agg = lens_engine::to_aggregate(&df).unwrap();
                let mut got: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
                for r in 0..agg.rows as usize {
                    let k = (text(&agg.columns[0].values[r]), text(&agg.columns[1].values[r]));
                    got.insert(k, agg.columns[2..].iter().map(|c| text(&c.values[r])).collect());
                }
                let diff: Vec<String> = got
                    .keys()
                    .chain(expect.keys())
                    .filter(|k| got.get(*k) != expect.get(*k))
                    .take(4)
                    .map(|k| format!("{k:?}: local {:?}, service {:?}", got.get(k), expect.get(k)))
                    .collect();
                assert!(
                    diff.is_empty(),
                    "{id} by {term} and {level:?} of {date}, filter {:?}: {} local vs {} service groups; first differences: {diff:#?}",
                    filter.map(|f| f.to_string()),
                    got.len(),
                    expect.len()
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 45);
}

/// Issue 11: answering from the service's grouped rows (`server_grouping`) gives the same
/// table as grouping every row here, column for column and cell for cell, for every data set,
/// every period (quarters and years rolled up from months), every count the service returns,
/// with and without a filter, top-N with "Other", gap filling and changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_from_the_services_grouping_equal_local_ones() {
    use lens_engine::question::TopN;
    use lens_service::server_grouping;
    let (_sim, _, client) =
        signed_in(SimConfig { seed: 11, subscriptions: 3000, today: Some(20_413), ..SimConfig::default() }).await;
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let mut compared = 0;
    for id in DatasetId::ALL {
        let spec = id.spec();
        let all = lens_service::fetch::fetch_table(&client, id, None, &|_| {}, &Call::default()).await.unwrap().0;
        for (k, period) in Period::ALL.into_iter().enumerate() {
            let filter = if k % 2 == 1 { random_filter(&mut rng, id, &all.df) } else { None };
            let filtered = match &filter {
                Some(f) => {
                    lens_service::fetch::fetch_table(&client, id, Some(f), &|_| {}, &Call::default()).await.unwrap().0
                }
                None => all.clone(),
            };
            let date =
                spec.date_fields().filter(|f| f.groupable).nth(k % 2).map(|f| f.name).unwrap_or(spec.default_date);
            let mut metrics: Vec<Metric> = spec.counts.iter().map(|c| metric_for(c.measure)).collect();
            metrics.dedup();
            // Every field the service groups by, in turn.
            let terms: Vec<&str> = spec
                .fields
                .iter()
                .filter(|f| f.groupable && f.ty != lens_model::FieldType::DateTime)
                .map(|f| f.name)
                .collect();
            let term = terms[k % terms.len()];
            let q = Question {
                group_by: vec![term.to_string()],
                date: Some(DateAxis { field: date.to_string(), period }),
                metrics: metrics.clone(),
                top: (k % 3 == 0).then(|| TopN { n: 3, by: metrics[0].clone(), other: k % 2 == 0 }),
                fill_gaps: k % 2 == 0,
                change: k % 3 != 1,
                sort: (k == 3).then(|| lens_engine::question::Sort {
                    by: format!("{}_change", metrics[0].column_name()),
                    descending: true,
                }),
                ..Question::default()
            };
            let plan = server_grouping::plan(id, &q).unwrap_or_else(|why| panic!("{id}: {why}"));
            let (grouped, report) =
                server_grouping::fetch_grouped(&client, id, filter.as_ref(), &plan, &|_| {}, &Call::default())
                    .await
                    .unwrap();
            // Never more groups than rows (as many when every row is its own group).
            assert!(report.rows <= filtered.df.height() as u32, "{id} by {term}: more groups than rows");
            let service = lens_engine::to_aggregate(&server_grouping::answer(grouped, &plan).unwrap()).unwrap();
            let local =
                lens_engine::to_aggregate(&lens_engine::answer(filtered.df.clone().lazy(), &q).unwrap()).unwrap();
            let names = |a: &lens_engine::Aggregate| a.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
            assert_eq!(names(&service), names(&local), "{id} by {period:?}: the same columns");
            assert_eq!(
                service.rows, local.rows,
                "{id} by {term} and {period:?}, filter {filter:?}: the same number of rows"
            );
            for (s, l) in service.columns.iter().zip(&local.columns) {
                for r in 0..local.rows as usize {
                    let same = match (&s.values[r], &l.values[r]) {
                        (Cell::Num(a), Cell::Num(b)) => (a - b).abs() <= 1e-6 * b.abs().max(1.0),
                        (a, b) => a == b,
                    };
                    assert!(
                        same,
                        "{id} by {period:?}, {} row {r}: service {:?}, local {:?}",
                        s.name, s.values[r], l.values[r]
                    );
                }
            }
            compared += 1;
        }
    }
    assert_eq!(compared, DatasetId::ALL.len() * Period::ALL.len());
}
