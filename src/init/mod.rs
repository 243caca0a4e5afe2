//! `bcfsite init DIR [--ci github|gitlab|azure]`: a small starter site that builds,
//! showing each kind of page and the data pages (a plan, two measures and a quarterly
//! return, all marked illustrative), and optionally a CI recipe that checks pull
//! requests and publishes the public build.
//!
//! The starter's files are in `src/init/starter/` and the recipes in `src/init/ci/`,
//! compiled into the binary, so that what `init` writes can be read (and tested) as
//! files.

use std::fs;
use std::path::Path;

use crate::diagnostic::Diagnostic;

const STARTER: &[(&str, &str)] = &[
    (
        "content/site.yaml",
        "title: Our Better Care Fund\nbase_url: https://bcf.example.gov.uk/\nlanguage: en-GB\nlicence: OGL-UK-3.0\narea:\n  name: Our area\n  board: Our Health and Wellbeing Board\n  population:\n    aged_65_plus: 100000\ncontact:\n  name: Adult Services, Our Council\n  email: bcf@example.gov.uk\n",
    ),
    (
        "content/glossary.yaml",
        "BCF: Better Care Fund\nNHS: National Health Service\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: Our Better Care Fund\nsummary: How the council and the NHS spend the Better Care Fund together, and what it achieves.\n---\n\nThe Better Care Fund (BCF) brings council and NHS money together so that people get joined-up care.\n\nThe figures on this starter site are illustrative: replace the files in `content/data/` with your own plan, measures and quarterly returns.\n\n## Find out more\n\n- [About the fund](/about/)\n- [Where the money goes](/plans/)\n- [Are we on track?](/metrics/)\n- [Board papers](/papers/)\n",
    ),
    (
        "content/about/_index.md",
        "---\ntitle: About the Better Care Fund\nsummary: What the fund is for and who decides how it is spent.\n---\n\nThe Health and Wellbeing Board agrees the plan each year.\n",
    ),
    (
        "content/papers/_index.md",
        "---\ntitle: Board papers\nsummary: Reports to the Health and Wellbeing Board about the fund.\n---\n",
    ),
    (
        "content/papers/2024-11-12-update/index.md",
        "---\ntitle: Better Care Fund update\nsummary: Where the fund stood halfway through the year.\nkind: paper\ndate: 2024-11-12\nmeeting:\n  board: Our Health and Wellbeing Board\n  date: 2024-11-12\n---\n\n## What the report says\n\nSpending is on track. The detailed figures are in a confidential appendix.\n",
    ),
    (
        "content/papers/2024-11-12-update/appendix-a.md",
        "---\ntitle: Quarter 2 finance report\nkind: appendix\nappendix: A\nconfidential: true\nexempt_paragraph: 3\n---\n\nThis appendix is for board members only. It is listed on the paper but never published.\n",
    ),
    (
        "content/data/plan.yaml",
        include_str!("starter/content/data/plan.yaml"),
    ),
    (
        "content/data/metrics.yaml",
        include_str!("starter/content/data/metrics.yaml"),
    ),
    (
        "content/data/quarter-2025-26-q2.yaml",
        include_str!("starter/content/data/quarter-2025-26-q2.yaml"),
    ),
];

/// Where a site is checked and published from, for `init --ci`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Ci {
    /// GitHub Actions, publishing to GitHub Pages.
    Github,
    /// GitLab CI, publishing to GitLab Pages.
    Gitlab,
    /// Azure Pipelines, publishing to Azure Static Web Apps.
    Azure,
}

impl Ci {
    /// The recipe's path in the site and its text.
    pub fn recipe(self) -> (&'static str, &'static str) {
        match self {
            Ci::Github => (
                ".github/workflows/bcfsite.yml",
                include_str!("ci/github.yml"),
            ),
            Ci::Gitlab => (".gitlab-ci.yml", include_str!("ci/gitlab.yml")),
            Ci::Azure => ("azure-pipelines.yml", include_str!("ci/azure.yml")),
        }
    }
}

/// Writes the starter site into `dir`, which must be new or empty, with the CI
/// recipe if one is asked for. Returns the number of files written.
pub fn init(dir: &Path, ci: Option<Ci>) -> Result<usize, Diagnostic> {
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(Diagnostic::error(
            "init-not-empty",
            format!("{} already exists and is not empty", dir.display()),
        )
        .with_help("choose a new folder name; bcfsite init never overwrites files"));
    }
    let files: Vec<(&str, &str)> = STARTER.iter().copied().chain(ci.map(Ci::recipe)).collect();
    for (rel, text) in &files {
        let path = dir.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&path, text));
        if let Err(e) = written {
            return Err(Diagnostic::error(
                "init-failed",
                format!("cannot write {}: {e}", path.display()),
            ));
        }
    }
    Ok(files.len())
}
