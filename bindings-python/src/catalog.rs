//! The `Catalog` handle: the loaded tree stays in Rust; queries return plain Python data.

use crate::error::{catching, to_py};
use crate::report::Report;
use pyo3::prelude::*;
use serde::Serialize;
use service_catalog::{Date, Error};
use std::path::PathBuf;

/// A control-center tree read into the core's model, behind an opaque handle.
#[pyclass(frozen, module = "service_catalog._native")]
pub struct Catalog {
    inner: service_catalog::Catalog,
}

impl Catalog {
    /// The core value.
    pub(crate) fn inner(&self) -> &service_catalog::Catalog {
        &self.inner
    }
}

#[pymethods]
impl Catalog {
    /// Reads the tree at `path` (a `str` or `os.PathLike`).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Catalog> {
        catching(py, || {
            let inner = raised(py, py.detach(|| service_catalog::Catalog::load(&path)))?;
            Ok(Catalog { inner })
        })
    }

    /// Reads the tree at `path` as it was at the git revision `rev` (no second checkout).
    #[staticmethod]
    fn load_revision(py: Python<'_>, path: PathBuf, rev: String) -> PyResult<Catalog> {
        catching(py, || {
            let inner = raised(
                py,
                py.detach(|| service_catalog::Catalog::load_revision(&path, &rev)),
            )?;
            Ok(Catalog { inner })
        })
    }

    /// Reads a tree from `(path, text)` pairs; `root` names it in reports.
    #[staticmethod]
    #[pyo3(signature = (files, root = String::new()))]
    fn from_files(py: Python<'_>, files: Vec<(String, String)>, root: String) -> PyResult<Catalog> {
        catching(py, || {
            let mut inner = py.detach(|| service_catalog::Catalog::from_files(files));
            inner.set_root(root);
            Ok(Catalog { inner })
        })
    }

    /// The tree's root as the caller named it (empty for in-memory trees).
    #[getter]
    fn root(&self, py: Python<'_>) -> PyResult<String> {
        catching(py, || Ok(self.inner.root().to_owned()))
    }

    /// Parse and schema findings made while loading, as dicts.
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, self.inner.diagnostics()))
    }

    /// Every finding of the tree as of `today` (`YYYY-MM-DD`).
    fn check(&self, py: Python<'_>, today: &str) -> PyResult<Report> {
        catching(py, || {
            let today = date_argument(py, "today", today)?;
            Ok(Report::from(py.detach(|| self.inner.check(today))))
        })
    }

    /// Every service, as dicts.
    fn services<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, self.inner.services()))
    }

    /// The service `id`, as a dict.
    fn service<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || {
            let found = self
                .inner
                .service(id)
                .ok_or_else(|| Error::UnknownService { id: id.to_owned() });
            data(py, raised(py, found)?)
        })
    }

    /// Every project, as dicts.
    fn projects<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || data(py, self.inner.projects()))
    }

    /// The project `id`, as a dict.
    fn project<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || {
            let found = self
                .inner
                .project(id)
                .ok_or_else(|| Error::UnknownProject { id: id.to_owned() });
            data(py, raised(py, found)?)
        })
    }

    /// What the service `id` depends on (everything it reaches with `transitive`), with paths.
    #[pyo3(signature = (id, transitive = false))]
    fn dependencies<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        transitive: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || {
            data(py, &raised(py, self.inner.dependencies(id, transitive))?)
        })
    }

    /// What depends on the service `id` (everything that reaches it with `transitive`), with
    /// paths.
    #[pyo3(signature = (id, transitive = false))]
    fn consumers<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        transitive: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || {
            data(py, &raised(py, self.inner.consumers(id, transitive))?)
        })
    }

    /// The cycle a new dependency of `from_` on `to` would close, or `None`.
    fn would_create_cycle(
        &self,
        py: Python<'_>,
        from_: &str,
        to: &str,
    ) -> PyResult<Option<Vec<String>>> {
        catching(py, || raised(py, self.inner.would_create_cycle(from_, to)))
    }

    /// Whether the service `id` may move to status `to` on `date` (`YYYY-MM-DD`), and why not.
    fn transition<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        to: &str,
        date: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || {
            let to = raised(py, service_catalog::status_argument("to", to))?;
            let date = date_argument(py, "date", date)?;
            data(py, &raised(py, self.inner.transition(id, to, date))?)
        })
    }
}

/// The result of a core call, its error raised as the matching Python exception.
pub(crate) fn raised<T>(py: Python<'_>, result: Result<T, Error>) -> PyResult<T> {
    result.map_err(|e| to_py(py, e))
}

/// A core value as plain Python data: its serde shape, the same as its JSON.
pub(crate) fn data<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// Parses the date argument `name`.
pub(crate) fn date_argument(py: Python<'_>, name: &str, text: &str) -> PyResult<Date> {
    raised(py, service_catalog::date_argument(name, text))
}
