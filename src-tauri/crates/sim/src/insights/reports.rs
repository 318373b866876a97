//! Scheduled reports and their executions, with the validation rules and messages of the spec:
//! RecurrenceInterval between 4 and 2160 hours and at least the data set's minimum, StartTime in
//! the future, csv or tsv, an https callback, a known QueryId; executions answer 404 until the
//! first one has completed (defaults `executionStatus=Completed`, `getLatestExecution=true`).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde_json::{Value, json};

use super::store::{LINK_SECS, RUN_SECS, ReportRec, ReportStatus, last_run, lock, schedule, stamp};
use super::{
    Caller, all_queries, bad, day_of, envelope, field, files, minimum_recurrence, none_found, param, str_field,
};
use crate::state::SimState;

fn view(r: &ReportRec) -> Value {
    json!({
        "reportId": r.report_id,
        "reportName": r.report_name,
        "description": r.description,
        "queryId": r.query_id,
        "query": r.query,
        "user": r.user,
        "createdTime": stamp(r.created),
        "modifiedTime": r.modified.map(stamp),
        "executeNow": r.execute_now,
        "startTime": stamp(r.start),
        "reportStatus": r.status,
        "recurrenceInterval": r.interval_hours,
        "recurrenceCount": r.count,
        "callbackUrl": r.callback_url,
        // Capital C, as the service writes it.
        "CallbackMethod": r.callback_method,
        "format": r.format,
        "queryStartTime": r.query_range.map(|(a, _)| stamp(a * 86_400)),
        "queryEndTime": r.query_range.map(|(_, b)| stamp(b * 86_400)),
    })
}

fn secs_of(text: &str) -> Option<i64> {
    lens_model::dates::parse_micros(text).ok().flatten().map(|t| t.div_euclid(1_000_000))
}

fn int_field(body: &Value, name: &str) -> Result<Option<i64>, String> {
    match field(body, name) {
        None => Ok(None),
        Some(v) => v
            .as_i64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
            .map(Some)
            .ok_or_else(|| format!("{name} should be a whole number")),
    }
}

/// Checks and applies the schedule fields of a create or update body.
fn apply(s: &SimState, r: &mut ReportRec, body: &Value, creating: bool) -> Result<(), String> {
    let now = s.clock.now_secs();
    if let Some(name) = str_field(body, "ReportName") {
        if name.trim().is_empty() {
            return Err("ReportName is required".into());
        }
        r.report_name = name.trim().to_string();
    } else if creating {
        return Err("ReportName is required".into());
    }
    if let Some(d) = str_field(body, "Description") {
        r.description = d;
    }
    if let Some(v) = field(body, "ExecuteNow") {
        r.execute_now = v.as_bool().unwrap_or_else(|| v.as_str().is_some_and(|x| x.eq_ignore_ascii_case("true")));
    }
    match str_field(body, "StartTime") {
        Some(t) => {
            let start = secs_of(&t).ok_or("StartTime should be a date and time like 2024-04-01T18:41:00Z")?;
            // Today's rule (docs/partner-center-api.md, section 5), in the service's words.
            if start < now + 4 * 3600 && !r.execute_now {
                let what = if creating { "creation" } else { "update" };
                return Err(format!(
                    "Invalid report parameters for {what} - Start time of report should at least be 4 hours from current UTC time"
                ));
            }
            r.start = start;
        }
        None if creating && !r.execute_now => return Err("StartTime is required".into()),
        None if creating => r.start = now,
        None => {}
    }
    if let Some(h) = int_field(body, "RecurrenceInterval")? {
        let min = minimum_recurrence(s, &r.query).unwrap_or(4) as i64;
        if !(4..=2160).contains(&h) {
            return Err("RecurrenceInterval should be between 4 and 2160 hours".into());
        }
        if h < min {
            return Err(format!("RecurrenceInterval should be at least {min} hours for this dataset"));
        }
        r.interval_hours = h;
    } else if creating && !r.execute_now {
        return Err("RecurrenceInterval is required".into());
    }
    if let Some(c) = int_field(body, "RecurrenceCount")? {
        if c < 1 {
            return Err("RecurrenceCount should be at least 1".into());
        }
        r.count = c;
    }
    if let Some(f) = str_field(body, "Format") {
        let f = f.to_ascii_lowercase();
        if f != "csv" && f != "tsv" {
            return Err("Format should be csv or tsv".into());
        }
        r.format = f;
    }
    if let Some(u) = str_field(body, "CallbackUrl") {
        if !url::Url::parse(&u).is_ok_and(|x| x.scheme() == "https") {
            return Err("CallbackUrl should be a valid https URL".into());
        }
        r.callback_url = Some(u);
    }
    if let Some(m) = str_field(body, "CallbackMethod") {
        let m = m.to_ascii_uppercase();
        if m != "GET" && m != "POST" {
            return Err("CallbackMethod should be GET or POST".into());
        }
        r.callback_method = Some(m);
    }
    match (str_field(body, "QueryStartTime"), str_field(body, "QueryEndTime")) {
        (None, None) => {}
        (Some(a), Some(b)) => match (day_of(&a), day_of(&b)) {
            (Some(a), Some(b)) if a < b => r.query_range = Some((a, b)),
            _ => return Err("QueryStartTime should be a date before QueryEndTime".into()),
        },
        _ => return Err("Give both QueryStartTime and QueryEndTime, or neither".into()),
    }
    Ok(())
}

pub async fn create(State(s): State<Arc<SimState>>, caller: Caller, axum::Json(body): axum::Json<Value>) -> Response {
    let Some(query_id) = str_field(&body, "QueryId") else {
        return bad("QueryId is required");
    };
    let Some(query) = all_queries(&s).into_iter().find(|q| q.query_id.eq_ignore_ascii_case(&query_id)) else {
        return bad(format!("No query found with the given QueryId {query_id}"));
    };
    let now = s.clock.now_secs();
    let mut r = ReportRec {
        report_id: uuid::Uuid::new_v4().to_string(),
        report_name: String::new(),
        description: String::new(),
        query_id: query.query_id,
        query: query.query,
        user: caller.name,
        revenue_hidden: caller.revenue_hidden,
        created: now,
        modified: None,
        execute_now: false,
        start: now,
        status: ReportStatus::Active,
        interval_hours: 24,
        count: 1,
        callback_url: None,
        callback_method: None,
        format: "csv".into(),
        query_range: None,
        paused_at: None,
        skipped: Vec::new(),
    };
    if let Err(msg) = apply(&s, &mut r, &body, true) {
        return bad(msg);
    }
    let v = view(&r);
    lock(&s.insights.reports).push(r);
    envelope(vec![v], Some("Report created successfully"), false)
}

pub async fn list(State(s): State<Arc<SimState>>, _: Caller, Query(q): Query<HashMap<String, String>>) -> Response {
    let get = |k: &str| param(&q, k);
    let now = s.clock.now_secs();
    let items: Vec<Value> = lock(&s.insights.reports)
        .iter_mut()
        .map(|r| {
            refresh_status(r, now);
            r.clone()
        })
        .filter(|r| get("reportId").is_none_or(|id| r.report_id.eq_ignore_ascii_case(id)))
        .filter(|r| get("reportName").is_none_or(|n| r.report_name.eq_ignore_ascii_case(n)))
        .filter(|r| get("queryId").is_none_or(|id| r.query_id.eq_ignore_ascii_case(id)))
        .map(|r| view(&r))
        .collect();
    // This answer starts with a byte-order mark, as some of the service's JSON does (quirk).
    super::with_bom(envelope(items, Some("Reports fetched successfully"), false)).await
}

/// A report whose last run is over becomes Inactive.
fn refresh_status(r: &mut ReportRec, now: i64) {
    if r.status == ReportStatus::Active && last_run(r).is_some_and(|at| at + RUN_SECS <= now) {
        r.status = ReportStatus::Inactive;
    }
}

fn with_report(s: &SimState, id: &str, f: impl FnOnce(&mut ReportRec) -> Result<(), String>) -> Response {
    let mut reports = lock(&s.insights.reports);
    let Some(r) = reports.iter_mut().find(|r| r.report_id.eq_ignore_ascii_case(id)) else {
        return none_found();
    };
    match f(r) {
        Ok(()) => envelope(vec![view(r)], Some("Report updated successfully"), false),
        Err(msg) => bad(msg),
    }
}

pub async fn update(
    State(s): State<Arc<SimState>>,
    _: Caller,
    Path(id): Path<String>,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let now = s.clock.now_secs();
    with_report(&s, &id, |r| {
        let mut copy = r.clone();
        apply(&s, &mut copy, &body, false)?;
        copy.modified = Some(now);
        *r = copy;
        Ok(())
    })
}

pub async fn remove(State(s): State<Arc<SimState>>, _: Caller, Path(id): Path<String>) -> Response {
    let mut reports = lock(&s.insights.reports);
    let before = reports.len();
    reports.retain(|r| !r.report_id.eq_ignore_ascii_case(&id));
    if reports.len() == before {
        return none_found();
    }
    drop(reports);
    // Its executions and files go with it.
    lock(&s.insights.files).retain(|_, f| !f.report_id.eq_ignore_ascii_case(&id));
    envelope(vec![], Some("Report deleted successfully"), false)
}

pub async fn pause(State(s): State<Arc<SimState>>, _: Caller, Path(id): Path<String>) -> Response {
    let now = s.clock.now_secs();
    with_report(&s, &id, |r| {
        if r.status != ReportStatus::Active {
            return Err(format!("Only an active report can be paused; this one is {:?}", r.status));
        }
        r.status = ReportStatus::Paused;
        r.paused_at = Some(now);
        Ok(())
    })
}

pub async fn resume(State(s): State<Arc<SimState>>, _: Caller, Path(id): Path<String>) -> Response {
    let now = s.clock.now_secs();
    with_report(&s, &id, |r| {
        if r.status != ReportStatus::Paused {
            return Err("Only a paused report can be resumed".into());
        }
        // Runs that fell due while paused are skipped, not run late.
        let since = r.paused_at.take().unwrap_or(now);
        let missed: Vec<i64> =
            schedule(r).take_while(|(_, at)| *at < now).filter(|(_, at)| *at >= since).map(|(k, _)| k).collect();
        r.skipped.extend(missed);
        r.status = ReportStatus::Active;
        Ok(())
    })
}

/// A stable id for run `seq` of a report.
fn execution_id(report_id: &str, seq: i64) -> String {
    let h = crate::rng::stream(report_id);
    crate::rng::Guid::from_bits(crate::rng::mix(h ^ seq as u64), crate::rng::mix(h.rotate_left(17) ^ seq as u64))
        .as_str()
        .to_lowercase()
}

pub async fn executions(
    State(s): State<Arc<SimState>>,
    _: Caller,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let get = |k: &str| param(&q, k);
    let status_filter = get("executionStatus").unwrap_or("Completed").to_ascii_lowercase();
    let latest = get("getLatestExecution").is_none_or(|v| v.eq_ignore_ascii_case("true"));
    let now = s.clock.now_secs();
    let Some(report) = lock(&s.insights.reports).iter().find(|r| r.report_id.eq_ignore_ascii_case(&id)).cloned() else {
        return none_found();
    };

    let mut runs: Vec<(i64, i64, &'static str)> = Vec::new();
    let mut next_listed = false;
    for (seq, at) in schedule(&report) {
        if report.skipped.contains(&seq) {
            continue;
        }
        let paused_run = report.paused_at.is_some_and(|p| at >= p);
        // Runs are in time order: once the next one is listed, every later one is also
        // paused or pending, so the walk stops there (a report may have no end).
        let status = if paused_run {
            if next_listed {
                break;
            }
            next_listed = true;
            "Paused"
        } else if at > now {
            if next_listed {
                break;
            }
            next_listed = true;
            "Pending"
        } else if now < at + RUN_SECS {
            "Running"
        } else {
            "Completed"
        };
        // `getLatestExecution=false` lists 90 days of runs.
        if at + 90 * 86_400 >= now {
            runs.push((seq, at, status));
        }
    }
    let mut items = Vec::new();
    for (seq, at, status) in runs.iter().rev() {
        // Only the documented statuses filter; there is no "all": a client lists every run by
        // joining them with `;`, as documented (execution ids too).
        if !status_filter.split(';').any(|f| f.trim() == status.to_ascii_lowercase()) {
            continue;
        }
        let exec_id = execution_id(&report.report_id, *seq);
        if get("executionId").is_some_and(|e| !e.split(';').any(|one| one.trim().eq_ignore_ascii_case(&exec_id))) {
            continue;
        }
        let (location, link, expiry, generated) = if *status == "Completed" {
            files::ensure(&s, &report, &exec_id, *at);
            let expiry = now + LINK_SECS;
            let (loc, link) = files::links(&s, &report, &exec_id, expiry);
            (Some(loc), Some(link), Some(stamp(expiry)), Some(stamp(at + RUN_SECS)))
        } else {
            (None, None, None, None)
        };
        items.push(json!({
            "executionId": exec_id,
            "reportId": report.report_id,
            "recurrenceInterval": report.interval_hours,
            "recurrenceCount": report.count,
            "callbackUrl": report.callback_url,
            "CallbackMethod": report.callback_method,
            "format": report.format,
            "executionStatus": status,
            "reportLocation": location,
            "reportAccessSecureLink": link,
            "reportExpiryTime": expiry,
            "reportGeneratedTime": generated,
        }));
        if latest {
            break;
        }
    }
    if items.is_empty() {
        return none_found();
    }
    // The files of a report made by a person without the Executive report viewer role hold
    // no revenue, and the answer says so.
    let redacted = report.revenue_hidden
        && super::validate::parse_and_validate(&s.catalogue, &report.query)
            .is_ok_and(|v| v.dimensions.iter().chain(&v.metrics).any(|c| super::exec::is_revenue(c)));
    super::envelope_of(items, None, true, redacted)
}
