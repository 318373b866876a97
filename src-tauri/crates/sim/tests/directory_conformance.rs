//! Who may sign in and what each caller may read (docs/partner-center-api.md, section 5): the
//! multi-tenant public client, consent by a person or by an administrator for everyone
//! (AADSTS65001, AADSTS90094), app-only tokens refused by Analytics and Insights, an indirect
//! reseller refused by Analytics, roles, and revenue hidden from a person without the Executive
//! report viewer role. Plain HTTP, playing the browser on the sign-in pages as a person would.

mod common;

use base64::Engine as _;
use common::*;
use lens_sim::SimConfig;
use lens_sim::browser::{self, Ending, Person};
use lens_sim::directory::SIM_PUBLIC_CLIENT_ID;
use serde_json::Value;

const SCOPE: &str = "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const REDIRECT: &str = "http://127.0.0.1:53117/";

fn authorize_url(sim: &lens_sim::SimHandle, tenant: &str, client_id: &str) -> String {
    format!(
        "{}/{tenant}/oauth2/v2.0/authorize?client_id={client_id}&response_type=code&redirect_uri={}&scope={}&state=st&code_challenge={CHALLENGE}&code_challenge_method=S256&prompt=select_account",
        sim.base_url,
        enc(REDIRECT),
        enc(SCOPE)
    )
}

fn query(url: &str) -> std::collections::HashMap<String, String> {
    url::Url::parse(url).unwrap().query_pairs().into_owned().collect()
}

async fn post_form(sim: &lens_sim::SimHandle, path: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let r = client().post(format!("{}{path}", sim.base_url)).form(form).send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

/// Signs `who` in with the public client through `organizations`: the answer of the token
/// endpoint, or where the pages ended.
async fn public_sign_in(sim: &lens_sim::SimHandle, who: &Person) -> Result<Value, String> {
    let to = match browser::sign_in(&authorize_url(sim, "organizations", SIM_PUBLIC_CLIENT_ID), who).await.unwrap() {
        Ending::Redirect(to) => to,
        Ending::Page(text) => return Err(text),
    };
    let q = query(&to);
    let Some(code) = q.get("code") else { return Err(q["error_description"].clone()) };
    let (s, v) = post_form(
        sim,
        "/organizations/oauth2/v2.0/token",
        &[
            ("grant_type", "authorization_code"),
            ("client_id", SIM_PUBLIC_CLIENT_ID),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
            ("scope", SCOPE),
        ],
    )
    .await;
    assert_eq!(s, 200, "{v}");
    Ok(v)
}

fn claims(id_token: &str) -> Value {
    let part = id_token.split('.').nth(1).unwrap();
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

fn person(sim: &lens_sim::SimHandle, username: &str) -> Person {
    sim.person_named(username)
}

#[tokio::test]
async fn the_public_client_signs_in_anyone_with_pkce_and_no_secret() {
    let sim = start(SimConfig {
        built_in_client: Some("0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b".into()),
        ..SimConfig::default()
    })
    .await;
    let v = public_sign_in(&sim, &sim.person()).await.unwrap();
    let c = claims(v["id_token"].as_str().unwrap());
    let home = &sim.state.directory.tenants[0];
    assert_eq!(c["tid"], home.id.as_str(), "the tenant is the organisation's id");
    assert_eq!(c["aud"], SIM_PUBLIC_CLIENT_ID);
    assert_eq!(c["preferred_username"], "alex@contoso.onmicrosoft.com");
    assert_eq!(c["name"], "Alex Wilber");
    assert!(c["oid"].as_str().is_some_and(|o| o.len() == 36));
    let token = v["access_token"].as_str().unwrap();
    let (s, p) = get(&sim, token, "/v1/profiles/organization").await;
    assert_eq!((s, p["companyName"].as_str()), (200, Some("Contoso Ltd")), "{p}");
    assert_eq!(get(&sim, token, "/partner/v1/analytics/subscriptions?top=1").await.0, 200);

    // A person of another organisation signs in with it too (consenting for themselves).
    let v = public_sign_in(&sim, &person(&sim, "jo@northwind.onmicrosoft.com")).await.unwrap();
    assert_eq!(claims(v["id_token"].as_str().unwrap())["tid"], sim.state.directory.tenants[1].id.as_str());

    // A public client keeps no secret, and cannot sign in as itself.
    let secret = [
        ("grant_type", "client_credentials"),
        ("client_id", SIM_PUBLIC_CLIENT_ID),
        ("client_secret", "x"),
        ("scope", "https://api.partnercenter.microsoft.com/.default"),
    ];
    let (s, v) = post_form(&sim, &format!("/{TENANT}/oauth2/v2.0/token"), &secret).await;
    assert_eq!((s, v["error_codes"][0].as_i64()), (401, Some(700_025)), "{v}");
    let (s, v) = post_form(
        &sim,
        &format!("/{TENANT}/oauth2/v2.0/token"),
        &secret[..2].iter().chain(&secret[3..]).copied().collect::<Vec<_>>(),
    )
    .await;
    assert_eq!((s, v["error_codes"][0].as_i64()), (401, Some(7_000_218)), "{v}");

    // The build's own ID is accepted; an unknown one is not.
    let built = authorize_url(&sim, "organizations", "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b");
    assert!(
        matches!(browser::sign_in(&built, &sim.person()).await.unwrap(), Ending::Redirect(to) if query(&to).contains_key("code"))
    );
    let unknown = authorize_url(&sim, "organizations", "11111111-2222-3333-4444-555555555555");
    assert!(
        matches!(browser::sign_in(&unknown, &sim.person()).await.unwrap(), Ending::Page(t) if t.contains("AADSTS700016"))
    );
    // The IT department's own app lives in its organisation only.
    let confidential = authorize_url(&sim, "organizations", CLIENT_ID);
    let ended = browser::sign_in(&confidential, &person(&sim, "jo@northwind.onmicrosoft.com")).await.unwrap();
    assert!(
        matches!(&ended, Ending::Redirect(to) if query(to)["error_description"].contains("AADSTS700016")),
        "{ended:?}"
    );
}

#[tokio::test]
async fn people_consent_once_and_a_wrong_password_or_code_is_asked_again() {
    let sim = start(SimConfig::default()).await;
    let url = authorize_url(&sim, "organizations", SIM_PUBLIC_CLIENT_ID);
    // The first time, the pages ask for consent; refusing it is AADSTS65004.
    let no = Person { consent: false, ..sim.person() };
    let ended = browser::sign_in(&url, &no).await.unwrap();
    assert!(
        matches!(&ended, Ending::Redirect(to) if query(to)["error"] == "access_denied" && query(to)["error_description"].starts_with("AADSTS65004") && query(to)["state"] == "st"),
        "{ended:?}"
    );
    assert!(public_sign_in(&sim, &sim.person()).await.is_ok());
    // Now approved: no consent page (a person who would refuse it again is never asked).
    assert!(public_sign_in(&sim, &no).await.is_ok());
    let wrong = Person { password: "nope".into(), ..sim.person() };
    assert!(
        matches!(browser::sign_in(&url, &wrong).await.unwrap(), Ending::Page(t) if t.contains("Your account or password is incorrect"))
    );
    let wrong = Person { otp: "000000".into(), ..sim.person() };
    assert!(
        matches!(browser::sign_in(&url, &wrong).await.unwrap(), Ending::Page(t) if t.contains("expected verification code"))
    );
}

#[tokio::test]
async fn an_organisation_that_needs_its_admin_refuses_until_the_admin_consents() {
    let sim = start(SimConfig { mfa_enforced: false, ..SimConfig::default() }).await;
    let lee = person(&sim, "lee@adatum.onmicrosoft.com");
    // Its people may not approve apps: "Need admin approval", then AADSTS90094.
    let err = public_sign_in(&sim, &lee).await.unwrap_err();
    assert!(err.starts_with("AADSTS90094"), "{err}");
    // A grant with no browser cannot ask at all: AADSTS65001.
    let pw = [
        ("grant_type", "password"),
        ("client_id", SIM_PUBLIC_CLIENT_ID),
        ("username", "lee@adatum.onmicrosoft.com"),
        ("password", "sample-password"),
        ("scope", SCOPE),
    ];
    let (s, v) = post_form(&sim, "/organizations/oauth2/v2.0/token", &pw).await;
    assert_eq!(
        (s, v["error"].as_str(), v["error_codes"][0].as_i64()),
        (400, Some("invalid_grant"), Some(65_001)),
        "{v}"
    );

    // The admin-consent link: a person who is not an administrator cannot grant it.
    let link = format!(
        "{}/adatum.onmicrosoft.com/v2.0/adminconsent?client_id={SIM_PUBLIC_CLIENT_ID}&scope={}&redirect_uri={}&state=ac",
        sim.base_url,
        enc("https://api.partnercenter.microsoft.com/user_impersonation"),
        enc(&format!("{}/common/oauth2/nativeclient", sim.base_url))
    );
    let ended = browser::sign_in(&link, &lee).await.unwrap();
    let Ending::Redirect(to) = ended else { panic!("{ended:?}") };
    let q = query(&to);
    assert_eq!((q["admin_consent"].as_str(), q["error"].as_str()), ("True", "consent_required"));
    // Its administrator can, for everyone.
    let ended = browser::sign_in(&link, &person(&sim, "admin@adatum.onmicrosoft.com")).await.unwrap();
    let Ending::Redirect(to) = ended else { panic!("{ended:?}") };
    let q = query(&to);
    assert_eq!(q["admin_consent"], "True");
    assert_eq!(q["tenant"], sim.state.directory.tenant("adatum.onmicrosoft.com").unwrap().id);
    assert_eq!(q["state"], "ac");
    let landing = client().get(&to).send().await.unwrap().text().await.unwrap();
    assert!(landing.contains("Done"), "the sign-in service's page for native clients");
    let v = public_sign_in(&sim, &lee).await.unwrap();
    let token = v["access_token"].as_str().unwrap();
    assert_eq!(get(&sim, token, "/v1/profiles/organization").await.1["companyName"], "Adatum Corporation");
    let (s, v) = post_form(&sim, "/organizations/oauth2/v2.0/token", &pw).await;
    assert_eq!(s, 200, "approved for everyone: {v}");
}

#[tokio::test]
async fn analytics_and_insights_take_a_person_with_a_role() {
    let sim = start(SimConfig::default()).await;
    let app = sim.app_token().await.unwrap();
    for path in ["/partner/v1/analytics/subscriptions?top=1", "/insights/v1/mpn/ScheduledDataset"] {
        let (s, v) = get(&sim, &app, path).await;
        assert_eq!(s, 403, "{path}: {v}");
        assert!(v.to_string().contains("User credentials only"), "{v}");
    }
    // An indirect reseller: Analytics refuses the organisation, not the person.
    assert!(
        sim.user_tokens(&person(&sim, "jo@northwind.onmicrosoft.com")).await.is_err(),
        "the IT department's own app does not sign in other organisations"
    );
    let jo = public_sign_in(&sim, &person(&sim, "jo@northwind.onmicrosoft.com")).await.unwrap();
    let jo = jo["access_token"].as_str().unwrap();
    let (s, v) = get(&sim, jo, "/partner/v1/analytics/usage/azure?top=1").await;
    assert_eq!(
        (s, v["description"].as_str()),
        (403, Some("API access to Partner Center for indirect resellers isn't supported."))
    );
    // A person without an Insights role.
    let pat = sim.user_tokens(&person(&sim, "pat@contoso.onmicrosoft.com")).await.unwrap().0;
    assert_eq!(get(&sim, &pat, "/partner/v1/analytics/subscriptions?top=1").await.0, 200);
    let (s, v) = get(&sim, &pat, "/insights/v1/mpn/ScheduledDataset").await;
    assert_eq!(s, 403, "{v}");
    assert!(v["message"].as_str().unwrap().contains("Executive report viewer"));
}

#[tokio::test]
async fn revenue_is_blanked_and_said_to_be_for_a_report_viewer() {
    let sim = start(SimConfig::default()).await;
    let q = "/insights/v1/mpn/ScheduledQueries/testQueryResult?exportQuery=".to_string()
        + &enc("SELECT CustomerTenantId, BilledRevenueUSD FROM CustomersAndTenants TIMESPAN LAST_6_MONTHS");
    let sam = sim.user_tokens(&person(&sim, "sam@contoso.onmicrosoft.com")).await.unwrap().0;
    let (s, v) = get(&sim, &sam, &q).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["dataRedacted"], true);
    let rows = v["value"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["BilledRevenueUSD"].is_null() && r["CustomerTenantId"].is_string()), "{rows:?}");
    let alex = token(&sim).await;
    let (_, v) = get(&sim, &alex, &q).await;
    assert_eq!(v["dataRedacted"], false);
    assert!(v["value"].as_array().unwrap().iter().any(|r| r["BilledRevenueUSD"].is_number()));
    // A query without revenue is not redacted for anyone.
    let q = "/insights/v1/mpn/ScheduledQueries/testQueryResult?exportQuery=".to_string()
        + &enc("SELECT CustomerTenantId FROM CustomersAndTenants TIMESPAN LAST_6_MONTHS");
    assert_eq!(get(&sim, &sam, &q).await.1["dataRedacted"], false);
}

#[tokio::test]
async fn a_user_token_without_a_second_factor_meets_900421() {
    let sim = start(SimConfig { interactive_mfa: false, ..SimConfig::default() }).await;
    let t = sim.user_token().await.unwrap();
    let (s, v) = get(&sim, &t, "/partner/v1/analytics/subscriptions?top=1").await;
    assert_eq!((s, v["code"].as_i64()), (401, Some(900_421)), "{v}");
}
