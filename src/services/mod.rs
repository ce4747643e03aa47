//! One function per use case; pages, the API and the command line all call these.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod catalog;
pub mod documents;
pub mod edits;
pub mod forecast;
pub mod invitations;
pub mod mail;
pub mod notices;
pub mod offers;
pub mod operations;
pub mod orgs;
pub mod referrals;
pub mod revenue;
pub mod review;
pub mod snapshot;
pub mod solutions;
pub mod status;
pub mod thumbnails;
pub mod validation;

/// Which rows of a list to read (the API asks for a page, the pages for all).
pub use crate::db::Window;
