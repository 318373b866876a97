//! A fetch of many pages keeps the service's order: each page becomes a piece of the table on a
//! thread of its own (lens_service::fetch), and the pieces must still be stacked in page order.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use lens_client::{AccessToken, Call, Client, ClientConfig, StaticToken};
use lens_model::dataset::DatasetId;
use lens_service::fetch_table;
use lens_sim::SimConfig;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_made_into_a_table_on_many_threads_keep_their_order() {
    // 25,000 subscriptions: three pages of 10,000 rows.
    let cfg = SimConfig { seed: 5, subscriptions: 25_000, ..SimConfig::default() };
    let sim = lens_sim::start(cfg, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.unwrap();
    let token = sim.app_token().await.unwrap();
    let client = Client::new(
        ClientConfig::new(sim.base_url.parse().unwrap()),
        Arc::new(StaticToken(AccessToken::bearer(token.clone()))),
    )
    .unwrap();

    // The ids in the order the service's pages carry them, read here without the client.
    let http = reqwest::Client::new();
    let mut url = format!("{}{}?top=10000", sim.base_url, DatasetId::Subscriptions.path());
    let (mut served, mut pages) = (Vec::new(), 0);
    loop {
        let page: Value = http.get(&url).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
        pages += 1;
        served.extend(page["Value"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()));
        match page["@nextLink"].as_str() {
            Some(next) => url = next.to_string(),
            None => break,
        }
    }
    assert_eq!((pages, served.len()), (3, 25_000));

    let (table, report) =
        fetch_table(&client, DatasetId::Subscriptions, None, &|_| {}, &Call::default()).await.unwrap();
    assert_eq!(report.pages, 3);
    let fetched: Vec<&str> = table.df.column("id").unwrap().str().unwrap().iter().map(|v| v.unwrap()).collect();
    assert_eq!(fetched.len(), served.len());
    let first_wrong = fetched.iter().zip(&served).position(|(a, b)| a != b);
    assert_eq!(first_wrong, None, "the table's rows are not in the service's order");
}
