//! `bcfsite new KIND [TITLE] [--section S]`: a new page or data file with every
//! required key filled in or marked, so that a comms officer starts from a file that
//! builds rather than from a blank one.
//!
//! What `new` cannot know (who gathered some feedback, how the people quoted agreed)
//! it writes as a placeholder beginning `REPLACE:`. A placeholder is an error in
//! `check` and `build` (`placeholder`), so a page cannot be published with one left
//! in. What is optional is written as a comment saying what it does. A new appendix
//! starts confidential: leaving it out of the public site by mistake is safe, the
//! other way round is not. `new` never overwrites a file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use time::Date;

use crate::content::slug::slugify;
use crate::data::period::Period;
use crate::diagnostic::{Diagnostic, SourceText};

/// What `bcfsite new` can make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A page of narrative, in a section (`--section`) or at the top.
    Page,
    /// A paper to the board: a page bundle under `papers/` named by its date.
    Paper,
    /// An appendix in a paper's bundle (`--section papers/<paper-folder>`); starts
    /// confidential.
    Appendix,
    /// What people told us, with where it came from and how they agreed.
    Feedback,
    /// A board meeting's page (time, place, webcast, minutes), under `meetings/`;
    /// its agenda is made from the papers that name it.
    Meeting,
    /// A quarterly return for the last quarter that has ended.
    Quarter,
    /// A plan of funding sources and schemes.
    Plan,
    /// A file of measures with their targets and figures.
    Metrics,
}

/// The marker of a value `new` could not know; an error until it is replaced.
pub const PLACEHOLDER: &str = "REPLACE:";

/// What was made: the file (under the site folder) and, for a page, its address.
#[derive(Debug)]
pub struct Made {
    pub path: PathBuf,
    pub url: Option<String>,
}

/// Makes a new file of `kind` in the site at `site`, dated `today`.
pub fn new(
    site: &Path,
    kind: Kind,
    title: Option<&str>,
    section: Option<&str>,
    today: Date,
) -> Result<Made, Diagnostic> {
    let content = site.join("content");
    if !content.is_dir() {
        return Err(Diagnostic::error(
            "no-content",
            format!("there is no `content` folder in {}", site.display()),
        )
        .with_help("run bcfsite new in a site folder (one holding `content/`), or make one with `bcfsite init DIR`"));
    }
    let needs_title = matches!(
        kind,
        Kind::Page | Kind::Paper | Kind::Appendix | Kind::Feedback
    );
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    if needs_title && title.is_none() {
        return Err(Diagnostic::error(
            "new-needs-title",
            format!("`bcfsite new {}` needs a title", kind_name(kind)),
        )
        .with_help(format!(
            "give it in quotes, e.g. bcfsite new {} \"Carers strategy update\"",
            kind_name(kind)
        )));
    }
    let section = section.map(|s| s.trim_matches('/').replace('\\', "/"));
    if let Some(s) = &section
        && (s.split('/').any(|p| p == ".." || p.is_empty()) || Path::new(s).is_absolute())
    {
        return Err(Diagnostic::error(
            "new-bad-section",
            format!("`{s}` is not a folder under content/"),
        )
        .with_help("give the section as a folder under content/, e.g. --section news"));
    }
    let date = iso(today);
    let (rel, text) = match kind {
        Kind::Page => {
            let t = title.unwrap_or_default();
            let dir = section.unwrap_or_default();
            (join(&dir, &format!("{}.md", slugify(t))), page(t, &date))
        }
        Kind::Paper => {
            let t = title.unwrap_or_default();
            let dir = section.unwrap_or_else(|| "papers".into());
            let board = board_of(&content);
            (
                join(&dir, &format!("{date}-{}/index.md", slugify(t))),
                paper(t, &date, &board),
            )
        }
        Kind::Appendix => {
            let t = title.unwrap_or_default();
            let Some(dir) = section.filter(|d| is_paper_bundle(&content.join(d))) else {
                return Err(Diagnostic::error(
                    "new-appendix-needs-paper",
                    "an appendix belongs to a paper: name the paper's folder with --section",
                )
                .with_help("e.g. bcfsite new appendix \"Finance report\" --section papers/2024-11-12-bcf-update"));
            };
            let label = next_label(&content.join(&dir));
            (
                join(&dir, &format!("appendix-{}.md", label.to_lowercase())),
                appendix(t, &label),
            )
        }
        Kind::Feedback => {
            let t = title.unwrap_or_default();
            let dir = section.unwrap_or_else(|| "feedback".into());
            (
                join(&dir, &format!("{}.md", slugify(t))),
                feedback(t, &date),
            )
        }
        Kind::Meeting => {
            let board = board_of(&content);
            let dir = section.unwrap_or_else(|| "meetings".into());
            let t = title.map_or_else(
                || {
                    format!(
                        "{}, {}",
                        board.trim_matches('"'),
                        crate::content::front_matter::Date(today).label()
                    )
                },
                str::to_string,
            );
            (
                join(
                    &dir,
                    &format!("{date}-{}.md", slugify(board.trim_matches('"'))),
                ),
                meeting(&t, &date, &board),
            )
        }
        Kind::Quarter => {
            let period = last_quarter_ended(today);
            let dir = section.unwrap_or_else(|| "data".into());
            (
                join(&dir, &format!("quarter-{}.yaml", period.slug())),
                quarter(period, &date, &plan_ids(&content), &metric_ids(&content)),
            )
        }
        Kind::Plan => {
            let year = financial_year(today);
            let t = title.map_or_else(
                || format!("Better Care Fund plan {}", year.label()),
                str::to_string,
            );
            let dir = section.unwrap_or_else(|| "data".into());
            (join(&dir, &format!("{}.yaml", slugify(&t))), plan(&t, year))
        }
        Kind::Metrics => {
            let dir = section.unwrap_or_else(|| "data".into());
            let name = title.map_or_else(|| "metrics".to_string(), slugify);
            (
                join(&dir, &format!("{name}.yaml")),
                metrics(financial_year(today)),
            )
        }
    };
    let path = content.join(&rel);
    if path.exists() {
        return Err(Diagnostic::error(
            "new-exists",
            format!("content/{rel} is already there"),
        )
        .with_help("bcfsite new never overwrites a file: give another title, or edit the file that is there"));
    }
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, &text));
    if let Err(e) = written {
        return Err(Diagnostic::error(
            "new-failed",
            format!("cannot write content/{rel}: {e}"),
        ));
    }
    let url = rel.ends_with(".md").then(|| page_url(&rel));
    Ok(Made {
        path: PathBuf::from("content").join(rel),
        url,
    })
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Page => "page",
        Kind::Paper => "paper",
        Kind::Appendix => "appendix",
        Kind::Feedback => "feedback",
        Kind::Meeting => "meeting",
        Kind::Quarter => "quarter",
        Kind::Plan => "plan",
        Kind::Metrics => "metrics",
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// The address a page under `content/` will have, as the build makes it.
fn page_url(rel: &str) -> String {
    let dir = crate::parse::parent_dir(rel);
    let name = rel.rsplit('/').next().unwrap_or_default();
    let folder = crate::parse::folder_url(dir);
    match name {
        "index.md" | "_index.md" => format!("/{folder}"),
        _ => format!("/{folder}{}/", slugify(name.trim_end_matches(".md"))),
    }
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// The financial year (April to March) a day falls in.
fn financial_year(d: Date) -> Period {
    let y = d.year() as u16;
    Period::year(if u8::from(d.month()) >= 4 { y } else { y - 1 })
}

/// The last quarter that has ended by `d`: returns are made after a quarter ends.
fn last_quarter_ended(d: Date) -> Period {
    let y = d.year() as u16;
    match u8::from(d.month()) {
        1..=3 => Period::quarter_of(y - 1, 3),
        4..=6 => Period::quarter_of(y - 1, 4),
        7..=9 => Period::quarter_of(y, 1),
        _ => Period::quarter_of(y, 2),
    }
}

/// A YAML string, quoted so that colons, `#` and the like are read as text.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn page(title: &str, date: &str) -> String {
    format!(
        "---\ntitle: {}\n# summary: One or two plain sentences for residents; shown under the title and in lists.\ndate: {date}\n# relates_to: [scheme-or-metric-id]   # show this page on those records' pages\n# draft: true                          # keep it out of the site until it is ready\n# confidential: true                   # never publish it (members' builds only)\n---\n\nWrite the page here, in plain English. Use headings (##) to break it up.\n",
        quoted(title)
    )
}

/// The board from site.yaml, if it can be read; a placeholder otherwise.
fn board_of(content: &Path) -> String {
    let text = std::fs::read_to_string(content.join("site.yaml")).unwrap_or_default();
    let source = SourceText {
        path: "content/site.yaml".into(),
        text: text.into(),
    };
    crate::data::settings::parse(&source)
        .ok()
        .and_then(|s| s.area.board)
        .map_or_else(
            || quoted(&format!("{PLACEHOLDER} the board the paper goes to")),
            |b| quoted(&b),
        )
}

fn paper(title: &str, date: &str, board: &str) -> String {
    format!(
        "---\ntitle: {}\nkind: paper\nsummary: {}\ndate: {date}\nmeeting:\n  board: {board}\n  date: {date}             # the date of the meeting\n# publish: {date}T09:00:00Z   # hold it back until the papers are released (embargo)\n---\n\n## Summary\n\nWrite what the paper asks the board to do, in plain English.\n\nAppendices go in this folder: bcfsite new appendix \"Title\" --section this-folder\n",
        quoted(title),
        quoted(&format!(
            "{PLACEHOLDER} one or two plain sentences for residents"
        )),
    )
}

/// True when `dir` holds a paper: an `index.md` with `kind: paper`.
fn is_paper_bundle(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("index.md"))
        .is_ok_and(|t| t.lines().any(|l| l.trim() == "kind: paper"))
}

/// The next free appendix label in a paper's folder: A, B, C, ...
fn next_label(dir: &Path) -> String {
    let used: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter_map(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("appendix:")
                    .map(|v| v.trim().trim_matches('"').to_string())
            })
        })
        .collect();
    ('A'..='Z')
        .map(String::from)
        .find(|l| !used.contains(l))
        .unwrap_or_else(|| "Z1".into())
}

fn appendix(title: &str, label: &str) -> String {
    format!(
        "---\ntitle: {}\nkind: appendix\nappendix: {label}\n# A new appendix starts confidential: the paper lists it as \"not for publication\",\n# never links it, and the public site never holds it. Remove the two lines below\n# only when the appendix may be published.\nconfidential: true\nexempt_paragraph: 3   # the Schedule 12A paragraph (1 to 7); 3 is financial or business affairs\n# title_public: false  # also withhold the title, if the title itself gives something away\n---\n\nThe appendix's text.\n",
        quoted(title)
    )
}

fn meeting(title: &str, date: &str, board: &str) -> String {
    format!(
        "---\ntitle: {}\nkind: meeting\nmeeting:\n  board: {board}\n  date: {date}             # the date of the meeting\ntime: \"10:00\"               # when it starts, UK time\nplace: {}\n# webcast: https://...       # where to watch it\n# minutes: https://...       # the minutes, once published\n---\n\nSay whether the public can attend, and how to ask the board a question. The agenda is made from the papers whose `meeting` names this board and date.\n",
        quoted(title),
        quoted(&format!("{PLACEHOLDER} where the meeting is held")),
    )
}

fn feedback(title: &str, date: &str) -> String {
    format!(
        "---\ntitle: {}\nkind: feedback\ndate: {date}\nsummary: {}\nsource:\n  organisation: {}\n  # url: https://...   # where the full report is published\nconsent: {}\n# relates_to: [scheme-id]   # the schemes, metrics or plans this feedback is about\n---\n\nWhat people told us, in their words where they agreed to be quoted.\n",
        quoted(title),
        quoted(&format!(
            "{PLACEHOLDER} one or two plain sentences for residents"
        )),
        quoted(&format!(
            "{PLACEHOLDER} who gathered this feedback, e.g. Healthwatch"
        )),
        quoted(&format!(
            "{PLACEHOLDER} how the people quoted agreed to publication"
        )),
    )
}

/// Ids defined by data files of a kind, for a quarter's examples.
fn ids_in(content: &Path, kind: &str, list: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for entry in walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
    {
        let p = entry.path();
        let is_yaml = p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        if !is_yaml || !text.lines().any(|l| l.trim() == format!("kind: {kind}")) {
            continue;
        }
        let mut in_list = list.is_empty();
        for line in text.lines() {
            if !list.is_empty() && !line.starts_with(' ') && !line.starts_with('-') {
                in_list = line.starts_with(&format!("{list}:"));
            }
            let top = if list.is_empty() {
                line.strip_prefix("id:")
            } else {
                line.trim_start()
                    .strip_prefix("- id:")
                    .or_else(|| line.trim_start().strip_prefix("- {id:"))
            };
            if in_list && let Some(rest) = top {
                let id: String = rest
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                if !id.is_empty() && !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
    }
    ids.sort();
    ids
}

fn plan_ids(content: &Path) -> Vec<String> {
    ids_in(content, "plan", "")
}

fn metric_ids(content: &Path) -> Vec<String> {
    ids_in(content, "metrics", "metrics")
}

fn quarter(period: Period, date: &str, plans: &[String], metrics: &[String]) -> String {
    let plan = plans.last().cloned().unwrap_or_else(|| {
        quoted(&format!(
            "{PLACEHOLDER} the id of the plan this return is for"
        ))
    });
    let mut out = format!(
        "# The quarterly return for {}, as submitted. The status reported for each\n# measure is what the site shows, attributed to the board.\nkind: quarter\nperiod: {period}\nplan: {plan}\nsubmitted: {date}\n# summary: One or two plain sentences for residents.\nmetrics: {{}}\n",
        period.label()
    );
    if !metrics.is_empty() {
        out.push_str("# Take the {} above away, and give each measure's status as reported:\n# on_track, not_on_track, data_not_available or not_applicable.\n");
        for id in metrics {
            let _ = writeln!(
                out,
                "#   {id}: {{status: on_track, note: \"What the return said\"}}"
            );
        }
    }
    out.push_str("# spend:   # planned and actual spend on schemes, in the plan's units\n#   scheme-id: {planned: 620, actual: 598}\n");
    out
}

fn plan(title: &str, year: Period) -> String {
    format!(
        "# A plan: where the money comes from (funding) and what it pays for (schemes),\n# by financial year. Amounts are exact: write them as the paper gives them, without\n# thousands separators. Or import the national workbook: bcfsite import plan.xlsx\nkind: plan\nid: {}\ntitle: {}\nyears: [{year}]\nunits: thousands   # or pounds\nfunding:\n  - {{id: nhs-minimum, name: NHS minimum contribution, amounts: {{{year}: 0}}}}\nschemes:\n  - id: first-scheme\n    name: {}\n    # type: the national scheme type\n    # commissioner: Joint\n    # fund: BCF\n    amounts: {{{year}: 0}}\n",
        slugify(title),
        quoted(title),
        quoted(&format!("{PLACEHOLDER} the scheme's name")),
    )
}

fn metrics(year: Period) -> String {
    format!(
        "# Measures with their targets and figures. A figure is a number, or a map with\n# its status (estimate, partial, pending) and notes: see docs/data.md.\nkind: metrics\nmetrics:\n  - id: first-measure\n    name: {}\n    plain_name: {}\n    unit: count        # count | rate_per_100k | percent | days\n    better: lower      # lower | higher\n    # basis: year_to_date   # what a quarter's figure covers; see docs/data.md\n    targets: {{{year}: 0}}\n",
        quoted(&format!("{PLACEHOLDER} the official name of the measure")),
        quoted(&format!("{PLACEHOLDER} what it means, in plain English")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn quarters_and_years_by_date() {
        assert_eq!(
            last_quarter_ended(date!(2026 - 12 - 03)).to_string(),
            "2026-27-Q2"
        );
        assert_eq!(
            last_quarter_ended(date!(2027 - 01 - 10)).to_string(),
            "2026-27-Q3"
        );
        assert_eq!(
            last_quarter_ended(date!(2026 - 04 - 01)).to_string(),
            "2025-26-Q4"
        );
        assert_eq!(financial_year(date!(2027 - 03 - 31)).to_string(), "2026-27");
        assert_eq!(financial_year(date!(2027 - 04 - 01)).to_string(), "2027-28");
    }

    #[test]
    fn addresses_as_the_build_makes_them() {
        assert_eq!(page_url("news/Carers Update.md"), "/news/carers-update/");
        assert_eq!(
            page_url("papers/2026-12-03-x/index.md"),
            "/papers/2026-12-03-x/"
        );
        assert_eq!(page_url("top.md"), "/top/");
    }

    #[test]
    fn titles_are_quoted_for_yaml() {
        assert_eq!(quoted("Plan: \"2026\""), "\"Plan: \\\"2026\\\"\"");
    }
}
