//! Integration tests: the real server on a random port, on a fresh database per test
//! (a temporary SQLite file, or a new PostgreSQL database when TEST_DATABASE_URL is set).

mod fixtures;
mod helpers;

mod api_catalog;
mod api_documents;
mod api_offers_solutions;
mod api_organizations;
mod api_review;
mod api_status;
mod api_users_tokens;
mod architecture;
mod authorization;
mod backup;
mod cli;
mod daily_use_round2;
mod facts_lists;
mod footprint;
mod hardening;
mod invitations;
mod notifications;
mod operations;
mod pages_auth;
mod pages_catalog;
mod pages_checklist;
mod pages_daily_use;
mod pages_forms;
mod pages_review;
mod pages_solutions;
mod query_budget;
mod referrals;
mod request_layer;
mod revenue_import;
mod security_round2;
mod thumbnails;
mod words_not_codes;
