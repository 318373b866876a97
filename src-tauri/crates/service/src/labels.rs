//! Names in plain words for fields, metrics and result columns: "Creation date", "Licences",
//! "Change in licences", never `sum_licenseCount`. The window, exports and chart images all take
//! their words from here.

use lens_engine::Metric;
use lens_model::dataset::DatasetId;

/// Fields whose plain name is not just their split camel case.
const FIELD_WORDS: &[(&str, &str)] = &[
    ("licenseCount", "Licences"),
    ("subscriptionCount", "Subscriptions"),
    ("indirectResellerCount", "Indirect resellers"),
    ("quantity", "Quantity"),
    ("mpnId", "MPN ID"),
    ("autoRenewEnabled", "Auto-renew"),
    ("customerTenantId", "Customer tenant ID"),
    ("partnerTenantId", "Partner tenant ID"),
    ("keywordSearchText", "Search text"),
];

/// "creationDate" → "Creation date", "customerTenantId" → "Customer tenant ID".
pub fn field_label(field: &str) -> String {
    if let Some((_, w)) = FIELD_WORDS.iter().find(|(f, _)| f.eq_ignore_ascii_case(field)) {
        return w.to_string();
    }
    // Split camel case without breaking acronyms: "ACR_USD" → ACR, USD; "PGAMpnId" → PGA, Mpn, Id.
    let chars: Vec<char> = field.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &ch) in chars.iter().enumerate() {
        if ch == '_' || ch == ' ' {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = ch.is_uppercase()
            && (prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(char::is_uppercase) && next.is_some_and(char::is_lowercase)));
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        cur.push(ch);
    }
    words.push(cur);
    let words: Vec<String> = words
        .into_iter()
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| match w.to_lowercase().as_str() {
            "id" => "ID".to_string(),
            "mpn" => "MPN".to_string(),
            // An acronym stays as it is written.
            _ if w.len() > 1 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) => w.clone(),
            l if i == 0 => {
                let mut c = l.chars();
                c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
            }
            l => l.to_string(),
        })
        .collect();
    words.join(" ")
}

/// What one row of a data set is, counted: "Subscriptions", "Usage records".
pub fn rows_noun(d: DatasetId) -> &'static str {
    match d {
        DatasetId::Subscriptions => "Subscriptions",
        DatasetId::AzureUsage => "Usage records",
        DatasetId::IndirectResellers => "Indirect resellers",
        DatasetId::Search => "Searches",
        DatasetId::Referrals => "Referrals",
    }
}

/// A metric in words. `rows` is what a count counts ("Subscriptions"; for a file, "Rows").
pub fn metric_label(m: &Metric, rows: &str) -> String {
    let lower = |f: &str| {
        let l = field_label(f);
        // Keep acronyms as they are: "Distinct MPN ID", not "Distinct mpn id".
        if l.chars().filter(|c| c.is_uppercase()).count() > 1 { l } else { l.to_lowercase() }
    };
    match m {
        Metric::Count => rows.to_string(),
        // A sum of counts reads as the thing counted: "Licences", not "Sum of licences".
        Metric::Sum(f) if FIELD_WORDS.iter().any(|(k, _)| k.eq_ignore_ascii_case(f)) => field_label(f),
        Metric::Sum(f) if lower(f).starts_with("total ") => field_label(f),
        Metric::Sum(f) => format!("Total {}", lower(f)),
        Metric::DistinctCount(f) => format!("Distinct {}", lower(f)),
        Metric::Mean(f) => format!("Average {}", lower(f)),
        Metric::Min(f) => format!("Lowest {}", lower(f)),
        Metric::Max(f) => format!("Highest {}", lower(f)),
    }
}

/// The label of a result column: a grouping field, a metric, or a change against the previous
/// period (`<metric>_change`, `<metric>_change_pct`).
pub fn column_label(name: &str, metrics: &[Metric], rows: &str) -> String {
    for m in metrics {
        let col = m.column_name();
        if name == col {
            return metric_label(m, rows);
        }
        if name == format!("{col}_change") {
            return format!("Change in {}", first_lower(&metric_label(m, rows)));
        }
        if name == format!("{col}_change_pct") {
            return format!("% change in {}", first_lower(&metric_label(m, rows)));
        }
    }
    field_label(name)
}

fn first_lower(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep "MPN ID" as it is.
        Some(f) if c.clone().next().is_some_and(|n| n.is_lowercase()) => {
            f.to_lowercase().collect::<String>() + c.as_str()
        }
        Some(f) => f.to_string() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_metrics_and_columns_read_as_words() {
        assert_eq!(field_label("creationDate"), "Creation date");
        assert_eq!(field_label("customerTenantId"), "Customer tenant ID");
        assert_eq!(field_label("id"), "ID");
        assert_eq!(field_label("subscriptionType"), "Subscription type");
        assert_eq!(field_label("ACR_USD"), "ACR USD");
        assert_eq!(field_label("PGAMpnId"), "PGA MPN ID");
        assert_eq!(field_label("ServiceLevel1"), "Service level1");
        let metrics = vec![Metric::Count, Metric::Sum("licenseCount".into()), Metric::Mean("quantity".into())];
        assert_eq!(column_label("sum_licenseCount", &metrics, "Subscriptions"), "Licences");
        assert_eq!(column_label("count", &metrics, "Subscriptions"), "Subscriptions");
        assert_eq!(column_label("count_change", &metrics, "Subscriptions"), "Change in subscriptions");
        assert_eq!(column_label("sum_licenseCount_change_pct", &metrics, "Subscriptions"), "% change in licences");
        assert_eq!(column_label("mean_quantity", &metrics, "Usage records"), "Average quantity");
        assert_eq!(column_label("meterCategory", &metrics, "Usage records"), "Meter category");
        assert_eq!(metric_label(&Metric::DistinctCount("mpnId".into()), "Searches"), "Distinct MPN ID");
        assert_eq!(metric_label(&Metric::Sum("TotalAssignedSeats".into()), "Rows"), "Total assigned seats");
    }
}
