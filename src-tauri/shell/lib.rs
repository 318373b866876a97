//! The `partner-lens-window` binary: with no arguments it opens the window; with a command it
//! runs it as `partner-lens` does (lens-cli), so both take the same flags. `partner-lens` itself
//! is built without this crate and hands over here when asked for the window. This crate only
//! wires things together.

pub mod app;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "partner-lens-window",
    version,
    about = "See and report on your Partner Center data. With no command, opens the window."
)]
struct WindowCli {
    #[command(subcommand)]
    command: Option<WindowCommand>,
}

// Parsed once per process and moved straight into the command: its size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
enum WindowCommand {
    #[command(flatten)]
    Cli(lens_cli::Command),
    /// Write the window's TypeScript bindings (for developers).
    #[command(hide = true)]
    ExportBindings {
        #[arg(default_value = "ui/src/backend/bindings.ts")]
        path: std::path::PathBuf,
    },
}

/// Runs the app or a command; returns the process exit code.
pub fn main_entry() -> i32 {
    match WindowCli::parse().command {
        None => {
            app::painting::prefer_direct_painting();
            app::run()
        }
        Some(WindowCommand::Cli(cmd)) => lens_cli::run(cmd),
        Some(WindowCommand::ExportBindings { path }) => match app::bindings::export(&path) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("Error: Could not write the bindings: {e}");
                1
            }
        },
    }
}
