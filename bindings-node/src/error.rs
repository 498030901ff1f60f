//! The core's errors as JavaScript `Error`s with a string `code`, and panics caught at the edge.

use napi::bindgen_prelude::JsObjectValue;
use napi::{Env, JsValue};
use service_catalog::Error as CoreError;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The `code` of the `Error` thrown when the core panics.
pub const PANIC_CODE: &str = "panic";

/// What went wrong in a call, before it becomes a JavaScript `Error`.
#[derive(Debug)]
pub enum Failure {
    /// An error of the core: I/O or misuse.
    Core(CoreError),
    /// The core panicked; the payload's message.
    Panic(String),
    /// Converting an answer to JavaScript failed.
    Js(napi::Error),
}

impl From<CoreError> for Failure {
    fn from(error: CoreError) -> Self {
        Failure::Core(error)
    }
}

impl Failure {
    /// The stable code: the core's [`CoreError::code`], or [`PANIC_CODE`].
    pub fn code(&self) -> &str {
        match self {
            Failure::Core(error) => error.code(),
            Failure::Panic(_) => PANIC_CODE,
            Failure::Js(error) => error.status.as_ref(),
        }
    }

    /// The message of the thrown `Error`.
    pub fn message(&self) -> String {
        match self {
            Failure::Core(error) => error.to_string(),
            Failure::Panic(message) => format!("internal error in service-catalog: {message}"),
            Failure::Js(error) => error.reason.clone(),
        }
    }

    /// The service id the error is about, if any.
    pub fn service_id(&self) -> Option<&str> {
        match self {
            Failure::Core(CoreError::UnknownService { id }) => Some(id),
            _ => None,
        }
    }

    /// The project id the error is about, if any.
    pub fn project_id(&self) -> Option<&str> {
        match self {
            Failure::Core(CoreError::UnknownProject { id }) => Some(id),
            _ => None,
        }
    }

    /// The file or directory the error is about, if any.
    pub fn path(&self) -> Option<String> {
        match self {
            Failure::Core(CoreError::NotFound { path, .. } | CoreError::Io { path, .. }) => {
                Some(path.to_string_lossy().into_owned())
            }
            _ => None,
        }
    }

    /// The argument the error is about, if any.
    pub fn argument(&self) -> Option<&str> {
        match self {
            Failure::Core(CoreError::InvalidArgument { name, .. }) => Some(name),
            _ => None,
        }
    }

    /// The JavaScript `Error` to throw: `message`, `code` and, where they apply, `serviceId`,
    /// `projectId`, `path` and `argument`.
    pub fn into_napi(self, env: &Env) -> napi::Error {
        if let Failure::Js(error) = self {
            return error;
        }
        match self.to_js(env) {
            Ok(error) => error,
            Err(error) => error,
        }
    }

    fn to_js(&self, env: &Env) -> napi::Result<napi::Error> {
        let mut error = env.create_error(napi::Error::from_reason(self.message()))?;
        error.set_named_property("code", self.code())?;
        if let Some(id) = self.service_id() {
            error.set_named_property("serviceId", id)?;
        }
        if let Some(id) = self.project_id() {
            error.set_named_property("projectId", id)?;
        }
        if let Some(path) = self.path() {
            error.set_named_property("path", path)?;
        }
        if let Some(name) = self.argument() {
            error.set_named_property("argument", name)?;
        }
        Ok(napi::Error::from(error.to_unknown()))
    }
}

/// Runs `call`, turning a panic into [`Failure::Panic`] instead of letting it unwind into Node.
pub fn catch<T>(call: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    catch_unwind(AssertUnwindSafe(call)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Err(Failure::Panic(message))
    })
}

/// Runs `call` on the JavaScript thread: a panic or a core error becomes a thrown `Error`.
pub fn guard<T>(env: &Env, call: impl FnOnce() -> Result<T, Failure>) -> napi::Result<T> {
    catch(call).map_err(|failure| failure.into_napi(env))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_failure_with_the_panic_code() {
        let failure = catch::<()>(|| panic!("boom")).unwrap_err();
        assert_eq!(failure.code(), PANIC_CODE);
        assert_eq!(failure.message(), "internal error in service-catalog: boom");
    }

    #[test]
    fn a_formatted_panic_keeps_its_message() {
        let id = "shared-auth";
        let failure = catch::<()>(|| panic!("no index for {id}")).unwrap_err();
        assert!(failure.message().ends_with("no index for shared-auth"));
    }

    #[test]
    fn core_errors_keep_their_code_and_subject() {
        let failure = catch::<()>(|| {
            Err(CoreError::UnknownService {
                id: "billing".into(),
            }
            .into())
        })
        .unwrap_err();
        assert_eq!(failure.code(), "unknown-service");
        assert_eq!(failure.service_id(), Some("billing"));
        assert_eq!(failure.path(), None);

        let failure = Failure::from(CoreError::NotFound {
            path: "trees/missing".into(),
            reason: "not a directory".into(),
        });
        assert_eq!(failure.code(), "not-found");
        assert_eq!(failure.path().as_deref(), Some("trees/missing"));
    }
}
