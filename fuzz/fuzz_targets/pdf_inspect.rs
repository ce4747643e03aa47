//! PDF inspection (a one-pager: structure, page count, limits) never panics and always ends.
#![no_main]
use cosell_domain::document::{DocumentKind, inspect};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("cosell-fuzz-pdf-{}", std::process::id()));
    if std::fs::write(&path, data).is_ok() {
        let _ = inspect(&path, DocumentKind::OnePager);
    }
});
