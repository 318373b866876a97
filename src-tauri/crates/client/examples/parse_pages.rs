//! Parsing speed of both page readers on the simulator's pages, in a small release build (no
//! polars): `cargo run --release -p lens-client --example parse_pages [ROWS]`. `./dev bench
//! fetch` prints the same comparison with the whole app around it.

use std::time::Instant;

use lens_client::page::general;
use lens_client::{PageSchema, parse_page};
use lens_model::dataset::DatasetId;
use lens_model::query::AnalyticsQuery;
use lens_sim::SimConfig;
use lens_sim::state::SimState;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let rows: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(300_000);
    let state = SimState::new(SimConfig { subscriptions: rows, ..SimConfig::default() });
    let bodies: Vec<String> = (0..rows)
        .step_by(10_000)
        .map(|skip| {
            let mut q = AnalyticsQuery::new(DatasetId::Subscriptions);
            q.skip = skip;
            lens_sim::analytics::render(&state, &q, false, false)
        })
        .collect();
    let mb = bodies.iter().map(|b| b.len()).sum::<usize>() as f64 / 1e6;
    let schema = PageSchema::raw(DatasetId::Subscriptions.spec());
    for round in 0..3 {
        let t = Instant::now();
        let n: usize = bodies.iter().map(|b| general::parse(b.as_bytes(), &schema).unwrap().batch.rows).sum();
        let g = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let m: usize = bodies.iter().map(|b| parse_page(b.as_bytes(), &schema).unwrap().batch.rows).sum();
        let f = t.elapsed().as_secs_f64();
        assert_eq!(n, m);
        println!("round {round}: general {:.0} MB/s, fast {:.0} MB/s: {:.2}x ({n} rows)", mb / g, mb / f, g / f);
    }
}
