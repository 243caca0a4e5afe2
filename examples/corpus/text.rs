//! The text of generated pages, shared by `gen_corpus` and the criterion benchmarks
//! (included with `#[path]`): a seeded generator, the words, and a page body.

use std::fmt::Write as _;

/// A small deterministic generator (SplitMix64), so the corpus needs no crate.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "care",
    "home",
    "people",
    "support",
    "hospital",
    "discharge",
    "council",
    "health",
    "services",
    "fund",
    "carers",
    "community",
    "team",
    "plan",
    "spending",
    "residents",
    "quarter",
    "target",
    "falls",
    "help",
    "staff",
    "urgent",
    "response",
    "equipment",
    "housing",
    "adaptations",
    "reablement",
    "district",
    "board",
    "partners",
    "money",
    "year",
    "local",
    "older",
    "independent",
    "safe",
    "well",
    "need",
    "time",
    "work",
];
const HEADINGS: &[&str] = &[
    "What we found",
    "What happens next",
    "Money",
    "Who it helps",
    "How we measure it",
    "What people told us",
];

pub fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(10) as usize;
    let mut s = String::new();
    for i in 0..n {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            s.push_str(
                &c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default(),
            );
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// About 600 words under `##` headings, with a money table, a list and a link.
pub fn body(rng: &mut Rng, area: &str, links: &[String]) -> String {
    let mut b = String::new();
    let mut words = 0;
    let mut section = 0;
    while words < 600 {
        let _ = writeln!(b, "## {}\n", HEADINGS[section % HEADINGS.len()]);
        section += 1;
        for _ in 0..3 {
            let p: Vec<String> = (0..4).map(|_| sentence(rng)).collect();
            words += p.iter().map(|s| s.split(' ').count()).sum::<usize>();
            let _ = writeln!(b, "{}\n", p.join(" "));
        }
        if section == 2 {
            b.push_str("| Scheme | 2023/24 (£000) | 2024/25 (£000) |\n|---|--:|--:|\n");
            for s in 0..4 {
                let _ = writeln!(
                    b,
                    "| {area} scheme {s} | {} | {} |",
                    100 + rng.below(9000),
                    100 + rng.below(9000)
                );
            }
            b.push('\n');
        }
        if section == 3 {
            for _ in 0..4 {
                let _ = writeln!(b, "- {}", sentence(rng));
            }
            b.push('\n');
            if let Some(l) = links.get(rng.below(links.len().max(1) as u64) as usize) {
                let _ = writeln!(b, "Read more in [a related page]({l}).\n");
            }
        }
    }
    b
}
