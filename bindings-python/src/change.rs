//! Comparing two revisions: `diff` (the change set) and `impact` (the `ImpactReport` handle).

use crate::catalog::{Catalog, data, date_argument};
use crate::error::catching;
use pyo3::prelude::*;

/// Every service change from `base` to `head`, classified, as a dict.
#[pyfunction]
pub fn diff<'py>(py: Python<'py>, base: &Catalog, head: &Catalog) -> PyResult<Bound<'py, PyAny>> {
    catching(py, || {
        let changes = py.detach(|| service_catalog::diff(base.inner(), head.inner()));
        data(py, &changes)
    })
}

/// What the change from `base` to `head` does to everyone else, as of `today` (`YYYY-MM-DD`).
#[pyfunction]
pub fn impact(
    py: Python<'_>,
    base: &Catalog,
    head: &Catalog,
    today: &str,
) -> PyResult<ImpactReport> {
    catching(py, || {
        let today = date_argument(py, "today", today)?;
        let inner = py.detach(|| service_catalog::impact(base.inner(), head.inner(), today));
        Ok(ImpactReport { inner })
    })
}

/// Whether the format reads the file at `path` (relative to the root, with `/`).
#[pyfunction]
pub fn is_catalog_path(py: Python<'_>, path: &str) -> PyResult<bool> {
    catching(py, || Ok(service_catalog::is_catalog_path(path)))
}

/// The impact of a change: who it reaches, what it breaks, the findings it introduces.
#[pyclass(frozen, module = "service_catalog._native")]
pub struct ImpactReport {
    inner: service_catalog::ImpactReport,
}

#[pymethods]
impl ImpactReport {
    /// Counts of the introduced findings and the verdict of the change, as a dict.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, &self.inner.summary))
    }

    /// Every changed service, as a dict.
    #[getter]
    fn changes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, &self.inner.changes))
    }

    /// Services that reach a changed service, with the shortest path.
    #[getter]
    fn affected_services<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, &self.inner.affected_services))
    }

    /// Projects with an affected or changed service, with the shortest path.
    #[getter]
    fn affected_projects<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, &self.inner.affected_projects))
    }

    /// Consumers whose requirement the new version breaks.
    #[getter]
    fn broken_consumers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, &self.inner.broken_consumers))
    }

    /// Findings the change introduces, as dicts.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, &self.inner.findings))
    }

    /// One message per affected project.
    #[getter]
    fn notifications<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, &self.inner.notifications))
    }

    /// The whole report as a dict: the shape of `to_json()`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, &self.inner))
    }

    /// The report as pretty-printed JSON, ending in a newline.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        catching(py, || Ok(py.detach(|| self.inner.to_json())))
    }

    /// The report as Markdown for a pull-request comment.
    fn to_markdown(&self, py: Python<'_>) -> PyResult<String> {
        catching(py, || Ok(py.detach(|| self.inner.to_markdown())))
    }

    /// The introduced findings as SARIF 2.1.0.
    fn to_sarif(&self, py: Python<'_>) -> PyResult<String> {
        catching(py, || Ok(py.detach(|| self.inner.to_sarif())))
    }

    /// The report as text; `color` adds ANSI colours.
    fn to_text(&self, py: Python<'_>, color: bool) -> PyResult<String> {
        catching(py, || Ok(py.detach(|| self.inner.to_text(color))))
    }
}
