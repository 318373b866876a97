//! Raw HTTP against an in-process simulator: plain reqwest, never the project's client, so the
//! simulator is checked against the documents and not against our own reading of them.

#![allow(dead_code)]

use std::net::{Ipv4Addr, SocketAddr};

use lens_sim::{SimConfig, SimHandle};
use serde_json::Value;

pub const TENANT: &str = "contoso.onmicrosoft.com";
pub const CLIENT_ID: &str = "8f6d2c1a-5b3e-4f7a-9c0d-1e2f3a4b5c6d";
pub const SECRET: &str = "sample-secret";
pub const RESOURCE: &str = "https://api.partnercenter.microsoft.com";

pub async fn start(cfg: SimConfig) -> SimHandle {
    lens_sim::start(SimConfig { admin: true, ..cfg }, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.unwrap()
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// A person's token (the sample organisation's administrator, with every role), signed in
/// through the pages with the second factor, as the APIs require today.
pub async fn token(sim: &SimHandle) -> String {
    sim.user_token().await.unwrap()
}

/// GET with a bearer token; returns status and JSON body.
pub async fn get(sim: &SimHandle, token: &str, path_and_query: &str) -> (u16, Value) {
    let r = client().get(format!("{}{path_and_query}", sim.base_url)).bearer_auth(token).send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    // Some answers begin with a byte-order mark (a quirk the client handles); read past it.
    let json = text.strip_prefix('\u{feff}').unwrap_or(&text);
    (status, serde_json::from_str(json).unwrap_or(Value::String(text.clone())))
}

pub async fn send(
    sim: &SimHandle,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = client().request(method, format!("{}{path}", sim.base_url)).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// Every row of a (possibly grouped) answer, following `@nextLink`.
pub async fn all_rows(sim: &SimHandle, token: &str, path_and_query: &str) -> (Vec<Value>, u64) {
    let (status, first) = get(sim, token, path_and_query).await;
    assert_eq!(status, 200, "{path_and_query}: {first}");
    let total = first["TotalCount"].as_u64().unwrap();
    let mut rows: Vec<Value> = first["Value"].as_array().unwrap().clone();
    let mut next = first["@nextLink"].as_str().map(str::to_string);
    while let Some(link) = next {
        let v: Value = client().get(&link).bearer_auth(token).send().await.unwrap().json().await.unwrap();
        rows.extend(v["Value"].as_array().unwrap().iter().cloned());
        next = v["@nextLink"].as_str().map(str::to_string);
    }
    (rows, total)
}

pub fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
