//! A paper's appendices as one list: published and withheld together, in natural
//! label order ("Appendix 2" before "Appendix 10"), as the board's papers number them.
//! Withheld ones keep their place, by title or "title withheld" and their Schedule 12A
//! paragraph, and never a link.

use super::views::{AppendixItem, AppendixView, WithheldView};

/// A paper's appendices, published and withheld, in one list in natural label order.
pub(super) fn all_appendices(
    published: &[AppendixView],
    withheld: &[WithheldView],
) -> Vec<AppendixItem> {
    let mut all: Vec<AppendixItem> = published
        .iter()
        .map(|a| AppendixItem {
            label: a.label.clone(),
            title: Some(a.title.clone()),
            url: Some(a.url.clone()),
            confidential: a.confidential,
            withheld: false,
            exemption: None,
        })
        .chain(withheld.iter().map(|w| AppendixItem {
            label: w.label.clone(),
            title: w.title.clone(),
            url: None,
            confidential: true,
            withheld: true,
            exemption: w.exemption.clone(),
        }))
        .collect();
    all.sort_by_cached_key(|a| natural_key(&a.label));
    all
}

/// A label's sort key in natural order: runs of digits by their number, other runs
/// by their letters ignoring case, so "2" < "10" and "A" < "b" < "C".
fn natural_key(label: &str) -> Vec<(u8, u128, String)> {
    let mut key = Vec::new();
    let mut chars = label.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        let digits = c.is_ascii_digit();
        let mut run = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_digit() != digits {
                break;
            }
            run.push(c);
            chars.next();
        }
        if digits {
            // Leading zeros do not change the number; equal numbers go by their digits.
            let n = run.trim_start_matches('0');
            key.push((0, n.parse().unwrap_or(u128::MAX), run));
        } else {
            key.push((1, 0, run.to_lowercase()));
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::natural_key;

    #[test]
    fn labels_sort_naturally() {
        let mut labels = vec![
            "10",
            "B",
            "2",
            "a",
            "1",
            "C",
            "Appendix 10",
            "Appendix 9",
            "02",
        ];
        labels.sort_by_cached_key(|l| natural_key(l));
        assert_eq!(
            labels,
            [
                "1",
                "02",
                "2",
                "10",
                "a",
                "Appendix 9",
                "Appendix 10",
                "B",
                "C"
            ]
        );
    }
}
