//! The [`Catalog`]: a loaded tree, its findings, and the queries over it.

use crate::analysis::graph::{DependencyGraph, Direction, Node};
use crate::analysis::secrets::StringFinding;
use crate::analysis::transition::Transition;
use crate::analysis::{self, Prepared, Subjects, transition};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::load::{self, Loaded};
use crate::model::*;
use crate::query::Reached;
use crate::report::Report;
use crate::span::SourceFile;
use std::sync::Arc;

/// A control-center tree read into the typed model, with every finding made while reading it.
///
/// ```
/// use service_catalog::{Catalog, Date};
///
/// let catalog = Catalog::from_files([(
///     "services/catalog.toml",
///     "[service.shared-auth]\nversion = \"1.2.3\"\nstatus = \"ga\"\nownr = \"platform\"\n\
///      [service.shared-auth.sla]\navailability = \"99.9%\"\n",
/// )]);
/// let report = catalog.check(Date::parse("2026-01-15").unwrap());
/// assert_eq!(report.diagnostics[0].code.as_str(), "schema/unknown-field");
/// assert_eq!(report.diagnostics[0].line, 4);
/// assert_eq!(report.diagnostics[0].help.as_deref(), Some("did you mean `owner`?"));
/// ```
#[derive(Clone, Debug)]
pub struct Catalog {
    root: String,
    sources: Arc<Vec<SourceFile>>,
    services: Vec<Service>,
    service_index: IdIndex,
    projects: Vec<Project>,
    project_index: IdIndex,
    patterns: Vec<Pattern>,
    versions: Vec<VersionHistory>,
    policies: Policies,
    diagnostics: Vec<Diagnostic>,
    graph: DependencyGraph,
    strings: Vec<StringFinding>,
    version_index: IdIndex,
}

impl Catalog {
    /// Reads a tree from in-memory files: `(path relative to the root, text)` pairs, paths with
    /// `/` or `\`. Files the format does not know are ignored. Never fails: every parse and
    /// schema problem of every file is in [`Catalog::diagnostics`].
    pub fn from_files<P, T>(files: impl IntoIterator<Item = (P, T)>) -> Catalog
    where
        P: Into<String>,
        T: Into<String>,
    {
        let files = files
            .into_iter()
            .map(|(path, text)| (path.into(), text.into()))
            .collect();
        let Loaded {
            sources,
            services,
            service_index,
            projects,
            project_index,
            patterns,
            versions,
            policies,
            diagnostics,
            strings,
        } = load::load(files);
        let graph = DependencyGraph::build(&services, &service_index);
        let version_index = versions
            .iter()
            .enumerate()
            .map(|(i, h)| (h.service.value.clone(), i))
            .collect();
        Catalog {
            root: String::new(),
            sources: Arc::new(sources),
            services,
            service_index,
            projects,
            project_index,
            patterns,
            versions,
            policies,
            diagnostics,
            graph,
            strings,
            version_index,
        }
    }

    /// Names the tree's root (as shown in reports).
    pub fn set_root(&mut self, root: String) {
        self.root = root;
    }

    /// Notes that the file at `path` was not UTF-8 from byte `offset` on.
    #[cfg(feature = "fs")]
    pub(crate) fn report_not_utf8(&mut self, path: &str, offset: usize) {
        use crate::code::Code;
        use crate::diagnostic::{self, Severity};
        use crate::span::Span;
        let Some(file) = self.sources.iter().position(|s| s.path() == path) else {
            return;
        };
        let span = Span::new(file as u32, offset..offset + 1);
        self.diagnostics.push(Diagnostic::new(
            &self.sources,
            Code::Parse,
            Severity::Error,
            span,
            "the file is not valid UTF-8",
        ));
        diagnostic::sort(&mut self.diagnostics);
    }

    /// The tree's root as the caller named it (empty for in-memory trees).
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The files read, shared with the reports made from this catalog.
    pub(crate) fn sources_arc(&self) -> Arc<Vec<SourceFile>> {
        self.sources.clone()
    }

    /// The files read, sorted by kind and path.
    pub fn sources(&self) -> &[SourceFile] {
        &self.sources
    }

    /// Parse and schema findings made while loading, sorted.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Every finding of the tree as of `today` (time-based checks compare against it; the
    /// library never reads the clock).
    pub fn check(&self, today: Date) -> Report {
        let mut diagnostics = self.diagnostics.clone();
        diagnostics.extend(analysis::run(self, today, None, None));
        Report::new(self.root.clone(), diagnostics, self.sources.clone())
    }

    /// The findings of [`Catalog::check`] about `subjects` only, unsorted: the findings of
    /// another catalog that one of this catalog's can match (a comparison's base). `prepared`
    /// is [`Prepared::of`] this catalog.
    pub(crate) fn findings_about(
        &self,
        today: Date,
        subjects: &Subjects<'_>,
        prepared: &Prepared,
    ) -> Vec<Diagnostic> {
        let scope = subjects.scope(self);
        let mut diagnostics: Vec<Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| scope.admits(d))
            .cloned()
            .collect();
        diagnostics.extend(analysis::run(self, today, Some(prepared), Some(&scope)));
        diagnostics
    }

    /// Every service, shared ones first, then each project's in path order.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The service with this id.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.service_index.get(id).map(|&i| &self.services[i])
    }

    /// Every project, in path order.
    pub fn projects(&self) -> &[Project] {
        &self.projects
    }

    /// The project with this id.
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.project_index.get(id).map(|&i| &self.projects[i])
    }

    /// The patterns of `services/patterns.toml`.
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// The release histories of `services/versions.toml`.
    pub fn versions(&self) -> &[VersionHistory] {
        &self.versions
    }

    /// The release history of the service `id` in `services/versions.toml`.
    pub fn version_history(&self, id: &str) -> Option<&VersionHistory> {
        self.version_index.get(id).map(|&i| &self.versions[i])
    }

    /// The governance files of `policies/`.
    pub fn policies(&self) -> &Policies {
        &self.policies
    }

    /// What the service `id` depends on: directly, or with `transitive` everything it reaches,
    /// each with the shortest path to it.
    pub fn dependencies(&self, id: &str, transitive: bool) -> Result<Reached<'_>, Error> {
        self.reach(id, Direction::Dependencies, transitive)
    }

    /// What depends on the service `id`: directly, or with `transitive` everything that reaches
    /// it, each with the shortest path (from `id` outwards) and its project.
    pub fn consumers(&self, id: &str, transitive: bool) -> Result<Reached<'_>, Error> {
        self.reach(id, Direction::Consumers, transitive)
    }

    fn reach(
        &self,
        id: &str,
        direction: Direction,
        transitive: bool,
    ) -> Result<Reached<'_>, Error> {
        let start = self.require(id)?;
        Ok(Reached {
            catalog: self,
            start,
            traversal: self.graph.traverse(start, direction, transitive),
        })
    }

    /// The cycle that a new dependency of `from` on `to` would close, as ids from `from` back
    /// to `from`, or `None` when the edge is safe. The catalog is not changed.
    pub fn would_create_cycle(&self, from: &str, to: &str) -> Result<Option<Vec<String>>, Error> {
        let (from_node, to_node) = (self.require(from)?, self.require(to)?);
        Ok(self.graph.shortest_path(to_node, from_node).map(|path| {
            std::iter::once(from_node)
                .chain(path)
                .map(|n| self.services[n as usize].id.to_string())
                .collect()
        }))
    }

    /// Whether the service `id` may move to status `to` on `date` (format §5), and why not.
    pub fn transition(&self, id: &str, to: Status, date: Date) -> Result<Transition, Error> {
        let node = self.require(id)?;
        Ok(transition::evaluate(self, node as usize, to, date))
    }

    /// The node of the service `id`, or an `UnknownService` error.
    fn require(&self, id: &str) -> Result<Node, Error> {
        self.node(id)
            .ok_or_else(|| Error::UnknownService { id: id.to_owned() })
    }

    /// The graph node of the service `id`.
    pub(crate) fn node(&self, id: &str) -> Option<Node> {
        self.service_index.get(id).map(|&i| i as Node)
    }

    /// The index of the project `id`.
    pub(crate) fn project_index(&self, id: &str) -> Option<u32> {
        self.project_index.get(id).map(|&i| i as u32)
    }

    /// The dependency graph.
    pub(crate) fn graph(&self) -> &DependencyGraph {
        &self.graph
    }

    /// The suspicious strings found while loading.
    pub(crate) fn strings(&self) -> &[StringFinding] {
        &self.strings
    }
}
