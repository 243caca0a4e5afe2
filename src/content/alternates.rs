//! Other formats of a page: `alternates: [{format, url or page}]` on a page, and
//! `format:` on the alternate itself (an easy read page is `format: easy_read`).
//! What the links say and where they go is `src/render/alternates.rs`.

use serde::{Deserialize, Serialize};

/// The formats a page may be offered in besides the standard one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    EasyRead,
    Bsl,
    Audio,
    LargePrint,
}

impl Format {
    /// The visible link to a version in this format.
    pub fn link_words(self) -> &'static str {
        match self {
            Format::EasyRead => "Easy read version",
            Format::Bsl => "British Sign Language (BSL) version",
            Format::Audio => "Audio version",
            Format::LargePrint => "Large print version",
        }
    }
}

/// Another format of this page: a page of the site (`page: /plan/carers-easy-read/`,
/// its address) or anywhere else (`url: https://...`, a video or a recording).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Alternate {
    pub format: Format,
    pub url: Option<String>,
    pub page: Option<String>,
}
