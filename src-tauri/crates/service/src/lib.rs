//! What the app does, without a window: demo mode, accounts and their clients, fetching data
//! sets into tables and answering questions about them. The command line and the Tauri shell
//! are thin layers over this crate.

pub mod access;
pub mod account_views;
pub mod accounts;
pub mod claims;
pub mod crash;
pub mod demo;
pub mod describe;
pub mod downloads;
pub mod error;
pub mod explore;
pub mod export;
pub mod fetch;
pub mod file_source;
pub mod first_sign_in;
pub mod home;
pub mod inline;
pub mod insights;
pub mod labels;
pub mod output;
pub mod paths;
pub mod question;
pub mod refresh;
pub mod reports;
pub mod saved_views;
pub mod schedules;
pub mod server_grouping;
pub mod settings;
pub mod signins;
pub mod simulator;
pub mod snapshots;
pub mod store;
pub mod to_file;
pub mod workspace;

pub use account_views::AccountView;
pub use accounts::{Accounts, Connection};
pub use describe::{DatasetInfo, FieldInfo, LoadProgress, dataset_info};
pub use error::{Action, ErrorCode, ServiceError};
pub use fetch::{FetchReport, Table, fetch_table};
pub use lens_auth::{Account, Cloud, SignInMethod};
pub use lens_client::Client;
/// Where a slow or failing service is told to a person waiting (the command line: stderr).
pub use lens_client::notice::listen as listen_for_notices;
pub use lens_engine::memory::on_every_engine_thread;
pub use lens_engine::{DateAxis, Metric, Period};
pub use lens_model::dataset::DatasetId;
pub use paths::AppPaths;
pub use tokio_util::sync::CancellationToken;
pub use url::Url;
pub use workspace::Workspace;
