//! Renders pages of subscriptions in-process, for profiling the simulator's page production:
//! `cargo run --release -p lens-sim --example render -- 200000`.

use lens_model::dataset::DatasetId;
use lens_model::query::AnalyticsQuery;
use lens_sim::SimConfig;
use lens_sim::state::SimState;

fn main() {
    let rows: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let state = SimState::new(SimConfig { subscriptions: rows, ..SimConfig::default() });
    let started = std::time::Instant::now();
    let mut bytes = 0;
    for skip in (0..rows).step_by(10_000) {
        let mut q = AnalyticsQuery::new(DatasetId::Subscriptions);
        q.skip = skip;
        bytes += lens_sim::analytics::render(&state, &q, false, false).len();
    }
    let secs = started.elapsed().as_secs_f64();
    println!("{rows} rows, {} MB in {secs:.2} s: {:.0} rows/s", bytes / 1_000_000, rows as f64 / secs);
}
