//! JSON Schemas (the `schema` feature) for every file kind of a control-center tree, for the
//! [`Report`], and for the plain data that [`Catalog::services`](crate::Catalog::services) and
//! [`Catalog::projects`](crate::Catalog::projects) return.
//!
//! [`all`] returns them by file name; the repository commits them under `schemas/` and a test
//! fails when they drift from the types.
//!
//! - The file-kind schemas describe what a user writes in TOML, for editors (taplo and Even
//!   Better TOML) and for CI. They are generated with schemars' deserialize contract from the
//!   input-shape types of this module and from the model's own types wherever the shapes
//!   coincide. A validator sees a TOML date as a `"YYYY-MM-DD"` string (as taplo and a
//!   `tomllib` conversion give it), TOML has no null, and every table is closed
//!   (`additionalProperties: false`) so an editor flags an unknown field as the loader does.
//! - The data schemas use the serialize contract on the model types and the report.
//!
//! A model field that a file does not write (a table's key, the project's folder name, data of
//! other files) is marked `#[schemars(extend("x-not-written" = true))]`: file schemas drop it,
//! data schemas keep it.
//!
//! Every schema is JSON Schema draft 7 without `$id`, so a relative path or a copy works.

use crate::Report;
use crate::model::*;
use schemars::generate::{GenTransform, SchemaSettings};
use schemars::transform::{RecursiveTransform, RestrictFormats};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// Every published schema: its file name under `schemas/` and its content.
pub fn all() -> Vec<(&'static str, Schema)> {
    vec![
        ("catalog.schema.json", file::<CatalogFile>()),
        ("project.schema.json", file::<ProjectFile>()),
        ("deployment.schema.json", file::<DeploymentFile>()),
        ("monitoring.schema.json", file::<MonitoringFile>()),
        ("patterns.schema.json", file::<PatternsFile>()),
        ("versions.schema.json", file::<VersionsFile>()),
        ("security.schema.json", file::<SecurityFile>()),
        ("compliance.schema.json", file::<ComplianceFile>()),
        ("sla.schema.json", file::<SlaFile>()),
        (
            "report.schema.json",
            data::<Report>(
                "service-catalog report",
                "The JSON of a report (`to_json`, `check --format json`): every finding of a run, sorted by file, line, column and code",
            ),
        ),
        (
            "service.schema.json",
            data::<Service>(
                "service (plain data)",
                "One service as the queries return it (`services()` returns a list of these, `service(id)` one): the fields written in its services file, with `status` defaulted, the owning `project` (null for a shared service) and `dependencies` as one list",
            ),
        ),
        (
            "project-data.schema.json",
            data::<Project>(
                "project (plain data)",
                "One project as the queries return it (`projects()` returns a list of these, `project(id)` one): its `[project]` table, the ids of its services and its deployment and monitoring files",
            ),
        ),
        (
            "reach.schema.json",
            data::<crate::Reach>(
                "reach (plain data)",
                "One answer of `dependencies(id)` or `consumers(id)`: the service reached, its project, its depth and the shortest path from the queried service to it",
            ),
        ),
        (
            "transition.schema.json",
            data::<crate::Transition>(
                "transition (plain data)",
                "The verdict of `transition(id, to, date)`: whether the lifecycle move is allowed (format §5), and why not",
            ),
        ),
        (
            "changeset.schema.json",
            data::<crate::ChangeSet>(
                "change set (plain data)",
                "What `diff(base, head)` returns: every changed service between two revisions of a tree, classified (format §8)",
            ),
        ),
        (
            "impact.schema.json",
            data::<crate::ImpactReport>(
                "impact report",
                "The JSON of an impact report (`impact(base, head, today)`): the change set, affected services and projects with paths, broken consumers, introduced findings, notifications and the verdict",
            ),
        ),
    ]
}

/// Marks a model field that a file does not write: the loader fills it in from where the table
/// is (its key, or the project's folder) or from other files. File schemas drop such fields,
/// data schemas keep them.
const NOT_WRITTEN: &str = "x-not-written";

/// The schema of a file kind: what a user writes.
fn file<T: JsonSchema>() -> Schema {
    let mut settings = SchemaSettings::draft07().for_deserialize();
    // Ahead of draft 7's own transforms, which wrap a `$ref` that has siblings in `allOf`.
    let first: [Box<dyn GenTransform>; 2] = [
        Box::new(RecursiveTransform(drop_not_written)),
        Box::new(RecursiveTransform(remove_null)),
    ];
    settings.transforms.splice(0..0, first);
    let mut schema = settings
        .with_transform(RecursiveTransform(close_table))
        .with_transform(RecursiveTransform(enum_of_strings))
        .with_transform(RecursiveTransform(join_lines))
        .with_transform(RestrictFormats::default())
        .into_generator()
        .into_root_schema_for::<T>();
    prune_definitions(&mut schema);
    schema
}

/// The schema of plain data the library returns.
fn data<T: JsonSchema>(title: &str, description: &str) -> Schema {
    let mut settings = SchemaSettings::draft07().for_serialize();
    let first: [Box<dyn GenTransform>; 2] = [
        Box::new(RecursiveTransform(unmark_not_written)),
        Box::new(RecursiveTransform(absent_not_null)),
    ];
    settings.transforms.splice(0..0, first);
    let mut schema = settings
        .with_transform(RecursiveTransform(close_table))
        .with_transform(RecursiveTransform(join_lines))
        .with_transform(RestrictFormats::default())
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    schema
}

/// An optional field of plain data is left out when it has no value, never null.
fn absent_not_null(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let required: Vec<Value> = match object.get("required") {
        Some(Value::Array(required)) => required.clone(),
        _ => Vec::new(),
    };
    let Some(Value::Object(properties)) = object.get_mut("properties") else {
        return;
    };
    for (name, property) in properties.iter_mut() {
        if !required.iter().any(|r| r == name.as_str())
            && let Ok(property) = <&mut Schema>::try_from(property)
        {
            remove_null(property);
        }
    }
}

/// Removes the properties marked [`NOT_WRITTEN`] (and their `required` entries).
fn drop_not_written(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let Some(Value::Object(properties)) = object.get_mut("properties") else {
        return;
    };
    let dropped: Vec<String> = properties
        .iter()
        .filter(|(_, property)| property.get(NOT_WRITTEN) == Some(&Value::Bool(true)))
        .map(|(name, _)| name.clone())
        .collect();
    properties.retain(|name, _| !dropped.contains(name));
    if let Some(Value::Array(required)) = object.get_mut("required") {
        required.retain(|name| !dropped.iter().any(|d| name == d.as_str()));
        if required.is_empty() {
            object.remove("required");
        }
    }
}

/// Removes the definitions nothing refers to any more (those of dropped fields).
fn prune_definitions(schema: &mut Schema) {
    fn references(value: &Value, found: &mut Vec<String>) {
        match value {
            Value::Object(object) => {
                if let Some(Value::String(reference)) = object.get("$ref")
                    && let Some(name) = reference.strip_prefix("#/definitions/")
                {
                    found.push(name.to_owned());
                }
                object.values().for_each(|v| references(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| references(v, found)),
            _ => {}
        }
    }
    let Some(Value::Object(mut definitions)) = schema.remove("definitions") else {
        return;
    };
    let mut pending = Vec::new();
    references(&schema.clone().to_value(), &mut pending);
    let mut kept = serde_json::Map::new();
    while let Some(name) = pending.pop() {
        if let Some(definition) = definitions.remove(&name) {
            references(&definition, &mut pending);
            kept.insert(name, definition);
        }
    }
    if !kept.is_empty() {
        schema.insert("definitions".into(), Value::Object(kept));
    }
}

/// Removes the [`NOT_WRITTEN`] marker.
fn unmark_not_written(schema: &mut Schema) {
    schema.remove(NOT_WRITTEN);
}

/// Closes every object schema that lists its properties: unknown fields are flagged.
fn close_table(schema: &mut Schema) {
    if let Some(object) = schema.as_object_mut()
        && object.contains_key("properties")
    {
        object
            .entry("additionalProperties")
            .or_insert(Value::Bool(false));
    }
}

/// Writes a `oneOf` of documented string constants (an enum whose values have doc comments) as
/// an `enum`, which every validator and editor understands, with the values' documentation
/// where taplo shows it on completion and hover.
fn enum_of_strings(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let Some(Value::Array(options)) = object.get("oneOf") else {
        return;
    };
    let constants: Option<Vec<(Value, Value)>> = options
        .iter()
        .map(|option| {
            let option = option.as_object()?;
            let only_known = option
                .keys()
                .all(|key| ["type", "const", "description"].contains(&key.as_str()));
            let constant = option.get("const").filter(|c| c.is_string())?;
            only_known.then(|| {
                let docs = option.get("description").cloned().unwrap_or(Value::Null);
                (constant.clone(), docs)
            })
        })
        .collect();
    let Some((values, docs)) = constants.map(|c| c.into_iter().unzip::<_, _, Vec<_>, Vec<Value>>())
    else {
        return;
    };
    object.remove("oneOf");
    object.insert("type".into(), "string".into());
    object.insert("enum".into(), values.into());
    if docs.iter().any(|d| !d.is_null()) {
        object.insert("x-taplo".into(), json!({ "docs": { "enumValues": docs } }));
    }
}

/// Joins the lines of each paragraph of a description (doc comments wrap at 100 columns).
fn join_lines(schema: &mut Schema) {
    if let Some(Value::String(description)) = schema.get_mut("description") {
        *description = description
            .split("\n\n")
            .map(|paragraph| paragraph.replace('\n', " "))
            .collect::<Vec<_>>()
            .join("\n\n");
    }
}

/// Removes `null` from a schema: TOML has no null, so an optional field is one that may be left
/// out, never one that may be null.
fn remove_null(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let null = Value::from("null");
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| *t != null);
        if types.len() == 1 {
            let only = types.remove(0);
            object.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(values)) = object.get_mut("enum") {
        values.retain(|v| !v.is_null());
    }
    let Some(Value::Array(mut options)) = object.remove("anyOf") else {
        return;
    };
    options.retain(|option| option.get("type") != Some(&null));
    match (options.len(), options.pop()) {
        (1, Some(Value::Object(only))) => {
            for (key, value) in only {
                object.entry(key).or_insert(value);
            }
        }
        (_, last) => {
            options.extend(last);
            object.insert("anyOf".into(), Value::Array(options));
        }
    }
}

/// A DNS-1123 label, as service, project, pattern and rule ids are written.
pub const ID_PATTERN: &str = "^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$";

/// A semver 2.0.0 version (the grammar of semver.org).
const VERSION: &str = r"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)(?:-(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?";

/// One comparator of a Cargo-style requirement, loosely (the loader is exact).
const COMPARATOR: &str = r" *(?:>=|<=|[=><~^])? *(?:\*|[xX]|[0-9]+(?:\.(?:\*|[xX]|[0-9]+)){0,2}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?) *";

/// A requirement: comparators separated by commas.
fn requirement_pattern() -> String {
    format!("{COMPARATOR}(?:,{COMPARATOR})*")
}

/// The unanchored id pattern.
fn id_body() -> &'static str {
    ID_PATTERN.trim_start_matches('^').trim_end_matches('$')
}

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "a DNS-1123 label: lowercase letters, digits and `-`, starting with a letter, not ending with `-`, at most 63 characters",
            "type": "string",
            "pattern": ID_PATTERN,
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let description = if generator.contract().is_deserialize() {
            "a date: a TOML local date (`2026-05-20`) or the string `\"2026-05-20\"`"
        } else {
            "a date, `YYYY-MM-DD`"
        };
        json_schema!({
            "description": description,
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        })
    }
}

impl JsonSchema for Duration {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "a length of time: a whole number and a unit (`ms`, `s`, `m`, `h` or `d`), such as `\"60s\"` or `\"5m\"`",
            "type": "string",
            "pattern": "^[0-9]+(?:ms|s|m|h|d)$",
        })
    }
}

impl JsonSchema for Percentage {
    fn schema_name() -> Cow<'static, str> {
        "Percentage".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        const DECIMAL: &str = "(?:100(?:\\.0{1,10})?|[0-9]{1,2}(?:\\.[0-9]{1,10})?)";
        if generator.contract().is_deserialize() {
            json_schema!({
                "description": "a percentage from 0 to 100: a string such as `\"99.9%\"` or a number such as `99.9`",
                "anyOf": [
                    { "type": "string", "pattern": format!("^0*{DECIMAL}%?$") },
                    { "type": "number", "minimum": 0, "maximum": 100 },
                ],
            })
        } else {
            json_schema!({
                "description": "a percentage from 0 to 100, such as `\"99.9%\"`",
                "type": "string",
                "pattern": format!("^{DECIMAL}%$"),
            })
        }
    }
}

/// The schema of a semver version such as `"1.2.3"` or `"2.0.0-beta.1"`.
pub struct SemVer;

impl JsonSchema for SemVer {
    fn schema_name() -> Cow<'static, str> {
        "Version".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "a semver 2.0.0 version such as `\"1.2.3\"` or `\"2.0.0-beta.1\"`",
            "type": "string",
            "pattern": format!("^{VERSION}$"),
        })
    }
}

/// The schema of a version requirement with Cargo's semantics: `^1.2`, `>=1.0, <2`, `~1.4`, `*`.
pub struct Requirement;

impl JsonSchema for Requirement {
    fn schema_name() -> Cow<'static, str> {
        "VersionRequirement".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "a version requirement with Cargo's semantics, such as `\"^1.2\"`, `\">=1.0, <2\"`, `\"~1.4\"` or `\"*\"`",
            "type": "string",
            "pattern": format!("^{}$", requirement_pattern()),
        })
    }
}

/// The schema of a list whose items must differ: a repeated item is a warning.
pub struct UniqueList<T>(PhantomData<T>);

impl<T: JsonSchema> JsonSchema for UniqueList<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("UniqueList_of_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": generator.subschema_for::<T>(),
            "uniqueItems": true,
        })
    }
}

/// The schema of a table whose keys are the values of the string enum `K` (each optional), each
/// holding a `V`.
pub struct KeyedBy<K, V>(PhantomData<(K, V)>);

impl<K: JsonSchema, V: JsonSchema> JsonSchema for KeyedBy<K, V> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("KeyedBy_{}_of_{}", K::schema_name(), V::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let keys = K::json_schema(generator);
        let value = generator.subschema_for::<V>().to_value();
        let mut properties = serde_json::Map::new();
        let documented = keys.get("oneOf").and_then(Value::as_array);
        let plain = keys.get("enum").and_then(Value::as_array);
        for key in documented
            .or(plain)
            .expect("a key type is an enum of strings")
        {
            let (name, docs) = match key.get("const") {
                Some(name) => (name, key.get("description")),
                None => (key, None),
            };
            let name = name.as_str().expect("a key is a string").to_owned();
            let property = match docs {
                Some(docs) => json!({ "description": docs, "allOf": [value.clone()] }),
                None => value.clone(),
            };
            properties.insert(name, property);
        }
        json_schema!({ "type": "object", "properties": properties })
    }
}

/// `services/catalog.toml`: the shared services, the global registry every project can use.
#[derive(JsonSchema)]
#[schemars(title = "services/catalog.toml")]
pub struct CatalogFile {
    /// The shared services, one `[service.<id>]` table each; the key is the service id, one
    /// namespace across the whole tree.
    pub service: Option<BTreeMap<Id, ServiceTable>>,
}

/// `projects/<project-id>/services.toml`: the project (its id is the folder's name) and the
/// services it owns.
#[derive(JsonSchema)]
#[schemars(title = "projects/<project-id>/services.toml")]
pub struct ProjectFile {
    /// The project (required).
    pub project: Project,
    /// The services this project owns, one `[service.<id>]` table each (same schema as in
    /// `services/catalog.toml`).
    pub service: Option<BTreeMap<Id, ServiceTable>>,
}

/// One `[service.<id>]` table: a service, in `services/catalog.toml` or a project.
#[derive(JsonSchema)]
pub struct ServiceTable {
    /// A display name; when present it must equal the table key.
    pub name: Option<String>,
    /// What kind of software the service is.
    #[schemars(rename = "type")]
    pub service_type: Option<ServiceType>,
    /// The owning team, such as `platform-team`.
    pub owner: Option<String>,
    /// What the service does.
    pub description: Option<String>,
    /// The current version (semver 2.0.0); required.
    pub version: SemVer,
    /// Where the service is in its lifecycle.
    #[schemars(extend("default" = "development"))]
    pub status: Option<Status>,
    /// The oldest API version this release still serves (at most `version`): a consumer whose
    /// requirement admits a lower version may rely on an API that is gone.
    pub compat_version_min: Option<SemVer>,
    /// The container image.
    pub image: Option<String>,
    /// The ports the service listens on (each port number once).
    pub ports: Option<Vec<Port>>,
    /// How to probe the service's health.
    pub health_check: Option<HealthCheck>,
    /// Environment variables: a literal, or a secret reference with an allowed scheme such as
    /// `vault://…`; a plaintext credential is an error.
    pub env: Option<BTreeMap<String, String>>,
    /// Project services only: may other projects depend on it?
    #[schemars(extend("default" = false))]
    pub exposed: Option<bool>,
    /// Free-form tags.
    pub tags: Option<UniqueList<String>>,
    /// What the service depends on.
    pub dependencies: Option<DependenciesTable>,
    /// Who the service says consumes it; checked against the real dependency graph.
    pub consumers: Option<DeclaredConsumers>,
    /// Who approves changes, and where they are announced.
    pub governance: Option<Governance>,
    /// What the service promises.
    pub sla: Option<Sla>,
    /// Dates of the lifecycle: when the status was entered, deprecation and sunset.
    pub lifecycle: Option<Lifecycle>,
    /// How consumers move away from it.
    pub migration: Option<Migration>,
}

/// `[service.<id>.dependencies]`: each list names every service once.
#[derive(JsonSchema)]
pub struct DependenciesTable {
    /// Required dependencies: the service does not work without them.
    pub requires: Option<Vec<DependencyEntry>>,
    /// Optional dependencies: used when present.
    pub optional: Option<Vec<DependencyEntry>>,
}

/// One dependency: `"id"` (any version), `"id@REQ"`, or a table.
#[derive(JsonSchema)]
#[schemars(untagged)]
pub enum DependencyEntry {
    /// `"id"` for any version, or `"id@REQ"` with a requirement such as `"user-store@^2.1"`.
    Short(DependencyString),
    /// A table, for a requirement with a kind or a beta opt-in.
    Table(DependencyTable),
}

/// The schema of a dependency written as a string: `"id"` or `"id@REQ"`.
pub struct DependencyString;

impl JsonSchema for DependencyString {
    fn schema_name() -> Cow<'static, str> {
        "DependencyString".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": format!("^{}(?:@{})?$", id_body(), requirement_pattern()),
        })
    }
}

/// A dependency written as a table.
#[derive(JsonSchema)]
pub struct DependencyTable {
    /// The service depended on.
    pub service: Id,
    /// The version requirement (any version when absent).
    pub version: Option<Requirement>,
    /// `sync` when the service calls it on the request path (counts for SLA composition),
    /// `async` for queues and events.
    #[schemars(extend("default" = "sync"))]
    pub kind: Option<DependencyKind>,
    /// A production consumer opts in to a beta provider.
    #[schemars(extend("default" = false))]
    pub allow_beta: Option<bool>,
}

/// `projects/<project-id>/deployment.toml`: environments and rollout.
#[derive(JsonSchema)]
#[schemars(title = "projects/<project-id>/deployment.toml")]
pub struct DeploymentFile {
    /// One `[environment.<name>]` table per environment; names are free strings.
    pub environment: Option<BTreeMap<String, EnvironmentTable>>,
}

/// One `[environment.<name>]` of `deployment.toml`.
#[derive(JsonSchema)]
pub struct EnvironmentTable {
    /// Deploy without a human pressing the button.
    pub auto_deploy: Option<bool>,
    /// The rollout: a built-in strategy or a pattern of `services/patterns.toml`.
    pub pattern: Option<PatternName>,
    /// Named gates and how long each may take, such as `{ health = "5m" }`.
    pub checks: Option<BTreeMap<String, Duration>>,
    /// Who must approve a deploy.
    pub approvals: Option<UniqueList<String>>,
    /// When deploys may run, such as `off-hours`.
    pub window: Option<String>,
}

/// The schema of a deployment pattern's name: a built-in strategy or a pattern id.
pub struct PatternName;

impl JsonSchema for PatternName {
    fn schema_name() -> Cow<'static, str> {
        "PatternName".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "a built-in strategy (immediate, rolling, canary, blue-green) or the id of a pattern of services/patterns.toml",
            "anyOf": [generator.subschema_for::<Strategy>(), generator.subschema_for::<Id>()],
        })
    }
}

/// `projects/<project-id>/monitoring.toml`: SLO thresholds and alert routing.
#[derive(JsonSchema)]
#[schemars(title = "projects/<project-id>/monitoring.toml")]
pub struct MonitoringFile {
    /// Settings for the whole project.
    pub monitoring: Option<MonitoringTable>,
    /// Per service, `[service.<id>.metrics]` and `[service.<id>.alerts]`; the key is the
    /// monitored service's id.
    pub service: Option<BTreeMap<Id, ServiceMonitoring>>,
}

/// `[monitoring]` of `monitoring.toml`.
#[derive(JsonSchema)]
pub struct MonitoringTable {
    /// How closely the project is watched.
    pub level: Option<Tier>,
}

/// `services/patterns.toml`: named deployment patterns that `deployment.toml` can use.
#[derive(JsonSchema)]
#[schemars(title = "services/patterns.toml")]
pub struct PatternsFile {
    /// One `[pattern.<id>]` table per pattern; the key is the pattern's id.
    pub pattern: Option<BTreeMap<Id, Pattern>>,
}

/// `services/versions.toml`: released-version history.
#[derive(JsonSchema)]
#[schemars(title = "services/versions.toml")]
pub struct VersionsFile {
    /// One `[versions.<id>]` table per service: `history`, newest first, the first entry equal
    /// to the service's `version`.
    pub versions: Option<BTreeMap<Id, VersionHistory>>,
}

/// `policies/security.toml`: secret references, network rules and required fields.
#[derive(JsonSchema)]
#[schemars(title = "policies/security.toml")]
pub struct SecurityFile {
    /// How secrets may be referenced.
    pub secrets: Option<SecretsTable>,
    /// Network rules.
    pub network: Option<NetworkTable>,
    /// Per project tier, the dotted fields (such as `governance.approvers`) that services
    /// consumed by a project of that tier must set.
    pub required: Option<KeyedBy<Tier, UniqueList<String>>>,
}

/// `[secrets]` of `policies/security.toml`.
#[derive(JsonSchema)]
pub struct SecretsTable {
    /// The schemes of a secret reference, such as `vault://`: a value that starts with one is a
    /// reference, not a secret.
    pub allowed_schemes: Option<UniqueList<String>>,
}

/// `[network]` of `policies/security.toml`.
#[derive(JsonSchema)]
pub struct NetworkTable {
    /// May a service depend on another project's service that is not `exposed`?
    #[schemars(extend("default" = false))]
    pub allow_private_cross_project: Option<bool>,
}

/// `policies/compliance.toml`: declarative rules; a finding's code is `policy/<rule id>`.
#[derive(JsonSchema)]
#[schemars(title = "policies/compliance.toml")]
pub struct ComplianceFile {
    /// The rules, one `[[rule]]` table each, ids unique.
    pub rule: Option<Vec<RuleTable>>,
}

/// One `[[rule]]` of `policies/compliance.toml`.
#[derive(JsonSchema)]
pub struct RuleTable {
    /// The rule's id; its findings have the code `policy/<id>`.
    pub id: Id,
    /// How serious a finding of this rule is.
    #[schemars(extend("default" = "error"))]
    pub severity: Option<crate::Severity>,
    /// The finding's message.
    pub description: Option<String>,
    /// Which services the rule applies to: dotted paths into the service (plus `project.*` for
    /// the owning or consuming project) and the value each must have; every key must match, a
    /// list is any-of.
    #[schemars(rename = "match")]
    pub matches: Option<ByPath<MatchValue>>,
    /// Dotted paths that must be present and non-empty.
    pub require: Option<UniqueList<RulePath>>,
    /// Dotted paths and the bounds their values must meet.
    #[schemars(rename = "assert")]
    pub asserts: Option<ByPath<KeyedBy<AssertionKind, RuleLiteral>>>,
}

/// The first segments a rule's dotted path may start with: the fields a service table is
/// written with plus `id` and `project` (the owning project); and after `project.`, the fields
/// of a `[project]` table plus `id`.
fn rule_path_roots() -> (Vec<String>, Vec<String>) {
    let fields = |schema: Schema| -> Vec<String> {
        let properties = schema.get("properties").and_then(Value::as_object);
        properties
            .into_iter()
            .flat_map(|p| p.keys().cloned())
            .collect()
    };
    let mut service = fields(file::<ServiceTable>());
    service.extend(["id".to_owned(), "project".to_owned()]);
    let mut project = fields(file::<Project>());
    project.push("id".to_owned());
    service.sort();
    project.sort();
    (service, project)
}

/// The schema of a dotted path into a service, such as `governance.approvers`, or into its
/// project, such as `project.tier`. Only the first segment is checked here.
pub struct RulePath;

impl JsonSchema for RulePath {
    fn schema_name() -> Cow<'static, str> {
        "RulePath".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let (service, project) = rule_path_roots();
        let service: Vec<&str> = service
            .iter()
            .map(String::as_str)
            .filter(|f| *f != "project")
            .collect();
        json_schema!({
            "description": "a dotted path into a service, such as `governance.approvers`, or into the project, such as `project.tier`",
            "type": "string",
            "pattern": format!(
                "^(?:project|project\\.(?:{})(?:\\..+)?|(?:{})(?:\\..+)?)$",
                project.join("|"),
                service.join("|")
            ),
        })
    }
}

/// The schema of a table keyed by rule paths, each holding a `V`.
pub struct ByPath<V>(PhantomData<V>);

impl<V: JsonSchema> JsonSchema for ByPath<V> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("ByPath_of_{}", V::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "propertyNames": generator.subschema_for::<RulePath>(),
            "additionalProperties": generator.subschema_for::<V>(),
        })
    }
}

/// The schema of what a `match` path must equal: a literal, or a table when the path is written
/// as a bare dotted key (`project.tier = "critical"` is the table `project = { tier = … }`).
pub struct MatchValue;

impl JsonSchema for MatchValue {
    fn schema_name() -> Cow<'static, str> {
        "MatchValue".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "the value the path must have (a list is any-of)",
            "anyOf": [
                generator.subschema_for::<RuleLiteral>(),
                { "type": "object", "additionalProperties": generator.subschema_for::<MatchValue>() },
            ],
        })
    }
}

/// The schema of a literal in a rule: a string, number, boolean, date or a list of them.
pub struct RuleLiteral;

impl JsonSchema for RuleLiteral {
    fn schema_name() -> Cow<'static, str> {
        "RuleLiteral".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "a string, number, boolean or date, or a list of them",
            "type": ["string", "number", "boolean", "array"],
            "items": generator.subschema_for::<RuleLiteral>(),
        })
    }
}

/// `policies/sla.toml`: the SLA floor of each project tier and the escalation matrix.
#[derive(JsonSchema)]
#[schemars(title = "policies/sla.toml")]
pub struct SlaFile {
    /// Per tier, what a service consumed by a project of that tier must promise at least.
    pub tier: Option<KeyedBy<Tier, TierFloor>>,
    /// Per level, how an incident is escalated.
    pub escalation: Option<KeyedBy<Tier, EscalationLevel>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_titled_described_and_has_no_id() {
        for (file, schema) in all() {
            let object = schema.as_object().expect("an object schema");
            for key in ["title", "description", "$schema"] {
                assert!(object.contains_key(key), "{file} has no {key}");
            }
            assert!(!object.contains_key("$id"), "{file} has an $id");
        }
    }

    /// Whether a schema anywhere admits null: as a type or as an enum value.
    fn admits_null(value: &Value) -> bool {
        match value {
            Value::Object(object) => {
                let null = Value::from("null");
                let typed = match object.get("type") {
                    Some(Value::Array(types)) => types.contains(&null),
                    Some(single) => *single == null,
                    None => false,
                };
                let listed = object
                    .get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|values| values.contains(&Value::Null));
                typed || listed || object.values().any(admits_null)
            }
            Value::Array(items) => items.iter().any(admits_null),
            _ => false,
        }
    }

    #[test]
    fn file_schemas_never_admit_null() {
        let data = ["report", "service", "project-data"].map(|d| format!("{d}.schema.json"));
        for (file, schema) in all() {
            if !data.contains(&file.to_owned()) {
                assert!(!admits_null(schema.as_value()), "{file} admits null");
            }
        }
        let (_, service) = all()
            .into_iter()
            .find(|(file, _)| *file == "service.schema.json")
            .expect("a service schema");
        assert!(
            admits_null(service.as_value()),
            "a shared service's project is null"
        );
    }

    /// The paths among `paths` that the policy check rejects as naming no field.
    fn rejected(paths: &[String]) -> Vec<String> {
        let rules: String = paths
            .iter()
            .enumerate()
            .map(|(i, path)| format!("[[rule]]\nid = \"r{i}\"\nrequire = [\"{path}\"]\n"))
            .collect();
        let catalog = crate::Catalog::from_files([
            (
                "services/catalog.toml",
                "[service.a]\nversion = \"1.0.0\"\n",
            ),
            ("policies/compliance.toml", rules.as_str()),
        ]);
        let report = catalog.check(Date::parse("2026-01-15").unwrap());
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == crate::Code::InvalidValue)
            .map(|d| paths[(d.line as usize - 3) / 3].clone())
            .collect()
    }

    /// Every property name of every table of a file schema.
    fn names(value: &Value, found: &mut Vec<String>) {
        match value {
            Value::Object(object) => {
                if let Some(Value::Object(properties)) = object.get("properties") {
                    found.extend(properties.keys().cloned());
                }
                object.values().for_each(|v| names(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| names(v, found)),
            _ => {}
        }
    }

    #[test]
    fn rule_paths_start_where_the_policy_check_accepts_them() {
        let (service, project) = rule_path_roots();
        let mut universe = vec!["zzzz".to_owned()];
        names(file::<CatalogFile>().as_value(), &mut universe);
        names(file::<ProjectFile>().as_value(), &mut universe);
        universe.sort();
        universe.dedup();
        let unknown = |roots: &[String]| -> Vec<String> {
            let mut unknown: Vec<String> = universe
                .iter()
                .filter(|name| !roots.contains(name))
                .cloned()
                .collect();
            unknown.sort();
            unknown
        };
        let mut paths = service.clone();
        paths.extend(universe.iter().cloned());
        paths.extend(project.iter().map(|f| format!("project.{f}")));
        paths.extend(universe.iter().map(|f| format!("project.{f}")));
        let mut rejected = rejected(&paths);
        rejected.sort();
        rejected.dedup();
        let mut expected = unknown(&service);
        expected.extend(unknown(&project).iter().map(|f| format!("project.{f}")));
        expected.sort();
        assert!(expected.contains(&"project.zzzz".to_owned()));
        assert_eq!(rejected, expected);
    }

    #[test]
    fn remove_null_collapses_an_optional_reference() {
        let mut schema = json_schema!({
            "description": "x",
            "anyOf": [{ "$ref": "#/definitions/Id" }, { "type": "null" }],
        });
        remove_null(&mut schema);
        assert_eq!(
            schema,
            json_schema!({ "description": "x", "$ref": "#/definitions/Id" })
        );
        let mut schema = json_schema!({ "type": ["string", "null"], "enum": ["a", null] });
        remove_null(&mut schema);
        assert_eq!(schema, json_schema!({ "type": "string", "enum": ["a"] }));
    }

    #[test]
    fn close_table_leaves_maps_open() {
        let mut table = json_schema!({ "type": "object", "properties": {} });
        close_table(&mut table);
        assert_eq!(table.get("additionalProperties"), Some(&Value::Bool(false)));
        let mut map =
            json_schema!({ "type": "object", "additionalProperties": { "type": "string" } });
        close_table(&mut map);
        assert_eq!(
            map.get("additionalProperties"),
            Some(&serde_json::json!({ "type": "string" }))
        );
    }
}
