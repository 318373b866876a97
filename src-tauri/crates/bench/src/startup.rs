//! Starting a command: `partner-lens --version` (the command line, built without Tauri) against
//! `partner-lens-window --version` (the same flags through the window's binary, which loads
//! WebKitGTK and everything behind it), alternating, medians of wall time and peak memory as the
//! kernel counts them for each child.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::window::median;

/// One run: wall seconds and the child's peak resident memory in MiB (from wait4's rusage).
fn once(bin: &Path) -> Result<(f64, f64), String> {
    let started = Instant::now();
    let child = Command::new(bin)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for the child just spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child, not yet waited for (std's Child does not wait on drop).
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let secs = started.elapsed().as_secs_f64();
    if pid < 0 || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("{} --version failed", bin.display()));
    }
    Ok((secs, usage.ru_maxrss as f64 / 1024.0))
}

/// The shared libraries the loader maps for `bin`, as ldd lists them.
fn libraries(bin: &Path) -> Option<usize> {
    let out = Command::new("ldd").arg(bin).output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.contains(".so")).count())
}

pub fn run(dir: &Path, repeats: usize) -> Result<(), String> {
    let cli = dir.join("partner-lens");
    let window = dir.join("partner-lens-window");
    println!("== starting a command: --version, {repeats} runs each, alternating ({})", dir.display());
    let mut runs: [(Vec<f64>, Vec<f64>); 2] = Default::default();
    // One warm-up each: the first run reads the binary from disk.
    once(&cli)?;
    once(&window)?;
    for _ in 0..repeats {
        for (i, bin) in [&cli, &window].into_iter().enumerate() {
            let (secs, mib) = once(bin)?;
            runs[i].0.push(secs * 1000.0);
            runs[i].1.push(mib);
        }
    }
    for (i, bin) in [&cli, &window].into_iter().enumerate() {
        let (ms, mib) = (median(runs[i].0.clone()), median(runs[i].1.clone()));
        let libs = libraries(bin).map(|n| format!(", {n} shared libraries")).unwrap_or_default();
        let size = std::fs::metadata(bin).map(|m| m.len() as f64 / 1048576.0).unwrap_or(0.0);
        println!(
            "{:<22} {ms:>6.1} ms  {mib:>6.1} MiB peak  ({size:.0} MiB binary{libs})",
            bin.file_name().and_then(|n| n.to_str()).unwrap_or("?"),
        );
    }
    // A child's peak as wait4 gives it starts from its parent's pages at the moment it is
    // started (the kernel carries the old memory's high-water mark across exec), so it includes
    // what this process held then: `/usr/bin/time -f %M`, a small parent, gives the figure alone.
    if let Some(own) = crate::bench::rss_mib() {
        println!("(each peak includes up to {own:.1} MiB that this bench held when it started the command)");
    }
    println!("target: partner-lens at most 10 ms and 15 MiB");
    Ok(())
}
