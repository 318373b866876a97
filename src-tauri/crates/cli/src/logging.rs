//! Logs: a daily rolling file in the OS log folder (what support asks for), plus the terminal
//! for the command line. Secrets never reach a log: they are `Secret`s, which print `<redacted>`.
//! Each day's file is capped in size, and a panic leaves a crash report beside the logs
//! (lens_service::crash).

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::prelude::*;

/// Lines waiting for the log file's writer thread, at most.
const LOG_QUEUE_LINES: usize = 4096;

/// Starts logging to `dir`; keep the guard alive for the life of the process.
pub fn init(dir: &Path, to_stderr: bool) -> Option<WorkerGuard> {
    let filter = || {
        EnvFilter::try_from_env("PARTNER_LENS_LOG")
            .unwrap_or_else(|_| EnvFilter::new("info,hyper=warn,reqwest=warn,polars=warn"))
    };
    let (file_layer, guard) = match std::fs::create_dir_all(dir).ok().and_then(|_| {
        tracing_appender::rolling::Builder::new()
            .rotation(tracing_appender::rolling::Rotation::DAILY)
            .filename_prefix("partner-lens")
            .filename_suffix("log")
            .max_log_files(14)
            .build(dir)
            .ok()
    }) {
        Some(appender) => {
            let capped = lens_service::crash::Capped::new(appender, lens_service::crash::LOG_BYTES_PER_DAY);
            // The writer thread's queue: tracing-appender's default of 128,000 lines is a 4 MiB
            // ring every process allocates and touches at start (heaptrack: the largest thing the
            // window holds after the data and polars' own). The app logs a few lines a minute;
            // should the disk stall, lines past these are dropped, not waited on.
            let (nb, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
                .buffered_lines_limit(LOG_QUEUE_LINES)
                .lossy(true)
                .finish(capped);
            (Some(tracing_subscriber::fmt::layer().with_ansi(false).with_writer(nb).with_filter(filter())), Some(guard))
        }
        None => (None, None),
    };
    let stderr_layer = to_stderr.then(|| {
        tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            .with_target(false)
            // The command line prints its own plain-words errors; the terminal gets log lines
            // only when asked for with PARTNER_LENS_LOG.
            .with_filter(EnvFilter::try_from_env("PARTNER_LENS_LOG").unwrap_or_else(|_| EnvFilter::new("off")))
    });
    let _ = tracing_subscriber::registry().with(file_layer).with(stderr_layer).try_init();
    lens_service::crash::install(dir.to_path_buf());
    guard
}
