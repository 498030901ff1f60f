//! The answers of the graph queries (`Reach[]`) handed over as the tree they are.
//!
//! A transitive query can reach the whole graph, and every answer carries its path from the
//! queried service: the 9,999 consumers of a hub are 1.2 MB of JSON, most of it the same ids
//! again and again, and `JSON.parse` makes a string of every one. The answers form a tree
//! (each path is its parent's path and one more id), so they cross as that tree, each id once:
//! the ids as one text (ids hold no newline), each answer's parent and project as typed arrays.
//! A small JavaScript function rebuilds the `Reach` objects, sharing one string per id. The
//! objects are the same as `JSON.parse` of the plain data would give.

use crate::error::Failure;
use napi::bindgen_prelude::{FnArgs, Function, FunctionRef, Int32Array};
use napi::{Env, Unknown};
use service_catalog::Reached;
use std::collections::HashMap;

/// The arguments of [`REBUILD`]: the queried service; the answers' ids in breadth-first order,
/// one per line; for each answer the position of the answer it was reached through (-1: the
/// queried service); the projects, one per line; for each answer its project (a line of the
/// projects, -1: a shared service).
type Tree = FnArgs<(String, String, Int32Array, String, Int32Array)>;

fn tree(reached: &Reached<'_>) -> Tree {
    let mut projects: Vec<&str> = Vec::new();
    let mut positions: HashMap<&str, i32> = HashMap::new();
    let project_of: Vec<i32> = (0..reached.len())
        .map(|position| match reached.project(position) {
            None => -1,
            Some(project) => *positions.entry(project).or_insert_with(|| {
                projects.push(project);
                projects.len() as i32 - 1
            }),
        })
        .collect();
    let parents: Vec<i32> = (0..reached.len())
        .map(|position| reached.parent(position).map_or(-1, |p| p as i32))
        .collect();
    let ids: Vec<&str> = reached.ids().collect();
    FnArgs::from((
        reached.start().to_owned(),
        ids.join("\n"),
        Int32Array::new(parents),
        projects.join("\n"),
        Int32Array::new(project_of),
    ))
}

/// Rebuilds the `Reach[]` of a [`Tree`], with the properties in the order of the plain data
/// (`id`, `project` when there is one, `depth`, `path`). A path is its parent's copied with one
/// more id (`slice` and `push`: measured twice as fast as `concat` here).
const REBUILD: &str = r#"(function rebuildReach(start, idLines, parents, projectLines, projectOf) {
  const ids = parents.length > 0 ? idLines.split('\n') : []
  const projects = projectLines.split('\n')
  const answers = new Array(ids.length)
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]
    const parent = parents[i]
    let path
    if (parent < 0) {
      path = [start, id]
    } else {
      path = answers[parent].path.slice()
      path.push(id)
    }
    const depth = path.length - 1
    answers[i] = projectOf[i] < 0
      ? { id, depth, path }
      : { id, project: projects[projectOf[i]], depth, path }
  }
  return answers
})"#;

/// [`REBUILD`], compiled once per JavaScript environment (the main thread and each worker).
struct Rebuild(FunctionRef<Tree, Unknown<'static>>);

/// The answers of a graph query as JavaScript `Reach` objects (returned by the method that
/// asked, in the scope of its call).
pub fn answers(env: &Env, reached: &Reached<'_>) -> Result<Unknown<'static>, Failure> {
    rebuild(env, tree(reached)).map_err(Failure::Js)
}

fn rebuild(env: &Env, tree: Tree) -> napi::Result<Unknown<'static>> {
    let function = match env.get_instance_data::<Rebuild>()? {
        Some(Rebuild(function)) => function.borrow_back(env)?,
        None => {
            let function: Function<Tree, Unknown<'static>> = env.run_script(REBUILD)?;
            env.set_instance_data(Rebuild(function.create_ref()?), (), |_| {})?;
            function
        }
    };
    function.call(tree)
}
