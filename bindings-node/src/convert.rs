//! Conversions at the edge: serde values to plain JavaScript objects, and argument parsing.

use crate::error::{Failure, guard};
use napi::bindgen_prelude::{Function, JsObjectValue, Object};
use napi::{Env, JsString, Unknown};
use serde::Serialize;
use service_catalog::Date;
use service_catalog::model::Status;
use std::time::{SystemTime, UNIX_EPOCH};

/// Runs `call` behind [`guard`] and returns its answer as a plain JavaScript value (objects,
/// arrays, strings, numbers, null): the same shape as its JSON Schema in `schemas/`.
///
/// The answer crosses as JSON text read by the engine's `JSON.parse`: one string for the whole
/// answer instead of a Node-API call per object, property and string, which for the 9,999
/// consumers of a hub takes a third of the time.
pub fn answer<'env, T: Serialize>(
    env: &Env,
    call: impl FnOnce() -> Result<T, Failure>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let json = serde_json::to_string(&call()?)
            .map_err(|e| Failure::Js(napi::Error::from_reason(e.to_string())))?;
        parse_json(env, json).map_err(Failure::Js)
    })
}

/// `JSON.parse(json)`. ASCII text (most answers: ids, versions, dates) is handed over as
/// Latin-1, the same bytes, which the engine copies as they are instead of decoding UTF-8.
fn parse_json<'env>(env: &Env, json: String) -> napi::Result<Unknown<'env>> {
    let global = env.get_global()?;
    let namespace: Object = global.get_named_property("JSON")?;
    let parse: Function<JsString, Unknown<'env>> = namespace.get_named_property("parse")?;
    let text = match json.is_ascii() {
        true => env.create_string_latin1(&json)?,
        false => env.create_string(&json)?,
    };
    parse.call(text)
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

/// Today's date in UTC, from the system clock.
fn today_utc() -> Date {
    const SECONDS_PER_DAY: u64 = 86_400;
    let days = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => (since.as_secs() / SECONDS_PER_DAY) as i64,
        Err(err) => -(err.duration().as_secs().div_ceil(SECONDS_PER_DAY) as i64),
    };
    Date::from_days(days)
}
