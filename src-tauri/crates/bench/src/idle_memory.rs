//! The window's memory when idle, with a large table loaded: the proportional set size (each
//! shared page split among the processes sharing it) of the app and the WebKit processes it
//! started, against the in-memory size of the table itself, read back from the app's cache.

use std::path::Path;

/// A process of the app's: it carries the test's private PARTNER_LENS_HOME in its environment
/// and is not one of the WebDriver processes driving it.
fn app_processes(home: &str) -> Vec<(u32, String)> {
    let marker = format!("PARTNER_LENS_HOME={home}");
    let mut found = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else { return found };
    for entry in dir.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else { continue };
        let Ok(env) = std::fs::read(format!("/proc/{pid}/environ")) else { continue };
        if !env.split(|b| *b == 0).any(|kv| kv == marker.as_bytes()) {
            continue;
        }
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_string();
        if name != "tauri-driver" && name != "WebKitWebDriver" {
            found.push((pid, name));
        }
    }
    found
}

/// Proportional set size of a process, in MiB.
fn pss_mib(pid: u32) -> f64 {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let kb: f64 = rollup
        .lines()
        .find(|l| l.starts_with("Pss:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// The largest table in the app's cache, as polars holds it in memory: (rows, MiB).
fn largest_table(home: &Path) -> Option<(usize, f64)> {
    use polars::prelude::*;
    let mut best: Option<(u64, std::path::PathBuf)> = None;
    for entry in walk(home) {
        if entry.extension().is_some_and(|e| e == "parquet") {
            let len = std::fs::metadata(&entry).map(|m| m.len()).unwrap_or(0);
            if best.as_ref().is_none_or(|(l, _)| len > *l) {
                best = Some((len, entry));
            }
        }
    }
    let (_, path) = best?;
    let df = ParquetReader::new(std::fs::File::open(path).ok()?).finish().ok()?;
    Some((df.height(), df.estimated_size() as f64 / 1048576.0))
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

/// Prints the idle memory of the app started with `home` as its PARTNER_LENS_HOME.
pub fn report(home: &Path) {
    let home_s = home.display().to_string();
    let procs = app_processes(&home_s);
    let mut parts: Vec<(String, f64)> = procs.iter().map(|(pid, name)| (name.clone(), pss_mib(*pid))).collect();
    parts.sort_by(|a, b| b.1.total_cmp(&a.1));
    let total: f64 = parts.iter().map(|p| p.1).sum();
    let listed: Vec<String> = parts.iter().map(|(n, m)| format!("{n} {m:.0}")).collect();
    match largest_table(home) {
        Some((rows, table)) => println!(
            "memory when idle with {rows} rows loaded  {total:.0} MiB in all ({}), the table {table:.0} MiB, beyond it {:.0} MiB  (target 250 MB)",
            listed.join(", "),
            total - table
        ),
        None => println!("memory when idle  {total:.0} MiB in all ({}); no cached table found", listed.join(", ")),
    }
}
