//! The documented diagnostic codes, for portals that explain findings.

use napi_derive::napi;
use service_catalog::Code;

/// One documented diagnostic code.
#[napi(object)]
pub struct CodeInfo {
    /// The code as written in every output, such as `dep/cycle`.
    pub code: String,
    /// What a finding with this code means.
    pub meaning: String,
    /// How to fix it.
    pub fix: String,
}

/// Every fixed diagnostic code, in documentation order (`policy/<rule id>` codes are per rule).
#[napi]
pub fn codes() -> Vec<CodeInfo> {
    Code::ALL
        .iter()
        .map(|code| CodeInfo {
            code: code.as_str().to_owned(),
            meaning: code.meaning().to_owned(),
            fix: code.fix().to_owned(),
        })
        .collect()
}
