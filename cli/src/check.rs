//! `service-catalog check [DIR]`: load a tree, check it, print the report.

use crate::{Failure, Outcome};
use clap::ValueEnum;
use service_catalog::{Catalog, Date, Report};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(clap::Args)]
pub struct Args {
    /// Root of the tree (the folder holding `services/` and `projects/`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The date the time-based checks count from (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<Date>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// Human-readable findings with source excerpts.
    Text,
    /// The report as JSON (`schemas/report.schema.json`).
    Json,
    /// Markdown, for a pull-request comment.
    Markdown,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let catalog = load(&args.dir)?;
    let report = catalog.check(args.today.unwrap_or_else(today_utc));
    let rendered = render(&report, args.format, args.output.is_none());
    write_output(args.output.as_deref(), &rendered)?;
    let errors = report.has_errors();
    exit_without_freeing(catalog);
    Ok(if errors {
        Outcome::ErrorsFound
    } else {
        Outcome::Clean
    })
}

/// Leaves `value` to the operating system: the command exits right after, and freeing a large
/// tree's millions of allocations one by one takes longer than the exit (a tenth of a check
/// of a 100k-service tree).
pub fn exit_without_freeing<T>(value: T) {
    std::mem::forget(value);
}

/// Loads the tree at `dir`, or says why it cannot.
pub fn load(dir: &Path) -> Result<Catalog, Failure> {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(Failure(format!("{} is not a directory", dir.display()))),
        Err(err) => return Err(Failure(format!("cannot read {}: {err}", dir.display()))),
    }
    Catalog::load(dir).map_err(|err| Failure(err.to_string()))
}

/// Writes `text` to `path`, or to standard output when there is none.
pub fn write_output(path: Option<&Path>, text: &str) -> Result<(), Failure> {
    match path {
        Some(path) => std::fs::write(path, text)
            .map_err(|err| Failure(format!("cannot write {}: {err}", path.display()))),
        None => write_stdout(text),
    }
}

fn render(report: &Report, format: Format, to_stdout: bool) -> String {
    match format {
        Format::Text => report.to_text(to_stdout && color_wanted()),
        Format::Json => report.to_json(),
        Format::Markdown => report.to_markdown(),
        Format::Sarif => report.to_sarif(),
    }
}

/// Colour only on a terminal, and never when `NO_COLOR` is set to a non-empty value
/// (<https://no-color.org>).
pub fn color_wanted() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && io::stdout().is_terminal()
}

fn write_stdout(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A reader that stops early (`| head`) is not a failure of the check.
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure(format!("cannot write to standard output: {err}")))
        }
        _ => Ok(()),
    }
}

/// Today's date in UTC, from the system clock (the core never reads the clock).
pub fn today_utc() -> Date {
    const SECONDS_PER_DAY: u64 = 86_400;
    let days = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => (since.as_secs() / SECONDS_PER_DAY) as i64,
        Err(err) => -(err.duration().as_secs().div_ceil(SECONDS_PER_DAY) as i64),
    };
    Date::from_days(days)
}
