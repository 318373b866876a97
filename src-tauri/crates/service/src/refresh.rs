//! Every data set of an account at hand at once, for Home and for scheduled refreshes: the copy
//! already on this computer, or fetched now. One data set failing (no access to referrals, say)
//! leaves the others standing and says why in its own line.

use serde::Serialize;

use crate::describe::LoadProgress;
use crate::error::ServiceError;
use crate::workspace::Workspace;
use lens_model::dataset::DatasetId;

/// How one data set came out of a refresh.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DatasetRefresh {
    pub dataset: DatasetId,
    /// Rows at hand afterwards (none when it failed and nothing was kept).
    pub rows: Option<u32>,
    /// Fetched from Partner Center now (rather than the copy already here).
    pub fetched: bool,
    pub error: Option<ServiceError>,
}

/// Where a refresh is: which data set, and its fetch's progress.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RefreshProgress {
    pub dataset: DatasetId,
    /// 1-based position among the data sets, and how many there are.
    pub step: u32,
    pub steps: u32,
    pub load: LoadProgress,
}

impl Workspace {
    /// Puts every data set of the account at hand. With `fetch_all`, each is fetched again;
    /// otherwise only those with no copy here. A cancel stops between pages and keeps the
    /// copies that were there.
    pub async fn refresh_all(
        &self,
        account_id: &str,
        fetch_all: bool,
        job: &str,
        progress: &(dyn Fn(RefreshProgress) + Send + Sync),
    ) -> Result<Vec<DatasetRefresh>, ServiceError> {
        let mut out = Vec::new();
        let steps = DatasetId::ALL.len() as u32;
        for (i, dataset) in DatasetId::ALL.into_iter().enumerate() {
            let at_hand = if fetch_all { None } else { self.table_status(account_id, dataset, None).await? };
            if let Some(r) = at_hand {
                out.push(DatasetRefresh { dataset, rows: Some(r.rows), fetched: false, error: None });
                continue;
            }
            let each = |p: crate::fetch::Progress| {
                progress(RefreshProgress { dataset, step: i as u32 + 1, steps, load: p.into() })
            };
            match self.load(account_id, dataset, None, job, &each).await {
                Ok(r) => out.push(DatasetRefresh { dataset, rows: Some(r.rows), fetched: true, error: None }),
                Err(e) if e.code == crate::error::ErrorCode::Cancelled => return Err(e),
                Err(e) => {
                    let kept = self.table_status(account_id, dataset, None).await.ok().flatten();
                    out.push(DatasetRefresh { dataset, rows: kept.map(|r| r.rows), fetched: false, error: Some(e) });
                }
            }
        }
        Ok(out)
    }
}
