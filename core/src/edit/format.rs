//! Writing new TOML values and keys in the style of the text they go into.

use crate::model::Date;

/// A value an edit writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NewValue {
    /// A string.
    Str(String),
    /// A date: a TOML local date or a `"YYYY-MM-DD"` string, like the file's other dates.
    Date(Date),
}

/// How a file writes its dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateStyle {
    /// `2025-03-01`.
    Local,
    /// `"2025-03-01"`.
    Quoted,
}

impl NewValue {
    /// The value as TOML. `existing` is the source text of the value it replaces, whose
    /// quoting it keeps; `dates` is how the file writes dates it has.
    pub fn render(&self, existing: Option<&str>, dates: DateStyle) -> String {
        let literal = existing.is_some_and(|e| e.starts_with('\'') && !e.starts_with("'''"));
        match self {
            NewValue::Str(text) if literal && can_be_literal(text) => format!("'{text}'"),
            NewValue::Str(text) => basic_string(text),
            NewValue::Date(date) => {
                let style = match existing {
                    Some(e) if e.starts_with('"') => DateStyle::Quoted,
                    Some(e) if e.starts_with('\'') => return format!("'{date}'"),
                    Some(_) => DateStyle::Local,
                    None => dates,
                };
                match style {
                    DateStyle::Local => date.to_string(),
                    DateStyle::Quoted => format!("\"{date}\""),
                }
            }
        }
    }
}

fn can_be_literal(text: &str) -> bool {
    !text.contains(['\'', '\n', '\r']) && !text.chars().any(char::is_control)
}

/// `text` as a TOML basic string, escaped.
pub(crate) fn basic_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `key` as a TOML key: bare when it can be, quoted otherwise.
pub(crate) fn key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        key.to_owned()
    } else {
        basic_string(key)
    }
}

/// Dotted keys, each written as a TOML key.
pub(crate) fn dotted<S: AsRef<str>>(keys: &[S]) -> String {
    keys.iter()
        .map(|k| key(k.as_ref()))
        .collect::<Vec<_>>()
        .join(".")
}

/// `k1 = { k2 = { … kn = value } }`: a key path written as nested inline tables.
pub(crate) fn nested(keys: &[&str], value: &str) -> String {
    match keys {
        [] => value.to_owned(),
        [last] => format!("{} = {value}", key(last)),
        [first, rest @ ..] => format!("{} = {{ {} }}", key(first), nested(rest, value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_the_quoting_they_replace() {
        let date = Date::parse("2026-05-20").unwrap();
        let new = NewValue::Date(date);
        assert_eq!(new.render(None, DateStyle::Local), "2026-05-20");
        assert_eq!(new.render(None, DateStyle::Quoted), "\"2026-05-20\"");
        assert_eq!(
            new.render(Some("\"2025-01-01\""), DateStyle::Local),
            "\"2026-05-20\""
        );
        assert_eq!(
            new.render(Some("2025-01-01"), DateStyle::Quoted),
            "2026-05-20"
        );
        let text = NewValue::Str("ga".into());
        assert_eq!(text.render(Some("'beta'"), DateStyle::Local), "'ga'");
        assert_eq!(text.render(Some("\"beta\""), DateStyle::Local), "\"ga\"");
        assert_eq!(
            NewValue::Str("a\"b\\".into()).render(None, DateStyle::Local),
            r#""a\"b\\""#
        );
    }

    #[test]
    fn keys_are_bare_when_they_can_be() {
        assert_eq!(
            dotted(&["service", "shared-auth", "a b"]),
            "service.shared-auth.\"a b\""
        );
        assert_eq!(
            nested(&["lifecycle", "since"], "2025-01-01"),
            "lifecycle = { since = 2025-01-01 }"
        );
    }
}
