//! "Sign in with Microsoft" against the simulator standing in for Microsoft's global cloud:
//! nothing typed, the account made from the sign-in (its organisation's name, the person), found
//! again when the same person signs in again; what each account can read, tried; consent by an
//! administrator; an organisation's policy; and a build without an application ID.

use lens_auth::SignInMethod;
use lens_auth::policy::Policy;
use lens_service::first_sign_in::{CloudChoice, SignInDefaults};
use lens_service::signins::AccountState;
use lens_service::workspace::Workspace;
use lens_service::{AppPaths, ErrorCode};
use lens_sim::SimConfig;
use lens_sim::browser::Ending;
use lens_sim::directory::SIM_PUBLIC_CLIENT_ID;

use crate::sim::browser;

fn workspace(dir: &std::path::Path) -> Workspace {
    Workspace::open(AppPaths::under(dir)).unwrap()
}

fn defaults(sim: &lens_sim::SimHandle) -> SignInDefaults {
    SignInDefaults {
        built_in_client: Some(SIM_PUBLIC_CLIENT_ID.into()),
        global: Some(lens_auth::Cloud::Custom { authority_url: sim.base_url.clone(), api_url: sim.base_url.clone() }),
        policy: Ok(None),
    }
}

fn texts(v: &lens_service::account_views::AccountView) -> Vec<String> {
    v.access.iter().map(|l| l.text.clone()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn one_button_makes_the_account_from_the_sign_in_and_says_what_it_can_read() {
    let (sim, _, _) = crate::sim::signed_in(SimConfig::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    ws.accounts().set_sign_in_defaults(defaults(&sim));
    let setup = ws.sign_in_setup();
    assert!(setup.ready && setup.browser && setup.it_setup && !setup.by_organisation, "{setup:?}");

    let alex = ws.sign_in_new(CloudChoice::Global, "job", browser(sim.person())).await.unwrap();
    assert_eq!(alex.name, "Contoso Ltd", "named after the organisation's profile");
    assert_eq!(alex.tenant, sim.state.directory.home().id, "the organisation is the token's tid");
    assert_eq!(alex.username.as_deref(), Some("alex@contoso.onmicrosoft.com"));
    assert_eq!(alex.state, AccountState::SignedIn { who: "alex@contoso.onmicrosoft.com".into() });
    assert_eq!(
        texts(&alex),
        ["Reads all of Partner Center's analytics.", "Reads Partner Center reports (Insights).", "Sees revenue."]
    );
    assert!(ws.settings().get().default_account.as_deref() == Some(alex.id.as_str()), "the first account opens first");

    // The same person again: the same account, no second one.
    let again = ws.sign_in_new(CloudChoice::Global, "job", browser(sim.person())).await.unwrap();
    assert_eq!(again.id, alex.id);
    assert_eq!(ws.account_views().unwrap().len(), 1);

    // A colleague without the Executive report viewer role: their own account, revenue hidden.
    let sam = ws
        .sign_in_new(CloudChoice::Global, "job", browser(sim.person_named("sam@contoso.onmicrosoft.com")))
        .await
        .unwrap();
    assert_eq!(sam.name, "Contoso Ltd (sam@contoso.onmicrosoft.com)");
    assert!(texts(&sam).contains(
        &"Revenue is hidden: ask your Partner Center admin for the Executive report viewer role.".to_string()
    ));

    // An indirect reseller signs in, and is told why there are no analytics.
    let jo = ws
        .sign_in_new(CloudChoice::Global, "job", browser(sim.person_named("jo@northwind.onmicrosoft.com")))
        .await
        .unwrap();
    assert_eq!(jo.name, "Northwind Traders");
    assert_eq!(jo.state, AccountState::NoAccess);
    assert!(texts(&jo)[0].starts_with("This organisation is an indirect reseller"), "{:?}", texts(&jo));
    assert!(texts(&jo).contains(&"Reads Partner Center reports (Insights).".to_string()));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_organisation_that_needs_its_admin_is_told_so_and_signs_in_once_approved() {
    let (sim, _, _) = crate::sim::signed_in(SimConfig::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    ws.accounts().set_sign_in_defaults(defaults(&sim));
    let lee = sim.person_named("lee@adatum.onmicrosoft.com");
    let e = ws.sign_in_new(CloudChoice::Global, "job", browser(lee.clone())).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::ConsentRequired, "{e:?}");
    assert!(e.message.contains("administrator to approve Partner Lens"), "{}", e.message);
    assert!(ws.account_views().unwrap().is_empty(), "nothing half-added");

    // The link for the admin, opened by the admin.
    let link = ws.admin_consent_link(CloudChoice::Global, None).unwrap();
    assert!(
        link.starts_with(&format!("{}/organizations/v2.0/adminconsent?client_id={SIM_PUBLIC_CLIENT_ID}", sim.base_url)),
        "{link}"
    );
    let ended = lens_sim::browser::sign_in(&link, &sim.person_named("admin@adatum.onmicrosoft.com")).await.unwrap();
    assert!(
        matches!(&ended, Ending::Redirect(to) if to.contains("admin_consent=True") && !to.contains("error")),
        "{ended:?}"
    );

    // "Try again".
    let a = ws.sign_in_new(CloudChoice::Global, "job", browser(lee)).await.unwrap();
    assert_eq!(a.name, "Adatum Corporation");
    assert_eq!(a.state, AccountState::SignedIn { who: "lee@adatum.onmicrosoft.com".into() });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_code_on_another_device_does_the_same() {
    let (sim, _, _) = crate::sim::signed_in(SimConfig::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let ws = std::sync::Arc::new(workspace(dir.path()));
    ws.accounts().set_sign_in_defaults(defaults(&sim));
    let code = ws.start_new_device_sign_in(CloudChoice::Global).await.unwrap();
    let waiting = tokio::spawn({
        let ws = ws.clone();
        async move { ws.finish_new_device_sign_in("job").await }
    });
    let page = format!("{}?user_code={}", code.verification_uri, code.user_code);
    lens_sim::browser::sign_in(&page, &sim.person()).await.unwrap();
    let a = waiting.await.unwrap().unwrap();
    assert_eq!((a.name.as_str(), a.method), ("Contoso Ltd", SignInMethod::DeviceCode));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_policy_fixes_the_way_and_a_build_without_an_id_says_so() {
    let (sim, _, _) = crate::sim::signed_in(SimConfig::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());

    // No application ID anywhere: said plainly, before any browser opens.
    ws.accounts().set_sign_in_defaults(SignInDefaults { built_in_client: None, ..defaults(&sim) });
    let setup = ws.sign_in_setup();
    assert!(!setup.ready && setup.it_setup);
    assert!(setup.problem.unwrap().contains("built without its own Microsoft sign-in"));
    let opened = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = opened.clone();
    let e = ws
        .sign_in_new(CloudChoice::Global, "job", move |_| {
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            Ok(())
        })
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::NoApplication);
    assert!(!opened.load(std::sync::atomic::Ordering::SeqCst), "no browser for a sign-in that cannot work");

    // The organisation's policy: its application, its tenant, a code only.
    let policy = Policy {
        client_id: Some(SIM_PUBLIC_CLIENT_ID.into()),
        tenant: Some("contoso.onmicrosoft.com".into()),
        cloud: None,
        methods: Some(vec![SignInMethod::DeviceCode]),
        source: "/etc/partner-lens/policy.json".into(),
    };
    ws.accounts().set_sign_in_defaults(SignInDefaults {
        built_in_client: None,
        policy: Ok(Some(policy)),
        ..defaults(&sim)
    });
    let setup = ws.sign_in_setup();
    assert!(
        setup.ready && setup.by_organisation && !setup.it_setup && setup.device_code && !setup.browser,
        "{setup:?}"
    );
    assert_eq!(setup.policy_source.as_deref(), Some("/etc/partner-lens/policy.json"));
    let e = ws.sign_in_new(CloudChoice::Global, "job", browser(sim.person())).await.unwrap_err();
    assert!(e.message.contains("does not allow"), "{}", e.message);
    // Its tenant only: a person of another organisation is refused by the sign-in service.
    let code = ws.start_new_device_sign_in(CloudChoice::Global).await.unwrap();
    let page = format!("{}?user_code={}", code.verification_uri, code.user_code);
    let ended = lens_sim::browser::sign_in(&page, &sim.person_named("jo@northwind.onmicrosoft.com")).await.unwrap();
    assert!(matches!(&ended, Ending::Page(t) if t.contains("AADSTS50020")), "{ended:?}");

    // A policy that cannot be read stops sign-in with its reason.
    ws.accounts().set_sign_in_defaults(SignInDefaults {
        policy: Err("The sign-in settings your IT department set (x) cannot be used: it is not valid.".into()),
        ..defaults(&sim)
    });
    let setup = ws.sign_in_setup();
    assert!(!setup.ready && setup.problem.unwrap().contains("cannot be used"));
}
