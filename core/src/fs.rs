//! Reading a tree from disk (the `fs` feature): reads files and hands them to `from_files`.

use crate::load::FileKind;
use crate::{Catalog, Error};
use std::path::{Path, PathBuf};

impl Catalog {
    /// Reads the control-center tree at `root`. Only I/O fails; every content problem is a
    /// finding in [`Catalog::diagnostics`].
    pub fn load(root: impl AsRef<Path>) -> Result<Catalog, Error> {
        let root = root.as_ref();
        let metadata = std::fs::metadata(root).map_err(|e| Error::NotFound {
            path: root.to_path_buf(),
            reason: e.to_string(),
        })?;
        if !metadata.is_dir() {
            return Err(Error::NotFound {
                path: root.to_path_buf(),
                reason: "not a directory".into(),
            });
        }
        let mut dirs = vec![root.join("services"), root.join("policies")];
        let projects = root.join("projects");
        if projects.is_dir() {
            dirs.extend(
                sorted_entries(&projects)?
                    .into_iter()
                    .filter(|p| p.is_dir()),
            );
        }
        // Thousands of small files: the two halves of the folders are read at once.
        let (first, second) = dirs.split_at(dirs.len() / 2);
        let (first, second) =
            crate::parallel::join(|| read_dirs(root, first), || read_dirs(root, second));
        let (mut files, mut not_utf8) = first?;
        let (more_files, more_not_utf8) = second?;
        files.extend(more_files);
        not_utf8.extend(more_not_utf8);
        let mut catalog = Catalog::from_files(files);
        catalog.set_root(root.to_string_lossy().into_owned());
        for (path, offset) in not_utf8 {
            catalog.report_not_utf8(&path, offset);
        }
        Ok(catalog)
    }
}

/// Files read from disk: `(relative path, text)`, and `(relative path, first bad offset)` for
/// those that are not UTF-8.
type ReadFiles = (Vec<(String, String)>, Vec<(String, usize)>);

/// The files of the format in `dirs`, keyed by path relative to `root`, and the files among
/// them that are not UTF-8 (see [`read_dir_files`]).
fn read_dirs(root: &Path, dirs: &[PathBuf]) -> Result<ReadFiles, Error> {
    let (mut files, mut not_utf8) = (Vec::new(), Vec::new());
    for dir in dirs {
        read_dir_files(root, dir, &mut files, &mut not_utf8)?;
    }
    Ok((files, not_utf8))
}

/// The entries of `dir`, sorted by name.
fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        entries.push(entry.map_err(io)?.path());
    }
    entries.sort();
    Ok(entries)
}

/// Reads the files of `dir` that the format knows into `files`, keyed by path relative to `root`.
/// A file that is not UTF-8 is read lossily and noted in `not_utf8` with its first bad offset.
fn read_dir_files(
    root: &Path,
    dir: &Path,
    files: &mut Vec<(String, String)>,
    not_utf8: &mut Vec<(String, usize)>,
) -> Result<(), Error> {
    if !dir.is_dir() {
        return Ok(());
    }
    for path in sorted_entries(dir)? {
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let relative: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let relative = relative.join("/");
        if FileKind::of(&relative).is_none() || !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                not_utf8.push((relative.clone(), e.utf8_error().valid_up_to()));
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        files.push((relative, text));
    }
    Ok(())
}
