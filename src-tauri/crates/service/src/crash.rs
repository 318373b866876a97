//! Crash reports and the log's size. When Partner Lens stops on an internal error (a panic),
//! a short report goes to the logs folder, `crash-YYYYMMDD-HHMMSS.txt`, which Settings offers
//! to open and a person can send to support: what failed, where, the version and the system.
//! No data and no secret is in it: a panic's message is the program's own text, and every
//! secret is a `Secret`, which prints as `<redacted>`.
//!
//! The log itself rotates daily and keeps 14 files; [`Capped`] holds each day to
//! [`LOG_BYTES_PER_DAY`], so a loop that logs without end cannot fill the disk.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Crash reports kept; older ones are removed when a new one is written.
pub const KEEP_REPORTS: usize = 10;
/// What one day's log may hold; beyond it, lines are dropped until the next day.
pub const LOG_BYTES_PER_DAY: u64 = 10 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CrashReport {
    pub path: String,
    /// When it happened, `YYYY-MM-DD HH:MM:SS` in local time (from the file's name).
    pub when: String,
}

/// Installs the hook that writes a report into `dir` on a panic, then lets the default hook
/// print as before.
pub fn install(dir: PathBuf) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let trace = std::backtrace::Backtrace::force_capture().to_string();
        match write_report(&dir, chrono::Local::now().naive_local(), &message, &place, &trace) {
            Ok(p) => tracing::error!("Partner Lens stopped: {message} at {place}; report in {}", p.display()),
            Err(e) => tracing::error!("Partner Lens stopped: {message} at {place}; no report ({e})"),
        }
        previous(info);
    }));
}

/// Writes one report and removes the oldest beyond [`KEEP_REPORTS`].
pub fn write_report(
    dir: &Path,
    at: chrono::NaiveDateTime,
    message: &str,
    place: &str,
    trace: &str,
) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("crash-{}.txt", at.format("%Y%m%d-%H%M%S")));
    let thread = std::thread::current().name().unwrap_or("unnamed").to_string();
    let text = format!(
        "Partner Lens stopped unexpectedly.\n\
         Please send this file to support; it holds no data and no password.\n\n\
         When: {}\nVersion: {}\nSystem: {} {}\nThread: {thread}\nWhat: {message}\nWhere: {place}\n\n\
         Backtrace:\n{trace}\n",
        at.format("%Y-%m-%d %H:%M:%S"),
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH,
    );
    std::fs::write(&path, text)?;
    let reports = reports(dir);
    for old in reports.iter().skip(KEEP_REPORTS) {
        let _ = std::fs::remove_file(&old.path);
    }
    Ok(path)
}

/// The crash reports in `dir`, newest first.
pub fn reports(dir: &Path) -> Vec<CrashReport> {
    let mut found: Vec<(String, CrashReport)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stamp = name.strip_prefix("crash-")?.strip_suffix(".txt")?.to_string();
            let at = chrono::NaiveDateTime::parse_from_str(&stamp, "%Y%m%d-%H%M%S").ok()?;
            let when = at.format("%Y-%m-%d %H:%M:%S").to_string();
            Some((stamp, CrashReport { path: e.path().display().to_string(), when }))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0));
    found.into_iter().map(|(_, r)| r).collect()
}

/// A log writer that lets at most `limit` bytes through per day (by the clock `today` reads),
/// then one line saying so, then nothing until the day changes.
pub struct Capped<W> {
    inner: W,
    limit: u64,
    today: fn() -> chrono::NaiveDate,
    day: chrono::NaiveDate,
    written: u64,
    said: bool,
}

impl<W: Write> Capped<W> {
    pub fn new(inner: W, limit: u64) -> Capped<W> {
        Capped::with_clock(inner, limit, || chrono::Local::now().date_naive())
    }

    pub fn with_clock(inner: W, limit: u64, today: fn() -> chrono::NaiveDate) -> Capped<W> {
        Capped { inner, limit, today, day: today(), written: 0, said: false }
    }
}

impl<W: Write> Write for Capped<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let day = (self.today)();
        if day != self.day {
            (self.day, self.written, self.said) = (day, 0, false);
        }
        if self.written + buf.len() as u64 > self.limit {
            if !self.said {
                self.said = true;
                let note = format!(
                    "Partner Lens logged more than {} MB today; the rest of today's lines are left out.\n",
                    self.limit / (1024 * 1024)
                );
                self.inner.write_all(note.as_bytes())?;
            }
            // Taken as written, so the logging library carries on.
            return Ok(buf.len());
        }
        self.written += buf.len() as u64;
        self.inner.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> chrono::NaiveDateTime {
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn a_report_says_what_and_where_and_only_the_newest_ten_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..12 {
            write_report(dir.path(), at(&format!("2026-12-{:02} 10:00:00", i + 1)), "boom", "src/x.rs:1", "trace")
                .unwrap();
        }
        let r = reports(dir.path());
        assert_eq!(r.len(), KEEP_REPORTS);
        assert_eq!(r[0].when, "2026-12-12 10:00:00", "newest first");
        assert_eq!(r.last().unwrap().when, "2026-12-03 10:00:00");
        let text = std::fs::read_to_string(&r[0].path).unwrap();
        assert!(text.contains("What: boom") && text.contains("Where: src/x.rs:1"), "{text}");
        assert!(text.contains(&format!("Version: {}", env!("CARGO_PKG_VERSION"))), "{text}");
        std::fs::write(dir.path().join("crash-notadate.txt"), "x").unwrap();
        assert_eq!(reports(dir.path()).len(), KEEP_REPORTS, "other files are not reports");
    }

    #[test]
    fn a_day_of_logs_is_capped_and_the_next_day_starts_again() {
        use std::sync::atomic::{AtomicBool, Ordering};
        static NEXT_DAY: AtomicBool = AtomicBool::new(false);
        fn today() -> chrono::NaiveDate {
            let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
            if NEXT_DAY.load(Ordering::SeqCst) { d.succ_opt().unwrap() } else { d }
        }
        let mut w = Capped::with_clock(Vec::new(), 1000, today);
        let line = [b'x'; 99];
        for _ in 0..50 {
            w.write_all(&line).unwrap();
            w.write_all(b"\n").unwrap();
        }
        let text = String::from_utf8(w.inner.clone()).unwrap();
        assert_eq!(text.matches("left out").count(), 1, "said once");
        assert!(text.len() < 1000 + 200, "{} bytes", text.len());
        NEXT_DAY.store(true, Ordering::SeqCst);
        w.write_all(b"a new day\n").unwrap();
        assert!(String::from_utf8(w.inner.clone()).unwrap().ends_with("a new day\n"));
    }
}
