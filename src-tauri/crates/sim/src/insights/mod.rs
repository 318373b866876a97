//! The Partner Insights programmatic API (`/insights/v1/mpn/...`, seed 004): data sets, queries
//! (create, list, delete, try), reports (create, list, update, delete, pause, resume),
//! executions on the simulated clock, and the unauthenticated, expiring secure link to each
//! report file (CSV or TSV, sometimes gzip-encoded, sometimes with a byte-order mark: **quirk**).
//!
//! Envelope: `{"value", "nextLink", "totalCount", "message", "statusCode", "dataRedacted"}`. The
//! docs' schemas spell it `Value`/`TotalCount` (**quirk**); the executions list answers in that
//! spelling so clients are proven against both.

pub mod catalogue;
pub mod exec;
pub mod files;
pub mod reports;
pub mod store;
pub mod tables;
pub mod validate;
pub mod values;

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, put};
use serde_json::{Value, json};

use crate::auth::check::check;
use crate::errors::{Api, ApiError};
use crate::state::SimState;
use store::{QueryRec, lock, stamp};

pub use validate::DatasetDef;

pub const ROOT: &str = "/insights/v1/mpn";

pub fn routes(app: Router<Arc<SimState>>) -> Router<Arc<SimState>> {
    app.route(&format!("{ROOT}/ScheduledDataset"), get(datasets))
        .route(&format!("{ROOT}/ScheduledQueries"), get(list_queries).post(create_query))
        .route(&format!("{ROOT}/ScheduledQueries/testQueryResult"), get(try_query))
        .route(&format!("{ROOT}/ScheduledQueries/{{id}}"), delete(delete_query))
        .route(&format!("{ROOT}/ScheduledReport"), get(reports::list).post(reports::create))
        .route(&format!("{ROOT}/ScheduledReport/{{id}}"), put(reports::update).delete(reports::remove))
        .route(&format!("{ROOT}/ScheduledReport/pause/{{id}}"), put(reports::pause))
        .route(&format!("{ROOT}/ScheduledReport/resume/{{id}}"), put(reports::resume))
        .route(&format!("{ROOT}/ScheduledReport/execution/{{id}}"), get(reports::executions))
        .route("/_files/{report}/{file}", get(files::download))
}

/// A successful answer in the Insights envelope.
pub fn envelope(values: Vec<Value>, message: Option<&str>, capitalised: bool) -> Response {
    envelope_of(values, message, capitalised, false)
}

/// A successful answer, saying whether revenue was hidden from the caller.
pub fn envelope_of(values: Vec<Value>, message: Option<&str>, capitalised: bool, redacted: bool) -> Response {
    let n = values.len();
    let body = if capitalised {
        json!({"Value": values, "NextLink": null, "TotalCount": n, "Message": message, "StatusCode": 200, "DataRedacted": redacted})
    } else {
        json!({"value": values, "nextLink": null, "totalCount": n, "message": message, "statusCode": 200, "dataRedacted": redacted})
    };
    (StatusCode::OK, axum::Json(body)).into_response()
}

/// The same answer with a UTF-8 byte-order mark before the JSON (**quirk**: some of the
/// service's answers begin with one, which strict JSON readers refuse).
pub async fn with_bom(resp: Response) -> Response {
    let (parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend_from_slice(&bytes);
    let mut parts = parts;
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(out))
}

pub fn bad(msg: impl Into<String>) -> Response {
    ApiError::bad_request(Api::Insights, msg).into_response()
}

pub fn none_found() -> Response {
    ApiError::not_found(Api::Insights, "No item found with given filters").into_response()
}

/// Who is calling (a user name or an app's client id) and whether revenue is hidden from
/// them, once the bearer token (or `X-AadUserTicket`) has been checked. Taken as a handler
/// argument, it answers 401/403 before the handler runs, as the service does before it reads
/// the body.
pub struct Caller {
    pub name: String,
    pub revenue_hidden: bool,
}

impl FromRequestParts<Arc<SimState>> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &Arc<SimState>) -> Result<Self, Response> {
        match check(s, &parts.headers, Api::Insights) {
            Ok(c) => Ok(Caller { name: c.name().to_string(), revenue_hidden: c.revenue_hidden() }),
            Err(e) => Err(e.into_response()),
        }
    }
}

/// Reads a field of a JSON body without regard to case (`ReportName` / `reportName`).
pub fn field<'a>(body: &'a Value, name: &str) -> Option<&'a Value> {
    body.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v).filter(|v| !v.is_null())
}

pub fn str_field(body: &Value, name: &str) -> Option<String> {
    field(body, name).and_then(|v| v.as_str().map(str::to_string).or_else(|| Some(v.to_string())))
}

pub(crate) fn param<'a>(q: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
}

fn truthy(v: Option<&str>, default: bool) -> bool {
    v.map_or(default, |x| x.eq_ignore_ascii_case("true"))
}

async fn datasets(State(s): State<Arc<SimState>>, _: Caller, Query(q): Query<HashMap<String, String>>) -> Response {
    let wanted = param(&q, "datasetName");
    let items: Vec<Value> = s
        .catalogue
        .iter()
        .filter(|d| wanted.is_none_or(|w| d.is(w)))
        .map(|d| {
            json!({
                "datasetName": d.name,
                "selectableColumns": d.columns.iter().map(|(c, _)| c).collect::<Vec<_>>(),
                "availableMetrics": d.metrics,
                "availableDateRanges": d.date_ranges.iter().map(|t| t.keyword()).collect::<Vec<_>>(),
                "minimumRecurrenceInterval": d.minimum_recurrence,
            })
        })
        .collect();
    if items.is_empty() {
        return none_found();
    }
    envelope(items, Some("Dataset fetched successfully"), false)
}

/// The system queries every partner sees (type "system"), under their documented ids.
fn system_queries() -> Vec<QueryRec> {
    catalogue::SYSTEM_QUERIES
        .iter()
        .map(|q| QueryRec {
            query_id: q.id.to_string(),
            name: q.name.to_string(),
            description: q.description.to_string(),
            query: q.query.to_string(),
            kind: "system".into(),
            user: "System".into(),
            created_time: "2021-07-14T00:00:00Z".into(),
        })
        .collect()
}

/// All queries: the system ones and those partners made.
pub fn all_queries(s: &SimState) -> Vec<QueryRec> {
    let mut v = system_queries();
    v.extend(lock(&s.insights.queries).iter().cloned());
    v
}

async fn create_query(
    State(s): State<Arc<SimState>>,
    Caller { name: user, .. }: Caller,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let Some(name) = str_field(&body, "Name").filter(|n| !n.trim().is_empty()) else {
        return bad("Name is required");
    };
    let Some(text) = str_field(&body, "Query").filter(|n| !n.trim().is_empty()) else {
        return bad("Query is required");
    };
    if let Err(e) = validate::parse_and_validate(&s.catalogue, &text) {
        return bad(e);
    }
    if all_queries(&s).iter().any(|q| q.name.eq_ignore_ascii_case(name.trim())) {
        return ApiError::new(
            Api::Insights,
            StatusCode::CONFLICT,
            format!("A query named {} already exists", name.trim()),
        )
        .into_response();
    }
    let rec = QueryRec {
        query_id: uuid::Uuid::new_v4().to_string(),
        name: name.trim().to_string(),
        description: str_field(&body, "Description").unwrap_or_default(),
        query: text.trim().to_string(),
        kind: "userDefined".into(),
        user,
        created_time: stamp(s.clock.now_secs()),
    };
    lock(&s.insights.queries).push(rec.clone());
    envelope(vec![serde_json::to_value(rec).unwrap_or_default()], Some("Query created successfully"), false)
}

async fn list_queries(State(s): State<Arc<SimState>>, _: Caller, Query(q): Query<HashMap<String, String>>) -> Response {
    let only_system = truthy(param(&q, "includeOnlySystemQueries"), false);
    let with_system = truthy(param(&q, "includeSystemQueries"), true) || only_system;
    let items: Vec<Value> = all_queries(&s)
        .into_iter()
        .filter(|r| param(&q, "queryId").is_none_or(|id| r.query_id.eq_ignore_ascii_case(id)))
        .filter(|r| param(&q, "queryName").is_none_or(|n| r.name.eq_ignore_ascii_case(n)))
        .filter(|r| if r.kind == "system" { with_system } else { !only_system })
        .map(|r| serde_json::to_value(r).unwrap_or_default())
        .collect();
    envelope(items, Some("Queries fetched successfully"), false)
}

async fn delete_query(State(s): State<Arc<SimState>>, _: Caller, Path(id): Path<String>) -> Response {
    if system_queries().iter().any(|q| q.query_id == id) {
        return bad("System queries cannot be deleted");
    }
    if lock(&s.insights.reports).iter().any(|r| r.query_id.eq_ignore_ascii_case(&id)) {
        return bad("The query is used by a report; delete the report first");
    }
    let mut queries = lock(&s.insights.queries);
    let before = queries.len();
    queries.retain(|q| !q.query_id.eq_ignore_ascii_case(&id));
    if queries.len() == before {
        return none_found();
    }
    envelope(vec![], Some("Query deleted successfully"), false)
}

/// `yyyy-MM-ddTHH:mm:ssZ` (or any documented date) as days since 1970.
pub fn day_of(text: &str) -> Option<i64> {
    lens_model::dates::parse_micros(text).ok().flatten().map(|t| t.div_euclid(lens_model::dates::MICROS_PER_DAY))
}

async fn try_query(
    State(s): State<Arc<SimState>>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let text = match (param(&q, "exportQuery"), param(&q, "queryId")) {
        (Some(t), _) => t.to_string(),
        (None, Some(id)) => match all_queries(&s).into_iter().find(|r| r.query_id.eq_ignore_ascii_case(id)) {
            Some(r) => r.query,
            None => return none_found(),
        },
        (None, None) => return bad("Give exportQuery or queryId"),
    };
    let v = match validate::parse_and_validate(&s.catalogue, &text) {
        Ok(v) => v,
        Err(e) => return bad(e),
    };
    let range = match (param(&q, "startTime").map(day_of), param(&q, "endTime").map(day_of)) {
        (None, None) => None,
        (Some(Some(a)), Some(Some(b))) if a < b => Some((a, b)),
        _ => return bad("startTime and endTime must both be dates, startTime first"),
    };
    let today = s.clock.now_secs().div_euclid(86_400).min(s.world.today);
    let s2 = s.clone();
    // The service caps the try at 100 rows.
    let rs = tokio::task::spawn_blocking(move || exec::execute(&s2.world, &v, today, range, Some(100))).await;
    match rs {
        Ok(mut rs) => {
            let redacted = caller.revenue_hidden && exec::redact(&mut rs);
            envelope_of(exec::to_json_rows(&rs), None, false, redacted)
        }
        Err(_) => ApiError::new(Api::Insights, StatusCode::INTERNAL_SERVER_ERROR, "The query could not be run")
            .into_response(),
    }
}

/// The minimum recurrence of the data set a query reads, for report validation.
pub fn minimum_recurrence(s: &SimState, query: &str) -> Option<u32> {
    validate::parse_and_validate(&s.catalogue, query).ok().map(|v| v.dataset.minimum_recurrence)
}
