//! The typed model of a control-center tree: every file kind of the format, with spans.

pub mod policy;
pub mod project;
pub mod registry;
pub mod service;
pub mod value;

pub use policy::*;
pub use project::*;
pub use registry::*;
pub use service::*;
pub use value::*;
