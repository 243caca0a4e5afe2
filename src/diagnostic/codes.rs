//! Every diagnostic code bcfsite can emit, in one typed registry: its severity, what
//! the command's exit code is when it is an error, and one line saying what it
//! means. `docs/diagnostics.md` explains each at length; a test holds the two to the
//! same list, another holds every code the source writes to this one, and
//! [`super::Diagnostic::error`] and [`super::Diagnostic::warning`] check, in debug
//! builds (so in every test), that the code they are given is here with that
//! severity. To add a code: a line here, a row in docs/diagnostics.md.
//!
//! (Over 500 lines: it is one list, a line or three per code; splitting it by
//! stage would make a code harder to find, not easier.)

use super::Severity;

/// What a command's exit code is when a diagnostic of this code is among its errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 1: the site (or workbook) has a problem.
    Site,
    /// 2: the command was used wrongly (a flag, a folder, a port).
    Usage,
}

/// One code.
#[derive(Clone, Copy, Debug)]
pub struct Code {
    pub code: &'static str,
    pub severity: Severity,
    pub exit: Exit,
    /// What it means, in one line.
    pub doc: &'static str,
}

const fn error(code: &'static str, doc: &'static str) -> Code {
    Code {
        code,
        severity: Severity::Error,
        exit: Exit::Site,
        doc,
    }
}

const fn warning(code: &'static str, doc: &'static str) -> Code {
    Code {
        code,
        severity: Severity::Warning,
        exit: Exit::Site,
        doc,
    }
}

const fn usage(code: &'static str, doc: &'static str) -> Code {
    Code {
        code,
        severity: Severity::Error,
        exit: Exit::Usage,
        doc,
    }
}

/// Every code, in the order docs/diagnostics.md gives them.
pub const CODES: &[Code] = &[
    error("no-content", "The site folder has no `content/` folder."),
    error(
        "unreadable-file",
        "A file or folder could not be read (permissions, a file removed during the build), or a file or folder could not be read to audit it, or `bcfsite audit` met something that is neither a file nor a folder (a FIFO, a device).",
    ),
    error(
        "not-utf8",
        "A Markdown or YAML file, or a template, is not UTF-8 text.",
    ),
    error("bad-file-name", "A file name is not valid UTF-8."),
    error(
        "case-clash",
        "Two files or folders in one folder of `content/` or `static/` have names that differ only in capital letters (`hello.md` and `Hello.md`).",
    ),
    warning(
        "backup-ignored",
        "A backup copy (a name ending `.bak`, `.backup`, `.orig`, `.rej`, `.save` or `.old`, in any case, such as `page.md.bak`) in `content/` or `static/`.",
    ),
    error(
        "page-like-asset",
        "A file that would be copied as it is (not `.md`, `.markdown`, `.yaml` or `.yml`) opens with a front-matter fence (`---` or `+++`, after blank lines) or has a `confidential:`, `draft:` or `publish:` line.",
    ),
    error(
        "symlink-outside-site",
        "A symbolic link in `content/`, `static/` or a theme points outside the site folder, or `static/` or a theme's `templates/` or `static/` is reached through such a link.",
    ),
    error(
        "symlink-into-content",
        "A symbolic link in `static/` or a theme leads into `content/` (or to a folder holding it), or one of those folders is itself reached through such a link.",
    ),
    error(
        "symlink-to-ignored",
        "A symbolic link leads to a file bcfsite ignores: a hidden file or folder, an editor's temporary file or a backup.",
    ),
    error(
        "broken-symlink",
        "A symbolic link points nowhere (in the site, or in a folder given to `bcfsite audit`).",
    ),
    error(
        "symlink-loop",
        "`bcfsite audit` found a symbolic link back to a folder that holds it.",
    ),
    warning(
        "symlinked-folder",
        "A symbolic link to a folder inside the site.",
    ),
    error(
        "yaml-syntax",
        "The YAML cannot be read: bad indentation, a tab, an unclosed quote, text with `: ` in it, a second document after a `---` line in a data file.",
    ),
    error("unknown-key", "A key bcfsite does not know."),
    error(
        "missing-key",
        "A required key is missing (`title`, `base_url`, a metric's `unit`, ...).",
    ),
    error(
        "invalid-type",
        "A value of the wrong type: text where `true`/`false` is needed (`confidential: \"yes\"`, `confidential: yes`), a single value where a list is needed, a block where text is needed.",
    ),
    error(
        "no-value",
        "A key written with nothing after it, or with `~` or `null`: `publish:`, `draft: ~`, `confidential: null`, on a page or a data record.",
    ),
    error(
        "invisible-character",
        "A character YAML does not read as it looks: a no-break space (U+00A0) after a colon, a zero-width space (U+200B) in a key, a byte order mark, a line separator.",
    ),
    error(
        "invalid-value",
        "A value of the right type that is not allowed: an unknown choice (`kind: papr`, with a suggestion), a date not written `YYYY-MM-DD`, a period not written `2024-25` or `2024-25-Q2`, `exempt_paragraph` outside 1–7, an id with capitals or spaces, a number with a thousands separator, a `partial` figure without `note`, a `pending` figure without `expected`, and so on.",
    ),
    error(
        "duplicate-key",
        "The same key twice in one block, pointed at where it is given the second time, with a note giving the line of the first; in `glossary.yaml`, two terms that differ only in capitals.",
    ),
    error(
        "missing-front-matter",
        "A Markdown file does not start with a `---` line.",
    ),
    error(
        "lone-carriage-return",
        "The front matter (or the first line) has a line ending in a lone carriage return, as files from old Macs do.",
    ),
    error(
        "key-outside-front-matter",
        "The page's text opens with front-matter keys: `confidential: true` on the line after the closing `---`, a near miss such as `confidental:`, a visibility key in any case with a one-word value (`Draft: yes`), or a second `---` block of `key: value` lines.",
    ),
    error(
        "unclosed-front-matter",
        "There is no closing `---` (or `...`) line.",
    ),
    error("empty-title", "`title` is blank."),
    error(
        "appendix-without-label",
        "`kind: appendix` without `appendix:`.",
    ),
    error(
        "appendix-label-on-non-appendix",
        "`appendix:` on a page that is not `kind: appendix`.",
    ),
    error(
        "meeting-on-non-paper",
        "`meeting:` on a page that is not `kind: paper`.",
    ),
    error(
        "feedback-without-source",
        "`kind: feedback` without `source:`.",
    ),
    error(
        "feedback-without-consent",
        "`kind: feedback` without a non-empty `consent:`.",
    ),
    error(
        "feedback-key-on-other-page",
        "`source:` or `consent:` on a page that is not `kind: feedback`.",
    ),
    error(
        "invalid-source-url",
        "`source: url:` does not start with `https://` or `http://`.",
    ),
    error(
        "exempt-but-not-confidential",
        "`exempt_paragraph` on a page without `confidential: true` in its own front matter.",
    ),
    error(
        "title-withheld-but-not-confidential",
        "`title_public: false` on a page without `confidential: true` in its own front matter.",
    ),
    error(
        "invalid-alias",
        "An alias does not start with `/`, or holds `..`, `?`, `#` or `\\`.",
    ),
    error(
        "section-inside-bundle",
        "An `_index.md` sits in a folder below a page bundle's `index.md`.",
    ),
    error(
        "bundle-and-section",
        "One folder holds both `index.md` and `_index.md`.",
    ),
    error(
        "placeholder",
        "A page's front matter or a data file still holds a value `bcfsite new` marked `\"REPLACE: ...\"`.",
    ),
    error(
        "new-needs-title",
        "`bcfsite new page` (or `paper`, `appendix`, `feedback`) was given no title.",
    ),
    error("new-exists", "The file `new` would make is already there."),
    error(
        "new-appendix-needs-paper",
        "`bcfsite new appendix` without `--section` naming a paper's folder (one whose `index.md` says `kind: paper`).",
    ),
    error(
        "new-bad-section",
        "`--section` is not a folder under `content/` (it is absolute, or holds `..`).",
    ),
    error("new-failed", "The file could not be written."),
    error(
        "cms-not-ours",
        "A file `bcfsite cms` would write is there and `cms` did not make it; it is never replaced.",
    ),
    usage(
        "cms-vendor-unreadable",
        "The file given with `--vendor` cannot be read.",
    ),
    error(
        "cms-failed",
        "A file `bcfsite cms` makes could not be written.",
    ),
    error("no-site-settings", "There is no `content/site.yaml`."),
    error(
        "invalid-base-url",
        "`base_url` does not start with `https://` or `http://`.",
    ),
    error(
        "unknown-licence",
        "`licence` is not `OGL-UK-3.0`, `CC-BY-4.0` or `CC0-1.0`.",
    ),
    error(
        "unknown-theme",
        "`theme:` names a folder that does not exist under `themes/`.",
    ),
    error(
        "unknown-template",
        "`template:` in front matter names a template the theme does not have.",
    ),
    error(
        "template",
        "A template has an error: a syntax error, an unknown filter or test, a missing include, or a failure while rendering (such as a field that does not exist).",
    ),
    error(
        "missing-kind",
        "A `.yaml` data document has no top-level `kind`.",
    ),
    error(
        "unknown-kind",
        "`kind` is not `plan`, `metrics`, `quarter`, `conditions`, `year_end` or `capacity`.",
    ),
    error("not-a-quarter", "A quarter document's `period` is a year."),
    error(
        "duplicate-id",
        "Two plans, metrics or quarters share an id; an id is used twice within one plan or one capacity and demand document; or one id names a scheme and something else.",
    ),
    error(
        "unknown-id",
        "Something names an id that nothing published defines: a `relates_to` entry, a quarter's `plan`, a metric or scheme in a quarter, or a shortcode.",
    ),
    error(
        "quarter-names-confidential",
        "A published quarterly or year-end return (or a return's conditions, or capacity and demand) names a plan, funding source, metric or scheme that is confidential and withheld from the public build.",
    ),
    error(
        "unknown-population",
        "A metric's `population` is not a key of `area.population` in `site.yaml`.",
    ),
    error(
        "derivable-withheld-amount",
        "A confidential funding source or scheme (or a withheld year-end line) has an amount a reader could work out from published figures: the plan (or return) balances, or the paper's declared totals cover it, and it is the only withheld amount of its year.",
    ),
    error(
        "amount-public-but-not-confidential",
        "`amount_public: true` on a funding source or scheme that is not confidential.",
    ),
    error(
        "joint-not-100",
        "A scheme's `joint` shares (or, in `import`, the template's \"% NHS\" and \"% LA\") do not add up to 100.",
    ),
    error(
        "unknown-funding-source",
        "A scheme's funding line names a `source` that is not a funding source of the same plan.",
    ),
    error(
        "duplicate-funding-line",
        "A scheme has two funding lines (in `import`, two rows) from one source.",
    ),
    error(
        "funding-lines-differ",
        "A scheme gives both `amounts` and funding lines, and they differ for a year.",
    ),
    error(
        "confidential-funding-line",
        "A published scheme has a funding line from a confidential funding source, whose name and share its page would show.",
    ),
    error(
        "headline-confidential",
        "`headline` in `site.yaml` names a confidential plan.",
    ),
    error(
        "headline-year-outside-plans",
        "`headline: year` is a year no headline plan covers.",
    ),
    warning(
        "total-differs",
        "A plan's declared `totals` differ from the sum of its records for a year.",
    ),
    warning(
        "period-outside-plan",
        "A funding source or scheme has an amount for a year the plan's `years` does not include; or a year-end return or capacity and demand document is for a year its plan does not cover.",
    ),
    warning(
        "scheme-renamed",
        "One scheme id has different names in different plans.",
    ),
    warning(
        "rate-differs",
        "A rate per 100,000 does not match its `count` and the metric's population.",
    ),
    warning(
        "value-out-of-scale",
        "A target or figure is 8 or more times larger or smaller than the median of the metric's other values.",
    ),
    warning(
        "figure-in-the-future",
        "A metric has a figure for a period that has not started (judged by `--now`).",
    ),
    warning(
        "reported-status-differs",
        "A quarter reports a metric as on track (or not on track) and the metric's figures say the opposite.",
    ),
    error(
        "duplicate-conditions",
        "The national conditions of one return are given twice: in its quarterly return and in a `kind: conditions` document, or in two documents for one period.",
    ),
    error(
        "not-a-year",
        "A year-end return's (or capacity and demand document's) `year` is a quarter.",
    ),
    error(
        "month-outside-year",
        "A capacity and demand service has a `demand` or `capacity` month outside the financial year (April to March) its document's `year` names.",
    ),
    error(
        "unknown-pathway",
        "A capacity and demand service's `pathway` is not a hospital discharge pathway (0 to 3).",
    ),
    warning(
        "year-end-planned-differs",
        "A year-end return gives a planned figure for a funding source or scheme that differs from the plan's amount for that year.",
    ),
    warning(
        "year-end-total-differs",
        "A year-end return's declared total (planned or actual, income or expenditure) differs from the sum of its lines.",
    ),
    warning(
        "minimum-short",
        "The schemes a plan counts towards a ring-fenced minimum (`counts_towards`) come to less than the minimum it declares for a year.",
    ),
    warning(
        "condition-unexplained",
        "A national condition is reported as not met or partly met, with no `narrative` saying why.",
    ),
    warning(
        "summary-hard-to-read",
        "A page `summary` reads above `plain_english_grade` (default 9) on the Flesch–Kincaid scale.",
    ),
    warning(
        "abbreviation-not-in-glossary",
        "A word of two or more capitals (ICB, iBCF, HWBs) is used in a page but is not in `glossary.yaml`.",
    ),
    // Corrections and change history (`src/check/dates.rs`).
    error(
        "updated-before-date",
        "A page's `updated` date is before its `date`.",
    ),
    error(
        "changes-out-of-order",
        "A page's `changes` are not listed oldest first.",
    ),
    error(
        "change-after-updated",
        "A change is dated after the page's `updated` date.",
    ),
    error(
        "unknown-alternate-page",
        "An alternate `page` is no page of the site.",
    ),
    error(
        "invalid-alternate-url",
        "An alternate's `url` does not start with `https://` or `http://`.",
    ),
    error(
        "alternate-without-address",
        "An alternate gives neither `url` nor `page`, or both.",
    ),
    error(
        "revision-after-superseded",
        "A metric figure's revision is dated after the figure it replaced was itself superseded (by the next revision, or by today's figure).",
    ),
    error(
        "url-clash",
        "Two things would be published at one path: two pages, a page and a file, a page and a generated data page, an alias and a page, or a file or page of the site's at a path bcfsite writes itself (`robots.txt`, `sitemap.xml`, `feed.xml`, `search-index.json`, `datapackage.json`, `404.html`, `/search/`, a data table's CSV or JSON).",
    ),
    error(
        "too-many-redirects",
        "`redirects: cloudflare` in site.yaml, and the pages' `aliases` make more than the 2,000 redirects Cloudflare Pages reads, or one longer than 1,000 characters.",
    ),
    error(
        "unclaimed-output",
        "A bug in bcfsite: rendering made a file no part of the build had claimed, or made one twice.",
    ),
    error(
        "broken-link",
        "A link within the site (a Markdown link, an address in raw HTML, or a link written in full on the site's own `base_url`) points at nothing this build publishes.",
    ),
    error(
        "broken-anchor",
        "A link to `#something` on a page of the site, where that page has no element with that id.",
    ),
    error(
        "shortcode",
        "A shortcode line cannot be read: no `(` or `)`, an unknown shortcode name, an unquoted value, an unknown or missing argument.",
    ),
    error(
        "links-to-confidential",
        "A published page links to a page or file that is confidential: a Markdown link, an address in raw HTML (`href`, `src`, `srcset`, `cite`, ...), or a link written in full on the site's own `base_url`.",
    ),
    error(
        "links-to-draft",
        "A published page links to a draft that is not in this build.",
    ),
    error(
        "links-to-embargoed",
        "A published page links to a page whose `publish` time has not come.",
    ),
    error(
        "relates-to-confidential",
        "A published page's `relates_to` names a confidential record.",
    ),
    error(
        "symlink-to-withheld",
        "A symbolic link in `content/` leads to a file that is confidential (by its section or bundle, or its own flag), or to a draft or embargoed file from a place that is not.",
    ),
    error(
        "embeds-confidential",
        "A published page embeds a confidential record with a shortcode.",
    ),
    error(
        "confidential-in-output",
        "The self-audit found confidential material in an output file.",
    ),
    error(
        "unreadable-withheld-file",
        "A withheld file (one in a confidential bundle or section) could not be read, so the self-audit could not make sure no copy of it is published.",
    ),
    error(
        "no-output",
        "`bcfsite audit` was given something that is not a folder.",
    ),
    usage(
        "output-refused",
        "The output folder is a file; or it is not empty and has no `.bcfsite-build` marker; or it holds a build for another audience (a public build never replaces a members' build); or where it leads cannot be told (a symbolic link on the way points nowhere, a folder cannot be read).",
    ),
    error(
        "write-failed",
        "Writing or swapping in the new site failed.",
    ),
    usage(
        "members-needs-output",
        "A members' build without `--output`.",
    ),
    usage(
        "members-into-public",
        "A members' build whose `--output` is `SITE/public`, is inside it (`public/members`) or holds it (`SITE`), however the path is written (`./SITE/public`, `SITE/../SITE/public`, an absolute path, a symbolic link, another letter case); or is inside any folder holding a public build.",
    ),
    usage(
        "output-overlaps-sources",
        "Any build whose `--output` is inside the site's `content/`, `static/` or `themes/` (the next build would read it and publish it), or holds one of them (the build would replace it).",
    ),
    usage(
        "port-in-use",
        "`serve` cannot listen because the port is taken.",
    ),
    usage(
        "cannot-listen",
        "`serve` cannot listen on the address for another reason.",
    ),
    error(
        "init-not-empty",
        "`init` was given a folder that exists and is not empty.",
    ),
    error("init-failed", "`init` could not write a file."),
    warning(
        "external-link-broken",
        "With `check --external` only: a link to another site did not answer with success (HEAD, then GET) within 10 seconds.",
    ),
    error(
        "import-unsupported-file",
        "The file is not `.xlsx`, `.xlsm` or `.ods` (an old `.xls` or `.xlsb` is refused: its hidden rows cannot be checked).",
    ),
    error(
        "import-unreadable",
        "The workbook or CSV could not be read.",
    ),
    error(
        "import-hidden-sheet",
        "A sheet of the workbook is hidden or very hidden.",
    ),
    error(
        "import-hidden-row",
        "A row of a sheet bcfsite reads is hidden (consecutive rows are one problem).",
    ),
    error(
        "import-hidden-column",
        "A column of a sheet bcfsite reads is hidden.",
    ),
    warning(
        "import-include-hidden",
        "`--include-hidden` was given: hidden parts are read as if shown.",
    ),
    error(
        "import-formula-without-value",
        "A cell bcfsite reads is a formula with no saved value (the workbook was written by a program that does not calculate).",
    ),
    error(
        "import-not-money",
        "A money cell holds something other than an amount: words, `£1.2m`, a badly grouped `1,23`, an error value or a date.",
    ),
    error(
        "import-not-a-number",
        "A planned output, target, percentage, or capacity or demand cell is not a number.",
    ),
    error(
        "import-joint-share-missing",
        "A row gives the NHS share of a joint commission but not the council's, or the other way round.",
    ),
    error(
        "import-unknown-source",
        "\"Source of Funding\" (or an income row with amounts) names a source the template's profile does not know.",
    ),
    error(
        "import-missing-source",
        "A scheme row does not say where its money comes from.",
    ),
    error(
        "import-missing-name",
        "A row has amounts but no scheme name (or no funding source, on the income sheet; or no service, on a capacity and demand sheet).",
    ),
    error(
        "import-unknown-choice",
        "\"New/ Existing Scheme\" is not one of the template's choices.",
    ),
    error(
        "import-rows-differ",
        "Two rows of one scheme (one per source) give different names, types, providers or the like.",
    ),
    error(
        "import-duplicate-row",
        "The income or metrics sheet names one funding source or metric twice (or a capacity and demand block without a trust column names one service twice).",
    ),
    error(
        "import-duplicate-column",
        "Two columns of the header row carry one field's label.",
    ),
    error(
        "import-unknown-metric",
        "The metrics sheet has targets for a metric the profile does not know.",
    ),
    error(
        "import-not-a-month",
        "A column heading in a capacity and demand block reads like a month (a month's name, a date, digits) but is not one.",
    ),
    error(
        "import-month-outside-year",
        "A month column of a capacity and demand block falls outside the year the template's figures are for.",
    ),
    warning(
        "import-unknown-service",
        "A capacity and demand row names a service the profile does not list; it is kept, with an id from its name.",
    ),
    error(
        "import-no-sheet",
        "The workbook has no income or expenditure sheet (found by a part of its name).",
    ),
    error(
        "import-no-header",
        "No row of a sheet has the labels bcfsite looks for (or the expenditure header has no column for any year of the plan).",
    ),
    error(
        "import-unknown-template",
        "`--profile auto` could not tell the template year from the Cover sheet's title (or, for a CSV, from its labels).",
    ),
    error(
        "import-unknown-profile",
        "A profile file could not be read.",
    ),
    error(
        "import-would-overwrite",
        "A file the import would write is already there.",
    ),
    error("import-cannot-write", "Writing a file failed."),
    usage(
        "import-needs-table",
        "A `.csv` was given without `--table`.",
    ),
    usage(
        "import-table-not-csv",
        "`--table` was given with a workbook.",
    ),
    // The year-end return template (issue 18).
    warning(
        "import-not-in-plan",
        "A year-end return's funding source or scheme is not a record of the plan already in the folder imported into.",
    ),
    warning(
        "import-partly-given",
        "Some rows of one scheme on the year-end spend sheet give a planned or actual figure and others leave it blank, so the scheme's figure is left out.",
    ),
    warning(
        "import-totals-differ",
        "The year-end spend sheet's Total row and the expenditure totals on the income sheet give different figures.",
    ),
    // The board's record: decisions, meetings, feedback recommendations (issue 19).
    error(
        "duplicate-meeting-page",
        "Two `kind: meeting` pages name the same board and date.",
    ),
    error(
        "meeting-key-on-other-page",
        "`time:`, `place:`, `webcast:` or `minutes:` on a page that is not `kind: meeting`.",
    ),
    error(
        "meeting-page-without-meeting",
        "A `kind: meeting` page has no `meeting: {board, date}`.",
    ),
    error(
        "invalid-meeting-time",
        "A meeting page's `time:` is not a time of day on the 24-hour clock.",
    ),
    error(
        "invalid-meeting-link",
        "A meeting page's `webcast:` or `minutes:` is not a web address (`https://...`) or a path on the site (`/...`).",
    ),
    error(
        "paper-key-on-other-page",
        "`item:` or `decision:` on a page that is not `kind: paper`.",
    ),
    error(
        "recommendations-on-other-page",
        "`recommendations:` on a page that is neither `kind: paper` nor `kind: feedback`.",
    ),
    error(
        "duplicate-recommendation",
        "Two recommendations on one page have the same `id`.",
    ),
    error(
        "unknown-recommendation",
        "A paper's `decision: recommendations:` gives an outcome for an id that is not one of the paper's `recommendations`.",
    ),
    error(
        "decision-before-meeting",
        "A paper's `decision: date:` is before its `meeting: date:`.",
    ),
    error(
        "decision-on-unpublished-paper",
        "A paper with a `decision:` is a draft or under an embargo: a decision is only recorded on a paper the public can read.",
    ),
    warning(
        "decision-not-recorded",
        "A paper with `recommendations` went to a meeting that is past (by `--now`), and records no `decision`.",
    ),
    warning(
        "duplicate-agenda-item",
        "Two papers name the same `item` number at one meeting; the meeting's page lists them in file order.",
    ),
    warning(
        "recommendation-unanswered",
        "A feedback recommendation has had no response for longer than the working days `site.yaml`'s `response_working_days` allows (20 by default; weekdays, not bank holidays) since it was `made`, counted to `--now`.",
    ),
];

/// The registry's entry for `code`.
pub fn lookup(code: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_once() {
        let mut seen = std::collections::HashSet::new();
        for c in CODES {
            assert!(seen.insert(c.code), "{} is listed twice", c.code);
            assert!(
                c.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{} is not kebab-case",
                c.code
            );
        }
    }
}
