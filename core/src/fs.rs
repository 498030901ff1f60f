//! Reading a tree from disk (the `fs` feature): reads files and hands them to `from_files`.

use crate::load::FileKind;
use crate::{Catalog, Error};
use std::fs::FileType;
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
        let mut folders = vec![
            Folder::new("services".into(), FileKind::SERVICES_FILES),
            Folder::new("policies".into(), FileKind::POLICY_FILES),
        ];
        let projects = root.join("projects");
        if projects.is_dir() {
            folders.extend(
                sorted_entries(&projects)?
                    .into_iter()
                    .filter(|(_, kind)| kind.is_some_and(|k| k.is_dir()))
                    .filter_map(|(path, _)| {
                        let name = path.file_name()?.to_string_lossy().into_owned();
                        Some(Folder::new(
                            format!("projects/{name}"),
                            FileKind::PROJECT_FILES,
                        ))
                    }),
            );
        }
        // Hundreds of folders of small files: the cores take the folders one at a time.
        const FOLDERS_PER_THREAD: usize = 16;
        let weights = vec![1; folders.len()];
        let read = crate::parallel::map_weighted(&weights, FOLDERS_PER_THREAD, |i| {
            read_folder(root, &folders[i])
        });
        let (mut files, mut not_utf8) = (Vec::new(), Vec::new());
        for folder in read {
            let (folder_files, folder_not_utf8) = folder?;
            files.extend(folder_files);
            not_utf8.extend(folder_not_utf8);
        }
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

/// A folder of the tree and the names of the files the format reads in it.
struct Folder {
    /// The folder's path relative to the root, with `/`.
    relative: String,
    names: &'static [&'static str],
}

impl Folder {
    fn new(relative: String, names: &'static [&'static str]) -> Self {
        Folder { relative, names }
    }
}

/// The entries of `dir`, sorted by name, with their types: symbolic links followed, other
/// entries typed by the directory listing itself (no `stat` per file). An entry that cannot be
/// typed (a broken link) counts as neither a file nor a folder.
fn sorted_entries(dir: &Path) -> Result<Vec<(PathBuf, Option<FileType>)>, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        let kind = match entry.file_type() {
            Ok(kind) if kind.is_symlink() => std::fs::metadata(&path).map(|m| m.file_type()),
            kind => kind,
        };
        entries.push((path, kind.ok()));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

/// The files of `folder` that the format knows, keyed by path relative to `root`. Each is
/// opened by its name, without listing the folder: the format reads no other file there. An
/// absent file (or a broken link, or a folder that is absent or not a folder) is skipped, like
/// an entry that is not a file. A file that is not UTF-8 is read lossily and noted with its
/// first bad offset.
fn read_folder(root: &Path, folder: &Folder) -> Result<ReadFiles, Error> {
    use std::io::{ErrorKind, Read};
    let (mut files, mut not_utf8) = (Vec::new(), Vec::new());
    for name in folder.names {
        let relative = format!("{}/{name}", folder.relative);
        let path = root.join(&relative);
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let mut file = match std::fs::File::open(&path) {
            Ok(file) => file,
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                continue;
            }
            Err(e) => return Err(io(e)),
        };
        let metadata = file.metadata().map_err(io)?;
        if !metadata.is_file() {
            continue;
        }
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        file.read_to_end(&mut bytes).map_err(io)?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                not_utf8.push((relative.clone(), e.utf8_error().valid_up_to()));
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        files.push((relative, text));
    }
    Ok((files, not_utf8))
}

#[cfg(all(test, unix))]
mod tests {
    use crate::Catalog;
    use std::path::PathBuf;

    /// A fresh empty folder under the system's temporary folder.
    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("service-catalog-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Entries are typed from the folder listing, so links are followed on purpose: a linked
    /// project folder and a linked file load like real ones, a broken link is skipped.
    #[test]
    fn symbolic_links_to_folders_and_files_are_followed() {
        let real = scratch("real");
        std::fs::create_dir_all(real.join("shop")).unwrap();
        std::fs::write(
            real.join("shop/services.toml"),
            "[project]\nname = \"Shop\"\n\n[service.shop-api]\nversion = \"1.0.0\"\n",
        )
        .unwrap();
        std::fs::write(
            real.join("catalog.toml"),
            "[service.shared-auth]\nversion = \"2.0.0\"\n",
        )
        .unwrap();
        let tree = scratch("linked");
        std::fs::create_dir_all(tree.join("services")).unwrap();
        std::fs::create_dir_all(tree.join("projects")).unwrap();
        std::os::unix::fs::symlink(
            real.join("catalog.toml"),
            tree.join("services/catalog.toml"),
        )
        .unwrap();
        std::os::unix::fs::symlink(real.join("shop"), tree.join("projects/shop")).unwrap();
        std::os::unix::fs::symlink(real.join("missing"), tree.join("projects/gone")).unwrap();

        let catalog = Catalog::load(&tree).unwrap();
        let ids: Vec<&str> = catalog.services().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["shared-auth", "shop-api"]);
        assert_eq!(catalog.projects().len(), 1);
        std::fs::remove_dir_all(&real).unwrap();
        std::fs::remove_dir_all(&tree).unwrap();
    }
}
