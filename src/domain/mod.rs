//! The program's rules: pure values and functions, no I/O and no async.

pub mod field;
pub mod org;
pub mod reference;
pub mod roles;
