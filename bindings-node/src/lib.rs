//! Node.js bindings for [`service_catalog`], built with napi-rs into the npm package
//! `service-catalog`.
//!
//! This crate will hold only conversions: JavaScript arguments in, a call into the core, plain
//! objects (the same serde shapes as the JSON Schemas in `schemas/`) out, and `Error` objects
//! with a string `code` for the core's errors. No analysis lives here.

#![deny(missing_docs)]
