//! Source files and byte spans, and their translation to 1-based lines and columns.

use serde::{Serialize, Serializer};
use std::ops::Deref;
use std::sync::OnceLock;

/// Index of a source file inside a [`Catalog`](crate::Catalog).
pub type FileId = u32;

/// A byte range inside one source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The file the range belongs to.
    pub file: FileId,
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl Span {
    /// A span of `range` inside `file`.
    pub fn new(file: FileId, range: std::ops::Range<usize>) -> Self {
        Span {
            file,
            start: range.start as u32,
            end: range.end as u32,
        }
    }
}

/// A value together with the place in the source it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    /// The parsed value.
    pub value: T,
    /// Where the value was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps `value` read at `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineColumn {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// One file of the tree: its path relative to the root (with `/`) and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    path: String,
    text: String,
    /// Where each line starts, indexed on first use: most files never need a location.
    line_starts: OnceLock<Vec<u32>>,
}

impl SourceFile {
    /// A file of the tree; its lines are indexed when a location is first asked for.
    pub fn new(path: String, text: String) -> Self {
        SourceFile {
            path,
            text,
            line_starts: OnceLock::new(),
        }
    }

    /// Where each line starts.
    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i as u32 + 1));
            starts
        })
    }

    /// Path relative to the tree's root, with `/` separators.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The file's full text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The line and column of a byte offset (clamped to the text, snapped to a char boundary).
    pub fn line_column(&self, offset: u32) -> LineColumn {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = line_starts[line] as usize;
        let column = self.text[start..offset].chars().count() + 1;
        LineColumn {
            line: line as u32 + 1,
            column: column as u32,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: u32) -> Option<&str> {
        let index = (line as usize).checked_sub(1)?;
        let line_starts = self.line_starts();
        let start = *line_starts.get(index)? as usize;
        let end = line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&e| e as usize);
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let file = SourceFile::new("a.toml".into(), "a = 1\nné = \"x\"\n".into());
        assert_eq!(file.line_column(0), LineColumn { line: 1, column: 1 });
        assert_eq!(file.line_column(6), LineColumn { line: 2, column: 1 });
        // "é" is two bytes but one column: the space after it is column 3.
        assert_eq!(file.line_column(9), LineColumn { line: 2, column: 3 });
        assert_eq!(file.line_text(2), Some("né = \"x\""));
        assert_eq!(file.line_column(1000).line, 3);
    }
}
