//! `GET /partner/v1/analytics/...`: the five data sets with `filter`, `top`/`skip`/`@nextLink`,
//! `orderby` and `groupby` + `aggregationLevel`, in the `{"Value", "@nextLink", "TotalCount"}`
//! envelope.

pub mod cache;
pub mod group;

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use lens_model::dataset::DatasetId;
use lens_model::filter::{Cell, Compiled};
use lens_model::query::{AnalyticsQuery, SortDir};

use crate::auth::check::check;
use crate::errors::{Api, ApiError};
use crate::state::SimState;
use crate::with_table;
use crate::world::{Row, Table};

pub async fn handle(
    State(s): State<Arc<SimState>>,
    dataset: DatasetId,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    if let Err(e) = check(&s, &headers, Api::Analytics) {
        return e.into_response();
    }
    let raw = raw.unwrap_or_default();
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes()).into_owned().collect();
    let query = match AnalyticsQuery::from_params(dataset, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
        Ok(q) => q,
        Err(e) => return ApiError::bad_request(Api::Analytics, e.to_string()).into_response(),
    };
    let faults = s.config().faults;
    let page_no = query.skip / query.top + 1;
    let malformed = faults.malformed_page == Some(page_no);
    let empty = faults.empty_page == Some(page_no);
    let lies = Lies {
        short: faults.short_page == Some(page_no),
        total: faults.claimed_total,
        repeat_link: faults.repeat_link,
    };

    let s2 = s.clone();
    let body = tokio::task::spawn_blocking(move || {
        let page = render(&s2, &query, malformed, empty);
        if lies.any() { lies.tell(&page, &s2, &query) } else { page }
    })
    .await;
    match body {
        Ok(body) => (StatusCode::OK, [(header::CONTENT_TYPE, "application/json; charset=utf-8")], Body::from(body))
            .into_response(),
        Err(_) => ApiError::new(Api::Analytics, StatusCode::INTERNAL_SERVER_ERROR, "The page could not be produced.")
            .into_response(),
    }
}

/// What a lying server changes in a page it rendered honestly (see `FaultSpec`).
#[derive(Clone, Copy)]
struct Lies {
    short: bool,
    total: Option<u64>,
    repeat_link: bool,
}

impl Lies {
    fn any(&self) -> bool {
        self.short || self.total.is_some() || self.repeat_link
    }

    fn tell(&self, page: &str, s: &SimState, q: &AnalyticsQuery) -> String {
        let Ok(mut v) = serde_json::from_str::<serde_json::Value>(page) else { return page.to_string() };
        if self.short
            && let Some(rows) = v.get_mut("Value").and_then(|r| r.as_array_mut())
        {
            rows.truncate(rows.len() / 2);
        }
        if let Some(t) = self.total {
            v["TotalCount"] = serde_json::json!(t);
        }
        if self.repeat_link {
            if let Some(o) = v.as_object_mut() {
                o.remove("TotalCount");
            }
            let second = AnalyticsQuery { skip: q.top, ..q.clone() };
            let mut params = url::form_urlencoded::Serializer::new(String::new());
            for (k, val) in second.shape_params() {
                params.append_pair(k, &val);
            }
            params.append_pair("top", &second.top.to_string());
            params.append_pair("skip", &second.skip.to_string());
            v["@nextLink"] = serde_json::json!(format!("{}{}?{}", s.base_url(), q.dataset.path(), params.finish()));
        }
        v.to_string()
    }
}

fn cache_key(q: &AnalyticsQuery) -> String {
    format!(
        "{}|{}|{}",
        q.dataset.slug(),
        q.filter.as_ref().map(|f| f.to_string()).unwrap_or_default(),
        q.order_by.as_ref().map(|o| format!("{} {:?}", o.field, o.dir)).unwrap_or_default()
    )
}

/// The rows a query selects, in order; `None` means every row in index order.
fn selection<T: Table>(s: &SimState, t: &T, q: &AnalyticsQuery) -> Option<Arc<Vec<u32>>> {
    if q.filter.is_none() && q.order_by.is_none() {
        return None;
    }
    let spec = q.dataset.spec();
    Some(s.caches.selection(&cache_key(q), || {
        let compiled = q.filter.as_ref().map(|f| Compiled::new(f, spec));
        let mut sel: Vec<u32> = (0..t.len())
            .filter(|&i| match &compiled {
                None => true,
                Some(c) => {
                    let row = t.row(i);
                    c.eval(&|k| row.cell(k))
                }
            })
            .map(|i| i as u32)
            .collect();
        if let Some(o) = &q.order_by {
            let k = spec.fields.iter().position(|f| f.name == o.field).unwrap_or(0);
            let mut keyed: Vec<(SortKey, u32)> =
                sel.iter().map(|&i| (SortKey::of(t.row(i as usize).cell(k)), i)).collect();
            keyed.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal).then(a.1.cmp(&b.1)));
            if o.dir == SortDir::Desc {
                // Descending values, ties still in index order so pages stay stable.
                keyed.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal).then(a.1.cmp(&b.1)));
            }
            sel = keyed.into_iter().map(|(_, i)| i).collect();
        }
        sel
    }))
}

#[derive(PartialEq, PartialOrd)]
enum SortKey {
    Null,
    Num(f64),
    Text(String),
}

impl SortKey {
    fn of(c: Cell<'_>) -> SortKey {
        match c {
            Cell::Null => SortKey::Null,
            Cell::Bool(b) => SortKey::Num(b as i64 as f64),
            Cell::Int(i) => SortKey::Num(i as f64),
            Cell::Float(f) => SortKey::Num(f),
            Cell::Date(d) => SortKey::Num(d as f64),
            Cell::Str(s) => SortKey::Text(s.to_string()),
        }
    }
}

fn next_link(s: &SimState, q: &AnalyticsQuery, total: usize) -> Option<String> {
    let next = q.skip + q.top;
    if next >= total {
        return None;
    }
    let mut params = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in q.shape_params() {
        params.append_pair(k, &v);
    }
    params.append_pair("top", &q.top.to_string());
    params.append_pair("skip", &next.to_string());
    Some(format!("{}{}?{}", s.base_url(), q.dataset.path(), params.finish()))
}

/// One page of an answer, as the body the service sends (public for benchmarks).
pub fn render(s: &SimState, q: &AnalyticsQuery, malformed: bool, empty: bool) -> String {
    // Room for the longest rows (a subscription is about 750 bytes): a page that outgrew its
    // buffer was copied whole into one twice the size. Room never written is never touched.
    let mut out = String::with_capacity(q.top.min(10_000) * 1000 + 128);
    out.push_str("{\"Value\":[");
    let every_form = s.config().every_form;
    let total = with_table!(&s.world, q.dataset, |t| {
        if q.group_by.is_empty() {
            let sel = selection(s, &t, q);
            let total = sel.as_ref().map_or(t.len(), |v| v.len());
            if !empty {
                let end = (q.skip + q.top).min(total);
                for (n, pos) in (q.skip.min(end)..end).enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    let i = sel.as_ref().map_or(pos, |v| v[pos] as usize);
                    if every_form {
                        let start = out.len();
                        t.row(i).write_json(&mut out);
                        crate::forms::rewrite_row(&mut out, start, q.dataset.spec(), i);
                    } else {
                        t.row(i).write_json(&mut out);
                    }
                }
            }
            total
        } else {
            let spec = q.dataset.spec();
            let level = q.level.unwrap_or_default();
            let key = format!("{}|{}|{:?}", cache_key(q), q.group_by.join(","), level);
            let groups = s.caches.groups(&key, || {
                let sel = selection(s, &t, q);
                group::compute(&t, spec, sel.as_deref().map(|v| v.as_slice()), &q.group_by, level)
            });
            let total = groups.groups.len();
            if !empty {
                let end = (q.skip + q.top).min(total);
                for (n, g) in groups.groups[q.skip.min(end)..end].iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    group::write_group(&mut out, spec, &groups, g);
                }
            }
            total
        }
    });
    out.push_str("],\"@nextLink\":");
    match next_link(s, q, total) {
        Some(link) => crate::json::escape_into(&mut out, &link),
        None => out.push_str("null"),
    }
    out.push_str(",\"TotalCount\":");
    out.push_str(&total.to_string());
    out.push('}');
    if malformed {
        // A page cut off in the middle of a row, as a broken gateway would send it.
        let cut = out.len().min(200).max(out.len() / 2);
        let mut cut = cut;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push_str("<!-- upstream error -->");
    }
    out
}
