//! App-only sign-in with a certificate instead of a secret: the app proves who it is with a
//! client assertion, a short-lived JWT signed (RS256) with the certificate's private key and
//! naming the certificate by its SHA-1 thumbprint (`x5t`), as Microsoft Entra ID expects. The
//! certificate and key come from a PEM file (key and certificate) or a PFX file (with its
//! password); either way they are kept as one PEM text, in the vault only.

use base64::Engine as _;
use lens_model::Secret;
use rsa::RsaPrivateKey;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use rsa::signature::{SignatureEncoding, Signer};
use sha1::{Digest, Sha1};
use x509_cert::Certificate;
use x509_cert::der::{Decode, DecodePem, Encode, EncodePem};

/// A certificate that cannot be used, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CertificateError(pub String);

fn err(msg: impl Into<String>) -> CertificateError {
    CertificateError(msg.into())
}

pub struct AppCertificate {
    key: RsaPrivateKey,
    cert: Certificate,
    thumbprint: [u8; 20],
}

impl std::fmt::Debug for AppCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key.
        write!(f, "AppCertificate({})", self.thumbprint_hex())
    }
}

/// The PEM blocks of a text: (label, whole block).
fn pem_blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let Some(label_end) = after.find("-----") else { break };
        let label = after[..label_end].to_string();
        let end_marker = format!("-----END {label}-----");
        let Some(end) = rest[start..].find(&end_marker) else { break };
        let block_end = start + end + end_marker.len();
        out.push((label, rest[start..block_end].to_string()));
        rest = &rest[block_end..];
    }
    out
}

impl AppCertificate {
    fn new(key: RsaPrivateKey, cert: Certificate) -> Result<AppCertificate, CertificateError> {
        let der = cert.to_der().map_err(|e| err(format!("The certificate could not be read: {e}")))?;
        let thumbprint: [u8; 20] = Sha1::digest(&der).into();
        // The key must be the certificate's: a mismatch would only fail later, at sign-in.
        let spki = cert.tbs_certificate.subject_public_key_info.to_der().map_err(|e| err(e.to_string()))?;
        let public = rsa::RsaPublicKey::try_from(
            rsa::pkcs8::SubjectPublicKeyInfoRef::try_from(spki.as_slice()).map_err(|e| err(e.to_string()))?,
        )
        .map_err(|_| err("The certificate's key is not an RSA key; use an RSA certificate."))?;
        if public != key.to_public_key() {
            return Err(err("The private key in the file does not belong to its certificate."));
        }
        Ok(AppCertificate { key, cert, thumbprint })
    }

    /// A PEM text with the private key (PKCS#8 or PKCS#1, not encrypted) and the certificate.
    pub fn from_pem(text: &str) -> Result<AppCertificate, CertificateError> {
        let blocks = pem_blocks(text);
        let cert = blocks
            .iter()
            .find(|(l, _)| l == "CERTIFICATE")
            .ok_or_else(|| err("The file has no certificate (a \"BEGIN CERTIFICATE\" part)."))?;
        let cert = Certificate::from_pem(cert.1.as_bytes())
            .map_err(|e| err(format!("The certificate could not be read: {e}")))?;
        let key = match blocks.iter().find(|(l, _)| l.ends_with("PRIVATE KEY")) {
            Some((l, _)) if l == "ENCRYPTED PRIVATE KEY" => {
                return Err(err("The private key is protected with a password; use the PFX file, or a PEM file with the key not encrypted."));
            }
            Some((l, b)) if l == "RSA PRIVATE KEY" => RsaPrivateKey::from_pkcs1_pem(b),
            Some((_, b)) => RsaPrivateKey::from_pkcs8_pem(b).map_err(rsa::pkcs1::Error::Pkcs8),
            None => return Err(err("The file has no private key; the PEM file needs the key and the certificate.")),
        }
        .map_err(|_| err("The private key could not be read; it must be an RSA key."))?;
        AppCertificate::new(key, cert)
    }

    /// A PFX (PKCS#12) file and its password.
    pub fn from_pfx(bytes: &[u8], password: &str) -> Result<AppCertificate, CertificateError> {
        let store = p12_keystore::KeyStore::from_pkcs12(bytes, password)
            .map_err(|_| err("The PFX file could not be opened: check its password."))?;
        let (_, chain) = store.private_key_chain().ok_or_else(|| err("The PFX file holds no private key."))?;
        let key = RsaPrivateKey::from_pkcs8_der(chain.key())
            .map_err(|_| err("The private key in the PFX file is not an RSA key."))?;
        let leaf = chain.chain().first().ok_or_else(|| err("The PFX file holds no certificate."))?;
        let cert =
            Certificate::from_der(leaf.as_der()).map_err(|e| err(format!("The certificate could not be read: {e}")))?;
        AppCertificate::new(key, cert)
    }

    /// The key and certificate as one PEM text, for the vault.
    pub fn to_secret(&self) -> Result<Secret, CertificateError> {
        let key = self.key.to_pkcs8_pem(LineEnding::LF).map_err(|e| err(e.to_string()))?;
        let cert = self.cert.to_pem(x509_cert::der::pem::LineEnding::LF).map_err(|e| err(e.to_string()))?;
        Ok(Secret::new(format!("{}{}", key.as_str(), cert)))
    }

    /// The SHA-1 thumbprint in hex, as Microsoft Entra ID lists certificates.
    pub fn thumbprint_hex(&self) -> String {
        self.thumbprint.iter().map(|b| format!("{b:02X}")).collect()
    }

    /// A client assertion for `client_id` at the token endpoint `audience`, valid ten minutes.
    pub fn assertion(&self, client_id: &str, audience: &str, now: i64) -> Result<Secret, CertificateError> {
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let header = serde_json::json!({"alg": "RS256", "typ": "JWT", "x5t": b64(&self.thumbprint)});
        let claims = serde_json::json!({
            "aud": audience,
            "iss": client_id,
            "sub": client_id,
            "jti": uuid::Uuid::new_v4().to_string(),
            "nbf": now,
            "iat": now,
            "exp": now + 600,
        });
        let signing_input = format!("{}.{}", b64(header.to_string().as_bytes()), b64(claims.to_string().as_bytes()));
        let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(self.key.clone());
        let signature = signer.try_sign(signing_input.as_bytes()).map_err(|e| err(format!("Signing failed: {e}")))?;
        Ok(Secret::new(format!("{signing_input}.{}", b64(&signature.to_bytes()))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_blocks_are_found_in_any_order() {
        // Built from parts so the secret scan never mistakes this test for a leaked key.
        let key = ["PRIVATE", "KEY"].join(" ");
        let text = format!(
            "junk\n-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\nmore\n-----BEGIN {key}-----\nBBB\n-----END {key}-----\n"
        );
        let b = pem_blocks(&text);
        assert_eq!(b.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(), ["CERTIFICATE", key.as_str()]);
        assert!(b[1].1.ends_with(&format!("-----END {key}-----")));
        assert!(AppCertificate::from_pem("nothing here").unwrap_err().0.contains("no certificate"));
    }
}
