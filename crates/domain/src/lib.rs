//! The program's rules: pure values and functions, no I/O and no async (document inspection
//! reads the uploaded file it is given). A crate of its own, so that the fuzz targets build
//! without the web server, and so that nothing here can reach the database or the network.
//! With the `sqlx` feature, its codes and ids read from and bind to database rows; with the
//! `openapi` feature, the schemas of its codes and limits for the portal's OpenAPI document.

pub mod codes;
pub mod contacts_csv;
pub mod document;
pub mod event;
pub mod field;
pub mod forecast;
pub mod ids;
pub mod money;
pub mod offer;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod org;
pub mod reference;
pub mod referral;
pub mod revenue_csv;
pub mod review;
pub mod roles;
pub mod solution;
pub mod spreadsheet;
pub mod status;
pub mod status_story;

#[cfg(feature = "sqlx")]
mod sqlx_codes;
