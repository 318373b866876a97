//! Without any keyring (no D-Bus session here), secrets stay in memory for the session and the
//! reason is said in plain words. Its own test binary: it changes the process environment.

use lens_auth::secrets::{AccountSecrets, KeyringKey, SecretStore};
use lens_model::Secret;

#[test]
fn no_keyring_means_memory_only_and_a_plain_reason() {
    // SAFETY: the only test in this binary, before any thread reads the environment.
    unsafe { std::env::set_var("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/partner-lens-test") };
    let dir = tempfile::tempdir().unwrap();
    let store = SecretStore::open(
        dir.path().to_path_buf(),
        &KeyringKey { service: "Partner Lens (tests)".into(), user: "none".into() },
    );
    let reason = store.limitation().expect("no keyring is reachable").to_string();
    assert!(reason.contains("keyring") && reason.contains("only until Partner Lens closes"), "{reason}");
    store
        .put(
            "a",
            AccountSecrets {
                refresh_token: Some(Secret::new("rt.x".to_string())),
                client_secret: None,
                certificate: None,
            },
        )
        .unwrap();
    assert_eq!(store.get("a").unwrap().refresh_token.unwrap().expose(), "rt.x");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing is written without a keyring");
}
