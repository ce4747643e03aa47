//! ZIP and Office package inspection (PPTX, DOCX, XLSX: entries, bombs, content types, slide
//! counts) never panics and always ends. `Other` takes every Office format and PDF.
#![no_main]
use cosell_domain::document::{DocumentKind, inspect};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("cosell-fuzz-office-{}", std::process::id()));
    if std::fs::write(&path, data).is_ok() {
        let _ = inspect(&path, DocumentKind::PitchDeck);
        let _ = inspect(&path, DocumentKind::Other);
    }
});
