//! Conversions at the edge: serde values to plain JavaScript objects, and argument parsing.

use crate::error::{Failure, guard};
use napi::{Env, Unknown};
use serde::Serialize;
use service_catalog::Date;
use service_catalog::model::Status;
use std::time::{SystemTime, UNIX_EPOCH};

/// Runs `call` behind [`guard`] and returns its answer as a plain JavaScript value (objects,
/// arrays, strings, numbers, null): the same shape as its JSON Schema in `schemas/`.
pub fn answer<'env, T: Serialize>(
    env: &Env,
    call: impl FnOnce() -> Result<T, Failure>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || env.to_js_value(&call()?).map_err(Failure::Js))
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
