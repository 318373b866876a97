//! The window's memory when idle, with a large table loaded: the proportional set size (each
//! shared page split among the processes sharing it) of the app and the WebKit processes it
//! started, against the in-memory size of the tables it holds, read back from the app's cache.

use std::path::Path;

/// A process's proportional set size, in MiB: (all of it, its anonymous part). The rest is
/// pages of files (the program and its libraries), which the system can drop and read again.
fn pss_mib(pid: u32) -> (f64, f64) {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let field = |key: &str| -> f64 {
        rollup
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("Pss:"), field("Pss_Anon:"))
}

/// The tables in the app's cache (copies kept as of earlier days left out), as polars holds
/// them in memory: (data set, rows, MiB), their text columns' views included (see
/// lens_engine::memory). The app keeps every data set it has fetched in memory.
fn cached_tables(home: &Path) -> Vec<(String, usize, f64)> {
    use polars::prelude::*;
    let mut found = Vec::new();
    for path in walk(home) {
        if path.extension().is_none_or(|e| e != "parquet") || path.components().any(|c| c.as_os_str() == "snapshots") {
            continue;
        }
        let Some(df) = std::fs::File::open(&path).ok().and_then(|f| ParquetReader::new(f).finish().ok()) else {
            continue;
        };
        let name =
            path.file_name().and_then(|n| n.to_str()).and_then(|n| n.split('.').next()).unwrap_or("?").to_string();
        found.push((name, df.height(), lens_engine::memory::table_bytes(&df) as f64 / 1048576.0));
    }
    found.sort_by(|a, b| b.2.total_cmp(&a.2));
    found
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

/// Prints what the app has logged so far about its tables and hand-backs (see [`held_tables`]).
pub fn print_log(home: &Path) {
    for line in held_tables(home) {
        println!("  the window: {line}");
    }
}

/// What the app logged about the tables it keeps after each fetch (their size before and after
/// `lens_engine::compact`, and the time it took), and about handing freed memory back when idle
/// (its resident memory before and after: src-tauri/shell/app/memory.rs).
fn held_tables(home: &Path) -> Vec<String> {
    walk(&home.join("logs"))
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .flat_map(|text| {
            text.lines()
                .filter(|l| l.contains("made compact to hold") || l.contains("handed back"))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .map(|l| l.split_once("INFO").map_or(l.clone(), |(_, rest)| rest.trim().to_string()))
        .collect()
}

/// The processes started with `home` as their PARTNER_LENS_HOME, largest first: (name, PSS,
/// anonymous PSS) in MiB, and the sums of the two.
fn processes(home: &Path) -> (Vec<(String, f64, f64)>, f64, f64) {
    let mut parts: Vec<(String, f64, f64)> = lens_e2e::app_processes(home)
        .iter()
        .map(|(pid, name)| {
            let (pss, anon) = pss_mib(*pid);
            (name.clone(), pss, anon)
        })
        .collect();
    parts.sort_by(|a, b| b.1.total_cmp(&a.1));
    let total: f64 = parts.iter().map(|p| p.1).sum();
    let anon: f64 = parts.iter().map(|p| p.2).sum();
    (parts, total, anon)
}

/// What WebKitGTK itself holds for a page with next to nothing on it: the small browser that
/// ships with the library (MiniBrowser) showing one line of text and one script, measured as the
/// window is (its processes and the WebKit processes it starts, after the same rest). No app
/// built on this engine can go below it. `None` where MiniBrowser is not installed.
pub fn blank_page(rest: std::time::Duration) -> Option<(f64, f64)> {
    let browser = ["/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/libexec"]
        .iter()
        .map(|d| Path::new(d).join("webkit2gtk-4.1/MiniBrowser"))
        .find(|p| p.exists())?;
    // The marker app_processes looks for, so the browser's WebKit processes are found with it.
    let marker = tempfile::tempdir().ok()?;
    let mut child = std::process::Command::new(&browser)
        .arg("data:text/html,<p>Blank</p><script>document.title = 'blank'</script>")
        .env("PARTNER_LENS_HOME", marker.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    std::thread::sleep(rest);
    let (_, total, anon) = processes(marker.path());
    let _ = child.kill();
    let _ = child.wait();
    (total > 0.0).then_some((total, anon))
}

/// Prints the idle memory of the app started with `home` as its PARTNER_LENS_HOME, and what is
/// left of it beyond the tables and `blank` (the engine's floor, from [`blank_page`]).
pub fn report(home: &Path, blank: Option<(f64, f64)>) {
    let (parts, total, anon) = processes(home);
    let listed: Vec<String> = parts.iter().map(|(n, m, a)| format!("{n} {m:.0}, of it anonymous {a:.0}")).collect();
    let tables = cached_tables(home);
    let table: f64 = tables.iter().map(|t| t.2).sum();
    let rows: usize = tables.iter().map(|t| t.1).sum();
    let named: Vec<String> = tables.iter().map(|(n, r, m)| format!("{n} {r} rows {m:.0}")).collect();
    println!(
        "memory when idle with {rows} rows loaded  {total:.0} MiB in all ({}); the tables {table:.0} MiB ({}), beyond them {:.0} MiB  (target 250 MB)",
        listed.join("; "),
        named.join(", "),
        total - table
    );
    println!(
        "  of which anonymous (not pages of the program and its libraries)  {anon:.0} MiB, beyond the tables {:.0} MiB",
        anon - table
    );
    if let Some((blank_total, blank_anon)) = blank {
        println!(
            "  beyond the tables and the blank page  {:.0} MiB in all, {:.0} MiB anonymous",
            total - table - blank_total,
            anon - table - blank_anon
        );
    }
}
