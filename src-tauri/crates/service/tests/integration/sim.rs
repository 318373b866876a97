//! What the tests that fetch from the simulator share: a simulator with a client signed in to
//! it, and every raw row of a data set read without the client, to compare against.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use lens_client::{AccessToken, Client, ClientConfig, StaticToken};
use lens_model::dataset::DatasetId;
use lens_sim::{SimConfig, SimHandle};
use serde_json::{Map, Value};

/// A simulator of `cfg` on a free loopback port, a person's token (signed in through its pages), and
/// a client using that token.
/// The simulator stops when its handle is dropped: hold it (`_sim`) for as long as the test asks.
pub async fn signed_in(cfg: SimConfig) -> (SimHandle, String, Client) {
    let sim = lens_sim::start(cfg, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.unwrap();
    let token = sim.user_token().await.unwrap();
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

/// What stands for the system browser in a sign-in: answers the simulator's pages as `who`
/// would, then brings the answer back to the app's loopback address.
pub fn browser(who: lens_sim::browser::Person) -> impl FnOnce(&url::Url) -> Result<(), String> {
    move |url: &url::Url| {
        let url = url.to_string();
        tokio::spawn(async move {
            match lens_sim::browser::sign_in(&url, &who).await {
                Ok(lens_sim::browser::Ending::Redirect(to)) => {
                    let _ = reqwest::get(to).await;
                }
                other => panic!("the sign-in pages ended on {other:?}"),
            }
        });
        Ok(())
    }
}

/// An account of the sample organisation's administrator (every role), added and signed in
/// with the browser as a person does; its id.
pub async fn person_account(ws: &lens_service::workspace::Workspace, sim: &SimHandle, name: &str) -> String {
    person_account_as(ws, sim, name, &sim.state.config().credentials.username).await
}

/// [`person_account`], signed in as `user` of the sample organisation.
pub async fn person_account_as(
    ws: &lens_service::workspace::Workspace,
    sim: &SimHandle,
    name: &str,
    user: &str,
) -> String {
    let creds = lens_sim::Credentials::default();
    let a = ws
        .add_account(
            lens_service::account_views::NewAccount {
                name: name.into(),
                cloud: lens_service::account_views::CloudKind::Custom,
                authority_url: Some(sim.base_url.clone()),
                api_url: Some(sim.base_url.clone()),
                tenant: creds.tenant.clone(),
                client_id: creds.client_id.clone(),
                method: lens_auth::SignInMethod::Browser,
                username: None,
            },
            None,
        )
        .unwrap();
    ws.sign_in_browser(&a.id, "sign-in", browser(sim.person_named(user))).await.unwrap();
    a.id
}
