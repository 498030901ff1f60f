//! The rustc-like text rendering: each finding with its source line and a caret underline.

use super::{Report, Verdict};
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use std::fmt::Write;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const BLUE: &str = "\x1b[1;34m";

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
        Severity::Info => "\x1b[1;36m",
    }
}

/// Paints text in one ANSI style, or leaves it plain.
struct Paint {
    color: bool,
}

impl Paint {
    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_owned()
        }
    }
}

/// Renders `report` as text; `color` adds ANSI colours.
pub(super) fn render(report: &Report, color: bool) -> String {
    let paint = Paint { color };
    let secrets: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::SecurityPlaintextSecret)
        .collect();
    let mut out = String::new();
    for diagnostic in &report.diagnostics {
        render_one(report, diagnostic, &secrets, &paint, &mut out);
        out.push('\n');
    }
    let summary = &report.summary;
    let outcome = match summary.verdict {
        Verdict::Pass => paint.paint("\x1b[1;32m", "pass"),
        Verdict::Warn => paint.paint(severity_color(Severity::Warning), "warn"),
        Verdict::Fail => paint.paint(severity_color(Severity::Error), "fail"),
    };
    let _ = writeln!(
        out,
        "{outcome}: {} error{}, {} warning{}, {} info{}",
        summary.errors,
        plural(summary.errors),
        summary.warnings,
        plural(summary.warnings),
        summary.infos,
        plural(summary.infos),
    );
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A source line with every plaintext secret on it replaced by `*` (quotes kept), so a code
/// frame never shows a credential, whichever finding it belongs to.
fn masked_line(line: &str, file: &str, number: u32, secrets: &[&Diagnostic]) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    for secret in secrets.iter().filter(|s| s.file == file) {
        if number < secret.line || number > secret.end_line {
            continue;
        }
        let start = if number == secret.line {
            secret.column as usize
        } else {
            0
        };
        let end = if number == secret.end_line {
            (secret.end_column as usize).saturating_sub(2)
        } else {
            chars.len()
        };
        let end = end.min(chars.len());
        for c in chars.iter_mut().take(end).skip(start) {
            *c = '*';
        }
    }
    crate::analysis::secrets::mask_line(&chars.into_iter().collect::<String>())
}

fn render_one(
    report: &Report,
    d: &Diagnostic,
    secrets: &[&Diagnostic],
    paint: &Paint,
    out: &mut String,
) {
    let severity = d.severity.as_str();
    let _ = writeln!(
        out,
        "{}{}",
        paint.paint(
            severity_color(d.severity),
            &format!("{severity}[{}]", d.code)
        ),
        paint.paint(BOLD, &format!(": {}", d.message)),
    );
    let source_line = report
        .source(&d.file)
        .and_then(|file| file.line_text(d.line));
    let gutter_width = d.line.to_string().len();
    let pad = " ".repeat(gutter_width);
    let bar = paint.paint(BLUE, "|");
    let _ = writeln!(
        out,
        "{pad}{} {}:{}:{}",
        paint.paint(BLUE, "-->"),
        d.file,
        d.line,
        d.column
    );
    if let Some(line) = source_line {
        let line = masked_line(line, &d.file, d.line, secrets).replace('\t', " ");
        let start = d.column.saturating_sub(1) as usize;
        let width = line.chars().count();
        let end = if d.end_line == d.line {
            (d.end_column.saturating_sub(1) as usize).min(width)
        } else {
            width
        };
        let carets = "^".repeat(end.saturating_sub(start).max(1));
        let _ = writeln!(out, "{pad} {bar}");
        let _ = writeln!(
            out,
            "{} {bar} {line}",
            paint.paint(BLUE, &d.line.to_string())
        );
        let _ = writeln!(
            out,
            "{pad} {bar} {}{}",
            " ".repeat(start),
            paint.paint(severity_color(d.severity), &carets)
        );
    }
    for related in &d.related {
        let _ = writeln!(
            out,
            "{pad} {} note: {} ({}:{}:{})",
            paint.paint(BLUE, "="),
            related.message,
            related.file,
            related.line,
            related.column
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "{pad} {} help: {help}", paint.paint(BLUE, "="));
    }
}
