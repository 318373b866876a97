//! `partner-lens sim`: the simulator alone, for manual testing and scripts.

use clap::Args;
use lens_service::ServiceError;
use lens_service::simulator::{self, Credentials, FaultSpec, SimConfig};

#[derive(Args, Debug)]
pub struct SimArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// Seed of the synthetic world: the same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// small (600 subscriptions), medium (50,000), large (1,000,000) or a number of subscriptions.
    #[arg(long, default_value = "small")]
    pub scale: String,
    /// Faults to inject, e.g. "429=0.3,5xx=0.1,reset=0.05,retry-after=1,expire-after=5,malformed=3".
    #[arg(long)]
    pub faults: Option<String>,
    /// "fast" runs report schedules an hour a second; or a speed factor.
    #[arg(long)]
    pub clock: Option<String>,
    /// The world's "today" (YYYY-MM-DD); defaults to the real date.
    #[arg(long)]
    pub today: Option<String>,
    /// Serve /_sim/* (faults, clock, recorded requests) for tests.
    #[arg(long)]
    pub admin: bool,
    /// Let the password grant work (by default the tenant enforces multi-factor sign-in).
    #[arg(long)]
    pub no_mfa: bool,
    /// How long an access token lives, in the simulator's seconds (default 3600). With
    /// `--clock fast` an hour passes in a second: scripts holding one token for a while give
    /// it longer.
    #[arg(long, default_value_t = 3600)]
    pub token_lifetime: i64,
    /// Accept app-only tokens on the Analytics and Insights APIs, as the 2018 documents did
    /// (today's say these APIs take a person's sign-in only).
    #[arg(long)]
    pub app_only: bool,
    /// Write every date in one of all the documented forms in turn and add unknown nested
    /// fields to every row (to check what a client keeps).
    #[arg(long)]
    pub every_form: bool,
    /// Name customers with markup and formula-like text (to check that nothing runs).
    #[arg(long)]
    pub hostile_names: bool,
    #[arg(long)]
    pub tenant: Option<String>,
    #[arg(long)]
    pub client_id: Option<String>,
    #[arg(long)]
    pub client_secret: Option<String>,
    #[arg(long)]
    pub username: Option<String>,
    #[arg(long)]
    pub password: Option<String>,
    /// Whose token to print (one of the simulator's people; its administrator by default).
    #[arg(long)]
    pub token_for: Option<String>,
}

fn usage(msg: String) -> ServiceError {
    ServiceError::usage(msg)
}

pub fn config(a: &SimArgs) -> Result<SimConfig, ServiceError> {
    let subscriptions = simulator::parse_scale(&a.scale).ok_or_else(|| {
        usage(format!("--scale must be small, medium, large or a number of rows, not \"{}\"", a.scale))
    })?;
    let faults = match &a.faults {
        Some(f) => FaultSpec::parse(f).map_err(|e| usage(format!("--faults: {e}")))?,
        None => FaultSpec::default(),
    };
    let clock_speed = match a.clock.as_deref() {
        None => 1.0,
        Some("fast") => 3600.0,
        Some(x) => x
            .parse::<f64>()
            .ok()
            .filter(|s| *s > 0.0)
            .ok_or_else(|| usage(format!("--clock must be \"fast\" or a speed factor, not \"{x}\"")))?,
    };
    let today = match &a.today {
        None => None,
        Some(t) => Some(
            simulator::parse_day(t)
                .ok_or_else(|| usage(format!("--today must be a date like 2026-11-21, not \"{t}\"")))?,
        ),
    };
    let d = Credentials::default();
    let credentials = Credentials {
        tenant: a.tenant.clone().unwrap_or(d.tenant),
        client_id: a.client_id.clone().unwrap_or(d.client_id),
        secret: a.client_secret.clone().unwrap_or(d.secret),
        username: a.username.clone().unwrap_or(d.username),
        password: a.password.clone().unwrap_or(d.password),
    };
    Ok(SimConfig {
        seed: a.seed,
        subscriptions,
        today,
        credentials,
        clock_speed,
        faults,
        admin: a.admin,
        mfa_enforced: !a.no_mfa,
        app_only: a.app_only,
        token_lifetime_secs: a.token_lifetime.max(60),
        built_in_client: simulator::built_in_client(),
        every_form: a.every_form,
        hostile_names: a.hostile_names,
        ..SimConfig::default()
    })
}

pub async fn run(a: SimArgs) -> Result<(), ServiceError> {
    let cfg = config(&a)?;
    let sim = simulator::start(cfg.clone(), a.port).await?;
    let c = &cfg.credentials;
    // Print with writeln! and ignore failures: a closed pipe must not stop the simulator.
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    macro_rules! println {
        () => { let _ = writeln!(o); };
        ($($t:tt)*) => { let _ = writeln!(o, $($t)*); };
    }
    let url = &sim.base_url;
    let sizes = sim.state.world.sizes;
    println!("Partner Center simulator listening on {url}");
    println!();
    println!("  API base URL     {url}");
    println!("  authority URL    {url}");
    println!("  tenant           {}", c.tenant);
    println!("  client id        {}  (the IT department's app, secret {})", c.client_id, c.secret);
    println!("  public client    {}  (multi-tenant, for \"Sign in with Microsoft\")", simulator::SIM_PUBLIC_CLIENT_ID);
    match &cfg.built_in_client {
        Some(id) => {
            println!("  built-in app     {id}  (this build's application ID: accepted)");
        }
        None => {
            println!("  built-in app     none in this build (set PARTNER_LENS_CLIENT_ID to give it one)");
        }
    }
    println!();
    let other =
        if c.password == "sample-password" { String::new() } else { format!(", {}'s: {}", c.username, c.password) };
    println!("  People (passwords sample-password{other}; second-factor code {}):", cfg.mfa_code);
    for t in &sim.state.directory.tenants {
        let kind = match t.partner {
            simulator::PartnerKind::DirectBill => "direct-bill partner",
            simulator::PartnerKind::IndirectProvider => "indirect provider",
            simulator::PartnerKind::IndirectReseller => "indirect reseller: no analytics",
        };
        let consent = if t.user_consent { "" } else { ", an administrator must approve apps" };
        println!("    {} ({}, {kind}{consent})", t.name, t.domain);
        for u in &t.users {
            let role = match u.insights {
                simulator::InsightsRole::ExecutiveReportViewer => "Executive report viewer",
                simulator::InsightsRole::ReportViewer => "Report viewer: revenue hidden",
                simulator::InsightsRole::None => "no Insights role",
            };
            println!("      {:<34} {}{role}", u.username, if u.admin { "administrator, " } else { "" });
        }
    }
    println!();
    println!(
        "  data (seed {})    {} subscriptions, {} Azure usage rows, {} resellers, {} searches, {} referrals",
        cfg.seed, sizes.subscriptions, sizes.usage, sizes.resellers, sizes.search, sizes.referrals
    );
    if !cfg.faults.is_off() {
        println!("  faults           {}", a.faults.as_deref().unwrap_or(""));
    }
    println!("  multi-factor     {}", if cfg.mfa_enforced { "enforced (password sign-in refused)" } else { "off" });
    println!(
        "  app-only tokens  {}",
        if cfg.app_only { "accepted (2018 rules)" } else { "refused by the APIs (today's rules)" }
    );
    println!();
    // A person's token, signed in through the simulator's own pages, for trying the API by hand.
    let who = a.token_for.clone().unwrap_or_else(|| c.username.clone());
    match sim.user_tokens(&sim.person_named(&who)).await {
        Ok((token, _)) => {
            println!("Try it (a token for {who}, valid an hour):");
            println!("  TOKEN={token}");
        }
        Err(e) => {
            println!("No token for {who}: {e}");
        }
    }
    println!(
        "  curl -H \"Authorization: Bearer $TOKEN\" \"{url}/partner/v1/analytics/subscriptions?groupby=subscriptionType&top=5\""
    );
    println!();
    println!("Press Ctrl+C to stop.");
    let _ = o.flush();
    drop(o);
    let _ = tokio::signal::ctrl_c().await;
    drop(sim);
    Ok(())
}

#[derive(Args, Debug)]
pub struct SimSignInArgs {
    /// The page a sign-in opened (authorize, admin consent or /devicelogin?user_code=…).
    pub url: String,
    /// Who signs in (one of the simulator's people).
    #[arg(long, default_value = "alex@contoso.onmicrosoft.com")]
    pub user: String,
    #[arg(long, default_value = "sample-password")]
    pub password: String,
    /// The second factor's code.
    #[arg(long, default_value = "123456")]
    pub code: String,
    /// Refuse the app's request for permissions instead of accepting it.
    #[arg(long)]
    pub decline: bool,
}

/// Plays a browser on the simulator's pages, then follows the last redirect back to the app
/// (its loopback address), as a browser would.
pub async fn sign_in(a: SimSignInArgs) -> Result<(), ServiceError> {
    let who = simulator::browser::Person { username: a.user, password: a.password, otp: a.code, consent: !a.decline };
    match simulator::browser::sign_in(&a.url, &who)
        .await
        .map_err(|e| usage(format!("The sign-in pages could not be followed: {e}")))?
    {
        simulator::browser::Ending::Redirect(to) => {
            let shown = simulator::browser::follow(&to)
                .await
                .map_err(|e| usage(format!("The app did not answer at {to}: {e}")))?;
            println!("Sent back to the app. {shown}");
        }
        simulator::browser::Ending::Page(text) => println!("{text}"),
    }
    Ok(())
}
