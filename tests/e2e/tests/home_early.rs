//! Home's first visit to a large account, in the real window (issue 11): while every data set
//! is fetched the first time, the tiles already show, from Partner Center's monthly totals (the
//! simulator's `groupby`), each saying so; once the rows are here Home is made from them, and
//! every tile's figure is the same as the one shown early.

use std::time::Duration;

use lens_e2e::{Session, app_binary, shot};

const TODAY: &str = "2026-11-21";

fn tile_values(s: &Session) -> Vec<String> {
    s.texts_of("[data-testid=tile-value]")
}

#[test]
fn home_shows_the_services_monthly_totals_while_the_rows_are_fetched_and_they_agree() {
    let bin = app_binary();
    assert!(bin.exists(), "build the app first: {}", bin.display());
    let home = tempfile::tempdir().unwrap();
    let home_s = home.path().display().to_string();
    // 200,000 subscriptions and 600,000 Azure usage rows: fetching every row takes this debug
    // build many seconds; the monthly totals are a few dozen rows.
    let s = Session::start(
        &bin,
        &[("PARTNER_LENS_HOME", &home_s), ("PARTNER_LENS_DEMO_TODAY", TODAY), ("PARTNER_LENS_DEMO_SCALE", "200000")],
    );
    s.click_css("[data-testid=try-sample]");
    s.wait_for("[data-testid=screen-explore]", Duration::from_secs(120));
    s.click_css("[data-testid=nav-home]");
    s.wait_for("[data-testid=early-tiles-note]", Duration::from_secs(120));
    s.wait_for("[data-testid=home-fetching]", Duration::from_secs(5));
    let tiles = s.wait_for("[data-testid=tiles][data-ready=false]", Duration::from_secs(5));
    let first = s.wait_for("[data-testid=tile-subscriptions]", Duration::from_secs(5));
    let source = s.attr(&first, "title").unwrap_or_default();
    assert!(source.starts_with("Partner Center grouped the data (groupby=creationDate"), "{source}");
    let subtitle = || s.text_of("[data-testid=screen-home] [data-testid=page-subtitle]");
    let early_subtitle = subtitle();
    assert!(early_subtitle.ends_with(", the last complete month"), "{early_subtitle}");
    let early = tile_values(&s);
    assert_eq!(early.len(), 5, "a tile per data set: {early:?}");
    assert!(s.text(&tiles).contains("Active subscriptions"));
    shot(&s, "17-home-early-tiles");

    s.wait_for("[data-testid=tiles][data-ready=true]", Duration::from_secs(600));
    assert!(s.find("[data-testid=early-tiles-note]").is_none(), "the note goes once Home is made from the rows");
    let source =
        s.attr(&s.wait_for("[data-testid=tile-subscriptions]", Duration::from_secs(5)), "title").unwrap_or_default();
    assert!(source.starts_with("Worked out on this computer from the 200,000 rows"), "{source}");
    assert_eq!(tile_values(&s), early, "the same figures either way");
    assert_eq!(subtitle(), early_subtitle, "the same month either way");
    shot(&s, "18-home-after-the-fetch");
}
