//! Writes a generated control-center tree to disk, for the comparison scripts.
//!
//! ```text
//! generate --services N [--projects P] [--deps D] [--seed S] [--cycles C] [--defects K]
//!          [--clean] [--force] --out DIR
//! ```

use service_catalog_bench::{HUBS, Spec, generate};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: generate --services N [--projects P] [--deps D] [--seed S] \
[--cycles C] [--defects K] [--clean] [--force] --out DIR

  --services N   number of services (required)
  --projects P   number of projects (default: N / 25)
  --deps D       average dependencies per service (default: 10)
  --seed S       seed (default: 42)
  --cycles C     dependency cycles to plant (default: 3)
  --defects K    times to plant each kind of defect (default: 2)
  --clean        no cycles and no defects
  --force        replace the services/, projects/ and policies/ folders of a non-empty DIR
  --out DIR      where to write the tree";

struct Args {
    spec: Spec,
    out: PathBuf,
    force: bool,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut services = None;
    let (mut projects, mut deps, mut seed, mut cycles, mut defects) =
        (None, None, None, None, None);
    let (mut clean, mut force, mut out) = (false, false, None);
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let value = args.next().ok_or_else(|| format!("{name} needs a value"))?;
            value
                .parse()
                .map_err(|_| format!("{name} expects a whole number, found \"{value}\""))
        };
        match flag.as_str() {
            "--services" => services = Some(number("--services")? as usize),
            "--projects" => projects = Some(number("--projects")? as usize),
            "--deps" => deps = Some(number("--deps")? as usize),
            "--seed" => seed = Some(number("--seed")?),
            "--cycles" => cycles = Some(number("--cycles")? as usize),
            "--defects" => defects = Some(number("--defects")? as usize),
            "--clean" => clean = true,
            "--force" => force = true,
            "--out" => out = Some(PathBuf::from(args.next().ok_or("--out needs a value")?)),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let services = services.ok_or("--services is required")?;
    let out = out.ok_or("--out is required")?;
    let base = if clean {
        Spec::clean(services)
    } else {
        Spec::new(services)
    };
    let spec = Spec {
        projects: projects.unwrap_or(base.projects),
        deps: deps.unwrap_or(base.deps),
        seed: seed.unwrap_or(base.seed),
        cycles: cycles.unwrap_or(base.cycles),
        defects: defects.unwrap_or(base.defects),
        ..base
    };
    Ok(Args { spec, out, force })
}

/// Makes `out` ready for a new tree: empty, or emptied of the folders a tree has.
fn prepare(out: &Path, force: bool) -> Result<(), String> {
    let describe = |e: std::io::Error| format!("cannot prepare {}: {e}", out.display());
    if out.exists() && out.read_dir().map_err(describe)?.next().is_some() {
        if !force {
            return Err(format!(
                "{} is not empty (pass --force to replace its tree)",
                out.display()
            ));
        }
        for folder in ["services", "projects", "policies"] {
            let path = out.join(folder);
            if path.exists() {
                std::fs::remove_dir_all(&path).map_err(describe)?;
            }
        }
    }
    std::fs::create_dir_all(out).map_err(describe)
}

fn run(args: Args) -> Result<(), String> {
    prepare(&args.out, args.force)?;
    let files = generate(&args.spec);
    let mut bytes = 0;
    for (path, text) in &files {
        let path = args.out.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        bytes += text.len();
    }
    println!(
        "wrote {} files, {:.1} MB: {} services, {} projects, hubs {} to {}",
        files.len(),
        bytes as f64 / 1e6,
        args.spec.services.max(HUBS.len()),
        files
            .iter()
            .filter(|(path, _)| path.ends_with("/services.toml") && path.starts_with("projects/"))
            .count(),
        HUBS.join(", "),
        args.out.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
