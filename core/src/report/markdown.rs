//! The Markdown rendering, for a pull-request comment.

use super::{Report, Verdict};
use crate::diagnostic::Severity;
use std::fmt::Write;

/// Renders `report` as a Markdown comment: verdict, summary table and one row per finding.
pub(super) fn render(report: &Report) -> String {
    let summary = &report.summary;
    let mut out = String::new();
    let (icon, title) = match summary.verdict {
        Verdict::Pass => ("✅", "passed"),
        Verdict::Warn => ("⚠️", "passed with warnings"),
        Verdict::Fail => ("❌", "failed"),
    };
    let root = if report.root.is_empty() {
        String::new()
    } else {
        format!(" of `{}`", escape(&report.root))
    };
    let _ = writeln!(out, "## {icon} service-catalog check{root} {title}\n");
    let _ = writeln!(out, "| errors | warnings | infos |");
    let _ = writeln!(out, "| ---: | ---: | ---: |");
    let _ = writeln!(
        out,
        "| {} | {} | {} |",
        summary.errors, summary.warnings, summary.infos
    );
    if report.diagnostics.is_empty() {
        out.push_str("\nNo findings.\n");
        return out;
    }
    out.push_str("\n| | code | location | subject | finding |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for d in &report.diagnostics {
        let icon = match d.severity {
            Severity::Error => "❌",
            Severity::Warning => "⚠️",
            Severity::Info => "ℹ️",
        };
        let subject = match (&d.service, &d.project) {
            (Some(s), Some(p)) => format!("`{s}` ({p})"),
            (Some(s), None) => format!("`{s}`"),
            (None, Some(p)) => format!("project `{p}`"),
            (None, None) => String::new(),
        };
        let mut finding = escape(&d.message);
        if let Some(help) = &d.help {
            let _ = write!(finding, "<br>*help:* {}", escape(help));
        }
        let _ = writeln!(
            out,
            "| {icon} | `{}` | `{}:{}:{}` | {} | {finding} |",
            d.code,
            escape(&d.file),
            d.line,
            d.column,
            escape(&subject),
        );
    }
    out
}

/// Escapes what would break a table cell or start markup.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => escaped.push_str("\\|"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\n' | '\r' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn table_cells_cannot_be_broken() {
        assert_eq!(escape("a|b\nc <x>"), "a\\|b c &lt;x&gt;");
    }
}
