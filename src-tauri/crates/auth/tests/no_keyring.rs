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
    // Only the (empty) lock other processes take around the secrets file may be there.
    let files: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(files.iter().all(|f| f == "secrets.bin.lock"), "nothing is written without a keyring: {files:?}");
    assert_eq!(std::fs::metadata(dir.path().join("secrets.bin.lock")).map(|m| m.len()).unwrap_or(0), 0);
}
