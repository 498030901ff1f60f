//! `service-catalog deprecate ID --replacement ID [--sunset DATE] [--date DATE] [DIR]
//! [--dry-run]`: deprecate a service in its file (every comment and unrelated byte kept), then
//! check the result like `check` does.

use crate::check::{load, today_utc, write_output};
use crate::{Failure, Outcome};
use service_catalog::{Catalog, Date, FileEdit, unified_diff};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The service to deprecate.
    id: String,
    /// Root of the tree (the folder holding `services/` and `projects/`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The service that replaces it.
    #[arg(long, value_name = "ID")]
    replacement: String,
    /// The sunset date (default: six months after the deprecation date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    sunset: Option<Date>,
    /// The deprecation date (default: today, UTC); the check after the edit counts from it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<Date>,
    /// Print the change as a unified diff instead of writing it; the check's report then goes
    /// to standard error, so standard output is a patch (`git apply` takes it in DIR).
    #[arg(long)]
    dry_run: bool,
}

/// What a run prints, and how it ends.
struct Printed {
    stdout: String,
    stderr: String,
    outcome: Outcome,
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let printed = execute(&args, color_wanted)?;
    if !printed.stderr.is_empty() {
        let mut err = io::stderr().lock();
        // Standard error going away is no reason to fail the edit that was made.
        let _ = err.write_all(printed.stderr.as_bytes());
    }
    write_output(None, &printed.stdout)?;
    Ok(printed.outcome)
}

fn execute(args: &Args, color: fn(Stream) -> bool) -> Result<Printed, Failure> {
    let catalog = load(&args.dir)?;
    let date = args.date.unwrap_or_else(today_utc);
    let edits = catalog
        .edit()
        .deprecate(&args.id, &args.replacement, args.sunset, date)
        .map_err(|err| Failure(err.to_string()))?;
    let mut notes = String::new();
    if edits.is_empty() {
        notes.push_str(&format!(
            "nothing to change: `{}` is already deprecated that way\n",
            args.id
        ));
    }
    if args.dry_run {
        let diff: String = edits
            .iter()
            .map(|edit| unified_diff(&edit.path, source_text(&catalog, &edit.path), &edit.text))
            .collect();
        let report = with_edits(&catalog, &edits).check(date);
        notes.push_str(&report.to_text(color(Stream::Stderr)));
        return Ok(Printed {
            stdout: diff,
            stderr: notes,
            outcome: outcome(report.has_errors()),
        });
    }
    for edit in &edits {
        let path = args.dir.join(&edit.path);
        std::fs::write(&path, &edit.text)
            .map_err(|err| Failure(format!("cannot write {}: {err}", path.display())))?;
        notes.push_str(&format!("updated {}\n", edit.path));
    }
    // Read the tree again: the report is exactly what `check` says about it now.
    let report = load(&args.dir)?.check(date);
    Ok(Printed {
        stdout: report.to_text(color(Stream::Stdout)),
        stderr: notes,
        outcome: outcome(report.has_errors()),
    })
}

fn outcome(errors: bool) -> Outcome {
    if errors {
        Outcome::ErrorsFound
    } else {
        Outcome::Clean
    }
}

/// The text `catalog` read for `path`.
fn source_text<'c>(catalog: &'c Catalog, path: &str) -> &'c str {
    catalog
        .sources()
        .iter()
        .find(|s| s.path() == path)
        .map_or("", |s| s.text())
}

/// The catalog's files with `edits` applied, read again.
fn with_edits(catalog: &Catalog, edits: &[FileEdit]) -> Catalog {
    let files = catalog.sources().iter().map(|source| {
        let edited = edits.iter().find(|e| e.path == source.path());
        let text = edited.map_or(source.text(), |e| e.text.as_str());
        (source.path().to_owned(), text.to_owned())
    });
    let mut after = Catalog::from_files(files.collect::<Vec<_>>());
    after.set_root(catalog.root().to_owned());
    after
}

/// Where a report is printed.
#[derive(Clone, Copy)]
enum Stream {
    Stdout,
    Stderr,
}

/// Colour only on a terminal, and never when `NO_COLOR` is set to a non-empty value.
fn color_wanted(stream: Stream) -> bool {
    match stream {
        Stream::Stdout => crate::check::color_wanted(),
        Stream::Stderr => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            !no_color && io::stderr().is_terminal()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::atomic::{AtomicUsize, Ordering};

    const CATALOG: &str = "\
# Shared services
[service.old-auth]
version = \"1.4.0\"  # the last release
status = \"ga\"

[service.old-auth.sla]
availability = \"99.9%\"

[service.auth]
version = \"2.0.0\"
status = \"ga\"

[service.auth.sla]
availability = \"99.9%\"
";

    /// A tree in a fresh temporary folder, removed on drop.
    struct Tree(PathBuf);

    impl Tree {
        fn new(catalog: &str) -> Tree {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let root = std::env::temp_dir().join(format!(
                "service-catalog-deprecate-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ));
            let _ = std::fs::remove_dir_all(&root);
            std::fs::create_dir_all(root.join("services")).unwrap();
            std::fs::write(root.join("services/catalog.toml"), catalog).unwrap();
            Tree(root)
        }

        fn catalog(&self) -> String {
            std::fs::read_to_string(self.0.join("services/catalog.toml")).unwrap()
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn args(dir: &Path, id: &str, replacement: &str, dry_run: bool) -> Args {
        Args {
            id: id.into(),
            dir: dir.to_path_buf(),
            replacement: replacement.into(),
            sunset: None,
            date: Some(Date::parse("2026-01-15").unwrap()),
            dry_run,
        }
    }

    fn no_color(_: Stream) -> bool {
        false
    }

    #[track_caller]
    fn ok(result: Result<Printed, Failure>) -> Printed {
        result.unwrap_or_else(|Failure(message)| panic!("could not run: {message}"))
    }

    #[test]
    fn writes_the_file_in_place_and_checks_it() {
        let tree = Tree::new(CATALOG);
        let printed = ok(execute(&args(&tree.0, "old-auth", "auth", false), no_color));
        assert!(
            matches!(printed.outcome, Outcome::Clean),
            "{}",
            printed.stdout
        );
        assert_eq!(printed.stderr, "updated services/catalog.toml\n");
        let expected = CATALOG.replace(
            "status = \"ga\"\n\n[service.old-auth.sla]\navailability = \"99.9%\"\n",
            "status = \"deprecated\"\n\n[service.old-auth.sla]\navailability = \"99.9%\"\n\n\
             [service.old-auth.lifecycle]\nsince = 2026-01-15\ndeprecation_date = 2026-01-15\n\
             sunset_date = 2026-07-15\nreplacement_service = \"auth\"\n",
        );
        assert_eq!(tree.catalog(), expected);
        // Again: nothing left to change.
        let printed = ok(execute(&args(&tree.0, "old-auth", "auth", false), no_color));
        assert!(
            printed.stderr.starts_with("nothing to change"),
            "{}",
            printed.stderr
        );
        assert_eq!(tree.catalog(), expected);
    }

    #[test]
    fn a_dry_run_prints_a_patch_and_writes_nothing() {
        let tree = Tree::new(CATALOG);
        let printed = ok(execute(&args(&tree.0, "old-auth", "auth", true), no_color));
        assert!(matches!(printed.outcome, Outcome::Clean));
        assert_eq!(tree.catalog(), CATALOG);
        assert!(
            printed.stdout.starts_with(
                "--- a/services/catalog.toml\n+++ b/services/catalog.toml\n@@ -1,10 +1,16 @@\n"
            ),
            "{}",
            printed.stdout
        );
        assert!(
            printed
                .stdout
                .contains("\n-status = \"ga\"\n+status = \"deprecated\"\n")
        );
        assert!(printed.stdout.contains("\n+sunset_date = 2026-07-15\n"));
    }

    #[test]
    fn a_check_that_fails_after_the_edit_exits_with_errors() {
        // The replacement is itself deprecated, which the format forbids.
        let catalog = CATALOG.replace(
            "version = \"2.0.0\"\nstatus = \"ga\"",
            "version = \"2.0.0\"\nstatus = \"deprecated\"",
        );
        let tree = Tree::new(&catalog);
        let printed = ok(execute(&args(&tree.0, "old-auth", "auth", false), no_color));
        assert!(matches!(printed.outcome, Outcome::ErrorsFound));
        assert!(
            printed.stdout.contains("lifecycle/replacement-unusable"),
            "{}",
            printed.stdout
        );
    }

    #[test]
    fn bad_arguments_cannot_run() {
        let tree = Tree::new(CATALOG);
        let Err(Failure(message)) = execute(&args(&tree.0, "nope", "auth", false), no_color) else {
            panic!("an unknown service is an error");
        };
        assert_eq!(message, "unknown service `nope`");
        let Err(Failure(message)) = execute(&args(&tree.0, "auth", "auth", true), no_color) else {
            panic!("a service cannot replace itself");
        };
        assert_eq!(
            message,
            "invalid argument `replacement`: `auth` cannot replace itself"
        );
        assert!(
            execute(
                &args(&tree.0.join("missing"), "auth", "old-auth", false),
                no_color
            )
            .is_err()
        );
        assert_eq!(tree.catalog(), CATALOG);
    }
}
