//! Exact decimals, for the one kind of value the YAML crate hands over as `f64`.
//!
//! Money must never pass through a float. A value that can only be a scalar reads
//! its digits as written: the YAML crate gives `deserialize_str` the text of an
//! unquoted `683.96`, so `Amount` needs nothing from here but [`parse_decimal_text`].
//!
//! A metric's figure is "a number, or a block with `value` and `status`", and telling
//! the two apart takes `deserialize_any`, which gives a plain `683.96` as an `f64`:
//! its text is gone before any of our code sees it. A `Deserialize` impl can reach
//! nothing but its deserialiser, so the digits can only come by a side channel (this
//! thread's current document, below), by a deserialiser wrapped around the YAML
//! crate's that tracks the path of every value (a second serde layer on the happy
//! path), or by a second pass over the parsed figures looking each up in the file's
//! spans (a half-read state in the model, and no answer for an alias). The side
//! channel is the smallest: [`exact_decimal`] looks the float up in a table of the
//! document's own number texts, and the table is made only when a figure asks,
//! so a page, a plan or a quarter never pays for it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use rust_decimal::Decimal;

/// The document this thread is parsing, and once asked for, its table of numbers:
/// `f64` bits → the exact `Decimal` its digits spell (`None` where two different
/// decimals share a float, having more digits than a float holds).
#[derive(Default)]
struct Current {
    text: Option<(Arc<str>, Range<usize>)>,
    table: Option<HashMap<u64, Option<Decimal>>>,
}

thread_local! {
    static CURRENT: RefCell<Current> = RefCell::default();
}

/// Marks `range` of `text` as the document being parsed, until dropped.
pub(super) struct ExactNumbers;

impl ExactNumbers {
    pub(super) fn install(text: &Arc<str>, range: Range<usize>) -> ExactNumbers {
        CURRENT.with(|c| {
            *c.borrow_mut() = Current {
                text: Some((Arc::clone(text), range)),
                table: None,
            }
        });
        ExactNumbers
    }
}

impl Drop for ExactNumbers {
    fn drop(&mut self) {
        CURRENT.with(|c| *c.borrow_mut() = Current::default());
    }
}

/// The exact decimal written in the document being parsed for a number the YAML crate
/// gave as `f64`; `None` if the document does not spell it unambiguously.
pub fn exact_decimal(float: f64) -> Option<Decimal> {
    CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        let Current { text, table } = &mut *c;
        let table = table.get_or_insert_with(|| match text {
            Some((text, range)) => table_of(&text[range.clone()]),
            None => HashMap::new(),
        });
        table.get(&float.to_bits()).copied().flatten()
    })
}

fn table_of(yaml: &str) -> HashMap<u64, Option<Decimal>> {
    let mut table = HashMap::new();
    for token in numeric_tokens(yaml) {
        let (Ok(float), Some(exact)) = (token.parse::<f64>(), parse_decimal_text(token)) else {
            continue;
        };
        table
            .entry(float.to_bits())
            .and_modify(|known: &mut Option<Decimal>| {
                if known.is_some_and(|k| k != exact) {
                    *known = None;
                }
            })
            .or_insert(Some(exact));
    }
    table
}

/// Parses decimal text exactly: `1200`, `-0.5`, `683.96`, `1.5e3`.
pub fn parse_decimal_text(text: &str) -> Option<Decimal> {
    let t = text.trim().trim_start_matches('+');
    if t.is_empty() || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if t.contains(['e', 'E']) {
        Decimal::from_scientific(t).ok()
    } else {
        t.parse::<Decimal>().ok()
    }
}

/// Every run of text that could be a YAML number: `-12.5`, `3e4`, `.5`.
fn numeric_tokens(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let start = i;
            let c = bytes[i];
            let begins = c.is_ascii_digit()
                || (matches!(c, b'-' | b'+' | b'.')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
            let after_word =
                start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
            if !begins || after_word {
                i += 1;
                continue;
            }
            i += 1;
            while i < bytes.len() {
                let b = bytes[i];
                let exp_sign = matches!(b, b'-' | b'+') && matches!(bytes[i - 1], b'e' | b'E');
                if b.is_ascii_digit() || b == b'.' || b == b'e' || b == b'E' || exp_sign {
                    i += 1;
                } else {
                    break;
                }
            }
            return Some(&text[start..i]);
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn numbers_are_read_exactly_from_the_text() {
        #[derive(Deserialize)]
        struct N {
            a: f64,
            b: f64,
        }
        let text = "a: 683.96\nb: 0.1\n";
        let _t = ExactNumbers::install(&text.into(), 0..text.len());
        let n: N = yaml_serde::from_str(text).unwrap();
        assert_eq!(exact_decimal(n.a), Some("683.96".parse().unwrap()));
        assert_eq!(exact_decimal(n.b), Some("0.1".parse().unwrap()));
        assert_eq!(exact_decimal(0.2), None, "not written in the document");
    }

    #[test]
    fn too_many_digits_for_a_float_is_ambiguous() {
        let text = "a: 0.12345678901234567890\nb: 0.12345678901234567891\n";
        let _t = ExactNumbers::install(&text.into(), 0..text.len());
        assert_eq!(
            exact_decimal("0.12345678901234567890".parse().unwrap()),
            None
        );
    }

    #[test]
    fn numeric_tokens_find_every_number() {
        // Extra tokens (parts of ids) only add harmless table entries.
        let t: Vec<_> = numeric_tokens("id: bcf-2023-25\nv: -1.5e3, x2: .5\n").collect();
        assert_eq!(t, ["2023", "25", "-1.5e3", ".5"]);
    }
}
