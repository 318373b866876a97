//! The commands the window calls. Each converts its arguments, calls one function of
//! lens-service and converts the result; no logic lives here.

pub mod accounts;
pub mod app;
pub mod downloads;
pub mod explore;
pub mod files;
pub mod home;
pub mod reports;
pub mod schedules;
pub mod signin;
pub mod views;
