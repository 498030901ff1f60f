//! `service-catalog graph [DIR]`: the dependency graph (or one service's neighbourhood) as
//! Mermaid or Graphviz DOT; `render mermaid` and `render dot` under a shorter name.

use crate::{Failure, Outcome};
use clap::ValueEnum;
use service_catalog::{RenderKind, RenderOptions};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Root of the tree (the folder holding `services/` and `projects/`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The graph language.
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    format: GraphFormat,
    /// Draw only this service's neighbourhood.
    #[arg(long, value_name = "ID")]
    service: Option<String>,
    /// How many hops the neighbourhood reaches (with --service; default 1).
    #[arg(long, value_name = "N", requires = "service")]
    depth: Option<usize>,
    /// Write to PATH instead of standard output.
    #[arg(long, alias = "output", value_name = "PATH")]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    /// A Mermaid flowchart (GitHub renders it in Markdown).
    Mermaid,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let kind = match args.format {
        GraphFormat::Mermaid => RenderKind::Mermaid,
        GraphFormat::Dot => RenderKind::Dot,
    };
    let options = RenderOptions {
        service: args.service,
        depth: args.depth,
        ..RenderOptions::default()
    };
    crate::render::emit(&args.dir, kind, &options, args.out.as_deref())
}
