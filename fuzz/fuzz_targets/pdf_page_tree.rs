//! Counting the leaves of a PDF's page tree (nested trees, cycles, deep chains, kids that are
//! no references) never panics, never recurses past its limit and always ends.
#![no_main]
use cosell_domain::document::pdf_page_tree::count_leaves;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = count_leaves(data.to_vec());
});
