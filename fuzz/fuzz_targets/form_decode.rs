//! Form decoding as the pages do it: the url-encoded pairs, the control-character rule on
//! every value, then a typed form with lists and optional fields. Never panics.
#![no_main]
use cosell_domain::field::control_free;
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
#[allow(dead_code)]
struct SolutionForm {
    csrf: String,
    version: Option<i64>,
    geographies: Vec<String>,
    solution_areas: Vec<String>,
    pitch: String,
    landing_page: Option<String>,
    confirmed: Option<String>,
}

fuzz_target!(|data: &[u8]| {
    if let Ok(pairs) = serde_html_form::from_bytes::<Vec<(String, String)>>(data) {
        for (field, value) in &pairs {
            let _ = control_free(field, value);
        }
    }
    let _ = serde_html_form::from_bytes::<SolutionForm>(data);
});
