//! Any text as the grid of a workbook (sheets, rows, cells), read by `bcfsite import`
//! with every profile and table kind.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    bcfsite::fuzzing::workbook(bytes);
});
