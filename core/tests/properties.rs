//! Property tests: the graph answers agree with slow, obvious implementations on generated
//! catalogs, and findings are deterministic and sorted.

use proptest::prelude::*;
use service_catalog::{Catalog, Date};
use std::collections::{BTreeSet, VecDeque};

/// A generated catalog: `n` shared services `s0…`, edges as (from, to) pairs.
#[derive(Clone, Debug)]
struct Shape {
    n: usize,
    edges: Vec<(usize, usize)>,
}

fn shape() -> impl Strategy<Value = Shape> {
    (2usize..12).prop_flat_map(|n| {
        proptest::collection::vec((0..n, 0..n), 0..(n * 3))
            .prop_map(move |edges| Shape { n, edges })
    })
}

fn catalog(shape: &Shape) -> Catalog {
    let mut text = String::new();
    for s in 0..shape.n {
        let deps: Vec<String> = shape
            .edges
            .iter()
            .filter(|&&(from, to)| from == s && from != to)
            .map(|&(_, to)| format!("\"s{to}\""))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        text.push_str(&format!(
            "[service.s{s}]\nversion = \"1.0.0\"\nstatus = \"ga\"\n\
             [service.s{s}.sla]\navailability = \"99%\"\n\
             [service.s{s}.dependencies]\nrequires = [{}]\n\n",
            deps.join(", ")
        ));
    }
    Catalog::from_files([("services/catalog.toml", text)])
}

/// Edges without self-loops and repeats.
fn adjacency(shape: &Shape) -> Vec<BTreeSet<usize>> {
    let mut adjacency = vec![BTreeSet::new(); shape.n];
    for &(from, to) in &shape.edges {
        if from != to {
            adjacency[from].insert(to);
        }
    }
    adjacency
}

fn reachable(adjacency: &[BTreeSet<usize>], start: usize) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in &adjacency[node] {
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    seen.remove(&start);
    seen
}

fn has_cycle(adjacency: &[BTreeSet<usize>]) -> bool {
    (0..adjacency.len()).any(|s| {
        adjacency[s]
            .iter()
            .any(|&t| t == s || reachable(adjacency, t).contains(&s))
    })
}

fn today() -> Date {
    Date::parse("2026-01-15").unwrap()
}

proptest! {
    #[test]
    fn transitive_consumers_equal_reverse_reachability(shape in shape()) {
        let catalog = catalog(&shape);
        let adjacency = adjacency(&shape);
        for target in 0..shape.n {
            let expected: BTreeSet<String> = (0..shape.n)
                .filter(|&s| s != target && reachable(&adjacency, s).contains(&target))
                .map(|s| format!("s{s}"))
                .collect();
            let reached = catalog.consumers(&format!("s{target}"), true).unwrap();
            let got: BTreeSet<String> = reached.ids().map(str::to_owned).collect();
            prop_assert_eq!(&got, &expected);
            // The answer serializes as its plain data does.
            prop_assert_eq!(
                serde_json::to_value(&reached).unwrap(),
                serde_json::to_value(reached.to_vec()).unwrap()
            );
            // Every path is a real chain of dependencies, from the target outwards.
            for (i, reach) in reached.to_vec().into_iter().enumerate() {
                prop_assert_eq!(&reach.path[0], &format!("s{target}"));
                prop_assert_eq!(reach.path.last().unwrap(), &reach.id);
                prop_assert_eq!(reached.path(i).len(), reach.depth + 1);
                for pair in reach.path.windows(2) {
                    let (provider, consumer): (usize, usize) =
                        (pair[0][1..].parse().unwrap(), pair[1][1..].parse().unwrap());
                    prop_assert!(adjacency[consumer].contains(&provider));
                }
            }
        }
    }

    #[test]
    fn cycle_findings_agree_with_brute_force(shape in shape()) {
        let catalog = catalog(&shape);
        let report = catalog.check(today());
        let cycles = report.diagnostics.iter().filter(|d| d.code.as_str() == "dep/cycle").count();
        prop_assert_eq!(cycles > 0, has_cycle(&adjacency(&shape)));
    }

    #[test]
    fn an_edge_said_to_be_safe_never_closes_a_cycle(shape in shape(), from in 0usize..12, to in 0usize..12) {
        let (from, to) = (from % shape.n, to % shape.n);
        let catalog = catalog(&shape);
        let answer = catalog.would_create_cycle(&format!("s{from}"), &format!("s{to}")).unwrap();
        let mut adjacency = adjacency(&shape);
        let closes = from == to || reachable(&adjacency, to).contains(&from);
        prop_assert_eq!(answer.is_some(), closes);
        if answer.is_none() {
            adjacency[from].insert(to);
            let before = has_cycle(&self::adjacency(&shape));
            prop_assert_eq!(has_cycle(&adjacency), before);
        }
    }

    #[test]
    fn findings_are_deterministic_and_sorted(shape in shape()) {
        let first = catalog(&shape).check(today()).to_json();
        let second = catalog(&shape).check(today()).to_json();
        prop_assert_eq!(&first, &second);
        let report = catalog(&shape).check(today());
        let keys: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| (d.file.clone(), d.line, d.column, d.code.as_str().to_owned(), d.message.clone()))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(keys, sorted);
    }
}
