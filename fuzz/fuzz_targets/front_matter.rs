//! Any bytes as a Markdown page: splitting and parsing front matter must give a value
//! or diagnostics, never panic, and every diagnostic must render.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    bcfsite::fuzzing::front_matter(bytes);
});
