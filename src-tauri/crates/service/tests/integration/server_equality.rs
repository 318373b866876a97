//! The engine gives the same answers as the service: for every data set, every level the
//! Analytics API can group by (day, week, month) and a sample of random filters, grouping the
//! fetched rows locally equals the simulator's own `groupby`, row for row.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use lens_client::analytics::query;
use lens_client::{AccessToken, Call, Client, ClientConfig, StaticToken};
use lens_engine::{Cell, DateAxis, Metric, Period, Question, TableBuilder};
use lens_model::batch::{Batch, ColumnData};
use lens_model::dataset::{DatasetId, Measure};
use lens_model::filter::Filter;
use lens_model::query::AggLevel;
use lens_sim::SimConfig;
use polars::prelude::*;
use rand::{Rng, SeedableRng};

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
    let sim = lens_sim::start(
        SimConfig { seed: 9, subscriptions: 2500, today: Some(20_413), ..SimConfig::default() },
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
    )
    .await
    .unwrap();
    let t = sim.app_token().await.unwrap();
    let client =
        Client::new(ClientConfig::new(sim.base_url.parse().unwrap()), Arc::new(StaticToken(AccessToken::bearer(t))))
            .unwrap();
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
