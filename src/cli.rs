//! The command line, as the SPEC fixes it (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::visibility::Audience;

#[derive(Debug, Parser)]
#[command(name = "bcfsite", version, about = "Build accessible Better Care Fund transparency sites from Markdown and YAML", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder (SITE/public by default)
    Build {
        /// The site folder, holding content/
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Where to write the site (a members' build must name one)
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Who the build is for
        #[arg(long, value_enum, default_value_t = Audience::Public)]
        audience: Audience,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// The time embargoes are compared with (RFC 3339); default: now
        #[arg(long, value_parser = parse_now)]
        now: Option<time::OffsetDateTime>,
        /// Override base_url from site.yaml
        #[arg(long)]
        base_url: Option<String>,
        /// Print the time spent in each stage
        #[arg(long)]
        timings: bool,
    },
    /// Build the site and serve it on a local address
    Serve {
        #[arg(default_value = ".")]
        site: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        #[arg(long, value_enum, default_value_t = Audience::Public)]
        audience: Audience,
        #[arg(long)]
        drafts: bool,
        /// Preview the site as it will be at this time (RFC 3339), e.g. after an
        /// embargo lifts; default: the time serve started
        #[arg(long, value_parser = parse_now)]
        now: Option<time::OffsetDateTime>,
    },
    /// Check the site for errors without writing anything
    Check {
        #[arg(default_value = ".")]
        site: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors
        #[arg(long)]
        strict: bool,
        /// Also check links to other sites (needs the network; 10 s timeout each)
        #[arg(long)]
        external: bool,
        /// The time embargoes and future figures are judged by (RFC 3339); default: now
        #[arg(long, value_parser = parse_now)]
        now: Option<time::OffsetDateTime>,
    },
    /// Scan a built site for confidential passages
    Audit {
        output_dir: PathBuf,
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Decide what is withheld as a build at this time would (RFC 3339); give
        /// the same --now as the build being audited
        #[arg(long, value_parser = parse_now)]
        now: Option<time::OffsetDateTime>,
    },
    /// Create a starter site in a new folder
    Init {
        dir: PathBuf,
        /// Also add a CI recipe that checks pull requests and publishes the public build
        #[arg(long, value_enum)]
        ci: Option<crate::init::Ci>,
    },
    /// Make a new page or data file with every required key filled in or marked
    New {
        /// What to make
        #[arg(value_enum)]
        kind: crate::new::Kind,
        /// Its title (pages, papers, appendices and feedback need one)
        title: Option<String>,
        /// The folder under content/ to put it in (an appendix: its paper's folder)
        #[arg(long)]
        section: Option<String>,
        /// The site folder, holding content/
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// The date to write (YYYY-MM-DD); default: today
        #[arg(long, value_parser = parse_date)]
        date: Option<time::Date>,
    },
    /// Write static/admin/ for browser editing with Decap CMS, from bcfsite's own schemas
    Cms {
        /// The site folder, holding content/
        #[arg(default_value = ".")]
        site: PathBuf,
        /// A local copy of Decap's decap-cms.js to serve from the site instead of unpkg.com
        #[arg(long)]
        vendor: Option<PathBuf>,
    },
    /// Import a national BCF workbook (.xlsx, .xlsm, .ods), or one of its tables as CSV, to YAML
    Import {
        /// The workbook, or a CSV table with --table
        input: PathBuf,
        /// The folder the YAML files are written to
        #[arg(long, default_value = "content/data")]
        into: PathBuf,
        /// The template: auto (from the Cover sheet), 2023-25, 2024-25, 2025-26, 2023-24-year-end, 2024-25-year-end, or a profile file
        #[arg(long, default_value = "auto", value_parser = crate::import::ProfileChoice::parse)]
        profile: crate::import::ProfileChoice,
        /// Which table of the template a CSV file is
        #[arg(long, value_enum)]
        table: Option<crate::import::table::Table>,
        /// Print what would be written, and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Replace files that are already there
        #[arg(long)]
        force: bool,
        /// Read hidden sheets, rows and columns too (they are refused by default)
        #[arg(long)]
        include_hidden: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: each problem with its line and how to fix it.
    Human,
    /// One JSON document: `{"errors": [...], "warnings": [...]}`.
    Json,
    /// GitHub Actions annotations, shown on the pull request's lines.
    Github,
    /// SARIF 2.1.0, for other forges' code scanning.
    Sarif,
}

fn parse_now(s: &str) -> Result<time::OffsetDateTime, String> {
    crate::content::front_matter::Moment::parse(s)
        .map(|m| m.0)
        .ok_or_else(|| format!("`{s}` is not a date and time; write e.g. 2024-11-12T09:00:00Z"))
}

fn parse_date(s: &str) -> Result<time::Date, String> {
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]"))
        .map_err(|_| format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2024-11-12"))
}
