//! PKCE (RFC 7636) and the `state` value: random, base64url, S256.

use base64::Engine as _;
use rand::RngCore;
use sha2::{Digest, Sha256};

fn random_b64(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

impl Pkce {
    pub fn new() -> Pkce {
        // 48 random bytes: a 64-character verifier, inside RFC 7636's 43..=128.
        let verifier = random_b64(48);
        Pkce { challenge: challenge(&verifier), verifier }
    }
}

impl Default for Pkce {
    fn default() -> Self {
        Pkce::new()
    }
}

pub fn challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

pub fn state() -> String {
    random_b64(24)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_as_in_rfc_7636_appendix_b() {
        assert_eq!(
            challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        let p = Pkce::new();
        assert_eq!(p.verifier.len(), 64);
        assert_ne!(Pkce::new().verifier, p.verifier);
    }
}
