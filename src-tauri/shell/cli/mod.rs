//! The command line: `partner-lens sim`, `partner-lens fetch`, … Each command parses its
//! flags, calls the core crates and prints plain words; errors exit with status 1.

mod accounts;
mod aggregate;
mod client_args;
mod downloads;
mod fetch;
mod home;
mod insights;
mod question_args;
mod schedule;
mod sim;

use clap::{Parser, Subcommand};
use lens_service::{AppPaths, ServiceError};

#[derive(Parser, Debug)]
#[command(
    name = "partner-lens",
    version,
    about = "See and report on your Partner Center data. With no command, opens the window."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the Partner Center simulator alone (synthetic data, test sign-in, faults on demand).
    Sim(sim::SimArgs),
    /// Fetch an Analytics data set, optionally grouped by period, into a file.
    Fetch(fetch::FetchArgs),
    /// Group a file on disk (a report download, a fetched table) by fields and period.
    Aggregate(aggregate::AggregateArgs),
    /// What Home shows: headlines, the biggest movers, the renewal radar, what changed.
    Home(home::HomeArgs),
    /// Add, list and remove accounts.
    #[command(subcommand)]
    Accounts(accounts::AccountsCmd),
    /// Sign in to an account (browser, device code, password or app secret).
    Signin(accounts::SigninArgs),
    /// Report files that arrive by themselves: fetch the new ones, list them.
    #[command(subcommand)]
    Downloads(downloads::DownloadsCmd),
    /// Local schedules for saved views (list, add, run, run-due for cron).
    #[command(subcommand)]
    Schedule(schedule::ScheduleCmd),
    /// The Partner Insights API: data sets, queries, reports, executions, downloads.
    Insights(insights::InsightsArgs),
    /// Write the window's TypeScript bindings (for developers).
    #[command(hide = true)]
    ExportBindings {
        #[arg(default_value = "ui/src/backend/bindings.ts")]
        path: std::path::PathBuf,
    },
}

pub fn run(cmd: Command) -> i32 {
    let paths = AppPaths::resolve();
    let _guard = crate::logging::init(&paths.logs, true);
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("Could not start: {e}");
            return 1;
        }
    };
    let result = rt.block_on(async {
        match cmd {
            Command::Sim(a) => sim::run(a).await,
            Command::Fetch(a) => fetch::run(a).await,
            Command::Aggregate(a) => aggregate::run(a).await,
            Command::Home(a) => home::run(a).await,
            Command::Accounts(a) => accounts::run(a).await,
            Command::Signin(a) => accounts::signin(a).await,
            Command::Insights(a) => insights::run(a).await,
            Command::Downloads(a) => downloads::run(a).await,
            Command::Schedule(a) => schedule::run(a).await,
            Command::ExportBindings { path } => crate::app::bindings::export(&path)
                .map_err(|e| ServiceError::internal(format!("Could not write the bindings: {e}"))),
        }
    });
    match result {
        Ok(()) => 0,
        Err(e) => {
            report(&e);
            1
        }
    }
}

/// Prints an error the way a person reads it: the sentence, then the detail for support.
pub fn report(e: &ServiceError) {
    eprintln!("Error: {}", e.message);
    let hint = match e.action {
        Some(lens_service::Action::SignIn) => Some("Sign in again and retry."),
        Some(lens_service::Action::Retry) => Some("Try again in a moment."),
        // The message says what is wrong with what was typed; nothing to add.
        Some(lens_service::Action::EditFilter) => None,
        Some(lens_service::Action::OpenSettings) => Some("Check the account settings (tenant, client ID, secret)."),
        None => None,
    };
    if let Some(h) = hint {
        eprintln!("       {h}");
    }
    if let Some(d) = &e.detail {
        eprintln!("       For support: {d}.");
    }
}
