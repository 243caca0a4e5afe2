//! The descriptor of a return's table of national conditions: a row per published
//! condition, each column said once for the page and the downloads (see
//! `columns.rs`). The page shows the condition and its status in words, each row
//! linking to the condition's entry above the table; the downloads add its id and
//! what the return says about it.

use super::Column;
use super::columns::{Col, Columns, Value, text_about};
use crate::data::conditions::Condition;

/// The table's id on the page, beside which its downloads are linked.
pub const TABLE_ID: &str = "conditions-table";
/// The downloads' file name: `conditions/<period>/conditions.csv`.
pub const FILE_NAME: &str = "conditions";

/// The columns: id (downloads only), condition, status, narrative (downloads only).
pub fn columns<'a>() -> Columns<'a, &'a Condition> {
    Columns {
        cols: vec![
            Col::download(
                text_about("condition_id", "The condition's id in the return"),
                |c: &&Condition| Value::Text(c.id.to_string()),
            ),
            Col::both(
                Column::text("Condition"),
                "",
                text_about("condition", "The condition"),
                |c: &&Condition| Value::Text(c.title.clone()),
            ),
            Col::both(
                Column::text("Status"),
                "",
                text_about("status", "Met, Not met or Partly met, as reported"),
                |c: &&Condition| Value::Text(c.status.words().into()),
            ),
            Col::download(
                text_about("narrative", "What the return says about it"),
                |c: &&Condition| c.narrative.clone().into(),
            ),
        ],
        url: Box::new(|c: &&Condition| Some(format!("#condition-{}", c.id))),
        confidential: Box::new(|c: &&Condition| c.confidential),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Id;
    use crate::data::conditions::ConditionStatus;
    use crate::render::downloads::{Table, json_rows, to_csv};

    /// The page shows each condition and its status, linked to its entry; the
    /// downloads the same two with its id and narrative.
    #[test]
    fn page_and_downloads_come_from_one_list() {
        let conditions = [Condition {
            id: Id("nc2".into()),
            title: "Right care, right place".into(),
            status: ConditionStatus::PartlyMet,
            narrative: None,
            confidential: false,
        }];
        let columns = columns();
        let headings: Vec<String> = columns.headings().into_iter().map(|h| h.label).collect();
        assert_eq!(headings, ["Condition", "Status"]);
        let row = columns.row(&&conditions[0]);
        assert_eq!(row.label, "Right care, right place");
        assert_eq!(row.url.as_deref(), Some("#condition-nc2"));
        assert_eq!(row.cells, ["Partly met"]);
        let table = Table {
            page: "conditions/2024-25-q2/".into(),
            table_id: TABLE_ID.into(),
            name: FILE_NAME.into(),
            title: "T".into(),
            fields: columns.fields(),
            rows: conditions.iter().map(|c| columns.cells(&c)).collect(),
            withheld: 0,
        };
        assert_eq!(
            String::from_utf8(to_csv(&table)).unwrap(),
            "condition_id,condition,status,narrative\r\nnc2,\"Right care, right place\",Partly met,\r\n"
        );
        assert!(json_rows(&table)[0]["narrative"].is_null());
    }
}
