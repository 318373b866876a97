//! The command line: `partner-lens sim`, `partner-lens fetch`, … Each command parses its
//! flags, calls the core crates and prints plain words; errors exit with status 1.
//!
//! `partner-lens` is built from this crate alone, without Tauri, so a command never loads
//! WebKitGTK and the 160-odd libraries behind it (that took 72 ms before `main`). With no
//! command it hands over to `partner-lens-window`, installed beside it, which also runs every
//! command here with the same flags.

mod accounts;
mod aggregate;
mod client_args;
mod downloads;
mod fetch;
mod home;
mod insights;
pub mod logging;
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
    /// Answer the simulator's sign-in pages at URL as one of its people would (for scripts and
    /// tests: give it as PARTNER_LENS_BROWSER).
    SimSignIn(sim::SimSignInArgs),
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
}

/// The window's binary, beside this one.
pub const WINDOW_BINARY: &str = "partner-lens-window";

/// `partner-lens`: runs a command, or with none opens the window; returns the exit code.
pub fn main_entry() -> i32 {
    use clap::Parser;
    match Cli::parse().command {
        Some(cmd) => run(cmd),
        None => open_window(),
    }
}

/// Hands over to the window's binary: on Unix the process becomes the window (same process id,
/// environment and arguments, so a launcher or a test that started `partner-lens` still holds it).
fn open_window() -> i32 {
    let window = match std::env::current_exe() {
        Ok(exe) => exe.with_file_name(format!("{WINDOW_BINARY}{}", std::env::consts::EXE_SUFFIX)),
        Err(e) => {
            eprintln!("Error: Could not find where Partner Lens is installed: {e}.");
            return 1;
        }
    };
    let mut command = std::process::Command::new(&window);
    command.args(std::env::args_os().skip(1));
    #[cfg(unix)]
    let error = {
        use std::os::unix::process::CommandExt;
        command.exec()
    };
    #[cfg(not(unix))]
    let error = match command.spawn() {
        Ok(_) => return 0,
        Err(e) => e,
    };
    if error.kind() == std::io::ErrorKind::NotFound {
        eprintln!("Error: The Partner Lens window is not installed beside this command.");
        eprintln!("       Reinstall Partner Lens, or run one of its commands (partner-lens --help).");
        eprintln!("       For support: {} was not found.", window.display());
    } else {
        eprintln!("Error: Could not open the Partner Lens window: {error}.");
    }
    1
}

pub fn run(cmd: Command) -> i32 {
    // Output into a closed pipe (`partner-lens schedule list | head -1`) ends the command
    // quietly, as it does every other command-line tool, instead of a crash report.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let paths = AppPaths::resolve();
    let _guard = logging::init(&paths.logs, true);
    // A slow or failing service is said while the command waits, not only at the end.
    lens_service::listen_for_notices(|t| eprintln!("{t}"));
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
            Command::SimSignIn(a) => sim::sign_in(a).await,
            Command::Fetch(a) => fetch::run(a).await,
            Command::Aggregate(a) => aggregate::run(a).await,
            Command::Home(a) => home::run(a).await,
            Command::Accounts(a) => accounts::run(a).await,
            Command::Signin(a) => accounts::signin(a).await,
            Command::Insights(a) => insights::run(a).await,
            Command::Downloads(a) => downloads::run(a).await,
            Command::Schedule(a) => schedule::run(a).await,
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
