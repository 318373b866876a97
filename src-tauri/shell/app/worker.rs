//! The worker: in Rust, not in the web view, so it keeps going while the window is hidden in the
//! tray. Every round it downloads the report files that have arrived on every account and runs
//! the local schedules that are due, then sleeps until the next round or until woken (a report
//! just made, a schedule saved). When the service asks to wait (Retry-After) or cannot be
//! reached, the rounds space out, up to a quarter of an hour.

use std::sync::Arc;
use std::time::Duration;

use lens_service::Workspace;
use lens_service::downloads::sync::Notifier;
use lens_service::reports::schedule::system_zone;
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;
use tokio::sync::Notify;

const LONGEST: u64 = 900;

/// A round a minute; `PARTNER_LENS_POLL_SECS` for tests and the fast-clock sample mode.
fn every() -> u64 {
    std::env::var("PARTNER_LENS_POLL_SECS").ok().and_then(|v| v.trim().parse().ok()).filter(|s| *s > 0).unwrap_or(60)
}

/// Desktop notifications (tauri-plugin-notification). Where no notification service runs
/// (a bare X server), the failure is logged and nothing else happens.
pub struct Desktop<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> Notifier for Desktop<R> {
    fn notify(&self, title: &str, body: &str) {
        tracing::info!(title, body, "notification");
        if let Err(e) = self.0.notification().builder().title(title).body(body).show() {
            tracing::warn!("a notification could not be shown: {e}");
        }
    }
}

/// Starts the worker; `wake` starts a round at once.
pub fn start<R: Runtime>(app: AppHandle<R>, ws: Arc<Workspace>, wake: Arc<Notify>) {
    tauri::async_runtime::spawn(async move {
        let base = every();
        let mut wait = base;
        loop {
            let notifier = Desktop(app.clone());
            let tz = system_zone();
            match ws.sync_downloads(chrono::Utc::now(), tz, &notifier).await {
                Ok(out) => {
                    for s in &out.skipped {
                        tracing::info!("downloads skipped {s}");
                    }
                    wait = match out.retry_after {
                        Some(r) => (r as u64).max(base).min(LONGEST),
                        None if !out.skipped.is_empty() => (wait * 2).clamp(base, LONGEST),
                        None => base,
                    };
                }
                Err(e) => {
                    tracing::warn!("downloads could not be checked: {}", e.message);
                    wait = (wait * 2).clamp(base, LONGEST);
                }
            }
            if let Err(e) = ws.run_due(chrono::Utc::now(), tz, &notifier).await {
                tracing::warn!("schedules could not run: {}", e.message);
            }
            super::tray::refresh(&app, &ws);
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(wait)) => {}
                _ = wake.notified() => {}
            }
        }
    });
}
