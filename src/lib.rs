//! cosell: a partner portal for co-selling. See `docs/ARCHITECTURE.md` for the map.
#![recursion_limit = "512"]
// Bad input answers 4xx, never a panic: no `unwrap`/`expect` outside tests (clippy.toml).
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod api;
pub mod auth;
pub mod backup;
#[cfg(feature = "bench")]
pub mod bench_fill;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub use cosell_domain as domain;
pub mod error;
pub mod http;
pub mod i18n;
pub mod mailer;
pub mod memory;
pub mod private_files;
pub mod routes;
pub mod secret;
pub mod services;
pub mod startup;
pub mod state;
pub mod storage;
pub mod telemetry;
pub mod thumbnail;
pub mod web;
