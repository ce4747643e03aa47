//! The revenue CSV parser never panics and always ends.
#![no_main]
use cosell_domain::revenue_csv::parse;
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let orgs = HashMap::from([("4412345".to_string(), 1), ("1234567".to_string(), 2)]);
    let offers = HashMap::from([(1, 1), (2, 2)]);
    let _ = parse(text, &orgs, &offers);
});
