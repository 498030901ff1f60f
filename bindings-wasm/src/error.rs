//! The core's errors as JavaScript `Error`s with a string `code`, and panics caught at the edge.
//!
//! The codes are the Node binding's: the core's [`CoreError::code`], or `panic` when the core
//! panicked. A build with `panic = "unwind"` catches the panic in [`catch`]; the default
//! wasm32 build aborts on panic instead, so [`install_panic_hook`] throws the same `Error`
//! from the panic hook, before the abort would trap.

use js_sys::{Error as JsError, Reflect};
use service_catalog::Error as CoreError;
use std::any::Any;
use std::panic::{AssertUnwindSafe, PanicHookInfo, catch_unwind};
use std::sync::Once;
use wasm_bindgen::JsValue;

/// The `code` of the `Error` thrown when the core panics.
pub const PANIC_CODE: &str = "panic";

/// What went wrong in a call, before it becomes a JavaScript `Error`.
#[derive(Debug)]
pub enum Failure {
    /// An error of the core: misuse of an argument or an unknown id.
    Core(CoreError),
    /// The core panicked; the payload's message.
    Panic(String),
    /// Converting a value between Rust and JavaScript failed; the reason.
    Convert(String),
}

impl From<CoreError> for Failure {
    fn from(error: CoreError) -> Self {
        Failure::Core(error)
    }
}

impl From<serde_wasm_bindgen::Error> for Failure {
    fn from(error: serde_wasm_bindgen::Error) -> Self {
        Failure::Convert(error.to_string())
    }
}

impl Failure {
    /// The stable code: the core's [`CoreError::code`], [`PANIC_CODE`], or
    /// `invalid-argument` for a value that does not convert.
    pub fn code(&self) -> &str {
        match self {
            Failure::Core(error) => error.code(),
            Failure::Panic(_) => PANIC_CODE,
            Failure::Convert(_) => "invalid-argument",
        }
    }

    /// The message of the thrown `Error`.
    pub fn message(&self) -> String {
        match self {
            Failure::Core(error) => error.to_string(),
            Failure::Panic(message) => panic_message(message),
            Failure::Convert(reason) => reason.clone(),
        }
    }

    /// The extra properties of the thrown `Error`: `serviceId`, `projectId`, `path` and
    /// `argument`, where they apply.
    pub fn properties(&self) -> Vec<(&'static str, String)> {
        match self {
            Failure::Core(CoreError::UnknownService { id }) => vec![("serviceId", id.clone())],
            Failure::Core(CoreError::UnknownProject { id }) => vec![("projectId", id.clone())],
            Failure::Core(CoreError::InvalidArgument { name, .. }) => {
                vec![("argument", name.clone())]
            }
            Failure::Core(CoreError::NotFound { path, .. } | CoreError::Io { path, .. }) => {
                vec![("path", path.to_string_lossy().into_owned())]
            }
            _ => Vec::new(),
        }
    }

    /// The JavaScript `Error` to throw.
    pub fn into_js(self) -> JsValue {
        let properties = self.properties();
        js_error(&self.message(), self.code(), &properties)
    }
}

/// The message of the `Error` for a panic with this payload message.
fn panic_message(message: &str) -> String {
    format!("internal error in service-catalog: {message}")
}

/// A JavaScript `Error` with `message`, `code` and the extra string `properties`.
fn js_error(message: &str, code: &str, properties: &[(&str, String)]) -> JsValue {
    let error = JsError::new(message);
    let set = |key: &str, value: &str| {
        // Setting a property of a fresh, unfrozen Error cannot fail.
        let _ = Reflect::set(&error, &JsValue::from_str(key), &JsValue::from_str(value));
    };
    set("code", code);
    for (key, value) in properties {
        set(key, value);
    }
    error.into()
}

/// Runs `call`, turning a panic into [`Failure::Panic`] instead of letting it unwind into
/// JavaScript.
pub fn catch<T>(call: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    catch_unwind(AssertUnwindSafe(call)).unwrap_or_else(|payload| {
        let message = payload_text(&*payload).unwrap_or_else(|| "unknown panic".to_owned());
        Err(Failure::Panic(message))
    })
}

/// The message a panic was raised with, when it was a string (as `panic!` makes it).
fn payload_text(payload: &(dyn Any + Send)) -> Option<String> {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
}

/// Runs `call` behind [`catch`]: a panic or a core error becomes a thrown `Error`. The first
/// call installs the panic hook.
pub fn guard<T>(call: impl FnOnce() -> Result<T, Failure>) -> Result<T, JsValue> {
    static HOOK: Once = Once::new();
    HOOK.call_once(install_panic_hook);
    catch(call).map_err(Failure::into_js)
}

/// Makes a panic throw an `Error` with the code `panic` where panics abort (the default for
/// wasm32): the hook throws before the abort, so the caller gets an `Error` rather than a
/// trap. Where panics unwind, [`catch`] turns them into the same `Error` instead.
fn install_panic_hook() {
    if cfg!(all(target_arch = "wasm32", panic = "abort")) {
        std::panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
            let message = payload_text(info.payload()).unwrap_or_else(|| info.to_string());
            wasm_bindgen::throw_val(js_error(&panic_message(&message), PANIC_CODE, &[]));
        }));
    }
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
    fn core_errors_keep_their_code_and_subject() {
        let failure = catch::<()>(|| {
            Err(CoreError::UnknownService {
                id: "billing".into(),
            }
            .into())
        })
        .unwrap_err();
        assert_eq!(failure.code(), "unknown-service");
        assert_eq!(
            failure.properties(),
            vec![("serviceId", "billing".to_owned())]
        );
        let failure = Failure::from(CoreError::InvalidArgument {
            name: "today".into(),
            reason: "not a date".into(),
        });
        assert_eq!(failure.code(), "invalid-argument");
        assert_eq!(failure.properties(), vec![("argument", "today".to_owned())]);
    }
}
