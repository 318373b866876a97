//! The Partner Insights API as seed 004 walks through it: data sets, a query, its test run, a
//! report, its executions (404 until the first completes), the secure link; and the validation
//! rules of the spec.

mod common;

use std::io::Read;

use common::*;
use lens_model::insights::catalog::Timespan;
use lens_sim::SimConfig;
use lens_sim::insights::catalogue::{DATASETS, Kind};
use lens_sim::insights::files::Encoding;
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

fn iso(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0).unwrap().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[tokio::test]
async fn step_1_data_sets_include_the_seed_s_dynamics_usage() {
    let sim = start(cfg()).await;
    let t = token(&sim).await;
    let (s, v) = get(&sim, &t, &format!("{ROOT}/ScheduledDataset")).await;
    assert_eq!(s, 200);
    assert_eq!(v["totalCount"], 21, "the data sets of the data definitions and system queries");
    assert_eq!(v["message"], "Dataset fetched successfully");
    assert_eq!(v["dataRedacted"], false);
    let (_, v) = get(&sim, &t, &format!("{ROOT}/ScheduledDataset?datasetName=DynamicsUsage")).await;
    let d = &v["value"][0];
    let columns: Vec<&str> = d["selectableColumns"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    // The system query's SELECT list first, then the definitions' other columns.
    assert_eq!(columns[0], "SubscriptionId");
    for c in ["PGAMpnID", "CustomerTpid", "PartnerLocationID", "PartnerLocation", "ActiveUsagePercent"] {
        assert!(columns.iter().any(|x| x.eq_ignore_ascii_case(c)), "{c} in {columns:?}");
    }
    assert_eq!(
        d["availableMetrics"],
        json!([
            "SubscriptionCount",
            "TotalAssignedSeats",
            "TotalSoldSeats",
            "TotalActiveSeats",
            "TotalRevenueAndACR",
            "CustomerCount",
            "CustomerTenantCount"
        ])
    );
    assert_eq!(
        d["availableDateRanges"],
        json!(["LAST_MONTH", "LAST_3_MONTHS", "LAST_6_MONTHS", "LAST_1_YEAR", "LIFETIME"])
    );
    assert_eq!(d["minimumRecurrenceInterval"], 24);
}

/// Every data set of the catalogue answers a try query with rows: its first text columns, its
/// date column and every metric, over its longest monthly range; the metrics are numbers.
#[tokio::test]
async fn every_data_set_of_the_catalogue_returns_rows() {
    let sim = start(cfg()).await;
    let t = token(&sim).await;
    let (_, v) = get(&sim, &t, &format!("{ROOT}/ScheduledDataset")).await;
    let sets = v["value"].as_array().unwrap();
    assert_eq!(sets.len(), DATASETS.len());
    for ds in DATASETS {
        let name = ds.name;
        assert!(sets.iter().any(|d| d["datasetName"] == name), "{name} is served");
        let mut select: Vec<&str> =
            ds.columns.iter().filter(|c| c.kind == Kind::Text).map(|c| c.name).take(2).collect();
        select.extend(ds.date_column);
        select.extend(ds.metrics);
        let range = if ds.date_column.is_some() {
            format!(" TIMESPAN {}", Timespan::Last1Year.keyword())
        } else {
            String::new()
        };
        let query = format!("SELECT {} FROM {name}{range}", select.join(", "));
        let (s, v) =
            get(&sim, &t, &format!("{ROOT}/ScheduledQueries/testQueryResult?exportQuery={}", enc(&query))).await;
        assert_eq!(s, 200, "{query}: {v}");
        let rows = v["value"].as_array().unwrap();
        assert!(!rows.is_empty(), "{name} returns rows to {query}");
        for m in ds.metrics {
            assert!(rows.iter().all(|r| r[m].is_number()), "{name}.{m} is a number");
        }
        assert!(rows.iter().all(|r| r[select[0]].as_str().is_some_and(|x| !x.is_empty())), "{name}.{}", select[0]);
    }
}

#[tokio::test]
async fn seed_walkthrough_query_try_report_executions_download() {
    let sim = start(SimConfig { file_encoding: Some(Encoding::Plain), file_bom: Some(false), ..cfg() }).await;
    let mut t = token(&sim).await;
    // Step 2: the seed's body, trailing space and all.
    let (s, v) = send(&sim, &t, Method::POST, &format!("{ROOT}/ScheduledQueries"), Some(json!({
        "Name": "SubscriptionId Dynamics ", "Description": "List of Subscription Id from DynamicsUsage", "Query": "SELECT SubscriptionId from DynamicsUsage "
    }))).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["message"], "Query created successfully");
    let q = &v["value"][0];
    assert_eq!(q["type"], "userDefined");
    assert_eq!(q["user"], "alex@contoso.onmicrosoft.com", "the person who made it");
    assert_eq!(q["query"], "SELECT SubscriptionId from DynamicsUsage");
    assert!(q["createdTime"].as_str().unwrap().ends_with('Z'));
    let query_id = q["queryId"].as_str().unwrap().to_string();

    // Step 3: the test run answers rows keyed by column name, at most 100.
    let (s, v) = get(&sim, &t, &format!("{ROOT}/ScheduledQueries/testQueryResult?queryId={query_id}")).await;
    assert_eq!(s, 200, "{v}");
    let rows = v["value"].as_array().unwrap();
    assert!(!rows.is_empty() && rows.len() <= 100);
    assert!(rows.iter().all(|r| r.as_object().unwrap().keys().eq(["SubscriptionId"].iter())));

    // Step 4: the report, starting in an hour, every 48 hours, 20 times.
    let start_at = now() + 5 * 3600;
    let (s, v) = send(&sim, &t, Method::POST, &format!("{ROOT}/ScheduledReport"), Some(json!({
        "ReportName": "DynamicsUsage Subscription ID Report", "Description": "Report for getting list of Subscription Id for Dynamics Usage",
        "QueryId": query_id, "StartTime": iso(start_at), "ExecuteNow": false, "RecurrenceInterval": 48, "RecurrenceCount": 20,
        "Format": "csv", "CallbackUrl": "https://example.com/callback", "CallbackMethod": "GET"
    }))).await;
    assert_eq!(s, 200, "{v}");
    let r = &v["value"][0];
    assert_eq!(r["reportStatus"], "Active");
    assert_eq!(r["CallbackMethod"], "GET");
    assert_eq!(r["query"], "SELECT SubscriptionId from DynamicsUsage");
    let report_id = r["reportId"].as_str().unwrap().to_string();

    // Step 5: no completed run yet, so the default executions call answers 404.
    let exec = format!("{ROOT}/ScheduledReport/execution/{report_id}");
    let (s, v) = get(&sim, &t, &exec).await;
    assert_eq!(s, 404, "{v}");
    assert_eq!(v["message"], "No item found with given filters");
    let (s, v) = get(&sim, &t, &format!("{exec}?executionStatus=Pending&getLatestExecution=true")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["Value"][0]["executionStatus"], "Pending", "executions answer in the Value/TotalCount spelling");
    assert!(v["Value"][0]["reportAccessSecureLink"].is_null());

    // A quarter of an hour after its start time, the first run has completed.
    advance(&sim, 5 * 3600 + 16 * 60).await;
    t = token(&sim).await; // time moved on: sign in again, as a client would
    let (s, v) = get(&sim, &t, &exec).await;
    assert_eq!(s, 200, "{v}");
    let e = &v["Value"][0];
    assert_eq!(e["executionStatus"], "Completed");
    let link = e["reportAccessSecureLink"].as_str().unwrap().to_string();
    assert!(link.contains("sig="));
    // The secure link needs no token.
    let r = client().get(&link).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("SubscriptionId"));
    assert!(lines.count() > 0);
    // A tampered link is refused; after an hour the link has expired.
    assert_eq!(client().get(link.replace("sig=", "sig=0")).send().await.unwrap().status(), 403);
    advance(&sim, 3601).await;
    t = token(&sim).await; // time moved on: sign in again, as a client would
    let r = client().get(&link).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("expiry time has passed"));
    // Asking again gives a fresh link to the same file.
    let (_, v) = get(&sim, &t, &exec).await;
    let fresh = v["Value"][0]["reportAccessSecureLink"].as_str().unwrap();
    assert_eq!(client().get(fresh).send().await.unwrap().text().await.unwrap(), text);
}

#[tokio::test]
async fn files_may_be_gzip_encoded_two_ways_and_carry_a_byte_order_mark() {
    for (enc, bom) in [(Encoding::GzipHeader, true), (Encoding::GzipBody, false), (Encoding::Plain, true)] {
        let sim = start(SimConfig { file_encoding: Some(enc), file_bom: Some(bom), ..cfg() }).await;
        let mut t = token(&sim).await;
        let (_, v) = send(&sim, &t, Method::POST, &format!("{ROOT}/ScheduledReport"), Some(json!({
            "ReportName": "Now", "QueryId": "6664daf3-c161-423a-92a1-0ea6db2c0384", "ExecuteNow": true, "Format": "tsv"
        }))).await;
        let report_id = v["value"][0]["reportId"].as_str().unwrap().to_string();
        advance(&sim, 20 * 60).await;
        t = token(&sim).await; // time moved on: sign in again, as a client would
        let (_, v) = get(&sim, &t, &format!("{ROOT}/ScheduledReport/execution/{report_id}")).await;
        let link = v["Value"][0]["reportAccessSecureLink"].as_str().unwrap().to_string();
        // A plain client without automatic decompression sees the bytes as sent.
        let raw = reqwest::Client::builder().no_gzip().build().unwrap().get(&link).send().await.unwrap();
        let content_encoding = raw.headers().get("content-encoding").map(|h| h.to_str().unwrap().to_string());
        let body = raw.bytes().await.unwrap().to_vec();
        let plain = if body.starts_with(&[0x1f, 0x8b]) {
            let mut s = Vec::new();
            flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut s).unwrap();
            s
        } else {
            body.clone()
        };
        match enc {
            Encoding::GzipHeader => assert_eq!(content_encoding.as_deref(), Some("gzip")),
            Encoding::GzipBody => assert!(content_encoding.is_none() && body.starts_with(&[0x1f, 0x8b])),
            Encoding::Plain => assert!(content_encoding.is_none() && !body.starts_with(&[0x1f, 0x8b])),
        }
        assert_eq!(plain.starts_with(b"\xEF\xBB\xBF"), bom, "{enc:?}");
        let text = String::from_utf8(plain).unwrap();
        // The Customers system query, as documented.
        assert!(
            text.trim_start_matches('\u{feff}').starts_with("PGAMpnId\tMpnId\tPartnerName\tCustomerName\t"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn validation_rules_and_messages() {
    let sim = start(cfg()).await;
    let t = token(&sim).await;
    for (query, want) in [
        ("SELECT SubscriptionId FROM Invoices", "Invalid table name"),
        ("SELECT Colour FROM DynamicsUsage", "Incorrect column name"),
        ("SELECT * FROM DynamicsUsage", "SELECT * is not supported"),
    ] {
        let (s, v) = send(
            &sim,
            &t,
            Method::POST,
            &format!("{ROOT}/ScheduledQueries"),
            Some(json!({"Name": "x", "Query": query})),
        )
        .await;
        assert_eq!(s, 400, "{query}");
        assert_eq!(v["statusCode"], 400);
        assert!(v["message"].as_str().unwrap().contains(want), "{v}");
        let (s, v) =
            get(&sim, &t, &format!("{ROOT}/ScheduledQueries/testQueryResult?exportQuery={}", enc(query))).await;
        assert_eq!(s, 400);
        assert!(v["message"].as_str().unwrap().contains(want));
    }
    let q = "6209a8fd-93af-442e-8b3f-3df0f77e8463"; // the Dynamics usage system query: minimum recurrence 24 hours
    let future = iso(now() + 5 * 3600);
    for (body, want) in [
        (
            json!({"ReportName": "r", "QueryId": q, "StartTime": future, "RecurrenceInterval": 2, "RecurrenceCount": 1}),
            "between 4 and 2160",
        ),
        (
            json!({"ReportName": "r", "QueryId": q, "StartTime": future, "RecurrenceInterval": 3000, "RecurrenceCount": 1}),
            "between 4 and 2160",
        ),
        (
            json!({"ReportName": "r", "QueryId": q, "StartTime": future, "RecurrenceInterval": 12, "RecurrenceCount": 1}),
            "at least 24 hours",
        ),
        (
            json!({"ReportName": "r", "QueryId": q, "StartTime": iso(now() - 60), "RecurrenceInterval": 24, "RecurrenceCount": 1}),
            "Start time of report should at least be 4 hours from current UTC time",
        ),
        (
            json!({"ReportName": "r", "QueryId": q, "StartTime": iso(now() + 3 * 3600), "RecurrenceInterval": 24, "RecurrenceCount": 1}),
            "Invalid report parameters for creation - Start time of report should at least be 4 hours from current UTC time",
        ),
        (
            json!({"ReportName": "r", "QueryId": q, "StartTime": future, "RecurrenceInterval": 24, "Format": "xml"}),
            "csv or tsv",
        ),
        (
            json!({"ReportName": "r", "QueryId": q, "StartTime": future, "RecurrenceInterval": 24, "CallbackUrl": "http://insecure.example"}),
            "https",
        ),
        (
            json!({"ReportName": "r", "QueryId": "nope", "StartTime": future, "RecurrenceInterval": 24}),
            "No query found",
        ),
        (json!({"QueryId": q, "StartTime": future, "RecurrenceInterval": 24}), "ReportName is required"),
    ] {
        let (s, v) = send(&sim, &t, Method::POST, &format!("{ROOT}/ScheduledReport"), Some(body.clone())).await;
        assert_eq!(s, 400, "{body}");
        assert!(v["message"].as_str().unwrap().contains(want), "{body}: {v}");
    }
}

#[tokio::test]
async fn pause_resume_update_list_and_delete() {
    let sim = start(cfg()).await;
    let mut t = token(&sim).await;
    let q = "6664daf3-c161-423a-92a1-0ea6db2c0384";
    let (_, v) = send(&sim, &t, Method::POST, &format!("{ROOT}/ScheduledReport"), Some(json!({
        "ReportName": "Markets", "QueryId": q, "StartTime": iso(now() + 5 * 3600), "RecurrenceInterval": 24, "RecurrenceCount": 5
    }))).await;
    let id = v["value"][0]["reportId"].as_str().unwrap().to_string();
    let (s, v) = send(&sim, &t, Method::PUT, &format!("{ROOT}/ScheduledReport/pause/{id}"), None).await;
    assert_eq!((s, v["value"][0]["reportStatus"].as_str()), (200, Some("Paused")));
    let (s, _) = send(&sim, &t, Method::PUT, &format!("{ROOT}/ScheduledReport/pause/{id}"), None).await;
    assert_eq!(s, 400, "only an active report can be paused");
    // Paused through the first run: it is skipped, not run late.
    advance(&sim, 2 * 3600).await;
    t = token(&sim).await; // time moved on: sign in again, as a client would
    let (_, v) = get(&sim, &t, &format!("{ROOT}/ScheduledReport/execution/{id}?executionStatus=Paused")).await;
    assert_eq!(v["Value"][0]["executionStatus"], "Paused");
    let (s, _) = send(&sim, &t, Method::PUT, &format!("{ROOT}/ScheduledReport/resume/{id}"), None).await;
    assert_eq!(s, 200);
    let (s, _) = get(&sim, &t, &format!("{ROOT}/ScheduledReport/execution/{id}")).await;
    assert_eq!(s, 404, "the skipped run never completed");
    advance(&sim, 24 * 3600).await;
    t = token(&sim).await; // time moved on: sign in again, as a client would
    let (s, v) = get(
        &sim,
        &t,
        &format!("{ROOT}/ScheduledReport/execution/{id}?getLatestExecution=false&executionStatus=Completed"),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["TotalCount"], 1);
    // "all" is not a documented status: a service that filters as documented finds no run.
    let (s, _) =
        get(&sim, &t, &format!("{ROOT}/ScheduledReport/execution/{id}?getLatestExecution=false&executionStatus=all"))
            .await;
    assert_eq!(s, 404);

    let (s, v) = send(
        &sim,
        &t,
        Method::PUT,
        &format!("{ROOT}/ScheduledReport/{id}"),
        Some(json!({"ReportName": "Markets daily", "Format": "tsv"})),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["value"][0]["format"], "tsv");
    assert!(v["value"][0]["modifiedTime"].is_string());
    let (_, v) = get(&sim, &t, &format!("{ROOT}/ScheduledReport?reportName=Markets%20daily")).await;
    assert_eq!(v["totalCount"], 1);
    let (s, _) = send(&sim, &t, Method::DELETE, &format!("{ROOT}/ScheduledQueries/{q}"), None).await;
    assert_eq!(s, 400, "system queries stay");
    let (s, _) = send(&sim, &t, Method::DELETE, &format!("{ROOT}/ScheduledReport/{id}"), None).await;
    assert_eq!(s, 200);
    let (s, _) = get(&sim, &t, &format!("{ROOT}/ScheduledReport/execution/{id}?getLatestExecution=false")).await;
    assert_eq!(s, 404, "executions go with the report");
}

#[tokio::test]
async fn execute_now_uses_the_query_window() {
    let sim = start(SimConfig { file_encoding: Some(Encoding::Plain), file_bom: Some(false), ..cfg() }).await;
    let mut t = token(&sim).await;
    let (_, v) = send(&sim, &t, Method::POST, &format!("{ROOT}/ScheduledQueries"), Some(json!({
        "Name": "months", "Query": "SELECT Month, CustomerCount FROM OfficeUsage ORDER BY Month ASC TIMESPAN LAST_MONTH"
    }))).await;
    let qid = v["value"][0]["queryId"].as_str().unwrap().to_string();
    let (s, v) = send(
        &sim,
        &t,
        Method::POST,
        &format!("{ROOT}/ScheduledReport"),
        Some(json!({
            "ReportName": "Window", "QueryId": qid, "ExecuteNow": true,
            "QueryStartTime": "2025-01-01T00:00:00Z", "QueryEndTime": "2025-04-01T00:00:00Z"
        })),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let id = v["value"][0]["reportId"].as_str().unwrap().to_string();
    advance(&sim, 16 * 60).await;
    t = token(&sim).await; // time moved on: sign in again, as a client would
    let (_, v) = get(&sim, &t, &format!("{ROOT}/ScheduledReport/execution/{id}")).await;
    let file = client()
        .get(v["Value"][0]["reportAccessSecureLink"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let months: Vec<&str> = file.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(months, vec!["2025-01-01", "2025-02-01", "2025-03-01"], "QueryStartTime/QueryEndTime override TIMESPAN");
}

#[tokio::test]
async fn the_user_ticket_header_works_for_insights_too() {
    let sim = start(cfg()).await;
    let t = token(&sim).await;
    let r = client()
        .get(format!("{}{ROOT}/ScheduledQueries?includeOnlySystemQueries=true", sim.base_url))
        .header("X-AadUserTicket", t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert!(v["value"].as_array().unwrap().iter().all(|q| q["type"] == "system"));
    assert_eq!(client().get(format!("{}{ROOT}/ScheduledDataset", sim.base_url)).send().await.unwrap().status(), 401);
}

/// Issue 12, found by trying: `RecurrenceCount: i64::MAX` was accepted, then every report list
/// panicked with "capacity overflow" (the schedule was built as a whole list).
#[tokio::test]
async fn a_report_that_never_ends_is_listed_without_building_its_schedule() {
    let sim = start(cfg()).await;
    let mut t = token(&sim).await;
    let q = "6664daf3-c161-423a-92a1-0ea6db2c0384";
    let (s, v) = send(
        &sim,
        &t,
        Method::POST,
        &format!("{ROOT}/ScheduledReport"),
        Some(json!({
            "ReportName": "For ever", "QueryId": q, "StartTime": iso(now() + 5 * 3600), "RecurrenceInterval": 24,
            "RecurrenceCount": i64::MAX
        })),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let id = v["value"][0]["reportId"].as_str().unwrap().to_string();
    advance(&sim, 3 * 86_400).await;
    t = token(&sim).await;
    let (s, v) = get(&sim, &t, &format!("{ROOT}/ScheduledReport")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["value"][0]["reportStatus"], "Active");
    let (s, v) = get(
        &sim,
        &t,
        &format!("{ROOT}/ScheduledReport/execution/{id}?getLatestExecution=false&executionStatus=Completed;Pending"),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    // Three runs done, one pending: the rest of "for ever" is not listed.
    assert_eq!(v["TotalCount"], 4, "{v}");
    let (s, _) = send(&sim, &t, Method::PUT, &format!("{ROOT}/ScheduledReport/pause/{id}"), None).await;
    assert_eq!(s, 200);
    advance(&sim, 2 * 86_400).await;
    t = token(&sim).await;
    let (s, _) = send(&sim, &t, Method::PUT, &format!("{ROOT}/ScheduledReport/resume/{id}"), None).await;
    assert_eq!(s, 200);
}
