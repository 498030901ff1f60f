//! `service-catalog impact`: what the change from a base tree (a folder or a git revision) to
//! the head tree does to everyone else. Exit 0 on pass or warn, 1 on fail, 2 could not run.

use crate::check::{Format, exit_without_freeing, load, today_utc, write_output};
use crate::{Failure, Outcome};
use service_catalog::{Catalog, Date, Verdict, impact};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(group = clap::ArgGroup::new("base").required(true).args(["base_dir", "base_rev"]))]
pub struct Args {
    /// The base tree, as a folder.
    #[arg(long = "base", value_name = "DIR")]
    base_dir: Option<PathBuf>,
    /// The base tree, as the head folder was at this git revision (no second checkout).
    #[arg(long = "base-rev", value_name = "GITREV")]
    base_rev: Option<String>,
    /// The head tree (default: the current directory).
    #[arg(long, value_name = "DIR", default_value = ".")]
    head: PathBuf,
    /// The date the time-based checks count from (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<Date>,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let head = load(&args.head)?;
    let base = match (&args.base_dir, &args.base_rev) {
        (Some(dir), _) => load(dir)?,
        (None, Some(rev)) => {
            Catalog::load_revision(&args.head, rev).map_err(|err| Failure(err.to_string()))?
        }
        (None, None) => unreachable!("clap requires --base or --base-rev"),
    };
    let report = impact(&base, &head, args.today.unwrap_or_else(today_utc));
    let to_terminal = args.output.is_none();
    let rendered = match args.format {
        Format::Text => report.to_text(to_terminal && crate::check::color_wanted()),
        Format::Json => report.to_json(),
        Format::Markdown => report.to_markdown(),
        Format::Sarif => report.to_sarif(),
    };
    write_output(args.output.as_deref(), &rendered)?;
    let fails = report.verdict() == Verdict::Fail;
    exit_without_freeing((base, head, report));
    Ok(if fails {
        Outcome::ErrorsFound
    } else {
        Outcome::Clean
    })
}
