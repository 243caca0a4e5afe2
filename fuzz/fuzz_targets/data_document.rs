//! Any bytes as a YAML data document (plan, metrics, quarter) or site.yaml.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    bcfsite::fuzzing::data_document(bytes);
});
