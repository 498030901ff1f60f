//! Text generated from a catalog: `render` and `unified_diff`.

use crate::catalog::{Catalog, raised};
use crate::error::catching;
use pyo3::prelude::*;
use service_catalog::{RenderKind, RenderOptions};

/// Renders `catalog` as `kind` (`services-md`, `topology-md`, `mermaid`, `dot`, `compose`,
/// `k8s`, `backstage`) with the options that kind takes.
#[pyfunction]
#[pyo3(signature = (catalog, kind, project = None, environment = None, service = None, depth = None))]
pub fn render(
    py: Python<'_>,
    catalog: &Catalog,
    kind: &str,
    project: Option<String>,
    environment: Option<String>,
    service: Option<String>,
    depth: Option<usize>,
) -> PyResult<String> {
    catching(py, || {
        let kind: RenderKind = raised(py, kind.parse())?;
        let options = RenderOptions {
            project,
            environment,
            service,
            depth,
        };
        raised(
            py,
            py.detach(|| service_catalog::render(catalog.inner(), kind, &options)),
        )
    })
}

/// A unified diff from `old` to `new` for the file at `path`; empty when they are equal.
#[pyfunction]
pub fn unified_diff(py: Python<'_>, path: &str, old: &str, new: &str) -> PyResult<String> {
    catching(py, || Ok(service_catalog::unified_diff(path, old, new)))
}
