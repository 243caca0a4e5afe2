//! Any text as a page body: shortcodes, Markdown and raw-HTML cleaning.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    bcfsite::fuzzing::markdown(bytes);
});
