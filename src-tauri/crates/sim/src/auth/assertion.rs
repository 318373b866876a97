//! Client assertions (RFC 7523), as Microsoft Entra ID checks them for an app signing in with a
//! certificate: a JWT signed RS256, whose `x5t` names one of the app's registered certificates
//! by SHA-1 thumbprint, whose signature that certificate's public key verifies, issued by and
//! about the app, for this token endpoint, and within its validity.

use base64::Engine as _;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::signature::Verifier;
use serde_json::Value;
use sha1::{Digest, Sha1};
use x509_cert::Certificate;
use x509_cert::der::{DecodePem, Encode};

use crate::errors::OAuthError;

fn invalid(code: u32, msg: impl Into<String>) -> OAuthError {
    OAuthError::unauthorized_client(code, msg.into())
}

fn b64(part: &str) -> Result<Vec<u8>, OAuthError> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .map_err(|_| invalid(50_027, "JWT token is invalid or malformed."))
}

/// A registered certificate: its thumbprint and public key.
pub struct Registered {
    thumbprint: [u8; 20],
    key: rsa::RsaPublicKey,
}

/// Reads a registered certificate (PEM).
pub fn register(pem: &str) -> Result<Registered, String> {
    let cert = Certificate::from_pem(pem.as_bytes()).map_err(|e| format!("not a certificate: {e}"))?;
    let der = cert.to_der().map_err(|e| e.to_string())?;
    let spki = cert.tbs_certificate.subject_public_key_info.to_der().map_err(|e| e.to_string())?;
    let key = rsa::RsaPublicKey::try_from(
        rsa::pkcs8::SubjectPublicKeyInfoRef::try_from(spki.as_slice()).map_err(|e| e.to_string())?,
    )
    .map_err(|_| "the certificate's key is not RSA".to_string())?;
    Ok(Registered { thumbprint: Sha1::digest(&der).into(), key })
}

/// Checks `jwt` for `client_id` at `audience` (the token endpoint's URL) at time `now`.
pub fn verify(jwt: &str, certs: &[Registered], client_id: &str, audience: &str, now: i64) -> Result<(), OAuthError> {
    let parts: Vec<&str> = jwt.split('.').collect();
    let [h, c, sig] = parts[..] else { return Err(invalid(50_027, "JWT token is invalid or malformed.")) };
    let header: Value =
        serde_json::from_slice(&b64(h)?).map_err(|_| invalid(50_027, "JWT token is invalid or malformed."))?;
    let claims: Value =
        serde_json::from_slice(&b64(c)?).map_err(|_| invalid(50_027, "JWT token is invalid or malformed."))?;
    if header["alg"] != "RS256" {
        return Err(invalid(5_002_738, "Invalid JWT token. 'RS256' is the only supported signing algorithm."));
    }
    let x5t = header["x5t"].as_str().map(b64).transpose()?.unwrap_or_default();
    let cert = certs.iter().find(|r| r.thumbprint[..] == x5t[..]).ok_or_else(|| {
        invalid(
            700_027,
            "The certificate with identifier used to sign the client assertion is not registered on application.",
        )
    })?;
    let signature = Signature::try_from(b64(sig)?.as_slice())
        .map_err(|_| invalid(50_012, "Client assertion contains an invalid signature."))?;
    VerifyingKey::<sha2::Sha256>::new(cert.key.clone())
        .verify(format!("{h}.{c}").as_bytes(), &signature)
        .map_err(|_| invalid(50_012, "Client assertion contains an invalid signature."))?;
    if claims["iss"] != client_id || claims["sub"] != client_id {
        return Err(invalid(50_012, "The client assertion's issuer and subject must be the application's identifier."));
    }
    if claims["aud"].as_str().map(|a| a.trim_end_matches('/')) != Some(audience.trim_end_matches('/')) {
        return Err(invalid(700_024, "Client assertion is not within its valid time range or audience."));
    }
    let (nbf, exp) = (claims["nbf"].as_i64().unwrap_or(0), claims["exp"].as_i64().unwrap_or(0));
    // Five minutes of clock skew, as the service allows.
    if now + 300 < nbf || now - 300 > exp {
        return Err(invalid(700_024, "Client assertion is not within its valid time range."));
    }
    if claims["jti"].as_str().is_none_or(str::is_empty) {
        return Err(invalid(50_027, "JWT token is invalid or malformed."));
    }
    Ok(())
}
