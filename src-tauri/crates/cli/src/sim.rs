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
    println!("  client id        {}", c.client_id);
    println!("  client secret    {}", c.secret);
    println!("  user name        {}", c.username);
    println!("  password         {}", c.password);
    println!();
    println!(
        "  data (seed {})    {} subscriptions, {} Azure usage rows, {} resellers, {} searches, {} referrals",
        cfg.seed, sizes.subscriptions, sizes.usage, sizes.resellers, sizes.search, sizes.referrals
    );
    if !cfg.faults.is_off() {
        println!("  faults           {}", a.faults.as_deref().unwrap_or(""));
    }
    println!("  multi-factor     {}", if cfg.mfa_enforced { "enforced (password sign-in refused)" } else { "off" });
    println!();
    println!("Try it:");
    println!(
        "  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id={} -d client_secret={} -d resource=https://api.partnercenter.microsoft.com {url}/{}/oauth2/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')",
        c.client_id, c.secret, c.tenant
    );
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
