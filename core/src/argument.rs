//! Arguments that reach the library as text (from a command line or a binding), parsed into
//! the same [`Error::InvalidArgument`] whichever front door they came through.

use crate::Error;
use crate::model::{Date, Status};

/// Parses the argument `name` as a date, `YYYY-MM-DD`.
pub fn date_argument(name: &str, text: &str) -> Result<Date, Error> {
    Date::parse(text).map_err(|reason| invalid(name, reason))
}

/// Parses the argument `name` as a lifecycle status (`ga`, `deprecated`, …).
pub fn status_argument(name: &str, text: &str) -> Result<Status, Error> {
    Status::parse(text).ok_or_else(|| {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        invalid(
            name,
            format!("expected one of {}, found \"{text}\"", names.join(", ")),
        )
    })
}

/// The error for the malformed argument `name`.
fn invalid(name: &str, reason: String) -> Error {
    Error::InvalidArgument {
        name: name.to_owned(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_arguments_name_the_argument_and_what_was_expected() {
        assert_eq!(
            date_argument("today", "2026-11-22").unwrap().to_string(),
            "2026-11-22"
        );
        let err = date_argument("today", "tomorrow").unwrap_err();
        assert_eq!(err.code(), "invalid-argument");
        assert!(
            err.to_string().starts_with("invalid argument `today`: "),
            "{err}"
        );
        assert_eq!(status_argument("to", "ga").unwrap(), Status::Ga);
        let err = status_argument("to", "gone").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid argument `to`: expected one of development, beta, ga, maintenance, deprecated, retired, found \"gone\""
        );
    }
}
