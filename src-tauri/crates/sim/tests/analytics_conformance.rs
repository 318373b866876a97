//! The Analytics API as the seeds document it: each request example answered in the documented
//! shape, and each quirk of spec section 2 reproduced.

mod common;

use std::collections::HashSet;

use common::*;
use lens_sim::SimConfig;
use serde_json::Value;

fn sim_cfg() -> SimConfig {
    SimConfig { seed: 11, subscriptions: 3000, today: Some(20_413), ..SimConfig::default() }
}

const SUBSCRIPTION_FIELDS: &[&str] = &[
    "customerTenantId",
    "customerName",
    "customerMarket",
    "id",
    "status",
    "productName",
    "subscriptionType",
    "autoRenewEnabled",
    "partnerId",
    "friendlyName",
    "creationDate",
    "effectiveStartDate",
    "commitmentEndDate",
    "currentStateEndDate",
    "trialToPaidConversionDate",
    "trialStartDate",
    "trialEndDate",
    "lastUsageDate",
    "deprovisionedDate",
    "lastRenewalDate",
    "licenseCount",
];

#[tokio::test]
async fn seed_001_all_subscriptions_in_the_documented_envelope_and_row_shape() {
    let sim = start(sim_cfg()).await;
    let t = token(&sim).await;
    let (status, v) = get(&sim, &t, "/partner/v1/analytics/subscriptions").await;
    assert_eq!(status, 200);
    let obj = v.as_object().unwrap();
    assert!(obj.contains_key("Value") && obj.contains_key("@nextLink") && obj.contains_key("TotalCount"));
    assert_eq!(v["TotalCount"], 3000);
    // Default and maximum page: 10000 rows, so all 3000 come at once and there is no next page.
    assert_eq!(v["Value"].as_array().unwrap().len(), 3000);
    assert!(v["@nextLink"].is_null());
    let row = &v["Value"][0];
    for f in SUBSCRIPTION_FIELDS {
        assert!(row.get(f).is_some(), "{f} missing");
    }
    assert!(row["licenseCount"].is_i64(), "ungrouped rows carry numbers");
    assert!(row["autoRenewEnabled"].is_boolean());
}

#[tokio::test]
async fn seed_001_filter_by_search_query_url_encoded() {
    let sim = start(sim_cfg()).await;
    let t = token(&sim).await;
    let (status, v) = get(&sim, &t, "/partner/v1/analytics/subscriptions?filter=status%20eq%20%27ACTIVE%27").await;
    assert_eq!(status, 200);
    let rows = v["Value"].as_array().unwrap();
    assert!(!rows.is_empty() && rows.len() < 3000);
    assert!(rows.iter().all(|r| r["status"] == "ACTIVE"));
    assert_eq!(v["TotalCount"].as_u64().unwrap() as usize, rows.len());
}

#[tokio::test]
async fn seed_002_group_by_subscription_type_answers_strings() {
    let sim = start(sim_cfg()).await;
    let t = token(&sim).await;
    let (status, v) = get(&sim, &t, "/partner/v1/analytics/subscriptions?groupBy=subscriptionType").await;
    assert_eq!(status, 200);
    let rows = v["Value"].as_array().unwrap();
    assert_eq!(v["TotalCount"].as_u64().unwrap() as usize, rows.len());
    let mut sum = 0u64;
    for r in rows {
        let keys: HashSet<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            HashSet::from(["subscriptionType", "subscriptionCount", "licenseCount"]),
            "only grouping fields and counts"
        );
        assert!(r["subscriptionCount"].is_string() && r["licenseCount"].is_string(), "counts are strings: {r}");
        sum += r["subscriptionCount"].as_str().unwrap().parse::<u64>().unwrap();
    }
    assert_eq!(sum, 3000);
    let types: Vec<&str> = rows.iter().map(|r| r["subscriptionType"].as_str().unwrap()).collect();
    let mut sorted = types.clone();
    sorted.sort();
    assert_eq!(types, sorted, "groups come sorted as in the seed's example");
    for odd in ["M365", "UNKNOWN", "Windows"] {
        assert!(types.contains(&odd), "values outside the enum occur: {odd}");
    }
}

#[tokio::test]
async fn seed_001_group_by_dates_with_aggregation_level_and_its_alias() {
    let sim = start(sim_cfg()).await;
    let t = token(&sim).await;
    for (param, level) in
        [("aggregationLevel", "week"), ("aggLevel", "week"), ("aggregationLevel", "month"), ("aggregationLevel", "day")]
    {
        let (rows, _) = all_rows(
            &sim,
            &t,
            &format!("/partner/v1/analytics/subscriptions?groupby=creationDate,subscriptionType&{param}={level}"),
        )
        .await;
        let mut total = 0;
        for r in &rows {
            let d = chrono::NaiveDate::parse_from_str(&r["creationDate"].as_str().unwrap()[..10], "%Y-%m-%d").unwrap();
            match level {
                "week" => assert_eq!(chrono::Datelike::weekday(&d), chrono::Weekday::Mon),
                "month" => assert_eq!(chrono::Datelike::day(&d), 1),
                _ => {}
            }
            assert!(r["creationDate"].as_str().unwrap().ends_with("T00:00:00"));
            total += r["subscriptionCount"].as_str().unwrap().parse::<u64>().unwrap();
        }
        assert_eq!(total, 3000, "{param}={level}");
    }
}

#[tokio::test]
async fn paging_with_top_skip_and_next_link_gives_every_row_once() {
    let sim = start(sim_cfg()).await;
    let t = token(&sim).await;
    let (rows, total) = all_rows(&sim, &t, "/partner/v1/analytics/subscriptions?top=700").await;
    assert_eq!(total, 3000);
    assert_eq!(rows.len(), 3000);
    let ids: HashSet<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 3000, "no duplicates");
    let (_, v) = get(&sim, &t, "/partner/v1/analytics/subscriptions?top=700&skip=2800").await;
    assert_eq!(v["Value"].as_array().unwrap().len(), 200);
    assert!(v["@nextLink"].is_null());
}

#[tokio::test]
async fn refusals_use_the_documented_error_body() {
    let sim = start(sim_cfg()).await;
    let t = token(&sim).await;
    for (query, want) in [
        ("top=10001", "between 1 and 10000"),
        ("filter=customerName%20eq%20%27x%27", "does not support eq"),
        ("filter=partnerName%20eq%20%27x%27", "cannot be used in a filter"),
        ("filter=status%20eq%20ACTIVE", "single quotes"),
        ("groupby=licenseCount", "cannot be grouped"),
        ("groupby=status&aggregationLevel=hour", "day, week, month"),
        ("orderby=status%20asc", "cannot be ordered"),
    ] {
        let (status, v) = get(&sim, &t, &format!("/partner/v1/analytics/subscriptions?{query}")).await;
        assert_eq!(status, 400, "{query}");
        for key in ["code", "description", "data", "source"] {
            assert!(v.get(key).is_some(), "{query}: {key} missing in {v}");
        }
        assert!(v["description"].as_str().unwrap().contains(want), "{query}: {v}");
    }
    // Issue 12, found by trying: one request with 2,000 nested parentheses ended the simulator
    // (and, in demo mode, the app it runs in) with a stack overflow.
    let deep = format!("{}status%20eq%20%27ACTIVE%27{}", "(".repeat(1900), ")".repeat(1900));
    let (status, v) = get(&sim, &t, &format!("/partner/v1/analytics/subscriptions?filter={deep}")).await;
    assert_eq!(status, 400, "{v}");
    assert!(v["description"].as_str().unwrap().contains("too deeply"), "{v}");
    let (status, _) = get(&sim, &t, "/partner/v1/analytics/subscriptions?top=1").await;
    assert_eq!(status, 200, "still serving");
}

#[tokio::test]
async fn filters_with_contains_dates_cast_booleans_and_parentheses() {
    let sim = start(sim_cfg()).await;
    let t = token(&sim).await;
    let cases = [
        "contains(customerName,'contoso')",
        "creationDate ge cast('2025-01-01', Edm.DateTimeOffset) and creationDate lt '2025-07-01'",
        "(subscriptionType eq 'Office' or subscriptionType eq 'Azure') and autoRenewEnabled eq true",
        "deprovisionedDate ne null",
    ];
    let (all, _) = all_rows(&sim, &t, "/partner/v1/analytics/subscriptions").await;
    for f in cases {
        let (rows, total) = all_rows(&sim, &t, &format!("/partner/v1/analytics/subscriptions?filter={}", enc(f))).await;
        assert_eq!(rows.len() as u64, total);
        assert!(!rows.is_empty() && rows.len() < all.len(), "{f}: {} of {}", rows.len(), all.len());
        for r in &rows {
            let ok = match f {
                _ if f.starts_with("contains") => {
                    r["customerName"].as_str().unwrap().to_lowercase().contains("contoso")
                }
                _ if f.starts_with("creationDate") => {
                    let d = &r["creationDate"].as_str().unwrap()[..10];
                    ("2025-01-01".."2025-07-01").contains(&d)
                }
                _ if f.starts_with('(') => {
                    ["Office", "Azure"].contains(&r["subscriptionType"].as_str().unwrap())
                        && r["autoRenewEnabled"] == true
                }
                _ => !r["deprovisionedDate"].is_null(),
            };
            assert!(ok, "{f}: {r}");
        }
    }
}

#[tokio::test]
async fn date_quirks_every_documented_form_and_the_year_one_marker() {
    let sim = start(sim_cfg()).await;
    let t = token(&sim).await;
    let (subs, _) = all_rows(&sim, &t, "/partner/v1/analytics/subscriptions").await;
    let forms = [
        ("millis", regex_like(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$")),
        ("seven digits", regex_like(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$")),
        ("seconds", regex_like(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")),
        ("date only", regex_like(r"^\d{4}-\d\d-\d\d$")),
        ("offset", regex_like(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")),
        ("zulu", regex_like(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")),
    ];
    let dates: Vec<&str> = subs
        .iter()
        .flat_map(|r| {
            r.as_object().unwrap().iter().filter(|(k, _)| k.ends_with("Date")).filter_map(|(_, v)| v.as_str())
        })
        .collect();
    for (name, test) in &forms {
        assert!(dates.iter().any(|d| test(d)), "no date in the {name} form");
    }
    assert!(subs.iter().any(|r| r["trialEndDate"].is_null()), "null dates occur");
    assert!(subs.iter().any(|r| r.get("billingFrequency").is_some()), "an undocumented field occurs");
    let (resellers, _) = all_rows(&sim, &t, "/partner/v1/analytics/indirectresellers").await;
    assert!(resellers.iter().any(|r| r["firstSubscriptionEndDate"] == "0001-01-01T00:00:00"));
    assert!(resellers.iter().all(|r| r["subscriptionCount"].is_f64()), "counts are doubles");
    let (search, _) = all_rows(&sim, &t, "/partner/v1/analytics/search").await;
    assert!(search.iter().any(|r| r["mpnId"].is_number()), "mpnId arrives as a number");
    assert!(search.iter().any(|r| r["mpnId"].is_string()));
}

/// A tiny matcher for the shapes above (digits and literal characters), to avoid a regex
/// dependency for six patterns.
fn regex_like(pattern: &'static str) -> impl Fn(&str) -> bool {
    let inner = pattern.trim_start_matches('^').trim_end_matches('$');
    let mut parts: Vec<(bool, String, usize)> = Vec::new();
    let chars: Vec<char> = inner.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' && chars[i + 1] == 'd' {
            let mut n = 1;
            i += 2;
            if i < chars.len() && chars[i] == '{' {
                let end = chars[i..].iter().position(|&c| c == '}').unwrap() + i;
                n = chars[i + 1..end].iter().collect::<String>().parse().unwrap();
                i = end + 1;
            }
            parts.push((true, String::new(), n));
        } else if chars[i] == '\\' {
            parts.push((false, chars[i + 1].to_string(), 1));
            i += 2;
        } else {
            parts.push((false, chars[i].to_string(), 1));
            i += 1;
        }
    }
    move |s: &str| {
        let mut it = s.chars().peekable();
        for (digit, lit, n) in &parts {
            for _ in 0..*n {
                match it.next() {
                    Some(c) if *digit && c.is_ascii_digit() => {}
                    Some(c) if !*digit && lit.starts_with(c) => {}
                    _ => return false,
                }
            }
        }
        it.next().is_none()
    }
}

#[tokio::test]
async fn every_data_set_is_served_at_its_path() {
    let sim = start(sim_cfg()).await;
    let t = token(&sim).await;
    for path in ["subscriptions", "usage/azure", "indirectresellers", "search", "referrals"] {
        let (status, v) = get(&sim, &t, &format!("/partner/v1/analytics/{path}?top=5")).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(v["Value"].as_array().unwrap().len(), 5);
        assert!(v["TotalCount"].as_u64().unwrap() > 5);
    }
    let (_, v) = get(&sim, &t, "/partner/v1/analytics/search?groupby=keywordProduct").await;
    let keys: HashSet<&str> = v["Value"][0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        HashSet::from(["keywordProduct", "searchResultPageViews", "contactClicks", "referralCount", "profileViews"])
    );
}

#[tokio::test]
async fn orderby_on_usage_sorts_and_pages_stay_stable() {
    let sim = start(sim_cfg()).await;
    let t = token(&sim).await;
    let (rows, _) = all_rows(&sim, &t, "/partner/v1/analytics/usage/azure?orderby=quantity%20desc&top=2000").await;
    let q: Vec<f64> = rows.iter().map(|r| r["quantity"].as_f64().unwrap()).collect();
    assert!(q.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(q.len(), 9000);
}

#[tokio::test]
async fn tokens_are_checked_bearer_or_user_ticket() {
    let sim = start(sim_cfg()).await;
    let t = token(&sim).await;
    let url = format!("{}/partner/v1/analytics/subscriptions?top=1", sim.base_url);
    let r = client().get(&url).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().get("www-authenticate").is_some());
    let r = client().get(&url).bearer_auth("sim-at.forged").send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = client().get(&url).header("X-AadUserTicket", &t).send().await.unwrap();
    assert_eq!(r.status(), 200);
    // An hour later the token has expired.
    client()
        .post(format!("{}/_sim/clock/advance", sim.base_url))
        .json(&serde_json::json!({"seconds": 3600}))
        .send()
        .await
        .unwrap();
    let r = client().get(&url).bearer_auth(&t).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let v: Value = r.json().await.unwrap();
    assert!(v["description"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn request_ids_are_echoed_and_recorded() {
    let sim = start(sim_cfg()).await;
    let t = token(&sim).await;
    let r = client()
        .get(format!("{}/partner/v1/analytics/referrals?top=1", sim.base_url))
        .bearer_auth(&t)
        .header("MS-RequestId", "ca7c39f7-1a80-43bc-90d8-ee7d1cad3123")
        .header("MS-CorrelationId", "ec8f62e5-1d92-47e9-8d5d-1924af105123")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["ms-requestid"], "ca7c39f7-1a80-43bc-90d8-ee7d1cad3123");
    assert_eq!(r.headers()["ms-correlationid"], "ec8f62e5-1d92-47e9-8d5d-1924af105123");
    let log: Value =
        client().get(format!("{}/_sim/requests", sim.base_url)).send().await.unwrap().json().await.unwrap();
    let last = log.as_array().unwrap().iter().rev().find(|e| e["path"] == "/partner/v1/analytics/referrals").unwrap();
    assert_eq!(last["requestId"], "ca7c39f7-1a80-43bc-90d8-ee7d1cad3123");
    assert_eq!(last["status"], 200);
}

#[tokio::test]
async fn admin_endpoints_are_absent_unless_asked_for() {
    let sim = lens_sim::start(sim_cfg(), "127.0.0.1:0".parse().unwrap()).await.unwrap();
    let r = client().get(format!("{}/_sim/requests", sim.base_url)).send().await.unwrap();
    assert_eq!(r.status(), 404);
}
