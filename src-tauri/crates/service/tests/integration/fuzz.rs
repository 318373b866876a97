//! Property tests of the app's own files (issue 12): the settings file, random or a good one
//! damaged, always opens (set aside when unreadable) and never panics; settings changes and
//! saved views round-trip through their files: what is read back is what was written, names
//! with quotes, accents and right-to-left marks included.

use lens_service::explore::View;
use lens_service::settings::{Settings, SettingsChange, SettingsStore, Theme};
use lens_service::store::Store;
use proptest::prelude::*;
use serde_json::{Value, json};

fn damage(bytes: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for &(at, kind, v) in edits {
        let at = if b.is_empty() { 0 } else { at % (b.len() + 1) };
        match kind % 3 {
            0 => b.insert(at, v),
            1 if at < b.len() => b[at] ^= v | 1,
            _ => b.truncate(at),
        }
    }
    b
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 '\"é]{1,20}",
        any::<String>().prop_map(|s| s.chars().take(30).collect()),
        Just("\u{202E}weiv\u{202C}".to_string()),
        Just("Ventes — Q4 'EU'".to_string()),
    ]
}

fn chip() -> impl Strategy<Value = Value> {
    prop_oneof![
        (text(), prop::collection::vec(prop::option::of(text()), 0..4), any::<bool>())
            .prop_map(|(f, v, x)| json!({"kind": "values", "field": f, "values": v, "exclude": x})),
        (text(), any::<bool>()).prop_map(|(f, v)| json!({"kind": "flag", "field": f, "value": v})),
        (text(), text()).prop_map(|(f, t)| json!({"kind": "contains", "field": f, "text": t})),
        text().prop_map(|t| json!({"kind": "text", "text": t})),
    ]
}

fn view() -> impl Strategy<Value = View> {
    (
        prop::sample::select(vec!["subscriptions", "azureUsage", "indirectResellers", "search", "referrals"]),
        prop::collection::vec(chip(), 0..4),
        prop::collection::vec(text(), 0..3),
        prop::option::of(1u32..500),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec!["auto", "line", "bar", "stacked", "table"]),
        prop::option::of(text()),
    )
        .prop_filter_map(
            "a view the window could send",
            |(ds, filters, group_by, top, change, fill, chart, file)| {
                let v = json!({"dataset": ds, "filters": filters, "groupBy": group_by, "top": top, "change": change,
                "fillGaps": fill, "chart": chart, "file": file, "metrics": [{"kind": "count"}]});
                serde_json::from_value(v).ok()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: ProptestConfig::default().cases.min(128), ..ProptestConfig::default() })]

    #[test]
    fn fuzz_saved_views_read_back_as_written(v in view(), name in text()) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        match store.save_view(&name, &v, 1_700_000_000) {
            Ok(saved) => {
                prop_assert_eq!(&saved.view, &v);
                // Through the database file, in a new connection, as after a restart.
                drop(store);
                let again = Store::open(dir.path()).unwrap();
                let back = again.get_view(&saved.name).unwrap();
                prop_assert_eq!(back.view, v);
                prop_assert_eq!(back.name, saved.name);
            }
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }

    #[test]
    fn fuzz_the_settings_file_always_opens(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..5),
        junk in prop::collection::vec(any::<u8>(), 0..200),
        days in 1u32..400,
        route in prop::option::of(text()),
        dark in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let good = serde_json::to_vec_pretty(&Settings::default()).unwrap();
        for bytes in [damage(&good, &edits), junk.clone()] {
            std::fs::write(dir.path().join("settings.json"), &bytes).unwrap();
            let s = SettingsStore::open(dir.path());
            let _ = s.get();
        }
        // A change round-trips through the file.
        let s = SettingsStore::open(dir.path());
        let change = SettingsChange {
            theme: Some(if dark { Theme::Dark } else { Theme::Light }),
            last_route: route,
            snapshot_days: Some(days),
            ..SettingsChange::default()
        };
        let applied = match s.apply(change) {
            Ok(a) => a,
            Err(e) => return Err(TestCaseError::fail(e.message)),
        };
        prop_assert_eq!(SettingsStore::open(dir.path()).get(), applied);
    }
}
