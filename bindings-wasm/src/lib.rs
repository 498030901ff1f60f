//! WebAssembly bindings for [`service_catalog`], built with wasm-bindgen into the npm package
//! `service-catalog-wasm` for the browser and Node.
//!
//! This crate holds only conversions: JavaScript arguments in, a call into the core's
//! in-memory entry point (`Catalog::from_files`; there is no disk here, so the core's `fs`
//! feature stays off), plain objects (the same serde shapes as the JSON Schemas in `schemas/`,
//! through one shared serializer) out, and `Error` objects with a string `code` for the core's
//! errors. No analysis lives here. The names and shapes are the Node binding's, so the same
//! JavaScript suite runs against both.

#![deny(missing_docs)]

pub mod catalog;
pub mod change;
pub mod codes;
pub mod convert;
pub mod edit;
pub mod error;
pub mod render;
pub mod report;

use wasm_bindgen::prelude::*;

/// The TypeScript declarations wasm-bindgen cannot derive: the plain data types (generated
/// from `schemas/` into `catalog.d.ts`, shared with the Node package) and the options objects.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");
