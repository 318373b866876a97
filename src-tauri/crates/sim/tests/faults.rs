//! Faults on demand, set per test through `/_sim/faults`: each kind happens, looks the way the
//! service's does, and is recorded.

mod common;

use common::*;
use lens_sim::{FaultSpec, SimConfig};
use serde_json::{Value, json};

async fn set_faults(sim: &lens_sim::SimHandle, f: Value) {
    let r = client().put(format!("{}/_sim/faults", sim.base_url)).json(&f).send().await.unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn throttling_answers_429_with_retry_after_and_the_documented_body() {
    let sim = start(SimConfig::default()).await;
    let t = token(&sim).await;
    set_faults(&sim, json!({"throttle": 1.0, "retryAfter": 7})).await;
    let r = client()
        .get(format!("{}/partner/v1/analytics/subscriptions", sim.base_url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "7");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v, json!({"statusCode": 429, "message": "Rate limit is exceeded. Try again in 7 seconds."}));
    let log: Value =
        client().get(format!("{}/_sim/requests", sim.base_url)).send().await.unwrap().json().await.unwrap();
    let last = log.as_array().unwrap().last().unwrap();
    assert_eq!(last["status"], 429);
    assert_eq!(last["notBeforeMs"].as_u64().unwrap() - last["atMs"].as_u64().unwrap(), 7000);
}

#[tokio::test]
async fn server_errors_resets_and_slow_answers() {
    let sim = start(SimConfig::default()).await;
    let t = token(&sim).await;
    set_faults(&sim, json!({"serverError": 1.0})).await;
    let r = client()
        .get(format!("{}/partner/v1/analytics/subscriptions", sim.base_url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert!(r.status() == 500 || r.status() == 503);

    set_faults(&sim, json!({"reset": 1.0})).await;
    let r = client()
        .get(format!("{}/partner/v1/analytics/subscriptions", sim.base_url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "the headers arrive…");
    assert!(r.bytes().await.is_err(), "…and the connection breaks in the body");

    set_faults(&sim, json!({"slow": 1.0, "slowMs": 600})).await;
    let started = std::time::Instant::now();
    let r = client()
        .get(format!("{}/partner/v1/analytics/subscriptions?top=1", sim.base_url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(started.elapsed().as_millis() >= 600);
}

#[tokio::test]
async fn a_token_stops_working_after_n_calls() {
    let sim = start(SimConfig::default()).await;
    let t = token(&sim).await;
    set_faults(&sim, json!({"expireTokenAfter": 2})).await;
    let path = "/partner/v1/analytics/subscriptions?top=1";
    assert_eq!(get(&sim, &t, path).await.0, 200);
    assert_eq!(get(&sim, &t, path).await.0, 200);
    let (s, v) = get(&sim, &t, path).await;
    assert_eq!(s, 401);
    assert!(v["description"].as_str().unwrap().contains("expired"));
    let fresh = token(&sim).await;
    assert_eq!(get(&sim, &fresh, path).await.0, 200);
}

#[tokio::test]
async fn broken_and_empty_pages_by_page_number() {
    let sim = start(SimConfig { subscriptions: 2500, ..SimConfig::default() }).await;
    let t = token(&sim).await;
    set_faults(&sim, json!({"malformedPage": 2, "emptyPage": 3})).await;
    let base = format!("{}/partner/v1/analytics/subscriptions", sim.base_url);
    let ok =
        client().get(format!("{base}?top=1000&skip=0")).bearer_auth(&t).send().await.unwrap().text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&ok).is_ok());
    let broken =
        client().get(format!("{base}?top=1000&skip=1000")).bearer_auth(&t).send().await.unwrap().text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&broken).is_err(), "page 2 is not JSON");
    let empty: Value =
        client().get(format!("{base}?top=1000&skip=2000")).bearer_auth(&t).send().await.unwrap().json().await.unwrap();
    assert_eq!(empty["Value"].as_array().unwrap().len(), 0);
    assert_eq!(empty["TotalCount"], 2500, "the page says more rows exist");
}

#[test]
fn the_cli_fault_spec_covers_every_kind() {
    let f = FaultSpec::parse(
        "429=0.1,5xx=0.1,reset=0.1,slow=0.2,slow-ms=50,retry-after=2,expire-after=9,malformed=4,empty=5,seed=3",
    )
    .unwrap();
    assert_eq!((f.throttle, f.server_error, f.reset, f.slow), (0.1, 0.1, 0.1, 0.2));
    assert_eq!(
        (f.slow_ms, f.retry_after, f.expire_token_after, f.malformed_page, f.empty_page, f.seed),
        (50, 2, Some(9), Some(4), Some(5), 3)
    );
}
