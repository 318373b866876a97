//! `partner-lens schedule list|add|remove|run|run-due`: the window's local schedules for saved
//! views, from the command line (for cron or Task Scheduler: `run-due` runs what is due once).

use clap::{Args, Subcommand};
use lens_service::downloads::sync::Quiet;
use lens_service::reports::schedule::system_zone;
use lens_service::schedules::parse_cadence;
use lens_service::schedules::store::{LocalSchedule, OutputFormat};
use lens_service::workspace::Workspace;
use lens_service::{AppPaths, ServiceError};

#[derive(Subcommand, Debug)]
pub enum ScheduleCmd {
    /// The schedules, their next and last run.
    List,
    /// Add (or change) a schedule for a saved view.
    Add(AddArgs),
    Remove {
        name: String,
    },
    /// Run a schedule now.
    Run {
        name: String,
    },
    /// Run every schedule that is due (once each, however long since).
    RunDue,
}

#[derive(Args, Debug)]
pub struct AddArgs {
    pub name: String,
    /// The saved view to run (from Explore).
    #[arg(long)]
    pub view: String,
    #[arg(long)]
    pub account: String,
    /// daily, weekly:0 (Monday) … weekly:6, or monthly:1 … monthly:31.
    #[arg(long, default_value = "daily")]
    pub every: String,
    /// Local time of day.
    #[arg(long, default_value = "07:00")]
    pub time: String,
    /// csv, xlsx or png.
    #[arg(long, default_value = "xlsx")]
    pub format: String,
    #[arg(long)]
    pub folder: std::path::PathBuf,
}

pub async fn run(cmd: ScheduleCmd) -> Result<(), ServiceError> {
    let ws = Workspace::open(AppPaths::resolve())?;
    let (now, tz) = (chrono::Utc::now(), system_zone());
    match cmd {
        ScheduleCmd::List => {
            let rows = ws.schedule_rows(now, tz)?;
            if rows.is_empty() {
                println!(
                    "No schedules yet. Add one with: partner-lens schedule add NAME --view VIEW --account ACCOUNT --folder DIR"
                );
            }
            for r in rows {
                let last = r.last_run.map(|l| if l.ok { l.message } else { format!("failed: {}", l.message) });
                println!(
                    "{:<24} {:<36} next: {:<24} last: {}",
                    r.schedule.name,
                    r.summary,
                    r.next_run.unwrap_or_else(|| "paused".into()),
                    last.unwrap_or_else(|| "never".into())
                );
            }
        }
        ScheduleCmd::Add(a) => {
            let cadence = parse_cadence(&a.every).ok_or_else(|| {
                ServiceError::usage(
                    "--every takes daily, weekly:0 to weekly:6 (Monday is 0) or monthly:1 to monthly:31",
                )
            })?;
            let format = match a.format.to_ascii_lowercase().as_str() {
                "csv" => OutputFormat::Csv,
                "xlsx" => OutputFormat::Xlsx,
                "png" => OutputFormat::Png,
                other => return Err(ServiceError::usage(format!("--format takes csv, xlsx or png, not \"{other}\""))),
            };
            let account = ws.accounts().find(&a.account)?.id;
            let s = LocalSchedule {
                name: a.name,
                view: a.view,
                account,
                cadence,
                time: a.time,
                format,
                folder: a.folder.display().to_string(),
                paused: false,
            };
            ws.save_schedule(&s, now)?;
            println!("Saved schedule {}.", s.name);
        }
        ScheduleCmd::Remove { name } => {
            ws.delete_schedule(&name)?;
            println!("Removed schedule {name}.");
        }
        ScheduleCmd::Run { name } => {
            let r = ws.run_schedule(&name, now, tz).await?;
            if !r.ok {
                return Err(ServiceError::usage(r.message));
            }
            println!("{}", r.message);
        }
        ScheduleCmd::RunDue => {
            let runs = ws.run_due(now, tz, &Quiet).await?;
            if runs.is_empty() {
                println!("Nothing is due.");
            }
            for r in runs {
                println!("{}: {}{}", r.schedule, if r.ok { "" } else { "failed: " }, r.message);
            }
        }
    }
    Ok(())
}
