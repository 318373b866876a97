//! The Partner Insights programmatic API (spec section 3): data sets, queries (create, list,
//! delete, try), reports (create, list, update, delete, pause, resume), executions, and the
//! download of a report file from its secure link. Answers are read tolerantly: either envelope
//! casing (**quirk**), unknown fields kept. Queries and schedules are checked locally, in the
//! service's own words, before anything is sent.

use std::io::Read;

use bytes::Bytes;
use lens_model::insights::ql;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::error::{ClientError, ErrorKind, Phase};
use crate::http::{Call, Client};

pub const ROOT: &str = "/insights/v1/mpn";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduledDataset {
    pub dataset_name: String,
    #[serde(default)]
    pub selectable_columns: Vec<String>,
    #[serde(default)]
    pub available_metrics: Vec<String>,
    #[serde(default)]
    pub available_date_ranges: Vec<String>,
    #[serde(default)]
    pub minimum_recurrence_interval: Option<u32>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryInfo {
    pub query_id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub query: String,
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub created_time: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportInfo {
    pub report_id: String,
    pub report_name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub query_id: String,
    #[serde(default)]
    pub query: Option<String>,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub created_time: Option<String>,
    #[serde(default)]
    pub modified_time: Option<String>,
    #[serde(default)]
    pub execute_now: Option<bool>,
    #[serde(default)]
    pub start_time: Option<String>,
    #[serde(default)]
    pub report_status: Option<String>,
    #[serde(default)]
    pub recurrence_interval: Option<i64>,
    #[serde(default)]
    pub recurrence_count: Option<i64>,
    #[serde(default)]
    pub callback_url: Option<String>,
    /// The service writes `CallbackMethod` with a capital C.
    #[serde(default, alias = "CallbackMethod")]
    pub callback_method: Option<String>,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionInfo {
    pub execution_id: String,
    pub report_id: String,
    /// Pending, Running, Paused, Completed; others (Failed) are kept as sent.
    pub execution_status: String,
    #[serde(default)]
    pub report_location: Option<String>,
    #[serde(default)]
    pub report_access_secure_link: Option<String>,
    #[serde(default)]
    pub report_expiry_time: Option<String>,
    #[serde(default)]
    pub report_generated_time: Option<String>,
    #[serde(default)]
    pub format: Option<String>,
    /// The answer that listed it said the service hid sensitive columns (`dataRedacted`).
    #[serde(skip)]
    pub data_redacted: bool,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A report to schedule. Field names as the service wants them.
#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "PascalCase")]
pub struct NewReport {
    pub report_name: String,
    pub description: String,
    pub query_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    pub execute_now: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_start_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_end_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_interval: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_count: Option<i64>,
    pub format: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callback_method: Option<String>,
}

fn bad(msg: impl Into<String>) -> ClientError {
    ClientError::new(ErrorKind::BadRequest, Phase::Request, msg)
}

/// How far ahead a scheduled report's first run must be: 4 hours, the service's rule.
pub const MIN_START_AHEAD_SECS: i64 = 4 * 3600;

/// Checks a schedule against the spec's rules before sending it. `minimum` is the data set's
/// minimum recurrence in hours; `now` in seconds since 1970.
pub fn check_report(r: &NewReport, minimum: u32, now: i64) -> Result<(), ClientError> {
    if r.report_name.trim().is_empty() {
        return Err(bad("Give the report a name."));
    }
    if r.format != "csv" && r.format != "tsv" {
        return Err(bad("The format must be csv or tsv."));
    }
    if !r.execute_now {
        let Some(start) = &r.start_time else { return Err(bad("Give the report a start time.")) };
        let t = lens_model::dates::parse_micros(start)
            .ok()
            .flatten()
            .ok_or_else(|| bad(format!("\"{start}\" is not a date and time.")))?;
        // The service takes a start at least 4 hours ahead (docs/partner-center-api.md, section 5).
        if t / 1_000_000 < now + MIN_START_AHEAD_SECS {
            return Err(bad(
                "Partner Center starts a scheduled report at least 4 hours from now: choose a later first run.",
            ));
        }
        let h = r.recurrence_interval.ok_or_else(|| bad("Say how often the report runs (every N hours)."))?;
        if !(4..=2160).contains(&h) {
            return Err(bad("A report can run every 4 to 2160 hours."));
        }
        if h < minimum as i64 {
            return Err(bad(format!(
                "This data set refreshes at most every {minimum} hours, so the report cannot run more often."
            )));
        }
    }
    if let Some(u) = &r.callback_url
        && !url::Url::parse(u).is_ok_and(|x| x.scheme() == "https")
    {
        return Err(bad("A callback address must be an https URL."));
    }
    Ok(())
}

/// `{"value": [...]}` or `{"Value": [...]}`: the list, whichever the casing.
pub fn envelope_values<T: DeserializeOwned>(body: &[u8]) -> Result<Vec<T>, ClientError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        ClientError::new(
            ErrorKind::BadResponse,
            Phase::Parse,
            format!("Partner Center sent an answer that is not JSON: {e}"),
        )
    })?;
    let list = v
        .as_object()
        .and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case("value")).map(|(_, v)| v.clone()))
        .unwrap_or(Value::Array(vec![]));
    match list {
        Value::Array(items) => items
            .into_iter()
            .map(|i| {
                serde_json::from_value(i).map_err(|e| {
                    ClientError::new(
                        ErrorKind::BadResponse,
                        Phase::Parse,
                        format!("Partner Center sent an item that could not be read: {e}"),
                    )
                })
            })
            .collect(),
        Value::Null => Ok(vec![]),
        _ => {
            Err(ClientError::new(ErrorKind::BadResponse, Phase::Parse, "Partner Center's answer has no list of items."))
        }
    }
}

/// Whether the answer says the service hid sensitive columns (`dataRedacted`), whatever the
/// casing. The documents show the field in every example and define it nowhere; the
/// simulator sets it where revenue was blanked for a caller without the Executive report
/// viewer role.
pub fn envelope_redacted(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    serde_json::from_slice::<Value>(body).ok().and_then(|v| {
        v.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case("dataRedacted")).and_then(|(_, v)| v.as_bool())
    }) == Some(true)
}

/// Rows of a try, and whether revenue was hidden in them.
#[derive(Debug, Clone, Default)]
pub struct Tried {
    pub rows: Vec<Map<String, Value>>,
    pub redacted: bool,
}

/// A downloaded report file: its text, with the byte-order mark removed and gzip undone.
pub fn decode_report(bytes: &[u8]) -> Result<Vec<u8>, ClientError> {
    let mut out = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut s = Vec::with_capacity(bytes.len() * 4);
        flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut s).map_err(|e| {
            ClientError::new(ErrorKind::BadResponse, Phase::Parse, format!("The report file is damaged (gzip): {e}"))
        })?;
        s
    } else {
        bytes.to_vec()
    };
    if out.starts_with(b"\xEF\xBB\xBF") {
        out.drain(..3);
    }
    Ok(out)
}

impl Client {
    async fn insights<T: DeserializeOwned>(
        &self,
        method: Method,
        path_and_query: &str,
        body: Option<Value>,
        call: &Call,
    ) -> Result<Vec<T>, ClientError> {
        let url = self.url(&format!("{ROOT}{path_and_query}"))?;
        let a = self.execute(method, url, body.as_ref(), call, Uuid::new_v4()).await?;
        envelope_values(&a.body).map_err(|e| e.with_request_id(&a.request_id))
    }

    pub async fn insights_datasets(
        &self,
        name: Option<&str>,
        call: &Call,
    ) -> Result<Vec<ScheduledDataset>, ClientError> {
        let q = name.map(|n| format!("?datasetName={}", enc(n))).unwrap_or_default();
        self.insights(Method::GET, &format!("/ScheduledDataset{q}"), None, call).await
    }

    pub async fn create_query(
        &self,
        name: &str,
        description: &str,
        query: &str,
        call: &Call,
    ) -> Result<QueryInfo, ClientError> {
        // The grammar here; the names are the service's to judge (its catalogue changes).
        ql::parse(query).map_err(|e| bad(format!("The query is not right: {}", e.message)))?;
        let body = json!({"Name": name, "Description": description, "Query": query});
        one(self.insights(Method::POST, "/ScheduledQueries", Some(body), call).await?)
    }

    pub async fn list_queries(&self, include_system: bool, call: &Call) -> Result<Vec<QueryInfo>, ClientError> {
        self.insights(Method::GET, &format!("/ScheduledQueries?includeSystemQueries={include_system}"), None, call)
            .await
    }

    pub async fn delete_query(&self, id: &str, call: &Call) -> Result<(), ClientError> {
        self.insights::<Value>(Method::DELETE, &format!("/ScheduledQueries/{}", segment(id)?), None, call)
            .await
            .map(|_| ())
    }

    /// Runs a query on at most 100 rows (what the service allows), by text or by id.
    pub async fn try_query(
        &self,
        query: QueryRef<'_>,
        range: Option<(&str, &str)>,
        call: &Call,
    ) -> Result<Vec<Map<String, Value>>, ClientError> {
        Ok(self.try_query_redacted(query, range, call).await?.rows)
    }

    /// [`Client::try_query`], saying whether the service hid revenue from the rows.
    pub async fn try_query_redacted(
        &self,
        query: QueryRef<'_>,
        range: Option<(&str, &str)>,
        call: &Call,
    ) -> Result<Tried, ClientError> {
        let mut q = match query {
            QueryRef::Text(t) => {
                ql::parse(t).map_err(|e| bad(format!("The query is not right: {}", e.message)))?;
                format!("exportQuery={}", enc(t))
            }
            QueryRef::Id(id) => format!("queryId={}", enc(id)),
        };
        if let Some((a, b)) = range {
            q.push_str(&format!("&startTime={}&endTime={}", enc(a), enc(b)));
        }
        let url = self.url(&format!("{ROOT}/ScheduledQueries/testQueryResult?{q}"))?;
        let a = self.execute(Method::GET, url, None, call, Uuid::new_v4()).await?;
        let rows = envelope_values(&a.body).map_err(|e| e.with_request_id(&a.request_id))?;
        Ok(Tried { rows, redacted: envelope_redacted(&a.body) })
    }

    pub async fn create_report(&self, r: &NewReport, call: &Call) -> Result<ReportInfo, ClientError> {
        let body = serde_json::to_value(r).map_err(|e| bad(e.to_string()))?;
        one(self.insights(Method::POST, "/ScheduledReport", Some(body), call).await?)
    }

    pub async fn list_reports(&self, call: &Call) -> Result<Vec<ReportInfo>, ClientError> {
        self.insights(Method::GET, "/ScheduledReport", None, call).await
    }

    pub async fn update_report(&self, id: &str, changes: Value, call: &Call) -> Result<ReportInfo, ClientError> {
        one(self.insights(Method::PUT, &format!("/ScheduledReport/{}", segment(id)?), Some(changes), call).await?)
    }

    pub async fn delete_report(&self, id: &str, call: &Call) -> Result<(), ClientError> {
        self.insights::<Value>(Method::DELETE, &format!("/ScheduledReport/{}", segment(id)?), None, call)
            .await
            .map(|_| ())
    }

    pub async fn pause_report(&self, id: &str, call: &Call) -> Result<ReportInfo, ClientError> {
        one(self.insights(Method::PUT, &format!("/ScheduledReport/pause/{}", segment(id)?), None, call).await?)
    }

    pub async fn resume_report(&self, id: &str, call: &Call) -> Result<ReportInfo, ClientError> {
        one(self.insights(Method::PUT, &format!("/ScheduledReport/resume/{}", segment(id)?), None, call).await?)
    }

    /// Executions of a report. The service answers 404 until a first run has completed; that
    /// is not an error here but an empty list.
    pub async fn executions(
        &self,
        report_id: &str,
        status: Option<&str>,
        latest_only: bool,
        call: &Call,
    ) -> Result<Vec<ExecutionInfo>, ClientError> {
        let mut q = format!("getLatestExecution={latest_only}");
        if let Some(s) = status {
            q.push_str(&format!("&executionStatus={}", enc(s)));
        }
        let url = self.url(&format!("{ROOT}/ScheduledReport/execution/{}?{q}", segment(report_id)?))?;
        let a = match self.execute(Method::GET, url, None, call, Uuid::new_v4()).await {
            Err(e) if e.kind == ErrorKind::NotFound => return Ok(vec![]),
            other => other?,
        };
        let mut runs: Vec<ExecutionInfo> = envelope_values(&a.body).map_err(|e| e.with_request_id(&a.request_id))?;
        let redacted = envelope_redacted(&a.body);
        for r in &mut runs {
            r.data_redacted = redacted;
        }
        Ok(runs)
    }

    /// One completed run, asked for again: its secure link is new (a link lasts an hour).
    pub async fn execution(
        &self,
        report_id: &str,
        execution_id: &str,
        call: &Call,
    ) -> Result<Option<ExecutionInfo>, ClientError> {
        let q = format!("executionId={}&executionStatus=Completed&getLatestExecution=false", enc(execution_id));
        match self
            .insights::<ExecutionInfo>(
                Method::GET,
                &format!("/ScheduledReport/execution/{}?{q}", segment(report_id)?),
                None,
                call,
            )
            .await
        {
            Err(e) if e.kind == ErrorKind::NotFound => Ok(None),
            Ok(v) => Ok(v.into_iter().find(|e| e.execution_id.eq_ignore_ascii_case(execution_id))),
            Err(e) => Err(e),
        }
    }

    /// A run's file: from its link, or, when the link has expired, from the new link the
    /// service gives when the run is asked for again.
    pub async fn download_execution(&self, e: &ExecutionInfo, call: &Call) -> Result<Bytes, ClientError> {
        let expired = || {
            ClientError::new(
                ErrorKind::Forbidden,
                Phase::Response,
                "The report's download link kept expiring before the download began.",
            )
        };
        let mut link = e.report_access_secure_link.clone();
        for _ in 0..2 {
            if let Some(l) = &link {
                match self.download_report(l).await {
                    Ok(b) => return Ok(b),
                    Err(err) if err.status == Some(403) => {}
                    Err(err) => return Err(err),
                }
            }
            link = self.execution(&e.report_id, &e.execution_id, call).await?.and_then(|x| x.report_access_secure_link);
            if link.is_none() {
                return Err(ClientError::new(
                    ErrorKind::NotFound,
                    Phase::Response,
                    "The report file is no longer there.",
                ));
            }
        }
        Err(expired())
    }

    /// Every run of a report in the last 90 days, newest first: one call with the documented
    /// statuses joined by `;` (the service filters on `executionStatus`, `Completed` when none is
    /// given, and has no "all"; asking for `Pending` too also spares the 404 it answers before a
    /// first run completes), then the `Failed` runs it may also report, asked apart: that value is
    /// not documented, so a refusal of it must not cost the others.
    pub async fn all_executions(&self, report_id: &str, call: &Call) -> Result<Vec<ExecutionInfo>, ClientError> {
        let mut out = self.executions(report_id, Some("Pending;Running;Paused;Completed"), false, call).await?;
        let failed = match self.executions(report_id, Some("Failed"), false, call).await {
            Ok(f) => f,
            Err(e) if e.kind == ErrorKind::BadRequest => Vec::new(),
            Err(e) => return Err(e),
        };
        for e in failed {
            if !out.iter().any(|x| x.execution_id == e.execution_id) {
                out.push(e);
            }
        }
        // Newest first: by when the file was made, runs without one (still to come) on top.
        out.sort_by(|a, b| {
            b.report_generated_time.cmp(&a.report_generated_time).then(b.execution_id.cmp(&a.execution_id))
        });
        Ok(out)
    }

    /// Downloads a report file from its secure link: a plain GET without our token (the link
    /// is its own credential and points at storage, not at Partner Center).
    pub async fn download_report(&self, secure_link: &str) -> Result<Bytes, ClientError> {
        let url = url::Url::parse(secure_link).map_err(|_| bad("The report's download link is not an address."))?;
        let http = crate::http::http_client(self.cfg.connect_timeout, self.cfg.request_timeout)?;
        let mut last = None;
        for attempt in 0..3u32 {
            if attempt > 0 {
                tokio::time::sleep(self.cfg.retry.backoff(attempt)).await;
            }
            match http.get(url.clone()).send().await {
                Ok(r) if r.status().is_success() => match r.bytes().await {
                    Ok(b) => return Ok(Bytes::from(decode_report(&b)?)),
                    Err(_) => {
                        last = Some(ClientError::new(ErrorKind::Network, Phase::Response, "The download broke off."))
                    }
                },
                Ok(r) if r.status().as_u16() == 403 => {
                    return Err(ClientError {
                        status: Some(403),
                        ..ClientError::new(
                            ErrorKind::Forbidden,
                            Phase::Response,
                            "The report's download link has expired.",
                        )
                    });
                }
                Ok(r) if r.status().as_u16() == 404 => {
                    return Err(ClientError::new(
                        ErrorKind::NotFound,
                        Phase::Response,
                        "The report file is no longer there.",
                    ));
                }
                Ok(r) => {
                    last = Some(ClientError {
                        status: Some(r.status().as_u16()),
                        ..ClientError::new(
                            ErrorKind::ServerError,
                            Phase::Response,
                            "The report file could not be downloaded.",
                        )
                    })
                }
                Err(e) if e.is_connect() => {
                    last = Some(ClientError::new(
                        ErrorKind::Unreachable,
                        Phase::Connect,
                        "The report's storage could not be reached.",
                    ))
                }
                Err(_) => last = Some(ClientError::new(ErrorKind::Network, Phase::Response, "The download broke off.")),
            }
        }
        Err(last.unwrap_or_else(|| ClientError::new(ErrorKind::Network, Phase::Response, "The download failed.")))
    }

    /// The newest completed file of a report, asking again for a fresh link if the first one
    /// has expired in the meantime.
    pub async fn download_latest(
        &self,
        report_id: &str,
        call: &Call,
    ) -> Result<Option<(ExecutionInfo, Bytes)>, ClientError> {
        for _ in 0..2 {
            let Some(e) = self.executions(report_id, Some("Completed"), true, call).await?.into_iter().next() else {
                return Ok(None);
            };
            let Some(link) = e.report_access_secure_link.clone() else { return Ok(None) };
            match self.download_report(&link).await {
                Ok(b) => return Ok(Some((e, b))),
                Err(err) if err.status == Some(403) => continue,
                Err(err) => return Err(err),
            }
        }
        Err(ClientError::new(
            ErrorKind::Forbidden,
            Phase::Response,
            "The report's download link kept expiring before the download began.",
        ))
    }
}

pub enum QueryRef<'a> {
    Text(&'a str),
    Id(&'a str),
}

fn one<T>(mut v: Vec<T>) -> Result<T, ClientError> {
    if v.is_empty() {
        return Err(ClientError::new(ErrorKind::BadResponse, Phase::Parse, "Partner Center's answer was empty."));
    }
    Ok(v.swap_remove(0))
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// An id as one segment of an address: encoded, and never empty, `.` or `..` (which an address
/// reads as "here" and "one up", so `DELETE /ScheduledReport/..` would reach another path).
fn segment(id: &str) -> Result<String, ClientError> {
    let plain = id.trim();
    if plain.is_empty() || plain.trim_matches('.').is_empty() {
        return Err(ClientError::new(
            ErrorKind::BadRequest,
            Phase::Request,
            format!("\"{id}\" is not an id Partner Center gives: copy the id from the list of queries or reports."),
        ));
    }
    Ok(enc(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_never_reaches_another_path() {
        for bad in ["", " ", ".", "..", "...", " .. "] {
            assert!(segment(bad).is_err(), "{bad:?}");
        }
        assert_eq!(segment("a/../b").unwrap(), "a%2F..%2Fb");
        assert_eq!(segment("f5c2d8b0-1a2b").unwrap(), "f5c2d8b0-1a2b");
    }

    #[test]
    fn envelopes_in_either_casing() {
        let a: Vec<Value> = envelope_values(br#"{"value":[{"a":1}],"totalCount":1}"#).unwrap();
        let b: Vec<Value> = envelope_values(br#"{"Value":[{"a":1}],"TotalCount":1}"#).unwrap();
        assert_eq!(a, b);
        let e: Vec<ExecutionInfo> = envelope_values(br#"{"Value":[{"executionId":"e","reportId":"r","executionStatus":"Failed","CallbackMethod":null,"newField":3}]}"#).unwrap();
        assert_eq!(e[0].execution_status, "Failed");
        assert_eq!(e[0].extra["newField"], 3, "unknown fields are kept");
    }

    #[test]
    fn report_files_lose_gzip_and_bom() {
        use std::io::Write;
        let text = b"\xEF\xBB\xBFA,B\r\n1,2\r\n";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(text).unwrap();
        let zipped = gz.finish().unwrap();
        assert_eq!(decode_report(&zipped).unwrap(), b"A,B\r\n1,2\r\n");
        assert_eq!(decode_report(text).unwrap(), b"A,B\r\n1,2\r\n");
        assert!(decode_report(&zipped[..10]).is_err());
    }

    #[test]
    fn schedules_are_checked_before_sending() {
        let now = 1_800_000_000;
        let ok = NewReport {
            report_name: "r".into(),
            query_id: "q".into(),
            start_time: Some("2030-01-01T00:00:00Z".into()),
            recurrence_interval: Some(24),
            recurrence_count: Some(3),
            format: "csv".into(),
            ..NewReport::default()
        };
        assert!(check_report(&ok, 24, now).is_ok());
        for (r, want) in [
            (NewReport { recurrence_interval: Some(2), ..ok.clone() }, "4 to 2160"),
            (NewReport { recurrence_interval: Some(12), ..ok.clone() }, "at most every 24 hours"),
            (NewReport { start_time: Some("2020-01-01T00:00:00Z".into()), ..ok.clone() }, "at least 4 hours from now"),
            // 1,800,000,000 is 2027-01-15T08:00:00Z: three hours later is too soon.
            (NewReport { start_time: Some("2027-01-15T11:00:00Z".into()), ..ok.clone() }, "at least 4 hours from now"),
            (NewReport { format: "xlsx".into(), ..ok.clone() }, "csv or tsv"),
            (NewReport { callback_url: Some("http://x".into()), ..ok.clone() }, "https"),
        ] {
            assert!(check_report(&r, 24, now).unwrap_err().message.contains(want), "{want}");
        }
        let body = serde_json::to_value(&ok).unwrap();
        assert_eq!(body["ReportName"], "r");
        assert_eq!(body["RecurrenceInterval"], 24);
        assert!(body.get("CallbackUrl").is_none());
    }
}
