//! Home on fixed tables: the exact headline sentences, highlights and renewal radar rows, so a
//! change in the words or the arithmetic shows here.

use chrono::NaiveDate;
use lens_model::dataset::DatasetId;
use lens_model::dates::ymd;
use lens_service::home::specs::Noun;
use lens_service::home::words::{Direction, MoveWords, sentence};
use lens_service::home::{HomeInput, MoveKind, summary};
use polars::prelude::*;

fn dt(v: Vec<Option<i64>>, name: &str) -> Column {
    Series::new(name.into(), v).cast(&DataType::Datetime(TimeUnit::Microseconds, None)).unwrap().into_column()
}

fn d(y: i64, m: i64, day: i64) -> Option<i64> {
    Some(ymd(y, m, day))
}

struct Sub {
    created: Option<i64>,
    kind: &'static str,
    customer: &'static str,
    status: &'static str,
    auto_renew: bool,
    end: Option<i64>,
    licences: i64,
}

fn subscriptions(rows: &[Sub]) -> DataFrame {
    let n = rows.len();
    DataFrame::new(
        n,
        vec![
            Column::new("id".into(), (0..n).map(|i| format!("s{i}")).collect::<Vec<_>>()),
            dt(rows.iter().map(|r| r.created).collect(), "creationDate"),
            Column::new("subscriptionType".into(), rows.iter().map(|r| r.kind).collect::<Vec<_>>()),
            // One market and one product a row: too few rows each to be a mover.
            Column::new("customerMarket".into(), (0..n).map(|i| format!("M{i}")).collect::<Vec<_>>()),
            Column::new("productName".into(), (0..n).map(|i| format!("P{i}")).collect::<Vec<_>>()),
            Column::new("customerName".into(), rows.iter().map(|r| r.customer).collect::<Vec<_>>()),
            Column::new("status".into(), rows.iter().map(|r| r.status).collect::<Vec<_>>()),
            Column::new("autoRenewEnabled".into(), rows.iter().map(|r| r.auto_renew).collect::<Vec<_>>()),
            dt(rows.iter().map(|r| r.end).collect(), "commitmentEndDate"),
            dt(vec![None; n], "deprovisionedDate"),
            Column::new("licenseCount".into(), rows.iter().map(|r| r.licences).collect::<Vec<_>>()),
        ],
    )
    .unwrap()
}

fn sub(created: Option<i64>, kind: &'static str, customer: &'static str) -> Sub {
    Sub { created, kind, customer, status: "ACTIVE", auto_renew: true, end: None, licences: 1 }
}

fn usage(rows: &[(Option<i64>, &str, &str, i64)]) -> DataFrame {
    DataFrame::new(
        rows.len(),
        vec![
            dt(rows.iter().map(|r| r.0).collect(), "usageDate"),
            Column::new("resourceLocation".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
            Column::new("meterCategory".into(), vec!["Storage"; rows.len()]),
            Column::new("customerName".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
            Column::new("quantity".into(), rows.iter().map(|r| r.3).collect::<Vec<_>>()),
        ],
    )
    .unwrap()
}

fn fixtures() -> (DataFrame, DataFrame) {
    let (oct, nov) = (d(2026, 10, 12), d(2026, 11, 12));
    let mut rows = Vec::new();
    rows.extend((0..10).map(|_| sub(oct, "Office", "Contoso")));
    rows.extend((0..5).map(|_| sub(oct, "Azure", "Litware")));
    rows.extend((0..6).map(|_| sub(nov, "Office", "Contoso")));
    rows.extend((0..4).map(|_| sub(nov, "Windows", "Fabrikam")));
    // The renewal radar (created long before, so they move nothing).
    let old = d(2025, 3, 1);
    let ending = |customer, end, auto_renew, licences| Sub {
        created: old,
        kind: "Dynamics",
        customer,
        status: "ACTIVE",
        auto_renew,
        end,
        licences,
    };
    rows.push(ending("Fabrikam", d(2026, 12, 20), false, 5));
    rows.push(ending("Fabrikam", d(2027, 1, 25), false, 3));
    rows.push(ending("Contoso", d(2027, 2, 20), false, 7));
    rows.push(ending("Contoso", d(2026, 12, 15), true, 9));
    rows.push(ending("Litware", d(2027, 6, 1), false, 2));
    rows.push(Sub { status: "SUSPENDED", ..ending("Litware", None, true, 4) });
    let u = usage(&[
        (d(2026, 10, 3), "westeurope", "Fabrikam", 60),
        (d(2026, 10, 4), "westeurope", "Contoso", 40),
        (d(2026, 11, 3), "westeurope", "Fabrikam", 95),
        (d(2026, 11, 4), "westeurope", "Contoso", 47),
        (d(2026, 10, 5), "northeurope", "Contoso", 50),
        (d(2026, 11, 5), "northeurope", "Contoso", 40),
    ]);
    (subscriptions(&rows), u)
}

#[test]
fn tiles_highlights_and_the_renewal_radar_in_exact_words() {
    let (subs, usage) = fixtures();
    let input = HomeInput {
        tables: vec![(DatasetId::Subscriptions, &subs), (DatasetId::AzureUsage, &usage)],
        ..HomeInput::default()
    };
    let today = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    let h = summary(&input, today).unwrap();
    assert_eq!(h.period, "November 2026");
    let tiles: Vec<(String, f64, String)> =
        h.tiles.iter().map(|t| (t.title.clone(), t.value, t.detail.clone())).collect();
    assert_eq!(
        tiles,
        [
            ("Active subscriptions".to_string(), 31.0, "at the end of November, up 48% on October".to_string()),
            ("Azure usage".to_string(), 182.0, "in November, up 21% on October".to_string()),
        ]
    );
    let sentences: Vec<&str> = h.highlights.iter().map(|x| x.sentence.as_str()).collect();
    assert_eq!(
        sentences,
        [
            "New subscriptions of type Azure stopped in November: 5 subscriptions in October, none in November.",
            "New subscriptions of type Office fell 40% in November, from 10 to 6, most of it from Contoso.",
            "Azure usage in westeurope rose 42% in November, most of it from Fabrikam.",
            "Azure usage for Storage rose 21% in November, most of it from Fabrikam.",
        ]
    );
    assert_eq!(h.highlights[0].kind, MoveKind::Gone);
    // Each opens the question behind it: the group, by month, split by who drove it.
    let v = &h.highlights[2].view;
    assert_eq!((v.dataset, v.group_by.clone()), (DatasetId::AzureUsage, vec!["customerName".to_string()]));
    assert_eq!(serde_json::to_value(&v.filters).unwrap()[0]["values"][0], "westeurope");

    let r = h.renewals.unwrap();
    assert_eq!((r.within30, r.within60, r.within90), (1, 2, 3));
    let customers: Vec<(String, u32, f64, Option<String>)> =
        r.customers.iter().map(|c| (c.customer.clone(), c.subscriptions, c.licences, c.first_end.clone())).collect();
    assert_eq!(
        customers,
        [
            ("Fabrikam".to_string(), 2, 8.0, Some("2026-12-20".to_string())),
            ("Contoso".to_string(), 1, 7.0, Some("2027-02-20".to_string())),
        ]
    );
    assert_eq!(
        r.suspended.iter().map(|c| (c.customer.as_str(), c.subscriptions)).collect::<Vec<_>>(),
        [("Litware", 1)]
    );
}

#[test]
fn what_changed_since_the_last_visit_reads_as_one_sentence() {
    let (subs, _) = fixtures();
    let mut later = subs.clone();
    // Two new subscriptions and one suspended since.
    let extra = subscriptions(&[sub(d(2026, 12, 1), "Office", "Contoso"), sub(d(2026, 12, 2), "Office", "Contoso")]);
    let extra = extra.lazy().with_column(lit("new").alias("x")).collect().unwrap().drop("x").unwrap();
    let mut ids: Vec<String> = (0..later.height()).map(|i| format!("s{i}")).collect();
    ids.extend(["n1".to_string(), "n2".to_string()]);
    later.vstack_mut(&extra).unwrap();
    later.replace("id", Series::new("id".into(), ids).into_column()).unwrap();
    let mut status: Vec<String> =
        later.column("status").unwrap().str().unwrap().iter().map(|s| s.unwrap().to_string()).collect();
    status[0] = "SUSPENDED".into();
    later.replace("status", Series::new("status".into(), status).into_column()).unwrap();
    let monday = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let input = HomeInput {
        tables: vec![(DatasetId::Subscriptions, &later)],
        at_last_visit: vec![(DatasetId::Subscriptions, &subs)],
        last_visit: Some(monday),
    };
    let h = summary(&input, NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()).unwrap();
    assert_eq!(h.since_last_visit.as_deref(), Some("Since Monday: 2 new subscriptions, 1 suspended."));
    let input = HomeInput { at_last_visit: vec![(DatasetId::Subscriptions, &later)], ..input };
    let h = summary(&input, NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()).unwrap();
    assert_eq!(h.since_last_visit.as_deref(), Some("Nothing has changed since Monday."));
}

#[test]
fn sentences_read_well_for_one_thing_and_for_many() {
    let w = |direction, previous, current| MoveWords {
        subject: "Referrals",
        phrase: "from Germany".into(),
        direction,
        previous,
        current,
        unit: Noun("referral", "referrals"),
        month: "November",
        previous_month: "October",
        driver: None,
    };
    assert_eq!(sentence(&w(Direction::New, 0.0, 1.0)), "Referrals from Germany started in November: 1 referral.");
    assert_eq!(sentence(&w(Direction::New, 0.0, 3.0)), "Referrals from Germany started in November: 3 referrals.");
    assert_eq!(
        sentence(&w(Direction::Gone, 1.0, 0.0)),
        "Referrals from Germany stopped in November: 1 referral in October, none in November."
    );
    assert_eq!(sentence(&w(Direction::Rise, 4.0, 5.0)), "Referrals from Germany rose 25% in November.");
    assert_eq!(
        sentence(&w(Direction::Fall, 1200.0, 1100.0)),
        "Referrals from Germany fell 8.3% in November, from 1,200 to 1,100."
    );
}

/// Issue 11: Home's tiles from Partner Center's monthly totals equal the tiles worked out from
/// every row, for every data set, in a world with subscriptions ended before and after the
/// months compared.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tiles_from_the_services_grouping_equal_tiles_from_the_rows() {
    use lens_client::Call;
    use lens_service::home::from_service;

    // Day 20,413 is 2025-11-20: the months compared are October and September 2025.
    let (_sim, _, client) = crate::sim::signed_in(lens_sim::SimConfig {
        seed: 7,
        subscriptions: 2000,
        today: Some(20_413),
        ..lens_sim::SimConfig::default()
    })
    .await;
    let today = NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
    let mut tables = Vec::new();
    for id in DatasetId::ALL {
        tables.push((
            id,
            lens_service::fetch::fetch_table(&client, id, None, &|_| {}, &Call::default()).await.unwrap().0,
        ));
    }
    let input = HomeInput { tables: tables.iter().map(|(d, t)| (*d, &t.df)).collect(), ..HomeInput::default() };
    let local = summary(&input, today).unwrap().tiles;
    let service = from_service::tiles(&client, today).await.unwrap();
    assert_eq!(local.len(), 5);
    assert_eq!(service.len(), local.len());
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
    for (l, s) in local.iter().zip(&service) {
        assert_eq!(l.dataset, s.dataset);
        assert!(close(l.value, s.value) && close(l.previous, s.previous), "{}: {l:?} against {s:?}", l.title);
        assert!(l.value > 0.0 || l.previous > 0.0, "{}: the world has rows in the months compared", l.title);
        assert_eq!(l.detail, s.detail);
        assert!(l.source.starts_with("Worked out on this computer from the "), "{}", l.source);
        assert!(s.source.starts_with("Partner Center grouped the data (groupby="), "{}", s.source);
    }
}
