//! The analyses of format §3–§7: every check `Catalog::check` runs on a loaded tree.
//!
//! Each module adds the findings of one concern to a shared [`Context`], which holds the
//! dependency graph and the one propagation of consuming projects that the tier, production
//! and policy checks read (no per-service graph walks).
//!
//! A comparison checks its base only for some subjects (a [`Scope`]). Every finding goes
//! through [`Context::push`], which drops those outside the scope; a loop over services may
//! also skip a service that is out of scope ([`Context::in_scope`]), but only when every
//! finding the loop makes for it is about that service. The corpus test at the end of this
//! file holds each check to that.

pub(crate) mod graph;
mod lifecycle;
mod policy;
mod propagate;
mod relations;
pub(crate) mod secrets;
mod sla;
pub(crate) mod transition;

use crate::Catalog;
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Date, Dependency, Service};
use crate::span::{SourceFile, Span};
use graph::{Components, Node};
pub(crate) use propagate::ConsumerProjects;
use std::collections::HashSet;
use std::sync::OnceLock;

/// What every check reads and where every finding goes.
pub(crate) struct Context<'c> {
    /// The catalog under check.
    pub catalog: &'c Catalog,
    /// The date time-based checks count from.
    pub today: Date,
    /// The components and consuming projects, made by the first check that reads them.
    prepared: &'c Preparation<'c>,
    /// The subjects to report on, or `None` for all of them.
    pub scope: Option<&'c Scope<'c>>,
    /// The findings so far.
    pub findings: Vec<Diagnostic>,
}

impl<'c> Context<'c> {
    /// The strongly connected components of the dependency graph, providers first.
    pub fn components(&self) -> &'c Components {
        &self.prepared.get().components
    }

    /// For every service, the projects that own or consume it, by tier and environment.
    pub fn consumers(&self) -> &'c [ConsumerProjects] {
        &self.prepared.get().consumers
    }

    /// The files of the tree.
    pub fn sources(&self) -> &'c [SourceFile] {
        self.catalog.sources()
    }

    /// The service at `node`.
    pub fn service(&self, node: Node) -> &'c Service {
        &self.catalog.services()[node as usize]
    }

    /// The dependency entry `index` of the service at `node`.
    pub fn dependency(&self, node: Node, index: u32) -> &'c Dependency {
        &self.service(node).dependencies[index as usize]
    }

    /// A finding about the service at `node`, located at `span`.
    pub fn about(
        &self,
        node: Node,
        code: Code,
        severity: Severity,
        span: Span,
        message: String,
    ) -> Diagnostic {
        let service = self.service(node);
        Diagnostic::new(self.sources(), code, severity, span, message)
            .service(Some(service.id.as_str()))
            .project(service.project.as_ref().map(|p| p.as_str()))
    }

    /// Records a finding, unless it is outside the scope.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.scope.is_none_or(|scope| scope.admits(&diagnostic)) {
            self.findings.push(diagnostic);
        }
    }

    /// Whether findings about the service at `node` are reported: a loop whose findings are
    /// all about its own service skips the others' work.
    pub fn in_scope(&self, node: Node) -> bool {
        self.scope.is_none_or(|scope| scope.nodes[node as usize])
    }

    /// The id of the project at `index`.
    pub fn project_id(&self, index: u32) -> &'c str {
        self.catalog.projects()[index as usize].id.as_str()
    }
}

/// The subjects (service and project) of a set of findings. A check scoped to them reports only
/// the findings about the same subjects, the only ones that can match one of the set, and
/// skips the work of every other service: a comparison checks its base this way.
pub(crate) struct Subjects<'d> {
    pairs: HashSet<(Option<&'d str>, Option<&'d str>)>,
}

impl<'d> Subjects<'d> {
    /// The subjects of `findings`.
    pub fn of(findings: &'d [Diagnostic]) -> Self {
        let pairs = findings
            .iter()
            .map(|d| (d.service.as_deref(), d.project.as_deref()))
            .collect();
        Subjects { pairs }
    }

    /// Whether `diagnostic` is about one of the subjects.
    pub fn admits(&self, diagnostic: &Diagnostic) -> bool {
        self.pairs
            .contains(&(diagnostic.service.as_deref(), diagnostic.project.as_deref()))
    }

    /// The subjects as a scope of `catalog`'s check.
    pub fn scope(&self, catalog: &Catalog) -> Scope<'_> {
        let mut nodes = vec![false; catalog.services().len()];
        for (service, _) in &self.pairs {
            if let Some(node) = service.and_then(|id| catalog.node(id)) {
                nodes[node as usize] = true;
            }
        }
        Scope {
            subjects: self,
            nodes,
        }
    }
}

/// [`Subjects`] resolved against one catalog: which of its services are in scope.
pub(crate) struct Scope<'s> {
    subjects: &'s Subjects<'s>,
    nodes: Vec<bool>,
}

impl Scope<'_> {
    /// Whether `diagnostic` is about one of the subjects.
    pub fn admits(&self, diagnostic: &Diagnostic) -> bool {
        self.subjects.admits(diagnostic)
    }
}

/// What every check of one catalog reads, whatever the date and the scope: the strongly
/// connected components of its graph and the projects that consume each service.
pub(crate) struct Prepared {
    components: Components,
    consumers: Vec<ConsumerProjects>,
}

impl Prepared {
    /// The components and consuming projects of `catalog`.
    pub fn of(catalog: &Catalog) -> Self {
        let components = catalog.graph().components(false);
        let consumers = propagate::consumer_projects(catalog, &components);
        Prepared {
            components,
            consumers,
        }
    }
}

/// [`Prepared`] as a check reads it: the caller's, or made once by whichever check needs it
/// first while the others wait for it.
struct Preparation<'p> {
    catalog: &'p Catalog,
    given: Option<&'p Prepared>,
    made: OnceLock<Prepared>,
}

impl Preparation<'_> {
    /// The components and consuming projects.
    fn get(&self) -> &Prepared {
        self.given
            .unwrap_or_else(|| self.made.get_or_init(|| Prepared::of(self.catalog)))
    }
}

/// Every finding of format §3–§7 on `catalog` as of `today` (load findings not included), or,
/// with a `scope`, those about its subjects; `prepared`, when given, is [`Prepared::of`] this
/// catalog (made here otherwise).
pub(crate) fn run(
    catalog: &Catalog,
    today: Date,
    prepared: Option<&Prepared>,
    scope: Option<&Scope<'_>>,
) -> Vec<Diagnostic> {
    let preparation = Preparation {
        catalog,
        given: prepared,
        made: OnceLock::new(),
    };
    // The checks are independent: the cores take them one at a time, so that a core that
    // starts late (busy with another process's work) only takes fewer of them. The first core
    // makes what some checks read while the others run the checks that do not read it,
    // heaviest first; then come the checks that read it, heaviest first.
    let mut order: Vec<usize> = (0..CHECKS.len()).collect();
    order.sort_by_key(|&i| (CHECKS[i].reads_prepared, std::cmp::Reverse(CHECKS[i].cost)));
    let queue: Vec<usize> = std::iter::once(0)
        .chain(order.iter().map(|i| i + 1))
        .collect();
    let findings = crate::parallel::map_queue(&queue, crate::parallel::cores(), |item| {
        let Some(check) = item.checked_sub(1).map(|i| &CHECKS[i]) else {
            preparation.get();
            return Vec::new();
        };
        let mut cx = Context {
            catalog,
            today,
            prepared: &preparation,
            scope,
            findings: Vec::new(),
        };
        (check.run)(&mut cx);
        cx.findings
    });
    findings.into_iter().flatten().collect()
}

/// A check of [`run`]: what it does, its relative cost, and whether it reads [`Prepared`].
struct Check {
    /// Adds the check's findings to the context.
    run: fn(&mut Context<'_>),
    /// The millions of instructions it takes on a generated 10k tree with its three
    /// compliance rules (callgrind; the secret findings only sort out what loading found).
    cost: usize,
    /// Whether it reads the components or the consuming projects.
    reads_prepared: bool,
}

impl Check {
    const fn new(run: fn(&mut Context<'_>), cost: usize, reads_prepared: bool) -> Self {
        Check {
            run,
            cost,
            reads_prepared,
        }
    }
}

/// Every check of [`run`]. Concerns are split where they are heavy: a core that starts late
/// (on a 2-core machine, busy with another thread's work) then holds up the others by one
/// small check at most. Making [`Prepared`] costs about 8.
const CHECKS: [Check; 10] = [
    Check::new(relations::unknown_and_self, 9, false),
    Check::new(relations::cycles, 4, false),
    Check::new(relations::requirements, 9, false),
    Check::new(relations::private_cross_project, 4, false),
    Check::new(relations::consumers_drift, 2, true),
    Check::new(lifecycle::check, 8, true),
    Check::new(secrets::check, 1, false),
    Check::new(policy::required_fields, 8, true),
    Check::new(policy::rules, 14, true),
    Check::new(sla::check, 10, true),
];

#[cfg(all(test, feature = "fs"))]
mod tests {
    use super::*;
    use crate::diagnostic;

    /// Every case of the conformance corpus with the date it is checked as of.
    fn corpus() -> Vec<(String, Catalog, Date)> {
        let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases");
        let mut corpus = Vec::new();
        for entry in std::fs::read_dir(cases).unwrap() {
            let case = entry.unwrap().path();
            let expected: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap())
                    .unwrap();
            let today = Date::parse(expected["today"].as_str().unwrap()).unwrap();
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            corpus.push((name, Catalog::load(case.join("tree")).unwrap(), today));
        }
        corpus
    }

    /// A check scoped to some subjects finds exactly the full check's findings about them: the
    /// skipped work never hides a finding, whichever subjects are chosen.
    #[test]
    fn a_scoped_check_finds_what_the_full_check_finds_about_its_subjects() {
        for (name, catalog, today) in corpus() {
            let full = catalog.check(today).diagnostics;
            let mut choices: Vec<Vec<Diagnostic>> = vec![Vec::new(), full.clone()];
            choices.extend(full.iter().map(|d| vec![d.clone()]));
            choices.push(full.iter().step_by(2).cloned().collect());
            for chosen in &choices {
                let subjects = Subjects::of(chosen);
                let mut scoped = catalog.findings_about(today, &subjects, &Prepared::of(&catalog));
                diagnostic::sort(&mut scoped);
                let expected: Vec<Diagnostic> = full
                    .iter()
                    .filter(|d| subjects.admits(d))
                    .cloned()
                    .collect();
                assert_eq!(scoped, expected, "case `{name}`");
            }
        }
    }
}
