//! Exact decimals for numbers the YAML crate hands over as `f64`.
//!
//! Money must never pass through a float. The table below lets a deserialiser that was
//! handed an `f64` find the digits the document actually spells.

use std::cell::RefCell;
use std::collections::HashMap;

use rust_decimal::Decimal;

/// Exact decimals for numbers the YAML crate hands over as `f64`.
///
/// The YAML crate turns a plain scalar such as `683.96` into an `f64` before any
/// deserialiser sees it, and its original text is gone. Money must never pass through
/// a float, so while a document is parsed we keep a table, made from the document's
/// own text, of every number written in it: its `f64` bits → the exact `Decimal` its
/// digits spell. A deserialiser handed an `f64` looks the exact value up here; the
/// float is only ever a key. Two different decimals with the same `f64` (more digits
/// than a float holds) are marked ambiguous, and reading them is an error.
pub(super) struct ExactNumbers;

thread_local! {
    static EXACT: RefCell<HashMap<u64, Option<Decimal>>> = RefCell::new(HashMap::new());
}

impl ExactNumbers {
    pub(super) fn install(yaml: &str) -> ExactNumbers {
        EXACT.with(|table| {
            let mut table = table.borrow_mut();
            table.clear();
            for token in numeric_tokens(yaml) {
                let (Ok(float), Some(exact)) = (token.parse::<f64>(), parse_decimal_text(token))
                else {
                    continue;
                };
                table
                    .entry(float.to_bits())
                    .and_modify(|known| {
                        if known.is_some_and(|k| k != exact) {
                            *known = None;
                        }
                    })
                    .or_insert(Some(exact));
            }
        });
        ExactNumbers
    }
}

impl Drop for ExactNumbers {
    fn drop(&mut self) {
        EXACT.with(|table| table.borrow_mut().clear());
    }
}

/// The exact decimal written in the document being parsed for a number the YAML crate
/// gave as `f64`; `None` if the document does not spell it unambiguously.
pub fn exact_decimal(float: f64) -> Option<Decimal> {
    EXACT.with(|table| table.borrow().get(&float.to_bits()).copied().flatten())
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
        let _t = ExactNumbers::install(text);
        let n: N = yaml_serde::from_str(text).unwrap();
        assert_eq!(exact_decimal(n.a), Some("683.96".parse().unwrap()));
        assert_eq!(exact_decimal(n.b), Some("0.1".parse().unwrap()));
        assert_eq!(exact_decimal(0.2), None, "not written in the document");
    }

    #[test]
    fn too_many_digits_for_a_float_is_ambiguous() {
        let text = "a: 0.12345678901234567890\nb: 0.12345678901234567891\n";
        let _t = ExactNumbers::install(text);
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
