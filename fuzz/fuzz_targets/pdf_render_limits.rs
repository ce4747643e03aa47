//! The thumbnail renderer's input limits (page size, image pixels, form nesting, judged on page
//! 1 before anything is decoded) never panic and always end, whatever the bytes.
#![no_main]
use cosell_domain::document::pdf_render_limits::check_first_page;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = check_first_page(data.to_vec());
});
