//! Format-preserving edits: the `Editor` handle answers with the new text of each changed
//! file as `{"path", "text"}` dicts.

use crate::catalog::{Catalog, data, date_argument, raised};
use crate::error::catching;
use pyo3::prelude::*;
use service_catalog::{Error, FileEdit};

/// Edits of one catalog's files; nothing is written.
#[pyclass(frozen, module = "service_catalog._native")]
pub struct Editor {
    catalog: Py<Catalog>,
}

impl Editor {
    /// Runs one edit of the catalog and returns its file edits as dicts.
    fn run<'py>(
        &self,
        py: Python<'py>,
        edit: impl FnOnce(&service_catalog::Editor<'_>) -> Result<Vec<FileEdit>, Error>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let edits = raised(py, edit(&self.catalog.get().inner().edit()))?;
        data(py, &edits)
    }
}

#[pymethods]
impl Editor {
    /// An editor of `catalog`'s files.
    #[new]
    fn new(catalog: Py<Catalog>) -> Editor {
        Editor { catalog }
    }

    /// Moves the service `id` to `status` entered on `date` (`YYYY-MM-DD`).
    fn set_status<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        status: &str,
        date: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || {
            let date = date_argument(py, "date", date)?;
            self.run(py, |e| e.set_status(id, status, date))
        })
    }

    /// Deprecates the service `id` on `date` in favour of `replacement`, with a sunset date
    /// (default six months after `date`).
    #[pyo3(signature = (id, replacement, sunset, date))]
    fn deprecate<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        replacement: &str,
        sunset: Option<&str>,
        date: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || {
            let sunset = sunset.map(|s| date_argument(py, "sunset", s)).transpose()?;
            let date = date_argument(py, "date", date)?;
            self.run(py, |e| e.deprecate(id, replacement, sunset, date))
        })
    }

    /// Sets the `version` of the service `id`.
    fn set_version<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        version: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || self.run(py, |e| e.set_version(id, version)))
    }

    /// Adds a dependency of the service `id` on `dependency` (`"id"` or `"id@REQ"`).
    fn add_dependency<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        dependency: &str,
        optional: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || {
            self.run(py, |e| e.add_dependency(id, dependency, optional))
        })
    }

    /// Removes every dependency of the service `id` on the service `dependency`.
    fn remove_dependency<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        dependency: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        catching(py, || self.run(py, |e| e.remove_dependency(id, dependency)))
    }
}
