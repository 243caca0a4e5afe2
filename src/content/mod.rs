//! Pages written in Markdown: front matter, the Markdown itself, and slugs.

pub mod abbr;
pub mod alternates;
pub mod decisions;
pub mod front_matter;
pub mod history;
pub mod html;
pub mod markdown;
pub mod meetings;
pub mod page_kind;
pub mod shortcodes;
pub mod slug;
