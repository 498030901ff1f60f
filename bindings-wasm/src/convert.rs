//! Conversions at the edge: serde values to plain JavaScript objects through one shared
//! serializer, options objects in, and argument parsing.

use crate::error::{Failure, guard};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_wasm_bindgen::Serializer;
use service_catalog::Date;
use service_catalog::model::Status;
use wasm_bindgen::JsValue;

/// The one serializer of every answer: maps become plain objects (not `Map`s) and a missing
/// value becomes `null`, so answers are the JSON shapes of `schemas/`, as in the Node binding.
const SERIALIZER: Serializer = Serializer::new()
    .serialize_maps_as_objects(true)
    .serialize_missing_as_null(true);

/// `value` as plain JavaScript data (objects, arrays, strings, numbers, null).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Failure> {
    Ok(value.serialize(&SERIALIZER)?)
}

/// Runs `call` behind [`guard`] and returns its answer as plain JavaScript data: the same
/// shape as its JSON Schema in `schemas/`.
pub fn answer<T: Serialize>(call: impl FnOnce() -> Result<T, Failure>) -> Result<JsValue, JsValue> {
    guard(|| to_js(&call()?))
}

/// The options object `value` (`undefined` and `null` give the defaults). Unknown keys are
/// ignored, as in the Node binding.
pub fn options<T: DeserializeOwned + Default>(value: Option<JsValue>) -> Result<T, Failure> {
    match value {
        Some(value) if !value.is_undefined() && !value.is_null() => {
            Ok(serde_wasm_bindgen::from_value(value)?)
        }
        _ => Ok(T::default()),
    }
}

/// Parses the date argument `name` (`YYYY-MM-DD`).
pub fn date(name: &str, text: &str) -> Result<Date, Failure> {
    Ok(service_catalog::date_argument(name, text)?)
}

/// The date argument `name`: the date given, or today's date in UTC (the core never reads the
/// clock).
pub fn date_or_today(name: &str, given: Option<&str>) -> Result<Date, Failure> {
    match given {
        Some(text) => date(name, text),
        None => Ok(today_utc()),
    }
}

/// Parses the lifecycle status argument `name`.
pub fn status(name: &str, text: &str) -> Result<Status, Failure> {
    Ok(service_catalog::status_argument(name, text)?)
}

/// Today's date in UTC, from the JavaScript clock.
fn today_utc() -> Date {
    const MILLISECONDS_PER_DAY: f64 = 86_400_000.0;
    Date::from_days((js_sys::Date::now() / MILLISECONDS_PER_DAY).floor() as i64)
}
