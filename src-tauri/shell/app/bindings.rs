//! The one registry of commands. The TypeScript bindings in `ui/src/backend/bindings.ts` are
//! generated from it (`partner-lens export-bindings`), committed, and a test fails when they
//! drift from the Rust side.

use std::path::Path;

use specta_typescript::Typescript;
use tauri_specta::{Builder, collect_commands};

use super::commands;

/// Generic over the runtime so tests can drive the same registry on Tauri's mock runtime.
pub fn builder<R: tauri::Runtime>() -> Builder<R> {
    Builder::<R>::new()
        .commands(collect_commands![
            commands::app_info,
            commands::dataset_info,
            commands::open_cached,
            commands::load_dataset,
            commands::cancel_job,
            commands::ask,
        ])
        // Our 64-bit values are timestamps and row counts, far below 2^53.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type: our types cross in one direction each.
        .disable_serde_phases()
}

const HEADER: &str = "// Generated from the Rust commands by `partner-lens export-bindings`. Do not edit.\n";

pub fn export(path: &Path) -> Result<(), String> {
    builder::<tauri::Wry>().export(Typescript::default().header(HEADER), path).map_err(|e| e.to_string())
}
