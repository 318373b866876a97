//! `partner-lens downloads sync|list`: the report files that arrive by themselves, for people
//! who prefer cron or Task Scheduler to keeping the window open.

use clap::Subcommand;
use lens_service::downloads::store::FileStatus;
use lens_service::downloads::sync::Quiet;
use lens_service::reports::schedule::system_zone;
use lens_service::workspace::Workspace;
use lens_service::{AppPaths, ServiceError};

use super::client_args::ClientArgs;

#[derive(Subcommand, Debug)]
pub enum DownloadsCmd {
    /// Download every completed report run not yet here, into the library folder.
    Sync {
        #[command(flatten)]
        account: ClientArgs,
    },
    /// The files downloaded so far, newest first.
    List,
}

const INLINE: &str = "inline";

pub async fn run(cmd: DownloadsCmd) -> Result<(), ServiceError> {
    let ws = Workspace::open(AppPaths::resolve())?;
    let now = chrono::Utc::now();
    match cmd {
        DownloadsCmd::Sync { account } => {
            let out = if account.is_inline() {
                let conn = account.client().await?;
                ws.add_client(INLINE, (*conn).clone());
                // Files go under the organisation's name, as a saved account's go under its own.
                let name = match conn.organization_name(&Default::default()).await {
                    Ok(Some(n)) => n,
                    _ => account.tenant.clone().unwrap_or_else(|| INLINE.into()),
                };
                ws.sync_downloads_of(INLINE, &name, now, system_zone(), &Quiet).await?
            } else if let Some(id) = &account.account {
                let a = ws.accounts().find(id)?;
                ws.sync_downloads_of(&a.id, &a.name, now, system_zone(), &Quiet).await?
            } else {
                ws.sync_downloads(now, system_zone(), &Quiet).await?
            };
            for f in &out.downloaded {
                println!("{}: {} ({} rows)", f.report_name, f.path.as_deref().unwrap_or(""), f.rows.unwrap_or(0));
            }
            for f in &out.failed {
                println!("{}: failed: {}", f.report_name, f.error.as_deref().unwrap_or(""));
            }
            for s in &out.skipped {
                eprintln!("Skipped {s}");
            }
            if out.downloaded.is_empty() && out.failed.is_empty() {
                eprintln!("Nothing new. Files go to {}.", ws.library().display());
            }
        }
        DownloadsCmd::List => {
            for f in ws.store().report_files()? {
                match f.status {
                    FileStatus::Downloaded => println!(
                        "{}  {:<28} {:>8} rows  {}",
                        f.account_name,
                        f.report_name,
                        f.rows.unwrap_or(0),
                        f.path.unwrap_or_default()
                    ),
                    FileStatus::Failed => {
                        println!("{}  {:<28} failed: {}", f.account_name, f.report_name, f.error.unwrap_or_default())
                    }
                }
            }
        }
    }
    Ok(())
}
