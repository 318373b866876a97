//! Report files behind secure links: a plain, unauthenticated GET on a signed URL that expires
//! (like a storage SAS link). The file is CSV or TSV; some arrive gzip-encoded (with the header
//! `Content-Encoding: gzip`, or as a raw `.gz` body) and some begin with a UTF-8 byte-order mark
//! (**quirk**): which, is decided per execution, or forced by the configuration.

use std::io::Write;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use flate2::write::GzEncoder;
use futures::StreamExt;
use sha2::{Digest, Sha256};

use super::exec;
use super::store::{FileRec, ReportRec, lock};
use crate::rng::{mix, stream};
use crate::state::SimState;

/// How a file travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Encoding {
    Plain,
    /// gzip with `Content-Encoding: gzip`.
    GzipHeader,
    /// gzip bytes served as `application/gzip`, no content encoding.
    GzipBody,
}

fn encoding_for(s: &SimState, exec_id: &str) -> (Encoding, bool) {
    let cfg = s.config();
    let h = mix(stream(exec_id));
    let enc = cfg.file_encoding.unwrap_or(match h % 3 {
        0 => Encoding::Plain,
        1 => Encoding::GzipHeader,
        _ => Encoding::GzipBody,
    });
    (enc, cfg.file_bom.unwrap_or(h & 8 == 0))
}

/// Produces the file of a completed run once, with the data as of the run's day.
pub fn ensure(s: &SimState, r: &ReportRec, exec_id: &str, ran_at: i64) {
    if lock(&s.insights.files).contains_key(exec_id) {
        return;
    }
    let Ok(v) = super::validate::parse_and_validate(&s.catalogue, &r.query) else { return };
    let day = ran_at.div_euclid(86_400).min(s.world.today);
    let mut rs = exec::execute(&s.world, &v, day, r.query_range, None);
    if r.revenue_hidden {
        exec::redact(&mut rs);
    }
    let sep = if r.format == "tsv" { '\t' } else { ',' };
    let (enc, bom) = encoding_for(s, exec_id);
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(exec::to_delimited(&rs, sep).as_bytes());
    let gzip = enc != Encoding::Plain;
    if gzip {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        let _ = gz.write_all(&bytes);
        bytes = gz.finish().unwrap_or_default();
    }
    lock(&s.insights.files)
        .insert(exec_id.to_string(), FileRec { report_id: r.report_id.clone(), bytes, format: r.format.clone(), gzip });
}

fn signature(s: &SimState, path: &str, expiry: i64) -> String {
    let key = format!("{}:{}", s.world.seed, s.config().credentials.secret);
    let digest = Sha256::digest(format!("{key}|{path}|{expiry}").as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The report's location and a secure link to it valid until `expiry` (simulated seconds).
pub fn links(s: &SimState, r: &ReportRec, exec_id: &str, expiry: i64) -> (String, String) {
    let path = format!("/_files/{}/{exec_id}.{}", r.report_id, r.format);
    let location = format!("{}{path}", s.base_url());
    let sig = signature(s, &path, expiry);
    (location.clone(), format!("{location}?sv=2021-08-06&sr=b&sp=r&se={expiry}&sig={sig}"))
}

#[derive(serde::Deserialize)]
pub struct Sas {
    se: Option<i64>,
    sig: Option<String>,
}

fn storage_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = format!(
        "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>"
    );
    (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response()
}

pub async fn download(
    State(s): State<Arc<SimState>>,
    Path((report, file)): Path<(String, String)>,
    Query(q): Query<Sas>,
) -> Response {
    let path = format!("/_files/{report}/{file}");
    let (Some(se), Some(sig)) = (q.se, q.sig) else {
        return storage_error(
            StatusCode::FORBIDDEN,
            "AuthenticationFailed",
            "Server failed to authenticate the request. The signature is missing.",
        );
    };
    if sig != signature(&s, &path, se) {
        return storage_error(
            StatusCode::FORBIDDEN,
            "AuthenticationFailed",
            "Server failed to authenticate the request. Signature did not match.",
        );
    }
    if s.clock.now_secs() >= se {
        return storage_error(
            StatusCode::FORBIDDEN,
            "AuthenticationFailed",
            "Server failed to authenticate the request. Signed expiry time has passed.",
        );
    }
    let exec_id = file.split('.').next().unwrap_or_default().to_string();
    let Some(f) = lock(&s.insights.files).get(&exec_id).cloned() else {
        return storage_error(StatusCode::NOT_FOUND, "BlobNotFound", "The specified blob does not exist.");
    };
    let (enc, _) = encoding_for(&s, &exec_id);
    let ctype = if f.format == "tsv" { "text/tab-separated-values; charset=utf-8" } else { "text/csv; charset=utf-8" };
    let pause = s.config().faults.slow_files_ms;
    let mut resp = if pause > 0 {
        // Half the file, a pause, the rest: a download caught in the middle.
        let bytes = bytes::Bytes::from(f.bytes.clone());
        let (first, rest) = (bytes.slice(..bytes.len() / 2), bytes.slice(bytes.len() / 2..));
        let stream = futures::stream::iter([Ok::<_, std::io::Error>(first)]).chain(futures::stream::once(async move {
            tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
            Ok(rest)
        }));
        (StatusCode::OK, axum::body::Body::from_stream(stream)).into_response()
    } else {
        (StatusCode::OK, f.bytes).into_response()
    };
    let h = resp.headers_mut();
    match (f.gzip, enc) {
        (true, Encoding::GzipBody) => {
            h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/gzip"));
        }
        (true, _) => {
            h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static(ctype));
            h.insert(header::CONTENT_ENCODING, header::HeaderValue::from_static("gzip"));
        }
        (false, _) => {
            h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static(ctype));
        }
    }
    resp
}
