//! From the sheets to records: funding sources from the income sheet, schemes (one
//! row per scheme per source, joined into funding lines) from the expenditure sheet,
//! declared totals from their "Total" rows, and targets from the metrics sheet.
//!
//! (Over 500 lines: each sheet's rows become records in one pass that keeps every
//! record's `Sheet!Row` for its comment and its diagnostics; splitting by sheet would
//! split the joins between them (a scheme's funding lines name the income sheet's
//! sources).)
//!
//! Every problem is collected, with the cell it is in, so a workbook's problems are
//! reported together.

use std::collections::BTreeMap;

use super::cell::{self, NotANumber};
use super::header::{Header, find_header, find_sheet};
use super::profile::{Field, KnownMetric, Profile, normalise};
use super::workbook::{Sheet, Value, Workbook};
use crate::content::slug::slugify;
use crate::data::Id;
use crate::data::amount::Amount;
use crate::data::period::Period;
use crate::data::plan::NewOrExisting;
use crate::diagnostic::{Diagnostic, did_you_mean};

/// Where a record came from: `'6a. Expenditure'!12:12`, for the YAML comment.
pub type Origin = Vec<String>;

#[derive(Debug, Default)]
pub struct PlanOut {
    pub id: String,
    pub title: String,
    pub years: Vec<Period>,
    pub funding: Vec<FundingOut>,
    pub schemes: Vec<SchemeOut>,
    pub funding_totals: Option<(String, BTreeMap<Period, Amount>)>,
    pub scheme_totals: Option<(String, BTreeMap<Period, Amount>)>,
}

#[derive(Debug)]
pub struct FundingOut {
    pub id: Id,
    pub name: String,
    pub amounts: BTreeMap<Period, Amount>,
    pub origin: Option<String>,
}

#[derive(Debug, Default)]
pub struct SchemeOut {
    pub id: String,
    /// The template's own Scheme ID, if any, kept in the comment.
    pub template_id: Option<String>,
    pub name: String,
    pub text: BTreeMap<Field, String>,
    pub joint: Option<(Amount, Amount)>,
    pub new_or_existing: Option<NewOrExisting>,
    pub outputs: BTreeMap<Period, Amount>,
    pub lines: Vec<(Id, BTreeMap<Period, Amount>)>,
    pub origin: Origin,
}

#[derive(Debug)]
pub struct MetricOut {
    pub metric: KnownMetric,
    pub targets: BTreeMap<Period, Amount>,
    pub origin: String,
}

/// Reads cells of one sheet, collecting problems.
pub struct Reader<'a> {
    pub wb: &'a Workbook,
    pub sheet: &'a Sheet,
    pub problems: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    pub(crate) fn err(&mut self, d: Diagnostic, row: u32, col: u32) {
        let d = self.wb.at(d, self.sheet, row, col);
        self.problems.push(d);
    }

    fn unsaved(&mut self, row: u32, col: u32) {
        self.err(
            Diagnostic::error(
                "import-formula-without-value",
                format!("{} is a formula with no saved value", self.sheet.cell_ref(row, col)),
            )
            .with_help("open the workbook in Excel or LibreOffice, let it calculate, and save it; bcfsite reads the values a spreadsheet saved and never works formulas out itself"),
            row,
            col,
        );
    }

    /// A text cell, tidied; numbers are read as their text.
    pub fn text(&mut self, row: u32, col: Option<u32>, paragraphs: bool) -> Option<String> {
        let col = col?;
        match self.sheet.get(row, col) {
            Value::Unsaved(_) => {
                self.unsaved(row, col);
                None
            }
            v => v
                .text()
                .map(|t| {
                    if paragraphs {
                        cell::paragraphs(&t)
                    } else {
                        cell::one_line(&t)
                    }
                })
                .filter(|t| !t.is_empty()),
        }
    }

    /// A money cell; `what` says what it is for the message.
    pub fn money(&mut self, row: u32, col: u32, what: &str) -> Option<Amount> {
        match cell::number(self.sheet.get(row, col)) {
            Ok(a) => a,
            Err(NotANumber::Unsaved) => {
                self.unsaved(row, col);
                None
            }
            Err(NotANumber::Other) => {
                self.err(
                    Diagnostic::error(
                        "import-not-money",
                        format!("{} should be {what} in pounds", self.sheet.cell_ref(row, col)),
                    )
                    .with_help("write the amount as a number, such as 1234567 or £1,234,567.00; leave the cell empty if there is none"),
                    row,
                    col,
                );
                None
            }
        }
    }

    /// A count or percentage cell.
    pub fn count(&mut self, row: u32, col: u32, what: &str) -> Option<Amount> {
        match cell::number(self.sheet.get(row, col)) {
            Ok(a) => a,
            Err(NotANumber::Unsaved) => {
                self.unsaved(row, col);
                None
            }
            Err(NotANumber::Other) => {
                self.err(
                    Diagnostic::error(
                        "import-not-a-number",
                        format!("{} should be {what}", self.sheet.cell_ref(row, col)),
                    )
                    .with_help(
                        "write a number, such as 1250; leave the cell empty if there is none",
                    ),
                    row,
                    col,
                );
                None
            }
        }
    }

    fn percent(&mut self, row: u32, col: u32) -> Option<(Amount, bool)> {
        match cell::percent_text(self.sheet.get(row, col)) {
            Ok(p) => p,
            Err(NotANumber::Unsaved) => {
                self.unsaved(row, col);
                None
            }
            Err(NotANumber::Other) => {
                self.err(
                    Diagnostic::error(
                        "import-not-a-number",
                        format!("{} should be a percentage", self.sheet.cell_ref(row, col)),
                    )
                    .with_help("write a percentage, such as 60 or 60%"),
                    row,
                    col,
                );
                None
            }
        }
    }

    /// Amounts by year from a row, where the header has a column for the year.
    fn amounts<K: Copy + Eq + std::hash::Hash>(
        &mut self,
        row: u32,
        header: &Header<K>,
        years: &[(Period, K)],
        what: &str,
        count: bool,
    ) -> BTreeMap<Period, Amount> {
        let mut out = BTreeMap::new();
        for (year, k) in years {
            let Some(col) = header.col(*k) else { continue };
            let a = if count {
                self.count(row, col, what)
            } else {
                self.money(row, col, &format!("{what} for {}", year.label()))
            };
            if let Some(a) = a {
                out.insert(*year, a);
            }
        }
        out
    }

    /// True when none of the columns read has anything in this row (a spacer row).
    fn blank(&self, row: u32, cols: impl IntoIterator<Item = u32>) -> bool {
        cols.into_iter().all(|c| self.sheet.get(row, c).is_empty())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Col {
    Field(Field),
    Amount(Period),
    Output(Period),
    Label,
}

fn describe_with(profile: &Profile) -> impl Fn(Col) -> String + '_ {
    move |k| {
        let first = |v: Option<&Vec<String>>| {
            v.and_then(|v| v.first())
                .map_or_else(|| format!("{k:?}"), |l| format!("\"{l}\""))
        };
        match k {
            Col::Field(f) => first(profile.expenditure.as_ref().and_then(|e| e.columns.get(&f))),
            Col::Amount(y) => first(profile.expenditure.as_ref().and_then(|e| e.amounts.get(&y))),
            Col::Output(y) => first(profile.expenditure.as_ref().and_then(|e| e.outputs.get(&y))),
            Col::Label => "the label column".into(),
        }
    }
}

/// No sheet of the kind the profile names; the help lists the sheets there are.
pub(crate) fn missing_sheet(wb: &Workbook, what: &str, patterns: &[String]) -> Diagnostic {
    Diagnostic::error(
        "import-no-sheet",
        format!(
            "the workbook has no {what} sheet (a sheet whose name contains \"{}\")",
            patterns.join("\" or \"")
        ),
    )
    .in_file(wb.file.clone())
    .with_help(format!(
        "the sheets are: {}; check this is the national BCF template the profile is for, or rename the sheet",
        wb.sheets
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// The area named on the Cover sheet, right of its label.
pub fn cover_area(wb: &Workbook, profile: &Profile) -> Option<String> {
    let cover = profile.cover.as_ref()?;
    let sheet = find_sheet(wb, &cover.sheet)?;
    let labels: Vec<String> = cover.area.iter().map(|l| normalise(l)).collect();
    for row in 0..sheet.height() {
        let cells = sheet.row(row);
        for (col, v) in cells.iter().enumerate() {
            if v.text().is_some_and(|t| labels.contains(&normalise(&t))) {
                return cells[col + 1..]
                    .iter()
                    .find_map(Value::text)
                    .map(|t| cell::one_line(&t));
            }
        }
    }
    None
}

/// The Cover sheet's title: its first text, for `--profile auto`.
pub fn cover_title(wb: &Workbook) -> Option<String> {
    let sheet = find_sheet(wb, &["cover".to_string()])?;
    (0..sheet.height()).find_map(|r| sheet.row(r).iter().find_map(Value::text))
}

/// Funding sources from the income sheet, and its declared total.
pub fn income(
    wb: &Workbook,
    profile: &Profile,
    plan: &mut PlanOut,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(spec) = &profile.income else { return };
    let Some(sheet) = find_sheet(wb, &spec.sheet) else {
        problems.push(missing_sheet(wb, "income", &spec.sheet));
        return;
    };
    read_income(wb, sheet, profile, plan, problems);
}

pub fn read_income(
    wb: &Workbook,
    sheet: &Sheet,
    profile: &Profile,
    plan: &mut PlanOut,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(spec) = &profile.income else { return };
    let mut wanted: Vec<(Col, &[String])> = vec![(Col::Label, spec.label.as_slice())];
    let years: Vec<(Period, Col)> = profile
        .years
        .iter()
        .map(|y| (*y, Col::Amount(*y)))
        .collect();
    wanted.extend(
        years
            .iter()
            .filter_map(|(y, k)| spec.amounts.get(y).map(|v| (*k, v.as_slice()))),
    );
    let required = [Col::Label];
    let describe = |k: Col| match k {
        Col::Label => format!("\"{}\"", spec.label.first().cloned().unwrap_or_default()),
        Col::Amount(y) => format!(
            "\"{}\"",
            spec.amounts
                .get(&y)
                .and_then(|v| v.first())
                .cloned()
                .unwrap_or_default()
        ),
        _ => String::new(),
    };
    let header = match find_header(wb, sheet, &wanted, &required, &describe) {
        Ok(h) => h,
        Err(d) => return problems.push(d),
    };
    let label_col = header.col(Col::Label).unwrap_or(0);
    let mut r = Reader {
        wb,
        sheet,
        problems,
    };
    for row in header.row + 1..sheet.height() {
        let label = r.text(row, Some(label_col), false);
        let amounts = r.amounts(row, &header, &years, "the income", false);
        let Some(label) = label else {
            if !amounts.is_empty() {
                r.err(
                    Diagnostic::error(
                        "import-missing-name",
                        format!("{} has amounts but no funding source", sheet.row_ref(row)),
                    )
                    .with_help("name the funding source in this row, or delete the amounts"),
                    row,
                    label_col,
                );
            }
            continue;
        };
        if profile.is_total(&label) {
            plan.funding_totals = Some((sheet.row_ref(row), amounts));
            continue;
        }
        match profile.source(&label) {
            Some(source) if plan.funding.iter().any(|f| f.id == source.id) => r.err(
                Diagnostic::error(
                    "import-duplicate-row",
                    format!(
                        "{} names the funding source \"{}\" a second time",
                        sheet.row_ref(row),
                        source.name
                    ),
                )
                .with_help("give each funding source one row; add the amounts together"),
                row,
                label_col,
            ),
            Some(source) => plan.funding.push(FundingOut {
                id: source.id.clone(),
                name: source.name.clone(),
                amounts,
                origin: Some(sheet.row_ref(row)),
            }),
            // A heading or a note with no amounts is not a record: ignored, not copied.
            None if amounts.is_empty() => {}
            None => r.err(
                unknown_source(profile, &label, &sheet.cell_ref(row, label_col)),
                row,
                label_col,
            ),
        }
    }
}

pub(crate) fn unknown_source(profile: &Profile, text: &str, place: &str) -> Diagnostic {
    let words: Vec<&str> = profile
        .sources
        .iter()
        .flat_map(|s| s.text.iter().map(String::as_str))
        .collect();
    let help = match did_you_mean(text, words.iter().copied()) {
        Some(near) => format!(
            "did you mean \"{near}\"? The template's sources are: {}",
            words.join(", ")
        ),
        None => format!(
            "use one of the template's sources: {}; or add these words to a profile (--profile FILE)",
            words.join(", ")
        ),
    };
    Diagnostic::error(
        "import-unknown-source",
        format!(
            "{place} names a funding source the {} does not have: \"{text}\"",
            profile.name
        ),
    )
    .with_help(help)
}

/// Schemes from the expenditure sheet, joined by Scheme ID (or name) into funding lines.
pub fn expenditure(
    wb: &Workbook,
    profile: &Profile,
    plan: &mut PlanOut,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(spec) = &profile.expenditure else {
        return;
    };
    let Some(sheet) = find_sheet(wb, &spec.sheet) else {
        problems.push(missing_sheet(wb, "expenditure", &spec.sheet));
        return;
    };
    read_expenditure(wb, sheet, profile, plan, problems);
}

pub fn read_expenditure(
    wb: &Workbook,
    sheet: &Sheet,
    profile: &Profile,
    plan: &mut PlanOut,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(spec) = &profile.expenditure else {
        return;
    };
    let mut wanted: Vec<(Col, &[String])> = spec
        .columns
        .iter()
        .map(|(f, v)| (Col::Field(*f), v.as_slice()))
        .collect();
    let years: Vec<(Period, Col)> = profile
        .years
        .iter()
        .map(|y| (*y, Col::Amount(*y)))
        .collect();
    let outputs: Vec<(Period, Col)> = profile
        .years
        .iter()
        .map(|y| (*y, Col::Output(*y)))
        .collect();
    wanted.extend(
        years
            .iter()
            .filter_map(|(y, k)| spec.amounts.get(y).map(|v| (*k, v.as_slice()))),
    );
    wanted.extend(
        outputs
            .iter()
            .filter_map(|(y, k)| spec.outputs.get(y).map(|v| (*k, v.as_slice()))),
    );
    let required: Vec<Col> = Field::REQUIRED.iter().map(|f| Col::Field(*f)).collect();
    let describe = describe_with(profile);
    let header = match find_header(wb, sheet, &wanted, &required, &describe) {
        Ok(h) => h,
        Err(d) => return problems.push(d),
    };
    if !years.iter().any(|(_, k)| header.col(*k).is_some()) {
        problems.push(
            Diagnostic::error(
                "import-no-header",
                format!(
                    "the header row of {} has no expenditure column for any year of the plan",
                    sheet.name
                ),
            )
            .in_file(wb.file.clone())
            .with_help(format!("label a column as {}", describe(years[0].1))),
        );
        return;
    }
    let col = |f: Field| header.col(Col::Field(f));
    let all_cols: Vec<u32> = header.columns.values().copied().collect();
    let mut r = Reader {
        wb,
        sheet,
        problems,
    };
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for row in header.row + 1..sheet.height() {
        if r.blank(row, all_cols.iter().copied()) {
            continue;
        }
        let template_id = r.text(row, col(Field::SchemeId), false);
        let name = r.text(row, col(Field::Name), false);
        let amounts = r.amounts(row, &header, &years, "the expenditure", false);
        if [&template_id, &name]
            .into_iter()
            .flatten()
            .any(|t| profile.is_total(t))
        {
            plan.scheme_totals = Some((sheet.row_ref(row), amounts));
            continue;
        }
        let Some(name) = name else {
            r.err(
                Diagnostic::error("import-missing-name", format!("{} has no scheme name", sheet.row_ref(row)))
                    .with_help("give the scheme's name in this row, or delete the row's other cells if it is not a scheme"),
                row,
                col(Field::Name).unwrap_or(0),
            );
            continue;
        };
        let source_col = col(Field::Source).unwrap_or(0);
        let source = match r.text(row, Some(source_col), false) {
            None => {
                r.err(
                    Diagnostic::error(
                        "import-missing-source",
                        format!(
                            "{} does not say where the money comes from",
                            sheet.cell_ref(row, source_col)
                        ),
                    )
                    .with_help("choose the funding source from the template's list"),
                    row,
                    source_col,
                );
                None
            }
            Some(text) => match profile.source(&text) {
                Some(s) => Some(s.id.clone()),
                None => {
                    r.err(
                        unknown_source(profile, &text, &sheet.cell_ref(row, source_col)),
                        row,
                        source_col,
                    );
                    None
                }
            },
        };
        let mut scheme = SchemeOut {
            template_id: template_id.clone(),
            name: name.clone(),
            origin: vec![sheet.row_ref(row)],
            ..SchemeOut::default()
        };
        for (field, paragraphs) in [
            (Field::Description, true),
            (Field::Type, false),
            (Field::SubType, false),
            (Field::AreaOfSpend, false),
            (Field::Commissioner, false),
            (Field::Provider, false),
            (Field::OutputUnit, false),
        ] {
            if let Some(t) = r.text(row, col(field), paragraphs) {
                scheme.text.insert(field, t);
            }
        }
        scheme.joint = joint(&mut r, row, col(Field::JointNhs), col(Field::JointCouncil));
        if let Some(c) = col(Field::NewOrExisting)
            && let Some(t) = r.text(row, Some(c), false)
        {
            let found = profile
                .new_or_existing
                .iter()
                .find(|(k, _)| normalise(k) == normalise(&t));
            match found {
                Some((_, v)) => scheme.new_or_existing = Some(*v),
                None => r.err(
                    Diagnostic::error(
                        "import-unknown-choice",
                        format!(
                            "{} is not one of the template's choices",
                            sheet.cell_ref(row, c)
                        ),
                    )
                    .with_help(format!(
                        "choose one of: {}",
                        profile
                            .new_or_existing
                            .keys()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                    row,
                    c,
                ),
            }
        }
        scheme.outputs = r.amounts(row, &header, &outputs, "a planned output (a number)", true);
        if let Some(source) = source {
            scheme.lines.push((source, amounts));
        }
        let key = template_id.map_or_else(
            || format!("name:{}", normalise(&name)),
            |t| format!("id:{}", normalise(&t)),
        );
        match by_key.get(&key) {
            Some(&i) => merge(&mut r, &mut plan.schemes[i], scheme, row, &col),
            None => {
                by_key.insert(key, plan.schemes.len());
                plan.schemes.push(scheme);
            }
        }
    }
}

fn joint(
    r: &mut Reader,
    row: u32,
    nhs: Option<u32>,
    council: Option<u32>,
) -> Option<(Amount, Amount)> {
    let (nhs_col, council_col) = (nhs?, council?);
    let nhs = r.percent(row, nhs_col);
    let council = r.percent(row, council_col);
    match (nhs, council) {
        (None, None) => None,
        (Some(n), Some(c)) => {
            let (n, c) = cell::shares(n, c);
            if n.0 + c.0 != rust_decimal::Decimal::ONE_HUNDRED {
                r.err(
                    Diagnostic::error(
                        "joint-not-100",
                        format!(
                            "the NHS and council shares in {} add up to {}% ({}% and {}%), not 100%",
                            r.sheet.row_ref(row),
                            (n.0 + c.0).normalize(),
                            n.0.normalize(),
                            c.0.normalize()
                        ),
                    )
                    .with_help("correct the percentages so that they add up to 100"),
                    row,
                    nhs_col,
                );
                return None;
            }
            Some((n, c))
        }
        (Some(_), None) | (None, Some(_)) => {
            let empty = if nhs.is_none() { nhs_col } else { council_col };
            r.err(
                Diagnostic::error(
                    "import-joint-share-missing",
                    format!(
                        "{} gives one share of a joint commission but not the other",
                        r.sheet.row_ref(row)
                    ),
                )
                .with_help("give both the NHS and the council percentages, adding up to 100"),
                row,
                empty,
            );
            None
        }
    }
}

/// A second row of one scheme: its funding line joins the first; what both give must agree.
fn merge(
    r: &mut Reader,
    first: &mut SchemeOut,
    next: SchemeOut,
    row: u32,
    col: &dyn Fn(Field) -> Option<u32>,
) {
    first.origin.extend(next.origin);
    for (field, text) in next.text {
        match first.text.get(&field) {
            Some(t) if *t != text => r.err(
                Diagnostic::error(
                    "import-rows-differ",
                    format!(
                        "this row of \"{}\" gives a different {} from its first row",
                        first.name,
                        field_words(field)
                    ),
                )
                .with_help(format!(
                    "the rows of one scheme should agree; the first row gives \"{t}\""
                )),
                row,
                col(field).unwrap_or(0),
            ),
            Some(_) => {}
            None => {
                first.text.insert(field, text);
            }
        }
    }
    if first.joint.is_none() {
        first.joint = next.joint;
    }
    if first.new_or_existing.is_none() {
        first.new_or_existing = next.new_or_existing;
    }
    for (y, a) in next.outputs {
        first.outputs.entry(y).or_insert(a);
    }
    for (source, amounts) in next.lines {
        if first.lines.iter().any(|(s, _)| *s == source) {
            let c = col(Field::Source).unwrap_or(0);
            r.err(
                Diagnostic::error(
                    "duplicate-funding-line",
                    format!(
                        "\"{}\" has a second row for the funding source `{source}`",
                        first.name
                    ),
                )
                .with_help("give one row per scheme per source; add the amounts together"),
                row,
                c,
            );
        } else {
            first.lines.push((source, amounts));
        }
    }
}

fn field_words(f: Field) -> &'static str {
    match f {
        Field::SchemeId => "scheme id",
        Field::Name => "name",
        Field::Description => "description",
        Field::Type => "scheme type",
        Field::SubType => "sub-type",
        Field::AreaOfSpend => "area of spend",
        Field::Commissioner => "commissioner",
        Field::JointNhs | Field::JointCouncil => "joint share",
        Field::Provider => "provider",
        Field::Source => "source",
        Field::NewOrExisting => "new or existing",
        Field::OutputUnit => "output unit",
    }
}

/// Ids for schemes: the template's Scheme ID when it is already an id that starts with
/// a letter (a council's own), else slugged from the name; a repeat gets `-2`, `-3`
/// in row order, so re-importing the same workbook gives the same ids.
pub fn assign_ids(schemes: &mut [SchemeOut]) {
    let mut used: Vec<String> = Vec::new();
    for s in schemes {
        let own = s
            .template_id
            .as_deref()
            .filter(|t| Id::is_valid(t) && t.starts_with(|c: char| c.is_ascii_lowercase()));
        let mut base = own.map_or_else(|| slugify(&s.name), str::to_string);
        base.truncate(90);
        let base = base.trim_end_matches('-').to_string();
        let base = if Id::is_valid(&base) {
            base
        } else {
            "scheme".to_string()
        };
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.push(id.clone());
        s.id = id;
    }
}

/// Targets from the metrics sheet, for the metrics the profile knows.
pub fn metrics(
    wb: &Workbook,
    profile: &Profile,
    problems: &mut Vec<Diagnostic>,
    required: bool,
) -> Vec<MetricOut> {
    let Some(spec) = &profile.metrics else {
        return Vec::new();
    };
    match find_sheet(wb, &spec.sheet) {
        Some(sheet) => read_metrics(wb, sheet, profile, problems),
        None if required => {
            problems.push(missing_sheet(wb, "metrics", &spec.sheet));
            Vec::new()
        }
        None => Vec::new(),
    }
}

pub fn read_metrics(
    wb: &Workbook,
    sheet: &Sheet,
    profile: &Profile,
    problems: &mut Vec<Diagnostic>,
) -> Vec<MetricOut> {
    let Some(spec) = &profile.metrics else {
        return Vec::new();
    };
    let periods: Vec<(Period, Col)> = spec.targets.keys().map(|p| (*p, Col::Amount(*p))).collect();
    let mut wanted: Vec<(Col, &[String])> = vec![(Col::Label, spec.label.as_slice())];
    wanted.extend(
        periods
            .iter()
            .filter_map(|(p, k)| spec.targets.get(p).map(|v| (*k, v.as_slice()))),
    );
    let describe = |k: Col| match k {
        Col::Label => format!("\"{}\"", spec.label.first().cloned().unwrap_or_default()),
        Col::Amount(p) => format!(
            "\"{}\"",
            spec.targets
                .get(&p)
                .and_then(|v| v.first())
                .cloned()
                .unwrap_or_default()
        ),
        _ => String::new(),
    };
    let header = match find_header(wb, sheet, &wanted, &[Col::Label], &describe) {
        Ok(h) => h,
        Err(d) => {
            problems.push(d);
            return Vec::new();
        }
    };
    let label_col = header.col(Col::Label).unwrap_or(0);
    let mut r = Reader {
        wb,
        sheet,
        problems,
    };
    let mut out: Vec<MetricOut> = Vec::new();
    for row in header.row + 1..sheet.height() {
        let Some(label) = r.text(row, Some(label_col), false) else {
            continue;
        };
        let mut targets = r.amounts(row, &header, &periods, "a target (a number)", true);
        let key = normalise(&label);
        let known = spec.known.iter().find(|m| {
            m.text.iter().any(|t| normalise(t) == key)
                || normalise(&m.name) == key
                || m.id.as_str() == key
        });
        let Some(known) = known else {
            if !targets.is_empty() {
                let names: Vec<&str> = spec
                    .known
                    .iter()
                    .flat_map(|m| m.text.iter().map(String::as_str))
                    .collect();
                let help = match did_you_mean(&label, names.iter().copied()) {
                    Some(near) => format!("did you mean \"{near}\"?"),
                    None => "add the metric to a profile (--profile FILE) with its id, unit and which way is better".into(),
                };
                r.err(
                    Diagnostic::error(
                        "import-unknown-metric",
                        format!(
                            "{} is not a metric the {} knows",
                            sheet.cell_ref(row, label_col),
                            profile.name
                        ),
                    )
                    .with_help(help),
                    row,
                    label_col,
                );
            }
            continue;
        };
        if known.unit == "percent" {
            // A cell formatted as a percentage holds a fraction.
            for v in targets.values_mut() {
                if v.0 <= rust_decimal::Decimal::ONE {
                    *v = Amount((v.0 * rust_decimal::Decimal::ONE_HUNDRED).normalize());
                }
            }
        }
        if out.iter().any(|m| m.metric.id == known.id) {
            r.err(
                Diagnostic::error(
                    "import-duplicate-row",
                    format!(
                        "{} gives the targets of \"{}\" a second time",
                        sheet.row_ref(row),
                        known.name
                    ),
                )
                .with_help("keep one row per metric"),
                row,
                label_col,
            );
            continue;
        }
        out.push(MetricOut {
            metric: known.clone(),
            targets,
            origin: sheet.row_ref(row),
        });
    }
    out
}

/// How many of a profile's columns a table's header row has (`None`: no header at
/// all), so `--profile auto` can pick the template a CSV table fits best.
pub fn fit(
    wb: &Workbook,
    sheet: &Sheet,
    profile: &Profile,
    table: super::table::Table,
) -> Option<usize> {
    use super::table::Table;
    let mut wanted: Vec<(Col, &[String])> = Vec::new();
    let required: Vec<Col>;
    let years = |m: &'_ BTreeMap<Period, Vec<String>>,
                 wrap: fn(Period) -> Col|
     -> Vec<(Col, Vec<String>)> {
        m.iter().map(|(p, v)| (wrap(*p), v.clone())).collect()
    };
    let owned: Vec<(Col, Vec<String>)> = match table {
        Table::Expenditure => {
            required = Field::REQUIRED.iter().map(|f| Col::Field(*f)).collect();
            let expenditure = profile.expenditure.as_ref()?;
            let mut o: Vec<(Col, Vec<String>)> = expenditure
                .columns
                .iter()
                .map(|(f, v)| (Col::Field(*f), v.clone()))
                .collect();
            o.extend(years(&expenditure.amounts, Col::Amount));
            o
        }
        Table::Income => {
            required = vec![Col::Label];
            let income = profile.income.as_ref()?;
            let mut o = vec![(Col::Label, income.label.clone())];
            o.extend(years(&income.amounts, Col::Amount));
            o
        }
        Table::Metrics => {
            let m = profile.metrics.as_ref()?;
            required = vec![Col::Label];
            let mut o = vec![(Col::Label, m.label.clone())];
            o.extend(years(&m.targets, Col::Amount));
            o
        }
    };
    wanted.extend(owned.iter().map(|(k, v)| (*k, v.as_slice())));
    find_header(wb, sheet, &wanted, &required, &|_| String::new())
        .ok()
        .map(|h| h.columns.len())
}
