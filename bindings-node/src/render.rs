//! Text generated from a catalog: `render` (SERVICES.md, TOPOLOGY.md, graphs, compose, k8s,
//! Backstage entities) and `unifiedDiff` for showing an edit.

use crate::catalog::Catalog;
use crate::error::{Failure, guard};
use napi::Env;
use napi_derive::napi;
use service_catalog::{RenderKind, RenderOptions as CoreRenderOptions};

/// Options of `render`. Each applies to some kinds only; passing one to a kind that does not
/// take it throws `invalid-argument`.
#[napi(object)]
pub struct RenderOptions {
    /// `compose`, `k8s`: the project to deploy (required).
    pub project: Option<String>,
    /// `compose`, `k8s`: the environment (default: the project's own, else its first
    /// deployment environment).
    pub environment: Option<String>,
    /// `mermaid`, `dot`: draw only this service's neighbourhood.
    pub service: Option<String>,
    /// `mermaid`, `dot` with `service`: how many hops the neighbourhood reaches (default 1).
    pub depth: Option<u32>,
}

/// Renders `catalog` as `kind`: `services-md`, `topology-md`, `mermaid`, `dot`, `compose`,
/// `k8s` or `backstage`. Throws `invalid-argument` for an unknown kind, an option the kind
/// does not take or a missing `project`, `unknown-project` and `unknown-service` for ids the
/// catalog does not define.
#[napi(ts_args_type = "catalog: Catalog, kind: RenderKind, options?: RenderOptions")]
pub fn render(
    env: Env,
    catalog: &Catalog,
    kind: String,
    options: Option<RenderOptions>,
) -> napi::Result<String> {
    guard(&env, || {
        let kind: RenderKind = kind.parse()?;
        let options = options.map_or_else(CoreRenderOptions::default, |o| CoreRenderOptions {
            project: o.project,
            environment: o.environment,
            service: o.service,
            depth: o.depth.map(|d| d as usize),
        });
        service_catalog::render(catalog.core(), kind, &options).map_err(Failure::from)
    })
}

/// A unified diff from `oldText` to `newText` for the file at `path` (headers `a/PATH` and
/// `b/PATH`, so `git apply` takes it from the tree's root); empty when the texts are equal.
#[napi]
pub fn unified_diff(path: String, old_text: String, new_text: String) -> String {
    service_catalog::unified_diff(&path, &old_text, &new_text)
}
