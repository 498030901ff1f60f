//! A one-pass reader of the TOML that catalogs are written in: bare and quoted keys, dotted
//! keys, headers, every kind of string, decimal integers and floats, booleans, dates and
//! date-times, arrays and inline tables, with comments and blank lines anywhere TOML allows them.
//!
//! It reads bytes straight into the tree, with no tokens or events in between. Whatever it
//! does not know for certain to be valid (an exponent, underscores in a number, a hex number,
//! an inline table over several lines, and of course any error) makes it give up with `None`,
//! and the file is parsed by `toml` instead; so it never accepts a document `toml` refuses, and
//! every tree it builds is the one `toml` would build (the differential tests in `syntax` hold
//! it to both).

use super::tables::{Document, Header, inline_key_value};
use super::{Array, Item, Key, Number, Spanned, Table, Value};
use std::borrow::Cow;
use toml_datetime::Datetime;

/// How deeply values may nest and how many parts a dotted key may have before the reader
/// leaves the file to `toml` (whose limit is 80).
const MAX_DEPTH: usize = 64;

/// Reads `text`, or `None` if `toml` must.
pub(super) fn scan(text: &str) -> Option<Table<'_>> {
    Scanner {
        text,
        at: 0,
        items: Vec::new(),
    }
    .document()
}

struct Scanner<'i> {
    text: &'i str,
    /// The next byte to read.
    at: usize,
    /// The items of the arrays being read, innermost last: each array takes its own off the
    /// end into a vector of its exact length.
    items: Vec<Value<'i>>,
}

impl<'i> Scanner<'i> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    fn document(mut self) -> Option<Table<'i>> {
        if self.text.starts_with('\u{feff}') {
            return None;
        }
        let mut document = Document::default();
        loop {
            self.skip_blanks();
            match self.peek() {
                None => break,
                Some(b'\n' | b'\r' | b'#') => {}
                Some(b'[') => {
                    document.finish_table()?;
                    let header = self.header()?;
                    document.start_table(header)?;
                }
                Some(_) => {
                    let (path, key) = self.key()?;
                    self.skip_blanks();
                    self.eat(b'=')?;
                    self.skip_blanks();
                    let value = self.value(0)?;
                    document.key_value(path, key, value)?;
                }
            }
            self.end_of_line()?;
        }
        document.finish_table()?;
        Some(document.root)
    }

    /// Blanks, a comment, then a newline or the end of the file.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_blanks();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        match self.peek() {
            None => Some(()),
            Some(_) => self.newline(),
        }
    }

    fn newline(&mut self) -> Option<()> {
        if self.peek() == Some(b'\r') {
            self.at += 1;
        }
        self.eat(b'\n')
    }

    /// A comment up to its line's end; TOML allows no control character in it but tabs.
    fn comment(&mut self) -> Option<()> {
        let rest = &self.text.as_bytes()[self.at..];
        let mut end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        if end > 0 && end < rest.len() && rest[end - 1] == b'\r' {
            end -= 1;
        }
        rest[1..end].iter().all(|&b| !is_control(b)).then(|| {
            self.at += end;
        })
    }

    /// Blanks, comments and newlines, as arrays allow between values.
    fn skip_trivia(&mut self) -> Option<()> {
        loop {
            self.skip_blanks();
            match self.peek() {
                Some(b'#') => self.comment()?,
                Some(b'\n' | b'\r') => self.newline()?,
                _ => return Some(()),
            }
        }
    }

    fn header(&mut self) -> Option<Header<'i>> {
        let start = self.at;
        self.at += 1;
        let is_array = self.eat(b'[').is_some();
        self.skip_blanks();
        let (path, key) = self.key()?;
        self.skip_blanks();
        self.eat(b']')?;
        if is_array {
            self.eat(b']')?;
        }
        Some(Header {
            path,
            key,
            span: start..self.at,
            is_array,
        })
    }

    /// A key, dotted or not: the keys before the last, and the last.
    fn key(&mut self) -> Option<(Vec<Key<'i>>, Key<'i>)> {
        let mut path = Vec::new();
        let mut key = self.simple_key()?;
        loop {
            let before = self.at;
            self.skip_blanks();
            if self.eat(b'.').is_none() {
                self.at = before;
                return Some((path, key));
            }
            self.skip_blanks();
            path.push(std::mem::replace(&mut key, self.simple_key()?));
            if path.len() >= MAX_DEPTH {
                return None;
            }
        }
    }

    fn simple_key(&mut self) -> Option<Key<'i>> {
        let start = self.at;
        let name = match self.peek()? {
            b'"' => self.basic_string()?,
            b'\'' => self.literal_string()?,
            _ => {
                let bytes = &self.text.as_bytes()[start..];
                let length = bytes
                    .iter()
                    .position(|&b| !BARE_KEY[b as usize])
                    .unwrap_or(bytes.len());
                if length == 0 {
                    return None;
                }
                self.at += length;
                Cow::Borrowed(&self.text[start..self.at])
            }
        };
        Some(Spanned::new(start..self.at, name))
    }

    fn value(&mut self, depth: usize) -> Option<Value<'i>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.at;
        let rest = &self.text.as_bytes()[start..];
        let item = match self.peek()? {
            b'"' if rest.starts_with(b"\"\"\"") => Item::String(self.multi_line_basic_string()?),
            b'\'' if rest.starts_with(b"'''") => Item::String(self.multi_line_literal_string()?),
            b'"' => Item::String(self.basic_string()?),
            b'\'' => Item::String(self.literal_string()?),
            b'[' => self.array(depth + 1)?,
            b'{' => self.inline_table(depth + 1)?,
            _ => self.atom()?,
        };
        Some(Spanned::new(start..self.at, item))
    }

    /// A single-line basic string, unescaped; borrowed from the file when it has no escape.
    fn basic_string(&mut self) -> Option<Cow<'i, str>> {
        self.at += 1;
        let start = self.at;
        let bytes = self.text.as_bytes();
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            self.at += plain_string_bytes(&bytes[self.at..]);
            let byte = *bytes.get(self.at)?;
            match byte {
                b'"' => {
                    let tail = &self.text[run..self.at];
                    self.at += 1;
                    return Some(joined(owned, tail));
                }
                b'\\' => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(&self.text[run..self.at]);
                    self.at += 1;
                    text.push(self.escape()?);
                    run = self.at;
                }
                // A control character: the only other byte plain_string_bytes stops at.
                _ => return None,
            }
        }
    }

    /// A multi-line basic string, unescaped: the newline right after the opening quotes is not
    /// part of it, a backslash at the end of a line joins it to the next non-blank text, and up
    /// to two quotes may close it before the closing three.
    fn multi_line_basic_string(&mut self) -> Option<Cow<'i, str>> {
        self.at += 3;
        self.skip_first_newline();
        let bytes = self.text.as_bytes();
        let mut owned: Option<String> = None;
        let mut run = self.at;
        loop {
            match *bytes.get(self.at)? {
                b'"' => {
                    if let Some(end) = self.closing_quotes(b'"')? {
                        return Some(joined(owned, &self.text[run..end]));
                    }
                }
                b'\\' => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(&self.text[run..self.at]);
                    self.at += 1;
                    let blanks = bytes[self.at..]
                        .iter()
                        .take_while(|&&b| b == b' ' || b == b'\t')
                        .count();
                    if matches!(bytes.get(self.at + blanks), Some(b'\n' | b'\r')) {
                        self.at += blanks;
                        self.skip_trivia_newlines()?;
                    } else {
                        text.push(self.escape()?);
                    }
                    run = self.at;
                }
                b'\r' | b'\n' => self.newline()?,
                byte if is_control(byte) => return None,
                _ => self.at += 1,
            }
        }
    }

    /// A multi-line literal string, as written but for the newline right after the opening
    /// quotes.
    fn multi_line_literal_string(&mut self) -> Option<Cow<'i, str>> {
        self.at += 3;
        self.skip_first_newline();
        let start = self.at;
        loop {
            match *self.text.as_bytes().get(self.at)? {
                b'\'' => {
                    if let Some(end) = self.closing_quotes(b'\'')? {
                        return Some(Cow::Borrowed(&self.text[start..end]));
                    }
                }
                b'\r' | b'\n' => self.newline()?,
                byte if is_control(byte) => return None,
                _ => self.at += 1,
            }
        }
    }

    fn skip_first_newline(&mut self) {
        let rest = &self.text.as_bytes()[self.at..];
        if rest.starts_with(b"\n") {
            self.at += 1;
        } else if rest.starts_with(b"\r\n") {
            self.at += 2;
        }
    }

    /// Blanks and newlines after a line-ending backslash.
    fn skip_trivia_newlines(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t') => self.at += 1,
                Some(b'\n' | b'\r') => self.newline()?,
                _ => return Some(()),
            }
        }
    }

    /// At a quote inside a multi-line string: where the string's text ends if the quotes there
    /// close it (three to five in a row, the first two of five being text), `Some(None)` if they
    /// are text, `None` if there are too many.
    fn closing_quotes(&mut self, quote: u8) -> Option<Option<usize>> {
        let quotes = self.text.as_bytes()[self.at..]
            .iter()
            .take_while(|&&b| b == quote)
            .count();
        match quotes {
            1 | 2 => {
                self.at += quotes;
                Some(None)
            }
            3..=5 => {
                let end = self.at + quotes - 3;
                self.at += quotes;
                Some(Some(end))
            }
            _ => None,
        }
    }

    /// The character an escape (after its backslash) stands for: TOML 1.1's escapes.
    fn escape(&mut self) -> Option<char> {
        let letter = self.peek()?;
        self.at += 1;
        let digits = match letter {
            b'b' => return Some('\u{8}'),
            b't' => return Some('\t'),
            b'n' => return Some('\n'),
            b'f' => return Some('\u{c}'),
            b'r' => return Some('\r'),
            b'e' => return Some('\u{1b}'),
            b'"' => return Some('"'),
            b'\\' => return Some('\\'),
            b'x' => 2,
            b'u' => 4,
            b'U' => 8,
            _ => return None,
        };
        let hex = self.text.get(self.at..self.at + digits)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += digits;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }

    /// A single-line literal string, as written.
    fn literal_string(&mut self) -> Option<Cow<'i, str>> {
        self.at += 1;
        let start = self.at;
        let rest = &self.text.as_bytes()[start..];
        let length = rest.iter().position(|&b| b == b'\'' || is_control(b))?;
        if rest[length] != b'\'' {
            return None;
        }
        self.at += length + 1;
        Some(Cow::Borrowed(&self.text[start..start + length]))
    }

    fn skip_atom(&mut self) {
        let rest = &self.text.as_bytes()[self.at..];
        self.at += rest.iter().take_while(|&&b| !ends_atom(b)).count();
    }

    fn array(&mut self, depth: usize) -> Option<Item<'i>> {
        self.at += 1;
        let first = self.items.len();
        loop {
            self.skip_trivia()?;
            if self.eat(b']').is_some() {
                break;
            }
            let item = self.value(depth)?;
            self.items.push(item);
            self.skip_trivia()?;
            if self.eat(b',').is_none() {
                self.eat(b']')?;
                break;
            }
        }
        let array = Array {
            items: self.items.drain(first..).collect(),
            of_tables: false,
            inline: true,
        };
        Some(Item::Array(array))
    }

    /// An inline table on one line, without a trailing comma (TOML 1.0's form).
    fn inline_table(&mut self, depth: usize) -> Option<Item<'i>> {
        self.at += 1;
        let mut table = Table {
            inline: true,
            ..Table::default()
        };
        self.skip_blanks();
        if self.eat(b'}').is_some() {
            return Some(Item::Table(table));
        }
        loop {
            let (path, key) = self.key()?;
            self.skip_blanks();
            self.eat(b'=')?;
            self.skip_blanks();
            let value = self.value(depth)?;
            inline_key_value(&mut table, path, key, value)?;
            self.skip_blanks();
            if self.eat(b'}').is_some() {
                return Some(Item::Table(table));
            }
            self.eat(b',')?;
            self.skip_blanks();
        }
    }

    /// A boolean, a decimal integer or float without exponent or underscores, or a date,
    /// time or date-time; anything else is left to `toml`.
    fn atom(&mut self) -> Option<Item<'i>> {
        let start = self.at;
        self.skip_atom();
        let bytes = &self.text.as_bytes()[start..self.at];
        let is_date = bytes.len() >= 10 && bytes[4] == b'-' && bytes[7] == b'-';
        if is_date || bytes.len() >= 8 && bytes[2] == b':' {
            // `1979-05-27 07:32:00`: a space may stand for the `T` between date and time.
            let rest = &self.text.as_bytes()[self.at..];
            if bytes.len() == 10 && rest.len() > 1 && rest[0] == b' ' && rest[1].is_ascii_digit() {
                self.at += 1;
                self.skip_atom();
            }
            let datetime: Datetime = self.text[start..self.at].parse().ok()?;
            return Some(Item::Datetime(datetime));
        }
        let atom = &self.text[start..self.at];
        match atom {
            "true" => return Some(Item::Boolean(true)),
            "false" => return Some(Item::Boolean(false)),
            _ => {}
        }
        let unsigned = atom.strip_prefix('-').unwrap_or(atom);
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (unsigned, None),
        };
        let whole_ok = !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && (whole.len() == 1 || !whole.starts_with('0'));
        if !whole_ok {
            return None;
        }
        let number = Number {
            text: Cow::Borrowed(atom),
            radix: 10,
        };
        match fraction {
            None => Some(Item::Integer(number)),
            Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
                Some(Item::Float(number))
            }
            Some(_) => None,
        }
    }
}

/// A string's text: the part borrowed from the file, after what was unescaped before it.
fn joined<'i>(unescaped: Option<String>, tail: &'i str) -> Cow<'i, str> {
    match unescaped {
        None => Cow::Borrowed(tail),
        Some(mut text) => {
            text.push_str(tail);
            Cow::Owned(text)
        }
    }
}

/// A control character, which TOML allows in no string or comment (tabs aside).
fn is_control(byte: u8) -> bool {
    byte < 0x20 && byte != b'\t' || byte == 0x7f
}

/// The bytes of a bare key: ASCII letters and digits, `_` and `-`.
static BARE_KEY: [bool; 256] =
    crate::bytes::byte_table!(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-');

/// How many bytes at the start of `bytes` a basic string takes as they are: all but a quote,
/// a backslash and a control character other than tab. Eight bytes at a time, the way `memchr`
/// looks for a byte, since string contents are most of a catalog's bytes.
fn plain_string_bytes(bytes: &[u8]) -> usize {
    use crate::bytes::{below, splat, zeros};
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let special = zeros(word ^ splat(b'"'))
            | zeros(word ^ splat(b'\\'))
            | zeros(word ^ splat(0x7f))
            | below(word, 0x20);
        if special != 0 {
            // The first byte first in memory: the lowest of the little-endian word.
            let first = at + special.trailing_zeros() as usize / 8;
            if bytes[first] != b'\t' {
                return first;
            }
            // A tab belongs to the string: the rest is read a byte at a time.
            at = first;
            break;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || is_control(b))
        .unwrap_or(bytes.len() - at)
}

/// A byte that ends a boolean, number or date.
fn ends_atom(byte: u8) -> bool {
    matches!(
        byte,
        b' ' | b'\t' | b',' | b']' | b'}' | b'#' | b'\n' | b'\r'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Eight bytes at a time finds the same first special byte as one byte at a time,
        /// wherever it falls in a word, among bytes just either side of every limit.
        #[test]
        fn plain_string_bytes_stops_where_a_byte_loop_does(
            bytes in proptest::collection::vec(
                prop::sample::select(vec![
                    b'a', b'"', b'\\', b'\t', 0x00, 0x01, 0x08, 0x0a, 0x1f, 0x20, 0x21, 0x7e,
                    0x7f, 0x80, 0xc3, 0xa9, 0xff, b'!', b'#', b'[', b']',
                ]),
                0..40,
            )
        ) {
            let expected = bytes
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || is_control(b))
                .unwrap_or(bytes.len());
            prop_assert_eq!(plain_string_bytes(&bytes), expected);
        }
    }
}
