//! The `Catalog` class: a loaded tree kept in Rust behind a JavaScript handle.
//!
//! Each method is convert in, call the core, convert out: [`answer`] runs the call behind the
//! panic guard and turns its serde answer into plain JavaScript data.

use crate::convert::{answer, date_or_today, status};
use crate::edit::Editor;
use crate::error::{Failure, guard};
use crate::reach;
use crate::report::Report;
use crate::tasks::{CheckTask, LoadTask};
use napi::bindgen_prelude::{AsyncTask, ObjectFinalize};
use napi::{Env, Unknown};
use napi_derive::napi;
use service_catalog::{Catalog as CoreCatalog, Error as CoreError};
use std::collections::HashMap;
use std::sync::Arc;

/// Options of `catalog.check()`.
#[napi(object)]
pub struct CheckOptions {
    /// The date the time-based checks count from, `YYYY-MM-DD` (default: today, UTC).
    pub today: Option<String>,
}

/// Options of `catalog.dependencies()` and `catalog.consumers()`.
#[napi(object)]
pub struct ReachOptions {
    /// Follow chains: everything reached, each with its shortest path (default false: direct
    /// answers only).
    pub transitive: Option<bool>,
}

/// Whether `options` ask for transitive answers.
fn transitive(options: &Option<ReachOptions>) -> bool {
    options.as_ref().and_then(|o| o.transitive).unwrap_or(false)
}

/// A control-center tree read into the typed model, with every finding made while reading it.
/// Loading never throws for content: parse and schema problems are in `diagnostics()`.
#[napi(custom_finalize)]
pub struct Catalog {
    inner: Arc<CoreCatalog>,
    /// The memory this handle keeps alive, as told to V8.
    footprint: i64,
}

/// About how many bytes of memory a catalog holds per byte of TOML it was read from (a 10k-
/// service tree of 8 MB grows a process by about 50 MB).
const BYTES_PER_SOURCE_BYTE: i64 = 6;

impl Catalog {
    /// Wraps a core catalog, and tells V8 how much memory the handle keeps alive: otherwise V8
    /// sees a small object, rarely collects it, and a process that loads catalogs in a loop
    /// grows by a whole catalog each time.
    pub fn new(env: &Env, inner: CoreCatalog) -> Self {
        let source_bytes: usize = inner.sources().iter().map(|s| s.text().len()).sum();
        let footprint = i64::try_from(source_bytes)
            .unwrap_or(i64::MAX)
            .saturating_mul(BYTES_PER_SOURCE_BYTE);
        // Only a hint: if V8 cannot take it, the catalog is still collected eventually.
        let footprint = match env.adjust_external_memory(footprint) {
            Ok(_) => footprint,
            Err(_) => 0,
        };
        Catalog {
            inner: Arc::new(inner),
            footprint,
        }
    }

    /// The core catalog.
    pub fn core(&self) -> &CoreCatalog {
        &self.inner
    }

    /// The core catalog, shared with work on another thread.
    pub fn shared(&self) -> Arc<CoreCatalog> {
        self.inner.clone()
    }
}

impl ObjectFinalize for Catalog {
    /// Takes back what [`Catalog::new`] told V8.
    fn finalize(self, env: Env) -> napi::Result<()> {
        env.adjust_external_memory(-self.footprint)?;
        Ok(())
    }
}

/// The error for a service id the catalog does not define.
fn unknown_service(id: &str) -> Failure {
    Failure::Core(CoreError::UnknownService { id: id.to_owned() })
}

/// The error for a project id the catalog does not define.
fn unknown_project(id: &str) -> Failure {
    Failure::Core(CoreError::UnknownProject { id: id.to_owned() })
}

#[napi]
impl Catalog {
    /// Reads the tree at `dir` from disk. Throws `not-found` or `io` (with `path`) only.
    #[napi(factory)]
    pub fn load(env: Env, dir: String) -> napi::Result<Catalog> {
        guard(&env, || Ok(Catalog::new(&env, CoreCatalog::load(&dir)?)))
    }

    /// Reads the tree at `dir` (inside a git work tree) as it was at the git revision `rev`,
    /// without a second checkout; its `root` is `"DIR@REV"`. Throws `invalid-argument` (with
    /// `argument`) for an unknown revision, `io` (with `path`) when git cannot run.
    #[napi(factory)]
    pub fn load_revision(env: Env, dir: String, rev: String) -> napi::Result<Catalog> {
        guard(&env, || {
            Ok(Catalog::new(&env, CoreCatalog::load_revision(&dir, &rev)?))
        })
    }

    /// `Catalog.load` off the main thread: the returned promise settles with the catalog.
    #[napi(ts_return_type = "Promise<Catalog>")]
    pub fn load_async(dir: String) -> AsyncTask<LoadTask> {
        AsyncTask::new(LoadTask::new(dir))
    }

    /// Reads a tree from in-memory files: `{ "services/catalog.toml": text, … }`, paths relative
    /// to the root. The pure entry point: every front door ends here.
    #[napi(factory)]
    pub fn from_files(env: Env, files: HashMap<String, String>) -> napi::Result<Catalog> {
        guard(&env, || {
            Ok(Catalog::new(&env, CoreCatalog::from_files(files)))
        })
    }

    /// The tree's root as given to `Catalog.load` (empty for in-memory trees).
    #[napi(getter)]
    pub fn root(&self) -> String {
        self.inner.root().to_owned()
    }

    /// Parse and schema findings made while loading, sorted.
    #[napi(ts_return_type = "Diagnostic[]")]
    pub fn diagnostics<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(self.inner.diagnostics()))
    }

    /// Every finding of the tree as of `today` (format §3–§7): a `Report`.
    #[napi]
    pub fn check(&self, env: Env, options: Option<CheckOptions>) -> napi::Result<Report> {
        let today = options.and_then(|o| o.today);
        guard(&env, || {
            let today = date_or_today("today", today.as_deref())?;
            Ok(Report::new(self.inner.check(today)))
        })
    }

    /// `check` off the main thread: the returned promise settles with the report.
    #[napi(ts_return_type = "Promise<Report>")]
    pub fn check_async(&self, options: Option<CheckOptions>) -> AsyncTask<CheckTask> {
        let today = options.and_then(|o| o.today);
        AsyncTask::new(CheckTask::new(self.inner.clone(), today))
    }

    /// Every service, shared ones first, then each project's in path order.
    #[napi(ts_return_type = "Service[]")]
    pub fn services<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(self.inner.services()))
    }

    /// The service with this id; throws `unknown-service` (with `serviceId`) when there is none.
    #[napi(ts_return_type = "Service")]
    pub fn service<'env>(&self, env: &'env Env, id: String) -> napi::Result<Unknown<'env>> {
        answer(env, || {
            self.inner.service(&id).ok_or_else(|| unknown_service(&id))
        })
    }

    /// Every project, in path order.
    #[napi(ts_return_type = "Project[]")]
    pub fn projects<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(self.inner.projects()))
    }

    /// The project with this id; throws `unknown-project` (with `projectId`) when there is none.
    #[napi(ts_return_type = "Project")]
    pub fn project<'env>(&self, env: &'env Env, id: String) -> napi::Result<Unknown<'env>> {
        answer(env, || {
            self.inner.project(&id).ok_or_else(|| unknown_project(&id))
        })
    }

    /// What the service `id` depends on, nearest first; with `{ transitive: true }` everything
    /// it reaches, each with the shortest path from `id`.
    #[napi(ts_return_type = "Reach[]")]
    pub fn dependencies(
        &self,
        env: Env,
        id: String,
        options: Option<ReachOptions>,
    ) -> napi::Result<Unknown<'static>> {
        guard(&env, || {
            let reached = self.inner.dependencies(&id, transitive(&options))?;
            reach::answers(&env, &reached)
        })
    }

    /// What depends on the service `id`, nearest first; with `{ transitive: true }` everything
    /// that reaches it, each with its project and the shortest path from `id` outwards.
    #[napi(ts_return_type = "Reach[]")]
    pub fn consumers(
        &self,
        env: Env,
        id: String,
        options: Option<ReachOptions>,
    ) -> napi::Result<Unknown<'static>> {
        guard(&env, || {
            let reached = self.inner.consumers(&id, transitive(&options))?;
            reach::answers(&env, &reached)
        })
    }

    /// The cycle a new dependency of `from` on `to` would close, as ids from `from` back to
    /// `from`, or `null` when the edge is safe.
    #[napi]
    pub fn would_create_cycle(
        &self,
        env: Env,
        from: String,
        to: String,
    ) -> napi::Result<Option<Vec<String>>> {
        guard(&env, || Ok(self.inner.would_create_cycle(&from, &to)?))
    }

    /// Format-preserving edits of this catalog's files: an `Editor` whose methods return the
    /// new text of each changed file.
    #[napi]
    pub fn edit(&self) -> Editor {
        Editor::new(self.inner.clone())
    }

    /// Whether the service `id` may move to the status `to` on `date` (`YYYY-MM-DD`, default
    /// today, UTC), and why not (format §5).
    #[napi(ts_return_type = "Transition")]
    pub fn transition<'env>(
        &self,
        env: &'env Env,
        id: String,
        to: String,
        date: Option<String>,
    ) -> napi::Result<Unknown<'env>> {
        answer(env, || {
            let (to, date) = (status("to", &to)?, date_or_today("date", date.as_deref())?);
            Ok(self.inner.transition(&id, to, date)?)
        })
    }
}
