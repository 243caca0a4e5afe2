//! Slugs for URLs and heading ids: lowercase ASCII letters and digits joined by `-`.
//!
//! Kept deliberately simple and stable: a URL made from a file name or heading today
//! must be the same URL in ten years, so this function must not change behaviour.

/// `"Money: 2024/25"` → `"money-2024-25"`. Letters with accents lose them where the
/// base letter is plain ASCII (é → e); other characters separate words.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            // "carers' views" → "carers-views", "people's" → "peoples"
        } else {
            pending_dash = true;
        }
    }
    out
}

fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ö' | 'Ó' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ŵ' => 'w',
        'ŷ' => 'y',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Money: 2024/25"), "money-2024-25");
        assert_eq!(slugify("  Carers' views  "), "carers-views");
        assert_eq!(slugify("Café Ŵ"), "cafe-w");
        assert_eq!(slugify("---"), "");
        assert_eq!(slugify("2024-11-12-bcf-update"), "2024-11-12-bcf-update");
    }
}
