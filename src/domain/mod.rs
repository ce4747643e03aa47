//! The program's rules: pure values and functions, no I/O and no async.

pub mod contacts_csv;
pub mod document;
pub mod field;
pub mod ids;
pub mod money;
pub mod offer;
pub mod org;
pub mod reference;
pub mod revenue_csv;
pub mod review;
pub mod roles;
pub mod solution;
pub mod status;
pub mod status_story;
