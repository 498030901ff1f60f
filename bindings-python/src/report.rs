//! The `Report` handle: a check's findings, rendered or converted on demand.

use crate::catalog::data;
use crate::error::catching;
use pyo3::prelude::*;

/// Every finding of a check, with its summary and four renderings.
#[pyclass(frozen, module = "service_catalog._native")]
pub struct Report {
    inner: service_catalog::Report,
}

impl From<service_catalog::Report> for Report {
    fn from(inner: service_catalog::Report) -> Self {
        Report { inner }
    }
}

#[pymethods]
impl Report {
    /// Counts by severity and the verdict, as a dict.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, &self.inner.summary))
    }

    /// The findings, sorted, as dicts.
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, &self.inner.diagnostics))
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

    /// The report as SARIF 2.1.0.
    fn to_sarif(&self, py: Python<'_>) -> PyResult<String> {
        catching(py, || Ok(py.detach(|| self.inner.to_sarif())))
    }

    /// The report as rustc-like text; `color` adds ANSI colours.
    fn to_text(&self, py: Python<'_>, color: bool) -> PyResult<String> {
        catching(py, || Ok(py.detach(|| self.inner.to_text(color))))
    }
}
