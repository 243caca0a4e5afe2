//! `bcfsite check`: everything a build checks, plus checks too slow or too
//! network-bound to run on every build (external links).

pub mod external;
pub mod placeholders;
pub mod plain;
pub mod rules;
