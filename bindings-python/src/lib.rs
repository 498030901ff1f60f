//! Python bindings for [`service_catalog`], built with maturin into the private native module
//! `service_catalog._native` behind the pure-Python package `service_catalog`.
//!
//! This crate holds only conversions: Python arguments in, a call into the core, plain Python
//! data out (the core's serde shapes, through [`pythonize`], so they match the JSON Schemas in
//! `schemas/`). The catalog stays in Rust behind the [`Catalog`] handle; a check returns a
//! [`Report`] handle and a comparison of two catalogs an [`ImpactReport`] handle, both rendered
//! on demand; an [`Editor`] handle makes format-preserving edits, and `render` and
//! `unified_diff` produce text. Every call runs under `error::catching`, so a core error raises
//! the matching `service_catalog.CatalogError` subclass and a panic raises
//! `service_catalog.InternalError`, never pyo3's `PanicException`.

#![deny(missing_docs)]

/// mimalloc, for the many small allocations of loading: about a fifth faster than the system
/// allocator on a 10k-service tree. `local_dynamic_tls` because this library is loaded with
/// `dlopen`.
#[global_allocator]
static ALLOCATOR: service_catalog_allocator::MiMalloc = service_catalog_allocator::MiMalloc;

mod catalog;
mod change;
mod edit;
mod error;
mod render;
mod report;

pub use catalog::Catalog;
pub use change::ImpactReport;
pub use edit::Editor;
pub use report::Report;

/// The native module `service_catalog._native`.
#[pyo3::pymodule(name = "_native")]
mod native {
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::catalog::Catalog;
    #[pymodule_export]
    use crate::change::{ImpactReport, diff, impact, is_catalog_path};
    #[pymodule_export]
    use crate::edit::Editor;
    #[pymodule_export]
    use crate::render::{render, unified_diff};
    #[pymodule_export]
    use crate::report::Report;

    /// Adds `__version__`, the crate's version (the Python package's version too).
    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
