//! Generated pages about money: plans, schemes and funding sources.

use std::collections::BTreeMap;

use super::*;

impl Ctx<'_> {
    pub(super) fn plans_index(&self) -> DataPage {
        let url = records::PLAN.index;
        let items = self
            .data()
            .plans
            .iter()
            .map(|p| DataItem {
                title: p.plan.title(),
                url: self.url(&p.plan.url()),
                summary: p.plan.summary(),
                status: None,
            })
            .collect();
        DataPage {
            url: url.into(),
            page: self.index_page(&records::PLAN),
            data: DataView {
                items,
                facts: self.part_facts(&[ReturnPart::YearEnd, ReturnPart::Capacity]),
                ..DataView::default()
            },
        }
    }

    pub(super) fn plan(&self, i: usize) -> DataPage {
        let entry = &self.data().plans[i];
        let plan = &entry.plan;
        let url = plan.url();
        let years = &plan.years;
        let mut data = DataView::default();
        data.facts.push(Fact {
            label: "Years".into(),
            value: years
                .iter()
                .map(|y| y.label())
                .collect::<Vec<_>>()
                .join(", "),
            url: None,
        });
        if let Some(total) = years.last().and_then(|y| entry.funding_totals.get(y)) {
            let (words, rounded) = format::prose_money(*total, plan.units);
            let year = years.last().map(|y| y.label()).unwrap_or_default();
            data.facts.push(Fact {
                label: format!("Money in the fund in {year}"),
                value: if rounded {
                    format!("{words} (rounded; exact figures in the table below)")
                } else {
                    words
                },
                url: None,
            });
        }
        data.facts.extend(self.year_end_facts(&plan.id));
        data.facts.extend(self.capacity_facts(&plan.id));
        notices(
            &mut data,
            plan.illustrative
                || plan.funding.iter().any(|f| f.illustrative)
                || plan.schemes.iter().any(|s| s.illustrative),
            entry.withheld_records,
            "item",
        );
        for sum in &entry.disclosure.sums {
            let (money, rounded) = format::prose_money(sum.amount, plan.units);
            data.notices.push(format!(
                "{} {}s are withheld for {} because they are confidential. Together they come to {money}{}.",
                sum.count,
                sum.side.noun(),
                sum.year.label(),
                if rounded { " (rounded)" } else { "" }
            ));
        }
        let no_amounts = plan.funding.iter().all(|f| f.amounts.is_empty())
            && plan.schemes.iter().all(|s| s.amounts.is_empty())
            && entry.disclosure.funding.amounts.is_empty()
            && entry.disclosure.schemes.amounts.is_empty();
        if no_amounts {
            data.notices.push(
                "The published papers do not give amounts for this plan yet, so this page lists where the money comes from and what it pays for.".into(),
            );
        }
        data.tables.extend(self.funding_table(i));
        data.tables.extend(self.schemes_table(i));
        data.tables.extend(self.minimums_table(i));
        let data = self.with_related(plan.id.as_str(), data);
        DataPage {
            page: self.record_page(plan),
            url,
            data,
        }
    }

    #[allow(clippy::too_many_arguments)]
    /// A scheme or funding source across every plan that names it, from its
    /// descriptor (`across_columns.rs`, which its downloads come from too).
    pub(super) fn across_plans<'s>(
        &'s self,
        places: &[(usize, usize)],
        pick: impl Fn(usize, usize) -> (&'s BTreeMap<Period, Amount>, bool),
    ) -> Option<TableView> {
        let t = across_columns::across(self.data(), places, pick)?;
        let columns = across_columns::columns(&t, self.root);
        Some(TableView {
            id: across_columns::TABLE_ID.into(),
            downloads: Vec::new(),
            caption: format!("Amounts by plan and year ({})", t.units.heading()),
            unit: Some(format!("{} ({})", t.units.heading(), t.units.words())),
            columns: columns.headings(),
            rows: t.rows.iter().map(|r| columns.row(r)).collect(),
            total: None,
        })
    }

    pub(super) fn schemes_index(&self) -> DataPage {
        let url = records::SCHEME.index;
        let d = self.data();
        let rows = d
            .schemes
            .keys()
            .filter_map(|id| d.scheme(id).map(|s| (id, s)))
            .map(|(id, s)| Row {
                label: s.name.clone(),
                url: Some(self.url(&scheme_url(id))),
                cells: vec![
                    s.scheme_type.clone().unwrap_or_else(|| "not given".into()),
                    s.fund.clone().unwrap_or_else(|| "not given".into()),
                ],
                confidential: s.confidential,
            })
            .collect();
        let table = TableView {
            id: "schemes-table".into(),
            downloads: Vec::new(),
            caption: "Schemes paid for by the fund".into(),
            unit: None,
            columns: vec![
                Column::text("Scheme"),
                Column::text("Type"),
                Column::text("Fund"),
            ],
            rows,
            total: None,
        };
        DataPage {
            url: url.into(),
            page: self.index_page(&records::SCHEME),
            data: DataView {
                tables: vec![table],
                ..DataView::default()
            },
        }
    }

    pub(super) fn scheme(&self, id: &crate::data::Id) -> DataPage {
        let d = self.data();
        let places = &d.schemes[id];
        let scheme: &Scheme = d.scheme(id).expect("indexed scheme exists");
        let url = scheme.url();
        let mut data = DataView::default();
        for (label, value) in scheme_facts(scheme) {
            data.facts.push(Fact {
                label: label.into(),
                value,
                url: None,
            });
        }
        let illustrative = places
            .iter()
            .any(|&(p, i)| d.plans[p].plan.illustrative || d.plans[p].plan.schemes[i].illustrative);
        notices(&mut data, illustrative, 0, "item");
        data.tables.extend(self.scheme_table(id));
        for &(p, i) in places {
            data.tables
                .extend(self.funding_lines_table(p, i, places.len() > 1));
        }
        let data = self.with_related(id.as_str(), data);
        DataPage {
            page: self.record_page(scheme),
            url,
            data,
        }
    }

    /// A scheme's funding lines in one plan, with the scheme's amounts as the total.
    fn funding_lines_table(&self, p: usize, i: usize, name_plan: bool) -> Option<TableView> {
        let plan = &self.data().plans[p].plan;
        let scheme = &plan.schemes[i];
        if scheme.funding_lines.is_empty() {
            return None;
        }
        let caption = if name_plan {
            format!(
                "Where the money for this scheme comes from in {}",
                plan.title
            )
        } else {
            "Where the money for this scheme comes from".to_string()
        };
        let columns = funding_columns::lines(plan, self.root);
        Some(TableView {
            id: funding_lines_table_id(&plan.id, name_plan),
            downloads: Vec::new(),
            caption,
            unit: Some(format!("{} ({})", plan.units.heading(), plan.units.words())),
            columns: columns.headings(),
            rows: scheme
                .funding_lines
                .iter()
                .map(|l| columns.row(&l))
                .collect(),
            total: Some(Row {
                label: "Total".into(),
                url: None,
                cells: plan
                    .years
                    .iter()
                    .map(|y| {
                        scheme
                            .amounts
                            .get(y)
                            .map_or_else(|| "not given".to_string(), |a| format::table_amount(*a))
                    })
                    .collect(),
                confidential: false,
            }),
        })
    }

    pub(super) fn funding_index(&self) -> DataPage {
        let url = records::FUNDING.index;
        let d = self.data();
        let items = d
            .funding
            .keys()
            .filter_map(|id| d.funding_source(id).map(|f| (id, f)))
            .map(|(id, f)| DataItem {
                title: f.name.clone(),
                url: self.url(&funding_url(id)),
                summary: f.description.clone(),
                status: None,
            })
            .collect();
        DataPage {
            url: url.into(),
            page: self.index_page(&records::FUNDING),
            data: DataView {
                items,
                ..DataView::default()
            },
        }
    }

    pub(super) fn funding(&self, id: &crate::data::Id) -> DataPage {
        let d = self.data();
        let places = &d.funding[id];
        let source: &Funding = d.funding_source(id).expect("indexed funding exists");
        let url = source.url();
        let mut data = DataView::default();
        let illustrative = places
            .iter()
            .any(|&(p, i)| d.plans[p].plan.illustrative || d.plans[p].plan.funding[i].illustrative);
        notices(&mut data, illustrative, 0, "item");
        if let Some(t) = self.across_plans(places, |p, i| {
            let f = &d.plans[p].plan.funding[i];
            (&f.amounts, f.confidential)
        }) {
            data.tables.push(t);
        }
        let data = self.with_related(id.as_str(), data);
        DataPage {
            page: self.record_page(source),
            url,
            data,
        }
    }
}

/// The id of a scheme page's table of funding lines (and of its downloads): one per
/// plan when the scheme is in several.
pub(crate) fn funding_lines_table_id(plan: &crate::data::Id, several: bool) -> String {
    if several {
        format!("funding-lines-{plan}")
    } else {
        "funding-lines".to_string()
    }
}

/// What a scheme page says about the scheme besides its money, in words: labels and
/// values, in the order a reader asks (what is it, who runs it, what does it deliver).
pub(crate) fn scheme_facts(s: &Scheme) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = [
        ("Type", &s.scheme_type),
        ("Sub-type", &s.sub_type),
        ("Area of spend", &s.area_of_spend),
        ("Commissioner", &s.commissioner),
        ("Provider", &s.provider),
        ("Fund", &s.fund),
    ]
    .into_iter()
    .filter_map(|(label, v)| v.clone().map(|v| (label, v)))
    .collect();
    if let Some(j) = s.joint {
        out.push(("Commissioning", joint_words(j)));
    }
    if let Some(n) = s.new_or_existing {
        let words = match n {
            crate::data::plan::NewOrExisting::New => "New in this plan",
            crate::data::plan::NewOrExisting::Existing => "Carried on from an earlier plan",
        };
        out.push(("New or existing", words.into()));
    }
    if !s.outputs.is_empty() {
        out.push((
            "Planned output",
            output_words(&s.outputs, s.output_unit.as_deref()),
        ));
    }
    out
}

/// "Jointly commissioned: 60% by the NHS, 40% by the council".
pub(crate) fn joint_words(j: crate::data::plan::Joint) -> String {
    format!(
        "Jointly commissioned: {}% by the NHS, {}% by the council",
        format::grouped(j.nhs.0.normalize()),
        format::grouped(j.council.0.normalize())
    )
}

/// "1,250 call-outs planned in 2024/25; 1,300 call-outs planned in 2025/26".
pub(crate) fn output_words(outputs: &BTreeMap<Period, Amount>, unit: Option<&str>) -> String {
    outputs
        .iter()
        .map(|(year, n)| {
            let n = format::grouped(n.0);
            match unit {
                Some(unit) => format!("{n} {unit} planned in {}", year.label()),
                None => format!("{n} planned in {}", year.label()),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}
