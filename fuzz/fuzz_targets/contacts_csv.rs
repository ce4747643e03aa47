//! The contacts CSV parser never panics, and what it accepts writes back and reads again the
//! same.
#![no_main]
use cosell_domain::contacts_csv::{parse, write};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let geographies = vec!["NL".to_string(), "DE".to_string()];
    if let Ok(contacts) = parse(text, &geographies) {
        let again = parse(&write(&contacts), &geographies).expect("what was accepted reads again");
        assert_eq!(again, contacts);
    }
});
