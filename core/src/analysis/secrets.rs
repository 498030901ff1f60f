//! The plaintext-secret scanner (format §7): every string value of every file, classified while
//! loading (one walk over each parsed file), reported by `check` with the security policy's
//! allowed reference schemes. No output ever shows a secret: messages carry a masked form and
//! the text renderer blanks the underlined source.

use super::Context;
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::syntax::{Item, Table, Value};
use crate::span::{FileId, Span};
use std::cell::OnceCell;

/// A string value worth reporting: a credential, or a reference to be checked against policy.
#[derive(Clone, Debug)]
pub(crate) struct StringFinding {
    /// Where the value is.
    pub span: Span,
    /// Its dotted key path in the file (`service.shared-auth.env.DB_PASSWORD`).
    pub path: String,
    /// What it is.
    pub kind: Kind,
}

/// What a suspicious string is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A plaintext credential: what it looks like, and a masked rendering.
    Secret {
        /// "a GitHub token", "a password inside a URL", …
        what: &'static str,
        /// The value with the secret part hidden.
        masked: String,
    },
    /// A `scheme://` reference under a secret-like key.
    Reference {
        /// The scheme, with `://`.
        scheme: String,
    },
}

/// Well-known token shapes: prefix, minimum length of the rest, allowed characters, name.
const TOKENS: &[(&str, usize, &str)] = &[
    ("AKIA", 16, "an AWS access key id"),
    ("ASIA", 16, "an AWS temporary access key id"),
    ("ghp_", 36, "a GitHub token"),
    ("gho_", 36, "a GitHub OAuth token"),
    ("ghu_", 36, "a GitHub token"),
    ("ghs_", 36, "a GitHub token"),
    ("ghr_", 36, "a GitHub refresh token"),
    ("github_pat_", 22, "a GitHub fine-grained token"),
    ("glpat-", 20, "a GitLab token"),
    ("xoxb-", 10, "a Slack bot token"),
    ("xoxp-", 10, "a Slack user token"),
    ("xoxa-", 10, "a Slack token"),
    ("xapp-", 10, "a Slack app token"),
    ("sk_live_", 16, "a Stripe secret key"),
    ("rk_live_", 16, "a Stripe restricted key"),
    ("AIza", 35, "a Google API key"),
    ("npm_", 36, "an npm token"),
    ("SG.", 40, "a SendGrid API key"),
];

/// Words that make a key name secret-like.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "secret",
    "token",
    "apikey",
    "credential",
    "credentials",
];
/// Word pairs that make a key name secret-like.
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("api", "key"),
    ("private", "key"),
    ("access", "key"),
    ("secret", "key"),
    ("auth", "key"),
    ("client", "secret"),
];
/// Last words that make a secret-like key name about something else (`token_url`).
const NOT_SECRET_SUFFIXES: &[&str] = &[
    "url", "uri", "endpoint", "path", "file", "ttl", "name", "id", "type", "header", "expiry",
    "length", "policy", "rotation", "scheme", "schemes",
];
/// Minimum length and Shannon entropy (bits per character) of a secret under a secret-like key.
const MIN_SECRET_LENGTH: usize = 8;
const MIN_SECRET_ENTROPY: f64 = 3.0;

/// Walks a parsed file and records every suspicious string.
pub(crate) fn collect(file: FileId, root: &Table<'_>, out: &mut Vec<StringFinding>) {
    let mut path = Vec::new();
    walk_table(file, root, &mut path, out);
}

/// The key a string is found under (the nearest table key: an array's strings share their
/// array's), with whether it is secret-like, decided once for all its strings and only when a
/// string needs it.
struct UnderKey<'i> {
    name: &'i str,
    secret_like: OnceCell<bool>,
}

impl UnderKey<'_> {
    fn is_secret_like(&self) -> bool {
        *self.secret_like.get_or_init(|| secret_like(self.name))
    }
}

fn walk_table<'i>(
    file: FileId,
    table: &'i Table<'_>,
    path: &mut Vec<Segment<'i>>,
    out: &mut Vec<StringFinding>,
) {
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        path.push(Segment::Key(name));
        let key = UnderKey {
            name,
            secret_like: OnceCell::new(),
        };
        walk_value(file, value, &key, path, out);
        path.pop();
    }
}

/// One step of a key path: a table key or an array position.
#[derive(Clone, Copy)]
enum Segment<'i> {
    Key(&'i str),
    Index(usize),
}

/// `service.auth.env.DB_PASSWORD`, `service.auth.alerts.warning[1]`.
fn dotted(path: &[Segment<'_>]) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Segment::Index(i) => text.push_str(&format!("[{i}]")),
        }
    }
    text
}

fn walk_value<'i>(
    file: FileId,
    value: &'i Value<'_>,
    key: &UnderKey<'_>,
    path: &mut Vec<Segment<'i>>,
    out: &mut Vec<StringFinding>,
) {
    match value.get_ref() {
        Item::String(text) => {
            if let Some(kind) = classify_under(text, || key.is_secret_like()) {
                out.push(StringFinding {
                    span: Span::new(file, value.span()),
                    path: dotted(path),
                    kind,
                });
            }
        }
        Item::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Segment::Index(i));
                walk_value(file, item, key, path, out);
                path.pop();
            }
        }
        Item::Table(table) => walk_table(file, table, path, out),
        _ => {}
    }
}

/// Whether `key` contains `pass`, `pwd`, `secret`, `token`, `key` or `credential`, ignoring
/// ASCII case: every secret-like key does (a cheap first test). One pass over the key, looking
/// further only from a byte that starts one of the fragments.
fn has_secret_fragment(key: &str) -> bool {
    let key = key.as_bytes();
    (0..key.len()).any(|at| {
        if !FRAGMENT_START[key[at] as usize] {
            return false;
        }
        let rest = &key[at..];
        let starts_with = |fragment: &str| {
            rest.len() >= fragment.len()
                && rest[..fragment.len()].eq_ignore_ascii_case(fragment.as_bytes())
        };
        match key[at].to_ascii_lowercase() {
            b'p' => starts_with("pass") || starts_with("pwd"),
            b's' => starts_with("secret"),
            b't' => starts_with("token"),
            b'k' => starts_with("key"),
            _ => starts_with("credential"),
        }
    })
}

/// The first bytes of the fragments [`has_secret_fragment`] looks for, in either case.
static FRAGMENT_START: [bool; 256] = crate::bytes::byte_table!(|byte| matches!(
    byte.to_ascii_lowercase(),
    b'p' | b's' | b't' | b'k' | b'c'
));

fn secret_like(key: &str) -> bool {
    if !has_secret_fragment(key) {
        return false;
    }
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in key.chars() {
        if !c.is_ascii_alphanumeric() {
            words.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    words.extend((!current.is_empty()).then_some(current));
    if words
        .last()
        .is_some_and(|w| NOT_SECRET_SUFFIXES.contains(&w.as_str()))
    {
        return false;
    }
    words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|p| SECRET_PAIRS.contains(&(p[0].as_str(), p[1].as_str())))
}

/// A value that stands for a secret rather than being one: `${DB_PASSWORD}`, `<set me>`.
fn placeholder(value: &str) -> bool {
    let v = value.trim();
    v.is_empty()
        || v.starts_with("${")
        || v.starts_with("$(")
        || v.starts_with("{{")
        || (v.starts_with('<') && v.ends_with('>'))
        || v.chars().all(|c| c == '*' || c == 'x' || c == 'X')
}

/// The `scheme://` a value starts with, if any: a letter, then letters, digits, `+`, `-` or
/// `.` up to `://` (read only as far as the first other byte).
fn scheme(value: &str) -> Option<&str> {
    let bytes = value.as_bytes();
    // Most strings hold no colon, which a search a word at a time tells.
    if !bytes.first()?.is_ascii_alphabetic() || !crate::bytes::contains(bytes, b':') {
        return None;
    }
    let end = bytes.iter().position(|&b| !SCHEME_BYTE[b as usize])?;
    bytes[end..].starts_with(b"://").then(|| &value[..end + 3])
}

/// The bytes a scheme is made of: ASCII letters and digits, `+`, `-` and `.` (a table: every
/// string of every file is read this far).
static SCHEME_BYTE: [bool; 256] = crate::bytes::byte_table!(
    |byte| byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.')
);

fn entropy(value: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in value.bytes() {
        counts[b as usize] += 1;
    }
    let n = value.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// The length of `-----BEGIN` and `PRIVATE KEY` together: no shorter string holds a PEM key.
const PEM_MARKERS: usize = 21;

/// What a string under `key` is, if it matters to the scanner.
pub(crate) fn classify(key: &str, value: &str) -> Option<Kind> {
    classify_under(value, || secret_like(key))
}

/// What a string is, if it matters to the scanner, under a key that `secret_key` tells is
/// secret-like or not: asked only when the value itself is no credential.
fn classify_under(value: &str, secret_key: impl FnOnce() -> bool) -> Option<Kind> {
    // `K` first: a byte search, where a PEM key always has one and ids and versions do not.
    if value.len() >= PEM_MARKERS
        && crate::bytes::contains(value.as_bytes(), b'K')
        && value.contains("PRIVATE KEY")
        && value.contains("-----BEGIN")
    {
        return Some(Kind::Secret {
            what: "a private key",
            masked: "-----BEGIN … PRIVATE KEY----- (key material hidden)".into(),
        });
    }
    if let Some(kind) = known_token(value) {
        return Some(kind);
    }
    let scheme = scheme(value);
    if let Some(kind) = scheme.and_then(|scheme| url_credentials(value, scheme)) {
        return Some(kind);
    }
    // What is left is found only under a secret-like key: a reference, or a long value. A
    // short value without a scheme is neither, so its key is not looked at.
    if scheme.is_none() && shorter_than(value, MIN_SECRET_LENGTH) || !secret_key() {
        return None;
    }
    if let Some(scheme) = scheme {
        return Some(Kind::Reference {
            scheme: scheme.to_owned(),
        });
    }
    let value = value.trim();
    if placeholder(value)
        || value.len() < MIN_SECRET_LENGTH
        || value.contains(char::is_whitespace)
        || entropy(value) < MIN_SECRET_ENTROPY
    {
        return None;
    }
    Some(Kind::Secret {
        what: "a high-entropy value under a secret-like key",
        masked: format!("{} characters hidden", value.chars().count()),
    })
}

/// Whether `value` without its leading and trailing whitespace is shorter than `length`,
/// trimmed only when it may need it (most strings are shorter, or start and end with a
/// visible ASCII byte).
fn shorter_than(value: &str, length: usize) -> bool {
    let bytes = value.as_bytes();
    let visible = |byte: Option<&u8>| byte.is_some_and(u8::is_ascii_graphic);
    match (
        bytes.len() < length,
        visible(bytes.first()) && visible(bytes.last()),
    ) {
        (true, _) => true,
        (false, true) => false,
        (false, false) => value.trim().len() < length,
    }
}

/// The shortest token [`TOKENS`] describes.
const SHORTEST_TOKEN: usize = 15;

/// The bytes a token is made of: ASCII letters and digits, `_`, `-` and `.`.
static TOKEN_BYTE: [bool; 256] = crate::bytes::byte_table!(
    |byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.')
);

/// For each first byte of a prefix of [`TOKENS`], its second bytes (all ASCII from `@` on),
/// as bits from `@`: a word is compared with the prefixes only when it starts like one.
static TOKEN_STARTS: [u64; 256] = {
    let mut starts = [0u64; 256];
    let mut i = 0;
    while i < TOKENS.len() {
        let prefix = TOKENS[i].0.as_bytes();
        assert!(prefix[1] >= b'@' && prefix[1] < 128);
        starts[prefix[0] as usize] |= 1 << (prefix[1] - b'@');
        i += 1;
    }
    starts
};

/// Whether `word` starts like one of the prefixes of [`TOKENS`] (its first two bytes).
fn starts_like_token(word: &[u8]) -> bool {
    let second = word[1].wrapping_sub(b'@');
    second < 64 && TOKEN_STARTS[word[0] as usize] & (1 << second) != 0
}

fn known_token(value: &str) -> Option<Kind> {
    if value.len() < SHORTEST_TOKEN {
        return None;
    }
    // Token characters are ASCII, so splitting the bytes gives the words splitting the chars
    // would, without decoding: every string of every file passes through here, so a word is
    // compared with the prefixes only when it is long enough and starts like one of them.
    for word in value.as_bytes().split(|&b| !TOKEN_BYTE[b as usize]) {
        if word.len() < SHORTEST_TOKEN || !starts_like_token(word) {
            continue;
        }
        for &(prefix, rest, what) in TOKENS {
            if word.len() < prefix.len() + rest || word[0] != prefix.as_bytes()[0] {
                continue;
            }
            if let Some(tail) = word.strip_prefix(prefix.as_bytes())
                && tail.len() >= rest
                && (prefix != "AKIA" && prefix != "ASIA"
                    || tail[..16]
                        .iter()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
            {
                return Some(Kind::Secret {
                    what,
                    masked: format!("{prefix}… ({} characters)", word.len()),
                });
            }
        }
    }
    None
}

/// A password in the authority of a URL `value` that starts with `scheme`.
fn url_credentials(value: &str, scheme: &str) -> Option<Kind> {
    let rest = &value[scheme.len()..];
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let (userinfo, host) = authority.rsplit_once('@')?;
    let (user, password) = userinfo.split_once(':')?;
    if password.is_empty() || placeholder(password) || password.starts_with('$') {
        return None;
    }
    Some(Kind::Secret {
        what: "a password inside a URL",
        masked: format!("{scheme}{user}:****@{host}"),
    })
}

/// `line` with every well-known token and URL password replaced by `*`: the last line of
/// defence for code frames of files the scanner could not read (a file with a syntax error).
pub(crate) fn mask_line(line: &str) -> String {
    let mut masked = line.to_owned();
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    let mut start = None;
    let mut ranges = Vec::new();
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        match (start, is_token_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if known_token(&line[s..i]).is_some() {
                    ranges.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    if let Some(at) = line.find("://")
        && let Some(rest) = line.get(at + 3..)
    {
        let authority = &rest[..rest
            .find(['/', '?', '#', '"', '\'', ' '])
            .unwrap_or(rest.len())];
        if let Some((userinfo, _)) = authority.rsplit_once('@')
            && let Some((user, password)) = userinfo.split_once(':')
            && !password.is_empty()
        {
            let from = at + 3 + user.len() + 1;
            ranges.push(from..from + password.len());
        }
    }
    for range in ranges {
        masked.replace_range(range.clone(), &"*".repeat(line[range].chars().count()));
    }
    masked
}

/// Reports the recorded strings: every credential, and references through schemes the security
/// policy does not allow.
pub(super) fn check(cx: &mut Context<'_>) {
    let allowed: Option<Vec<&str>> = cx
        .catalog
        .policies()
        .security
        .as_ref()
        .filter(|s| !s.allowed_schemes.is_empty())
        .map(|s| s.allowed_schemes.iter().map(|a| a.as_str()).collect());
    for found in cx.catalog.strings() {
        let (code, message, help) = match &found.kind {
            Kind::Secret { what, masked } => (
                Code::SecurityPlaintextSecret,
                format!(
                    "plaintext secret in `{}`: looks like {what} ({masked})",
                    found.path
                ),
                match &allowed {
                    Some(schemes) => format!(
                        "move it to a secret store, rotate it, and reference it with {}",
                        schemes.join(", ")
                    ),
                    None => "move it to a secret store, rotate it, and reference it (`vault://…`)"
                        .to_owned(),
                },
            ),
            Kind::Reference { scheme } => {
                let Some(schemes) = &allowed else { continue };
                if schemes.iter().any(|s| scheme_matches(s, scheme)) {
                    continue;
                }
                (
                    Code::SecurityDisallowedScheme,
                    format!(
                        "`{}` references a secret through `{scheme}`, which `policies/security.toml` does not allow",
                        found.path
                    ),
                    format!("use one of the allowed schemes: {}", schemes.join(", ")),
                )
            }
        };
        let finding = subject(
            cx,
            found,
            Diagnostic::new(cx.sources(), code, Severity::Error, found.span, message),
        )
        .help(help);
        cx.push(finding);
    }
}

/// Whether an allowed-scheme entry (`"vault://"` or `"vault"`) covers `scheme` (`"vault://"`).
fn scheme_matches(allowed: &str, scheme: &str) -> bool {
    allowed
        .trim_end_matches("://")
        .eq_ignore_ascii_case(scheme.trim_end_matches("://"))
}

/// Names the service and project a string belongs to, from its file and key path.
fn subject(cx: &Context<'_>, found: &StringFinding, finding: Diagnostic) -> Diagnostic {
    let file = cx.sources()[found.span.file as usize].path();
    let project = file
        .strip_prefix("projects/")
        .and_then(|rest| rest.split('/').next());
    let service = found
        .path
        .strip_prefix("service.")
        .and_then(|rest| rest.split('.').next())
        .filter(|id| cx.catalog.service(id).is_some());
    finding.service(service).project(project)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_paths_skip_nothing_a_token_or_key_can_be() {
        let shortest = TOKENS
            .iter()
            .map(|(prefix, rest, _)| prefix.len() + rest)
            .min();
        assert_eq!(shortest, Some(SHORTEST_TOKEN));
        assert_eq!("-----BEGIN".len() + "PRIVATE KEY".len(), PEM_MARKERS);
        assert!(secret("note", "xoxb-0123456789"));
        assert!(!secret("note", "xoxb-012345678"));
    }

    /// The length test trims only where it may matter, and agrees with trimming every time.
    #[test]
    fn the_length_test_agrees_with_trimming() {
        for value in [
            "",
            "1234567",
            "12345678",
            " 1234567",
            "1234567 ",
            " 12345678 ",
            "\t12345678",
            "12345678\n",
            "\u{a0}1234567",
            "1234567\u{3000}",
            "é234567",
            "1234567é",
            "        ",
            "a       b",
            " a      b ",
        ] {
            for length in [0, 1, 7, 8, 9] {
                assert_eq!(
                    shorter_than(value, length),
                    value.trim().len() < length,
                    "{value:?} {length}"
                );
            }
        }
    }

    fn secret(key: &str, value: &str) -> bool {
        matches!(classify(key, value), Some(Kind::Secret { .. }))
    }

    #[test]
    fn the_fragment_test_agrees_with_a_plain_search() {
        let fragments = ["pass", "pwd", "secret", "token", "key", "credential"];
        let plain = |key: &str| {
            let key = key.to_ascii_lowercase();
            fragments.iter().any(|f| key.contains(f))
        };
        for key in [
            "password",
            "DB_PASS",
            "apiKey",
            "api-token",
            "pwd",
            "Secret",
            "aws_credentials",
            "service",
            "version",
            "description",
            "ke",
            "pas",
            "tok",
            "monkey",
            "",
            "k",
            "passwd",
            "x-credentia",
            "CREDENTIAL_FILE",
            "p",
            "ssecret",
        ] {
            assert_eq!(has_secret_fragment(key), plain(key), "{key}");
        }
    }

    #[test]
    fn finds_credentials() {
        assert!(secret("k", "AKIAIOSFODNN7EXAMPLE"));
        assert!(secret("k", "ghp_0123456789abcdefghijABCDEFGHIJ012345"));
        assert!(secret(
            "url",
            "postgres://admin:s3cr3t-pw@db.internal:5432/app"
        ));
        assert!(secret("DB_PASSWORD", "Xk9#mQ2$vL7!pR4z"));
        assert!(secret(
            "key",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"
        ));
    }

    #[test]
    fn leaves_references_and_ordinary_values_alone() {
        assert!(!secret("DB_PASSWORD", "vault://platform/db"));
        assert!(!secret("DB_PASSWORD", "${DB_PASSWORD}"));
        assert!(!secret("token_url", "https://auth.example.com/oauth/token"));
        assert!(!secret(
            "description",
            "Rotates tokens and passwords for every team"
        ));
        assert!(!secret("url", "postgres://db.internal:5432/app"));
        assert!(!secret(
            "url",
            "postgres://app:${DB_PASSWORD}@db.internal/app"
        ));
        assert!(!secret("image", "registry.example.com/platform/auth:1.2.3"));
        assert_eq!(
            classify("api_key", "aws-sm://prod/api"),
            Some(Kind::Reference {
                scheme: "aws-sm://".into()
            })
        );
    }

    #[test]
    fn code_frames_of_unreadable_files_are_masked_too() {
        let line =
            r#"token = "ghp_0123456789abcdefghijABCDEFGHIJ012345" url = "https://bob:pw123@x.io""#;
        let masked = mask_line(line);
        assert!(
            !masked.contains("ghp_0123") && !masked.contains("pw123"),
            "{masked}"
        );
        assert_eq!(masked.chars().count(), line.chars().count());
    }

    #[test]
    fn masks_never_contain_the_secret() {
        let Some(Kind::Secret { masked, .. }) =
            classify("url", "https://bob:hunter2hunter2@example.com/x")
        else {
            panic!("a URL credential")
        };
        assert!(!masked.contains("hunter2"));
    }
}
