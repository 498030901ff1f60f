//! A small YAML emitter for the manifests: block style, two-space indents, comments, and
//! scalars that always read back as the type they were written as.
//!
//! A string is written plain only when it starts with a letter or `/`, uses nothing but
//! letters, digits and `-_./:@`, does not end with `:` and is not a word YAML 1.1 or 1.2 reads
//! as a boolean or null (`yes`, `off`, `null`, …); every other string is double-quoted with
//! escapes, so `"1.2.3"`, `"0.82"`, `"2026-05-20"` and `"no"` stay strings in every parser.

use std::fmt::Write;

/// A YAML value.
#[derive(Clone, Debug)]
pub(super) enum Yaml {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A sequence.
    Seq(Vec<Yaml>),
    /// A mapping, in insertion order.
    Map(Map),
}

/// A mapping whose entries keep their insertion order and may carry comment lines.
#[derive(Clone, Debug, Default)]
pub(super) struct Map {
    entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
struct Entry {
    comments: Vec<String>,
    key: String,
    value: Yaml,
}

impl Map {
    /// An empty mapping.
    pub fn new() -> Map {
        Map::default()
    }

    /// Adds `key: value`.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Yaml>) -> &mut Map {
        self.commented(Vec::new(), key, value)
    }

    /// Adds `key: value` with comment lines written above it.
    pub fn commented(
        &mut self,
        comments: Vec<String>,
        key: impl Into<String>,
        value: impl Into<Yaml>,
    ) -> &mut Map {
        self.entries.push(Entry {
            comments,
            key: key.into(),
            value: value.into(),
        });
        self
    }

    /// Adds `key: value` when there is a value.
    pub fn insert_some(&mut self, key: &str, value: Option<impl Into<Yaml>>) -> &mut Map {
        if let Some(value) = value {
            self.insert(key, value);
        }
        self
    }

    /// True when the mapping has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl From<Map> for Yaml {
    fn from(map: Map) -> Yaml {
        Yaml::Map(map)
    }
}

impl From<&str> for Yaml {
    fn from(text: &str) -> Yaml {
        Yaml::Str(text.to_owned())
    }
}

impl From<String> for Yaml {
    fn from(text: String) -> Yaml {
        Yaml::Str(text)
    }
}

impl From<i64> for Yaml {
    fn from(number: i64) -> Yaml {
        Yaml::Int(number)
    }
}

impl From<u16> for Yaml {
    fn from(number: u16) -> Yaml {
        Yaml::Int(number.into())
    }
}

impl From<bool> for Yaml {
    fn from(flag: bool) -> Yaml {
        Yaml::Bool(flag)
    }
}

impl From<Vec<Yaml>> for Yaml {
    fn from(items: Vec<Yaml>) -> Yaml {
        Yaml::Seq(items)
    }
}

/// Writes `map` as a YAML document body (no `---`), ending with a newline.
pub(super) fn document(map: &Map) -> String {
    let mut out = String::new();
    write_map(&mut out, map, 0, false);
    out
}

/// Writes comment lines (`# …`) at `indent`.
pub(super) fn comments(out: &mut String, lines: &[String], indent: usize) {
    for line in lines {
        let line = line.replace(['\n', '\r'], " ");
        if line.is_empty() {
            let _ = writeln!(out, "{:indent$}#", "");
        } else {
            let _ = writeln!(out, "{:indent$}# {line}", "");
        }
    }
}

/// Writes the entries of `map` at `indent`; with `in_seq`, the first entry opens a sequence
/// item (`- key: …`) whose dash sits two columns to the left.
fn write_map(out: &mut String, map: &Map, indent: usize, in_seq: bool) {
    for (i, entry) in map.entries.iter().enumerate() {
        let opens_item = in_seq && i == 0;
        comments(
            out,
            &entry.comments,
            if opens_item { indent - 2 } else { indent },
        );
        if opens_item {
            let _ = write!(out, "{:width$}- ", "", width = indent - 2);
        } else {
            let _ = write!(out, "{:indent$}", "");
        }
        out.push_str(&scalar_text(&entry.key));
        out.push(':');
        write_value(out, &entry.value, indent);
    }
}

/// Writes what follows `key:` (or `-`) for a value whose key sits at `indent`.
fn write_value(out: &mut String, value: &Yaml, indent: usize) {
    match value {
        Yaml::Map(map) if map.is_empty() => out.push_str(" {}\n"),
        Yaml::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Yaml::Map(map) => {
            out.push('\n');
            write_map(out, map, indent + 2, false);
        }
        Yaml::Seq(items) => {
            out.push('\n');
            write_seq(out, items, indent + 2);
        }
        Yaml::Str(text) => {
            let _ = writeln!(out, " {}", scalar_text(text));
        }
        Yaml::Int(number) => {
            let _ = writeln!(out, " {number}");
        }
        Yaml::Bool(flag) => {
            let _ = writeln!(out, " {flag}");
        }
    }
}

/// Writes sequence items whose dashes sit at `indent`.
fn write_seq(out: &mut String, items: &[Yaml], indent: usize) {
    for item in items {
        match item {
            Yaml::Map(map) if !map.is_empty() => write_map(out, map, indent + 2, true),
            Yaml::Seq(inner) if !inner.is_empty() => {
                let _ = writeln!(out, "{:indent$}-", "");
                write_seq(out, inner, indent + 2);
            }
            other => {
                let _ = write!(out, "{:indent$}-", "");
                write_value(out, other, indent);
            }
        }
    }
}

/// Words that YAML 1.1 or 1.2 reads as booleans or null when plain.
const RESERVED: &[&str] = &["y", "n", "yes", "no", "true", "false", "on", "off", "null"];

/// True when `text` reads back as the same string when written plain.
fn plain_ok(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':' | '@'))
        && !text.ends_with(':')
        && !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(text))
}

/// `text` as a YAML scalar: plain when that is unambiguous, double-quoted otherwise.
pub(super) fn scalar_text(text: &str) -> String {
    if plain_ok(text) {
        return text.to_owned();
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(quoted, "\\u{:04X}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_strings_are_quoted() {
        for (text, written) in [
            ("nginx", "nginx"),
            ("registry.example/a/b:1.2.3", "registry.example/a/b:1.2.3"),
            ("/healthz", "/healthz"),
            ("1.2.3", "\"1.2.3\""),
            ("0.82", "\"0.82\""),
            ("2026-05-20", "\"2026-05-20\""),
            ("no", "\"no\""),
            ("Off", "\"Off\""),
            ("null", "\"null\""),
            ("", "\"\""),
            ("a: b", "\"a: b\""),
            ("key:", "\"key:\""),
            ("# not a comment", "\"# not a comment\""),
            ("say \"hi\"\n", "\"say \\\"hi\\\"\\n\""),
            ("bell\u{7}", "\"bell\\u0007\""),
            ("*", "\"*\""),
            ("@team", "\"@team\""),
        ] {
            assert_eq!(scalar_text(text), written, "{text:?}");
        }
    }

    #[test]
    fn nested_collections_use_block_style() {
        let mut port = Map::new();
        port.insert("name", "http").insert("port", 8080u16);
        let mut spec = Map::new();
        spec.insert("ports", vec![Yaml::Map(port), Yaml::from("x")])
            .insert("empty", Map::new())
            .insert("none", Vec::new())
            .insert("flag", true);
        let mut root = Map::new();
        root.commented(vec!["the spec".into()], "spec", spec);
        assert_eq!(
            document(&root),
            "# the spec\nspec:\n  ports:\n    - name: http\n      port: 8080\n    - x\n  \
             empty: {}\n  none: []\n  flag: true\n"
        );
    }
}
