//! The lifecycle transition table (format §5) and the verdict on one proposed move.

use crate::Catalog;
use crate::model::{Date, Status};
use serde::Serialize;

/// Whether the table allows moving from `from` to `to` (any status may stay where it is).
pub fn allowed(from: Status, to: Status) -> bool {
    use Status::*;
    from == to
        || matches!(
            (from, to),
            (Development, Beta | Ga | Retired)
                | (Beta, Ga | Deprecated | Retired)
                | (Ga, Maintenance | Deprecated)
                | (Maintenance, Deprecated)
                | (Deprecated, Retired)
        )
}

/// The statuses the table allows after `from`, other than `from` itself.
pub fn successors(from: Status) -> Vec<Status> {
    Status::ALL
        .iter()
        .copied()
        .filter(|&to| to != from && allowed(from, to))
        .collect()
}

/// The verdict on moving one service to a new status on a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Transition {
    /// The service.
    pub service: String,
    /// Its current status.
    pub from: Status,
    /// The status asked for.
    pub to: Status,
    /// The date of the move.
    pub date: Date,
    /// Whether the move is allowed.
    pub allowed: bool,
    /// Why not (empty when allowed).
    pub reasons: Vec<String>,
}

/// Judges moving the service at `index` of `catalog` to `to` on `date`.
pub(crate) fn evaluate(catalog: &Catalog, index: usize, to: Status, date: Date) -> Transition {
    let service = &catalog.services()[index];
    let from = service.status();
    let mut reasons = Vec::new();
    if !allowed(from, to) {
        let next: Vec<&str> = successors(from).iter().map(|s| s.as_str()).collect();
        reasons.push(if next.is_empty() {
            format!("a {from} service cannot change status")
        } else {
            format!("a {from} service can only move to {}", next.join(" or "))
        });
    }
    if to == Status::Retired && from != Status::Retired {
        let mut consumers: Vec<&str> = catalog
            .graph()
            .consumer_edges(index as u32)
            .map(|(c, _)| catalog.services()[c as usize].id.as_str())
            .collect();
        consumers.sort_unstable();
        consumers.dedup();
        let declared = service
            .consumers
            .projects
            .iter()
            .flatten()
            .chain(service.consumers.required_by.iter().flatten())
            .count();
        if !consumers.is_empty() {
            let sunset = service
                .lifecycle
                .as_ref()
                .and_then(|l| l.sunset_date.as_ref())
                .filter(|s| date < s.value)
                .map_or(String::new(), |s| {
                    format!(
                        " (and retiring before the sunset date {} needs no consumers)",
                        s.value
                    )
                });
            reasons.push(format!(
                "{} still depend{} on it: {}{sunset}",
                consumers.len(),
                if consumers.len() == 1 { "s" } else { "" },
                consumers.join(", ")
            ));
        }
        if declared > 0 {
            reasons.push("it still declares consumers in `[consumers]`".to_owned());
        }
    }
    Transition {
        service: service.id.to_string(),
        from,
        to,
        date,
        allowed: reasons.is_empty(),
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_of_format_section_5() {
        use Status::*;
        assert!(allowed(Development, Beta) && allowed(Beta, Ga) && allowed(Ga, Maintenance));
        assert!(allowed(Maintenance, Deprecated) && allowed(Deprecated, Retired));
        assert!(allowed(Development, Retired) && allowed(Ga, Ga));
        assert!(!allowed(Ga, Beta) && !allowed(Ga, Retired) && !allowed(Retired, Ga));
        assert!(!allowed(Development, Deprecated) && !allowed(Maintenance, Ga));
        assert_eq!(successors(Ga), vec![Maintenance, Deprecated]);
    }
}
