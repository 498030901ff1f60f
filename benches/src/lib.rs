//! Synthetic control-center trees for benchmarks and scale tests.
//!
//! [`generate`] turns a [`Spec`] into the `(path, text)` files of a realistic tree (format §1–§8):
//! shared services in `services/catalog.toml` (about a tenth of them), projects of about 25
//! services each, `services/patterns.toml`, `services/versions.toml`, the three policy files and
//! each project's `deployment.toml` and `monitoring.toml`. The output depends on nothing but the
//! spec, so two runs with the same seed print the same bytes.
//!
//! The dependency graph has about [`Spec::deps`] edges per service. Every service has one
//! required `sync` dependency on a lower-ranked service (its *primary*), the rest are `async`
//! requirements or optional; apart from the [`Spec::cycles`] planted cycles every edge points to
//! a lower-ranked service, so the graph is otherwise a DAG. The primary chains all end in the
//! [`HUBS`], and the hubs depend on each other downwards, so every service reaches
//! [`HUBS`]`[0]` (`platform-auth`): its transitive consumers are the whole tree. Promises are
//! kept consistent along the primary chains (availability never rises, p99 never falls), and
//! every requirement is satisfied, so a tree with [`Spec::defects`] set to zero has no parse or
//! schema finding at all. With defects on, each kind is planted that many times: a dependency on
//! an unknown service, a misspelt field, a bad requirement (alternately unparsable and
//! unsatisfied) and a deprecated service that is still consumed.
//!
//! ```
//! use service_catalog_bench::{Spec, generate, HUBS};
//!
//! let files = generate(&Spec::clean(200));
//! assert!(files.iter().any(|(path, _)| path == "services/catalog.toml"));
//! assert!(files[0].1.len() > 0);
//! assert_eq!(HUBS[0], "platform-auth");
//! ```
#![deny(missing_docs)]

use std::collections::HashSet;
use std::fmt::Write as _;

/// The hub services, lowest rank first: everything reaches `HUBS[0]`, most services directly
/// or through one or two hops. Use them for the transitive-consumers benchmark.
pub const HUBS: [&str; 3] = ["platform-auth", "platform-config", "platform-telemetry"];

/// What each hub does, for its `description`.
const HUB_DESCRIPTIONS: [&str; 3] = [
    "Single sign-on for every project",
    "Runtime configuration for every service",
    "Metrics, logs and traces for every service",
];

/// The date the generated lifecycle dates are consistent with: pass it as `today` to checks.
pub const TODAY: &str = "2026-01-15";

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Number of services (at least the number of hubs).
    pub services: usize,
    /// Number of projects (default: one per 25 services).
    pub projects: usize,
    /// Average number of dependencies per service.
    pub deps: usize,
    /// Seed of the generator.
    pub seed: u64,
    /// Number of dependency cycles to plant among the shared services (2 to 4 services each).
    pub cycles: usize,
    /// How many times to plant each kind of defect (0 for a clean tree).
    pub defects: usize,
}

impl Spec {
    /// A tree of `services` services with the defaults: one project per 25 services, 10
    /// dependencies per service, seed 42, 3 cycles and each defect twice.
    pub fn new(services: usize) -> Spec {
        Spec {
            services,
            projects: (services / 25).max(1),
            deps: 10,
            seed: 42,
            cycles: 3,
            defects: 2,
        }
    }

    /// The same as [`Spec::new`] without cycles or defects.
    pub fn clean(services: usize) -> Spec {
        Spec {
            cycles: 0,
            defects: 0,
            ..Spec::new(services)
        }
    }
}

/// The files of the tree described by `spec`: `(path relative to the root, text)`, sorted by
/// path.
pub fn generate(spec: &Spec) -> Vec<(String, String)> {
    let mut tree = Tree::build(spec);
    tree.plant_cycles(spec.cycles);
    tree.plant_defects(spec.defects);
    let mut files = tree.render();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// SplitMix64: small, fast and good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64) < p * (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index into `weights`, drawn in proportion to them.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut roll = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if roll < w {
                return i;
            }
            roll -= w;
        }
        weights.len() - 1
    }
}

const DOMAINS: &[&str] = &[
    "accounts",
    "analytics",
    "audit",
    "billing",
    "cart",
    "catalog",
    "chat",
    "checkout",
    "documents",
    "email",
    "export",
    "fraud",
    "geo",
    "identity",
    "images",
    "import",
    "inventory",
    "invoices",
    "ledger",
    "loyalty",
    "media",
    "notifications",
    "orders",
    "payments",
    "pricing",
    "profile",
    "promotions",
    "recommendations",
    "reporting",
    "returns",
    "reviews",
    "risk",
    "scheduler",
    "search",
    "shipping",
    "sms",
    "subscriptions",
    "support",
    "tax",
    "warehouse",
];

const PROJECT_WORDS: &[&str] = &[
    "storefront",
    "mobile-app",
    "partner-portal",
    "backoffice",
    "data-platform",
    "marketing-site",
    "logistics",
    "marketplace",
    "customer-care",
    "finance-hub",
    "merchant-tools",
    "growth",
];

/// A kind of service: its `type`, the id suffix, its main port and how its health is checked.
struct Kind {
    name: &'static str,
    suffix: &'static str,
    port: Option<(&'static str, u16)>,
    weight: u32,
}

const KINDS: &[Kind] = &[
    Kind {
        name: "api",
        suffix: "api",
        port: Some(("http", 8080)),
        weight: 25,
    },
    Kind {
        name: "microservice",
        suffix: "svc",
        port: Some(("http", 8080)),
        weight: 25,
    },
    Kind {
        name: "web",
        suffix: "web",
        port: Some(("http", 3000)),
        weight: 10,
    },
    Kind {
        name: "worker",
        suffix: "worker",
        port: None,
        weight: 12,
    },
    Kind {
        name: "job",
        suffix: "job",
        port: None,
        weight: 6,
    },
    Kind {
        name: "gateway",
        suffix: "gw",
        port: Some(("https", 8443)),
        weight: 4,
    },
    Kind {
        name: "database",
        suffix: "db",
        port: Some(("postgres", 5432)),
        weight: 8,
    },
    Kind {
        name: "cache",
        suffix: "cache",
        port: Some(("redis", 6379)),
        weight: 5,
    },
    Kind {
        name: "queue",
        suffix: "mq",
        port: Some(("amqp", 5672)),
        weight: 5,
    },
];

/// Fields written under a wrong name when a misspelt-field defect is planted: (right, wrong).
const MISSPELLINGS: &[(&str, &str)] = &[
    ("owner", "ownr"),
    ("description", "descripton"),
    ("tags", "tgas"),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Development,
    Beta,
    Ga,
    Maintenance,
    Deprecated,
    Retired,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Development => "development",
            Status::Beta => "beta",
            Status::Ga => "ga",
            Status::Maintenance => "maintenance",
            Status::Deprecated => "deprecated",
            Status::Retired => "retired",
        }
    }

    /// Whether a clean tree lets other services depend on it.
    fn consumable(self) -> bool {
        matches!(self, Status::Beta | Status::Ga | Status::Maintenance)
    }
}

struct Version {
    major: u64,
    minor: u64,
    patch: u64,
    pre: Option<String>,
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        match &self.pre {
            Some(pre) => write!(f, "-{pre}"),
            None => Ok(()),
        }
    }
}

enum Target {
    Service(usize),
    Unknown(String),
}

struct Dep {
    target: Target,
    optional: bool,
    asynchronous: bool,
    requirement: Option<String>,
}

struct Svc {
    id: String,
    project: Option<usize>,
    domain: &'static str,
    kind: &'static Kind,
    status: Status,
    version: Version,
    /// Whether `compat_version_min = "MAJOR.0.0"` is set.
    floor: bool,
    exposed: bool,
    /// Whether every descriptive field is written (otherwise only what the checks need).
    full: bool,
    /// Promised availability in thousandths of a percent (99_900 is 99.9%).
    availability: u32,
    p50: u32,
    p95: u32,
    p99: u32,
    tier_tag: usize,
    deps: Vec<Dep>,
    replacement: Option<usize>,
    misspelt: Option<usize>,
    /// Release history for `services/versions.toml`.
    history: bool,
}

struct Proj {
    id: String,
    word: &'static str,
    environment: &'static str,
    tier: &'static str,
    services: Vec<usize>,
    deployment: bool,
    monitoring: bool,
}

struct Tree {
    rng: Rng,
    services: Vec<Svc>,
    projects: Vec<Proj>,
    shared: usize,
}

impl Tree {
    fn build(spec: &Spec) -> Tree {
        let n = spec.services.max(HUBS.len());
        let shared = (n / 10).clamp(HUBS.len(), n);
        let project_count = spec.projects.clamp(1, (n - shared).max(1)).min(n - shared);
        let mut rng = Rng(spec.seed ^ 0x5eed_ca7a_1065_0000);
        let projects = (0..project_count)
            .map(|i| Proj {
                id: format!("{}-{i}", PROJECT_WORDS[i % PROJECT_WORDS.len()]),
                word: PROJECT_WORDS[i % PROJECT_WORDS.len()],
                environment: ["production", "staging", "development"][rng.weighted(&[60, 25, 15])],
                tier: ["critical", "high", "medium", "low"][rng.weighted(&[15, 35, 35, 15])],
                services: Vec::new(),
                deployment: rng.chance(0.8),
                monitoring: rng.chance(0.7),
            })
            .collect();
        let mut tree = Tree {
            rng,
            services: Vec::with_capacity(n),
            projects,
            shared,
        };
        // Consumable services so far: shared ones, each project's own, and exposed ones.
        let mut shared_pool: Vec<usize> = Vec::new();
        let mut project_pools: Vec<Vec<usize>> = vec![Vec::new(); project_count];
        let mut exposed_pool: Vec<usize> = Vec::new();
        for rank in 0..n {
            let project = (rank >= shared).then(|| (rank - shared) % project_count);
            let service = if rank < HUBS.len() {
                tree.hub(rank)
            } else {
                let pools = Pools {
                    shared: &shared_pool,
                    own: project.map_or(&[][..], |p| project_pools[p].as_slice()),
                    exposed: &exposed_pool,
                };
                tree.service(rank, project, spec.deps, &pools)
            };
            if service.status.consumable() {
                match project {
                    None => shared_pool.push(rank),
                    Some(p) => {
                        project_pools[p].push(rank);
                        if service.exposed {
                            exposed_pool.push(rank);
                        }
                    }
                }
            }
            if let Some(p) = project {
                tree.projects[p].services.push(rank);
            }
            tree.services.push(service);
        }
        tree
    }

    fn hub(&mut self, rank: usize) -> Svc {
        let (version, kind, p99) = match rank {
            0 => ((3, 4, 1), &KINDS[0], 40),
            1 => ((2, 8, 0), &KINDS[1], 50),
            _ => ((1, 12, 3), &KINDS[1], 60),
        };
        let deps = (0..rank)
            .rev()
            .enumerate()
            .map(|(i, target)| Dep {
                target: Target::Service(target),
                optional: false,
                asynchronous: i > 0,
                requirement: Some(format!("^{}.0", [3, 2, 1][target])),
            })
            .collect();
        Svc {
            id: HUBS[rank].to_owned(),
            project: None,
            domain: "platform",
            kind,
            status: Status::Ga,
            version: Version {
                major: version.0,
                minor: version.1,
                patch: version.2,
                pre: None,
            },
            floor: rank == 0,
            exposed: false,
            full: true,
            availability: 99_990,
            p50: p99 / 4,
            p95: p99 / 2,
            p99,
            tier_tag: 0,
            deps,
            replacement: None,
            misspelt: None,
            history: true,
        }
    }

    fn service(
        &mut self,
        rank: usize,
        project: Option<usize>,
        deps: usize,
        pools: &Pools<'_>,
    ) -> Svc {
        let rng = &mut self.rng;
        let domain = *rng.pick(DOMAINS);
        let kind = &KINDS[rng.weighted(&KINDS.iter().map(|k| k.weight).collect::<Vec<_>>())];
        let status = [
            Status::Ga,
            Status::Maintenance,
            Status::Beta,
            Status::Development,
            Status::Deprecated,
            Status::Retired,
        ][rng.weighted(&[72, 8, 6, 7, 5, 2])];
        let version = match status {
            Status::Development => Version {
                major: 0,
                minor: 1 + rng.below(9) as u64,
                patch: rng.below(10) as u64,
                pre: None,
            },
            Status::Beta => Version {
                major: 1 + rng.below(3) as u64,
                minor: rng.below(6) as u64,
                patch: 0,
                pre: Some(match rng.below(2) {
                    0 => format!("beta.{}", 1 + rng.below(5)),
                    _ => format!("rc.{}", 1 + rng.below(3)),
                }),
            },
            _ => Version {
                major: 1 + rng.weighted(&[50, 30, 15, 5]) as u64,
                minor: rng.below(21) as u64,
                patch: rng.below(16) as u64,
                pre: None,
            },
        };
        let floor = matches!(status, Status::Ga | Status::Maintenance) && rng.chance(0.08);
        let exposed = project.is_some() && status.consumable() && rng.chance(0.2);

        // The targets: a primary (required, sync), the hubs now and then, then random ones.
        let mut targets: Vec<usize> = Vec::new();
        let wanted = if deps == 0 {
            0
        } else {
            deps / 2 + rng.below(deps + 1)
        };
        if wanted > 0 {
            targets.extend(pools.pick(rng));
            for (hub, p) in [(0, 0.3), (1, 0.15), (2, 0.1)] {
                if targets.len() < wanted && rng.chance(p) && !targets.contains(&hub) {
                    targets.push(hub);
                }
            }
            let mut attempts = 0;
            while targets.len() < wanted && attempts < 4 * wanted {
                attempts += 1;
                if let Some(t) = pools.pick(rng)
                    && !targets.contains(&t)
                {
                    targets.push(t);
                }
            }
        }
        let primary = targets.first().map(|&t| &self.services[t]);
        let rng = &mut self.rng;
        let desired_availability = [99_900, 99_950, 99_990][rng.weighted(&[60, 30, 10])];
        let desired_p99 = [100, 150, 200][rng.weighted(&[40, 40, 20])];
        let (availability, p99) = match primary {
            Some(p) => (
                desired_availability.min(p.availability),
                desired_p99.max(p.p99),
            ),
            None => (desired_availability, desired_p99),
        };
        let deps = targets
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                let target = &self.services[t];
                let asynchronous = i > 0 && rng.chance(0.1);
                Dep {
                    target: Target::Service(t),
                    optional: i > 0 && !asynchronous,
                    asynchronous,
                    requirement: requirement(rng, target),
                }
            })
            .collect();
        let replacement = matches!(status, Status::Deprecated | Status::Retired).then(|| {
            let pool = if pools.own.is_empty() || rng.chance(0.5) {
                pools.shared
            } else {
                pools.own
            };
            *rng.pick(pool)
        });
        Svc {
            id: format!("{domain}-{}-{rank}", kind.suffix),
            project,
            domain,
            kind,
            status,
            version,
            floor,
            exposed,
            full: rng.chance(0.25),
            availability,
            p50: desired_p99 / 5,
            p95: desired_p99 / 2,
            p99,
            tier_tag: rng.weighted(&[10, 30, 40, 20]),
            deps,
            replacement,
            misspelt: None,
            history: status != Status::Beta && rng.chance(0.1),
        }
    }

    /// Plants `count` cycles of 2 to 4 shared services of adjacent ranks, so each cycle is
    /// exactly one strongly connected component. A cycle is made of required `sync` edges (the
    /// kind a dependency cycle is about): each member's primary becomes the next member, its old
    /// primary stays as an optional dependency, and the members promise the same SLA, so the
    /// cycle is the only finding.
    fn plant_cycles(&mut self, count: usize) {
        if count == 0 {
            return;
        }
        let candidates: Vec<usize> = (HUBS.len()..self.shared)
            .filter(|&s| self.services[s].status.consumable())
            .collect();
        let slot = candidates.len() / count;
        if slot < 2 {
            return;
        }
        for j in 0..count {
            let length = (2 + j % 3).min(slot);
            let members = &candidates[j * slot..j * slot + length];
            let mut edges: Vec<(usize, usize)> = members.windows(2).map(|w| (w[1], w[0])).collect();
            edges.push((members[0], members[length - 1]));
            for (from, to) in edges {
                self.set_primary(from, to);
            }
            // Raising availability and lowering p99 keeps every consumer's promise achievable.
            let availability = members.iter().map(|&m| self.services[m].availability).max();
            let p99 = members.iter().map(|&m| self.services[m].p99).min();
            for &m in members {
                self.services[m].availability = availability.unwrap_or(99_900);
                self.services[m].p99 = p99.unwrap_or(200);
            }
        }
    }

    /// Makes `to` the primary (required, sync) dependency of `from`, demoting the old primary
    /// to an optional dependency.
    fn set_primary(&mut self, from: usize, to: usize) {
        let requirement = requirement(&mut self.rng, &self.services[to]);
        let deps = &mut self.services[from].deps;
        deps.retain(|d| !matches!(d.target, Target::Service(t) if t == to));
        if let Some(old) = deps.first_mut() {
            old.optional = true;
            old.asynchronous = false;
        }
        deps.insert(
            0,
            Dep {
                target: Target::Service(to),
                optional: false,
                asynchronous: false,
                requirement,
            },
        );
    }

    /// Adds an optional dependency unless `from` already depends on `to`.
    fn add_optional(&mut self, from: usize, to: usize) -> bool {
        let present = self.services[from]
            .deps
            .iter()
            .any(|d| matches!(d.target, Target::Service(t) if t == to));
        if present {
            return false;
        }
        let requirement = requirement(&mut self.rng, &self.services[to]);
        self.services[from].deps.push(Dep {
            target: Target::Service(to),
            optional: true,
            asynchronous: false,
            requirement,
        });
        true
    }

    /// Plants each kind of defect `count` times, each on a different service past the hubs.
    fn plant_defects(&mut self, count: usize) {
        let n = self.services.len();
        if n <= HUBS.len() || count == 0 {
            return;
        }
        let mut used = HashSet::new();
        let ids: HashSet<&str> = self.services.iter().map(|s| s.id.as_str()).collect();
        let mut unknown = Vec::new();
        for _ in 0..count {
            let from = draw(&mut self.rng, n, &mut used);
            let model = &self.services[self.rng.below(n)].id;
            unknown.push((from, typo(model, &ids)));
        }
        for (from, name) in unknown {
            self.services[from].deps.push(Dep {
                target: Target::Unknown(name),
                optional: false,
                asynchronous: false,
                requirement: None,
            });
        }
        for i in 0..count {
            let at = self.draw(&mut used);
            self.services[at].misspelt = Some(i % MISSPELLINGS.len());
            self.services[at].full = true;
        }
        for i in 0..count {
            let at = self.draw(&mut used);
            let Some(Target::Service(t)) = self.services[at].deps.first().map(|d| &d.target) else {
                continue;
            };
            let major = self.services[*t].version.major;
            self.services[at].deps[0].requirement = Some(if i % 2 == 0 {
                "^one.two".to_owned()
            } else {
                format!("^{}.0", major + 1)
            });
        }
        let deprecated: Vec<usize> = (0..n)
            .filter(|&s| self.services[s].status == Status::Deprecated)
            .collect();
        for i in 0..count.min(deprecated.len()) {
            let target = deprecated[i % deprecated.len()];
            // Later services that may depend on it: any, for a shared one; its own project's
            // for a project service (exposure aside, that is always allowed).
            let consumers: Vec<usize> = match self.services[target].project {
                None => (target + 1..n).collect(),
                Some(p) => self.projects[p]
                    .services
                    .iter()
                    .copied()
                    .filter(|&s| s > target)
                    .collect(),
            };
            for _ in 0..8 {
                if consumers.is_empty() {
                    break;
                }
                let from = *self.rng.pick(&consumers);
                if self.add_optional(from, target) {
                    break;
                }
            }
        }
    }

    /// A service past the hubs that no other defect was planted on, if one is found quickly.
    fn draw(&mut self, used: &mut HashSet<usize>) -> usize {
        draw(&mut self.rng, self.services.len(), used)
    }

    fn render(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        let mut catalog =
            String::from("# Shared services: the global registry, consumed across projects.\n");
        for s in &self.services[..self.shared] {
            self.write_service(&mut catalog, s);
        }
        files.push(("services/catalog.toml".to_owned(), catalog));
        for p in &self.projects {
            files.push((
                format!("projects/{}/services.toml", p.id),
                self.project_services(p),
            ));
            if p.deployment {
                files.push((format!("projects/{}/deployment.toml", p.id), deployment(p)));
            }
            if p.monitoring {
                files.push((
                    format!("projects/{}/monitoring.toml", p.id),
                    self.monitoring(p),
                ));
            }
        }
        files.push(("services/patterns.toml".to_owned(), PATTERNS.to_owned()));
        files.push(("services/versions.toml".to_owned(), self.versions()));
        files.push(("policies/security.toml".to_owned(), SECURITY.to_owned()));
        files.push(("policies/compliance.toml".to_owned(), COMPLIANCE.to_owned()));
        files.push(("policies/sla.toml".to_owned(), SLA.to_owned()));
        files
    }

    fn project_services(&self, p: &Proj) -> String {
        let mut out = String::new();
        let title = title_case(p.word);
        let _ = write!(
            out,
            "[project]\nname = \"{title} ({})\"\ndescription = \"{title} for {} customers\"\n\
             environment = \"{}\"\ntier = \"{}\"\nowners = [\"@{}-team\"]\n",
            p.id, p.environment, p.environment, p.tier, p.word
        );
        for &s in &p.services {
            self.write_service(&mut out, &self.services[s]);
        }
        out
    }

    fn write_service(&self, out: &mut String, s: &Svc) {
        let field = |name: &'static str| match s.misspelt {
            Some(i) if MISSPELLINGS[i].0 == name => MISSPELLINGS[i].1,
            _ => name,
        };
        let id = &s.id;
        let v = &s.version;
        let _ = write!(
            out,
            "\n[service.{id}]\ntype = \"{}\"\n{} = \"{}-team\"\n",
            s.kind.name,
            field("owner"),
            s.domain,
        );
        if let Some(hub) = HUBS.iter().position(|h| h == id) {
            let _ = writeln!(out, "description = \"{}\"", HUB_DESCRIPTIONS[hub]);
        } else if s.full {
            let _ = writeln!(
                out,
                "{} = \"{} {} of {}\"",
                field("description"),
                title_case(s.domain),
                s.kind.name,
                match s.project {
                    Some(p) => self.projects[p].id.as_str(),
                    None => "the shared platform",
                },
            );
        }
        let _ = writeln!(out, "version = \"{v}\"\nstatus = \"{}\"", s.status.as_str());
        if s.floor {
            let _ = writeln!(out, "compat_version_min = \"{}.0.0\"", v.major);
        }
        if s.full {
            let _ = writeln!(
                out,
                "image = \"registry.example.com/{}/{id}:{v}\"",
                s.domain
            );
        }
        match (s.kind.port, s.full) {
            (Some((name, port)), true) => {
                let _ = writeln!(
                    out,
                    "ports = [{{ name = \"{name}\", port = {port}, protocol = \"tcp\" }}]"
                );
                if name.starts_with("http") {
                    let _ = writeln!(
                        out,
                        "health_check = {{ path = \"/healthz\", port = {port}, interval = \"10s\", timeout = \"2s\" }}"
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "health_check = {{ port = {port}, interval = \"15s\", timeout = \"3s\" }}"
                    );
                }
            }
            (Some((name, port)), false) if name.starts_with("http") => {
                let _ = writeln!(
                    out,
                    "health_check = {{ path = \"/healthz\", port = {port} }}"
                );
            }
            (Some((_, port)), false) => {
                let _ = writeln!(out, "health_check = {{ port = {port} }}");
            }
            (None, true) => {
                let _ = writeln!(
                    out,
                    "health_check = {{ path = \"/healthz\", port = 9090, interval = \"30s\" }}"
                );
            }
            (None, false) => out.push_str("health_check = { path = \"/healthz\", port = 9090 }\n"),
        }
        if s.full && matches!(s.kind.suffix, "api" | "svc" | "worker" | "job" | "db") {
            let _ = writeln!(
                out,
                "env = {{ DB_PASSWORD = \"vault://{}/{id}/db\", LOG_LEVEL = \"info\" }}",
                s.domain
            );
        }
        if s.exposed {
            out.push_str("exposed = true\n");
        }
        if s.full {
            let _ = writeln!(
                out,
                "{} = [\"{}\", \"tier-{}\"]",
                field("tags"),
                s.domain,
                s.tier_tag
            );
        }
        // Every service but a tombstone promises an SLA: a project's own services count as
        // consumed by it, so even a development one meets its project's tier floor.
        if s.status != Status::Retired {
            if s.full {
                let _ = writeln!(
                    out,
                    "sla = {{ availability = \"{}\", response_time_p50 = \"{}ms\", response_time_p95 = \"{}ms\", response_time_p99 = \"{}ms\", error_rate = \"0.1%\" }}",
                    percent(s.availability),
                    s.p50,
                    s.p95,
                    s.p99
                );
            } else {
                let _ = writeln!(
                    out,
                    "sla = {{ availability = \"{}\", response_time_p99 = \"{}ms\" }}",
                    percent(s.availability),
                    s.p99
                );
            }
        }
        let approvers = if s.kind.suffix == "db" {
            format!("\"@{}-team\", \"@dba-team\"", s.domain)
        } else {
            format!("\"@{}-team\"", s.domain)
        };
        if !s.full && s.status != Status::Beta {
            let _ = writeln!(out, "governance = {{ approvers = [{approvers}] }}");
        } else {
            let _ = writeln!(
                out,
                "governance = {{ approvers = [{approvers}], change_log = \"https://git.example.com/{}/{id}/CHANGELOG.md\" }}",
                s.domain
            );
        }
        let replacement = |r: Option<usize>| &self.services[r.unwrap_or(0)].id;
        match s.status {
            Status::Maintenance => out.push_str(
                "lifecycle = { since = 2025-09-01 }\nmigration = { support_until = 2026-08-31 }\n",
            ),
            Status::Deprecated => {
                let _ = writeln!(
                    out,
                    "lifecycle = {{ since = 2025-12-01, deprecation_date = 2025-12-01, sunset_date = 2026-07-01, replacement_service = \"{}\" }}\n\
                     migration = {{ guide_url = \"https://wiki.example.com/{id}-migration\", support_until = 2026-07-01, migration_difficulty = \"moderate\", estimated_effort_hours = 16 }}",
                    replacement(s.replacement)
                );
            }
            Status::Retired => {
                let _ = writeln!(
                    out,
                    "lifecycle = {{ since = 2025-05-01, deprecation_date = 2024-10-01, sunset_date = 2025-05-01, replacement_service = \"{}\" }}",
                    replacement(s.replacement)
                );
            }
            _ => {}
        }
        let mut requires = Vec::new();
        let mut optional = Vec::new();
        for d in &s.deps {
            let name = match &d.target {
                Target::Service(t) => self.services[*t].id.as_str(),
                Target::Unknown(name) => name.as_str(),
            };
            let text = if d.asynchronous {
                match &d.requirement {
                    Some(req) => {
                        format!("{{ service = \"{name}\", version = \"{req}\", kind = \"async\" }}")
                    }
                    None => format!("{{ service = \"{name}\", kind = \"async\" }}"),
                }
            } else {
                match &d.requirement {
                    Some(req) => format!("\"{name}@{req}\""),
                    None => format!("\"{name}\""),
                }
            };
            if d.optional {
                optional.push(text);
            } else {
                requires.push(text);
            }
        }
        if !requires.is_empty() || !optional.is_empty() {
            let _ = writeln!(out, "\n[service.{id}.dependencies]");
            if !requires.is_empty() {
                let _ = writeln!(out, "requires = [{}]", requires.join(", "));
            }
            if !optional.is_empty() {
                let _ = writeln!(out, "optional = [{}]", optional.join(", "));
            }
        }
    }

    fn monitoring(&self, p: &Proj) -> String {
        let mut out = format!("[monitoring]\nlevel = \"{}\"\n", p.tier);
        for (i, &s) in p.services.iter().enumerate() {
            let s = &self.services[s];
            if i % 8 != 0 || s.status == Status::Retired {
                continue;
            }
            let id = &s.id;
            let _ = write!(
                out,
                "\n[service.{id}.metrics]\navailability_threshold = {}\navailability_check_interval = \"60s\"\n\
                 response_time_p50 = \"{}ms\"\nresponse_time_p95 = \"{}ms\"\nresponse_time_p99 = \"{}ms\"\n\
                 error_rate_threshold = 0.1\nerror_type_alerts = [\"5xx\", \"timeout\"]\n\
                 cpu_threshold = \"80%\"\nmemory_threshold = \"85%\"\n\
                 \n[service.{id}.alerts]\ncritical = [\"slack#{w}-critical\"]\nwarning = [\"slack#{w}-warnings\", \"email:{w}@example.com\"]\n\
                 \n[service.{id}.alerts.escalation]\ntime_to_escalate = \"5m\"\nescalate_to = [\"@{w}-on-call\"]\npage_if = \"critical\"\n",
                percent(s.availability).trim_end_matches('%'),
                s.p50,
                s.p95,
                s.p99,
                w = p.word,
            );
        }
        out
    }

    fn versions(&self) -> String {
        let mut out = String::from("# Released versions, newest first.\n");
        for s in self.services.iter().filter(|s| s.history) {
            let mut releases = vec![(s.version.major, s.version.minor, s.version.patch)];
            while releases.len() < 4 {
                let &(major, minor, patch) = releases.last().expect("starts with one release");
                // A maintenance service ships only patches, so its history is patches too.
                let previous = if patch > 0 {
                    (major, minor, patch - 1)
                } else if s.status == Status::Maintenance {
                    break;
                } else if minor > 0 {
                    (major, minor - 1, 3)
                } else if major > 1 {
                    (major - 1, 5, 0)
                } else {
                    break;
                };
                releases.push(previous);
            }
            let _ = write!(out, "\n[versions.{}]\nhistory = [\n", s.id);
            for (i, (major, minor, patch)) in releases.iter().enumerate() {
                let month = 12 - 2 * i;
                let notes = if i == 0 {
                    ", notes = \"current release\""
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "  {{ version = \"{major}.{minor}.{patch}\", date = 2025-{month:02}-01{notes} }},",
                );
            }
            out.push_str("]\n");
        }
        out
    }
}

/// Where a service may take its dependencies from (all lower-ranked and consumable).
struct Pools<'a> {
    shared: &'a [usize],
    own: &'a [usize],
    exposed: &'a [usize],
}

impl Pools<'_> {
    /// A shared service for a shared service; for a project service, one of its own project's
    /// (45%), a shared one (35%) or another project's exposed one (20%).
    fn pick(&self, rng: &mut Rng) -> Option<usize> {
        let roll = rng.below(100);
        let pool = if self.own.is_empty() && self.exposed.is_empty() {
            self.shared
        } else if roll < 45 && !self.own.is_empty() {
            self.own
        } else if roll >= 80 && !self.exposed.is_empty() {
            self.exposed
        } else {
            self.shared
        };
        (!pool.is_empty()).then(|| *rng.pick(pool))
    }
}

/// A requirement the target satisfies without admitting versions below its floor: a beta
/// target is always named by its pre-release (the opt-in), a target with a floor always gets a
/// range, others a quarter of the time.
fn requirement(rng: &mut Rng, target: &Svc) -> Option<String> {
    let v = &target.version;
    if v.pre.is_some() {
        return Some(format!("^{v}"));
    }
    if !target.floor && rng.chance(0.75) {
        return None;
    }
    Some(match rng.weighted(&[60, 25, 15]) {
        0 => format!("^{}.{}", v.major, v.minor),
        1 => format!(">={}.0, <{}", v.major, v.major + 1),
        _ => format!("~{}.{}", v.major, v.minor),
    })
}

/// A service among `n` past the hubs that is not in `used` (if one is found quickly); adds it.
fn draw(rng: &mut Rng, n: usize, used: &mut HashSet<usize>) -> usize {
    let mut at = HUBS.len() + rng.below(n - HUBS.len());
    for _ in 0..16 {
        if used.insert(at) {
            break;
        }
        at = HUBS.len() + rng.below(n - HUBS.len());
    }
    at
}

/// A near miss of `id` that names no service (so the checker can suggest `id`).
fn typo(id: &str, ids: &HashSet<&str>) -> String {
    let mut chars: Vec<char> = id.chars().collect();
    chars.remove(1);
    let near: String = chars.into_iter().collect();
    if ids.contains(near.as_str()) {
        format!("{id}-legacy")
    } else {
        near
    }
}

/// `99_950` thousandths as `"99.95%"`.
fn percent(thousandths: u32) -> String {
    let (whole, fraction) = (thousandths / 1000, thousandths % 1000);
    if fraction == 0 {
        format!("{whole}%")
    } else {
        let fraction = format!("{fraction:03}");
        format!("{whole}.{}%", fraction.trim_end_matches('0'))
    }
}

fn title_case(word: &str) -> String {
    word.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn deployment(p: &Proj) -> String {
    let production_pattern = match p.tier {
        "critical" => "canary-slow",
        "high" => "canary",
        _ => "rolling-safe",
    };
    format!(
        "[environment.staging]\nauto_deploy = true\npattern = \"rolling\"\n\
         checks = {{ health = \"5m\", integration = \"10m\", performance = \"5m\" }}\n\
         \n[environment.production]\nauto_deploy = false\napprovals = [\"product-owner\", \"operations\"]\n\
         pattern = \"{production_pattern}\"\nwindow = \"off-hours\"\n"
    )
}

const PATTERNS: &str = r#"# Deployment patterns projects may name besides the built-in ones.

[pattern.canary-slow]
description = "canary in four steps with a pause to watch the metrics"
strategy = "canary"
steps = ["5%", "25%", "50%", "100%"]
pause = "10m"
auto_rollback = true

[pattern.rolling-safe]
description = "rolling update that never drops capacity"
strategy = "rolling"
max_surge = "25%"
max_unavailable = "0%"

[pattern.blue-green-db]
description = "blue-green switch for stateful services"
strategy = "blue-green"
auto_rollback = true
"#;

const SECURITY: &str = r#"[secrets]
allowed_schemes = ["vault://", "env://", "secret://"]

[network]
allow_private_cross_project = false

[required]
critical = ["owner", "health_check", "governance.approvers"]
high = ["owner"]
"#;

const COMPLIANCE: &str = r#"[[rule]]
id = "released-needs-owner"
severity = "error"
description = "released services name an owning team"
match = { status = ["ga", "maintenance", "beta"] }
require = ["owner", "sla.availability"]

[[rule]]
id = "databases-two-approvers"
severity = "warning"
description = "schema changes need a second pair of eyes"
match = { type = "database" }
assert = { "governance.approvers" = { min_items = 2 } }

[[rule]]
id = "beta-needs-changelog"
severity = "error"
description = "beta services link a changelog"
match = { status = "beta" }
require = ["governance.change_log"]
"#;

const SLA: &str = r#"[tier.critical]
min_availability = "99.9%"
max_response_time_p99 = "200ms"

[tier.high]
min_availability = "99.5%"
max_response_time_p99 = "500ms"

[tier.medium]
min_availability = "99%"

[tier.low]
min_availability = "95%"

[escalation.critical]
response = "5m"
escalate_after = "15m"
notify = ["page:on-call"]

[escalation.high]
response = "30m"
escalate_after = "2h"
notify = ["slack#incidents"]
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use service_catalog::Catalog;

    fn load(spec: &Spec) -> Catalog {
        Catalog::from_files(generate(spec))
    }

    #[test]
    fn the_same_spec_gives_the_same_bytes() {
        let spec = Spec::new(600);
        assert_eq!(generate(&spec), generate(&spec));
        let other = Spec { seed: 7, ..spec };
        assert_ne!(generate(&Spec::new(600)), generate(&other));
    }

    #[test]
    fn a_clean_tree_loads_without_findings() {
        let catalog = load(&Spec::clean(1000));
        let found: Vec<String> = catalog
            .diagnostics()
            .iter()
            .take(5)
            .map(|d| format!("{}:{}: {} {}", d.file, d.line, d.code.as_str(), d.message))
            .collect();
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(catalog.services().len(), 1000);
        assert_eq!(catalog.projects().len(), 40);
    }

    #[test]
    fn a_clean_tree_passes_every_check() {
        let catalog = load(&Spec::clean(1000));
        let today = service_catalog::Date::parse(TODAY).expect("TODAY is a date");
        let report = catalog.check(today);
        let found: Vec<String> = report
            .diagnostics
            .iter()
            .take(5)
            .map(|d| format!("{}:{}: {} {}", d.file, d.line, d.code.as_str(), d.message))
            .collect();
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn defects_are_planted_and_reported() {
        let catalog = load(&Spec::new(1000));
        let count = |code: &str| {
            catalog
                .diagnostics()
                .iter()
                .filter(|d| d.code.as_str() == code)
                .count()
        };
        assert_eq!(count("schema/unknown-field"), 2);
        assert_eq!(count("schema/invalid-value"), 1);
        assert_eq!(catalog.diagnostics().len(), 3);

        let today = service_catalog::Date::parse(TODAY).expect("TODAY is a date");
        let report = catalog.check(today);
        let count = |code: &str| {
            report
                .diagnostics
                .iter()
                .filter(|d| d.code.as_str() == code)
                .count()
        };
        assert_eq!(count("dep/cycle"), 3);
        assert_eq!(count("dep/unknown-service"), 2);
        assert_eq!(count("dep/version-unsatisfied"), 1);
        assert_eq!(count("lifecycle/consumes-deprecated"), 2);
        assert_eq!(count("sla/unachievable"), 0);
    }

    #[test]
    fn the_graph_has_the_requested_density_and_hubs() {
        let spec = Spec::clean(2000);
        let catalog = load(&spec);
        let edges: usize = catalog
            .services()
            .iter()
            .map(|s| s.dependencies.len())
            .sum();
        let average = edges as f64 / catalog.services().len() as f64;
        assert!((8.0..=11.0).contains(&average), "average {average}");

        // Everything reaches the first hub.
        let consumers = catalog.consumers(HUBS[0], true).expect("the hub exists");
        assert_eq!(consumers.len(), spec.services - 1);
    }

    #[test]
    fn tiny_trees_still_generate() {
        for n in [0, 1, 3, 4, 12] {
            let catalog = load(&Spec::new(n));
            assert_eq!(catalog.services().len(), n.max(HUBS.len()));
        }
    }
}
