//! Secrets against a real Secret Service (`./dev test` runs the tests inside a private D-Bus
//! session with an unlocked gnome-keyring). A refresh token far above Windows' 2560-byte
//! credential limit round-trips, and no secret is ever readable in the files on disk.

use lens_auth::secrets::{AccountSecrets, KeyringKey, SecretStore};
use lens_model::Secret;
use rand::Rng;

fn random(prefix: &str, n: usize) -> String {
    let mut r = rand::thread_rng();
    let body: String =
        (0..n).map(|_| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[r.gen_range(0..36)])).collect();
    format!("{prefix}{body}")
}

fn files_contain(dir: &std::path::Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            hits.extend(files_contain(&p, needle));
        } else if String::from_utf8_lossy(&std::fs::read(&p).unwrap()).contains(needle) {
            hits.push(p);
        }
    }
    hits
}

#[test]
fn large_tokens_round_trip_and_nothing_is_stored_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let key = KeyringKey { service: "Partner Lens (tests)".into(), user: random("key-", 12) };
    let store = SecretStore::open(dir.path().to_path_buf(), &key);
    assert!(
        store.limitation().is_none(),
        "these tests need a Secret Service (run them with ./dev test): {:?}",
        store.limitation()
    );
    let refresh = random("rt.", 4000);
    let client_secret = random("cs.", 40);
    let key_pem = format!("key material {}", random("", 64));
    assert!(refresh.len() > 2560);
    store
        .put(
            "contoso",
            AccountSecrets {
                refresh_token: Some(Secret::new(refresh.clone())),
                client_secret: Some(Secret::new(client_secret.clone())),
                certificate: Some(Secret::new(key_pem.clone())),
            },
        )
        .unwrap();
    store.set_refresh_token("fabrikam", Secret::new("rt.other".to_string())).unwrap();

    // A new session (the app restarted) reads them back with the key from the keyring.
    let again = SecretStore::open(dir.path().to_path_buf(), &key);
    let got = again.get("contoso").unwrap();
    assert_eq!(got.refresh_token.as_ref().map(|s| s.expose()), Some(refresh.as_str()));
    assert_eq!(got.client_secret.as_ref().map(|s| s.expose()), Some(client_secret.as_str()));
    assert_eq!(got.certificate.as_ref().map(|s| s.expose()), Some(key_pem.as_str()));
    assert_eq!(again.get("fabrikam").unwrap().refresh_token.unwrap().expose(), "rt.other");
    assert!(again.get("nobody").unwrap().refresh_token.is_none());

    for needle in [&refresh[..40], &client_secret[..], &key_pem[20..70], "rt.other"] {
        assert!(files_contain(dir.path(), needle).is_empty(), "a secret is readable on disk");
    }
    again.remove("contoso").unwrap();
    assert!(again.get("contoso").unwrap().refresh_token.is_none());

    // Another key (another computer, or a wiped keyring) cannot read the file: it is set aside,
    // the person is told once, and sign-ins are saved again (issue 12: they used to stay
    // signed out for good, every write failing on the unreadable file).
    let other = KeyringKey { service: "Partner Lens (tests)".into(), user: random("key-", 12) };
    let fresh = SecretStore::open(dir.path().to_path_buf(), &other);
    assert!(fresh.limitation().is_none(), "{:?}", fresh.limitation());
    assert!(fresh.notice().is_some_and(|n| n.contains("Sign in to each account once more")), "{:?}", fresh.notice());
    assert!(fresh.get("fabrikam").unwrap().refresh_token.is_none());
    fresh.set_refresh_token("fabrikam", Secret::new("rt.new".to_string())).unwrap();
    let again = SecretStore::open(dir.path().to_path_buf(), &other);
    assert!(again.notice().is_none(), "said once, not at every start");
    assert_eq!(again.get("fabrikam").unwrap().refresh_token.unwrap().expose(), "rt.new");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("secrets.bin.unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1, "the old file is kept aside, not deleted: {aside:?}");
    for k in [&key, &other] {
        let _ = keyring::Entry::new(&k.service, &k.user).and_then(|e| e.delete_credential());
    }
}

#[test]
fn a_truncated_secrets_file_is_set_aside_and_sign_ins_work_again() {
    let dir = tempfile::tempdir().unwrap();
    let key = KeyringKey { service: "Partner Lens (tests)".into(), user: random("key-", 12) };
    let store = SecretStore::open(dir.path().to_path_buf(), &key);
    store.set_refresh_token("contoso", Secret::new("rt.one".to_string())).unwrap();
    let file = dir.path().join("secrets.bin");
    let bytes = std::fs::read(&file).unwrap();
    for cut in [0, 3, 10, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(&file, &bytes[..cut]).unwrap();
        let store = SecretStore::open(dir.path().to_path_buf(), &key);
        assert!(store.limitation().is_none(), "cut at {cut}: {:?}", store.limitation());
        assert!(store.notice().is_some(), "cut at {cut}: the person is told");
        store.set_refresh_token("contoso", Secret::new(format!("rt.{cut}"))).unwrap();
        let again = SecretStore::open(dir.path().to_path_buf(), &key);
        assert_eq!(again.get("contoso").unwrap().refresh_token.unwrap().expose(), format!("rt.{cut}"));
    }
    let _ = keyring::Entry::new(&key.service, &key.user).and_then(|e| e.delete_credential());
}
