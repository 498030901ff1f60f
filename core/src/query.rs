//! Answers of the graph queries: the services a traversal reached, each with its shortest path.

use crate::Catalog;
use crate::analysis::graph::{Node, Traversal};
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

/// The services a [`Catalog::dependencies`] or [`Catalog::consumers`] query reached, in
/// breadth-first order (nearest first). Paths are built only when asked for, so a query that
/// reaches the whole graph stays cheap; it serializes as a list of [`Reach`].
#[derive(Clone, Debug)]
pub struct Reached<'c> {
    pub(crate) catalog: &'c Catalog,
    pub(crate) start: Node,
    pub(crate) traversal: Traversal,
}

/// One reached service, as plain data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reach {
    /// The service reached.
    pub id: String,
    /// Its project, or `None` for a shared service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// 1 for a direct answer, more for a transitive one.
    pub depth: usize,
    /// The ids from the queried service to this one, both included.
    pub path: Vec<String>,
}

impl<'c> Reached<'c> {
    /// Number of services reached.
    pub fn len(&self) -> usize {
        self.traversal.order.len()
    }

    /// True when nothing was reached.
    pub fn is_empty(&self) -> bool {
        self.traversal.order.is_empty()
    }

    fn id(&self, node: Node) -> &'c str {
        self.catalog.services()[node as usize].id.as_str()
    }

    /// The ids reached, nearest first.
    pub fn ids(&self) -> impl Iterator<Item = &'c str> + '_ {
        self.traversal.order.iter().map(|&n| self.id(n))
    }

    /// The queried service.
    pub fn start(&self) -> &'c str {
        self.id(self.start)
    }

    /// The position of the answer that the `position`-th one was reached through, or `None`
    /// when it was reached straight from the queried service. The answers form a tree, and a
    /// parent always comes before its children: its path plus this answer's id is this
    /// answer's path.
    pub fn parent(&self, position: usize) -> Option<usize> {
        let parent = self.traversal.parent[position];
        (parent != u32::MAX).then_some(parent as usize)
    }

    /// The project of the `position`-th answer, or `None` for a shared service.
    pub fn project(&self, position: usize) -> Option<&'c str> {
        let node = self.traversal.order[position];
        self.catalog.services()[node as usize]
            .project
            .as_ref()
            .map(|p| p.as_str())
    }

    /// The path from the queried service to the `position`-th answer, both included.
    pub fn path(&self, position: usize) -> Vec<&'c str> {
        std::iter::once(self.start)
            .chain(self.traversal.path(position))
            .map(|n| self.id(n))
            .collect()
    }

    /// The projects that own the services reached, sorted, each once.
    pub fn projects(&self) -> Vec<&'c str> {
        let mut projects: Vec<&str> = self
            .traversal
            .order
            .iter()
            .filter_map(|&n| self.catalog.services()[n as usize].project.as_ref())
            .map(|p| p.as_str())
            .collect();
        projects.sort_unstable();
        projects.dedup();
        projects
    }

    /// The `position`-th answer as plain data.
    pub fn get(&self, position: usize) -> Reach {
        let node = self.traversal.order[position];
        let path: Vec<String> = self.path(position).into_iter().map(str::to_owned).collect();
        Reach {
            id: self.id(node).to_owned(),
            project: self.project(position).map(str::to_owned),
            depth: path.len() - 1,
            path,
        }
    }

    /// Every answer as plain data.
    pub fn to_vec(&self) -> Vec<Reach> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }
}

impl Serialize for Reached<'_> {
    /// The answers as [`Reach`]es, written from the catalog's own strings: a query that
    /// reaches the whole graph serializes without a copy of every id on every path.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// [`Reach`], borrowed.
        #[derive(Serialize)]
        struct ReachRef<'a> {
            id: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            project: Option<&'a str>,
            depth: usize,
            path: &'a [&'a str],
        }
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        let mut path = Vec::new();
        for (position, &node) in self.traversal.order.iter().enumerate() {
            path.clear();
            path.push(self.id(self.start));
            path.extend(
                self.traversal
                    .path(position)
                    .into_iter()
                    .map(|n| self.id(n)),
            );
            seq.serialize_element(&ReachRef {
                id: self.id(node),
                project: self.project(position),
                depth: path.len() - 1,
                path: &path,
            })?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use crate::Catalog;

    /// The borrowed serialization writes what the plain data does, projects included.
    #[test]
    fn reached_serializes_as_its_plain_data() {
        let catalog = Catalog::from_files([
            (
                "services/catalog.toml",
                "[service.auth]\nversion = \"1.0.0\"\n\n[service.gateway]\nversion = \"1.0.0\"\n\
                 [service.gateway.dependencies]\nrequires = [\"auth\"]\n",
            ),
            (
                "projects/shop/services.toml",
                "[project]\nname = \"Shop\"\n\n[service.shop-api]\nversion = \"1.0.0\"\n\
                 [service.shop-api.dependencies]\nrequires = [\"gateway\"]\n",
            ),
        ]);
        let reached = catalog.consumers("auth", true).unwrap();
        // Each path is its parent's path and one more id.
        for position in 0..reached.len() {
            let mut path = match reached.parent(position) {
                Some(parent) => reached.path(parent),
                None => vec![reached.start()],
            };
            path.extend(reached.ids().nth(position));
            assert_eq!(path, reached.path(position));
            assert_eq!(
                reached.project(position),
                reached.get(position).project.as_deref()
            );
        }
        let plain = serde_json::to_value(reached.to_vec()).unwrap();
        assert_eq!(serde_json::to_value(&reached).unwrap(), plain);
        assert_eq!(plain[1]["project"], "shop");
        assert_eq!(
            plain[1]["path"],
            serde_json::json!(["auth", "gateway", "shop-api"])
        );
    }
}
