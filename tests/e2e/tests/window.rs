//! The real window under Xvfb: it opens on the sample data, shows subscriptions by month, and
//! switching to "week" changes the chart and the table to what the engine computes for weeks.
//! The expected numbers come from the same binary's command line against its own simulator,
//! with the same seed and date, so nothing here is hard-coded.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::Datelike;
use lens_e2e::{Session, app_binary, output_dir};

const TODAY: &str = "2026-11-21";

struct Grouping {
    rows: Vec<Vec<String>>,
    periods: usize,
}

/// `partner-lens fetch subscriptions --by PERIOD` against `partner-lens sim` with the demo's
/// seed and date.
fn expected(bin: &Path, period: &str, home: &Path) -> Grouping {
    let mut sim = Command::new(bin)
        .args(["sim", "--port", "0", "--seed", "1", "--scale", "small", "--today", TODAY])
        .env("PARTNER_LENS_HOME", home)
        .stdout(Stdio::piped())
        .spawn()
        .expect("sim");
    let mut line = String::new();
    let mut out = std::io::BufReader::new(sim.stdout.take().unwrap());
    std::io::BufRead::read_line(&mut out, &mut line).unwrap();
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let url = line.trim().rsplit(' ').next().unwrap().to_string();
    let csv_path = home.join(format!("{period}.csv"));
    let o = Command::new(bin)
        .args(["fetch", "subscriptions", "--base-url", &url, "--authority-url", &url])
        .args(["--tenant", "contoso.onmicrosoft.com", "--client-id", "8f6d2c1a-5b3e-4f7a-9c0d-1e2f3a4b5c6d"])
        .args(["--by", period, "--date", "creationDate", "--out", csv_path.to_str().unwrap()])
        .env("PARTNER_LENS_HOME", home)
        .env("PARTNER_LENS_CLIENT_SECRET", "sample-secret")
        .output()
        .unwrap();
    let _ = sim.kill();
    let _ = sim.wait();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&csv_path).unwrap();
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<Vec<String>> = rdr.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    let mut dates: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    dates.dedup();
    Grouping { periods: dates.len(), rows }
}

fn week_label(iso: &str) -> String {
    let d = chrono::NaiveDate::parse_from_str(&iso[..10], "%Y-%m-%d").unwrap();
    format!("W{:02} {}", d.iso_week().week(), d.iso_week().year())
}

fn month_label(iso: &str) -> String {
    let d = chrono::NaiveDate::parse_from_str(&iso[..10], "%Y-%m-%d").unwrap();
    d.format("%b %Y").to_string()
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

#[test]
fn the_window_regroups_subscriptions_by_week() {
    let bin = app_binary();
    assert!(bin.exists(), "build the app first: {}", bin.display());
    let home = tempfile::tempdir().unwrap();
    let month = expected(&bin, "month", home.path());
    let week = expected(&bin, "week", home.path());
    assert!(week.rows.len() > month.rows.len());

    let home_s = home.path().display().to_string();
    let s = Session::start(&bin, &[("PARTNER_LENS_HOME", &home_s), ("PARTNER_LENS_DEMO_TODAY", TODAY)]);
    let out = output_dir();

    // By month, as the window opens.
    let table = s.wait_for("[data-testid=group-table]", Duration::from_secs(60));
    assert_eq!(s.attr(&table, "data-rows").as_deref(), Some(month.rows.len().to_string().as_str()));
    let kpi = s.wait_for("[data-testid=kpi-subscriptions]", Duration::from_secs(5));
    assert!(s.text(&kpi).contains("600"), "{}", s.text(&kpi));
    let chart = s.wait_for("[data-testid=trend-chart]", Duration::from_secs(10));
    assert_eq!(s.attr(&chart, "data-periods").unwrap(), month.periods.to_string());
    assert_eq!(s.attr(&chart, "data-first-period").unwrap(), month_label(&month.rows[0][0]));
    let first = s.wait_for("[data-testid=group-table] tbody tr[data-index='0']", Duration::from_secs(5));
    let text = s.text(&first);
    assert!(text.starts_with(&month_label(&month.rows[0][0])), "{text}");
    s.screenshot(&out.join("window-month.png"));

    // Switch to week: chart and table change to the weekly grouping.
    let tab = s.wait_for("[data-testid=period-week]", Duration::from_secs(5));
    s.click(&tab);
    let rows = week.rows.len().to_string();
    s.until("the table to show weeks", Duration::from_secs(20), |s| {
        let t = s.find("[data-testid=group-table]")?;
        (s.attr(&t, "data-rows")? == rows).then_some(())
    });
    let chart = s.wait_for("[data-testid=trend-chart]", Duration::from_secs(5));
    assert_eq!(s.attr(&chart, "data-periods").unwrap(), week.periods.to_string());
    assert_eq!(s.attr(&chart, "data-first-period").unwrap(), week_label(&week.rows[0][0]));
    let cells: Vec<String> = (1..=4)
        .map(|k| {
            let td = s.wait_for(
                &format!("[data-testid=group-table] tbody tr[data-index='0'] td:nth-child({k})"),
                Duration::from_secs(5),
            );
            s.text(&td).trim().to_string()
        })
        .collect();
    let r = &week.rows[0];
    assert_eq!(cells, vec![week_label(&r[0]), r[1].clone(), thousands(&r[2]), thousands(&r[3])], "first weekly row");
    s.screenshot(&out.join("window-week.png"));
}
