//! Where each key and value of a YAML text is written, found only when a diagnostic
//! needs it.
//!
//! The YAML crate reports where it stopped when it fails, but a value it read
//! successfully carries no position. Problems found after reading (an id used twice,
//! a figure out of scale, a key wrong for its page kind) must still point at the
//! line they are about. So, only then, the text is read again by `saphyr-parser`,
//! which gives the start and end of every event, into a small tree of positions; a
//! lookup by path (`metrics`, item 2, `actuals`, key `2024-25`) replaces searching
//! the text for a word, which finds the first place the word is written rather than
//! the place meant.
//!
//! (Over 500 lines for its tests: the property test's generator and checker are
//! half of the file.)
//!
//! The happy path never builds one. The two parsers agree on every document that the
//! YAML crate accepts and pages use; where they do not (tabs, complex keys, text the
//! YAML crate refused), [`Spans::of`] gives `None` or a lookup finds nothing, and the
//! caller keeps the position it had.

use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle};

/// The positions of one YAML document's keys and values, as byte ranges of the file.
pub struct Spans {
    nodes: Vec<Node>,
}

struct Node {
    /// In a mapping, the key this value is under: its text, and where it is written
    /// (inside its quotes, if it has them).
    key: Option<(String, Range<usize>)>,
    /// Where the value is written: a scalar inside its quotes; a flow collection with
    /// its brackets; a block collection from its first key or `-` to the end of its
    /// last value. An empty value (`key:`) is an empty range after the colon.
    span: Range<usize>,
    /// A scalar's text, as the YAML crate reads it (unquoted, unescaped).
    scalar: Option<String>,
    /// Entries of a mapping or items of a sequence, in order.
    children: Vec<usize>,
}

/// One value in a [`Spans`]: a place to look up further or to report.
#[derive(Clone, Copy)]
pub struct At<'a> {
    spans: &'a Spans,
    node: usize,
}

/// A collection being read: its node, and in a mapping the key waiting for its value.
struct Open {
    node: usize,
    is_map: bool,
    /// `None` while a mapping waits for a key; a collection used as a key (`? [a]`)
    /// leaves an empty key with that collection's span.
    key: Option<(String, Range<usize>)>,
    /// This collection is itself a key, not a value.
    is_key: bool,
}

impl Spans {
    /// Reads the first document of `yaml`, which starts at byte `base` of its file.
    /// `None` if the text is not YAML this parser can read.
    pub fn of(yaml: &str, base: usize) -> Option<Spans> {
        let bytes = ByteOffsets::new(yaml, base);
        let mut nodes: Vec<Node> = Vec::new();
        let mut open: Vec<Open> = Vec::new();
        for event in Parser::new_from_str(yaml) {
            let (event, span) = event.ok()?;
            let mut span = bytes.at(span.start.index())..bytes.at(span.end.index());
            let (scalar, starts) = match event {
                Event::Scalar(text, style, ..) => {
                    // A caret goes on the text, not on its quotes.
                    if matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
                        && span.len() >= 2
                    {
                        span = span.start + 1..span.end - 1;
                    }
                    (Some(text.into_owned()), None)
                }
                Event::Alias(_) => (Some(String::new()), None),
                Event::SequenceStart(..) => (None, Some(false)),
                Event::MappingStart(..) => (None, Some(true)),
                Event::SequenceEnd | Event::MappingEnd => {
                    let done = open.pop()?;
                    let node = &nodes[done.node];
                    // A flow collection ends at its bracket; a block one has no end
                    // mark of its own, so it ends where its last value does.
                    let end = if span.is_empty() {
                        node.children
                            .last()
                            .map_or(node.span.start, |&c| nodes[c].span.end)
                    } else {
                        span.end
                    };
                    nodes[done.node].span.end = end.max(nodes[done.node].span.start);
                    if done.is_key {
                        let key_span = nodes[done.node].span.clone();
                        open.last_mut()?.key = Some((String::new(), key_span));
                    }
                    if open.is_empty() {
                        break;
                    }
                    continue;
                }
                Event::DocumentEnd if nodes.is_empty() => return None,
                Event::DocumentEnd => break,
                _ => continue,
            };
            // A scalar where a mapping waits for a key is that key.
            if let Some(parent) = open.last_mut()
                && parent.is_map
                && parent.key.is_none()
                && starts.is_none()
            {
                parent.key = Some((scalar.unwrap_or_default(), span));
                continue;
            }
            let is_key = open
                .last()
                .is_some_and(|p| p.is_map && p.key.is_none() && starts.is_some());
            let key = match open.last_mut() {
                Some(parent) if parent.is_map && !is_key => parent.key.take(),
                _ => None,
            };
            let node = nodes.len();
            nodes.push(Node {
                key,
                span,
                scalar,
                children: Vec::new(),
            });
            if !is_key && let Some(parent) = open.last() {
                let parent = parent.node;
                nodes[parent].children.push(node);
            }
            match starts {
                Some(is_map) => open.push(Open {
                    node,
                    is_map,
                    key: None,
                    is_key,
                }),
                None if open.is_empty() => break,
                None => {}
            }
        }
        (!nodes.is_empty()).then_some(Spans { nodes })
    }

    /// The document's top value.
    pub fn root(&self) -> At<'_> {
        At {
            spans: self,
            node: 0,
        }
    }
}

impl<'a> At<'a> {
    fn node(&self) -> &'a Node {
        &self.spans.nodes[self.node]
    }

    /// The entries of a mapping, or the items of a sequence, in order.
    pub fn children(self) -> impl Iterator<Item = At<'a>> {
        let spans = self.spans;
        self.node()
            .children
            .iter()
            .map(move |&node| At { spans, node })
    }

    /// The value of a mapping's first entry under `key`.
    pub fn get(self, key: &str) -> Option<At<'a>> {
        self.children().find(|c| c.key() == Some(key))
    }

    /// The value of a mapping's first entry whose key `test` accepts.
    pub fn get_where(self, test: impl Fn(&str) -> bool) -> Option<At<'a>> {
        self.children().find(|c| c.key().is_some_and(&test))
    }

    /// Item `index` of a sequence.
    pub fn item(self, index: usize) -> Option<At<'a>> {
        self.children().nth(index)
    }

    /// The first item of a sequence that is a mapping whose `key` is the scalar
    /// `value` (a record by its id: `item_with("id", "home-care")`).
    pub fn item_with(self, key: &str, value: &str) -> Option<At<'a>> {
        self.children()
            .find(|c| c.get(key).and_then(At::scalar) == Some(value))
    }

    /// The value at a path as the YAML crate writes it in its errors:
    /// `metrics[0].actuals.2024-25`, `inner.title`, `list[1]`, `.` for the top.
    /// A key holding a `.` or `[` cannot be told apart from a path, so is not found.
    pub fn path(self, path: &str) -> Option<At<'a>> {
        let mut at = self;
        for part in path.split('.').filter(|p| !p.is_empty()) {
            let (key, indexes) = part.split_once('[').unwrap_or((part, ""));
            if !key.is_empty() {
                at = at.get(key)?;
            }
            for index in indexes.split('[') {
                if let Some(i) = index.strip_suffix(']') {
                    at = at.item(i.parse().ok()?)?;
                }
            }
        }
        Some(at)
    }

    /// The first scalar, in document order, at or below this value whose text is
    /// `text`: a key's place if it is a key, else the value's.
    pub fn find_scalar(self, text: &str) -> Option<Range<usize>> {
        // A stack, not recursion: nesting is as deep as the text makes it.
        let mut stack = vec![self];
        while let Some(at) = stack.pop() {
            if at.node != self.node && at.key() == Some(text) {
                return at.key_span();
            }
            if at.scalar() == Some(text) {
                return Some(at.span());
            }
            let before = stack.len();
            stack.extend(at.children());
            stack[before..].reverse();
        }
        None
    }

    /// The key this value is under, in a mapping.
    pub fn key(self) -> Option<&'a str> {
        self.node().key.as_ref().map(|(k, _)| k.as_str())
    }

    /// Where that key is written.
    pub fn key_span(self) -> Option<Range<usize>> {
        self.node().key.as_ref().map(|(_, s)| s.clone())
    }

    /// The key and its value as one span: `id: home-care`.
    pub fn entry_span(self) -> Option<Range<usize>> {
        Some(self.key_span()?.start..self.span().end)
    }

    /// Where the value is written.
    pub fn span(self) -> Range<usize> {
        self.node().span.clone()
    }

    /// A scalar value's text; `None` for a mapping or a sequence.
    pub fn scalar(self) -> Option<&'a str> {
        self.node().scalar.as_deref()
    }
}

/// The parser counts characters; diagnostics count bytes of the file.
struct ByteOffsets {
    base: usize,
    /// The byte offset of each character, and of the end; empty for ASCII text, where
    /// the two are the same.
    of_char: Vec<usize>,
}

impl ByteOffsets {
    fn new(text: &str, base: usize) -> ByteOffsets {
        let of_char = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect()
        };
        ByteOffsets { base, of_char }
    }

    fn at(&self, char_index: usize) -> usize {
        let byte = if self.of_char.is_empty() {
            char_index
        } else {
            self.of_char[char_index.min(self.of_char.len() - 1)]
        };
        self.base + byte
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text_at(text: &str, span: Range<usize>) -> &str {
        &text[span]
    }

    #[test]
    fn finds_keys_and_values_by_path() {
        let text = "kind: plan\nid: \"x-1\"\nfunding:\n  - id: f1\n    amounts: {2024-25: 10.50}\n  - id: f2\n    name: Ré\nlast: [a, b]\nempty:\n";
        let spans = Spans::of(text, 0).unwrap();
        let root = spans.root();
        let id = root.get("id").unwrap();
        assert_eq!(text_at(text, id.span()), "x-1");
        assert_eq!(id.scalar(), Some("x-1"));
        assert_eq!(text_at(text, id.key_span().unwrap()), "id");
        let f2 = root.get("funding").unwrap().item_with("id", "f2").unwrap();
        assert_eq!(text_at(text, f2.span()), "id: f2\n    name: Ré");
        assert_eq!(text_at(text, f2.get("name").unwrap().span()), "Ré");
        let amount = root.path("funding[0].amounts.2024-25").unwrap();
        assert_eq!(text_at(text, amount.span()), "10.50");
        assert_eq!(text_at(text, amount.key_span().unwrap()), "2024-25");
        assert_eq!(
            text_at(text, root.path("funding[0].amounts").unwrap().span()),
            "{2024-25: 10.50}"
        );
        assert_eq!(text_at(text, root.path("last[1]").unwrap().span()), "b");
        let empty = root.get("empty").unwrap();
        assert!(empty.span().is_empty() && empty.span().start >= empty.key_span().unwrap().end);
        assert!(root.path("funding[2]").is_none());
        assert_eq!(
            text_at(
                text,
                root.get("funding").unwrap().find_scalar("f2").unwrap()
            ),
            "f2"
        );
    }

    #[test]
    fn positions_are_bytes_of_the_file() {
        let text = "title: Café ü\nsummary: 中文\n";
        let spans = Spans::of(text, 100).unwrap();
        let s = spans.root().get("summary").unwrap();
        assert_eq!(s.span(), 100 + 25..100 + 31);
        assert_eq!(&text[s.span().start - 100..s.span().end - 100], "中文");
    }

    #[test]
    fn complex_keys_and_aliases_do_not_confuse_the_entries() {
        let text = "? [a, b]\n: 1\nx: &a 2\ny: *a\nz: 3\n";
        let spans = Spans::of(text, 0).unwrap();
        let root = spans.root();
        assert_eq!(text_at(text, root.get("z").unwrap().span()), "3");
        assert_eq!(text_at(text, root.get("y").unwrap().span()), "*a");
        assert_eq!(root.children().count(), 4);
    }

    #[test]
    fn text_that_is_not_yaml_has_no_spans() {
        assert!(Spans::of("a: 'unclosed\n", 0).is_none());
        assert!(Spans::of("", 0).is_none());
        // A second document is not read.
        let spans = Spans::of("a: 1\n---\nb: 2\n", 0).unwrap();
        assert!(spans.root().get("b").is_none());
    }

    /// A YAML value to write out, with how each scalar is quoted.
    #[derive(Clone, Debug)]
    enum Gen {
        Scalar(String, Quote),
        Map(Vec<(String, Quote, Gen)>, bool),
        Seq(Vec<Gen>, bool),
    }

    #[derive(Clone, Copy, Debug)]
    enum Quote {
        Plain,
        Single,
        Double,
    }

    /// What a caret underlines: the text inside the quotes.
    fn inner(text: &str, quote: Quote) -> String {
        let w = written(text, quote);
        match quote {
            Quote::Plain => w,
            _ => w[1..w.len() - 1].to_string(),
        }
    }

    fn written(text: &str, quote: Quote) -> String {
        match quote {
            Quote::Plain => text.to_string(),
            Quote::Single => format!("'{}'", text.replace('\'', "''")),
            Quote::Double => format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")),
        }
    }

    fn scalar() -> impl Strategy<Value = (String, Quote)> {
        prop_oneof![
            "[a-z][a-z0-9-]{0,8}".prop_map(|s| (s, Quote::Plain)),
            "-?[0-9]{1,4}(\\.[0-9]{1,2})?".prop_map(|s| (s, Quote::Plain)),
            "[a-zA-Z0-9 :,'\"#é中-]{0,10}".prop_map(|s| (s, Quote::Single)),
            "[a-zA-Z0-9 :,'\"#é中-]{0,10}".prop_map(|s| (s, Quote::Double)),
        ]
    }

    fn tree() -> impl Strategy<Value = Gen> {
        let leaf = scalar().prop_map(|(s, q)| Gen::Scalar(s, q));
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                (
                    proptest::collection::vec((scalar(), inner.clone()), 1..4),
                    any::<bool>()
                )
                    .prop_map(|(entries, flow)| {
                        // Keys must differ: a number after each keeps them apart.
                        let entries = entries
                            .into_iter()
                            .enumerate()
                            .map(|(i, ((k, q), v))| (format!("{k}{i}"), q, v))
                            .collect();
                        Gen::Map(entries, flow)
                    }),
                (proptest::collection::vec(inner, 1..4), any::<bool>())
                    .prop_map(|(items, flow)| Gen::Seq(items, flow)),
            ]
        })
    }

    fn flow(g: &Gen) -> String {
        match g {
            Gen::Scalar(s, q) => written(s, *q),
            Gen::Map(entries, _) => {
                let inner: Vec<String> = entries
                    .iter()
                    .map(|(k, q, v)| format!("{}: {}", written(k, *q), flow(v)))
                    .collect();
                format!("{{{}}}", inner.join(", "))
            }
            Gen::Seq(items, _) => {
                let inner: Vec<String> = items.iter().map(flow).collect();
                format!("[{}]", inner.join(", "))
            }
        }
    }

    /// Writes a mapping in block style at `indent`; nested collections in block
    /// style where asked, and always in flow style inside a sequence's items.
    fn block_map(entries: &[(String, Quote, Gen)], indent: usize, out: &mut String) {
        for (k, q, v) in entries {
            out.push_str(&" ".repeat(indent));
            out.push_str(&written(k, *q));
            out.push(':');
            match v {
                Gen::Map(inner, false) => {
                    out.push('\n');
                    block_map(inner, indent + 2, out);
                }
                Gen::Seq(items, false) => {
                    out.push('\n');
                    for item in items {
                        out.push_str(&" ".repeat(indent + 2));
                        out.push_str("- ");
                        out.push_str(&flow(item));
                        out.push('\n');
                    }
                }
                v => {
                    out.push(' ');
                    out.push_str(&flow(v));
                    out.push('\n');
                }
            }
        }
    }

    /// Walks the written value and the index together: every key's span holds the
    /// key as written, every scalar's span the scalar as written, every collection's
    /// span starts and ends where it is written.
    fn check(g: &Gen, at: At, text: &str, block: bool) -> Result<(), TestCaseError> {
        let here = &text[at.span()];
        match g {
            Gen::Scalar(s, q) => {
                prop_assert_eq!(here, inner(s, *q));
                prop_assert_eq!(at.scalar(), Some(s.as_str()));
            }
            Gen::Map(entries, is_flow) => {
                let flow_here = !block || *is_flow;
                if flow_here {
                    prop_assert_eq!(here, flow(g));
                } else {
                    prop_assert!(here.starts_with(&written(&entries[0].0, entries[0].1)));
                }
                prop_assert_eq!(at.children().count(), entries.len());
                for (k, q, v) in entries {
                    let child = at.get(k);
                    prop_assert!(child.is_some(), "no entry {}", k);
                    let child = child.unwrap();
                    prop_assert_eq!(&text[child.key_span().unwrap()], inner(k, *q));
                    check(v, child, text, !flow_here)?;
                }
            }
            Gen::Seq(items, is_flow) => {
                let flow_here = !block || *is_flow;
                if flow_here {
                    prop_assert_eq!(here, flow(g));
                } else {
                    prop_assert!(here.starts_with("- "));
                }
                prop_assert_eq!(at.children().count(), items.len());
                for (i, item) in items.iter().enumerate() {
                    // Items of a block sequence are written in flow style.
                    check(item, at.item(i).unwrap(), text, false)?;
                }
            }
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn every_span_lies_on_the_key_or_value_it_names(
            entries in proptest::collection::vec((scalar(), tree()), 1..5),
            prefix in "(---\n)?",
        ) {
            let entries: Vec<(String, Quote, Gen)> = entries
                .into_iter()
                .enumerate()
                .map(|(i, ((k, q), v))| (format!("{k}{i}"), q, v))
                .collect();
            let mut yaml = String::new();
            block_map(&entries, 0, &mut yaml);
            // As front matter sits in its file: after a fence, at an offset.
            let text = format!("{prefix}{yaml}");
            let spans = Spans::of(&text[prefix.len()..], prefix.len());
            prop_assert!(spans.is_some(), "not read: {}", text);
            let spans = spans.unwrap();
            check(&Gen::Map(entries, false), spans.root(), &text, true)?;
        }
    }
}
