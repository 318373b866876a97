//! `partner-lens bench`: figures for the simulator, the client and the engine, printed. Run it
//! from a release build (`./dev bench`): debug builds are many times slower.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use clap::{Args, ValueEnum};
use futures::StreamExt;
use lens_client::{AccessToken, Call, Client, ClientConfig, PageSchema, StaticToken, parse_page};
use lens_engine::cache::{Cache, CacheMeta};
use lens_engine::memory::table_bytes;
use lens_engine::{DateAxis, Metric, Period, Question, TableBuilder};
use lens_model::dataset::DatasetId;
use lens_model::query::AnalyticsQuery;
use lens_service::ServiceError;
use lens_sim::SimConfig;
use polars::prelude::IntoLazy;

use crate::window::median;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Part {
    Serve,
    Fetch,
    Engine,
    /// Starting a command: `partner-lens --version` against the window's binary.
    Startup,
    /// The window (needs a display: run under xvfb-run).
    Window,
    All,
}

#[derive(Args, Debug)]
pub struct BenchArgs {
    #[arg(value_enum, default_value = "all")]
    pub part: Part,
    /// Rows for the serve and fetch benchmarks.
    #[arg(long, default_value_t = 1_000_000)]
    pub rows: usize,
    /// Table sizes for the engine benchmark.
    #[arg(long, value_delimiter = ',', default_value = "1000000,10000000")]
    pub engine_rows: Vec<usize>,
    /// Keep the largest table as Parquet here (for comparing with other tools).
    #[arg(long)]
    pub keep: Option<PathBuf>,
    /// For `startup`: where partner-lens and partner-lens-window are.
    #[arg(long, default_value = "target/release")]
    pub bin_dir: PathBuf,
    /// For `window`: the app to drive (the release build by default).
    #[arg(long, default_value = "target/release/partner-lens-window")]
    pub app: PathBuf,
    /// For `window`: Azure usage rows in the sample world.
    #[arg(long, default_value_t = 1_000_000)]
    pub usage_rows: usize,
    /// For `window`: how many times each measurement is repeated.
    #[arg(long, default_value_t = 5)]
    pub repeats: usize,
}

fn rate(rows: usize, secs: f64) -> String {
    format!("{:>12.0} rows/s", rows as f64 / secs.max(1e-9))
}

/// Starts measuring a new peak (Linux: writing 5 to clear_refs resets the high-water mark).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident memory of this process since the last reset (Linux), in MiB.
fn peak_mib() -> Option<f64> {
    status_mib("VmHWM:")
}

/// Resident memory of this process now (Linux), in MiB.
pub fn rss_mib() -> Option<f64> {
    status_mib("VmRSS:")
}

fn status_mib(key: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status.lines().find(|l| l.starts_with(key))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

pub async fn run(a: BenchArgs) -> Result<(), ServiceError> {
    if cfg!(debug_assertions) {
        eprintln!("Note: this is a debug build; run ./dev bench for meaningful figures.");
    }
    let all = a.part == Part::All;
    if all || a.part == Part::Serve || a.part == Part::Fetch {
        serve_and_fetch(a.rows, all || a.part == Part::Serve, all || a.part == Part::Fetch).await?;
    }
    if all || a.part == Part::Startup {
        crate::startup::run(&a.bin_dir, a.repeats.max(15)).map_err(ServiceError::internal)?;
    }
    if a.part == Part::Window {
        let (app, rows, repeats) = (a.app.clone(), a.usage_rows, a.repeats);
        tokio::task::spawn_blocking(move || crate::window::run(&app, rows, repeats))
            .await
            .map_err(ServiceError::internal)?;
        return Ok(());
    }
    if all || a.part == Part::Engine {
        for &n in &a.engine_rows {
            engine(n, a.keep.as_deref()).await?;
        }
    }
    Ok(())
}

async fn serve_and_fetch(rows: usize, serve: bool, fetch: bool) -> Result<(), ServiceError> {
    let cfg = SimConfig { subscriptions: rows, ..SimConfig::default() };
    let sim = lens_sim::start(cfg, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.map_err(ServiceError::internal)?;
    // A person's token, signed in through the simulator's pages (the APIs take no app alone).
    let t = sim.user_token().await.map_err(ServiceError::internal)?;
    let pages: Vec<usize> = (0..rows).step_by(10_000).collect();
    println!("== {rows} subscription rows, {} pages of 10000, over loopback", pages.len());

    if serve {
        // Producing the pages alone, on one core, in this process.
        let started = Instant::now();
        let mut produced = 0usize;
        for skip in &pages {
            let mut q = AnalyticsQuery::new(DatasetId::Subscriptions);
            q.skip = *skip;
            produced += lens_sim::analytics::render(&sim.state, &q, false, false).len();
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "simulator produces pages (one core)  {}  {:>8.0} MB/s  {:.2} s",
            rate(rows, secs),
            mib(produced) / secs,
            secs
        );
        // A plain HTTP client that only reads the bytes: how fast can the simulator serve?
        let http = reqwest::Client::new();
        let started = Instant::now();
        let mut bytes = 0usize;
        let mut futs = futures::stream::iter(pages.iter().map(|skip| {
            let http = http.clone();
            let url = format!("{}/partner/v1/analytics/subscriptions?top=10000&skip={skip}", sim.base_url);
            let t = t.clone();
            async move { http.get(url).bearer_auth(t).send().await?.bytes().await }
        }))
        .buffer_unordered(4);
        while let Some(r) = futs.next().await {
            bytes += r.map_err(ServiceError::internal)?.len();
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "simulator serves (plain client, 4 at a time) {}  {:>8.0} MB/s  {:.2} s",
            rate(rows, secs),
            mib(bytes) / secs,
            secs
        );
    }
    if fetch {
        let client = Client::new(
            ClientConfig::new(sim.base_url.parse().map_err(ServiceError::internal)?),
            Arc::new(StaticToken(AccessToken::bearer(t.clone()))),
        )?;
        let q = AnalyticsQuery::new(DatasetId::Subscriptions);
        let started = Instant::now();
        let mut n = 0usize;
        client
            .fetch_rows(
                &q,
                &mut |b: lens_model::Batch| {
                    n += b.rows;
                    Ok(())
                },
                &|_| {},
                &Call::default(),
            )
            .await?;
        let fetch_secs = started.elapsed().as_secs_f64();
        println!("client fetches and parses            {}  {:.2} s", rate(n, fetch_secs), fetch_secs);

        // The same bytes parsed from memory: the parsing limit.
        let http = reqwest::Client::new();
        let mut bodies = Vec::with_capacity(pages.len());
        for skip in &pages {
            let url = format!("{}/partner/v1/analytics/subscriptions?top=10000&skip={skip}", sim.base_url);
            bodies.push(
                http.get(url)
                    .bearer_auth(&t)
                    .send()
                    .await
                    .map_err(ServiceError::internal)?
                    .bytes()
                    .await
                    .map_err(ServiceError::internal)?,
            );
        }
        let schema = PageSchema::raw(DatasetId::Subscriptions.spec());
        let total_mb = mib(bodies.iter().map(|b| b.len()).sum());
        // Today's reader (serde, kept as the general one) against the fast one, on the same
        // bytes, taking turns; the median of 5 turns each.
        let time = |parse: &dyn Fn(&[u8]) -> Result<lens_model::Batch, String>| -> Result<(f64, usize), ServiceError> {
            let started = Instant::now();
            let mut rows = 0usize;
            for b in &bodies {
                rows += parse(b).map_err(ServiceError::internal)?.rows;
            }
            Ok((started.elapsed().as_secs_f64(), rows))
        };
        let general = |b: &[u8]| lens_client::page::general::parse(b, &schema).map(|p| p.batch);
        let fast = |b: &[u8]| parse_page(b, &schema).map(|p| p.batch);
        let (mut g_secs, mut f_secs, mut parsed) = (Vec::new(), Vec::new(), 0);
        for _ in 0..5 {
            let (s, n) = time(&general)?;
            g_secs.push(s);
            let (s, n2) = time(&fast)?;
            f_secs.push(s);
            assert_eq!(n, n2, "both readers read every row");
            parsed = n2;
        }
        let (g, f) = (median(g_secs), median(f_secs));
        println!(
            "parsing the same bytes, today's reader {}  {:>8.0} MB/s  {:.2} s (one core, median of 5)",
            rate(parsed, g),
            total_mb / g,
            g
        );
        println!(
            "parsing the same bytes, fast reader    {}  {:>8.0} MB/s  {:.2} s: {:.2}x today's",
            rate(parsed, f),
            total_mb / f,
            f,
            g / f
        );
        println!(
            "fetch runs at {:.0}% of the one-core parsing limit",
            100.0 * (n as f64 / fetch_secs) / (parsed as f64 / f)
        );
        grouped_fetch(&client, &sim.base_url, &t).await?;
    }
    Ok(())
}

/// Fetching and grouping by subscription type and month (issue 11, target 3): every row
/// grouped here, the service's grouped rows, and (when pandas is installed) the Python script
/// people write, `bench/fetch_script.py`, against the same simulator in the same run. Each is
/// run three times, taking turns, and the medians compared: one run on this shared machine
/// varies by half.
async fn grouped_fetch(client: &Client, url: &str, token: &str) -> Result<(), ServiceError> {
    use lens_service::server_grouping;
    const ROUNDS: usize = 3;
    let q = Question {
        group_by: vec!["subscriptionType".into()],
        date: Some(DateAxis { field: "creationDate".into(), period: Period::Month }),
        metrics: vec![Metric::Count, Metric::Sum("licenseCount".into())],
        ..Question::default()
    };
    let id = DatasetId::Subscriptions;
    let plan = server_grouping::plan(id, &q).map_err(ServiceError::internal)?;
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../bench/fetch_script.py");
    // The private environment bench/compare.py makes (with pandas and requests), if it is there.
    let venv = std::env::temp_dir().join("partner-lens-bench-venv/bin/python");
    let python = if venv.exists() { venv } else { PathBuf::from("python3") };
    let (mut local_secs, mut service_secs, mut script_secs) = (Vec::new(), Vec::new(), Vec::new());
    let mut first_service = 0.0;
    let mut script_failed = None;
    for round in 0..ROUNDS {
        let started = Instant::now();
        let (table, _) = lens_service::fetch::fetch_table(client, id, None, &|_| {}, &Call::default()).await?;
        let local = lens_engine::answer(table.df.clone().lazy(), &q)?;
        local_secs.push(started.elapsed().as_secs_f64());
        drop(table);
        let started = Instant::now();
        let (grouped, report) =
            server_grouping::fetch_grouped(client, id, None, &plan, &|_| {}, &Call::default()).await?;
        let service = server_grouping::answer(grouped, &plan)?;
        let secs = started.elapsed().as_secs_f64();
        assert_eq!(local.height(), service.height(), "the two paths give the same groups");
        assert_eq!(report.rows as usize, service.height(), "one row came a group");
        // The simulator keeps a grouped answer, as a service may: the first time includes
        // grouping every row on its side, the later ones are the client's own part.
        if round == 0 {
            first_service = secs;
        } else {
            service_secs.push(secs);
        }
        let started = Instant::now();
        match std::process::Command::new(&python).arg(&script).arg(url).arg(token).output() {
            Ok(o) if o.status.success() => script_secs.push(started.elapsed().as_secs_f64()),
            Ok(o) => script_failed = Some(String::from_utf8_lossy(&o.stderr).lines().last().unwrap_or("").to_string()),
            Err(e) => script_failed = Some(e.to_string()),
        }
    }
    let local = median(local_secs);
    let cached = median(service_secs);
    println!("fetch + group by type and month, every row grouped here  {local:.2} s (480 groups; median of {ROUNDS})");
    println!(
        "fetch + group by type and month, grouped by the service  {first_service:.3} s the first time (the service \
         groups 1,000,000 rows), {cached:.3} s after (its kept answer: this computer's part)"
    );
    match script_failed {
        None => {
            let script = median(script_secs);
            println!(
                "the same in a Python script (requests + pandas)          {script:.2} s (median of {ROUNDS}): Partner \
                 Lens {:.1}x faster every row, {:.0}x grouped by the service ({:.0}x its kept answer)",
                script / local,
                script / first_service,
                script / cached
            );
        }
        Some(why) => {
            println!("the Python script did not run ({why}); python3 bench/compare.py makes an environment with pandas")
        }
    }
    Ok(())
}

async fn engine(rows: usize, keep: Option<&std::path::Path>) -> Result<(), ServiceError> {
    println!("== engine, {rows} subscription rows");
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // The allocator keeps freed pages a while for reuse, so a phase's peak can include
        // memory an earlier phase let go of; with a purge delay of 0 each phase stands alone.
        println!("(peaks include memory kept from earlier phases; MIMALLOC_PURGE_DELAY=0 shows each alone)");
    }
    let state = lens_sim::state::SimState::new(SimConfig { subscriptions: rows, ..SimConfig::default() });
    let schema = PageSchema::raw(DatasetId::Subscriptions.spec());
    let spec = DatasetId::Subscriptions.spec();
    let mut builder = TableBuilder::new(spec.fields.iter().map(|f| (f.name.to_string(), f.ty)).collect());
    reset_peak();
    // The simulator's world of rows is in this process too: building counts from here.
    let before = rss_mib();
    // Pages are made by the simulator's own code, one at a time; only reading them counts.
    let (mut parse_secs, mut chunk_secs) = (0.0, 0.0);
    let mut page_bytes = 0usize;
    for skip in (0..rows).step_by(10_000) {
        let mut q = AnalyticsQuery::new(DatasetId::Subscriptions);
        q.skip = skip;
        let body = lens_sim::analytics::render(&state, &q, false, false);
        page_bytes += body.len();
        let started = Instant::now();
        let page = parse_page(body.as_bytes(), &schema).map_err(ServiceError::internal)?;
        parse_secs += started.elapsed().as_secs_f64();
        let started = Instant::now();
        builder.push(&page.batch)?;
        chunk_secs += started.elapsed().as_secs_f64();
    }
    let started = Instant::now();
    let df = builder.finish()?;
    chunk_secs += started.elapsed().as_secs_f64();
    let build_secs = parse_secs + chunk_secs;
    let table = mib(table_bytes(&df));
    println!(
        "table from API pages                 {}  {:.2} s  ({:.0} MiB of JSON, table {:.0} MiB in memory)",
        rate(rows, build_secs),
        build_secs,
        mib(page_bytes),
        table
    );
    println!("  of which reading the pages {parse_secs:.2} s, making them the table's chunks {chunk_secs:.2} s");
    if let (Some(p), Some(b)) = (peak_mib(), before) {
        println!(
            "  peak memory while building         {:>12.0} MiB above the start: {:.2}x the finished table",
            p - b,
            (p - b) / table
        );
    }
    drop(state);
    reset_peak();

    let q = Question {
        group_by: vec!["subscriptionType".into()],
        date: Some(DateAxis { field: "creationDate".into(), period: Period::Month }),
        metrics: vec![Metric::Count, Metric::Sum("licenseCount".into())],
        ..Question::default()
    };
    let started = Instant::now();
    let groups = lens_engine::answer(df.clone().lazy(), &q)?;
    let secs = started.elapsed().as_secs_f64();
    println!("group by (subscriptionType, month)   {:>12.3} s   {} groups", secs, groups.height());
    if let Some(p) = peak_mib() {
        println!("  peak memory while grouping         {p:>12.0} MiB (the table included)");
    }

    let dir = tempfile_dir()?;
    let cache = Cache::new(dir.clone());
    let meta = CacheMeta {
        fetched_at: 0,
        filter: None,
        rows: df.height() as u64,
        total: Some(rows as u64),
        json_columns: vec![],
    };
    let started = Instant::now();
    cache.save("bench", "subscriptions", &df, &meta)?;
    let write_secs = started.elapsed().as_secs_f64();
    // The cache names each data file anew at every save; its size is the folder's.
    let size: u64 = std::fs::read_dir(dir.join("bench"))
        .map(|d| d.flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum())
        .unwrap_or(0);
    drop(df);
    reset_peak();
    let started = Instant::now();
    let back = cache.load("bench", "subscriptions")?.map(|(d, _)| d.height()).unwrap_or(0);
    let read_secs = started.elapsed().as_secs_f64();
    println!("cache write (Parquet, zstd)          {:>12.3} s   {:.0} MiB on disk", write_secs, mib(size as usize));
    println!("cache re-open                        {:>12.3} s   {} rows", read_secs, back);
    if let Some(k) = keep {
        std::fs::create_dir_all(k).map_err(ServiceError::internal)?;
        let target = k.join(format!("subscriptions-{rows}.parquet"));
        let data = std::fs::read_dir(dir.join("bench"))
            .map_err(ServiceError::internal)?
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "parquet"))
            .ok_or_else(|| ServiceError::internal("the cache wrote no Parquet file"))?;
        std::fs::copy(data, &target).map_err(ServiceError::internal)?;
        println!("kept                                 {}", target.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
    if let Some(p) = peak_mib() {
        println!("  peak memory while re-opening       {p:>12.0} MiB");
    }
    Ok(())
}

fn tempfile_dir() -> Result<PathBuf, ServiceError> {
    let dir = std::env::temp_dir().join(format!("partner-lens-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(ServiceError::internal)?;
    Ok(dir)
}
