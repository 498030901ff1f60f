//! `service-catalog diff BASE HEAD`: every service change between two trees, classified.

use crate::check::load;
use crate::{Failure, Outcome};
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The base tree.
    base: PathBuf,
    /// The head tree.
    head: PathBuf,
    /// How to print the change set.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    /// One line per changed service.
    Text,
    /// The change set as JSON.
    Json,
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let changes = service_catalog::diff(&load(&args.base)?, &load(&args.head)?);
    let text = match args.format {
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&changes)
                .map_err(|err| Failure(format!("cannot serialize the change set: {err}")))?;
            json.push('\n');
            json
        }
        DiffFormat::Text => {
            let mut out = String::new();
            for change in &changes.services {
                let versions = match (&change.from_version, &change.to_version) {
                    (Some(a), Some(b)) if a != b => format!("{a} -> {b}"),
                    (a, b) => a.clone().or(b.clone()).unwrap_or_default(),
                };
                out.push_str(&format!(
                    "{:<12} {} {versions}\n",
                    change.kind.as_str(),
                    change.id
                ));
                for field in &change.fields {
                    out.push_str(&format!("             {}\n", field.field));
                }
            }
            if changes.is_empty() {
                out.push_str("no service changed\n");
            }
            out
        }
    };
    crate::check::write_output(None, &text)?;
    Ok(Outcome::Clean)
}
