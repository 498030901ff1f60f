//! Adding and removing entries of an array (`[a, b]`) or an inline table (`{ a = 1, b = 2 }`)
//! in place, one line per entry or all on one line, with or without a trailing comma, keeping
//! the comments around the other entries.
//!
//! Appending an entry and then removing it gives back the original bytes: both directions cut
//! at the same places (the line break before the entry, the end of its line, its comma).

use super::text::{
    Patch, find_comma, first_break, indentation, last_break, line_start, skip_trivia,
};

/// The entries of one array or inline table, located in the text.
#[derive(Debug)]
pub(crate) struct Sequence {
    /// Offset of `[` or `{`.
    open: usize,
    /// Offset of `]` or `}`.
    close: usize,
    /// Where each entry starts and ends.
    entries: Vec<(usize, usize)>,
    /// The comma after each entry (the last one's only when there is a trailing comma).
    commas: Vec<Option<usize>>,
    /// True for an inline table: an empty one is written `{ k = v }`.
    braces: bool,
}

impl Sequence {
    /// Locates the entries of the sequence written at `span` (brackets included), given where
    /// each entry's value ends.
    pub fn scan(
        text: &str,
        span: std::ops::Range<usize>,
        mut ends: Vec<usize>,
        braces: bool,
    ) -> Sequence {
        ends.sort_unstable();
        let (open, close) = (span.start, span.end - 1);
        let mut entries = Vec::with_capacity(ends.len());
        let mut commas = Vec::with_capacity(ends.len());
        let mut from = open + 1;
        for &end in &ends {
            let start = skip_trivia(text, from, end);
            let comma = find_comma(text, end, close);
            entries.push((start, end));
            commas.push(comma);
            from = comma.map_or(end, |c| c + 1);
        }
        Sequence {
            open,
            close,
            entries,
            commas,
            braces,
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Where entry `i` ends.
    pub fn end(&self, i: usize) -> usize {
        self.entries[i].1
    }

    /// Where the text before entry `i` starts: after the previous comma, or after the bracket.
    fn prefix_start(&self, i: usize) -> usize {
        if i == 0 {
            self.open + 1
        } else {
            self.commas[i - 1].map_or(self.entries[i - 1].1, |c| c + 1)
        }
    }

    /// The patches that append `entry` (its text, already rendered) after the last entry.
    pub fn append(&self, text: &str, entry: &str, nl: &str) -> Vec<Patch> {
        let Some(&(last_start, last_end)) = self.entries.last() else {
            return self.fill_empty(text, entry);
        };
        let n = self.len();
        let prefix = self.prefix_start(n - 1)..last_start;
        let trailing_comma = self.commas[n - 1];
        let tail_from = trailing_comma.map_or(last_end, |c| c + 1);
        let multiline =
            text[prefix.clone()].contains('\n') || text[last_end..self.close].contains('\n');
        if multiline {
            let indent = match last_break(text, prefix.start, prefix.end) {
                Some(_) => text[line_start(text, last_start)..last_start].to_owned(),
                None if line_start(text, last_start) > self.open => {
                    indentation(text, last_start).to_owned()
                }
                None => format!("{}  ", indentation(text, last_start)),
            };
            // The new line goes after the rest of the last entry's line (its comment stays
            // with it), or right before the bracket when that is on the same line.
            let at = first_break(text, tail_from, self.close).unwrap_or(self.close);
            match trailing_comma {
                Some(_) => vec![Patch::insert(at, format!("{nl}{indent}{entry},"))],
                None if at == last_end => {
                    vec![Patch::insert(at, format!(",{nl}{indent}{entry}"))]
                }
                None => vec![
                    Patch::insert(last_end, ","),
                    Patch::insert(at, format!("{nl}{indent}{entry}")),
                ],
            }
        } else {
            let separator = match n {
                1 => " ",
                _ if text[prefix.clone()].trim().is_empty() => &text[prefix],
                _ => " ",
            };
            match trailing_comma {
                Some(comma) => vec![Patch::insert(comma + 1, format!("{separator}{entry},"))],
                None => vec![Patch::insert(last_end, format!(",{separator}{entry}"))],
            }
        }
    }

    /// The patches that insert `entry` right after entry `i`: on a line of its own when the
    /// next entry starts a line, else on the same line.
    pub fn insert_after(&self, text: &str, i: usize, entry: &str, nl: &str) -> Vec<Patch> {
        if i + 1 >= self.len() {
            return self.append(text, entry, nl);
        }
        let comma = self.commas[i].expect("entries are separated by commas");
        let next = self.entries[i + 1].0;
        match first_break(text, comma + 1, next) {
            Some(at) => {
                let indent = &text[line_start(text, next)..next];
                vec![Patch::insert(at, format!("{nl}{indent}{entry},"))]
            }
            None => {
                let gap = &text[comma + 1..next];
                let separator = if gap.trim().is_empty() { gap } else { " " };
                vec![Patch::insert(comma + 1, format!("{separator}{entry},"))]
            }
        }
    }

    /// The patches that write `entry` into a sequence without entries.
    fn fill_empty(&self, text: &str, entry: &str) -> Vec<Patch> {
        let inside = self.open + 1..self.close;
        if text[inside.clone()].trim().is_empty() {
            let written = if self.braces {
                format!(" {entry} ")
            } else {
                entry.to_owned()
            };
            vec![Patch::replace(inside, written)]
        } else {
            vec![Patch::insert(self.open + 1, entry)]
        }
    }

    /// The patches that remove entry `i` (of two or more), with its comma and the comments on
    /// its own line; comment lines above it stay.
    pub fn remove(&self, text: &str, i: usize) -> Vec<Patch> {
        debug_assert!(self.len() >= 2, "an emptied sequence is removed whole");
        let (start, end) = self.entries[i];
        let prefix = self.prefix_start(i)..start;
        let own_line = last_break(text, prefix.start, prefix.end);
        if i + 1 < self.len() {
            let next = self.entries[i + 1].0;
            let next_prefix = self.prefix_start(i + 1)..next;
            match (
                own_line,
                first_break(text, next_prefix.start, next_prefix.end),
            ) {
                (Some(from), Some(to)) => vec![Patch::remove(from..to)],
                _ => vec![Patch::remove(start..next)],
            }
        } else {
            let comma_before = self.commas[i - 1].expect("entries are separated by commas");
            match (self.commas[i], own_line) {
                (Some(comma), Some(from)) => {
                    let to = first_break(text, comma + 1, self.close).unwrap_or(comma + 1);
                    vec![Patch::remove(from..to)]
                }
                (Some(comma), None) => vec![Patch::remove(comma_before + 1..comma + 1)],
                (None, Some(from)) => {
                    let to = first_break(text, end, self.close).unwrap_or(end);
                    vec![
                        Patch::remove(comma_before..comma_before + 1),
                        Patch::remove(from..to),
                    ]
                }
                (None, None) => vec![Patch::remove(comma_before..end)],
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::apply;
    use super::*;

    /// Locates the entries of the array that `text` holds from its first `[` to its last `]`,
    /// whose entries are the quoted strings in it.
    fn array(text: &str) -> Sequence {
        let open = text.find('[').unwrap();
        let close = text.rfind(']').unwrap();
        let mut ends = Vec::new();
        let mut inside = false;
        let mut comment = false;
        for (i, c) in text.char_indices().skip(open) {
            match c {
                '\n' => comment = false,
                '#' if !inside => comment = true,
                '"' if !comment => {
                    if inside {
                        ends.push(i + 1);
                    }
                    inside = !inside;
                }
                _ => {}
            }
        }
        Sequence::scan(text, open..close + 1, ends, false)
    }

    #[track_caller]
    fn round_trip(before: &str, after: &str) {
        let appended = apply(before, array(before).append(before, "\"z\"", "\n"));
        assert_eq!(appended, after);
        let sequence = array(&appended);
        let removed = apply(&appended, sequence.remove(&appended, sequence.len() - 1));
        assert_eq!(removed, before);
    }

    #[test]
    fn append_then_remove_gives_back_the_text() {
        round_trip(r#"x = ["a"]"#, r#"x = ["a", "z"]"#);
        round_trip(r#"x = [ "a","b" ]"#, r#"x = [ "a","b","z" ]"#);
        round_trip(r#"x = ["a", "b",]"#, r#"x = ["a", "b", "z",]"#);
        round_trip(
            "x = [\n  \"a\",\n  \"b\", # about b\n]\n",
            "x = [\n  \"a\",\n  \"b\", # about b\n  \"z\",\n]\n",
        );
        round_trip(
            "x = [\n    \"a\",\n    \"b\" # about b\n]",
            "x = [\n    \"a\",\n    \"b\", # about b\n    \"z\"\n]",
        );
        round_trip(
            "x = [\n  \"a\",\n  \"b\"]",
            "x = [\n  \"a\",\n  \"b\",\n  \"z\"]",
        );
        round_trip("x = [\"a\",\n]", "x = [\"a\",\n  \"z\",\n]");
    }

    #[test]
    fn removing_keeps_the_neighbours_comments() {
        let text = "x = [\n  \"a\", # about a\n  # about b\n  \"b\", # b\n  \"c\",\n]";
        let first = apply(text, array(text).remove(text, 0));
        assert_eq!(first, "x = [\n  # about b\n  \"b\", # b\n  \"c\",\n]");
        let middle = apply(text, array(text).remove(text, 1));
        assert_eq!(
            middle,
            "x = [\n  \"a\", # about a\n  # about b\n  \"c\",\n]"
        );
        let single = r#"x = ["a", "b", "c"]"#;
        assert_eq!(
            apply(single, array(single).remove(single, 0)),
            r#"x = ["b", "c"]"#
        );
        assert_eq!(
            apply(single, array(single).remove(single, 2)),
            r#"x = ["a", "b"]"#
        );
    }

    #[test]
    fn entries_go_after_a_given_one_in_its_layout() {
        let text = r#"x = ["a", "b"]"#;
        assert_eq!(
            apply(text, array(text).insert_after(text, 0, "\"z\"", "\n")),
            r#"x = ["a", "z", "b"]"#
        );
        let text = "x = [\n  \"a\", # about a\n  \"b\",\n]";
        assert_eq!(
            apply(text, array(text).insert_after(text, 0, "\"z\"", "\n")),
            "x = [\n  \"a\", # about a\n  \"z\",\n  \"b\",\n]"
        );
        assert_eq!(
            apply(text, array(text).insert_after(text, 1, "\"z\"", "\n")),
            "x = [\n  \"a\", # about a\n  \"b\",\n  \"z\",\n]"
        );
    }

    #[test]
    fn empty_sequences_are_filled() {
        let text = "x = []";
        assert_eq!(
            apply(text, array(text).append(text, "\"z\"", "\n")),
            "x = [\"z\"]"
        );
        let table = Sequence::scan("t = { }", 4..7, Vec::new(), true);
        assert_eq!(
            apply("t = { }", table.append("t = { }", "a = 1", "\n")),
            "t = { a = 1 }"
        );
    }
}
