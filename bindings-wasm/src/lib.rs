//! WebAssembly bindings for [`service_catalog`], built with wasm-bindgen into the npm package
//! `service-catalog-wasm` for the browser and Node.
//!
//! This crate will hold only conversions: JavaScript arguments in, a call into the core's
//! in-memory entry point (`Catalog::from_files`; there is no disk here, so the core's `fs`
//! feature stays off), plain objects (the same serde shapes as the JSON Schemas in `schemas/`)
//! out, and `Error` objects with a string `code` for the core's errors. No analysis lives here.

#![deny(missing_docs)]
