//! `partner-lens home`: what the window's Home shows, as text or JSON: a headline per data set
//! with its change on the month before, the biggest movers, the renewal radar and what changed
//! since the last visit. The same service call the window makes.

use clap::Args;
use lens_service::workspace::{Workspace, parse_today};
use lens_service::{AppPaths, ServiceError};

use super::client_args::ClientArgs;

#[derive(Args, Debug)]
pub struct HomeArgs {
    #[command(flatten)]
    pub account: ClientArgs,
    /// The day to count months back from (`YYYY-MM-DD`); today by default.
    #[arg(long)]
    pub today: Option<String>,
    /// Use the copies of the data already on this computer where there are any.
    #[arg(long)]
    pub cached: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Customers listed under "suspended" before the list is cut (the JSON has them all).
const SHOWN: usize = 10;

fn subscriptions(n: u32) -> String {
    format!("{n} {}", if n == 1 { "subscription" } else { "subscriptions" })
}

/// The id an inline account (given by flags) is known by here.
const INLINE: &str = "inline";

pub async fn run(a: HomeArgs) -> Result<(), ServiceError> {
    let ws = Workspace::open(AppPaths::resolve())?;
    let id = match &a.account.account {
        Some(id) => ws.accounts().find(id)?.id,
        None => {
            let conn = a.account.client().await?;
            ws.add_client(INLINE, (*conn).clone());
            INLINE.to_string()
        }
    };
    let today = match &a.today {
        Some(t) => parse_today(t)?,
        None => chrono::Local::now().date_naive(),
    };
    let done = ws.refresh_all(&id, !a.cached, "cli-home", &|_| {}).await?;
    for r in done.iter().filter(|r| r.error.is_some()) {
        eprintln!("{}: {}", r.dataset.title(), r.error.as_ref().map(|e| e.message.as_str()).unwrap_or_default());
    }
    // Every data set failed: there is nothing to show, and a script (or a scheduler) must see
    // the failure in the exit code, not a Home of zeros.
    if !done.is_empty()
        && let Some(first) =
            done.iter().map(|r| r.error.as_ref()).collect::<Option<Vec<_>>>().and_then(|e| e.first().copied())
    {
        return Err(ServiceError {
            message: format!("Nothing could be fetched for Home. {}", first.message),
            ..first.clone()
        });
    }
    let h = ws.home(&id, today).await?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&h).map_err(ServiceError::internal)?);
        return Ok(());
    }
    print_text(&h);
    Ok(())
}

fn print_text(h: &lens_service::home::HomeSummary) {
    println!("{}, the last complete month", h.period);
    if let Some(s) = &h.since_last_visit {
        println!("{s}");
    }
    println!();
    for t in &h.tiles {
        let value = lens_service::home::words::number(t.value);
        println!("{}: {value}, {}", t.title, t.detail);
    }
    if !h.highlights.is_empty() {
        println!("\nHighlights");
        for x in &h.highlights {
            println!("  {}", x.sentence);
        }
    }
    if let Some(r) = &h.renewals {
        println!(
            "\nRenewal radar (auto-renew off): {} ending in 30 days, {} in 60, {} in 90",
            r.within30, r.within60, r.within90
        );
        for c in &r.customers {
            println!(
                "  {}: {}, first ends {}",
                c.customer,
                subscriptions(c.subscriptions),
                c.first_end.as_deref().unwrap_or("–")
            );
        }
        if !r.suspended.is_empty() {
            let n: u32 = r.suspended.iter().map(|c| c.subscriptions).sum();
            println!("\nSuspended now: {} at {} customers, most at", subscriptions(n), r.suspended.len());
            for c in r.suspended.iter().take(SHOWN) {
                println!("  {}: {}", c.customer, subscriptions(c.subscriptions));
            }
        }
    }
}
