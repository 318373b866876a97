//! What the tests that fetch from the simulator share: a simulator with a client signed in to
//! it, and every raw row of a data set read without the client, to compare against.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use lens_client::{AccessToken, Client, ClientConfig, StaticToken};
use lens_model::dataset::DatasetId;
use lens_sim::{SimConfig, SimHandle};
use serde_json::{Map, Value};

/// A simulator of `cfg` on a free loopback port, its app token, and a client using that token.
/// The simulator stops when its handle is dropped: hold it (`_sim`) for as long as the test asks.
pub async fn signed_in(cfg: SimConfig) -> (SimHandle, String, Client) {
    let sim = lens_sim::start(cfg, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.unwrap();
    let token = sim.app_token().await.unwrap();
    let client = Client::new(
        ClientConfig::new(sim.base_url.parse().unwrap()),
        Arc::new(StaticToken(AccessToken::bearer(token.clone()))),
    )
    .unwrap();
    (sim, token, client)
}

/// Every raw row of a data set, in the order the simulator's pages carry them.
pub async fn served(base: &str, token: &str, id: DatasetId) -> Vec<Map<String, Value>> {
    let http = reqwest::Client::new();
    let mut url = format!("{base}{}?top=10000", id.path());
    let mut rows = Vec::new();
    loop {
        let page: Value = http.get(&url).bearer_auth(token).send().await.unwrap().json().await.unwrap();
        rows.extend(page["Value"].as_array().unwrap().iter().map(|r| r.as_object().unwrap().clone()));
        match page["@nextLink"].as_str() {
            Some(next) => url = next.to_string(),
            None => return rows,
        }
    }
}
