//! What an account can read, tried against the service rather than guessed: each Analytics data
//! set (one row each), Insights (its catalogue), and revenue (a try of a revenue column, whose
//! answer says whether the service hid it). Kept with the account's sign-in and said in plain
//! words, with what to do about what it cannot read (docs/partner-center-api.md, section 5).

use lens_client::insights::QueryRef;
use lens_client::{Call, Client, ClientError, ErrorKind};
use lens_model::dataset::DatasetId;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::ServiceError;
use crate::store::Store;

/// Why Analytics cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Refusal {
    /// The organisation is an indirect reseller: Analytics is not offered to it.
    Reseller,
    /// The person has no role that reads it.
    NoRole,
    /// The account signs in as an app, which these APIs do not accept.
    AppOnly,
    /// The cloud does not offer it.
    NotOffered,
    /// The service could not be asked (offline, a fault): unknown.
    NotChecked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AccountAccess {
    /// The Analytics data sets that answered.
    pub readable: Vec<DatasetId>,
    /// Those that did not, and why (the first refusal's).
    pub analytics_refused: Option<Refusal>,
    /// Insights reports: `None` when readable.
    pub insights_refused: Option<Refusal>,
    /// Whether revenue is hidden from this person; `None` when it could not be told.
    pub revenue_hidden: Option<bool>,
    /// Seconds since 1970.
    pub checked_at: i64,
}

/// One line of "what this account can see": whether it is good news, and the words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AccessLine {
    pub ok: bool,
    pub text: String,
}

fn refusal(e: &ClientError) -> Refusal {
    match e.kind {
        ErrorKind::Forbidden if e.message.to_ascii_lowercase().contains("indirect reseller") => Refusal::Reseller,
        ErrorKind::Forbidden if e.message.contains("a person's sign-in only") => Refusal::AppOnly,
        ErrorKind::Forbidden => Refusal::NoRole,
        _ => Refusal::NotChecked,
    }
}

/// A data set inside a sentence ("Reads subscriptions and Azure usage").
fn in_sentence(id: DatasetId) -> &'static str {
    match id {
        DatasetId::Subscriptions => "subscriptions",
        DatasetId::AzureUsage => "Azure usage",
        DatasetId::IndirectResellers => "indirect resellers",
        DatasetId::Search => "search",
        DatasetId::Referrals => "referrals",
    }
}

fn dataset_list(ids: &[DatasetId]) -> String {
    let names: Vec<String> = ids.iter().map(|d| in_sentence(*d).to_string()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl AccountAccess {
    /// Tries each thing the account might read. `referrals` and `insights` say whether the
    /// cloud offers them at all.
    pub async fn probe(client: &Client, referrals: bool, insights: bool, now: i64) -> AccountAccess {
        let call = Call::default();
        let mut readable = Vec::new();
        let mut analytics_refused = None;
        for id in DatasetId::ALL {
            if id == DatasetId::Referrals && !referrals {
                continue;
            }
            match client.first_row(id, &call).await {
                Ok(()) => readable.push(id),
                Err(e) => {
                    analytics_refused.get_or_insert(refusal(&e));
                }
            }
        }
        let (insights_refused, revenue_hidden) = if !insights {
            (Some(Refusal::NotOffered), None)
        } else {
            match client.insights_datasets(None, &call).await {
                Err(e) => (Some(refusal(&e)), None),
                Ok(sets) => {
                    // A data set whose catalogue lists a revenue column: trying it shows
                    // whether the service hides revenue from this person.
                    let probe = sets.iter().find_map(|d| {
                        let revenue =
                            d.selectable_columns.iter().find(|c| c.to_ascii_lowercase().contains("revenue"))?;
                        let other = d.selectable_columns.iter().find(|c| *c != revenue)?;
                        Some(format!("SELECT {other}, {revenue} FROM {} LIMIT 1", d.dataset_name))
                    });
                    let hidden = match probe {
                        Some(q) => {
                            client.try_query_redacted(QueryRef::Text(&q), None, &call).await.ok().map(|t| t.redacted)
                        }
                        None => None,
                    };
                    (None, hidden)
                }
            }
        };
        AccountAccess { readable, analytics_refused, insights_refused, revenue_hidden, checked_at: now }
    }

    /// What the account can and cannot see, in sentences, each with what to do.
    pub fn lines(&self) -> Vec<AccessLine> {
        let mut out = Vec::new();
        let missing: Vec<DatasetId> = DatasetId::ALL.into_iter().filter(|d| !self.readable.contains(d)).collect();
        if !self.readable.is_empty() {
            out.push(AccessLine {
                ok: true,
                text: if missing.is_empty() || self.analytics_refused == Some(Refusal::NotOffered) {
                    "Reads all of Partner Center's analytics.".to_string()
                } else {
                    format!("Reads {}.", dataset_list(&self.readable))
                },
            });
        }
        match self.analytics_refused {
            Some(Refusal::Reseller) => out.push(AccessLine {
                ok: false,
                text: "This organisation is an indirect reseller: Partner Center offers analytics to direct-bill partners and indirect providers.".into(),
            }),
            Some(Refusal::NoRole) => out.push(AccessLine {
                ok: false,
                text: if self.readable.is_empty() {
                    "Cannot read analytics: ask your Partner Center admin for a role that reads them.".into()
                } else {
                    format!("Cannot read {}: ask your Partner Center admin for a role that reads them.", dataset_list(&missing))
                },
            }),
            Some(Refusal::AppOnly) => out.push(AccessLine {
                ok: false,
                text: "Cannot read analytics: Partner Center accepts a person's sign-in only, not an app's alone.".into(),
            }),
            Some(Refusal::NotChecked) => out.push(AccessLine {
                ok: false,
                text: "Partner Center could not be asked what this account can read. Check again later.".into(),
            }),
            Some(Refusal::NotOffered) | None => {}
        }
        match self.insights_refused {
            None => out.push(AccessLine { ok: true, text: "Reads Partner Center reports (Insights).".into() }),
            Some(Refusal::NoRole) => out.push(AccessLine {
                ok: false,
                text: "Cannot read Partner Center reports: ask your Partner Center admin for the Report viewer or Executive report viewer role.".into(),
            }),
            Some(Refusal::AppOnly) => out.push(AccessLine {
                ok: false,
                text: "Cannot read Partner Center reports: they need a person's sign-in.".into(),
            }),
            Some(Refusal::NotOffered) => out.push(AccessLine {
                ok: false,
                text: "Partner Center reports (Insights) are not offered in this cloud.".into(),
            }),
            Some(Refusal::Reseller | Refusal::NotChecked) => {}
        }
        match self.revenue_hidden {
            Some(true) => out.push(AccessLine {
                ok: false,
                text: "Revenue is hidden: ask your Partner Center admin for the Executive report viewer role.".into(),
            }),
            Some(false) => out.push(AccessLine { ok: true, text: "Sees revenue.".into() }),
            None => {}
        }
        out
    }
}

impl Store {
    pub fn set_access(&self, account: &str, access: &AccountAccess) -> Result<(), ServiceError> {
        let json = serde_json::to_string(access).map_err(ServiceError::internal)?;
        self.with(|c| {
            c.execute("INSERT OR IGNORE INTO sign_ins (account) VALUES (?1)", [account])?;
            c.execute("UPDATE sign_ins SET access = ?2 WHERE account = ?1", [account, json.as_str()])
        })?;
        Ok(())
    }

    pub fn access(&self, account: &str) -> Result<Option<AccountAccess>, ServiceError> {
        let json: Option<Option<String>> = self.with(|c| {
            c.query_row("SELECT access FROM sign_ins WHERE account = ?1", [account], |r| r.get(0)).optional()
        })?;
        Ok(json.flatten().and_then(|j| serde_json::from_str(&j).ok()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(readable: &[DatasetId], a: Option<Refusal>, i: Option<Refusal>, r: Option<bool>) -> AccountAccess {
        AccountAccess {
            readable: readable.to_vec(),
            analytics_refused: a,
            insights_refused: i,
            revenue_hidden: r,
            checked_at: 0,
        }
    }

    #[test]
    fn each_case_reads_as_a_sentence_with_what_to_do() {
        let all = access(&DatasetId::ALL, None, None, Some(false));
        let texts: Vec<String> = all.lines().into_iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            ["Reads all of Partner Center's analytics.", "Reads Partner Center reports (Insights).", "Sees revenue."]
        );
        let reseller = access(&[], Some(Refusal::Reseller), None, Some(false));
        assert!(reseller.lines()[0].text.starts_with("This organisation is an indirect reseller"));
        assert!(!reseller.lines()[0].ok);
        let viewer = access(&DatasetId::ALL, None, None, Some(true));
        assert_eq!(
            viewer.lines()[2].text,
            "Revenue is hidden: ask your Partner Center admin for the Executive report viewer role."
        );
        let some = access(
            &[DatasetId::Subscriptions, DatasetId::AzureUsage],
            Some(Refusal::NoRole),
            Some(Refusal::NoRole),
            None,
        );
        let texts: Vec<String> = some.lines().into_iter().map(|l| l.text).collect();
        assert_eq!(texts[0], "Reads subscriptions and Azure usage.");
        assert!(texts[1].starts_with("Cannot read indirect resellers, search and referrals"), "{texts:?}");
        assert!(texts[2].contains("Report viewer"));
    }

    #[test]
    fn kept_with_the_sign_in() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.access("eu").unwrap(), None);
        let a = access(&[DatasetId::Search], Some(Refusal::NoRole), None, Some(true));
        store.set_access("eu", &a).unwrap();
        assert_eq!(Store::open(dir.path()).unwrap().access("eu").unwrap(), Some(a));
    }
}
