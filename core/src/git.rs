//! Reading a tree as it was at a git revision, without a second checkout (the `fs` feature):
//! `git ls-tree` lists the files and one `git cat-file --batch` reads them all.

use crate::{Catalog, Error};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// A failure of git itself, as an I/O error on `dir`.
fn failure(dir: &Path, message: String) -> Error {
    Error::Io {
        path: dir.to_path_buf(),
        source: std::io::Error::other(message),
    }
}

impl Catalog {
    /// Reads the tree at `dir` (inside a git work tree) as it was at the git revision `rev`,
    /// without a second checkout; its root is `"DIR@REV"`. An unknown revision is an
    /// `InvalidArgument`; git failing to run is an `Io` error.
    pub fn load_revision(dir: impl AsRef<Path>, rev: &str) -> Result<Catalog, Error> {
        let dir = dir.as_ref();
        let mut catalog = Catalog::from_files(tree_at(dir, rev)?);
        catalog.set_root(format!("{}@{rev}", dir.display()));
        Ok(catalog)
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|err| failure(dir, format!("cannot run git: {err}")))?;
    if !output.status.success() {
        return Err(failure(
            dir,
            format!(
                "git {} failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            ),
        ));
    }
    Ok(output.stdout)
}

fn git_text(dir: &Path, args: &[&str]) -> Result<String, Error> {
    let out = git(dir, args)?;
    Ok(String::from_utf8_lossy(&out)
        .trim_end_matches('\n')
        .to_owned())
}

/// The catalog files of the tree at `dir` as they were at `rev`: `(path relative to dir, text)`.
fn tree_at(dir: &Path, rev: &str) -> Result<Vec<(String, String)>, Error> {
    let top = git_text(dir, &["rev-parse", "--show-toplevel"])?;
    let prefix = git_text(dir, &["rev-parse", "--show-prefix"])?;
    let commit = format!("{rev}^{{commit}}");
    git_text(dir, &["rev-parse", "--verify", "--quiet", &commit]).map_err(|_| {
        Error::InvalidArgument {
            name: "rev".into(),
            reason: format!("unknown git revision `{rev}`"),
        }
    })?;
    let mut args = vec!["ls-tree", "-r", "-z", "--name-only", rev];
    if !prefix.is_empty() {
        args.extend(["--", prefix.as_str()]);
    }
    let listing = git(Path::new(&top), &args)?;
    let paths: Vec<(String, String)> = listing
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            let full = String::from_utf8_lossy(p).into_owned();
            let relative = full.strip_prefix(&prefix)?.to_owned();
            crate::is_catalog_path(&relative).then_some((full, relative))
        })
        .collect();
    let mut child = Command::new("git")
        .arg("-C")
        .arg(&top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|err| failure(dir, format!("cannot run git: {err}")))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let requests: String = paths
        .iter()
        .map(|(full, _)| format!("{rev}:{full}\n"))
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut output = Vec::new();
    child
        .stdout
        .take()
        .expect("stdout is piped")
        .read_to_end(&mut output)
        .map_err(|err| failure(dir, format!("cannot read from git: {err}")))?;
    let _ = writer.join();
    child
        .wait()
        .map_err(|err| failure(dir, format!("git cat-file failed: {err}")))?;
    let mut files = Vec::with_capacity(paths.len());
    let mut at = 0;
    for (_, relative) in paths {
        let header_end = output[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| at + i)
            .ok_or_else(|| failure(dir, "unexpected output from git cat-file".into()))?;
        let header = String::from_utf8_lossy(&output[at..header_end]).into_owned();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| failure(dir, format!("unexpected git cat-file header `{header}`")))?;
        let start = header_end + 1;
        let text = String::from_utf8_lossy(&output[start..start + size]).into_owned();
        files.push((relative, text));
        at = start + size + 1;
    }
    Ok(files)
}
