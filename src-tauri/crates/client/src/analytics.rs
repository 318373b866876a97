//! Typed Analytics endpoints: raw rows or server-side groups of any data set, with a filter
//! checked against the data set before anything is sent.

use std::sync::Arc;

use lens_model::dataset::DatasetId;
use lens_model::filter::{self, Filter};
use lens_model::query::{AggLevel, AnalyticsQuery};

use crate::error::{ClientError, ErrorKind, Phase};
use crate::http::{Call, Client};
use crate::page::PageSchema;
use crate::paging::{FetchSummary, PageSink, Progress};

/// Builds a checked query: refuses fields a data set lacks and operators a field does not allow,
/// in the same words the service would use, before a request is made.
pub fn query(
    dataset: DatasetId,
    filter: Option<&Filter>,
    group_by: &[String],
    level: Option<AggLevel>,
) -> Result<AnalyticsQuery, ClientError> {
    let spec = dataset.spec();
    let mut q = AnalyticsQuery::new(dataset);
    if let Some(f) = filter {
        q.filter = Some(
            filter::check(f, spec).map_err(|e| ClientError::new(ErrorKind::BadRequest, Phase::Request, e.message))?,
        );
    }
    for g in group_by {
        let field = spec.field(g).filter(|f| f.groupable).ok_or_else(|| {
            ClientError::new(
                ErrorKind::BadRequest,
                Phase::Request,
                format!("{} cannot be grouped by \"{g}\".", spec.id.title()),
            )
        })?;
        q.group_by.push(field.name.to_string());
    }
    if level.is_some() && q.group_by.is_empty() {
        return Err(ClientError::new(
            ErrorKind::BadRequest,
            Phase::Request,
            "A period (day, week, month) needs a field to group by.",
        ));
    }
    q.level = level;
    Ok(q)
}

impl Client {
    /// Every row of the query (ungrouped) into `sink`.
    pub async fn fetch_rows(
        &self,
        q: &AnalyticsQuery,
        sink: &mut dyn PageSink,
        progress: &(dyn Fn(Progress) + Send + Sync),
        call: &Call,
    ) -> Result<FetchSummary, ClientError> {
        let schema = Arc::new(if q.group_by.is_empty() {
            PageSchema::raw(q.dataset.spec())
        } else {
            PageSchema::grouped(q.dataset.spec(), &q.group_by)
        });
        self.fetch_pages(q, schema, sink, progress, call).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_before_sending() {
        let e = query(DatasetId::Subscriptions, Some(&Filter::eq("customerName", "x")), &[], None).unwrap_err();
        assert!(e.message.contains("does not support eq"));
        let e = query(DatasetId::Subscriptions, None, &["licenseCount".into()], None).unwrap_err();
        assert!(e.message.contains("cannot be grouped"));
        let e = query(DatasetId::Subscriptions, None, &[], Some(AggLevel::Week)).unwrap_err();
        assert!(e.message.contains("needs a field"));
        let q = query(
            DatasetId::Subscriptions,
            Some(&Filter::contains("customerName", "con")),
            &["SUBSCRIPTIONTYPE".into()],
            Some(AggLevel::Month),
        )
        .unwrap();
        assert_eq!(q.group_by, vec!["subscriptionType"]);
    }
}
