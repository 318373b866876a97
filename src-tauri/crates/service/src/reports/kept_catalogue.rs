//! The account's Insights catalogue, read from Partner Center (`ScheduledDataset`, and the
//! system queries of `ScheduledQueries`) and kept in the database with the time it was read:
//! read again when a day old or when the person asks, and shown from the copy kept, with its
//! date, when Partner Center cannot be asked. The builder checks queries against the copy kept,
//! so checking costs no request.

use lens_client::Call;
use lens_model::insights::Catalogue;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::catalogue::{CatalogueView, card, system_report};
use crate::error::ServiceError;
use crate::store::Store;
use crate::workspace::Workspace;

/// A catalogue older than this is read again.
pub const FRESH_SECS: i64 = 86_400;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct KeptQuery {
    pub id: String,
    pub name: String,
    pub description: String,
    pub query: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Kept {
    pub catalogue: Catalogue,
    pub system: Vec<KeptQuery>,
    /// Seconds since 1970.
    pub read_at: i64,
}

impl Store {
    pub fn keep_catalogue(&self, account: &str, k: &Kept) -> Result<(), ServiceError> {
        let json = serde_json::to_string(k).map_err(ServiceError::internal)?;
        self.with(|c| {
            c.execute(
                "INSERT OR REPLACE INTO insights_catalogues (account, json, read_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![account, json, k.read_at],
            )
        })?;
        Ok(())
    }

    pub fn kept_catalogue(&self, account: &str) -> Result<Option<Kept>, ServiceError> {
        let json: Option<String> = self.with(|c| {
            c.query_row("SELECT json FROM insights_catalogues WHERE account = ?1", [account], |r| r.get(0)).optional()
        })?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }
}

fn view(k: &Kept, stale: Option<String>) -> CatalogueView {
    CatalogueView {
        datasets: k.catalogue.datasets.iter().map(card).collect(),
        reports: k.system.iter().map(|q| system_report(&q.id, &q.name, &q.query, &k.catalogue)).collect(),
        read_at: k.read_at,
        stale,
    }
}

impl Workspace {
    /// Reads the account's catalogue from Partner Center and keeps it.
    async fn read_catalogue(&self, account: &str, now: i64) -> Result<Kept, ServiceError> {
        let client = self.client(account).await?;
        let call = Call::default();
        let sets = client.insights_datasets(None, &call).await?;
        let queries = client.list_queries(true, &call).await?;
        let kept = Kept {
            catalogue: crate::insights::catalogue_of(sets),
            system: queries
                .into_iter()
                .filter(|q| q.kind.as_deref().is_some_and(|k| k.eq_ignore_ascii_case("system")))
                .map(|q| KeptQuery {
                    id: q.query_id,
                    name: q.name,
                    description: q.description.unwrap_or_default(),
                    query: q.query,
                })
                .collect(),
            read_at: now,
        };
        self.store().keep_catalogue(account, &kept)?;
        Ok(kept)
    }

    /// The account's catalogue: read again when a day old or when `refresh`; the copy kept,
    /// said to be one, when Partner Center cannot be asked.
    pub async fn insights_catalogue(
        &self,
        account: &str,
        refresh: bool,
        now: i64,
    ) -> Result<CatalogueView, ServiceError> {
        let kept = self.store().kept_catalogue(account)?;
        if let Some(k) = &kept
            && !refresh
            && now - k.read_at < FRESH_SECS
        {
            return Ok(view(k, None));
        }
        match self.read_catalogue(account, now).await {
            Ok(k) => Ok(view(&k, None)),
            Err(e) => match kept {
                Some(k) => {
                    tracing::info!("the Insights catalogue could not be read again: {}", e.message);
                    Ok(view(
                        &k,
                        Some(format!(
                            "Partner Center could not be asked just now, so this is the list as last read. {}",
                            e.message
                        )),
                    ))
                }
                None => Err(e),
            },
        }
    }

    /// The catalogue as last read, for checking a query without asking Partner Center (empty
    /// when it was never read: then every name is Partner Center's to judge).
    pub fn kept_catalogue(&self, account: &str) -> Catalogue {
        self.store().kept_catalogue(account).ok().flatten().map(|k| k.catalogue).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lens_model::insights::CatalogueDataset;

    #[test]
    fn kept_with_the_time_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.kept_catalogue("eu").unwrap(), None);
        let k = Kept {
            catalogue: Catalogue {
                datasets: vec![CatalogueDataset {
                    name: "Futures".into(),
                    columns: vec!["A".into()],
                    metrics: vec![],
                    date_ranges: vec![],
                    minimum_recurrence: None,
                }],
            },
            system: vec![],
            read_at: 42,
        };
        store.keep_catalogue("eu", &k).unwrap();
        assert_eq!(Store::open(dir.path()).unwrap().kept_catalogue("eu").unwrap(), Some(k));
    }
}
