//! Property tests of what the sign-in side reads from outside (issue 12): token endpoint
//! answers, random and mutated, never panic and never keep a lifetime that overflows; the
//! accounts file, random bytes or a mutated good one, is read or set aside, never a panic.

use proptest::prelude::*;

use crate::accounts::AccountStore;
use crate::oauth::{Failure, id_token_username, read_answer};

fn good_answer() -> impl Strategy<Value = String> {
    (
        "[A-Za-z0-9._-]{1,40}",
        prop::option::of("[A-Za-z0-9._-]{1,40}"),
        prop_oneof![
            any::<i64>().prop_map(|n| n.to_string()),
            any::<i64>().prop_map(|n| format!("\"{n}\"")),
            any::<f64>().prop_map(|f| if f.is_finite() { f.to_string() } else { "1e400".into() }),
            Just("\"soon\"".to_string()),
            Just("null".to_string()),
        ],
    )
        .prop_map(|(access, refresh, expires)| {
            let refresh = refresh.map(|r| format!(",\"refresh_token\":\"{r}\"")).unwrap_or_default();
            format!("{{\"token_type\":\"Bearer\",\"access_token\":\"{access}\",\"expires_in\":{expires}{refresh}}}")
        })
}

fn mutate(bytes: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
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

proptest! {
    #[test]
    fn fuzz_token_answers_never_panic_and_expiry_stays_in_range(
        body in good_answer(),
        status in prop::sample::select(vec![200u16, 201, 400, 401, 403, 500]),
        now in 0i64..4_000_000_000,
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..4),
    ) {
        let bytes = mutate(body.as_bytes(), &edits);
        match read_answer(status, &bytes, now) {
            Ok(t) => {
                prop_assert!((200..300).contains(&status));
                prop_assert!(t.expires_at >= now && t.expires_at <= now + 86_400, "{}", t.expires_at);
            }
            Err(Failure::OAuth { .. }) => prop_assert!(!(200..300).contains(&status)),
            Err(Failure::Network(e)) => prop_assert!(!e.message.is_empty()),
        }
        if let Err(f) = read_answer(status, &bytes, now) {
            let e = f.into_client_error();
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn fuzz_error_answers_and_id_tokens_never_panic(
        error in "[a-z_]{0,20}",
        description in any::<String>(),
        codes in prop::collection::vec(any::<i64>(), 0..3),
        junk in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let body = serde_json::json!({"error": error, "error_description": description, "error_codes": codes});
        if let Err(f) = read_answer(400, body.to_string().as_bytes(), 0) {
            prop_assert!(!f.into_client_error().message.is_empty());
        }
        let _ = read_answer(200, &junk, 0);
        let _ = read_answer(400, &junk, 0);
        let _ = id_token_username(&String::from_utf8_lossy(&junk));
        let _ = id_token_username(&format!("a.{}.c", String::from_utf8_lossy(&junk)));
    }

    #[test]
    fn fuzz_the_accounts_file_is_read_or_set_aside_never_a_panic(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..5),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let good = br#"{"version":1,"accounts":[{"id":"contoso","name":"Contoso","cloud":{"kind":"global"},"tenant":"contoso.onmicrosoft.com","clientId":"8f6d2c1a","method":"browser"}]}"#;
        std::fs::write(dir.path().join("accounts.json"), mutate(good, &edits)).unwrap();
        let store = AccountStore::new(dir.path().to_path_buf());
        match store.list() {
            Ok(_) => {}
            Err(_) => {
                prop_assert!(dir.path().join("accounts.json.damaged").exists(), "set aside");
                prop_assert!(store.list().unwrap().is_empty(), "and a fresh start");
            }
        }
    }
}

/// Found by the property above: an accounts file that was not UTF-8 (one byte 0x80 at its
/// start) failed to read every time instead of being set aside, so no account could be listed
/// or added again.
#[test]
fn fuzz_found_an_accounts_file_that_is_not_utf8_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("accounts.json"), b"\x80{\"version\":1,\"accounts\":[]}").unwrap();
    let store = AccountStore::new(dir.path().to_path_buf());
    assert!(store.list().is_err());
    assert!(dir.path().join("accounts.json.damaged").exists());
    assert!(store.list().unwrap().is_empty());
}
