//! `service-catalog render KIND [DIR]`: SERVICES.md, TOPOLOGY.md, graphs and deployment
//! manifests generated from a tree.

use crate::check::{load, write_output};
use crate::{Failure, Outcome};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use service_catalog::{RenderKind, RenderOptions, render};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// What to render.
    #[arg(value_parser = kind_parser())]
    kind: RenderKind,
    /// Root of the tree (the folder holding `services/` and `projects/`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The project to deploy (compose, k8s).
    #[arg(long, value_name = "ID")]
    project: Option<String>,
    /// The environment to deploy to (compose, k8s; default: the project's own environment).
    #[arg(long, value_name = "NAME")]
    environment: Option<String>,
    /// Draw only this service's neighbourhood (mermaid, dot).
    #[arg(long, value_name = "ID")]
    service: Option<String>,
    /// How many hops the neighbourhood reaches (mermaid, dot with --service; default 1).
    #[arg(long, value_name = "N")]
    depth: Option<usize>,
    /// Write to PATH instead of standard output.
    #[arg(long, alias = "output", value_name = "PATH")]
    out: Option<PathBuf>,
}

/// Accepts exactly the core's kind names, and lists them in `--help`.
fn kind_parser() -> impl TypedValueParser<Value = RenderKind> {
    PossibleValuesParser::new(RenderKind::ALL.iter().map(|k| k.as_str()))
        .try_map(|name| name.parse::<RenderKind>())
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let options = RenderOptions {
        project: args.project,
        environment: args.environment,
        service: args.service,
        depth: args.depth,
    };
    emit(&args.dir, args.kind, &options, args.out.as_deref())
}

/// Loads the tree at `dir`, renders it and writes the text to `out` or standard output.
pub fn emit(
    dir: &Path,
    kind: RenderKind,
    options: &RenderOptions,
    out: Option<&Path>,
) -> Result<Outcome, Failure> {
    let catalog = load(dir)?;
    let text = render(&catalog, kind, options).map_err(|err| Failure(err.to_string()))?;
    write_output(out, &text)?;
    Ok(Outcome::Clean)
}
