//! The syntax tree of one TOML file.
//!
//! Parsing is most of loading, and most of parsing was `toml` building its own tree
//! (`DeTable`): tokens, then events, then a hash map per table keyed by cloned keys. Catalog
//! tables are small, so this tree keeps a table's entries in a `Vec` (indexed only once it grows
//! large), and [`scan`] reads the TOML that catalogs are written in straight into it, by
//! `toml`'s own rules ([`tables`]): the same entries in the same order with the same spans.
//!
//! Whatever the scanner is not sure of, any error above all, it leaves to `toml`: the file is
//! then parsed by `toml::de::DeTable`, so that error messages and locations are exactly
//! `toml`'s, and a valid document the scanner did not take is converted from `toml`'s tree.

mod scan;
mod tables;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::{Deref, Range};
use toml::de::{DeTable, DeValue};
use toml_datetime::Datetime;

/// A value with the byte range it was read from, in 32-bit offsets as [`crate::span::Span`]
/// keeps them: a tree holds two per entry, and smaller entries copy faster as tables grow.
#[derive(Clone, Debug)]
pub(crate) struct Spanned<T> {
    start: u32,
    end: u32,
    value: T,
}

impl<T> Spanned<T> {
    /// `value`, read from `span`.
    pub fn new(span: Range<usize>, value: T) -> Self {
        Spanned {
            start: span.start as u32,
            end: span.end as u32,
            value,
        }
    }

    /// The byte range the value was read from.
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The value.
    pub fn get_ref(&self) -> &T {
        &self.value
    }

    /// The value, to change.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.value
    }

    /// The value, taken out.
    pub fn into_inner(self) -> T {
        self.value
    }
}

/// Values compare without their spans, as `toml`'s do.
#[cfg(test)]
impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<'i> From<toml::Spanned<Cow<'i, str>>> for Spanned<Cow<'i, str>> {
    fn from(key: toml::Spanned<Cow<'i, str>>) -> Self {
        Spanned::new(key.span(), key.into_inner())
    }
}

/// A TOML value with its span.
pub(crate) type Value<'i> = Spanned<Item<'i>>;
/// A TOML table key with its span.
pub(crate) type Key<'i> = Spanned<Cow<'i, str>>;

/// From how many entries a table keeps an index of its keys.
const INDEXED_FROM: usize = 32;

/// A TOML value.
#[derive(Debug)]
#[cfg_attr(test, derive(PartialEq))]
pub(crate) enum Item<'i> {
    /// A string, unescaped.
    String(Cow<'i, str>),
    /// An integer as written, without its radix prefix.
    Integer(Number<'i>),
    /// A float as written.
    Float(Number<'i>),
    /// `true` or `false`.
    Boolean(bool),
    /// An offset or local date-time, date or time.
    Datetime(Datetime),
    /// An array, inline or of tables.
    Array(Array<'i>),
    /// A table, inline or not.
    Table(Table<'i>),
}

/// A number as written, so that a reader decides how to convert it.
#[derive(Debug)]
#[cfg_attr(test, derive(PartialEq))]
pub(crate) struct Number<'i> {
    text: Cow<'i, str>,
    radix: u32,
}

impl Number<'_> {
    /// The digits, without a radix prefix.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// 2, 8, 10 or 16.
    pub fn radix(&self) -> u32 {
        self.radix
    }

    /// The value of an integer, if it fits in 64 bits.
    pub fn to_i64(&self) -> Option<i64> {
        let digits = match self.text.contains('_') {
            true => Cow::Owned(self.text.replace('_', "")),
            false => Cow::Borrowed(self.text.as_ref()),
        };
        i64::from_str_radix(&digits, self.radix).ok()
    }
}

impl std::fmt::Display for Number<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let prefix = match self.radix {
            2 => "0b",
            8 => "0o",
            16 => "0x",
            _ => "",
        };
        write!(f, "{prefix}{}", self.text)
    }
}

/// An array's values.
#[derive(Debug)]
pub(crate) struct Array<'i> {
    items: Vec<Value<'i>>,
    /// Made by `[[header]]`s, so later headers may add to it.
    of_tables: bool,
    /// Known to be written in one piece, `[…]`, so its span holds all of it (the scanner
    /// knows; `toml`'s tree does not say).
    inline: bool,
}

impl Array<'_> {
    /// Whether the array is known to be written in one piece, `[…]`, so that its span holds
    /// all of it.
    pub fn is_inline(&self) -> bool {
        self.inline
    }
}

impl<'i> Deref for Array<'i> {
    type Target = [Value<'i>];

    fn deref(&self) -> &Self::Target {
        &self.items
    }
}

#[cfg(test)]
impl PartialEq for Array<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

/// A table's entries, in the order they were written.
#[derive(Debug, Default)]
pub(crate) struct Table<'i> {
    entries: Vec<(Key<'i>, Value<'i>)>,
    /// Each key's position, once the table has [`INDEXED_FROM`] entries.
    #[expect(
        clippy::box_collection,
        reason = "a pointer instead of a map's 48 bytes in every table, so in every value"
    )]
    index: Option<Box<HashMap<String, usize>>>,
    /// Created on the way to a deeper key or header, not by its own header.
    implicit: bool,
    /// Created or extended by a dotted key.
    dotted: bool,
    /// Written inline, so closed to later keys and headers.
    inline: bool,
}

#[cfg(test)]
impl PartialEq for Table<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl<'i> Table<'i> {
    /// Parses a TOML document, with `toml`'s errors.
    pub fn parse(text: &'i str) -> Result<Self, toml::de::Error> {
        match scan::scan(text) {
            Some(table) => Ok(table),
            None => DeTable::parse(text).map(|root| Table::from_toml(root.into_inner())),
        }
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&Key<'i>, &Value<'i>)> {
        self.entries.iter().map(|(key, value)| (key, value))
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value<'i>> {
        self.position(key).map(|at| &self.entries[at].1)
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table is known to be written inline: `{…}`, whose span holds all of it, or
    /// a table a dotted key makes inside one (the scanner knows; `toml`'s tree does not say).
    pub fn is_inline(&self) -> bool {
        self.inline
    }

    /// Whether `key` is in the table.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            // From the end: a header usually names the entry just added (`[service.x]`, then
            // `[service.x.dependencies]`); a key is in a table at most once.
            None => self.entries.iter().rposition(|(k, _)| k.get_ref() == key),
        }
    }

    /// The position of `key`, where an implicit table is added first if the key is new.
    fn position_or_implicit(&mut self, key: &Key<'i>, dotted: bool, inline: bool) -> usize {
        if let Some(at) = self.position(key.get_ref()) {
            return at;
        }
        let created = Table {
            implicit: true,
            dotted,
            inline,
            ..Table::default()
        };
        self.push(key.clone(), Spanned::new(key.span(), Item::Table(created)))
    }

    /// Appends an entry whose key is not in the table yet, answering its position.
    fn push(&mut self, key: Key<'i>, value: Value<'i>) -> usize {
        let at = self.entries.len();
        if let Some(index) = &mut self.index {
            index.insert(key.get_ref().to_string(), at);
        }
        self.entries.push((key, value));
        if self.index.is_none() && self.entries.len() >= INDEXED_FROM {
            self.reindex();
        }
        at
    }

    /// Takes out the value at `at`, keeping the other entries in order.
    fn remove(&mut self, at: usize) -> Value<'i> {
        let (_, value) = self.entries.remove(at);
        if self.index.is_some() {
            self.reindex();
        }
        value
    }

    fn reindex(&mut self) {
        let index = self.entries.iter().enumerate();
        let index = index.map(|(at, (key, _))| (key.get_ref().to_string(), at));
        self.index = Some(Box::new(index.collect()));
    }

    fn item_mut(&mut self, at: usize) -> &mut Item<'i> {
        self.entries[at].1.get_mut()
    }

    /// Converts `toml`'s tree of a document the scanner left to it.
    fn from_toml(table: DeTable<'i>) -> Self {
        let mut converted = Table::default();
        for (key, value) in table {
            converted.push(key.into(), Item::from_toml(value));
        }
        converted
    }
}

impl<'i> Item<'i> {
    fn from_toml(value: toml::Spanned<DeValue<'i>>) -> Value<'i> {
        let span = value.span();
        let item = match value.into_inner() {
            DeValue::String(text) => Item::String(text),
            DeValue::Integer(number) => Item::Integer(Number {
                text: Cow::Owned(number.as_str().to_owned()),
                radix: number.radix(),
            }),
            DeValue::Float(number) => Item::Float(Number {
                text: Cow::Owned(number.as_str().to_owned()),
                radix: 10,
            }),
            DeValue::Boolean(b) => Item::Boolean(b),
            DeValue::Datetime(datetime) => Item::Datetime(datetime),
            DeValue::Array(array) => Item::Array(Array {
                items: array.into_iter().map(Item::from_toml).collect(),
                of_tables: false,
                inline: false,
            }),
            DeValue::Table(table) => Item::Table(Table::from_toml(table)),
        };
        Spanned::new(span, item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `toml`'s tree of `text`, or `None` where `toml` refuses it.
    fn toml_tree(text: &str) -> Option<Table<'_>> {
        DeTable::parse(text)
            .ok()
            .map(|root| Table::from_toml(root.into_inner()))
    }

    /// The scanner never takes a document `toml` refuses, and builds `toml`'s tree from every
    /// document it takes; answers whether it took `text`.
    fn check(text: &str) -> bool {
        let scanned = scan::scan(text);
        match (&scanned, toml_tree(text)) {
            (Some(tree), Some(expected)) => assert_eq!(tree, &expected, "document:\n{text}"),
            (Some(_), None) => panic!("took a document `toml` refuses:\n{text}"),
            (None, _) => {}
        }
        scanned.is_some()
    }

    fn toml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                toml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }

    #[test]
    fn the_corpus_gives_toml_s_trees_and_the_examples_are_all_scanned() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        toml_files(&root.join("tests"), &mut files);
        assert!(files.len() > 100, "found {} files", files.len());
        for file in files {
            check(&std::fs::read_to_string(&file).unwrap());
        }
        let mut examples = Vec::new();
        toml_files(&root.join("examples"), &mut examples);
        assert!(!examples.is_empty());
        for file in examples {
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(check(&text), "left {} to toml", file.display());
        }
    }

    /// Documents in the scanner's subset, which it must take.
    const TAKEN: &[&str] = &[
        "",
        "a = 0\nb = -0\nc = 42\nd = -17",
        "a = 1.0\nb = -0.50\nc = 3.14159",
        "a = true\nb = false",
        "a = 2026-05-20",
        "a = 1979-05-27T07:32:00Z\nb = 1979-05-27 07:32:00-08:00\nc = 1979-05-27T00:32:00.999999",
        "a = 07:32:00\nb = [1979-05-27 07:32:00, 2026-01-01]\nc = 1979-05-27t07:32:00z",
        "a = \"\"\"\nmulti\nline\"\"\"\nb = '''\r\nmulti\r\nline'''",
        "a = \"\"\"x \\\r\n  y\"\"\"\r\nb = \"\"\"\r\nz\"\"\"",
        r#"a = """one ""two"" three""""
b = """
  joined \
    here \   
  too"""
c = """esc \"\"\" \e \x41 \u00e9"""
d = '''it's'''
e = ''''quoted''''
f = "\e\x7f""#,
        r#"a = ""
b = 'lit \n'
c = "tab\there"
d = "\u00e9\U0001F600 \"q\" \\ \b\f\r\n""#,
        "a = \"日本語\" # ünïcödé comment\n",
        "a-b_C9 = 1\n\"a.b\" = 2\n'c d' = 3\n1234 = 4\ntrue = 5",
        "a . b = 1\na.c = 2",
        "[ a ]\nx = 1\n[[ b ]]\ny = 2\n[[b]]\n[b.c]\nz = 3",
        "a = {}\nb = { c = 1, d.e = 2, f = { g = [1] } }",
        "a = [ ]\nb = [\n  1, # one\n  2,\n]\nc = [[1, 2], ['x'], [{ y = 1 }]]",
        "a = 1\r\nb = 2\r\n# c\r\n",
        "a=1#c\n\t b\t=\t2\t",
        "[a.b.c]\n[a]\nx = 1",
        "[x]\na.b = 1\n[x.a.c]\nd = 2",
    ];

    /// Documents the scanner leaves to `toml`, valid or not.
    const LEFT: &[&str] = &[
        "a = 01",
        "a = 1.",
        "a = .5",
        "a = +1",
        "a = 1_000",
        "a = 1e3",
        "a = 0x1F",
        "a = inf",
        r#"a = "\uD800""#,
        r#"a = "bad \x4""#,
        r#"a = "bad \q""#,
        r#"a = """bad \ x""""#,
        r#"a = """six"""""""#,
        "a = \"\"\"cr\rx\"\"\"",
        "a = '''cr\rx'''",
        "a = '''seven'''''''",
        "a = 2026-13-40",
        "a = 24:00:00",
        "a = 1979-05-27  07:32:00",
        "a = 2026-05-20 x",
        "a = [2026-05-20 1]",
        "a = { b = 1, }",
        "a = {\n b = 1 }",
        "a = [1,,2]",
        "a = [,]",
        "a = true1",
        "a = 1 2",
        "a = \"x\" \"y\"",
        "= 1",
        "a =",
        "a = # c",
        "[a]]",
        "[ [a] ]",
        "a = 1\rb = 2",
        "# c\u{1}",
        "ä = 1",
        "\u{feff}a = 1",
        "a = 1\na = 2",
        "[a]\n[a]",
        "a = {b = 1}\n[a.c]",
        "a = [1]\n[[a]]",
        "[x]\na.b = 1\n[x.a]",
        "[a.b.c]\n[a]\nb.c.d = 1",
    ];

    #[test]
    fn the_subset_is_taken_and_the_rest_left_to_toml() {
        for text in TAKEN {
            assert!(check(text), "left to toml:\n{text}");
        }
        for text in LEFT {
            assert!(!check(text), "took:\n{text}");
        }
    }

    #[test]
    fn large_tables_find_their_keys_and_refuse_a_repeated_one() {
        let keys: Vec<String> = (0..80).map(|i| format!("key{i} = {i}")).collect();
        let text = keys.join("\n");
        assert!(check(&text));
        let table = Table::parse(&text).unwrap();
        assert_eq!(table.len(), 80);
        assert!(table.get("key73").is_some() && table.get("key80").is_none());
        assert!(!check(&format!("{text}\nkey20 = 1")));
        assert!(check(&format!("[t]\n{text}\n[t.key7x]")));
        assert!(!check(&format!("[t]\n{text}\n[t.key7.x]")));
    }

    #[test]
    fn an_error_is_toml_s_own() {
        let error = Table::parse("a = 1\na = 2\n").unwrap_err();
        let expected = DeTable::parse("a = 1\na = 2\n").unwrap_err();
        assert_eq!(error.message(), expected.message());
        assert_eq!(error.span(), expected.span());
    }

    /// Lines that combine into valid and invalid documents: tables made by headers, by dotted
    /// keys and inline, arrays of tables, and every kind of value the scanner reads.
    const LINES: &[&str] = &[
        "[a]",
        "[a.b]",
        "[b]",
        "[a.b.c]",
        "[ a . \"b\" ]",
        "[[a]]",
        "[[a.b]]",
        "[[c]]",
        "[c.d]",
        "a = 1",
        "b = \"x\\ty\"",
        "a.b = 2",
        "b.c.d = true",
        "c = {x = 1, y.z = 2}",
        "c = { }",
        "d = [1, 2, [3, 'four']]",
        "d = [{e = 1}, {e.f = 2}]",
        "\"a\" = -0.5",
        "e = 2026-05-20",
        "e = 1979-05-27 07:32:00+01:00",
        "g = '''multi\nline'''",
        "h = \"\"\"\nbasic \\\n  joined \"\"\"\"",
        "c.x = 3",
        "x = { a.b = 1, a.c = 2 }",
        "x = { a = 1, a.b = 2 }",
        "d.e = 1",
        "# a comment",
        "",
    ];

    /// Lines the scanner leaves to `toml`.
    const OTHER_LINES: &[&str] = &[
        "f = 1.5e3",
        "f = 1_000",
        "i = 0x1F",
        "i = { j = 1,\n k = 2 }",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn documents_of_the_subset_are_taken_exactly_when_toml_takes_them(
            lines in prop::collection::vec(0..LINES.len(), 0..10)
        ) {
            let text: Vec<&str> = lines.iter().map(|&i| LINES[i]).collect();
            let text = text.join("\n");
            prop_assert_eq!(check(&text), toml_tree(&text).is_some(), "document:\n{}", text);
        }

        #[test]
        fn documents_with_other_lines_give_toml_s_tree_or_are_left_to_it(
            lines in prop::collection::vec(0..LINES.len() + OTHER_LINES.len(), 0..10)
        ) {
            let line = |i: usize| LINES.get(i).copied().unwrap_or_else(|| OTHER_LINES[i - LINES.len()]);
            let text: Vec<&str> = lines.iter().map(|&i| line(i)).collect();
            check(&text.join("\n"));
        }
    }
}
