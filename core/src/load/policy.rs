//! Reading `policies/security.toml`, `policies/compliance.toml` and `policies/sla.toml`.

use super::reader::{Reader, type_name};
use super::syntax::{Item, Table, Value};
use crate::code::Code;
use crate::diagnostic::Severity;
use crate::model::*;
use crate::span::Spanned;

const SECRETS_FIELDS: &[&str] = &["allowed_schemes"];
const NETWORK_FIELDS: &[&str] = &["allow_private_cross_project"];
const RULE_FIELDS: &[&str] = &[
    "id",
    "severity",
    "description",
    "match",
    "require",
    "assert",
];
const TIER_FIELDS: &[&str] = &[
    "min_availability",
    "max_response_time_p50",
    "max_response_time_p95",
    "max_response_time_p99",
    "max_error_rate",
];
const ESCALATION_FIELDS: &[&str] = &["response", "escalate_after", "notify"];

/// Reads `policies/security.toml`.
pub(crate) fn read_security(r: &mut Reader<'_>, root: &Table<'_>) -> SecurityPolicy {
    let mut policy = SecurityPolicy::default();
    r.fields(root, &["secrets", "network", "required"], |r, key, v| {
        let Some(table) = (match key {
            "secrets" | "network" | "required" => r.table(v, key),
            _ => return false,
        }) else {
            return true;
        };
        match key {
            "secrets" => r.fields(table, SECRETS_FIELDS, |r, key, v| {
                if key != "allowed_schemes" {
                    return false;
                }
                policy.allowed_schemes = r.string_list(v, "secrets.allowed_schemes");
                true
            }),
            "network" => r.fields(table, NETWORK_FIELDS, |r, key, v| {
                if key != "allow_private_cross_project" {
                    return false;
                }
                policy.allow_private_cross_project =
                    r.bool(v, "network.allow_private_cross_project");
                true
            }),
            _ => {
                let tiers: Vec<&str> = Tier::ALL.iter().map(|t| t.as_str()).collect();
                r.fields(table, &tiers, |r, key, v| {
                    let Some(tier) = Tier::parse(key) else {
                        return false;
                    };
                    let span = r.span(v.span());
                    let fields = r.string_list(v, &format!("required.{key}"));
                    policy.required.push((Spanned::new(tier, span), fields));
                    true
                })
            }
        }
        true
    });
    policy
}

/// Reads `policies/compliance.toml`.
pub(crate) fn read_compliance(r: &mut Reader<'_>, root: &Table<'_>) -> CompliancePolicy {
    let mut policy = CompliancePolicy::default();
    r.fields(root, &["rule"], |r, key, v| {
        if key != "rule" {
            return false;
        }
        let Item::Array(items) = v.get_ref() else {
            let found = type_name(v.get_ref());
            r.invalid(
                v,
                "rule",
                format!("expected [[rule]] tables, found {found}"),
            );
            return true;
        };
        for item in items.iter() {
            let Some(rule) = read_rule(r, item) else {
                continue;
            };
            match policy
                .rules
                .iter()
                .find(|known| known.id.value == rule.id.value)
            {
                Some(first) => {
                    let message = format!("rule id `{}` is defined twice", rule.id.value);
                    let diagnostic = r
                        .diagnostic(Code::DuplicateId, Severity::Error, rule.id.span, message)
                        .related(r.sources, first.id.span, "first defined here");
                    r.diagnostics.push(diagnostic);
                }
                None => policy.rules.push(rule),
            }
        }
        true
    });
    policy
}

fn read_rule(r: &mut Reader<'_>, item: &Value<'_>) -> Option<Rule> {
    let table = r.table(item, "rule")?;
    let span = r.span(item.span());
    let mut id = None;
    let mut severity = Severity::Error;
    let mut description = None;
    let mut matches = Vec::new();
    let mut require = Vec::new();
    let mut asserts = Vec::new();
    let mut usable = true;
    r.fields(table, RULE_FIELDS, |r, key, v| {
        match key {
            "id" => id = r.id(v, "rule.id"),
            "severity" => {
                const LEVELS: &[Severity] = &[Severity::Error, Severity::Warning, Severity::Info];
                if let Some(level) = r.enumeration(v, "rule.severity", LEVELS, Severity::as_str) {
                    severity = level.value;
                }
            }
            "description" => description = r.string(v, "rule.description"),
            "match" => match r.table(v, "rule.match") {
                Some(table) => match_entries(r, table, "", &mut matches, &mut usable),
                None => usable = false,
            },
            "require" => require = r.string_list(v, "rule.require"),
            "assert" => asserts = read_asserts(r, v),
            _ => return false,
        }
        true
    });
    if !table.contains_key("id") {
        r.missing(span, "id", "a `[[rule]]`");
    }
    // A rule whose `match` did not load must not run: it would match every service.
    if !usable {
        return None;
    }
    Some(Rule {
        id: id?,
        severity,
        description,
        matches,
        require,
        asserts,
        span,
    })
}

fn read_asserts(r: &mut Reader<'_>, value: &Value<'_>) -> Vec<(Spanned<String>, Assertion)> {
    let Some(table) = r.table(value, "rule.assert") else {
        return Vec::new();
    };
    let kinds: Vec<&str> = AssertionKind::ALL.iter().map(|k| k.as_str()).collect();
    let mut asserts = Vec::new();
    for (path, value) in table.iter() {
        let field = format!("rule.assert.{}", path.get_ref());
        let Some(bounds_table) = r.table(value, &field) else {
            continue;
        };
        let mut bounds = Vec::new();
        r.fields(bounds_table, &kinds, |r, key, v| {
            let Some(kind) = AssertionKind::parse(key) else {
                return false;
            };
            let kind_span = r.span(v.span());
            if let Some(literal) = rule_value(r, v, &format!("{field}.{key}")) {
                bounds.push((Spanned::new(kind, kind_span), literal));
            }
            true
        });
        let path = Spanned::new(path.get_ref().to_string(), r.span(path.span()));
        asserts.push((path, Assertion { bounds }));
    }
    asserts
}

/// A literal of a rule: a string, number, boolean, date or list of them.
/// Reads `match` entries as dotted paths; a bare dotted key (`project.tier = "critical"`)
/// arrives as a nested table and is read as the same path.
fn match_entries(
    r: &mut Reader<'_>,
    table: &Table<'_>,
    prefix: &str,
    matches: &mut Vec<(Spanned<String>, Spanned<RuleValue>)>,
    usable: &mut bool,
) {
    for (key, value) in table.iter() {
        let path = format!("{prefix}{}", key.get_ref());
        if let Item::Table(nested) = value.get_ref() {
            match_entries(r, nested, &format!("{path}."), matches, usable);
            continue;
        }
        match rule_value(r, value, "rule.match") {
            Some(literal) => matches.push((Spanned::new(path, r.span(key.span())), literal)),
            None => *usable = false,
        }
    }
}

fn rule_value(r: &mut Reader<'_>, value: &Value<'_>, field: &str) -> Option<Spanned<RuleValue>> {
    fn convert(value: &Item<'_>) -> Result<RuleValue, &'static str> {
        Ok(match value {
            Item::String(s) => RuleValue::String(s.to_string()),
            Item::Integer(i) => i
                .to_i64()
                .map(RuleValue::Integer)
                .ok_or("an integer that fits in 64 bits")?,
            Item::Float(f) => RuleValue::Float(f.as_str().to_owned()),
            Item::Boolean(b) => RuleValue::Boolean(*b),
            Item::Datetime(d) => match (d.date, d.time) {
                (Some(date), None) => Date::from_ymd(date.year as i32, date.month, date.day)
                    .map(RuleValue::Date)
                    .ok_or("a valid date")?,
                _ => return Err("a date without a time"),
            },
            Item::Array(items) => RuleValue::List(
                items
                    .iter()
                    .map(|item| convert(item.get_ref()))
                    .collect::<Result<_, _>>()?,
            ),
            Item::Table(_) => return Err("a string, number, boolean, date or list"),
        })
    }
    match convert(value.get_ref()) {
        Ok(literal) => Some(Spanned::new(literal, r.span(value.span()))),
        Err(expected) => {
            let found = type_name(value.get_ref());
            r.invalid(value, field, format!("expected {expected}, found {found}"));
            None
        }
    }
}

/// Reads `policies/sla.toml`.
pub(crate) fn read_sla_policy(r: &mut Reader<'_>, root: &Table<'_>) -> SlaPolicy {
    let mut policy = SlaPolicy::default();
    let tier_names: Vec<&str> = Tier::ALL.iter().map(|t| t.as_str()).collect();
    r.fields(root, &["tier", "escalation"], |r, key, v| {
        let section = match key {
            "tier" | "escalation" => key,
            _ => return false,
        };
        let Some(table) = r.table(v, section) else {
            return true;
        };
        r.fields(table, &tier_names, |r, name, v| {
            let Some(tier) = Tier::parse(name) else {
                return false;
            };
            let field = format!("{section}.{name}");
            let Some(inner) = r.table(v, &field) else {
                return true;
            };
            let tier = Spanned::new(tier, r.span(v.span()));
            if section == "tier" {
                policy.tiers.push(read_tier_floor(r, tier, inner));
            } else {
                policy
                    .escalation
                    .push(read_escalation_level(r, tier, inner));
            }
            true
        });
        true
    });
    policy
}

fn read_tier_floor(r: &mut Reader<'_>, tier: Spanned<Tier>, table: &Table<'_>) -> TierFloor {
    let mut floor = TierFloor {
        tier,
        min_availability: None,
        max_response_time_p50: None,
        max_response_time_p95: None,
        max_response_time_p99: None,
        max_error_rate: None,
    };
    r.fields(table, TIER_FIELDS, |r, key, v| {
        match key {
            "min_availability" => floor.min_availability = r.percentage(v, key),
            "max_response_time_p50" => floor.max_response_time_p50 = r.duration(v, key),
            "max_response_time_p95" => floor.max_response_time_p95 = r.duration(v, key),
            "max_response_time_p99" => floor.max_response_time_p99 = r.duration(v, key),
            "max_error_rate" => floor.max_error_rate = r.percentage(v, key),
            _ => return false,
        }
        true
    });
    floor
}

fn read_escalation_level(
    r: &mut Reader<'_>,
    level: Spanned<Tier>,
    table: &Table<'_>,
) -> EscalationLevel {
    let mut escalation = EscalationLevel {
        level,
        response: None,
        escalate_after: None,
        notify: Vec::new(),
    };
    r.fields(table, ESCALATION_FIELDS, |r, key, v| {
        match key {
            "response" => escalation.response = r.duration(v, key),
            "escalate_after" => escalation.escalate_after = r.duration(v, key),
            "notify" => escalation.notify = r.string_list(v, key),
            _ => return false,
        }
        true
    });
    escalation
}
