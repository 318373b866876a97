//! What the app does, without a window: demo mode, accounts and their clients, fetching data
//! sets into tables and answering questions about them. The command line and the Tauri shell
//! are thin layers over this crate.

pub mod accounts;
pub mod answer;
pub mod demo;
pub mod error;
pub mod export;
pub mod fetch;
pub mod paths;
pub mod views;
pub mod workspace;

pub use accounts::Accounts;
pub use answer::{Answer, ask};
pub use error::{Action, ServiceError};
pub use fetch::{FetchReport, Table, fetch_table};
pub use lens_auth::{Account, SignInMethod};
pub use paths::AppPaths;
pub use views::{AccountView, DatasetInfo, FieldInfo, LoadProgress, dataset_info};
pub use workspace::Workspace;
