//! The SARIF 2.1.0 rendering, in the shape GitHub code scanning accepts.

use super::Report;
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use serde_json::{Value, json};
use std::collections::BTreeMap;

const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/service-catalog/service-catalog";

/// Renders `report` as a SARIF log with one run, one rule per code in use.
pub(super) fn render(report: &Report) -> String {
    let mut rules: BTreeMap<&str, &Code> = BTreeMap::new();
    for d in &report.diagnostics {
        rules.entry(d.code.as_str()).or_insert(&d.code);
    }
    let rule_index: BTreeMap<&str, usize> =
        rules.keys().enumerate().map(|(i, id)| (*id, i)).collect();
    let rules: Vec<Value> = rules.values().map(|code| rule(code)).collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| result(d, rule_index[d.code.as_str()]))
        .collect();
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "service-catalog",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "originalUriBaseIds": { "%SRCROOT%": { "uri": "file:///" } },
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).expect("a SARIF log always serializes");
    text.push('\n');
    text
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(code: &Code) -> Value {
    json!({
        "id": code.as_str(),
        "name": code.as_str(),
        "shortDescription": { "text": code.meaning() },
        "help": { "text": code.fix() },
    })
}

fn location(file: &str, region: Value) -> Value {
    json!({ "physicalLocation": {
        "artifactLocation": { "uri": file, "uriBaseId": "%SRCROOT%" },
        "region": region,
    }})
}

fn result(d: &Diagnostic, rule_index: usize) -> Value {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<Value> = d
        .related
        .iter()
        .enumerate()
        .map(|(id, r)| {
            let mut loc = location(
                &r.file,
                json!({ "startLine": r.line, "startColumn": r.column }),
            );
            loc["id"] = json!(id);
            loc["message"] = json!({ "text": r.message });
            loc
        })
        .collect();
    let subject = [d.service.as_deref(), d.project.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("/");
    let mut value = json!({
        "ruleId": d.code.as_str(),
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": message },
        "locations": [location(&d.file, json!({
            "startLine": d.line,
            "startColumn": d.column,
            "endLine": d.end_line,
            "endColumn": d.end_column,
        }))],
        "partialFingerprints": {
            "serviceCatalog/v1": format!("{}:{}:{}", d.code, d.file, subject),
        },
    });
    if !related.is_empty() {
        value["relatedLocations"] = json!(related);
    }
    value
}
