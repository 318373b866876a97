//! A fetch of many pages keeps the service's order: each page becomes a piece of the table on one
//! of polars' worker threads (lens_service::fetch), and the pieces must still be stacked in page
//! order.

use lens_client::Call;
use lens_model::dataset::DatasetId;
use lens_service::fetch_table;
use lens_sim::SimConfig;

use crate::sim::{served, signed_in};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_made_into_a_table_on_many_threads_keep_their_order() {
    // 25,000 subscriptions: three pages of 10,000 rows.
    let (sim, token, client) = signed_in(SimConfig { seed: 5, subscriptions: 25_000, ..SimConfig::default() }).await;

    // The ids in the order the service's pages carry them, read here without the client.
    let served: Vec<String> = served(&sim.base_url, &token, DatasetId::Subscriptions)
        .await
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(served.len(), 25_000);

    let (table, report) =
        fetch_table(&client, DatasetId::Subscriptions, None, &|_| {}, &Call::default()).await.unwrap();
    assert_eq!(report.pages, 3);
    let fetched: Vec<&str> = table.df.column("id").unwrap().str().unwrap().iter().map(|v| v.unwrap()).collect();
    assert_eq!(fetched.len(), served.len());
    let first_wrong = fetched.iter().zip(&served).position(|(a, b)| a != b);
    assert_eq!(first_wrong, None, "the table's rows are not in the service's order");
}
