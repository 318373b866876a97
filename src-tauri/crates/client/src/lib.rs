//! The Partner Center client: requests with retries, throttling and token refresh; Analytics
//! pages parsed straight into columns and fetched in parallel, in order; the Insights API.
//! No Tauri here: tests and the command line drive it against the simulator.

pub mod analytics;
pub mod error;
pub mod http;
pub mod insights;
pub mod limiter;
pub mod notice;
pub mod page;
pub mod paging;
pub mod profile;
pub mod retry;
pub mod token;

#[cfg(test)]
mod fuzz_tests;

pub use error::{ClientError, ErrorKind, Phase};
pub use http::{Answer, Call, Client, ClientConfig, http_client};
pub use page::{Page, PageSchema, parse_page};
pub use paging::{FetchSummary, PageSink, Progress};
pub use retry::RetryPolicy;
pub use token::{AccessToken, SharedTokens, StaticToken, TokenProvider};
