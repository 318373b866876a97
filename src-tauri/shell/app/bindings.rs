//! The one registry of commands. The TypeScript bindings in `ui/src/backend/bindings.ts` are
//! generated from it (`partner-lens export-bindings`), committed, and a test fails when they
//! drift from the Rust side.

use std::path::Path;

use specta_typescript::Typescript;
use tauri_specta::{Builder, collect_commands};

use super::commands::{accounts, app, downloads, explore, files, home, reports, schedules, signin, views};

/// Generic over the runtime so tests can drive the same registry on Tauri's mock runtime.
pub fn builder<R: tauri::Runtime>() -> Builder<R> {
    Builder::<R>::new()
        .commands(collect_commands![
            app::app_info,
            app::start_sample,
            app::update_settings,
            app::clear_cache,
            app::licences,
            accounts::list_accounts,
            accounts::check_account,
            accounts::add_account,
            accounts::choose_certificate_file,
            accounts::sign_in_browser,
            accounts::start_device_sign_in,
            accounts::finish_device_sign_in,
            accounts::open_link,
            accounts::sign_in_password,
            accounts::set_app_credential,
            accounts::rename_account,
            accounts::make_default_account,
            accounts::sign_out,
            accounts::remove_account,
            signin::sign_in_setup,
            signin::sign_in_new,
            signin::start_new_device_sign_in,
            signin::finish_new_device_sign_in,
            signin::admin_consent_link,
            home::home,
            home::home_tiles,
            home::snapshot_days,
            home::refresh_all,
            explore::dataset_info,
            explore::compile_filters,
            explore::parse_filter_text,
            explore::table_status,
            explore::load_dataset,
            explore::cancel_job,
            explore::explore,
            explore::rows,
            explore::field_values,
            explore::drill,
            views::list_views,
            views::save_view,
            views::delete_view,
            files::choose_save_path,
            files::export_view,
            files::save_picture,
            files::open_path,
            files::show_in_folder,
            reports::report_catalogue,
            reports::build_report_query,
            reports::preview_report,
            reports::preview_query,
            reports::create_report_from_query,
            reports::plan_report_schedule,
            reports::list_reports,
            reports::create_report,
            reports::update_report,
            reports::pause_report,
            reports::resume_report,
            reports::delete_report,
            downloads::list_downloads,
            downloads::check_downloads_now,
            downloads::retry_download,
            downloads::open_download,
            downloads::show_download,
            downloads::download_info,
            downloads::download_values,
            downloads::compile_download_filters,
            schedules::list_schedules,
            schedules::save_schedule,
            schedules::delete_schedule,
            schedules::run_schedule_now,
            schedules::schedule_history,
            schedules::choose_folder,
            app::set_start_at_login,
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
