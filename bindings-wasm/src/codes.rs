//! The documented diagnostic codes, for pages that explain findings.

use crate::convert::answer;
use serde::Serialize;
use service_catalog::Code;
use wasm_bindgen::prelude::*;

/// One documented diagnostic code.
#[derive(Serialize)]
struct CodeInfo {
    /// The code as written in every output, such as `dep/cycle`.
    code: &'static str,
    /// What a finding with this code means.
    meaning: &'static str,
    /// How to fix it.
    fix: &'static str,
}

/// Every fixed diagnostic code, in documentation order (`policy/<rule id>` codes are per rule).
#[wasm_bindgen(unchecked_return_type = "Array<CodeInfo>")]
pub fn codes() -> Result<JsValue, JsValue> {
    answer(|| {
        Ok(Code::ALL
            .iter()
            .map(|code| CodeInfo {
                code: code.as_str(),
                meaning: code.meaning(),
                fix: code.fix(),
            })
            .collect::<Vec<_>>())
    })
}
