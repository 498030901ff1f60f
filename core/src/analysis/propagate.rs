//! One pass over the dependency graph that carries facts about consuming projects from each
//! consumer down to everything it reaches, directly or transitively.

use super::graph::Components;
use crate::Catalog;
use crate::model::Tier;

/// No project.
const NONE: u32 = u32::MAX;

/// The projects that own or (transitively) consume a service: for each tier and for production,
/// the first such project in path order (`u32::MAX` when there is none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ConsumerProjects {
    by_tier: [u32; 4],
    production: u32,
}

impl Default for ConsumerProjects {
    fn default() -> Self {
        ConsumerProjects {
            by_tier: [NONE; 4],
            production: NONE,
        }
    }
}

impl ConsumerProjects {
    /// The first project of `tier` that owns or consumes the service.
    pub fn of_tier(&self, tier: Tier) -> Option<u32> {
        Some(self.by_tier[tier_slot(tier)]).filter(|&p| p != NONE)
    }

    /// The first production project that owns or consumes the service.
    pub fn production(&self) -> Option<u32> {
        Some(self.production).filter(|&p| p != NONE)
    }

    fn merge(&mut self, other: &ConsumerProjects) {
        for (mine, theirs) in self.by_tier.iter_mut().zip(other.by_tier) {
            *mine = (*mine).min(theirs);
        }
        self.production = self.production.min(other.production);
    }
}

fn tier_slot(tier: Tier) -> usize {
    Tier::ALL
        .iter()
        .position(|&t| t == tier)
        .expect("every tier is listed")
}

/// For every service, the projects that own it or reach it through dependencies.
pub(crate) fn consumer_projects(
    catalog: &Catalog,
    components: &Components,
) -> Vec<ConsumerProjects> {
    let mut initial = vec![ConsumerProjects::default(); catalog.services().len()];
    for (index, project) in catalog.projects().iter().enumerate() {
        let mut own = ConsumerProjects::default();
        if let Some(tier) = &project.tier {
            own.by_tier[tier_slot(tier.value)] = index as u32;
        }
        if project.is_production() {
            own.production = index as u32;
        }
        for id in &project.services {
            if let Some(node) = catalog.node(id.as_str()) {
                initial[node as usize].merge(&own);
            }
        }
    }
    propagate(catalog, components, initial, ConsumerProjects::merge)
}

/// Carries each service's value to everything it depends on, merging on the way: consumers are
/// visited before their providers (reverse order of `components`), and the members of a cycle
/// share one value.
pub(crate) fn propagate<T: Clone>(
    catalog: &Catalog,
    components: &Components,
    mut values: Vec<T>,
    merge: impl Fn(&mut T, &T),
) -> Vec<T> {
    let graph = catalog.graph();
    for component in components.iter().rev() {
        let mut value = values[component[0] as usize].clone();
        for &member in &component[1..] {
            merge(&mut value, &values[member as usize]);
        }
        for &member in component {
            if component.len() > 1 {
                values[member as usize] = value.clone();
            }
            for &provider in graph.dependencies(member) {
                merge(&mut values[provider as usize], &value);
            }
        }
    }
    values
}
