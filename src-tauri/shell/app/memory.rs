//! Handing freed memory back to the system once the window goes idle.
//!
//! mimalloc (the allocator, `shell/main.rs`) keeps the pages a thread frees for that thread to
//! use again, and hands them back to the system only when the thread next calls into it, a
//! second or more later. The threads that did a fetch's or a query's work then sit idle, so
//! what they freed stayed with the window for as long as it stayed open. When the app has used
//! the processor and then stopped, every such thread is asked to hand its freed pages back.
//! Measured (`lens-bench window`, 1.33 million rows fetched): the first hand-back returned 105
//! MiB, the one 12 s later another 45.

use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How often the watcher looks.
const EVERY: Duration = Duration::from_secs(2);
/// Processor time in one look (milliseconds) below which the app counts as idle.
const IDLE_MS: usize = 20;
/// Processor time since the last hand-back above which there is something to hand back.
const BUSY_MS: usize = 300;
/// tokio's blocking threads end 10 s after their last task, and what they held goes back to the
/// allocator's shared pool only then: one more look after that.
const FOLLOW_UP: Duration = Duration::from_secs(12);
/// tokio cannot run something on each of its threads; this many short tasks, each keeping its
/// thread busy for a moment, reach every idle one.
const TASKS: usize = 8;

/// The processor time the app has used so far (milliseconds).
fn cpu_ms() -> usize {
    let (mut elapsed, mut user, mut system) = (0, 0, 0);
    let (mut rss, mut peak_rss, mut commit, mut peak_commit, mut faults) = (0, 0, 0, 0, 0);
    // SAFETY: every pointer is to a live local; mimalloc only writes through them.
    unsafe {
        libmimalloc_sys::mi_process_info(
            &mut elapsed,
            &mut user,
            &mut system,
            &mut rss,
            &mut peak_rss,
            &mut commit,
            &mut peak_commit,
            &mut faults,
        )
    };
    user + system
}

/// The app's own resident memory (pages not shared with other processes), in MiB, for the log
/// line that says what a hand-back returned. Linux only: elsewhere `None`.
fn own_resident_mib() -> Option<f64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let mut pages = statm.split_whitespace().skip(1).map(|v| v.parse::<f64>().ok());
    let (resident, shared) = (pages.next()??, pages.next()??);
    // 4 KiB pages on the machines the app runs on (x86-64, and arm64 Linux as configured by
    // the common distributions).
    Some((resident - shared) * 4096.0 / 1048576.0)
}

/// The calling thread's freed pages back to the allocator's pool, and (forced) every part of
/// that pool no thread uses back to the system.
fn collect_here() {
    // SAFETY: mi_collect takes no pointers and may be called on any thread at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

fn hand_back() {
    let started = Instant::now();
    let before = own_resident_mib();
    lens_service::on_every_engine_thread(&collect_here);
    let (done, finished) = mpsc::channel();
    for _ in 0..TASKS {
        let done = done.clone();
        tauri::async_runtime::spawn(async move {
            collect_here();
            std::thread::sleep(Duration::from_millis(20));
            let _ = done.send(());
        });
    }
    for _ in 0..TASKS {
        if finished.recv_timeout(Duration::from_secs(2)).is_err() {
            break;
        }
    }
    // Last, so the pages the other threads just gave up go back to the system too.
    collect_here();
    let mib = |m: Option<f64>| m.map_or("?".to_string(), |m| format!("{m:.0}"));
    tracing::info!(
        ms = started.elapsed().as_millis() as u64,
        own_memory_before_mib = mib(before),
        own_memory_after_mib = mib(own_resident_mib()),
        "freed memory handed back"
    );
}

/// Starts the watcher, on a thread of its own.
pub fn start() {
    let watch = move || {
        let mut last = cpu_ms();
        let mut at_hand_back = last;
        let mut follow_up: Option<Instant> = None;
        loop {
            std::thread::sleep(EVERY);
            let now = cpu_ms();
            let idle = now.saturating_sub(last) < IDLE_MS;
            last = now;
            if !idle {
                continue;
            }
            let busy_since = now.saturating_sub(at_hand_back) > BUSY_MS;
            if busy_since || follow_up.is_some_and(|t| Instant::now() >= t) {
                hand_back();
                follow_up = busy_since.then(|| Instant::now() + FOLLOW_UP);
                at_hand_back = cpu_ms();
                last = at_hand_back;
            }
        }
    };
    if let Err(e) = std::thread::Builder::new().name("hand-back".into()).spawn(watch) {
        tracing::warn!("freed memory will not be handed back when idle: {e}");
    }
}
