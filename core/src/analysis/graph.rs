//! The dependency graph: one node per service (its index in the catalog), one edge per
//! dependency entry whose target exists, stored as compressed sparse rows in both directions.
//!
//! A hand-rolled CSR with a bitset visit was the fastest representation measured for the
//! questions asked here (transitive consumers of a hub reaching the whole graph, strongly
//! connected components); petgraph's own `tarjan_scc` recurses once per node, which overflows
//! the stack on long dependency chains, and its `Csr` rejects parallel edges, which a catalog
//! may have (the same service under `requires` and `optional`).

use crate::model::{DependencyKind, Service};
use std::collections::VecDeque;

/// Node index: the service's index in [`Catalog::services`](crate::Catalog::services).
pub(crate) type Node = u32;

/// A dependency edge: `(from, to, index in from's dependencies, required sync)`.
type Edge = (Node, Node, u32, bool);

/// One direction of the graph in compressed sparse rows.
#[derive(Clone, Debug, Default)]
struct Rows {
    /// `offsets[n]..offsets[n + 1]` indexes the edges of node `n`.
    offsets: Vec<u32>,
    /// The node at the other end of each edge.
    targets: Vec<Node>,
    /// The dependency entry of each edge: `(declaring service, index in its dependencies)`.
    entries: Vec<(Node, u32)>,
    /// Whether each edge is a required `sync` dependency (the edges a cycle is made of).
    strong: Vec<bool>,
}

impl Rows {
    /// The rows of `edges` (given in parts, in order), from `from` to `to` or, with `reverse`,
    /// from `to` to `from`.
    fn build(nodes: usize, parts: &[&[Edge]], reverse: bool) -> Rows {
        let edges = || parts.iter().flat_map(|part| part.iter());
        let count = parts.iter().map(|part| part.len()).sum();
        let mut offsets = vec![0u32; nodes + 1];
        for &(from, to, _, _) in edges() {
            let key = if reverse { to } else { from };
            offsets[key as usize + 1] += 1;
        }
        for i in 0..nodes {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut targets = vec![0; count];
        let mut entries = vec![(0, 0); count];
        let mut strong = vec![false; count];
        for &(from, to, dependency, is_strong) in edges() {
            let (key, other) = if reverse { (to, from) } else { (from, to) };
            let slot = next[key as usize] as usize;
            next[key as usize] += 1;
            targets[slot] = other;
            entries[slot] = (from, dependency);
            strong[slot] = is_strong;
        }
        Rows {
            offsets,
            targets,
            entries,
            strong,
        }
    }

    fn range(&self, node: Node) -> std::ops::Range<usize> {
        self.offsets[node as usize] as usize..self.offsets[node as usize + 1] as usize
    }

    fn neighbors(&self, node: Node) -> &[Node] {
        &self.targets[self.range(node)]
    }
}

/// The services and the dependencies between them.
#[derive(Clone, Debug, Default)]
pub(crate) struct DependencyGraph {
    forward: Rows,
    reverse: Rows,
    /// Dependency entries that are not edges: `(service, index in its dependencies)` of every
    /// dependency on an unknown service or on the service itself.
    dangling: Vec<(Node, u32)>,
}

/// The nodes a traversal reached, in breadth-first order, each with the node it was reached
/// from, so the shortest path to any of them can be rebuilt.
#[derive(Clone, Debug)]
pub(crate) struct Traversal {
    /// Reached nodes in breadth-first order (the start is not included).
    pub order: Vec<Node>,
    /// For each entry of `order`, the position in `order` of its predecessor, or `u32::MAX`
    /// when it was reached straight from the start.
    pub parent: Vec<u32>,
}

impl Traversal {
    /// The nodes from the start (excluded) to `order[position]` (included).
    pub fn path(&self, mut position: usize) -> Vec<Node> {
        let mut path = vec![self.order[position]];
        while self.parent[position] != u32::MAX {
            position = self.parent[position] as usize;
            path.push(self.order[position]);
        }
        path.reverse();
        path
    }
}

/// Which way a traversal follows the edges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// From a service to what it depends on.
    Dependencies,
    /// From a service to what depends on it.
    Consumers,
}

impl DependencyGraph {
    /// The graph of `services`; dependencies on unknown services and on the service itself are
    /// left out (they are findings of their own).
    pub fn build(services: &[Service], index: &crate::model::IdIndex) -> Self {
        /// From this many dependencies per core on, the work is shared between the cores.
        const DEPENDENCIES_PER_THREAD: usize = 10_000;
        /// How many parts the services are resolved in: a few per core, so that a core that
        /// starts late leaves its share to the others.
        const PARTS: usize = 8;
        let resolve = |from: usize, to: usize| {
            // At most one edge per dependency entry: exact room, no copy per doubling.
            let entries = services[from..to]
                .iter()
                .map(|s| s.dependencies.len())
                .sum();
            let mut edges: Vec<Edge> = Vec::with_capacity(entries);
            let mut dangling = Vec::new();
            for (node, service) in services.iter().enumerate().take(to).skip(from) {
                for (position, dependency) in service.dependencies.iter().enumerate() {
                    match index.get(&dependency.service.value) {
                        Some(&target) if target != node => {
                            let strong =
                                !dependency.optional && dependency.kind == DependencyKind::Sync;
                            edges.push((node as Node, target as Node, position as u32, strong));
                        }
                        _ => dangling.push((node as Node, position as u32)),
                    }
                }
            }
            (edges, dangling)
        };
        let bounds: Vec<usize> = (0..=PARTS).map(|i| services.len() * i / PARTS).collect();
        let weights: Vec<usize> = bounds
            .windows(2)
            .map(|part| {
                let entries: usize = services[part[0]..part[1]]
                    .iter()
                    .map(|s| s.dependencies.len())
                    .sum();
                entries.max(1)
            })
            .collect();
        let resolved = crate::parallel::map_weighted(&weights, DEPENDENCIES_PER_THREAD, |i| {
            resolve(bounds[i], bounds[i + 1])
        });
        let parts: Vec<&[Edge]> = resolved.iter().map(|(edges, _)| edges.as_slice()).collect();
        let dangling = resolved
            .iter()
            .flat_map(|(_, d)| d.iter().copied())
            .collect();
        let count: usize = parts.iter().map(|part| part.len()).sum();
        let nodes = services.len();
        // The two directions, each on the core that is free first.
        let mut rows =
            crate::parallel::map_weighted(&[count, count], DEPENDENCIES_PER_THREAD, |i| {
                Rows::build(nodes, &parts, i == 1)
            });
        let reverse = rows.pop().expect("two directions");
        let forward = rows.pop().expect("two directions");
        DependencyGraph {
            forward,
            reverse,
            dangling,
        }
    }

    /// Dependency entries on unknown services or on the service itself.
    pub fn dangling(&self) -> &[(Node, u32)] {
        &self.dangling
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.forward.offsets.len().saturating_sub(1)
    }

    fn rows(&self, direction: Direction) -> &Rows {
        match direction {
            Direction::Dependencies => &self.forward,
            Direction::Consumers => &self.reverse,
        }
    }

    /// What `node` depends on (one entry per dependency edge).
    pub fn dependencies(&self, node: Node) -> &[Node] {
        self.forward.neighbors(node)
    }

    /// What `node` requires synchronously (its required `sync` dependencies).
    pub fn strong_dependencies(&self, node: Node) -> impl Iterator<Item = Node> + '_ {
        let range = self.forward.range(node);
        self.forward.targets[range.clone()]
            .iter()
            .zip(&self.forward.strong[range])
            .filter(|&(_, &strong)| strong)
            .map(|(&target, _)| target)
    }

    /// What depends on `node`, with the dependency entry of each edge.
    pub fn consumer_edges(&self, node: Node) -> impl Iterator<Item = (Node, u32)> + '_ {
        self.reverse.entries[self.reverse.range(node)]
            .iter()
            .copied()
    }

    /// The dependency edges of `node`: `(target, index in its dependencies)`.
    pub fn dependency_edges(&self, node: Node) -> impl Iterator<Item = (Node, u32)> + '_ {
        let range = self.forward.range(node);
        self.forward.targets[range.clone()]
            .iter()
            .copied()
            .zip(self.forward.entries[range].iter().map(|&(_, d)| d))
    }

    /// Every node reachable from `start` (excluded) in `direction`, breadth first.
    pub fn traverse(&self, start: Node, direction: Direction, transitive: bool) -> Traversal {
        let rows = self.rows(direction);
        let mut visited = vec![0u64; self.len().div_ceil(64)];
        let mark = |visited: &mut [u64], n: Node| {
            let (word, bit) = (n as usize / 64, 1u64 << (n % 64));
            let fresh = visited[word] & bit == 0;
            visited[word] |= bit;
            fresh
        };
        mark(&mut visited, start);
        let mut traversal = Traversal {
            order: Vec::new(),
            parent: Vec::new(),
        };
        for &next in rows.neighbors(start) {
            if mark(&mut visited, next) {
                traversal.order.push(next);
                traversal.parent.push(u32::MAX);
            }
        }
        if transitive {
            let mut head = 0;
            while head < traversal.order.len() {
                let node = traversal.order[head];
                for &next in rows.neighbors(node) {
                    if mark(&mut visited, next) {
                        traversal.order.push(next);
                        traversal.parent.push(head as u32);
                    }
                }
                head += 1;
            }
        }
        traversal
    }

    /// The shortest path of required `sync` dependencies from `from` to `to` (both included),
    /// if any: the path a new dependency of `to` on `from` would close into a cycle.
    pub fn shortest_path(&self, from: Node, to: Node) -> Option<Vec<Node>> {
        if from == to {
            return Some(vec![from]);
        }
        let mut parent = vec![u32::MAX; self.len()];
        parent[from as usize] = from;
        let mut queue = VecDeque::from([from]);
        while let Some(node) = queue.pop_front() {
            for next in self.strong_dependencies(node) {
                if parent[next as usize] == u32::MAX {
                    parent[next as usize] = node;
                    if next == to {
                        let mut path = vec![to];
                        let mut at = to;
                        while at != from {
                            at = parent[at as usize];
                            path.push(at);
                        }
                        path.reverse();
                        return Some(path);
                    }
                    queue.push_back(next);
                }
            }
        }
        None
    }

    /// The strongly connected components over every edge (`strong_only`: over required `sync`
    /// edges, the ones a dependency cycle is made of), each as a list of nodes, in reverse
    /// topological order of the condensation (a component comes before every component that
    /// depends on it). Iterative Tarjan, so deep chains cannot overflow the stack.
    pub fn components(&self, strong_only: bool) -> Components {
        const UNSEEN: u32 = u32::MAX;
        let n = self.len();
        let mut index = vec![UNSEEN; n];
        let mut low = vec![0u32; n];
        let mut on_stack = vec![false; n];
        let mut stack: Vec<Node> = Vec::new();
        let mut components = Components {
            members: Vec::with_capacity(n),
            ends: Vec::new(),
        };
        let mut next_index = 0u32;
        // Call frames: (node, position of the next neighbour to look at).
        let mut frames: Vec<(Node, u32)> = Vec::new();
        for root in 0..n as Node {
            if index[root as usize] != UNSEEN {
                continue;
            }
            frames.push((root, 0));
            index[root as usize] = next_index;
            low[root as usize] = next_index;
            next_index += 1;
            stack.push(root);
            on_stack[root as usize] = true;
            while let Some(&mut (node, ref mut position)) = frames.last_mut() {
                let range = self.forward.range(node);
                let mut slot = range.start + *position as usize;
                while strong_only && slot < range.end && !self.forward.strong[slot] {
                    slot += 1;
                }
                *position = (slot - range.start) as u32;
                if slot < range.end {
                    let next = self.forward.targets[slot];
                    *position += 1;
                    if index[next as usize] == UNSEEN {
                        index[next as usize] = next_index;
                        low[next as usize] = next_index;
                        next_index += 1;
                        stack.push(next);
                        on_stack[next as usize] = true;
                        frames.push((next, 0));
                    } else if on_stack[next as usize] {
                        low[node as usize] = low[node as usize].min(index[next as usize]);
                    }
                    continue;
                }
                frames.pop();
                if let Some(&(parent, _)) = frames.last() {
                    low[parent as usize] = low[parent as usize].min(low[node as usize]);
                }
                if low[node as usize] == index[node as usize] {
                    while let Some(member) = stack.pop() {
                        on_stack[member as usize] = false;
                        components.members.push(member);
                        if member == node {
                            break;
                        }
                    }
                    components.ends.push(components.members.len() as u32);
                }
            }
        }
        components
    }
}

/// Strongly connected components, all in one list: component `i` is
/// `members[ends[i - 1]..ends[i]]` (one allocation, not one per component: most components of a
/// catalog are a single service).
#[derive(Debug)]
pub(crate) struct Components {
    members: Vec<Node>,
    ends: Vec<u32>,
}

impl Components {
    /// Each component's members, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &[Node]> + ExactSizeIterator {
        (0..self.ends.len()).map(|i| {
            let start = i
                .checked_sub(1)
                .map_or(0, |before| self.ends[before] as usize);
            &self.members[start..self.ends[i] as usize]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(nodes: usize, edges: &[(Node, Node)]) -> DependencyGraph {
        let edges: Vec<Edge> = edges.iter().map(|&(a, b)| (a, b, 0, true)).collect();
        // Split in two parts, as `build` hands them over.
        let (first, second) = edges.split_at(edges.len() / 2);
        DependencyGraph {
            forward: Rows::build(nodes, &[first, second], false),
            reverse: Rows::build(nodes, &[first, second], true),
            dangling: Vec::new(),
        }
    }

    #[test]
    fn components_find_cycles_and_order_providers_first() {
        let g = graph(4, &[(0, 1), (1, 2), (2, 1), (3, 0)]);
        let components = g.components(false);
        let mut cycle = components
            .iter()
            .find(|c| c.len() > 1)
            .expect("one cycle")
            .to_vec();
        cycle.sort();
        assert_eq!(cycle, vec![1, 2]);
        let position = |n| components.iter().position(|c| c.contains(&n)).unwrap();
        assert!(position(1) < position(0) && position(0) < position(3));
    }

    #[test]
    fn deep_chains_do_not_overflow() {
        let n = 200_000;
        let edges: Vec<_> = (0..n as Node - 1).map(|i| (i, i + 1)).collect();
        assert_eq!(graph(n, &edges).components(true).iter().len(), n);
    }

    #[test]
    fn traversal_paths_are_shortest() {
        let g = graph(4, &[(0, 1), (1, 2), (0, 2), (2, 3)]);
        let t = g.traverse(0, Direction::Dependencies, true);
        let at = |n| t.order.iter().position(|&x| x == n).unwrap();
        assert_eq!(t.path(at(3)), vec![2, 3]);
        assert_eq!(g.shortest_path(0, 3), Some(vec![0, 2, 3]));
        assert_eq!(g.shortest_path(3, 0), None);
        let consumers = g.traverse(3, Direction::Consumers, false);
        assert_eq!(consumers.order, vec![2]);
    }
}
