//! Byte-level helpers over a file's text: lines, line breaks, comments, and the patches an edit
//! is made of.

use std::ops::Range;

/// One replacement of a byte range by new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Patch {
    pub range: Range<usize>,
    pub text: String,
}

impl Patch {
    /// Inserts `text` at `at`.
    pub fn insert(at: usize, text: impl Into<String>) -> Patch {
        Patch {
            range: at..at,
            text: text.into(),
        }
    }

    /// Removes `range`.
    pub fn remove(range: Range<usize>) -> Patch {
        Patch {
            range,
            text: String::new(),
        }
    }

    /// Replaces `range` by `text`.
    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Patch {
        Patch {
            range,
            text: text.into(),
        }
    }
}

/// Applies non-overlapping patches; patches that start at the same offset are applied in the
/// order given.
pub(crate) fn apply(text: &str, mut patches: Vec<Patch>) -> String {
    patches.sort_by_key(|p| (p.range.start, p.range.end));
    let mut out =
        String::with_capacity(text.len() + patches.iter().map(|p| p.text.len()).sum::<usize>());
    let mut at = 0;
    for patch in patches {
        debug_assert!(patch.range.start >= at, "patches overlap");
        out.push_str(&text[at..patch.range.start]);
        out.push_str(&patch.text);
        at = patch.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The line break the file uses: `\r\n` when its first line ends so, else `\n`.
pub(crate) fn line_break(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// Where the line holding `pos` starts.
pub(crate) fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// Where the line holding `pos` ends: the start of its line break (`\r\n` or `\n`), or the
/// end of the text.
pub(crate) fn line_end(text: &str, pos: usize) -> usize {
    text[pos..]
        .find('\n')
        .map_or(text.len(), |i| break_start(text, pos + i))
}

/// Where the line after the one holding `pos` starts, or the end of the text.
pub(crate) fn next_line_start(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1)
}

/// The start of the line break whose `\n` is at `newline`.
pub(crate) fn break_start(text: &str, newline: usize) -> usize {
    if newline > 0 && text.as_bytes()[newline - 1] == b'\r' {
        newline - 1
    } else {
        newline
    }
}

/// The whitespace a line starts with.
pub(crate) fn indentation(text: &str, pos: usize) -> &str {
    let start = line_start(text, pos);
    let rest = &text[start..];
    &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
}

/// True when the line holding `pos` holds nothing but whitespace.
pub(crate) fn is_blank_line(text: &str, pos: usize) -> bool {
    let start = line_start(text, pos);
    text[start..line_end(text, start)].trim().is_empty()
}

/// The first byte at or after `pos` (and before `limit`) that is not whitespace, a line break
/// or part of a comment.
pub(crate) fn skip_trivia(text: &str, mut pos: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    while pos < limit {
        match bytes[pos] {
            b' ' | b'\t' | b'\r' | b'\n' => pos += 1,
            b'#' => pos = next_line_start(text, pos).min(limit),
            _ => break,
        }
    }
    pos
}

/// The first comma in `text[from..limit]` outside comments.
pub(crate) fn find_comma(text: &str, mut pos: usize, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    while pos < limit {
        match bytes[pos] {
            b',' => return Some(pos),
            b'#' => pos = next_line_start(text, pos),
            _ => pos += 1,
        }
    }
    None
}

/// The first `\n` in `text[from..limit]`, as the start of its line break.
pub(crate) fn first_break(text: &str, from: usize, limit: usize) -> Option<usize> {
    text[from..limit]
        .find('\n')
        .map(|i| break_start(text, from + i))
}

/// The last `\n` in `text[from..limit]`, as the start of its line break.
pub(crate) fn last_break(text: &str, from: usize, limit: usize) -> Option<usize> {
    text[from..limit]
        .rfind('\n')
        .map(|i| break_start(text, from + i))
        .map(|b| b.max(from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_breaks() {
        let text = "a = 1\r\n  b = 2 # c\r\nlast";
        assert_eq!(line_break(text), "\r\n");
        assert_eq!(line_end(text, 0), 5);
        assert_eq!(next_line_start(text, 0), 7);
        assert_eq!(indentation(text, 10), "  ");
        assert_eq!(line_end(text, 21), text.len());
        assert_eq!(first_break(text, 7, text.len()), Some(18));
        assert_eq!(last_break(text, 0, text.len()), Some(18));
        assert_eq!(line_break("x\n"), "\n");
    }

    #[test]
    fn trivia_and_commas_skip_comments() {
        let text = "  # a, b\n  , x";
        assert_eq!(skip_trivia(text, 0, text.len()), 11);
        assert_eq!(find_comma(text, 0, text.len()), Some(11));
    }

    #[test]
    fn patches_apply_in_order() {
        let out = apply(
            "abcdef",
            vec![
                Patch::replace(4..5, "E"),
                Patch::insert(1, "1"),
                Patch::insert(1, "2"),
                Patch::remove(2..3),
            ],
        );
        assert_eq!(out, "a12bdEf");
    }
}
