//! Signing in like Power BI, in the real window under Xvfb, with the simulator standing in for
//! Microsoft (its sign-in pages, second factor and consent included; the test is the person at
//! the browser): from a fresh first run, "Sign in with Microsoft" and nothing typed, the account
//! named after its organisation and Home filling; an organisation whose administrator must
//! approve the app first (the link copied, the admin approving, Try again); an indirect reseller;
//! a person without the revenue role (Home and a report file say "hidden"); and the IT setup. A
//! screenshot of each goes to test-output/.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use lens_e2e::{
    Session, SimProcess, app_binary, browser_script, card_id, opened_url, shot, sign_in_as, switch_account, wait_state,
};

const TODAY: &str = "2026-11-21";
/// The simulator's multi-tenant public client, standing for the build's own application ID.
const PUBLIC_CLIENT: &str = "5e1b7c3a-9d24-4f6e-b8a1-2c7d0f4e9a63";

/// The texts of an account card's "what this account can see".
fn access_lines(s: &Session, id: &str) -> Vec<String> {
    s.until(&format!("what {id} can see"), Duration::from_secs(60), |s| {
        let lines = s.texts_of(&format!("[data-testid=account-{id}] [data-testid=access-lines] li"));
        (!lines.is_empty()).then_some(lines)
    })
}

/// "Sign in with Microsoft" from Accounts, as `user` at the browser; `seen` addresses were
/// opened before. Returns what the pages said last.
fn sign_in_from_accounts(s: &Session, urls: &Path, seen: usize, user: &str) -> String {
    s.click_css("[data-testid=nav-accounts]");
    s.click_css("[data-testid=sign-in-new]");
    s.click_css("[data-testid=new-sign-in-dialog] [data-testid=sign-in-microsoft]");
    sign_in_as(&opened_url(urls, seen), user, &[])
}

fn cli(bin: &Path, home: &Path, args: &[&str]) -> String {
    let o = Command::new(bin).args(args).env("PARTNER_LENS_HOME", home).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(o.status.success(), "{args:?}: {out}{}", String::from_utf8_lossy(&o.stderr));
    out
}

#[test]
fn sign_in_with_microsoft_from_the_first_run() {
    let bin = app_binary();
    assert!(bin.exists(), "build the app first: {}", bin.display());
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    // Report runs finish in seconds (an hour a second); tokens outlive the test.
    let sim = SimProcess::start(
        &bin,
        work.path(),
        &["--seed", "1", "--scale", "small", "--today", TODAY, "--clock", "fast", "--token-lifetime", "31536000"],
    );
    let urls = work.path().join("opened.txt");
    let browser = browser_script(work.path(), &urls);
    let (home_s, browser_s) = (home.path().display().to_string(), browser.display().to_string());
    let s = Session::start(
        &bin,
        &[
            ("PARTNER_LENS_HOME", &home_s),
            ("PARTNER_LENS_BROWSER", &browser_s),
            ("PARTNER_LENS_CLIENT_ID", PUBLIC_CLIENT),
            ("PARTNER_LENS_AUTHORITY_URL", &sim.url),
            ("PARTNER_LENS_API_URL", &sim.url),
        ],
    );

    // The first run: one click, and the browser opens. Nothing typed in the window.
    s.wait_for("[data-testid=sign-in-microsoft]", Duration::from_secs(60));
    assert_eq!(
        s.script("return document.querySelectorAll('input, textarea').length").as_u64(),
        Some(0),
        "no field on the first screen"
    );
    shot(&s, "70-welcome-sign-in");
    let mut clicks = 0;
    s.click_css("[data-testid=sign-in-microsoft]");
    clicks += 1;
    s.wait_for("[data-testid=browser-waiting]", Duration::from_secs(20));
    shot(&s, "71-waiting-for-browser");
    let url = opened_url(&urls, 0);
    assert!(
        url.starts_with(&format!("{}/organizations/oauth2/v2.0/authorize?client_id={PUBLIC_CLIENT}", sim.url)),
        "{url}"
    );
    assert!(url.contains("prompt=select_account") && url.contains("code_challenge_method=S256"), "{url}");
    let page = sign_in_as(&url, "alex@contoso.onmicrosoft.com", &[]);
    assert!(page.contains("You're signed in"), "{page}");
    // Home for the new account, named after its organisation, filling with its data.
    s.until("Home for Contoso Ltd", Duration::from_secs(60), |s| {
        let sub = s.text(&s.find("[data-testid=screen-home] [data-testid=page-subtitle]")?);
        (sub.starts_with("Contoso Ltd") && s.find("[data-testid=tiles][data-ready=true]").is_some()).then_some(())
    });
    shot(&s, "72-home-after-sign-in");
    println!("From the first run to the first chart: {clicks} click before the browser, 0 fields typed.");

    s.click_css("[data-testid=nav-accounts]");
    let alex = card_id(&s, "Contoso Ltd");
    let lines = access_lines(&s, &alex);
    assert!(lines.iter().any(|l| l.contains("Reads all of Partner Center's analytics.")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("Sees revenue.")), "{lines:?}");
    shot(&s, "73-accounts-what-it-can-see");

    // An organisation whose administrator must approve Partner Lens first.
    let page = sign_in_from_accounts(&s, &urls, 1, "lee@adatum.onmicrosoft.com");
    assert!(page.contains("AADSTS90094") || page.contains("Sent back"), "{page}");
    let consent = s.text_of("[data-testid=consent-needed]");
    assert!(consent.contains("needs an administrator to approve Partner Lens once"), "{consent}");
    let link = s.until("the admin link", Duration::from_secs(20), |s| {
        let v = s.script("return document.querySelector('input[data-testid=admin-link]')?.value ?? null;");
        v.as_str().filter(|l| !l.is_empty()).map(str::to_string)
    });
    assert!(
        link.starts_with(&format!("{}/organizations/v2.0/adminconsent?client_id={PUBLIC_CLIENT}", sim.url)),
        "{link}"
    );
    s.click_css("[data-testid=copy-admin-link]");
    shot(&s, "74-consent-needed");
    // The administrator opens the link and approves, for everyone in Adatum.
    let approved = sign_in_as(&link, "admin@adatum.onmicrosoft.com", &[]);
    assert!(approved.contains("Sent back") || approved.contains("approved"), "{approved}");
    s.click_css("[data-testid=consent-retry]");
    sign_in_as(&opened_url(&urls, 2), "lee@adatum.onmicrosoft.com", &[]);
    let adatum = card_id(&s, "Adatum Corporation");
    wait_state(&s, &adatum, "signedIn");
    shot(&s, "75-accounts-approved");

    // An indirect reseller: signed in, and told why there are no analytics.
    sign_in_from_accounts(&s, &urls, 3, "jo@northwind.onmicrosoft.com");
    let northwind = card_id(&s, "Northwind Traders");
    wait_state(&s, &northwind, "noAccess");
    let lines = access_lines(&s, &northwind);
    assert!(lines[0].contains("indirect reseller"), "{lines:?}");
    s.scroll_to(&s.wait_for(&format!("[data-testid=account-{northwind}]"), Duration::from_secs(5)));
    shot(&s, "76-accounts-reseller");

    // A colleague without the Executive report viewer role: revenue is hidden, and said so.
    sign_in_from_accounts(&s, &urls, 4, "sam@contoso.onmicrosoft.com");
    let sam = card_id(&s, "Contoso Ltd (sam@contoso.onmicrosoft.com)");
    let lines = access_lines(&s, &sam);
    assert!(lines.iter().any(|l| l.starts_with("Revenue is hidden")), "{lines:?}");
    switch_account(&s, &format!("switch-{sam}"));
    s.click_css("[data-testid=nav-home]");
    assert!(s.text_of("[data-testid=revenue-hidden]").contains("Executive report viewer"));
    shot(&s, "77-home-revenue-hidden");
    // Microsoft's Customers report, previewed: its revenue column is marked before, hidden after.
    s.click_css("[data-testid=nav-reports]");
    s.click_css("[data-testid=new-report]");
    let customers = "[data-testid=system-report-6664daf3-c161-423a-92a1-0ea6db2c0384]";
    s.wait_for(customers, Duration::from_secs(30));
    assert!(s.text_of(customers).contains("needs the Executive report viewer role"));
    s.click_css(&format!("{customers} [data-testid=system-report-preview]"));
    s.wait_for("[data-testid=preview-table] tbody tr", Duration::from_secs(30));
    assert!(s.text_of("[data-testid=preview-hidden]").contains("Billed revenue USD"));
    let hidden = s.script(
        "const h = [...document.querySelectorAll('[data-testid=preview-table] thead th')].map(t => t.textContent); \
         const j = h.indexOf('Billed revenue USD'); \
         return [...document.querySelectorAll('[data-testid=preview-table] tbody tr')].map(r => r.querySelectorAll('td')[j].textContent);",
    );
    let hidden: Vec<String> = serde_json::from_value(hidden).unwrap();
    assert!(!hidden.is_empty() && hidden.iter().all(|c| c == "Hidden"), "{hidden:?}");
    shot(&s, "77b-report-preview-revenue-hidden");
    // A report of theirs with revenue in it: made from the command line on the same data folder,
    // run at once; its file arrives in Downloads with the revenue hidden.
    let made = cli(
        &bin,
        home.path(),
        &[
            "insights",
            "create-query",
            "--account",
            &sam,
            "--name",
            "Revenue by customer",
            "--query",
            "SELECT CustomerName, Month, BilledRevenueUSD FROM CustomersAndTenants TIMESPAN LAST_3_MONTHS",
        ],
    );
    let query = made.split("(id ").nth(1).unwrap().trim_end().trim_end_matches(").").to_string();
    cli(
        &bin,
        home.path(),
        &["insights", "create-report", "--account", &sam, "--name", "Revenue now", "--query-id", &query, "--now"],
    );
    s.click_css("[data-testid=nav-downloads]");
    s.until("the report file", Duration::from_secs(90), |s| {
        if s.find("[data-testid='download-Revenue now']").is_none() {
            s.find("[data-testid=check-downloads]").map(|b| s.try_click(&b));
            std::thread::sleep(Duration::from_secs(2));
        }
        s.find("[data-testid='download-Revenue now']")
    });
    assert_eq!(
        s.text_of("[data-testid='download-Revenue now'] [data-testid=download-revenue-hidden]"),
        "Revenue hidden"
    );
    shot(&s, "78-downloads-revenue-hidden");
    s.click(
        &s.wait_for("[data-testid='download-Revenue now'] [data-testid=download-explore]", Duration::from_secs(10)),
    );
    assert!(s.text_of("[data-testid=revenue-hidden]").contains("Revenue in this file is hidden"));
    shot(&s, "79-explore-file-revenue-hidden");

    // The IT department's setup: each way with when it is needed and what it reads.
    s.click_css("[data-testid=nav-accounts]");
    s.click_css("[data-testid=add-account]");
    let dialog = s.text_of("[data-testid=add-account-dialog]");
    assert!(dialog.contains("Set up by your IT department"), "{dialog}");
    assert!(dialog.contains("reads nothing today"), "app-only ways say what they can read: {dialog}");
    lens_e2e::type_into(&s, "[data-testid=account-name-input]", "Contoso (IT's app)");
    lens_e2e::type_into(&s, "[data-testid=tenant]", "contoso.onmicrosoft.com");
    lens_e2e::type_into(&s, "[data-testid=client-id]", "8f6d2c1a-5b3e-4f7a-9c0d-1e2f3a4b5c6d");
    shot(&s, "80-it-setup");
    s.click_css("[data-testid=add-account-cancel]");

    // The same in the dark.
    s.click_css("[data-testid=nav-settings]");
    s.click_css("[data-testid=theme-dark]");
    s.click_css("[data-testid=nav-accounts]");
    s.wait_for(&format!("[data-testid=account-{alex}] [data-testid=access-lines]"), Duration::from_secs(20));
    shot(&s, "81-accounts-dark");
}
