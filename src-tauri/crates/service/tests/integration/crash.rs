//! Crashes lose nothing (issue 12). A child process (this test binary again, running the
//! ignored `crash::writer`) writes without end: the cached copy of a data set, a saved view, a
//! schedule's run history and a report file in the library, each alternating between two
//! versions. It is killed with SIGKILL at a random moment, again and again; after each kill
//! every file is the old or the new version, never a mix, the database opens cleanly, and what
//! a killed write left half-done is removed at the next start.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lens_engine::cache::{Cache, CacheMeta};
use lens_service::DatasetId;
use lens_service::explore::View;
use lens_service::schedules::store::ScheduleRun;
use lens_service::store::Store;
use polars::prelude::*;
use rand::Rng;

const DIR_ENV: &str = "PARTNER_LENS_CRASH_DIR";
/// Two versions of everything, told apart by their sizes.
const ROWS: [usize; 2] = [20_000, 35_000];

fn table(rows: usize) -> DataFrame {
    df!("subscriptionId" => (0..rows).map(|i| format!("s{i}")).collect::<Vec<_>>(),
        "licenseCount" => (0..rows as i64).collect::<Vec<_>>())
    .unwrap()
}

fn report(version: usize) -> Vec<u8> {
    let mut t = String::from("\u{feff}CustomerMarket,CustomerCount\n");
    for i in 0..ROWS[version] / 10 {
        t.push_str(&format!("M{version}-{i},{i}\n"));
    }
    t.into_bytes()
}

fn view(version: usize) -> View {
    let mut v = View::of(DatasetId::Subscriptions);
    v.top = Some(ROWS[version] as u32);
    v
}

/// The writer the parent kills. Ignored, so it runs only when the parent asks for it.
#[test]
#[ignore = "run by a_kill_at_any_moment_loses_nothing in a child process"]
fn writer() {
    let Some(dir) = std::env::var_os(DIR_ENV).map(PathBuf::from) else { return };
    let cache = Cache::new(dir.join("cache"));
    let store = Store::open(&dir.join("data")).unwrap();
    let library = dir.join("library");
    let incoming = dir.join("incoming");
    std::fs::create_dir_all(&library).unwrap();
    std::fs::create_dir_all(&incoming).unwrap();
    let tables = [table(ROWS[0]), table(ROWS[1])];
    for i in 0usize.. {
        let v = i % 2;
        let meta =
            CacheMeta { fetched_at: i as i64, filter: None, rows: ROWS[v] as u64, total: None, json_columns: vec![] };
        cache.save("acct", "subscriptions", &tables[v], &meta).unwrap();
        store.save_view("Crash test", &view(v), i as i64).unwrap();
        let run = ScheduleRun {
            schedule: "Crash test".into(),
            due_at: i as i64,
            ran_at: i as i64,
            ok: true,
            path: Some(format!("run {i}")),
            message: format!("Wrote {} rows", ROWS[v]),
        };
        store.record_run(&run, true).unwrap();
        lens_service::downloads::library::place(
            &incoming,
            &format!("run-{i}"),
            &library.join("report.csv"),
            &report(v),
        )
        .unwrap();
    }
}

/// What a person would find after the crash: every file whole, in one of its two versions.
fn check(dir: &Path) -> Result<usize, String> {
    // The next start first removes what killed writes left half-done.
    lens_engine::fsio::clear_leftovers_below(dir);
    lens_service::downloads::library::clear_incoming(&dir.join("incoming"));
    let mut files = 0;
    match Cache::new(dir.join("cache")).load("acct", "subscriptions") {
        Ok(None) => {}
        Ok(Some((df, meta))) => {
            files += 2;
            if !ROWS.contains(&df.height()) || df.height() as u64 != meta.rows {
                return Err(format!("the cache holds {} rows, described as {}", df.height(), meta.rows));
            }
        }
        Err(e) => return Err(format!("the cache is damaged: {e}")),
    }
    let store = Store::open(&dir.join("data")).map_err(|e| format!("the database did not open: {e}"))?;
    files += 1;
    if let Ok(saved) = store.get_view("Crash test")
        && !saved.view.top.is_some_and(|t| ROWS.contains(&(t as usize)))
    {
        return Err(format!("the saved view is neither version: {:?}", saved.view.top));
    }
    let runs = store.schedule_runs(Some("Crash test"), 100_000).map_err(|e| e.message)?;
    for r in &runs {
        if !ROWS.iter().any(|n| r.message == format!("Wrote {n} rows")) {
            return Err(format!("a history entry is damaged: {r:?}"));
        }
    }
    let report_file = dir.join("library").join("report.csv");
    if report_file.exists() {
        files += 1;
        let bytes = std::fs::read(&report_file).unwrap();
        if bytes != report(0) && bytes != report(1) {
            return Err(format!("the report file is neither version ({} bytes)", bytes.len()));
        }
    }
    let left: Vec<_> = walk(dir).into_iter().filter(|p| p.to_string_lossy().ends_with(".partial")).collect();
    if !left.is_empty() {
        return Err(format!("half-written files were left: {left:?}"));
    }
    Ok(files)
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

#[test]
fn a_kill_at_any_moment_loses_nothing() {
    let kills: usize = std::env::var("PARTNER_LENS_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(25);
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut rng = rand::thread_rng();
    let (mut checked, mut writes_seen) = (0, 0);
    let started = Instant::now();
    for k in 0..kills {
        let mut child = std::process::Command::new(&exe)
            .args(["crash::writer", "--exact", "--ignored", "--test-threads=1", "-q"])
            .env(DIR_ENV, dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Anywhere from before the first write to deep in the loop.
        std::thread::sleep(Duration::from_millis(rng.gen_range(20..900)));
        child.kill().unwrap(); // SIGKILL: no destructor, no flush, no cleanup
        child.wait().unwrap();
        match check(dir.path()) {
            Ok(n) => checked += n,
            Err(e) => panic!("after kill {k}: {e}"),
        }
        let store = Store::open(&dir.path().join("data")).unwrap();
        writes_seen = store.schedule_runs(Some("Crash test"), 1_000_000).unwrap().len();
    }
    eprintln!(
        "{kills} kills in {:.0} s, {checked} files checked, {writes_seen} history entries written: 0 lost, 0 corrupt",
        started.elapsed().as_secs_f64()
    );
    assert!(writes_seen > kills, "the writer got going: {writes_seen} writes");
}
