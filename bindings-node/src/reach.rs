//! The answers of the graph queries (`Reach[]`) handed over as the tree they are.
//!
//! A transitive query can reach the whole graph, and every answer carries its path from the
//! queried service: the 9,999 consumers of a hub are 1.2 MB of JSON, most of it the same ids
//! again and again, and `JSON.parse` makes a string of every one. The answers form a tree
//! (each path is its parent's path and one more id), so they cross as that tree, each id once,
//! and a small JavaScript function rebuilds the `Reach` objects, sharing one string per id and
//! one prefix per parent. The objects are the same as `JSON.parse` of the plain data would give.

use crate::error::Failure;
use napi::bindgen_prelude::{Function, FunctionRef};
use napi::{Env, Unknown};
use serde::Serialize;
use service_catalog::Reached;
use std::collections::HashMap;

/// The answers as a tree: for each (in breadth-first order) its id, the position of the answer
/// it was reached through (-1: the queried service) and its project (a position in
/// `projects`, -1: a shared service).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Tree<'c> {
    start: &'c str,
    ids: Vec<&'c str>,
    parents: Vec<i64>,
    projects: Vec<&'c str>,
    project_of: Vec<i64>,
}

impl<'c> Tree<'c> {
    fn of(reached: &Reached<'c>) -> Self {
        let mut projects: Vec<&'c str> = Vec::new();
        let mut positions: HashMap<&'c str, i64> = HashMap::new();
        let project_of = (0..reached.len())
            .map(|position| match reached.project(position) {
                None => -1,
                Some(project) => *positions.entry(project).or_insert_with(|| {
                    projects.push(project);
                    projects.len() as i64 - 1
                }),
            })
            .collect();
        Tree {
            start: reached.start(),
            ids: reached.ids().collect(),
            parents: (0..reached.len())
                .map(|position| reached.parent(position).map_or(-1, |p| p as i64))
                .collect(),
            projects,
            project_of,
        }
    }
}

/// Rebuilds the `Reach[]` of a [`Tree`] given as JSON text, with the properties in the order
/// of the plain data (`id`, `project` when there is one, `depth`, `path`).
const REBUILD: &str = r#"(function rebuildReach(text) {
  const { start, ids, parents, projects, projectOf } = JSON.parse(text)
  const answers = new Array(ids.length)
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]
    const parent = parents[i]
    const path = parent < 0 ? [start, id] : answers[parent].path.concat(id)
    const depth = path.length - 1
    answers[i] = projectOf[i] < 0
      ? { id, depth, path }
      : { id, project: projects[projectOf[i]], depth, path }
  }
  return answers
})"#;

/// [`REBUILD`], compiled once per JavaScript environment (the main thread and each worker).
struct Rebuild(FunctionRef<String, Unknown<'static>>);

/// The answers of a graph query as JavaScript `Reach` objects (returned by the method that
/// asked, in the scope of its call).
pub fn answers(env: &Env, reached: &Reached<'_>) -> Result<Unknown<'static>, Failure> {
    let text = serde_json::to_string(&Tree::of(reached))
        .map_err(|e| Failure::Js(napi::Error::from_reason(e.to_string())))?;
    rebuild(env, text).map_err(Failure::Js)
}

fn rebuild(env: &Env, text: String) -> napi::Result<Unknown<'static>> {
    let function = match env.get_instance_data::<Rebuild>()? {
        Some(Rebuild(function)) => function.borrow_back(env)?,
        None => {
            let function: Function<String, Unknown<'static>> = env.run_script(REBUILD)?;
            env.set_instance_data(Rebuild(function.create_ref()?), (), |_| {})?;
            function
        }
    };
    function.call(text)
}
