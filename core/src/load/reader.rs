//! Walking a parsed TOML table into typed values, reporting every problem at its location.

use super::syntax::{Item, Key, Table, Value};
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Date, Duration, Id, Percentage};
use crate::span::{FileId, SourceFile, Span, Spanned};
use semver::{Version, VersionReq};
use std::fmt::Display;

/// Reads one file: converts values and collects diagnostics about the service or project in hand.
pub(crate) struct Reader<'a> {
    /// The file being read.
    pub file: FileId,
    /// Every source of the tree (for locations).
    pub sources: &'a [SourceFile],
    /// Where findings go.
    pub diagnostics: &'a mut Vec<Diagnostic>,
    /// The service the findings are about, if any.
    pub service: Option<String>,
    /// The project the findings are about, if any.
    pub project: Option<String>,
}

impl<'a> Reader<'a> {
    /// A reader of `file`.
    pub fn new(
        file: FileId,
        sources: &'a [SourceFile],
        diagnostics: &'a mut Vec<Diagnostic>,
        project: Option<String>,
    ) -> Self {
        Reader {
            file,
            sources,
            diagnostics,
            service: None,
            project,
        }
    }

    /// Our span of a parser span.
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    /// Records a finding about the current subject.
    pub fn report(&mut self, code: Code, severity: Severity, span: Span, message: String) {
        let diagnostic = self.diagnostic(code, severity, span, message);
        self.diagnostics.push(diagnostic);
    }

    /// A finding about the current subject, for the caller to extend before pushing.
    pub fn diagnostic(
        &self,
        code: Code,
        severity: Severity,
        span: Span,
        message: String,
    ) -> Diagnostic {
        Diagnostic::new(self.sources, code, severity, span, message)
            .service(self.service.as_deref())
            .project(self.project.as_deref())
    }

    /// Reports a value that is not of the expected form. `field` may be any text, formatted
    /// only here: a name made of a key (`service.<id>`, `env.<NAME>`) costs nothing when the
    /// value is fine, as nearly all are.
    pub fn invalid(&mut self, value: &Value<'_>, field: impl Display, expected: String) {
        let span = self.span(value.span());
        self.report(
            Code::InvalidValue,
            Severity::Error,
            span,
            format!("invalid `{field}`: {expected}"),
        );
    }

    /// Reports a required field that is absent from the table at `span`.
    pub fn missing(&mut self, span: Span, field: &str, what: &str) {
        self.report(
            Code::MissingField,
            Severity::Error,
            span,
            format!("{what} is missing the required field `{field}`"),
        );
    }

    /// Visits every entry of `table`; entries `visit` does not take are unknown fields,
    /// reported with the closest name of `known`.
    pub fn fields<'i>(
        &mut self,
        table: &Table<'i>,
        known: &[&str],
        mut visit: impl FnMut(&mut Self, &str, &Value<'i>) -> bool,
    ) {
        for (key, value) in table.iter() {
            if !visit(self, key.get_ref(), value) {
                self.unknown_field(key, known);
            }
        }
    }

    /// Reports a key the format does not know, suggesting the closest known one.
    pub fn unknown_field(&mut self, key: &Key<'_>, known: &[&str]) {
        let name: &str = key.get_ref();
        let span = self.span(key.span());
        let mut diagnostic = self.diagnostic(
            Code::UnknownField,
            Severity::Warning,
            span,
            format!("unknown field `{name}`; it is not read"),
        );
        diagnostic = match closest(name, known.iter().copied()) {
            Some(best) => diagnostic.help(format!("did you mean `{best}`?")),
            None => diagnostic.help(format!("known fields: {}", known.join(", "))),
        };
        self.diagnostics.push(diagnostic);
    }

    /// The value as a table, or an invalid-value finding.
    pub fn table<'v, 'i>(
        &mut self,
        value: &'v Value<'i>,
        field: impl Display,
    ) -> Option<&'v Table<'i>> {
        match value.get_ref() {
            Item::Table(table) => Some(table),
            other => {
                self.invalid(
                    value,
                    field,
                    format!("expected a table, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// The value as a string, or an invalid-value finding.
    pub fn str<'v>(&mut self, value: &'v Value<'_>, field: impl Display) -> Option<&'v str> {
        match value.get_ref() {
            Item::String(text) => Some(text),
            other => {
                self.invalid(
                    value,
                    field,
                    format!("expected a string, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// A string field.
    pub fn string(&mut self, value: &Value<'_>, field: impl Display) -> Option<Spanned<String>> {
        let span = self.span(value.span());
        self.str(value, field)
            .map(|text| Spanned::new(text.to_owned(), span))
    }

    /// A string parsed by `parse`, whose error says what was expected.
    pub fn parsed<T>(
        &mut self,
        value: &Value<'_>,
        field: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<Spanned<T>> {
        let text = self.str(value, field)?;
        match parse(text) {
            Ok(parsed) => Some(Spanned::new(parsed, self.span(value.span()))),
            Err(expected) => {
                self.invalid(value, field, expected);
                None
            }
        }
    }

    /// An id (DNS-1123 label).
    pub fn id(&mut self, value: &Value<'_>, field: &str) -> Option<Spanned<Id>> {
        self.parsed(value, field, Id::parse)
    }

    /// A semver version.
    pub fn version(&mut self, value: &Value<'_>, field: &str) -> Option<Spanned<Version>> {
        self.parsed(value, field, parse_version)
    }

    /// A date: a TOML local date or a `"YYYY-MM-DD"` string.
    pub fn date(&mut self, value: &Value<'_>, field: &str) -> Option<Spanned<Date>> {
        if let Item::Datetime(datetime) = value.get_ref() {
            let date = match (datetime.date, datetime.time, datetime.offset) {
                (Some(d), None, None) => Date::from_ymd(d.year as i32, d.month, d.day),
                _ => None,
            };
            return match date {
                Some(date) => Some(Spanned::new(date, self.span(value.span()))),
                None => {
                    self.invalid(
                        value,
                        field,
                        format!("expected a date like 2026-05-20 without a time, found {datetime}"),
                    );
                    None
                }
            };
        }
        self.parsed(value, field, Date::parse)
    }

    /// A duration string such as `"60s"`.
    pub fn duration(&mut self, value: &Value<'_>, field: &str) -> Option<Spanned<Duration>> {
        self.parsed(value, field, Duration::parse)
    }

    /// A percentage: `"99.9%"` or a number from 0 to 100.
    pub fn percentage(&mut self, value: &Value<'_>, field: &str) -> Option<Spanned<Percentage>> {
        let parsed = match value.get_ref() {
            Item::String(text) => Percentage::parse(text),
            Item::Integer(i) if i.radix() == 10 => Percentage::parse(i.as_str()),
            Item::Float(f) => Percentage::parse(f.as_str()),
            other => Err(format!(
                "expected a percentage from 0 to 100 like \"99.9%\", found {}",
                type_name(other)
            )),
        };
        match parsed {
            Ok(p) => Some(Spanned::new(p, self.span(value.span()))),
            Err(expected) => {
                self.invalid(value, field, expected);
                None
            }
        }
    }

    /// A boolean.
    pub fn bool(&mut self, value: &Value<'_>, field: &str) -> Option<Spanned<bool>> {
        match value.get_ref() {
            Item::Boolean(b) => Some(Spanned::new(*b, self.span(value.span()))),
            other => {
                self.invalid(
                    value,
                    field,
                    format!("expected true or false, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// An integer within `min..=max`.
    pub fn integer<T: TryFrom<i64>>(
        &mut self,
        value: &Value<'_>,
        field: &str,
        min: i64,
        max: i64,
    ) -> Option<Spanned<T>> {
        let number = match value.get_ref() {
            Item::Integer(i) => i.to_i64(),
            _ => None,
        };
        match number
            .filter(|n| (min..=max).contains(n))
            .and_then(|n| T::try_from(n).ok())
        {
            Some(n) => Some(Spanned::new(n, self.span(value.span()))),
            None => {
                let found = match value.get_ref() {
                    Item::Integer(i) => i.to_string(),
                    other => type_name(other).to_owned(),
                };
                self.invalid(
                    value,
                    field,
                    format!("expected an integer from {min} to {max}, found {found}"),
                );
                None
            }
        }
    }

    /// One of an enum's spellings.
    pub fn enumeration<E: Copy>(
        &mut self,
        value: &Value<'_>,
        field: &str,
        all: &[E],
        name: impl Fn(E) -> &'static str,
    ) -> Option<Spanned<E>> {
        let text = self.str(value, field)?;
        match all.iter().copied().find(|&e| name(e) == text) {
            Some(e) => Some(Spanned::new(e, self.span(value.span()))),
            None => {
                let names: Vec<String> = all.iter().map(|&e| format!("\"{}\"", name(e))).collect();
                let mut expected =
                    format!("expected one of {}, found \"{text}\"", names.join(", "));
                if let Some(best) = closest(text, all.iter().map(|&e| name(e))) {
                    expected.push_str(&format!(" (did you mean \"{best}\"?)"));
                }
                self.invalid(value, field, expected);
                None
            }
        }
    }

    /// A list whose items `item` converts; repeated items are reported as duplicates.
    pub fn list<'i, T: PartialEq>(
        &mut self,
        value: &Value<'i>,
        field: &str,
        mut item: impl FnMut(&mut Self, &Value<'i>) -> Option<Spanned<T>>,
    ) -> Vec<Spanned<T>> {
        let Item::Array(array) = value.get_ref() else {
            let found = type_name(value.get_ref());
            self.invalid(value, field, format!("expected a list, found {found}"));
            return Vec::new();
        };
        let mut items: Vec<Spanned<T>> = Vec::with_capacity(array.len());
        for element in array.iter() {
            if let Some(converted) = item(self, element) {
                if let Some(first) = items.iter().find(|i| i.value == converted.value) {
                    let first = first.span;
                    let diagnostic = self
                        .diagnostic(
                            Code::DuplicateItem,
                            Severity::Warning,
                            converted.span,
                            format!("`{field}` lists the same item twice"),
                        )
                        .related(self.sources, first, "first listed here")
                        .help("remove the repeated item");
                    self.diagnostics.push(diagnostic);
                    continue;
                }
                items.push(converted);
            }
        }
        items
    }

    /// A list of strings.
    pub fn string_list(&mut self, value: &Value<'_>, field: &str) -> Vec<Spanned<String>> {
        self.list(value, field, |r, v| r.string(v, field))
    }

    /// A list of ids.
    pub fn id_list(&mut self, value: &Value<'_>, field: &str) -> Vec<Spanned<Id>> {
        self.list(value, field, |r, v| r.id(v, field))
    }
}

/// Parses a semver version, saying what was expected.
pub(crate) fn parse_version(text: &str) -> Result<Version, String> {
    Version::parse(text)
        .map_err(|e| format!("expected a semver version like \"1.2.3\", found \"{text}\" ({e})"))
}

/// Parses a semver requirement with Cargo's semantics, saying what was expected.
pub(crate) fn parse_requirement(text: &str) -> Result<VersionReq, String> {
    VersionReq::parse(text).map_err(|e| {
        format!(
            "expected a version requirement like \"^1.2\" or \">=1.0, <2\", found \"{text}\" ({e})"
        )
    })
}

/// How a TOML value's type is named in messages.
pub(crate) fn type_name(value: &Item<'_>) -> &'static str {
    match value {
        Item::String(_) => "a string",
        Item::Integer(_) => "an integer",
        Item::Float(_) => "a float",
        Item::Boolean(_) => "a boolean",
        Item::Datetime(_) => "a datetime",
        Item::Array(_) => "a list",
        Item::Table(_) => "a table",
    }
}

/// How similar (Jaro-Winkler) a candidate must be to count as a plausible typo.
const CLOSE_ENOUGH: f64 = 0.8;

/// The candidate closest to `name`, if any is close enough to be a plausible typo.
pub(crate) fn closest<'c>(
    name: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    let letters = Letters::of(name);
    candidates
        .filter(|c| letters.may_be_close(c))
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|&(score, _)| score >= CLOSE_ENOUGH)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// A name's letters, counted once, to rule out most candidates before computing a similarity:
/// ids are compared with every id of the tree, and most pairs share too few letters to be close.
struct Letters<'n> {
    name: &'n str,
    /// How often each ASCII letter occurs in `name`; `None` when it is not plain ASCII.
    counts: Option<[u8; 128]>,
    /// Which ASCII letters occur in `name`, one bit each.
    present: u128,
}

impl<'n> Letters<'n> {
    fn of(name: &'n str) -> Self {
        let counts = (name.is_ascii() && !name.is_empty() && name.len() < 256).then(|| {
            let mut counts = [0u8; 128];
            for letter in name.bytes() {
                counts[letter as usize] += 1;
            }
            counts
        });
        let present = name
            .bytes()
            .filter(u8::is_ascii)
            .fold(0u128, |set, letter| set | 1 << letter);
        Letters {
            name,
            counts,
            present,
        }
    }

    /// The bound of [`Letters::may_be_close`] for `common` letters in common.
    fn bound(&self, candidate: &str, common: usize) -> f64 {
        let prefix = self
            .name
            .bytes()
            .zip(candidate.bytes())
            .take(4)
            .take_while(|(x, y)| x == y)
            .count();
        let common = common as f64;
        let jaro = (common / self.name.len() as f64 + common / candidate.len() as f64 + 1.0) / 3.0;
        jaro + 0.1 * prefix as f64 * (1.0 - jaro)
    }

    /// Whether `candidate` may be close enough, by an upper bound of the Jaro-Winkler
    /// similarity. Jaro's matches are pairs of equal letters, so there are at most as many as
    /// the letters the two have in common, `c`; the similarity is then at most
    /// `(c/|a| + c/|b| + 1) / 3`, and Winkler's bonus for a common prefix of `l` letters (at
    /// most 4) adds at most `0.1 l` of what is left.
    fn may_be_close(&self, candidate: &str) -> bool {
        let Some(counts) = &self.counts else {
            return true;
        };
        if candidate.is_empty() || !candidate.is_ascii() {
            return true;
        }
        // A margin for rounding: the bound only skips work, it never decides a match.
        let close_enough = CLOSE_ENOUGH - 1e-9;
        // First a cheaper, looser count: letters of the candidate that `name` has at all.
        let shared = candidate
            .bytes()
            .filter(|&letter| self.present >> letter & 1 == 1)
            .count();
        if self.bound(candidate, shared.min(self.name.len())) < close_enough {
            return false;
        }
        let mut counts = *counts;
        let mut common = 0usize;
        for letter in candidate.bytes() {
            let count = &mut counts[letter as usize];
            if *count > 0 {
                *count -= 1;
                common += 1;
            }
        }
        self.bound(candidate, common) >= close_enough
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The bound never rules out a pair the full similarity would accept (a small alphabet,
        /// so that many pairs are close).
        #[test]
        fn the_bound_keeps_every_close_pair(a in "[abc1-]{0,10}", b in "[abc1-]{0,10}") {
            if strsim::jaro_winkler(&a, &b) >= CLOSE_ENOUGH {
                prop_assert!(Letters::of(&a).may_be_close(&b));
            }
        }

        /// Near misses (one letter changed, dropped or doubled) stay candidates.
        #[test]
        fn typos_stay_candidates(a in "[a-z][a-z0-9-]{3,20}", at in 0usize..20, letter in "[a-z]") {
            let at = at % a.len();
            let changed = format!("{}{}{}", &a[..at], letter, &a[at + 1..]);
            let dropped = format!("{}{}", &a[..at], &a[at + 1..]);
            for typo in [changed, dropped] {
                if strsim::jaro_winkler(&a, &typo) >= CLOSE_ENOUGH {
                    prop_assert!(Letters::of(&a).may_be_close(&typo));
                }
            }
        }
    }

    #[test]
    fn suggests_the_closest_id() {
        let ids = ["orders-api", "payments-api", "platform-auth"];
        assert_eq!(closest("orders-apj", ids.into_iter()), Some("orders-api"));
        assert_eq!(
            closest("platfrom-auth", ids.into_iter()),
            Some("platform-auth")
        );
        assert_eq!(closest("zzzz", ids.into_iter()), None);
    }
}
