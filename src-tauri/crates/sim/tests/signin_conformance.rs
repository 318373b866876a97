//! The sign-in endpoints (spec section 1): v1 and v2 token answers, every grant, the failures
//! with their AADSTS codes, PKCE, refresh-token rotation and expiry, device code, MFA.

mod common;

use common::*;
use lens_sim::SimConfig;
use lens_sim::browser::Ending;
use serde_json::{Value, json};

async fn post_form(sim: &lens_sim::SimHandle, path: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let r = client().post(format!("{}{path}", sim.base_url)).form(form).send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

fn v1() -> String {
    format!("/{TENANT}/oauth2/token")
}
fn v2() -> String {
    format!("/{TENANT}/oauth2/v2.0/token")
}

#[tokio::test]
async fn v1_gives_numbers_as_strings_and_v2_as_numbers() {
    let sim = start(SimConfig::default()).await;
    let (s, v) = post_form(
        &sim,
        &v1(),
        &[
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("client_secret", SECRET),
            ("resource", " https://api.partnercenter.microsoft.com"),
        ],
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["expires_in"], "3599");
    assert!(v["expires_on"].as_str().unwrap().parse::<i64>().is_ok());
    assert_eq!(v["resource"], RESOURCE);
    assert!(v.get("refresh_token").is_none(), "app-only tokens come without a refresh token");
    let (s, v) = post_form(
        &sim,
        &v2(),
        &[
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("client_secret", SECRET),
            ("scope", "https://api.partnercenter.microsoft.com/.default"),
        ],
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["expires_in"], 3599);
}

#[tokio::test]
async fn wrong_credentials_fail_with_their_aadsts_codes() {
    let sim = start(SimConfig::default()).await;
    // (path, form, status, AADSTS code)
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, u16, i64);
    let cases: [Case; 5] = [
        (
            "/nobody.onmicrosoft.com/oauth2/token",
            vec![
                ("grant_type", "client_credentials"),
                ("client_id", CLIENT_ID),
                ("client_secret", SECRET),
                ("resource", RESOURCE),
            ],
            400,
            90_002,
        ),
        (
            "",
            vec![
                ("grant_type", "client_credentials"),
                ("client_id", "00000000-0000-0000-0000-000000000000"),
                ("client_secret", SECRET),
                ("resource", RESOURCE),
            ],
            400,
            700_016,
        ),
        (
            "",
            vec![
                ("grant_type", "client_credentials"),
                ("client_id", CLIENT_ID),
                ("client_secret", "nope"),
                ("resource", RESOURCE),
            ],
            401,
            7_000_215,
        ),
        (
            "",
            vec![("grant_type", "client_credentials"), ("client_id", CLIENT_ID), ("client_secret", SECRET)],
            400,
            900_144,
        ),
        ("", vec![("grant_type", "magic"), ("client_id", CLIENT_ID)], 400, 70_003),
    ];
    for (path, form, status, code) in cases {
        let path = if path.is_empty() { v1() } else { path.to_string() };
        let (s, v) = post_form(&sim, &path, &form).await;
        assert_eq!(s, status, "{v}");
        assert_eq!(v["error_codes"][0], code, "{v}");
        assert!(v["error_description"].as_str().unwrap().starts_with(&format!("AADSTS{code}:")));
    }
}

#[tokio::test]
async fn password_grant_meets_mfa_and_mfa_less_tokens_meet_900421() {
    let sim = start(SimConfig::default()).await;
    let form = [
        ("grant_type", "password"),
        ("client_id", CLIENT_ID),
        ("username", "alex@contoso.onmicrosoft.com"),
        ("password", "sample-password"),
        ("resource", RESOURCE),
        ("scope", "openid"),
    ];
    let (s, v) = post_form(&sim, &v1(), &form).await;
    assert_eq!(s, 400);
    assert_eq!(v["error_codes"][0], 50_076, "MFA enforced: {v}");
    // Without enforcement the password grant works…
    client().put(format!("{}/_sim/mfa", sim.base_url)).json(&json!({"enforced": false})).send().await.unwrap();
    let (s, v) = post_form(&sim, &v1(), &form).await;
    assert_eq!(s, 200, "{v}");
    let t = v["access_token"].as_str().unwrap().to_string();
    assert_eq!(get(&sim, &t, "/partner/v1/analytics/subscriptions?top=1").await.0, 200);
    // …until the tenant enforces MFA: then API calls with that token fail with 900421.
    client().put(format!("{}/_sim/mfa", sim.base_url)).json(&json!({"enforced": true})).send().await.unwrap();
    let (s, v) = get(&sim, &t, "/partner/v1/analytics/subscriptions?top=1").await;
    assert_eq!(s, 401);
    assert_eq!(v["code"], 900_421);
    let (s, v) = post_form(
        &sim,
        &v1(),
        &[
            ("grant_type", "password"),
            ("client_id", CLIENT_ID),
            ("username", "alex@contoso.onmicrosoft.com"),
            ("password", "wrong"),
            ("resource", RESOURCE),
        ],
    )
    .await;
    assert_eq!((s, v["error_codes"][0].as_i64()), (400, Some(50_126)));
}

/// Where the sign-in pages at `url` send the browser back, the sample administrator having
/// answered them.
async fn redirected(sim: &lens_sim::SimHandle, url: &str) -> String {
    match lens_sim::browser::sign_in(url, &sim.person()).await.unwrap() {
        Ending::Redirect(to) => to,
        Ending::Page(text) => panic!("the pages ended on: {text}"),
    }
}

/// The app's browser sign-in, with the test playing the browser: authorize redirects to the
/// loopback URI with a code and the same state; the code plus the PKCE verifier gives tokens.
#[tokio::test]
async fn authorization_code_with_pkce_and_rotating_refresh_tokens() {
    let sim = start(SimConfig::default()).await;
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    let redirect = "http://localhost:53117/";
    let url = format!(
        "{}/organizations/oauth2/v2.0/authorize?client_id={CLIENT_ID}&response_type=code&redirect_uri={}&scope={}&state=xyz123&code_challenge={challenge}&code_challenge_method=S256",
        sim.base_url,
        enc(redirect),
        enc("https://api.partnercenter.microsoft.com/user_impersonation offline_access")
    );
    let loc = url::Url::parse(&redirected(&sim, &url).await).unwrap();
    assert_eq!(loc.port(), Some(53117));
    let q: std::collections::HashMap<_, _> = loc.query_pairs().into_owned().collect();
    assert_eq!(q["state"], "xyz123");
    let code = q["code"].clone();

    // A wrong verifier is refused, and the code is spent.
    let (s, v) = post_form(
        &sim,
        &v2(),
        &[
            ("grant_type", "authorization_code"),
            ("client_id", CLIENT_ID),
            ("code", &code),
            ("redirect_uri", redirect),
            ("code_verifier", "x".repeat(43).as_str()),
            ("scope", "https://api.partnercenter.microsoft.com/user_impersonation offline_access"),
        ],
    )
    .await;
    assert_eq!((s, v["error_codes"][0].as_i64()), (400, Some(50_148)), "{v}");

    let loc = url::Url::parse(&redirected(&sim, &url).await).unwrap();
    let code = loc.query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned();
    let scope = "https://api.partnercenter.microsoft.com/user_impersonation offline_access";
    let (s, v) = post_form(
        &sim,
        &v2(),
        &[
            ("grant_type", "authorization_code"),
            ("client_id", CLIENT_ID),
            ("code", &code),
            ("redirect_uri", redirect),
            ("code_verifier", verifier),
            ("scope", scope),
        ],
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let access = v["access_token"].as_str().unwrap().to_string();
    let refresh = v["refresh_token"].as_str().unwrap().to_string();
    assert!(refresh.len() > 2560, "refresh tokens are larger than a Windows credential");
    assert_eq!(
        get(&sim, &access, "/partner/v1/analytics/subscriptions?top=1").await.0,
        200,
        "interactive sign-in satisfies MFA"
    );

    // Refresh tokens rotate: the old one works once.
    let (s, v) = post_form(
        &sim,
        &v2(),
        &[("grant_type", "refresh_token"), ("client_id", CLIENT_ID), ("refresh_token", &refresh), ("scope", scope)],
    )
    .await;
    assert_eq!(s, 200);
    let newer = v["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(newer, refresh);
    let (s, _) = post_form(
        &sim,
        &v2(),
        &[("grant_type", "refresh_token"), ("client_id", CLIENT_ID), ("refresh_token", &refresh), ("scope", scope)],
    )
    .await;
    assert_eq!(s, 400);
    // Ninety-one days unused: AADSTS700082.
    client()
        .post(format!("{}/_sim/clock/advance", sim.base_url))
        .json(&json!({"seconds": 91 * 86_400}))
        .send()
        .await
        .unwrap();
    let (s, v) = post_form(
        &sim,
        &v2(),
        &[("grant_type", "refresh_token"), ("client_id", CLIENT_ID), ("refresh_token", &newer), ("scope", scope)],
    )
    .await;
    assert_eq!((s, v["error_codes"][0].as_i64()), (400, Some(700_082)), "{v}");
}

#[tokio::test]
async fn authorize_refuses_non_loopback_redirects_and_missing_pkce() {
    let sim = start(SimConfig::default()).await;
    let base =
        format!("{}/common/oauth2/v2.0/authorize?client_id={CLIENT_ID}&response_type=code&state=s", sim.base_url);
    let r = client()
        .get(format!("{base}&redirect_uri={}&code_challenge=abc", enc("https://evil.example/cb")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("AADSTS50011"));
    let r = client().get(format!("{base}&redirect_uri={}", enc("http://127.0.0.1:9999/"))).send().await.unwrap();
    assert_eq!(r.status(), 302);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert!(loc.contains("error=invalid_request") && loc.contains("state=s"), "{loc}");
}

#[tokio::test]
async fn device_code_is_pending_until_the_person_signs_in() {
    let sim = start(SimConfig::default()).await;
    let (s, dc) = post_form(
        &sim,
        &format!("/{TENANT}/oauth2/v2.0/devicecode"),
        &[
            ("client_id", CLIENT_ID),
            ("scope", "https://api.partnercenter.microsoft.com/user_impersonation offline_access"),
        ],
    )
    .await;
    assert_eq!(s, 200, "{dc}");
    let device = dc["device_code"].as_str().unwrap();
    let form = [
        ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
        ("client_id", CLIENT_ID),
        ("device_code", device),
    ];
    let (s, v) = post_form(&sim, &v2(), &form).await;
    assert_eq!((s, v["error"].as_str()), (400, Some("authorization_pending")));
    let page = format!("{}?user_code={}", dc["verification_uri"].as_str().unwrap(), dc["user_code"].as_str().unwrap());
    let ended = lens_sim::browser::sign_in(&page, &sim.person()).await.unwrap();
    assert!(matches!(&ended, Ending::Page(t) if t.contains("You're signed in")), "{ended:?}");
    let (s, v) = post_form(&sim, &v2(), &form).await;
    assert_eq!(s, 200, "{v}");
    assert!(v["refresh_token"].is_string());
}
