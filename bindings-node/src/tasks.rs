//! Work that runs off the JavaScript thread (napi `AsyncTask`): `loadAsync`, `checkAsync` and
//! `impactAsync`.

use crate::catalog::Catalog;
use crate::change::ImpactReport;
use crate::convert::date_or_today;
use crate::error::{Failure, catch};
use crate::report::Report;
use napi::{Env, Task};
use service_catalog::{
    Catalog as CoreCatalog, ImpactReport as CoreImpactReport, Report as CoreReport,
};
use std::sync::Arc;

/// The failure of the worker-thread half, kept until the JavaScript half can build its `Error`.
fn park(slot: &mut Option<Failure>, failure: Failure) -> napi::Error {
    let error = napi::Error::from_reason(failure.message());
    *slot = Some(failure);
    error
}

/// The JavaScript half of a failed task: the parked failure as a thrown `Error`.
fn unpark(slot: &mut Option<Failure>, env: &Env, error: napi::Error) -> napi::Error {
    slot.take().map_or(error, |failure| failure.into_napi(env))
}

/// Reads a tree from disk on a worker thread.
pub struct LoadTask {
    dir: String,
    failure: Option<Failure>,
}

impl LoadTask {
    /// A task that reads the tree at `dir`.
    pub fn new(dir: String) -> Self {
        LoadTask { dir, failure: None }
    }
}

impl Task for LoadTask {
    type Output = CoreCatalog;
    type JsValue = Catalog;

    fn compute(&mut self) -> napi::Result<CoreCatalog> {
        let dir = &self.dir;
        catch(|| Ok(CoreCatalog::load(dir)?)).map_err(|f| park(&mut self.failure, f))
    }

    fn resolve(&mut self, env: Env, output: CoreCatalog) -> napi::Result<Catalog> {
        Ok(Catalog::new(&env, output))
    }

    fn reject(&mut self, env: Env, error: napi::Error) -> napi::Result<Catalog> {
        Err(unpark(&mut self.failure, &env, error))
    }
}

/// Checks a catalog on a worker thread.
pub struct CheckTask {
    catalog: Arc<CoreCatalog>,
    today: Option<String>,
    failure: Option<Failure>,
}

impl CheckTask {
    /// A task that checks `catalog` as of `today` (default: today, UTC).
    pub fn new(catalog: Arc<CoreCatalog>, today: Option<String>) -> Self {
        CheckTask {
            catalog,
            today,
            failure: None,
        }
    }
}

impl Task for CheckTask {
    type Output = CoreReport;
    type JsValue = Report;

    fn compute(&mut self) -> napi::Result<CoreReport> {
        let (catalog, given) = (&self.catalog, self.today.as_deref());
        catch(|| Ok(catalog.check(date_or_today("today", given)?)))
            .map_err(|f| park(&mut self.failure, f))
    }

    fn resolve(&mut self, _env: Env, output: CoreReport) -> napi::Result<Report> {
        Ok(Report::new(output))
    }

    fn reject(&mut self, env: Env, error: napi::Error) -> napi::Result<Report> {
        Err(unpark(&mut self.failure, &env, error))
    }
}

/// Compares two revisions of a tree on a worker thread.
pub struct ImpactTask {
    base: Arc<CoreCatalog>,
    head: Arc<CoreCatalog>,
    today: Option<String>,
    failure: Option<Failure>,
}

impl ImpactTask {
    /// A task that reports the impact of the change from `base` to `head` as of `today`.
    pub fn new(base: Arc<CoreCatalog>, head: Arc<CoreCatalog>, today: Option<String>) -> Self {
        ImpactTask {
            base,
            head,
            today,
            failure: None,
        }
    }
}

impl Task for ImpactTask {
    type Output = CoreImpactReport;
    type JsValue = ImpactReport;

    fn compute(&mut self) -> napi::Result<CoreImpactReport> {
        let (base, head, given) = (&self.base, &self.head, self.today.as_deref());
        catch(|| {
            let today = date_or_today("today", given)?;
            Ok(service_catalog::impact(base, head, today))
        })
        .map_err(|f| park(&mut self.failure, f))
    }

    fn resolve(&mut self, _env: Env, output: CoreImpactReport) -> napi::Result<ImpactReport> {
        Ok(ImpactReport::new(output))
    }

    fn reject(&mut self, env: Env, error: napi::Error) -> napi::Result<ImpactReport> {
        Err(unpark(&mut self.failure, &env, error))
    }
}
