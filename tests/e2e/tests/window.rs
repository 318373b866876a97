//! The real window under Xvfb, walked as a person would: the first run, "Try with sample data",
//! Explore's Azure usage by meter category and week, a filter picked from the value list, a bar
//! of the chart clicked to drill into it, the answer exported to Excel through the system's Save
//! dialog (and read back with calamine), the dark theme. Every expected number comes from the
//! same binary's command line against its own simulator, with the demo's seed and date, so
//! nothing here is hard-coded. A screenshot of each step goes to test-output/.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use calamine::{Data, DataType, Reader, Xlsx};
use chrono::Datelike;
use lens_e2e::{Session, SimProcess, answer_save_dialog, app_binary, shot};

const TODAY: &str = "2026-11-21";

/// `partner-lens sim` with the demo's seed and date, stopped when dropped.
fn sim(bin: &Path, home: &Path) -> SimProcess {
    SimProcess::start(bin, home, &["--seed", "1", "--scale", "small", "--today", TODAY])
}

/// The rows of `partner-lens fetch azure-usage …` grouped by meter category and `period`, with
/// empty periods filled as the window does.
fn expected(bin: &Path, sim: &SimProcess, home: &Path, filter: Option<&str>, period: &str) -> Vec<Vec<String>> {
    let out = home.join(format!("expected-{}.csv", rand_name()));
    let mut cmd = Command::new(bin);
    cmd.args(["fetch", "azure-usage"])
        .args(sim.account_args())
        .args(["--group-by", "meterCategory", "--date", "usageDate", "--by", period, "--fill-gaps"])
        .args(["--metric", "count", "--metric", "sum:quantity", "--out", out.to_str().unwrap()])
        .env("PARTNER_LENS_HOME", home);
    if let Some(f) = filter {
        cmd.args(["--filter", f]);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    rdr.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

/// What the window's table lists of an answer: the periods with something in them (the chart
/// draws the empty ones too), newest first.
fn table_of(answer: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = answer
        .iter()
        .filter(|r| r[2..].iter().any(|v| v.parse::<f64>().map_or(!v.is_empty(), |x| x != 0.0)))
        .cloned()
        .collect();
    rows.sort_by(|a, b| b[0].cmp(&a[0]));
    rows
}

fn rand_name() -> String {
    format!("{}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos())
}

fn week_label(iso: &str) -> String {
    let d = chrono::NaiveDate::parse_from_str(&iso[..10], "%Y-%m-%d").unwrap();
    format!("W{:02} {}", d.iso_week().week(), d.iso_week().year())
}

fn thousands(s: &str) -> String {
    let n: i64 = s.parse().unwrap();
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The answer table's row count, once it shows `want`.
fn wait_rows(s: &Session, want: usize, what: &str) {
    s.until(what, Duration::from_secs(30), |s| {
        let t = s.find("[data-testid=answer-table]")?;
        (s.attr(&t, "data-rows")? == want.to_string()).then_some(())
    });
}

/// Waits for the header to say that `want` rows match ("1,234 of 1,800 rows match").
fn wait_matched(s: &Session, want: i64, what: &str) {
    s.until(what, Duration::from_secs(30), |s| {
        let t = s.find("[data-testid=rows-matched]")?;
        let said = s.text(&t);
        (said.split_whitespace().next()?.replace(',', "") == want.to_string() && said.ends_with("rows match"))
            .then_some(())
    });
}

fn first_row_cells(s: &Session, n: usize) -> Vec<String> {
    (1..=n)
        .map(|k| {
            s.text_of(&format!("[data-testid=answer-table] tbody tr[data-index='0'] td:nth-child({k})"))
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn a_first_run_explores_azure_usage_filters_drills_exports_and_goes_dark() {
    let bin = app_binary();
    assert!(bin.exists(), "build the app first: {}", bin.display());
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let sim = sim(&bin, work.path());

    // A crash report from an earlier run, as the app's panic hook writes it: Settings offers it.
    let logs = home.path().join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    std::fs::write(logs.join("crash-20261120-093000.txt"), "Partner Lens stopped unexpectedly.\n").unwrap();
    let home_s = home.path().display().to_string();
    let s = Session::start(&bin, &[("PARTNER_LENS_HOME", &home_s), ("PARTNER_LENS_DEMO_TODAY", TODAY)]);

    // First run: the welcome screen, two choices.
    s.wait_for("[data-testid=try-sample]", Duration::from_secs(60));
    // The second choice: Sign in with Microsoft, or (a build without its own application ID,
    // as this one is unless PARTNER_LENS_CLIENT_ID is set) why it cannot, and the IT setup.
    assert!(
        s.find("[data-testid=sign-in-microsoft]").is_some() || s.find("[data-testid=sign-in-unavailable]").is_some()
    );
    shot(&s, "01-welcome");
    s.click_css("[data-testid=try-sample]");

    // One click later: a chart of sample data, labelled as sample data.
    s.wait_for("[data-testid=answer-chart]", Duration::from_secs(30));
    assert_eq!(s.text_of("[data-testid=sample-badge]"), "Sample data");
    shot(&s, "02-explore-subscriptions");

    // The page is painted directly, not in composited layers (app::painting): WebKit's web
    // process was started with the switch, which nothing in this test sets.
    assert!(std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none(), "the test's own environment sets it");
    let web = lens_e2e::app_processes(home.path())
        .into_iter()
        .find(|(_, name)| name.starts_with("WebKitWebProces"))
        .expect("the window's web process");
    assert!(
        lens_e2e::environment(web.0).iter().any(|kv| kv == "WEBKIT_DISABLE_COMPOSITING_MODE=1"),
        "the web process paints in layers"
    );

    // Azure usage, split by meter category (its first question), by week.
    s.click_css("[data-testid=dataset-azureUsage]");
    s.until("Azure usage to open", Duration::from_secs(30), |s| {
        let t = s.find("[data-testid=answer-table] th[data-column=usageDate]")?;
        Some(t)
    });
    s.click_css("[data-testid=period-week]");
    let weekly = table_of(&expected(&bin, &sim, work.path(), None, "week"));
    wait_rows(&s, weekly.len(), "the weekly answer");
    let r = &weekly[0];
    assert_eq!(first_row_cells(&s, 4), vec![week_label(&r[0]), r[1].clone(), thousands(&r[2]), thousands(&r[3])]);
    shot(&s, "03-explore-azure-by-week");

    // A filter from the value list: the most frequent resource location.
    s.click_css("[data-testid=add-filter]");
    s.click_css("[data-testid=filter-field-resourceLocation]");
    let first_value = s.wait_for("[data-testid=value-list] input[type=checkbox][data-value]", Duration::from_secs(20));
    let location = s.attr(&first_value, "data-value").expect("the value list names its values");
    shot(&s, "04-filter-values");
    s.click(&first_value);
    s.until("the value to be ticked", Duration::from_secs(10), |s| {
        (s.script("return document.querySelector('[data-testid=value-list] input[data-value]').checked") == true)
            .then_some(())
    });
    s.click_css("[data-testid=apply-filter]");
    s.until("the filter's chip", Duration::from_secs(20), |s| {
        let chip = s.find("[data-testid=filter-chip]")?;
        s.text(&chip).contains(&location).then_some(())
    });
    let filter = format!("resourceLocation eq '{location}'");
    let filtered = expected(&bin, &sim, work.path(), Some(&filter), "week");
    let listed = table_of(&filtered);
    wait_rows(&s, listed.len(), "the filtered answer");
    // One count of rows, in the header, that follows the filter: the rows the table's lines add up to.
    let filtered_total: i64 = filtered.iter().map(|r| r[2].parse::<i64>().unwrap()).sum();
    wait_matched(&s, filtered_total, "the header's count to follow the filter");
    let r = &listed[0];
    assert_eq!(first_row_cells(&s, 4), vec![week_label(&r[0]), r[1].clone(), thousands(&r[2]), thousands(&r[3])]);
    shot(&s, "05-explore-filtered");

    // Drill into the tallest bar of the largest series: that week of that meter, by day.
    let mut totals: std::collections::BTreeMap<String, i64> = Default::default();
    for row in &filtered {
        *totals.entry(row[1].clone()).or_default() += row[2].parse::<i64>().unwrap();
    }
    let biggest = totals.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).unwrap().0.clone();
    let series: Vec<&Vec<String>> = filtered.iter().filter(|r| r[1] == biggest).collect();
    // The marks of the chart drawn for this answer (not of the one before it).
    let chart = s.until("the filtered chart to be drawn", Duration::from_secs(20), |s| {
        let c = s.find("[data-testid=answer-chart][data-points]")?;
        let fresh = s.attr(&c, "data-points-series")? == biggest
            && s.attr(&c, "data-points-count")? == series.len().to_string();
        fresh.then_some(c)
    });
    let points: Vec<Option<[i64; 2]>> = serde_json::from_str(&s.attr(&chart, "data-points").unwrap()).unwrap();
    let (w, h): (i64, i64) = (
        s.attr(&chart, "data-width").unwrap().parse().unwrap(),
        s.attr(&chart, "data-height").unwrap().parse().unwrap(),
    );
    // The tallest bar in view (a long time axis opens on its most recent periods).
    let visible = |i: usize| points[i].is_some_and(|[x, y]| x > 0 && x < w && y > 0 && y < h);
    let (i, top) = series
        .iter()
        .enumerate()
        .filter(|(i, _)| visible(*i))
        .max_by_key(|(i, r)| (r[2].parse::<i64>().unwrap(), *i as i64))
        .expect("a bar in view");
    let [px, py] = points[i].expect("the bar is drawn");
    s.click_at(&chart, px - w / 2, py - h / 2 + 6);
    s.wait_for("[data-testid=drill-trail]", Duration::from_secs(20));
    let start = chrono::NaiveDate::parse_from_str(&top[0][..10], "%Y-%m-%d").unwrap();
    let end = start + chrono::Duration::days(7);
    let drill =
        format!("{filter} and meterCategory eq '{biggest}' and usageDate ge '{start}' and usageDate lt '{end}'");
    let daily = expected(&bin, &sim, work.path(), Some(&drill), "day");
    let daily_listed = table_of(&daily);
    wait_rows(&s, daily_listed.len(), "the drilled answer");
    let day_total: i64 = daily.iter().map(|r| r[2].parse::<i64>().unwrap()).sum();
    assert_eq!(day_total.to_string(), top[2], "the days add up to the bar clicked");
    wait_matched(&s, day_total, "the header's count to follow the drill");
    assert!(s.text_of("[data-testid=drill-trail]").contains(&biggest));
    shot(&s, "06-explore-drilled");

    // Export to Excel through the system's Save dialog; calamine reads the same numbers.
    let xlsx = work.path().join("drilled.xlsx");
    s.click_css("[data-testid=export]");
    s.click_css("[data-testid=export-xlsx]");
    answer_save_dialog(&xlsx);
    s.wait_for("[data-testid=saved-toast]", Duration::from_secs(30));
    assert!(s.text_of("[data-testid=saved-toast]").contains("drilled.xlsx"));
    shot(&s, "07-exported");
    // The drilled answer's table: its count in words, newest day first, the empty days left out.
    let table = s.wait_for("[data-testid=answer-count]", Duration::from_secs(10));
    s.scroll_to(&table);
    shot(&s, "07b-explore-drilled-table");
    let mut wb: Xlsx<_> = calamine::open_workbook(&xlsx).expect("the exported workbook");
    let sheet = wb.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["Usage date", "Meter category", "Usage records", "Quantity"]);
    assert_eq!(rows.len() - 1, daily_listed.len());
    for (got, want) in rows[1..].iter().zip(&daily_listed) {
        let day = match &got[0] {
            // An Excel serial date: days since 1899-12-30.
            Data::DateTime(d) => (chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()
                + chrono::Duration::days(d.as_f64().floor() as i64))
            .to_string(),
            other => other.to_string(),
        };
        assert_eq!(day, want[0][..10]);
        assert_eq!(got[1].to_string(), want[1]);
        assert_eq!(got[2].as_f64().unwrap(), want[2].parse::<f64>().unwrap());
        assert_eq!(got[3].as_f64().unwrap(), want[3].parse::<f64>().unwrap());
    }

    // The other places, then the dark theme.
    for (place, name) in
        [("home", "08-home"), ("reports", "09-reports"), ("downloads", "10-downloads"), ("accounts", "11-accounts")]
    {
        s.click_css(&format!("[data-testid=nav-{place}]"));
        s.wait_for(&format!("[data-testid=screen-{place}]"), Duration::from_secs(10));
        if place == "home" {
            s.wait_for("[data-testid=tiles][data-ready=true]", Duration::from_secs(60));
            shot(&s, name);
            let radar = s.wait_for("[data-testid=renewal-radar]", Duration::from_secs(10));
            s.scroll_to(&radar);
            shot(&s, "08b-home-renewal-radar");
            continue;
        }
        shot(&s, name);
    }
    s.click_css("[data-testid=nav-settings]");
    s.wait_for("[data-testid=screen-settings]", Duration::from_secs(10));
    let crash = s.text_of("[data-testid=last-crash]");
    assert!(crash.contains("stopped unexpectedly on Nov 20, 2026, 09:30 AM"), "{crash}");
    shot(&s, "12-settings-light");
    s.click_css("[data-testid=theme-dark]");
    s.wait_for("[data-theme=dark]", Duration::from_secs(10));
    shot(&s, "13-settings-dark");
    s.click_css("[data-testid=nav-explore]");
    s.wait_for("[data-testid=answer-chart]", Duration::from_secs(20));
    std::thread::sleep(Duration::from_millis(600));
    shot(&s, "14-explore-dark");
    s.click_css("[data-testid=nav-home]");
    s.wait_for("[data-testid=tiles][data-ready=true]", Duration::from_secs(30));
    shot(&s, "15-home-dark");
    s.click_css("[data-testid=nav-accounts]");
    s.wait_for("[data-testid=account-list]", Duration::from_secs(10));
    shot(&s, "16-accounts-dark");
    s.click_css("[data-testid=nav-explore]");
    s.wait_for("[data-testid=answer-chart]", Duration::from_secs(20));

    // A second launch hands over to the window already open, and ends.
    let mut second = Command::new(&bin)
        .env("PARTNER_LENS_HOME", &home_s)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("second launch");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(st) = second.try_wait().unwrap() {
            break st;
        }
        if std::time::Instant::now() > deadline {
            let _ = second.kill();
            panic!("a second launch opened a second app instead of handing over");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "{status}");
    assert!(s.find("[data-testid=screen-explore]").is_some(), "the first window is still there");
}
