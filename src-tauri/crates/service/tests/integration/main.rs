//! The services' integration tests, as one binary: each test binary links all of polars (~270 MB
//! in a debug build), so one binary instead of one per file saves disk and link time.

mod accounts;
mod crash;
mod crash_report;
mod demo;
mod first_sign_in;
mod full_disk;
mod fuzz;
mod home;
mod insights_catalogue;
mod page_order;
mod reports;
mod round_trip;
mod server_equality;
mod sim;
