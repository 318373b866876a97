//! App sign-in with a certificate, against the simulator's token endpoint, which checks each
//! client assertion's signature with the registered certificate's public key: a PEM file and a
//! PFX file (with its password) sign in; an unregistered certificate, a tampered assertion and
//! a wrong PFX password are refused in plain words.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use lens_auth::oauth::{self, Endpoint};
use lens_auth::provider::CLIENT_ASSERTION_TYPE;
use lens_auth::{AppCertificate, AppIdentity, SessionTokens};
use lens_client::TokenProvider;
use lens_model::clock::SystemClock;
use lens_sim::SimConfig;
use rsa::RsaPrivateKey;
use rsa::pkcs8::{EncodePrivateKey, LineEnding};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::{Encode, EncodePem};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;

/// A new RSA key and a self-signed certificate for it, as one PEM text, and the certificate
/// alone (what is registered on the app).
fn certificate(name: &str) -> (RsaPrivateKey, String, String) {
    let key = RsaPrivateKey::new(&mut rand::thread_rng(), 2048).unwrap();
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone());
    let spki = SubjectPublicKeyInfoOwned::from_key(key.to_public_key()).unwrap();
    let builder = CertificateBuilder::new(
        Profile::Root,
        SerialNumber::from(7u32),
        Validity::from_now(Duration::from_secs(86_400)).unwrap(),
        Name::from_str(&format!("CN={name}")).unwrap(),
        spki,
        &signer,
    )
    .unwrap();
    let cert = builder.build::<rsa::pkcs1v15::Signature>().unwrap();
    let cert_pem = cert.to_pem(LineEnding::LF).unwrap();
    let key_pem = key.to_pkcs8_pem(LineEnding::LF).unwrap();
    (key, format!("{}{cert_pem}", key_pem.as_str()), cert_pem)
}

async fn sim(certs: Vec<String>) -> lens_sim::SimHandle {
    let cfg = SimConfig { certificates: certs, ..SimConfig::default() };
    lens_sim::start(cfg, "127.0.0.1:0".parse().unwrap()).await.unwrap()
}

fn app(sim: &lens_sim::SimHandle) -> AppIdentity {
    let c = sim.state.config().credentials;
    AppIdentity { authority: sim.base_url.clone(), tenant: c.tenant, client_id: c.client_id }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registered_certificate_signs_in_from_pem_and_pfx_and_others_are_refused() {
    let (key, pem, cert_pem) = certificate("Partner Lens test app");
    let (_, other_pem, _) = certificate("Someone else");
    let s = sim(vec![cert_pem.clone()]).await;
    let http = reqwest::Client::new();

    // From the PEM file: the simulator verifies the assertion and gives a token.
    let cert = Arc::new(AppCertificate::from_pem(&pem).unwrap());
    assert_eq!(cert.thumbprint_hex().len(), 40);
    let tokens = SessionTokens::app_certificate(http.clone(), &app(&s), cert.clone(), Arc::new(SystemClock));
    let t = tokens.token().await.unwrap();
    assert!(!t.value.expose().is_empty());

    // From a PFX file with its password; a wrong password says so.
    let x509 = x509_cert::Certificate::from_pem_der(&cert_pem);
    let mut store = p12_keystore::KeyStore::new();
    let chain = p12_keystore::PrivateKeyChain::new(
        key.to_pkcs8_der().unwrap().as_bytes(),
        [1u8; 20],
        [p12_keystore::Certificate::from_der(&x509).unwrap()],
    );
    store.add_entry("app", p12_keystore::KeyStoreEntry::PrivateKeyChain(chain));
    let pfx = store.writer("pfx-password").write().unwrap();
    let e = AppCertificate::from_pfx(&pfx, "wrong").unwrap_err();
    assert!(e.0.contains("check its password"), "{e}");
    let from_pfx = Arc::new(AppCertificate::from_pfx(&pfx, "pfx-password").unwrap());
    assert_eq!(from_pfx.thumbprint_hex(), cert.thumbprint_hex());
    let tokens = SessionTokens::app_certificate(http.clone(), &app(&s), from_pfx, Arc::new(SystemClock));
    assert!(tokens.token().await.is_ok());

    // A certificate the app does not have registered is refused.
    let stranger = Arc::new(AppCertificate::from_pem(&other_pem).unwrap());
    let tokens = SessionTokens::app_certificate(http.clone(), &app(&s), stranger, Arc::new(SystemClock));
    let e = tokens.token().await.unwrap_err();
    assert!(e.message.contains("not registered on the app"), "{}", e.message);

    // An assertion changed after signing is refused: the signature is checked.
    let url = oauth::token_url(&s.base_url, &app(&s).tenant, Endpoint::V1);
    let now = chrono::Utc::now().timestamp();
    let good = cert.assertion(&app(&s).client_id, &url, now).unwrap();
    let mut parts: Vec<String> = good.expose().split('.').map(str::to_string).collect();
    let claims = base64_url(&format!(
        r#"{{"aud":"{url}","iss":"someone-else","sub":"someone-else","jti":"x","nbf":{now},"iat":{now},"exp":{}}}"#,
        now + 600
    ));
    parts[1] = claims;
    let forged = parts.join(".");
    let client_id = app(&s).client_id;
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", client_id.as_str()),
        ("client_assertion_type", CLIENT_ASSERTION_TYPE),
        ("client_assertion", forged.as_str()),
        ("resource", "https://api.partnercenter.microsoft.com"),
    ];
    let r = http.post(&url).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(body["error_description"].as_str().unwrap().contains("invalid signature"), "{body}");
    assert!(body["error_codes"][0] == 50_012, "{body}");

    // A key that is not the certificate's is caught when the file is read.
    let (_, mismatched, _) = certificate("Mismatch");
    let key_part = &mismatched[..mismatched.find("-----BEGIN CERTIFICATE-----").unwrap()];
    let e = AppCertificate::from_pem(&format!("{key_part}{cert_pem}")).unwrap_err();
    assert!(e.0.contains("does not belong"), "{e}");
}

fn base64_url(s: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
}

trait FromPemDer {
    fn from_pem_der(pem: &str) -> Vec<u8>;
}

impl FromPemDer for x509_cert::Certificate {
    fn from_pem_der(pem: &str) -> Vec<u8> {
        use x509_cert::der::DecodePem;
        x509_cert::Certificate::from_pem(pem.as_bytes()).unwrap().to_der().unwrap()
    }
}
