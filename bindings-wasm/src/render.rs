//! Text generated from a catalog: `render` (SERVICES.md, TOPOLOGY.md, graphs, compose, k8s,
//! Backstage entities) and `unifiedDiff` for showing an edit.

use crate::catalog::Catalog;
use crate::error::{Failure, guard};
use serde::Deserialize;
use service_catalog::{RenderKind, RenderOptions as CoreRenderOptions};
use wasm_bindgen::prelude::*;

/// Options of `render`.
#[derive(Default, Deserialize)]
struct RenderOptions {
    /// `compose`, `k8s`: the project to deploy (required).
    project: Option<String>,
    /// `compose`, `k8s`: the environment.
    environment: Option<String>,
    /// `mermaid`, `dot`: draw only this service's neighbourhood.
    service: Option<String>,
    /// `mermaid`, `dot` with `service`: how many hops the neighbourhood reaches (default 1).
    depth: Option<u32>,
}

/// Renders `catalog` as `kind`: `services-md`, `topology-md`, `mermaid`, `dot`, `compose`,
/// `k8s` or `backstage`. Throws `invalid-argument` for an unknown kind, an option the kind
/// does not take or a missing `project`, `unknown-project` and `unknown-service` for ids the
/// catalog does not define.
#[wasm_bindgen]
pub fn render(
    catalog: &Catalog,
    #[wasm_bindgen(unchecked_param_type = "RenderKind")] kind: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    guard(|| {
        let kind: RenderKind = kind.parse()?;
        let RenderOptions {
            project,
            environment,
            service,
            depth,
        } = crate::convert::options(options)?;
        let options = CoreRenderOptions {
            project,
            environment,
            service,
            depth: depth.map(|d| d as usize),
        };
        service_catalog::render(catalog.core(), kind, &options).map_err(Failure::from)
    })
}

/// A unified diff from `oldText` to `newText` for the file at `path` (headers `a/PATH` and
/// `b/PATH`, so `git apply` takes it from the tree's root); empty when the texts are equal.
#[wasm_bindgen(js_name = unifiedDiff)]
pub fn unified_diff(
    path: &str,
    #[wasm_bindgen(js_name = oldText)] old_text: &str,
    #[wasm_bindgen(js_name = newText)] new_text: &str,
) -> String {
    service_catalog::unified_diff(path, old_text, new_text)
}
