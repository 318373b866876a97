//! The `partner-lens` binary: with no arguments it opens the window; with a subcommand it is a
//! command-line tool over the same core crates. This crate only wires things together.

pub mod app;
pub mod cli;
pub mod logging;

/// Runs the app or a command; returns the process exit code.
pub fn main_entry() -> i32 {
    use clap::Parser;
    let args = cli::Cli::parse();
    match args.command {
        None => app::run(),
        Some(cmd) => cli::run(cmd),
    }
}
