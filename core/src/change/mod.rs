//! Comparing two revisions of a tree (format §8): [`diff`] classifies every service change and
//! [`impact`] says what the change does to everyone else.

mod diff;
mod impact;
mod render;

pub use diff::{
    ChangeKind, ChangeSet, FieldChange, ServiceChange, StatusChange, classify_versions, diff,
};
pub use impact::{
    Affected, BrokenConsumer, IMPACT_SCHEMA_VERSION, ImpactReport, Notification, impact,
};
