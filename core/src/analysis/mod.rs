//! The analyses of format §3–§7: every check `Catalog::check` runs on a loaded tree.
//!
//! Each module adds the findings of one concern to a shared [`Context`], which holds the
//! dependency graph and the one propagation of consuming projects that the tier, production
//! and policy checks read (no per-service graph walks).

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
use graph::Node;
pub(crate) use propagate::ConsumerProjects;

/// What every check reads and where every finding goes.
pub(crate) struct Context<'c> {
    /// The catalog under check.
    pub catalog: &'c Catalog,
    /// The date time-based checks count from.
    pub today: Date,
    /// The strongly connected components of the dependency graph, providers first.
    pub components: &'c [Vec<Node>],
    /// For every service, the projects that own or consume it, by tier and environment.
    pub consumers: &'c [ConsumerProjects],
    /// The findings so far.
    pub findings: Vec<Diagnostic>,
}

impl<'c> Context<'c> {
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

    /// Records a finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.findings.push(diagnostic);
    }

    /// The id of the project at `index`.
    pub fn project_id(&self, index: u32) -> &'c str {
        self.catalog.projects()[index as usize].id.as_str()
    }
}

/// Every finding of format §3–§7 on `catalog` as of `today` (load findings not included).
pub(crate) fn run(catalog: &Catalog, today: Date) -> Vec<Diagnostic> {
    let components = catalog.graph().components(false);
    let consumers = propagate::consumer_projects(catalog, &components);
    let context = || Context {
        catalog,
        today,
        components: &components,
        consumers: &consumers,
        findings: Vec::new(),
    };
    // Two independent halves of about the same cost, in parallel where threads exist.
    let (mut findings, more) = crate::parallel::join(
        || {
            let mut cx = context();
            relations::check(&mut cx);
            lifecycle::check(&mut cx);
            cx.findings
        },
        || {
            let mut cx = context();
            sla::check(&mut cx);
            secrets::check(&mut cx);
            policy::check(&mut cx);
            cx.findings
        },
    );
    findings.extend(more);
    findings
}
