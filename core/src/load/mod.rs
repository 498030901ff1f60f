//! Pure loading: `(path, text)` pairs in, a typed catalog plus every parse and schema finding out.

mod policy;
mod project;
mod reader;
mod registry;
mod service;
pub(crate) mod syntax;

pub(crate) use reader::closest;

use crate::analysis::secrets::{self, StringFinding};
use crate::code::Code;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::model::*;
use crate::span::{FileId, SourceFile, Span, Spanned};
use reader::Reader;
use syntax::Table;

/// What a file of the tree is, by its path (format §1); anything else is ignored.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum FileKind {
    /// `services/catalog.toml`.
    Catalog,
    /// `projects/<id>/services.toml`.
    ProjectServices(String),
    /// `services/patterns.toml`.
    Patterns,
    /// `services/versions.toml`.
    Versions,
    /// `projects/<id>/deployment.toml`.
    Deployment(String),
    /// `projects/<id>/monitoring.toml`.
    Monitoring(String),
    /// `policies/security.toml`.
    Security,
    /// `policies/compliance.toml`.
    Compliance,
    /// `policies/sla.toml`.
    Sla,
}

impl FileKind {
    /// The files the format reads in `services/`.
    #[cfg(any(feature = "fs", test))]
    pub(crate) const SERVICES_FILES: &[&str] = &["catalog.toml", "patterns.toml", "versions.toml"];
    /// The files the format reads in `policies/`.
    #[cfg(any(feature = "fs", test))]
    pub(crate) const POLICY_FILES: &[&str] = &["security.toml", "compliance.toml", "sla.toml"];
    /// The files the format reads in a project's folder, `projects/<id>/`.
    #[cfg(any(feature = "fs", test))]
    pub(crate) const PROJECT_FILES: &[&str] =
        &["services.toml", "deployment.toml", "monitoring.toml"];

    /// The kind of the file at `path` (relative, with `/`), if the format reads it.
    pub(crate) fn of(path: &str) -> Option<FileKind> {
        Some(match path.split('/').collect::<Vec<_>>().as_slice() {
            ["services", "catalog.toml"] => FileKind::Catalog,
            ["services", "patterns.toml"] => FileKind::Patterns,
            ["services", "versions.toml"] => FileKind::Versions,
            ["policies", "security.toml"] => FileKind::Security,
            ["policies", "compliance.toml"] => FileKind::Compliance,
            ["policies", "sla.toml"] => FileKind::Sla,
            ["projects", project, "services.toml"] => {
                FileKind::ProjectServices(project.to_string())
            }
            ["projects", project, "deployment.toml"] => FileKind::Deployment(project.to_string()),
            ["projects", project, "monitoring.toml"] => FileKind::Monitoring(project.to_string()),
            _ => return None,
        })
    }
}

/// Normalises a path to the form diagnostics use: relative, with `/`.
pub(crate) fn normalize_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut path = path.as_str();
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    path.trim_start_matches('/').to_owned()
}

/// Everything read from a tree.
#[derive(Default)]
pub(crate) struct Loaded {
    pub sources: Vec<SourceFile>,
    pub services: Vec<Service>,
    pub service_index: IdIndex,
    pub projects: Vec<Project>,
    pub project_index: IdIndex,
    pub patterns: Vec<Pattern>,
    pub versions: Vec<VersionHistory>,
    pub policies: Policies,
    pub diagnostics: Vec<Diagnostic>,
    pub strings: Vec<StringFinding>,
}

/// Reads every file the format knows; never fails for content.
pub(crate) fn load(files: Vec<(String, String)>) -> Loaded {
    let mut files: Vec<(FileKind, String, String)> = files
        .into_iter()
        .filter_map(|(path, text)| {
            let path = normalize_path(&path);
            FileKind::of(&path).map(|kind| (kind, path, text))
        })
        .collect();
    // Registry first, then projects (so a project that redefines a shared id is the duplicate),
    // then everything that refers to services.
    files.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    files.dedup_by(|b, a| a.1 == b.1);

    let mut kinds = Vec::with_capacity(files.len());
    let sources: Vec<SourceFile> = files
        .into_iter()
        .map(|(kind, path, text)| {
            kinds.push(kind);
            SourceFile::new(path, text)
        })
        .collect();
    let mut loaded = Loaded::default();
    let read = read_all(&sources, &kinds);
    // Services are large: one allocation for all of them rather than a copy per doubling.
    let service_count = read
        .iter()
        .map(|file| match &file.content {
            Content::Catalog(services) | Content::ProjectServices(_, services) => services.len(),
            _ => 0,
        })
        .sum();
    loaded.services.reserve_exact(service_count);
    loaded.service_index.reserve(service_count);
    for (index, file) in read.into_iter().enumerate() {
        merge(&mut loaded, &sources, index as FileId, file);
    }
    loaded.sources = sources;
    cross_check(&mut loaded);
    diagnostic::sort(&mut loaded.diagnostics);
    loaded
}

/// One file read into the model on its own, with its findings and the suspicious strings of
/// its values; [`merge`] adds it to the catalog.
struct FileRead {
    content: Content,
    diagnostics: Vec<Diagnostic>,
    strings: Vec<StringFinding>,
}

/// What one file contributes to the catalog.
enum Content {
    /// Nothing: a syntax error, or a project file whose folder name is not an id.
    Nothing,
    /// `services/catalog.toml`: the shared services.
    Catalog(Vec<Service>),
    /// `projects/<id>/services.toml`: the project and the services it owns.
    ProjectServices(Box<Project>, Vec<Service>),
    /// `projects/<id>/deployment.toml`, for the project `id`.
    Deployment(Id, Deployment),
    /// `projects/<id>/monitoring.toml`, for the project `id`.
    Monitoring(Id, Monitoring),
    /// `services/patterns.toml`.
    Patterns(Vec<Pattern>),
    /// `services/versions.toml`.
    Versions(Vec<VersionHistory>),
    /// `policies/security.toml`.
    Security(SecurityPolicy),
    /// `policies/compliance.toml`.
    Compliance(CompliancePolicy),
    /// `policies/sla.toml`.
    Sla(SlaPolicy),
}

/// Reads every file: the files are independent, so where threads exist they are split over
/// the cores by size, each file parsed and read into the model by one thread (so its syntax
/// tree is dropped as soon as it is read); the order is kept.
fn read_all(sources: &[SourceFile], kinds: &[FileKind]) -> Vec<FileRead> {
    const MIN_BYTES_PER_THREAD: usize = 1 << 20;
    let sizes: Vec<usize> = sources.iter().map(|s| s.text().len()).collect();
    crate::parallel::map_weighted(&sizes, MIN_BYTES_PER_THREAD, |i| {
        read_file(sources, i as FileId, &kinds[i])
    })
}

/// Parses the file `file` and reads it into the model as the `kind` of file it is.
fn read_file(sources: &[SourceFile], file: FileId, kind: &FileKind) -> FileRead {
    let source = &sources[file as usize];
    let mut read = FileRead {
        content: Content::Nothing,
        diagnostics: Vec::new(),
        strings: Vec::new(),
    };
    let root = match Table::parse(source.text()) {
        Ok(root) => root,
        Err(error) => {
            let range = error.span().unwrap_or(0..0);
            let message = error.message().trim_end().trim_end_matches('.').to_owned();
            let message = format!("invalid TOML: {message}");
            let diagnostic = Diagnostic::new(
                sources,
                Code::Parse,
                Severity::Error,
                Span::new(file, range),
                message,
            )
            .help("fix the syntax; the rest of this file was not read, the other files were");
            read.diagnostics.push(diagnostic);
            return read;
        }
    };
    let root = &root;
    secrets::collect(file, root, &mut read.strings);
    let file_start = Span::new(file, 0..0);
    let project_id = match kind {
        FileKind::ProjectServices(p) | FileKind::Deployment(p) | FileKind::Monitoring(p) => {
            match Id::parse(p) {
                Ok(id) => Some(id),
                Err(expected) => {
                    if matches!(kind, FileKind::ProjectServices(_)) {
                        let diagnostic = Diagnostic::new(
                            sources,
                            Code::InvalidValue,
                            Severity::Error,
                            file_start,
                            format!("invalid project id (the folder name): {expected}"),
                        );
                        read.diagnostics.push(diagnostic);
                    }
                    return read;
                }
            }
        }
        _ => None,
    };
    let mut r = Reader::new(
        file,
        sources,
        &mut read.diagnostics,
        project_id.as_ref().map(Id::to_string),
    );
    read.content = match kind {
        FileKind::Catalog => {
            let mut services = Vec::new();
            r.fields(root, &["service"], |r, key, v| {
                if key != "service" {
                    return false;
                }
                services = service::read_services(r, v, None);
                true
            });
            Content::Catalog(services)
        }
        FileKind::ProjectServices(_) => {
            let id = project_id.expect("project files have a project id");
            let mut project = project::read_project(
                &mut r,
                Spanned::new(id.clone(), file_start),
                root.get("project"),
                file_start,
            );
            let mut services = Vec::new();
            r.fields(root, &["project", "service"], |r, key, v| {
                match key {
                    "project" => {}
                    "service" => services = service::read_services(r, v, Some(&id)),
                    _ => return false,
                }
                true
            });
            project.services = services.iter().map(|s| s.id.value.clone()).collect();
            Content::ProjectServices(Box::new(project), services)
        }
        FileKind::Deployment(_) => Content::Deployment(
            project_id.expect("project files have a project id"),
            project::read_deployment(&mut r, root),
        ),
        FileKind::Monitoring(_) => Content::Monitoring(
            project_id.expect("project files have a project id"),
            project::read_monitoring(&mut r, root),
        ),
        FileKind::Patterns => Content::Patterns(registry::read_patterns(&mut r, root)),
        FileKind::Versions => Content::Versions(registry::read_versions(&mut r, root)),
        FileKind::Security => Content::Security(policy::read_security(&mut r, root)),
        FileKind::Compliance => Content::Compliance(policy::read_compliance(&mut r, root)),
        FileKind::Sla => Content::Sla(policy::read_sla_policy(&mut r, root)),
    };
    read
}

/// Adds what the file `file` holds to the catalog, in file order: services to the one
/// namespace, deployment and monitoring to their project.
fn merge(loaded: &mut Loaded, sources: &[SourceFile], file: FileId, read: FileRead) {
    let FileRead {
        content,
        mut diagnostics,
        strings,
    } = read;
    loaded.strings.extend(strings);
    match content {
        Content::Nothing => {}
        Content::Catalog(services) => register_services(loaded, sources, services, None),
        Content::ProjectServices(project, services) => {
            let index = loaded.projects.len();
            loaded.project_index.insert(project.id.value.clone(), index);
            loaded.projects.push(*project);
            register_services(loaded, sources, services, Some(index));
        }
        Content::Deployment(id, _) | Content::Monitoring(id, _)
            if !loaded.project_index.contains_key(&id) =>
        {
            // The file belongs to nothing: that is its one finding.
            diagnostics = vec![Diagnostic::new(
                sources,
                Code::MissingField,
                Severity::Error,
                Span::new(file, 0..0),
                format!("project `{id}` has no projects/{id}/services.toml, so this file belongs to nothing"),
            )
            .project(Some(id.as_str()))
            .help(format!("add projects/{id}/services.toml with a [project] table"))];
        }
        Content::Deployment(id, deployment) => {
            let index = loaded.project_index[&id];
            loaded.projects[index].deployment = Some(deployment);
        }
        Content::Monitoring(id, monitoring) => {
            let index = loaded.project_index[&id];
            loaded.projects[index].monitoring = Some(monitoring);
        }
        Content::Patterns(patterns) => loaded.patterns = patterns,
        Content::Versions(versions) => loaded.versions = versions,
        Content::Security(policy) => loaded.policies.security = Some(policy),
        Content::Compliance(policy) => loaded.policies.compliance = Some(policy),
        Content::Sla(policy) => loaded.policies.sla = Some(policy),
    }
    loaded.diagnostics.append(&mut diagnostics);
}

/// Adds services to the global namespace, reporting ids defined twice.
fn register_services(
    loaded: &mut Loaded,
    sources: &[SourceFile],
    services: Vec<Service>,
    project: Option<usize>,
) {
    for service in services {
        if let Some(&first) = loaded.service_index.get(&service.id.value) {
            let first = &loaded.services[first];
            let where_first = match &first.project {
                Some(p) => format!("project `{p}`"),
                None => "services/catalog.toml".to_owned(),
            };
            let diagnostic = Diagnostic::new(
                sources,
                Code::DuplicateId,
                Severity::Error,
                service.id.span,
                format!("service `{}` is already defined in {where_first}", service.id.value),
            )
            .service(Some(service.id.as_str()))
            .project(service.project.as_ref().map(Id::as_str))
            .related(sources, first.id.span, "first defined here")
            .help("service ids are one namespace across the whole tree: rename or remove one definition");
            loaded.diagnostics.push(diagnostic);
            if let Some(project) = project {
                loaded.projects[project]
                    .services
                    .retain(|id| *id != service.id.value);
            }
            continue;
        }
        loaded
            .service_index
            .insert(service.id.value.clone(), loaded.services.len());
        loaded.services.push(service);
    }
}

/// Checks that need more than one file: references between files and the missing registry.
fn cross_check(loaded: &mut Loaded) {
    let sources = &loaded.sources;
    let mut found = Vec::new();
    if loaded.services.is_empty()
        && loaded.projects.is_empty()
        && !sources.iter().any(|s| s.path() == "services/catalog.toml")
    {
        found.push(
            Diagnostic::at_path(
                Code::MissingField,
                Severity::Error,
                "services/catalog.toml",
                "the tree has no services/catalog.toml and no projects/*/services.toml",
            )
            .help("run the check on the root of a control-center tree"),
        );
    }
    let unknown_service = |id: &Spanned<Id>, what: &str, project: Option<&Id>| {
        let mut diagnostic = Diagnostic::new(
            sources,
            Code::UnknownReference,
            Severity::Error,
            id.span,
            format!(
                "{what} names service `{}`, which the catalog does not define",
                id.value
            ),
        )
        .service(Some(id.as_str()))
        .project(project.map(Id::as_str));
        if let Some(best) = closest(id.as_str(), loaded.services.iter().map(|s| s.id.as_str())) {
            diagnostic = diagnostic.help(format!("did you mean `{best}`?"));
        }
        diagnostic
    };
    for project in &loaded.projects {
        if let Some(monitoring) = &project.monitoring {
            for entry in &monitoring.services {
                if !loaded.service_index.contains_key(&entry.service.value) {
                    found.push(unknown_service(
                        &entry.service,
                        "monitoring.toml",
                        Some(&project.id.value),
                    ));
                }
            }
        }
        if let Some(deployment) = &project.deployment {
            for environment in &deployment.environments {
                let Some(pattern) = &environment.pattern else {
                    continue;
                };
                let defined = Strategy::parse(pattern.as_str()).is_some()
                    || loaded.patterns.iter().any(|p| p.id.value == pattern.value);
                if !defined {
                    let mut diagnostic = Diagnostic::new(
                        sources,
                        Code::UnknownReference,
                        Severity::Error,
                        pattern.span,
                        format!(
                            "deployment pattern `{}` is neither built in (immediate, rolling, canary, blue-green) nor defined in services/patterns.toml",
                            pattern.value
                        ),
                    )
                    .project(Some(project.id.as_str()));
                    let names = Strategy::ALL
                        .iter()
                        .map(|s| s.as_str())
                        .chain(loaded.patterns.iter().map(|p| p.id.as_str()));
                    if let Some(best) = closest(pattern.as_str(), names) {
                        diagnostic = diagnostic.help(format!("did you mean `{best}`?"));
                    }
                    found.push(diagnostic);
                }
            }
        }
    }
    for history in &loaded.versions {
        let Some(&index) = loaded.service_index.get(&history.service.value) else {
            found.push(unknown_service(
                &history.service,
                "services/versions.toml",
                None,
            ));
            continue;
        };
        let service = &loaded.services[index];
        let subject = |d: Diagnostic| {
            d.service(Some(service.id.as_str()))
                .project(service.project.as_ref().map(Id::as_str))
        };
        if let (Some(newest), Some(current)) = (history.history.first(), &service.version)
            && newest.version.value != current.value
        {
            found.push(subject(
                Diagnostic::new(
                    sources,
                    Code::VersionsHistory,
                    Severity::Error,
                    newest.version.span,
                    format!(
                        "the newest release of `{}` is {} but the service's version is {}",
                        service.id.value, newest.version.value, current.value
                    ),
                )
                .related(sources, current.span, "the service's version")
                .help(
                    "add the current version at the top of `history`, or fix the service's version",
                ),
            ));
        }
        for pair in history.history.windows(2) {
            if pair[1].version.value >= pair[0].version.value {
                found.push(subject(
                    Diagnostic::new(
                        sources,
                        Code::VersionsHistory,
                        Severity::Error,
                        pair[1].version.span,
                        format!(
                            "`history` must be strictly descending, but {} follows {}",
                            pair[1].version.value, pair[0].version.value
                        ),
                    )
                    .help("list releases newest first, each version once"),
                ));
            }
        }
    }
    loaded.diagnostics.extend(found);
}

#[cfg(test)]
mod tests {
    use super::FileKind;

    /// The names a tree is read by are exactly the files the format knows: each is one kind,
    /// and together they are every kind.
    #[test]
    fn the_files_read_by_name_are_every_kind_of_file() {
        let mut kinds: Vec<FileKind> = [
            ("services", FileKind::SERVICES_FILES),
            ("policies", FileKind::POLICY_FILES),
            ("projects/shop", FileKind::PROJECT_FILES),
        ]
        .into_iter()
        .flat_map(|(folder, names)| names.iter().map(move |name| format!("{folder}/{name}")))
        .map(|path| FileKind::of(&path).unwrap_or_else(|| panic!("{path} is not read")))
        .collect();
        let read = kinds.len();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), read);
        assert_eq!(read, 9, "every variant of FileKind");
    }
}
