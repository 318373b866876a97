//! Microsoft's documented catalogue and system queries ("List of system queries for partner
//! insights programmatic access"): each system query is listed under its documented id, passes
//! the app's own check against the catalogue the service serves, runs, and makes a report by its
//! id; a public community script's flow works as written; and today's rules (the 4-hour start,
//! `executionStatus` lists, a byte-order mark, the report's fields).

mod common;

use common::*;
use lens_model::insights::{Catalogue, CatalogueDataset, ql};
use lens_sim::SimConfig;
use lens_sim::insights::catalogue::SYSTEM_QUERIES;
use reqwest::Method;
use serde_json::{Value, json};

const ROOT: &str = "/insights/v1/mpn";

fn cfg() -> SimConfig {
    SimConfig { seed: 4, subscriptions: 1200, today: Some(20_413), ..SimConfig::default() }
}

async fn advance(sim: &lens_sim::SimHandle, seconds: i64) {
    client()
        .post(format!("{}/_sim/clock/advance", sim.base_url))
        .json(&json!({"seconds": seconds}))
        .send()
        .await
        .unwrap();
}

/// The catalogue as the app reads it: from `GET ScheduledDataset`.
async fn served_catalogue(sim: &lens_sim::SimHandle, t: &str) -> Catalogue {
    let (_, v) = get(sim, t, &format!("{ROOT}/ScheduledDataset")).await;
    let names = |v: &Value| {
        v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
    };
    Catalogue {
        datasets: v["value"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| CatalogueDataset {
                name: d["datasetName"].as_str().unwrap().into(),
                columns: names(&d["selectableColumns"]),
                metrics: names(&d["availableMetrics"]),
                date_ranges: names(&d["availableDateRanges"]),
                minimum_recurrence: d["minimumRecurrenceInterval"].as_u64().map(|m| m as u32),
            })
            .collect(),
    }
}

#[tokio::test]
async fn every_system_query_is_listed_checked_run_and_made_a_report_by_its_id() {
    let sim = start(cfg()).await;
    let t = token(&sim).await;
    let catalogue = served_catalogue(&sim, &t).await;
    let (s, v) = get(&sim, &t, &format!("{ROOT}/ScheduledQueries?includeOnlySystemQueries=true")).await;
    assert_eq!(s, 200);
    let listed = v["value"].as_array().unwrap();
    assert_eq!(listed.len(), 19, "the 19 documented system queries");
    for q in SYSTEM_QUERIES {
        let item = listed.iter().find(|x| x["queryId"] == q.id).unwrap_or_else(|| panic!("{} listed", q.id));
        assert_eq!((item["type"].as_str(), item["query"].as_str()), (Some("system"), Some(q.query)));
        // The app's own check, against the catalogue the service serves, finds nothing to warn of.
        let parsed = ql::parse(q.query).unwrap_or_else(|e| panic!("{}: {e}", q.name));
        let checked = ql::check(&parsed, &catalogue);
        assert!(checked.warnings.is_empty(), "{}: {:?}", q.name, checked.warnings);
        // The service runs it, by text and by id.
        let (s, v) = get(&sim, &t, &format!("{ROOT}/ScheduledQueries/testQueryResult?queryId={}", q.id)).await;
        assert_eq!(s, 200, "{}: {v}", q.name);
        let rows = v["value"].as_array().unwrap();
        assert!(!rows.is_empty(), "{} returns rows", q.name);
        for c in &parsed.select {
            assert!(rows[0].get(c).is_some(), "{}: column {c} in the answer", q.name);
        }
        let (s, v) = send(
            &sim,
            &t,
            Method::POST,
            &format!("{ROOT}/ScheduledReport"),
            Some(json!({
                "ReportName": format!("{} now", q.name), "QueryId": q.id, "ExecuteNow": true
            })),
        )
        .await;
        assert_eq!(s, 200, "{}: {v}", q.name);
    }
    // Every report runs, and its file has the query's columns.
    advance(&sim, 30 * 60).await;
    let t = token(&sim).await;
    let (_, v) = get(&sim, &t, &format!("{ROOT}/ScheduledReport")).await;
    let reports = v["value"].as_array().unwrap().clone();
    assert_eq!(reports.len(), SYSTEM_QUERIES.len());
    for r in &reports {
        let id = r["reportId"].as_str().unwrap();
        let (s, v) = get(&sim, &t, &format!("{ROOT}/ScheduledReport/execution/{id}")).await;
        assert_eq!(s, 200, "{v}");
        let link = v["Value"][0]["reportAccessSecureLink"].as_str().unwrap();
        let bytes = client().get(link).send().await.unwrap().bytes().await.unwrap();
        let bytes = lens_sim_decode(&bytes);
        let header = String::from_utf8_lossy(&bytes).lines().next().unwrap_or_default().to_string();
        let query = ql::parse(r["query"].as_str().unwrap()).unwrap();
        let sep = if header.contains('\t') { '\t' } else { ',' };
        let got: Vec<&str> = header.trim_start_matches('\u{feff}').split(sep).collect();
        assert_eq!(got, query.select, "{}", r["reportName"]);
    }
}

/// A report file's text: gzip undone, the byte-order mark kept.
fn lens_sim_decode(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
        out
    } else {
        bytes.to_vec()
    }
}

/// The public community script's flow (guygregory/partner-center-insights-api-python, pcapi.py):
/// a TrainingCompletions query, a report with ExecuteNow, the executions polled, the file
/// downloaded. It sends the token as `X-AadUserTicket`.
#[tokio::test]
async fn a_public_community_script_works_as_written() {
    let sim = start(cfg()).await;
    let t = token(&sim).await;
    let ticket = |method: Method, path: &str, body: Option<Value>| {
        let mut req =
            client().request(method, format!("{}{ROOT}{path}", sim.base_url)).header("X-AadUserTicket", t.clone());
        if let Some(b) = body {
            req = req.json(&b);
        }
        req
    };
    let r = ticket(
        Method::POST,
        "/ScheduledQueries",
        Some(json!({"Name": "TrainingCompletions_001", "Description": "TrainingCompletions", "Query": "SELECT TrainingActivityId from TrainingCompletions TIMESPAN LAST_6_MONTHS"})),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    let query_id = v["value"][0]["queryId"].as_str().unwrap().to_string();
    let r = ticket(
        Method::POST,
        "/ScheduledReport",
        Some(json!({"ReportName": "TrainingCompletions_001", "Description": "TrainingCompletions", "QueryId": query_id, "ExecuteNow": true})),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    let report_id = v["value"][0]["reportId"].as_str().unwrap().to_string();
    // Before the run completes, asking for Pending;Running;Completed answers instead of 404.
    let text = ticket(
        Method::GET,
        &format!("/ScheduledReport/execution/{report_id}?executionStatus=Pending;Running;Completed"),
        None,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(text.status(), 200);
    advance(&sim, 30 * 60).await;
    let t = token(&sim).await;
    let (s, v) = get(&sim, &t, &format!("{ROOT}/ScheduledReport/execution/{report_id}")).await;
    assert_eq!(s, 200, "{v}");
    let link = v["Value"][0]["reportAccessSecureLink"].as_str().unwrap();
    let body = lens_sim_decode(&client().get(link).send().await.unwrap().bytes().await.unwrap());
    assert!(String::from_utf8_lossy(&body).trim_start_matches('\u{feff}').starts_with("TrainingActivityId"));
}

#[tokio::test]
async fn todays_report_rules_and_fields() {
    let sim = start(cfg()).await;
    let t = token(&sim).await;
    let q = SYSTEM_QUERIES[5].id;
    let now = chrono::Utc::now().timestamp();
    let iso = |secs: i64| chrono::DateTime::from_timestamp(secs, 0).unwrap().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let (s, v) = send(
        &sim,
        &t,
        Method::POST,
        &format!("{ROOT}/ScheduledReport"),
        Some(json!({
            "ReportName": "Soon", "QueryId": q, "StartTime": iso(now + 3600), "RecurrenceInterval": 24
        })),
    )
    .await;
    assert_eq!(s, 400);
    assert_eq!(
        v["message"],
        "Invalid report parameters for creation - Start time of report should at least be 4 hours from current UTC time"
    );
    let (s, v) = send(
        &sim,
        &t,
        Method::POST,
        &format!("{ROOT}/ScheduledReport"),
        Some(json!({
            "ReportName": "Later", "QueryId": q, "StartTime": iso(now + 5 * 3600), "RecurrenceInterval": 24
        })),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let r = &v["value"][0];
    for f in ["executeNow", "modifiedTime", "user", "query", "queryId", "reportStatus", "createdTime"] {
        assert!(r.get(f).is_some(), "the report says {f}: {r}");
    }
    assert_eq!(r["user"], "alex@contoso.onmicrosoft.com");
    let id = r["reportId"].as_str().unwrap();
    // Before any run: the default (Completed, latest) is 404; a `;` list finds the pending run.
    assert_eq!(get(&sim, &t, &format!("{ROOT}/ScheduledReport/execution/{id}")).await.0, 404);
    let (s, v) =
        get(&sim, &t, &format!("{ROOT}/ScheduledReport/execution/{id}?executionStatus=Pending;Running;Completed"))
            .await;
    assert_eq!((s, v["Value"][0]["executionStatus"].as_str()), (200, Some("Pending")), "{v}");
    // The reports list begins with a byte-order mark.
    let raw = client().get(format!("{}{ROOT}/ScheduledReport", sim.base_url)).bearer_auth(&t).send().await.unwrap();
    assert!(raw.bytes().await.unwrap().starts_with(b"\xEF\xBB\xBF"));
}
