//! Python bindings for [`service_catalog`], built with maturin into the native module
//! `service_catalog_native` behind the Python package `service_catalog`.
//!
//! This crate will hold only conversions: Python arguments in, a call into the core, plain
//! Python data (the same serde shapes as the JSON Schemas in `schemas/`) out, and the
//! `service_catalog.CatalogError` exception hierarchy for the core's errors. No analysis lives
//! here.

#![deny(missing_docs)]
