//! Finding a key in a TOML file however it is written (`[a.b]` sections, dotted keys `b.c =`,
//! inline tables `b = { c = … }`) and changing it by splicing the text, so every byte the
//! change does not need stays as it was.
//!
//! `toml_edit` parses the file and gives the spans; the edits are patches of the original
//! text. New keys go after their predecessor in the format's order (or after the table's last
//! key), a missing table is created in the style the file already uses, and removing the last
//! entry of an array removes the key, and the tables left empty, with it.

use super::format::{DateStyle, NewValue, dotted, key as toml_key, nested};
use super::sequence::Sequence;
use super::text::{
    Patch, apply, break_start, indentation, is_blank_line, line_break, line_end, line_start,
    next_line_start,
};
use crate::model::Date;
use toml_edit::{Array, Document, InlineTable, Item, Table, TableLike, Value};

/// The sub-tables of a service whose style (section, dotted keys or inline table) tells how
/// to write a new one.
const SUB_TABLES: &[&str] = &[
    "dependencies",
    "consumers",
    "governance",
    "sla",
    "lifecycle",
    "migration",
];
/// The keys of a service table, in the order format §3 lists them.
const SERVICE_ORDER: &[&str] = &[
    "name",
    "type",
    "owner",
    "description",
    "version",
    "status",
    "compat_version_min",
    "image",
    "ports",
    "health_check",
    "env",
    "exposed",
    "tags",
    "dependencies",
    "consumers",
    "governance",
    "sla",
    "lifecycle",
    "migration",
];
const LIFECYCLE_ORDER: &[&str] = &[
    "since",
    "deprecation_date",
    "sunset_date",
    "replacement_service",
];
const DEPENDENCIES_ORDER: &[&str] = &["requires", "optional"];

/// The order the format lists the keys of the table at `path` in: a new key goes after the
/// last of its predecessors that is written.
fn key_order(path: &[String]) -> &'static [&'static str] {
    match path {
        [_, _] => SERVICE_ORDER,
        [_, _, table] if table == "lifecycle" => LIFECYCLE_ORDER,
        [_, _, table] if table == "dependencies" => DEPENDENCIES_ORDER,
        _ => &[],
    }
}

/// A parsed file, with the spans of everything in it.
pub(crate) struct Source<'t> {
    text: &'t str,
    doc: Document<&'t str>,
    nl: &'static str,
}

/// Where the keys of a table are written.
#[derive(Clone, Copy)]
enum Host<'d> {
    /// One per line, under a `[section]` header or at the top of the file.
    Lines(&'d Table),
    /// Between the braces of an inline table.
    Braces(&'d InlineTable),
}

/// A table, and where its keys are written.
#[derive(Clone)]
struct Node<'d> {
    host: Host<'d>,
    /// The dotted keys from the host to this table (empty when the table is the host).
    prefix: Vec<String>,
    table: &'d dyn TableLike,
    /// The keys from the root of the document.
    path: Vec<String>,
}

/// What a key holds.
enum Child<'d> {
    Table(Node<'d>),
    Value(&'d Value),
    Missing,
    /// An array of tables.
    Other,
}

/// A key-value pair as written: where its key starts and its value ends.
#[derive(Clone, Copy)]
struct Line {
    key_start: usize,
    end: usize,
}

/// How a new sub-table is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Section,
    Dotted,
    Inline,
}

impl<'d> Node<'d> {
    /// True for a `[section]` (or the root): its keys are lines and it has a header.
    fn is_section(&self) -> bool {
        matches!(self.host, Host::Lines(_)) && self.prefix.is_empty()
    }

    fn child(&self, key: &str) -> Child<'d> {
        let mut path = self.path.clone();
        path.push(key.to_owned());
        let mut prefix = self.prefix.clone();
        prefix.push(key.to_owned());
        match self.table.get(key) {
            None => Child::Missing,
            Some(Item::Table(table)) if table.is_dotted() => Child::Table(Node {
                host: self.host,
                prefix,
                table,
                path,
            }),
            Some(Item::Table(table)) => Child::Table(Node {
                host: Host::Lines(table),
                prefix: Vec::new(),
                table,
                path,
            }),
            Some(Item::Value(Value::InlineTable(table))) if table.is_dotted() => {
                Child::Table(Node {
                    host: self.host,
                    prefix,
                    table,
                    path,
                })
            }
            Some(Item::Value(Value::InlineTable(table))) => Child::Table(Node {
                host: Host::Braces(table),
                prefix: Vec::new(),
                table,
                path,
            }),
            Some(Item::Value(value)) => Child::Value(value),
            Some(_) => Child::Other,
        }
    }
}

/// The key-value pairs written for `table` (through dotted keys, not into sub-sections or
/// inline tables).
fn lines(table: &dyn TableLike, out: &mut Vec<Line>) {
    for (key, item) in table.iter() {
        let key_start = table.key(key).and_then(|k| k.span()).map_or(0, |s| s.start);
        match item {
            Item::Table(t) if t.is_dotted() => lines(t, out),
            Item::Value(Value::InlineTable(t)) if t.is_dotted() => lines(t, out),
            Item::Value(value) => {
                if let Some(span) = value.span() {
                    out.push(Line {
                        key_start,
                        end: span.end,
                    });
                }
            }
            _ => {}
        }
    }
}

/// The last key-value pair written for `table`.
fn last_line(table: &dyn TableLike) -> Option<Line> {
    let mut all = Vec::new();
    lines(table, &mut all);
    all.into_iter().max_by_key(|l| l.end)
}

/// Where the last thing of `table` and every table under it ends: its header, its keys, its
/// sub-sections.
fn subtree_end(table: &Table) -> usize {
    let mut end = table.span().map_or(0, |s| s.end);
    if let Some(line) = last_line(table) {
        end = end.max(line.end);
    }
    for (_, item) in table.iter() {
        match item {
            Item::Table(t) => end = end.max(subtree_end(t)),
            Item::ArrayOfTables(tables) => {
                for t in tables.iter() {
                    end = end.max(subtree_end(t));
                }
            }
            _ => {}
        }
    }
    end
}

/// Every `[section]` header, in no particular order.
fn headers(table: &Table, out: &mut Vec<std::ops::Range<usize>>) {
    if let (Some(span), false) = (table.span(), table.is_dotted()) {
        out.push(span);
    }
    for (_, item) in table.iter() {
        if let Item::Table(t) = item {
            headers(t, out);
        }
    }
}

/// How the sub-tables of `table` are written, counted.
fn count_styles(table: &dyn TableLike, counts: &mut [usize; 3]) {
    for name in SUB_TABLES {
        match table.get(name) {
            Some(Item::Table(t)) if t.is_dotted() => counts[1] += 1,
            Some(Item::Table(_)) => counts[0] += 1,
            Some(Item::Value(Value::InlineTable(_))) => counts[2] += 1,
            _ => {}
        }
    }
}

fn table_like(item: &Item) -> Option<&dyn TableLike> {
    match item {
        Item::Table(t) => Some(t),
        Item::Value(Value::InlineTable(t)) => Some(t),
        _ => None,
    }
}

/// Where a key of `table` is written, if it is a line (a value or a dotted table).
fn key_line(table: &dyn TableLike, key: &str) -> Option<Line> {
    let key_start = table.key(key)?.span()?.start;
    match table.get(key)? {
        Item::Value(Value::InlineTable(t)) if t.is_dotted() => last_line(t),
        Item::Table(t) if t.is_dotted() => last_line(t),
        Item::Value(value) => Some(Line {
            key_start,
            end: value.span()?.end,
        }),
        _ => None,
    }
    .map(|line| Line { key_start, ..line })
}

/// The line of the last key of `node` that the format lists before `key`.
fn predecessor(node: &Node<'_>, key: &str) -> Option<Line> {
    let order = key_order(&node.path);
    let position = order.iter().position(|k| *k == key)?;
    order[..position]
        .iter()
        .rev()
        .find_map(|k| key_line(node.table, k))
}

/// The entries of an array: where each value ends.
fn array_ends(array: &Array) -> Vec<usize> {
    array
        .iter()
        .filter_map(|v| v.span().map(|s| s.end))
        .collect()
}

/// The entries of an inline table: where each value ends.
fn braces_ends(table: &InlineTable) -> Vec<usize> {
    let mut all = Vec::new();
    lines(table, &mut all);
    all.into_iter().map(|l| l.end).collect()
}

/// Says which key of `path` is not what an edit needs.
fn not_a_table(path: &[&str], depth: usize) -> String {
    format!(
        "`{}` is not a table, so it cannot hold `{}`",
        dotted(&path[..depth]),
        path[depth]
    )
}

impl<'t> Source<'t> {
    /// Parses `text`; the error says why it does not parse.
    pub fn parse(text: &'t str) -> Result<Source<'t>, String> {
        let doc = Document::parse(text).map_err(|e| {
            let message = e.message().trim_end_matches('.').to_owned();
            format!("the file does not parse: {message}")
        })?;
        Ok(Source {
            text,
            doc,
            nl: line_break(text),
        })
    }

    fn root(&self) -> Node<'_> {
        let table = self.doc.as_table();
        Node {
            host: Host::Lines(table),
            prefix: Vec::new(),
            table,
            path: Vec::new(),
        }
    }

    /// The deepest table along `path` and how many of its keys it covers; an error when a
    /// key on the way holds something other than a table.
    fn walk(&self, path: &[&str]) -> Result<(Node<'_>, usize), String> {
        let mut node = self.root();
        for (depth, key) in path.iter().enumerate() {
            match node.child(key) {
                Child::Table(child) => node = child,
                Child::Missing => return Ok((node, depth)),
                Child::Value(_) | Child::Other => return Err(not_a_table(path, depth)),
            }
        }
        Ok((node, path.len()))
    }

    /// The table at `path`, if it is written.
    fn node(&self, path: &[&str]) -> Result<Option<Node<'_>>, String> {
        let (node, depth) = self.walk(path)?;
        Ok((depth == path.len()).then_some(node))
    }

    /// The value at `path` (a table holds it), if it is written.
    fn value(&self, path: &[&str]) -> Result<(Node<'_>, Option<&Value>), String> {
        let (last, parent) = path.split_last().expect("a path has a key");
        let (node, depth) = self.walk(parent)?;
        if depth < parent.len() {
            return Ok((node, None));
        }
        match node.child(last) {
            Child::Value(value) => Ok((node, Some(value))),
            Child::Missing => Ok((node, None)),
            Child::Table(_) | Child::Other => {
                Err(format!("`{}` is a table, not a value", dotted(path)))
            }
        }
    }

    /// The array at `path`, if it is written.
    pub fn array(&self, path: &[&str]) -> Result<Option<&Array>, String> {
        match self.value(path)?.1 {
            None => Ok(None),
            Some(Value::Array(array)) => Ok(Some(array)),
            Some(_) => Err(format!("`{}` is not a list", dotted(path))),
        }
    }

    /// The text with the value at `path` set to `value`, creating the key and the tables it
    /// needs when they are missing.
    pub fn set(&self, path: &[&str], value: &NewValue) -> Result<String, String> {
        let dates = self.date_style();
        let (parent, existing) = self.value(path)?;
        let patches = match existing {
            Some(existing) => {
                let span = existing.span().expect("a parsed value has a span");
                let rendered = value.render(Some(&self.text[span.clone()]), dates);
                vec![Patch::replace(span, rendered)]
            }
            None => {
                let depth = parent.path.len();
                self.insert(&parent, &path[depth..], &value.render(None, dates))?
            }
        };
        Ok(apply(self.text, patches))
    }

    /// The text with `entry` (already written as TOML) appended to the array at `path`; a
    /// missing array is written `[entry]`.
    pub fn append(&self, path: &[&str], entry: &str) -> Result<String, String> {
        let patches = match self.array(path)? {
            Some(array) => {
                let span = array.span().expect("a parsed array has a span");
                Sequence::scan(self.text, span, array_ends(array), false)
                    .append(self.text, entry, self.nl)
            }
            None => {
                let (parent, depth) = self.walk(&path[..path.len() - 1])?;
                self.insert(&parent, &path[depth..], &format!("[{entry}]"))?
            }
        };
        Ok(apply(self.text, patches))
    }

    /// The text without entry `index` of the array at `path` (which lies under the table at
    /// `path[..keep]`, which stays). Removing the last entry removes the array's key, and the
    /// tables that only held it up to the first one that holds something else (or is `keep`);
    /// a `[section]` emptied this way goes too unless comments follow its header.
    pub fn remove(&self, path: &[&str], index: usize, keep: usize) -> Result<String, String> {
        let array = self
            .array(path)?
            .ok_or_else(|| format!("`{}` is not written", dotted(path)))?;
        if array.len() > 1 {
            let span = array.span().expect("a parsed array has a span");
            let sequence = Sequence::scan(self.text, span, array_ends(array), false);
            return Ok(apply(self.text, sequence.remove(self.text, index)));
        }
        // Climb while the table holding the item would be left empty.
        let mut depth = path.len() - 1;
        let container = loop {
            let container = self
                .node(&path[..depth])?
                .expect("the tables along an array's path are written");
            if depth > keep && container.table.len() == 1 && !container.is_section() {
                depth -= 1;
            } else {
                break container;
            }
        };
        let key = path[depth];
        let patches = match container.host {
            Host::Braces(braces) => {
                let span = braces.span().expect("a parsed inline table has a span");
                let end = key_line(container.table, key)
                    .expect("a written key has a span")
                    .end;
                let sequence = Sequence::scan(self.text, span.clone(), braces_ends(braces), true);
                let i = (0..sequence.len())
                    .find(|&i| sequence.end(i) == end)
                    .expect("the key is an entry of its inline table");
                if sequence.len() > 1 {
                    sequence.remove(self.text, i)
                } else {
                    vec![Patch::replace(span.start + 1..span.end - 1, "")]
                }
            }
            Host::Lines(_) => {
                let line = key_line(container.table, key).expect("a written key has a line");
                vec![self.remove_line(line)]
            }
        };
        let text = apply(self.text, patches);
        if !(container.is_section() && depth > keep) {
            return Ok(text);
        }
        let section_path: Vec<&str> = container.path.iter().map(String::as_str).collect();
        let after = Source::parse(&text)?;
        let patches = match after.node(&section_path)? {
            Some(Node {
                host: Host::Lines(section),
                ..
            }) if section.is_empty() => after.remove_header(section),
            _ => Vec::new(),
        };
        Ok(apply(&text, patches))
    }

    /// Removes the line(s) of one key-value pair.
    fn remove_line(&self, line: Line) -> Patch {
        let text = self.text;
        let start = line_start(text, line.key_start);
        let stop = next_line_start(text, line.end);
        if stop == text.len() && !text.ends_with('\n') && start > 0 {
            Patch::remove(break_start(text, start - 1)..stop)
        } else {
            Patch::remove(start..stop)
        }
    }

    /// Removes the header line of an empty section, with the blank line right above it;
    /// nothing when comments follow the header (they may say why the section is there), unless
    /// they run straight into the next header (then they are about that one).
    fn remove_header(&self, section: &Table) -> Vec<Patch> {
        let text = self.text;
        let Some(span) = section.span() else {
            return Vec::new();
        };
        let start = line_start(text, span.start);
        let stop = next_line_start(text, span.end);
        let mut line = stop;
        while line < text.len()
            && text[line..line_end(text, line)]
                .trim_start()
                .starts_with('#')
        {
            line = next_line_start(text, line);
        }
        let next_header = line < text.len()
            && text[line..]
                .trim_start_matches([' ', '\t'])
                .starts_with('[');
        if line > stop && !next_header {
            return Vec::new();
        }
        let blank_above = start > 0 && is_blank_line(text, start - 1);
        let range = if stop == text.len() && !text.ends_with('\n') {
            // The last line: remove the line break before it instead of one after it.
            let above = if blank_above {
                line_start(text, start - 1)
            } else {
                start
            };
            if above == 0 {
                0..stop
            } else {
                break_start(text, above - 1)..stop
            }
        } else if blank_above {
            line_start(text, start - 1)..stop
        } else {
            start..stop
        };
        vec![Patch::remove(range)]
    }

    /// The patches that write `keys` (one or more, the last holding `value`) into `node`.
    fn insert(&self, node: &Node<'_>, keys: &[&str], value: &str) -> Result<Vec<Patch>, String> {
        match node.host {
            Host::Braces(braces) => {
                let mut entry = String::new();
                if !node.prefix.is_empty() {
                    entry.push_str(&dotted(&node.prefix));
                    entry.push('.');
                }
                entry.push_str(&nested(keys, value));
                let span = braces.span().expect("a parsed inline table has a span");
                let sequence = Sequence::scan(self.text, span, braces_ends(braces), true);
                let after = predecessor(node, keys[0])
                    .and_then(|line| (0..sequence.len()).find(|&i| sequence.end(i) == line.end));
                Ok(match after {
                    Some(i) => sequence.insert_after(self.text, i, &entry, self.nl),
                    None => sequence.append(self.text, &entry, self.nl),
                })
            }
            Host::Lines(section) => {
                let style = if keys.len() == 1 || !node.prefix.is_empty() {
                    Style::Dotted
                } else {
                    self.style(node)
                };
                match style {
                    Style::Section => {
                        let (tables, last) = keys.split_at(keys.len() - 1);
                        let header =
                            format!("{}.{}", self.header_path(node, section), dotted(tables));
                        // Keys indented like the parent's.
                        let indent = last_line(node.table)
                            .map_or("", |line| indentation(self.text, line.key_start));
                        Ok(self.new_section(
                            section,
                            &header,
                            &format!("{indent}{} = {value}", toml_key(last[0])),
                        ))
                    }
                    Style::Dotted => {
                        let mut all: Vec<&str> = node.prefix.iter().map(String::as_str).collect();
                        all.extend(keys);
                        Ok(self.insert_line(
                            node,
                            section,
                            keys[0],
                            &format!("{} = {value}", dotted(&all)),
                        ))
                    }
                    Style::Inline => {
                        Ok(self.insert_line(node, section, keys[0], &nested(keys, value)))
                    }
                }
            }
        }
    }

    /// The header path of `section` as written (`service.x` of `[service.x]`), or spelled from
    /// its keys when it has no header.
    fn header_path(&self, node: &Node<'_>, section: &Table) -> String {
        match section.span() {
            Some(span) => self.text[span]
                .trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace())
                .to_owned(),
            None => dotted(&node.path),
        }
    }

    /// A new `[header]` section holding `line`, after everything of `parent`'s.
    fn new_section(&self, parent: &Table, header: &str, line: &str) -> Vec<Patch> {
        let nl = self.nl;
        let blank = if self.blank_lines_between_sections() {
            nl
        } else {
            ""
        };
        let at = line_end(self.text, subtree_end(parent));
        if at == 0 {
            return vec![Patch::insert(0, format!("[{header}]{nl}{line}{nl}"))];
        }
        vec![Patch::insert(
            at,
            format!("{nl}{blank}[{header}]{nl}{line}"),
        )]
    }

    /// A new line in `node` (a section or dotted keys in it) for the key `key`: after the
    /// line of its last predecessor in the format's order, else after the table's last line.
    fn insert_line(&self, node: &Node<'_>, section: &Table, key: &str, line: &str) -> Vec<Patch> {
        let anchor = predecessor(node, key).or_else(|| last_line(node.table));
        let nl = self.nl;
        match anchor {
            Some(anchor) => {
                let indent = indentation(self.text, anchor.key_start);
                let at = line_end(self.text, anchor.end);
                vec![Patch::insert(at, format!("{nl}{indent}{line}"))]
            }
            None => match section.span() {
                Some(header) => {
                    let at = line_end(self.text, header.end);
                    vec![Patch::insert(at, format!("{nl}{line}"))]
                }
                None if node.path.is_empty() => vec![Patch::insert(0, format!("{line}{nl}"))],
                // A table only its sub-sections define: give it a header.
                None => self.new_section(section, &dotted(&node.path), line),
            },
        }
    }

    /// How to write a new sub-table of the section `node`: like its other sub-tables, else
    /// like its siblings' (the other services of the file), else as a section.
    fn style(&self, node: &Node<'_>) -> Style {
        let Host::Lines(section) = node.host else {
            return Style::Inline;
        };
        if section.span().is_none() {
            return Style::Section;
        }
        let mut counts = [0; 3];
        count_styles(node.table, &mut counts);
        if counts == [0; 3] {
            let parent: Vec<&str> = node.path[..node.path.len().saturating_sub(1)]
                .iter()
                .map(String::as_str)
                .collect();
            if let Ok(Some(parent)) = self.node(&parent) {
                for (_, sibling) in parent.table.iter() {
                    if let Some(sibling) = table_like(sibling) {
                        count_styles(sibling, &mut counts);
                    }
                }
            }
        }
        let best = counts.iter().copied().max().unwrap_or(0);
        [Style::Section, Style::Dotted, Style::Inline]
            .into_iter()
            .zip(counts)
            .find(|&(_, count)| count == best)
            .map_or(Style::Section, |(style, _)| style)
    }

    /// True when the file's section headers mostly have a blank line above them (headers
    /// under a comment do not count); true for a file with one header.
    fn blank_lines_between_sections(&self) -> bool {
        let mut spans = Vec::new();
        headers(self.doc.as_table(), &mut spans);
        let (mut blank, mut tight) = (0, 0);
        for span in spans {
            let start = line_start(self.text, span.start);
            if start == 0 {
                continue;
            }
            let above = line_start(self.text, start - 1);
            let text = self.text[above..start].trim();
            if text.is_empty() {
                blank += 1;
            } else if !text.starts_with('#') {
                tight += 1;
            }
        }
        blank >= tight
    }

    /// How the file writes dates: like the first date of a `lifecycle` or `migration` table,
    /// else as TOML local dates.
    fn date_style(&self) -> DateStyle {
        let Some(services) = self.doc.as_table().get("service").and_then(table_like) else {
            return DateStyle::Local;
        };
        for (_, service) in services.iter() {
            let Some(service) = table_like(service) else {
                continue;
            };
            for name in ["lifecycle", "migration"] {
                let Some(table) = service.get(name).and_then(table_like) else {
                    continue;
                };
                for (_, item) in table.iter() {
                    match item.as_value() {
                        Some(Value::Datetime(_)) => return DateStyle::Local,
                        Some(Value::String(s)) if Date::parse(s.value()).is_ok() => {
                            return DateStyle::Quoted;
                        }
                        _ => {}
                    }
                }
            }
        }
        DateStyle::Local
    }
}
