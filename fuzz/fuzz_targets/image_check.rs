//! Image checks: the logo rules (PNG/JPEG, sizes) and the diagram inspection (PNG, JPEG, SVG,
//! VSDX) never panic and always end.
#![no_main]
use cosell_domain::document::{DocumentKind, inspect};
use cosell_domain::org::inspect_logo;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = inspect_logo(data);
    let path = std::env::temp_dir().join(format!("cosell-fuzz-image-{}", std::process::id()));
    if std::fs::write(&path, data).is_ok() {
        let _ = inspect(&path, DocumentKind::ReferenceArchitecture);
    }
});
