//! The window, measured: launch to the first chart of sample data (through the welcome screen's
//! one click), regrouping a million cached Azure usage rows from day to week (from the click to
//! the chart's first frame, as the window itself stamps them), and scrolling a table of more
//! than 100,000 rows (frame times while it scrolls); and the memory the window holds when idle
//! with those rows loaded. Driven over WebDriver like the window
//! test; figures printed, nothing asserted.

use std::path::Path;
use std::time::{Duration, Instant};

use lens_e2e::Session;
use serde_json::Value;

fn num(v: &Value) -> f64 {
    v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok())).unwrap_or(f64::NAN)
}

/// Seconds since a process started (Linux: /proc, in steps of 10 ms).
fn process_age(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the name (which may hold spaces); the start time is the 22nd field.
    let after = stat.get(stat.rfind(')')? + 2..)?;
    let ticks: f64 = after.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime").ok()?.split_whitespace().next()?.parse().ok()?;
    // The kernel's clock tick is 100 a second on Linux x86-64.
    Some(uptime - ticks / 100.0)
}

/// Launch to the first chart as the app itself lived it, without the WebDriver around it: from
/// its process starting to the welcome screen (stamped by the page), plus the click to the
/// chart's first frame (both stamped by the page). Returns the seconds in all.
fn app_launch(s: &Session, home: &Path) -> Option<f64> {
    let Some(pid) = lens_e2e::app_processes(home).into_iter().find(|(_, n)| n.starts_with("partner-lens")).map(|p| p.0)
    else {
        println!("  launch as the app lived it: the app's process was not found");
        return None;
    };
    let v = s.script(
        "const w = performance.getEntriesByName('welcome-shown')[0]; \
         const c = document.querySelector('[data-testid=answer-chart]'); \
         return [performance.timeOrigin + performance.now(), performance.timeOrigin, w ? w.startTime : null, \
                 Number(document.documentElement.dataset.clickedAt), c ? Number(c.dataset.drawnAt) : null];",
    );
    let age = process_age(pid)?;
    let (now, origin, welcome, clicked, drawn) = (num(&v[0]), num(&v[1]), num(&v[2]), num(&v[3]), num(&v[4]));
    // The process's start on the page's clock (milliseconds since 1970).
    let started = now - age * 1000.0;
    let page = origin - started;
    let to_welcome = page + welcome;
    let click_to_chart = drawn - clicked;
    let total = (to_welcome + click_to_chart) / 1000.0;
    println!(
        "            as the app lived it {total:.2} s (process to page {:.2} s, to the welcome screen {:.2} s, click to chart drawn {:.2} s)",
        page / 1000.0,
        to_welcome / 1000.0,
        click_to_chart / 1000.0
    );
    total.is_finite().then_some(total)
}

/// How long the window is left alone before its idle memory is read.
const IDLE: Duration = Duration::from_secs(20);

/// The middle value (NaN, from a figure the page could not give, sorts last; NaN for none).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

pub fn run(app: &Path, usage_rows: usize, repeats: usize) {
    let home = tempfile::tempdir().expect("temp dir");
    let home_s = home.path().display().to_string();
    // Azure usage is three rows a subscription in the sample world.
    let scale = (usage_rows / 3).max(200).to_string();
    println!("== the window ({}), sample world of {scale} subscriptions", app.display());
    let blank = crate::idle_memory::blank_page(IDLE);
    match blank {
        Some((total, anon)) => println!(
            "a blank page in WebKitGTK's own small browser (the engine's floor)  {total:.0} MiB in all, of it anonymous {anon:.0}"
        ),
        None => println!("a blank page in WebKitGTK's own small browser: not measured (MiniBrowser is not installed)"),
    }

    // 1. Launch to the first chart, on the default (small) sample: what a new user sees. Each
    // launch in a home of its own, as a first run; the last is then left idle and measured.
    let (mut driven, mut lived) = (Vec::new(), Vec::new());
    for i in 0..repeats {
        let started = Instant::now();
        let small = tempfile::tempdir().expect("temp dir");
        let s = Session::start(app, &[("PARTNER_LENS_HOME", &small.path().display().to_string())]);
        s.wait_for("[data-testid=try-sample]", Duration::from_secs(60));
        let welcome = started.elapsed();
        let clicked = Instant::now();
        // Clicked from inside the page, so the page can stamp the moment.
        s.script(
            "document.documentElement.dataset.clickedAt = performance.now(); \
             document.querySelector('[data-testid=try-sample]').click();",
        );
        s.wait_for("[data-testid=answer-chart][data-drawn-at]", Duration::from_secs(60));
        driven.push(started.elapsed().as_secs_f64());
        println!(
            "  launch {}: as driven {:.2} s (window ready {:.2} s, then one click to the chart {:.2} s; WebDriver's start and 150 ms polls included)",
            i + 1,
            started.elapsed().as_secs_f64(),
            welcome.as_secs_f64(),
            clicked.elapsed().as_secs_f64()
        );
        if let Some(t) = app_launch(&s, small.path()) {
            lived.push(t);
        }
        if i + 1 == repeats {
            println!(
                "launch to the first chart of sample data  median of {repeats}: as the app lived it {:.2} s, as driven {:.2} s  (target 2 s)",
                median(lived.clone()),
                median(driven.clone())
            );
            // What the window takes with next to no data: the part of the figure below that is
            // not the million rows' doing.
            std::thread::sleep(IDLE);
            crate::idle_memory::report(small.path(), blank);
            crate::idle_memory::print_log(small.path());
        }
    }

    // 2. Regroup a million cached rows, day and week in turn.
    let s = Session::start(app, &[("PARTNER_LENS_HOME", &home_s), ("PARTNER_LENS_DEMO_SCALE", &scale)]);
    s.click_css("[data-testid=try-sample]");
    s.wait_for("[data-testid=answer-chart]", Duration::from_secs(120));
    s.click_css("[data-testid=dataset-azureUsage]");
    let fetched = Instant::now();
    let rows = s.until("a million usage rows to be fetched", Duration::from_secs(900), |s| {
        let f = s.find("[data-testid=freshness]")?;
        let t = s.text(&f);
        t.contains("rows").then(|| t.clone())
    });
    println!("fetch of Azure usage ({rows})  {:.1} s", fetched.elapsed().as_secs_f64());
    let mut times = Vec::new();
    for i in 0..repeats * 2 {
        let period = if i % 2 == 0 { "day" } else { "week" };
        let before =
            num(&s.script("return document.querySelector('[data-testid=answer-chart]')?.dataset.drawnAt ?? '0'"));
        s.click_css(&format!("[data-testid=period-{period}]"));
        let (asked, drawn) = s.until("the regrouped chart", Duration::from_secs(60), |s| {
            let v = s.script(
                "const c = document.querySelector('[data-testid=answer-chart]'); \
                 return [document.documentElement.dataset.askedAt, c && c.dataset.drawnAt];",
            );
            let (a, d) = (num(&v[0]), num(&v[1]));
            (d > before && d > a).then_some((a, d))
        });
        if period == "week" {
            times.push(drawn - asked);
        }
    }
    println!(
        "regroup {usage_rows} cached usage rows day -> week, click to chart drawn  median {:.0} ms  (of {}: {:?} ms; goal 150)",
        median(times.clone()),
        times.len(),
        times.iter().map(|t| t.round() as i64).collect::<Vec<_>>()
    );

    // Left alone for a while, with the usage rows loaded and charted: 20 s, time for the window
    // to hand freed memory back (it does so after 2 s of rest, and again 12 s later, when the
    // threads that worked have ended: src-tauri/shell/app/memory.rs).
    std::thread::sleep(IDLE);
    crate::idle_memory::report(home.path(), blank);
    crate::idle_memory::print_log(home.path());

    // 3. Scroll the rows behind a year of usage (more than 100,000 rows).
    // Usage by year, not split: each year's rows are a group of its own.
    s.script(
        "const v = {dataset: 'azureUsage', date: {field: 'usageDate', period: 'year'}, fillGaps: true}; \
         window.location.hash = '#/explore?account=sample&view=' + encodeURIComponent(JSON.stringify(v));",
    );
    s.until("the yearly answer", Duration::from_secs(60), |s| {
        let t = s.find("[data-testid=answer-table]")?;
        (s.attr(&t, "data-rows")?.parse::<usize>().ok()? <= 8).then(|| s.find("[data-testid=see-rows]")).flatten()
    });
    // The busiest year's rows (the count is the table's third column).
    s.script(
        "let best = null, most = -1; \
         for (const tr of document.querySelectorAll('[data-testid=answer-table] tbody tr[data-index]')) { \
           const n = Number(tr.children[2].textContent.replace(/[^0-9]/g, '')); \
           if (n > most) { most = n; best = tr.querySelector('[data-testid=see-rows]'); } } \
         best.click();",
    );
    let total = s.until("the rows table", Duration::from_secs(60), |s| {
        let t = s.find("[data-testid=rows-table]")?;
        s.attr(&t, "data-rows")
    });
    let report = s.script_async(
        "const done = arguments[arguments.length - 1]; \
         const el = document.querySelector('[data-testid=rows-table]'); \
         const frames = []; let last = performance.now(); let n = 0; let blank = 0; \
         function step(t) { frames.push(t - last); last = t; el.scrollTop += 600; \
           if (el.querySelector('td') && el.textContent.includes('…')) blank++; \
           if (++n < 240) requestAnimationFrame(step); else done([frames, blank, el.scrollTop]); } \
         requestAnimationFrame(step);",
    );
    let idle = s.script_async(
        "const done = arguments[arguments.length - 1]; const f = []; let last = performance.now(); \
         function step(t) { f.push(t - last); last = t; if (f.length < 61) requestAnimationFrame(step); else done(f.slice(1)); } \
         requestAnimationFrame(step);",
    );
    let idle: Vec<f64> = idle.as_array().map(|a| a.iter().map(num).collect()).unwrap_or_default();
    println!("frame time with nothing moving (this display's baseline)  median {:.1} ms", median(idle));
    // The same rest after the rows were scrolled: what paging through a table leaves behind.
    std::thread::sleep(IDLE);
    println!("after the scroll, left alone again:");
    crate::idle_memory::report(home.path(), blank);
    // The same scroll over a plain HTML table of 4,000 static rows cut from the page (no React,
    // no paging): what painting alone costs on this display.
    let plain = s.script_async(
        "const done = arguments[arguments.length - 1]; \
         const src = document.querySelector('[data-testid=rows-table]'); \
         const box = document.createElement('div'); box.style.cssText = 'position:fixed;left:0;top:0;width:' + src.clientWidth + 'px;height:' + src.clientHeight + 'px;overflow:auto;background:white;z-index:9999'; \
         const row = src.querySelector('tbody tr[data-index]').outerHTML; const head = src.querySelector('thead').outerHTML; \
         box.innerHTML = '<table class=\"' + src.querySelector('table').className + '\">' + head + '<tbody>' + row.repeat(4000) + '</tbody></table>'; \
         document.body.appendChild(box); const f = []; let last = performance.now(); \
         function step(t) { f.push(t - last); last = t; box.scrollTop += 600; if (f.length < 121) requestAnimationFrame(step); else { box.remove(); done(f.slice(1)); } } \
         requestAnimationFrame(step);",
    );
    let plain: Vec<f64> = plain.as_array().map(|a| a.iter().map(num).collect()).unwrap_or_default();
    println!("the same scroll over a plain static table (painting alone)  frame median {:.1} ms", median(plain));
    let frames: Vec<f64> = report[0].as_array().map(|a| a.iter().skip(1).map(num).collect()).unwrap_or_default();
    let mut sorted = frames.clone();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let p = |q: f64| sorted.get(((sorted.len() as f64 - 1.0) * q) as usize).copied().unwrap_or(f64::NAN);
    println!(
        "scroll {total} rows, 240 frames of 600 px (17 rows) each  frame median {:.1} ms, p95 {:.1} ms, worst {:.1} ms; {} frames showed rows still loading",
        p(0.5),
        p(0.95),
        p(1.0),
        num(&report[1])
    );
}
