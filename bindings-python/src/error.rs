//! Errors crossing into Python: core errors and panics become `service_catalog.CatalogError`s.
//!
//! The exception classes are plain Python (`service_catalog/_errors.py`), so that they can
//! inherit from both `CatalogError` and a built-in (`KeyError`, `FileNotFoundError`, …). This
//! module builds them through that module's `from_native(code, message, details)`.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;
use service_catalog::Error;
use std::any::Any;
use std::panic::{self, AssertUnwindSafe};

/// The `code` of the error raised when the core or the binding panics.
const INTERNAL: &str = "internal";

/// Runs one binding call, turning a panic anywhere inside it into `InternalError`.
pub(crate) fn catching<T>(py: Python<'_>, call: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match unwind(call) {
        Ok(result) => result,
        Err(message) => Err(raise(
            py,
            INTERNAL,
            &format!("internal error (please report it): {message}"),
            &[],
        )),
    }
}

/// Runs `f`, returning the panic's message instead of unwinding when it panics.
fn unwind<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| panic_message(&*payload))
}

/// The text a panic was raised with.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "the library panicked".to_owned()
    }
}

/// The Python exception for a core error: its class follows `error.code()`.
pub(crate) fn to_py(py: Python<'_>, error: Error) -> PyErr {
    let details: Vec<(&str, String)> = match &error {
        Error::NotFound { path, .. } | Error::Io { path, .. } => {
            vec![("filename", path.to_string_lossy().into_owned())]
        }
        Error::UnknownService { id } | Error::UnknownProject { id } => vec![("id", id.clone())],
        Error::InvalidArgument { name, .. } => vec![("argument", name.clone())],
        _ => Vec::new(),
    };
    raise(py, error.code(), &error.to_string(), &details)
}

/// Builds the `CatalogError` subclass for `code` (or the error that prevented it).
fn raise(py: Python<'_>, code: &str, message: &str, details: &[(&str, String)]) -> PyErr {
    static FROM_NATIVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let build = || -> PyResult<PyErr> {
        let from_native = FROM_NATIVE.import(py, "service_catalog._errors", "from_native")?;
        let fields = PyDict::new(py);
        for (name, value) in details {
            fields.set_item(name, value)?;
        }
        let exception = from_native.call1((code, message, fields))?;
        Ok(PyErr::from_value(exception))
    };
    build().unwrap_or_else(|err| err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(
            unwind(|| panic!("index {} out of range", 3)),
            Err::<(), _>("index 3 out of range".into())
        );
        assert_eq!(unwind(|| panic!("boom")), Err::<(), _>("boom".into()));
        assert_eq!(
            unwind(|| std::panic::panic_any(7_u8)),
            Err::<(), _>("the library panicked".into())
        );
        assert_eq!(unwind(|| 42), Ok(42));
    }
}
