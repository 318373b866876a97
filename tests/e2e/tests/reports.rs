//! The real window under Xvfb: Partner Insights reports made as a person would, in the sample
//! mode with its fast clock (an hour a second), until their files arrive by themselves. First one
//! of Microsoft's own reports (a system query): previewed, run once now by its id, listed. Then
//! one built by ticking: New report → Dynamics usage → columns and a metric ticked → Preview → a
//! filter on a value picked from the service's → Preview again (only that value) → every day →
//! Save → the report listed → the file in Downloads (rows counted) → Open in Explore, a chart of
//! the file. A screenshot of each step goes to test-output/.

use std::path::PathBuf;
use std::time::Duration;

use lens_e2e::{Session, app_binary, shot};

/// Sets a `<select>` as a person picking an option would (React hears the change event).
fn pick(s: &Session, css: &str, value: &str) {
    s.wait_for(css, Duration::from_secs(20));
    let js = format!(
        "const el = document.querySelector({css:?}); \
         Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(el, {value:?}); \
         el.dispatchEvent(new Event('change', {{ bubbles: true }})); return el.value;"
    );
    assert_eq!(s.script(&js), serde_json::json!(value));
}

/// The preview table's cells, row by row.
fn preview_rows(s: &Session) -> Vec<Vec<String>> {
    let v = s.script(
        "return [...document.querySelectorAll('[data-testid=preview-table] tbody tr')]\
         .map(r => [...r.querySelectorAll('td')].map(td => td.textContent));",
    );
    serde_json::from_value(v).unwrap()
}

/// Clicks the open list's option whose text is `text` (Fluent's combobox and dropdown lists).
fn pick_option(s: &Session, text: &str) {
    let js = format!(
        "const o = [...document.querySelectorAll('[role=option]')].find(o => o.textContent.trim() === {text:?}); \
         if (o) {{ o.click(); return true; }} return false;"
    );
    s.until(&format!("the option {text}"), Duration::from_secs(20), |s| {
        (s.script(&js) == serde_json::json!(true)).then_some(())
    });
}

/// The query text, under "Advanced" (opened first).
fn query_text(s: &Session) -> String {
    if s.find("[data-testid=report-query-text]").is_none() {
        s.click_css("[data-testid=report-advanced] button");
    }
    let v = s.script("return document.querySelector('[data-testid=report-query-text]')?.value ?? ''");
    v.as_str().unwrap_or_default().to_string()
}

fn preview_header(s: &Session) -> Vec<String> {
    let v = s.script(
        "return [...document.querySelectorAll('[data-testid=preview-table] thead th')].map(th => th.textContent);",
    );
    serde_json::from_value(v).unwrap()
}

#[test]
fn a_report_built_in_the_window_arrives_in_downloads_and_opens_in_explore() {
    let bin = app_binary();
    assert!(bin.exists(), "build the app first: {}", bin.display());
    let home = tempfile::tempdir().unwrap();
    let home_s = home.path().display().to_string();
    let s = Session::start(
        &bin,
        &[("PARTNER_LENS_HOME", &home_s), ("PARTNER_LENS_DEMO_CLOCK", "fast"), ("PARTNER_LENS_POLL_SECS", "2")],
    );
    s.click_css("[data-testid=try-sample]");
    s.wait_for("[data-testid=answer-chart]", Duration::from_secs(60));

    // Reports: none yet, and a way to make one.
    s.click_css("[data-testid=nav-reports]");
    s.wait_for("[data-testid=no-reports]", Duration::from_secs(30));
    shot(&s, "40-reports-empty");
    s.click_css("[data-testid=new-report]");
    // Microsoft's own reports first, read from the account's catalogue, with when it was read.
    const DYNAMICS: &str = "[data-testid=system-report-6209a8fd-93af-442e-8b3f-3df0f77e8463]";
    s.wait_for(DYNAMICS, Duration::from_secs(30));
    let cards = s.script("return document.querySelectorAll('[data-testid=system-reports] > *').length");
    assert_eq!(cards, serde_json::json!(19), "every documented system query is offered");
    assert!(s.text_of("[data-testid=catalogue-read]").contains("read"));
    shot(&s, "41-report-catalogue");
    s.click_css(&format!("{DYNAMICS} [data-testid=system-report-preview]"));
    s.wait_for("[data-testid=preview-table] tbody tr", Duration::from_secs(30));
    let header = preview_header(&s);
    assert!(
        header.contains(&"Customer name".to_string()) && header.contains(&"Available seats".to_string()),
        "{header:?}"
    );
    assert!(query_text(&s).contains("FROM DynamicsUsage"), "Microsoft's query, under Advanced");
    shot(&s, "41b-system-report-preview");
    // Once, now: made from the system query's id, it runs at once.
    pick(&s, "[data-testid=schedule-repeat]", "once");
    s.until("the button to say Run once now", Duration::from_secs(10), |s| {
        (s.text_of("[data-testid=report-save]") == "Run once now").then_some(())
    });
    s.click_css("[data-testid=report-save]");
    s.wait_for("[data-testid='report-Dynamics 365 licences, last 6 months']", Duration::from_secs(30));

    s.click_css("[data-testid=new-report]");
    s.wait_for("[data-testid=catalogue-DynamicsUsage]", Duration::from_secs(30));
    s.click_css("[data-testid=catalogue-DynamicsUsage]");

    // Tick two columns and a metric: the query text follows.
    s.click_css("[data-testid=report-columns-CustomerMarket]");
    s.click_css("[data-testid=report-columns-Month]");
    s.click_css("[data-testid=report-metrics-TotalActiveSeats]");
    let query = s.until("the query text", Duration::from_secs(10), |s| {
        Some(query_text(s)).filter(|t| t.contains("TotalActiveSeats"))
    });
    assert!(query.starts_with("SELECT CustomerMarket, Month, TotalActiveSeats FROM DynamicsUsage"), "{query}");
    s.click_css("[data-testid=report-preview]");
    s.wait_for("[data-testid=preview-table] tbody tr", Duration::from_secs(30));
    assert_eq!(preview_header(&s), ["Customer market", "Month", "Total active seats"]);
    let rows = preview_rows(&s);
    assert!(!rows.is_empty());
    let market = rows[0][0].clone();
    shot(&s, "42-report-preview");

    // A filter on the market the preview showed first, picked from the values the service holds:
    // the preview then holds only that market.
    s.click_css("[data-testid=add-query-filter]");
    pick(&s, "[data-testid=query-filter-0-column]", "CustomerMarket");
    s.click_css("[data-testid=query-filter-0-value]");
    pick_option(&s, &market);
    s.until("the filter in the query", Duration::from_secs(10), |s| {
        query_text(s).contains(&format!("WHERE CustomerMarket = '{market}'")).then_some(())
    });
    s.click_css("[data-testid=report-preview]");
    let filtered = s.until("the filtered preview", Duration::from_secs(30), |s| {
        let r = preview_rows(s);
        (!r.is_empty() && r.iter().all(|row| row[0] == market)).then_some(r)
    });
    assert!(filtered.len() <= rows.len() || rows.len() == 100);
    shot(&s, "43-report-filtered-preview");

    // Every day at the default time; the next three runs are shown in local time.
    pick(&s, "[data-testid=schedule-repeat]", "daily");
    s.until("the next runs", Duration::from_secs(10), |s| {
        let t = s.text_of("[data-testid=schedule-summary]");
        t.starts_with("Every day at").then_some(())
    });
    let runs = s.script("return document.querySelectorAll('[data-testid=schedule-next-runs] li').length");
    assert_eq!(runs, serde_json::json!(3));
    let name = s.wait_for("[data-testid=report-name]", Duration::from_secs(5));
    s.script("const el = document.querySelector('[data-testid=report-name]'); el.select();");
    s.send_keys(&name, "Seats by market");
    let plan = s.wait_for("[data-testid=schedule-plan]", Duration::from_secs(5));
    s.scroll_to(&plan);
    shot(&s, "44-report-schedule");
    s.click_css("[data-testid=report-save]");

    // Listed, active, with its schedule in words.
    let row = s.wait_for("[data-testid='report-Seats by market']", Duration::from_secs(30));
    let text = s.text(&row);
    assert!(text.contains("Active") && text.contains("Every day at"), "{text}");
    shot(&s, "45-reports-list");

    // An hour a second: the first run is at most a simulated day away. The worker downloads it.
    s.click_css("[data-testid=nav-downloads]");
    let file_row = s.wait_for("[data-testid='download-Seats by market']", Duration::from_secs(90));
    let text = s.text(&file_row);
    assert!(text.contains("Contoso (sample)") && text.contains("CSV"), "{text}");
    let on_disk: Vec<_> = walk(&home.path().join("library"))
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("Seats by market"))
        .collect();
    assert_eq!(on_disk.len(), 1, "{on_disk:?}");
    let bytes = std::fs::read(&on_disk[0]).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let lines = String::from_utf8_lossy(&bytes[3..]).lines().filter(|l| !l.is_empty()).count() - 1;
    let shown = s.text_of("[data-testid='download-Seats by market'] td:nth-child(4)");
    assert_eq!(shown.trim(), lines.to_string(), "the rows of the file on disk");
    assert!(on_disk[0].to_string_lossy().contains("Contoso (sample)/Seats by market/"), "{:?}", on_disk[0]);
    shot(&s, "46-downloads");

    // Open in Explore: a chart of the file, no fetch, its title.
    s.click_css("[data-testid='download-Seats by market'] [data-testid=download-explore]");
    s.wait_for("[data-testid=answer-chart]", Duration::from_secs(30));
    let note = s.text_of("[data-testid=screen-explore]");
    assert!(note.contains("Exploring the report file \"Seats by market\""), "{note}");
    shot(&s, "47-explore-report-file");

    // Back to a data set: its question can run on this computer on a schedule.
    s.click_css("[data-testid=dataset-subscriptions]");
    s.wait_for("[data-testid=schedule-view]", Duration::from_secs(30));
    s.click_css("[data-testid=schedule-view]");
    s.wait_for("[data-testid=schedule-name]", Duration::from_secs(10));
    shot(&s, "47b-explore-schedule");
    s.until("the dialog's Cancel", Duration::from_secs(5), |s| {
        let v = s.script("const b = [...document.querySelectorAll('[role=dialog] button')].find(b => b.textContent === 'Cancel'); if (b) { b.click(); return true; } return false;");
        (v == serde_json::json!(true)).then_some(())
    });
    s.until("the dialog to close", Duration::from_secs(5), |s| {
        s.find("[data-testid=schedule-name]").is_none().then_some(())
    });

    // The same screens in the dark theme.
    s.click_css("[data-testid=nav-settings]");
    s.click_css("[data-testid=theme-dark]");
    s.wait_for("[data-theme=dark]", Duration::from_secs(10));
    s.click_css("[data-testid=nav-reports]");
    s.wait_for("[data-testid='report-Seats by market']", Duration::from_secs(30));
    shot(&s, "48-reports-dark");
    s.click_css("[data-testid=new-report]");
    s.wait_for("[data-testid=system-reports]", Duration::from_secs(30));
    shot(&s, "48b-report-catalogue-dark");
    s.click_css("[data-testid=nav-downloads]");
    s.wait_for("[data-testid='download-Seats by market']", Duration::from_secs(30));
    shot(&s, "49-downloads-dark");
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}
