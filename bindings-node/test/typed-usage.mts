// Type-checked with `tsc -p test/tsconfig.json` (no emit): the package's declarations, used the
// way a portal uses them through the ES module entry point. The runtime values behind these
// types are checked against the same JSON Schemas in suite.mjs.

import {
  Catalog,
  ImpactReport,
  Report,
  codes,
  diff,
  impact,
  impactAsync,
  render,
  unifiedDiff,
  type Editor,
  type FileEdit,
  type RenderKind,
  type RenderOptions,
  type ChangeSet,
  type ImpactReportData,
  type BrokenConsumer,
  type CheckOptions,
  type CodeInfo,
  type Dependency,
  type Diagnostic,
  type Project,
  type Reach,
  type ReportData,
  type Service,
  type Severity,
  type Status,
  type Summary,
  type Transition,
  type Verdict,
} from 'service-catalog'

const files: Record<string, string> = {
  'services/catalog.toml': '[service.shared-auth]\nversion = "1.2.3"\nstatus = "ga"\n',
}
const catalog: Catalog = Catalog.fromFiles(files)
const options: CheckOptions = { today: '2026-01-15' }
const report: Report = catalog.check(options)

// A report is its JSON shape: the class satisfies the generated interface.
const data: ReportData = report
const plain: ReportData = report.toJSON()
const summary: Summary = data.summary
const verdict: Verdict = summary.verdict
const diagnostics: Diagnostic[] = plain.diagnostics
const first: Diagnostic | undefined = diagnostics[0]
const severity: Severity | undefined = first?.severity
const where: string | undefined = first && `${first.file}:${first.line}:${first.column}`
const texts: string[] = [report.toJson(), report.toText({ color: false }), report.toMarkdown(), report.toSarif()]

const services: Service[] = catalog.services()
const service: Service = catalog.service('shared-auth')
const status: Status = service.status
const owner: string | null | undefined = service.owner
const dependencies: Dependency[] = service.dependencies
const project: Project | undefined = catalog.projects()[0]
const tier: Project['tier'] = project?.tier

const consumers: Reach[] = catalog.consumers('shared-auth', { transitive: true })
const path: string[] | undefined = consumers[0]?.path
const direct: Reach[] = catalog.dependencies('shared-auth')
const cycle: string[] | null = catalog.wouldCreateCycle('shared-auth', 'shared-auth')
const move: Transition = catalog.transition('shared-auth', 'deprecated', '2026-01-15')
const allowed: boolean = move.allowed
const known: CodeInfo[] = codes()

const head: Catalog = Catalog.fromFiles({})
const changes: ChangeSet = diff(catalog, head)
const change: ImpactReport = impact(catalog, head, { today: '2026-01-15' })
const changeData: ImpactReportData = change
const broken: BrokenConsumer[] = change.broken_consumers
const changeVerdict: Verdict = change.toJSON().summary.verdict

const kind: RenderKind = 'backstage'
const entities: string = render(catalog, kind)
const renderOptions: RenderOptions = { project: 'shop', environment: 'production' }
const manifests: string = render(catalog, 'k8s', renderOptions)
const editor: Editor = catalog.edit()
const edits: FileEdit[] = [
  ...editor.setStatus('shared-auth', 'maintenance', '2026-01-15'),
  ...editor.deprecate('shared-auth', 'other', { sunset: '2026-07-01' }),
  ...editor.setVersion('shared-auth', '2.0.0'),
  ...editor.addDependency('shared-auth', 'other@^1', { optional: true }),
  ...editor.removeDependency('shared-auth', 'other'),
]
const patch: string = unifiedDiff(edits[0]?.path ?? '', files['services/catalog.toml'] ?? '', edits[0]?.text ?? '')
const atRevision: Catalog = Catalog.loadRevision('examples/control-center', 'HEAD')

async function offTheMainThread(): Promise<Verdict> {
  const loaded: Catalog = await Catalog.loadAsync('examples/control-center')
  const checked: Report = await loaded.checkAsync({ today: '2026-01-15' })
  const impacted: ImpactReport = await impactAsync(loaded, loaded)
  return impacted.summary.verdict === 'pass' ? checked.summary.verdict : 'fail'
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined
}

// @ts-expect-error: check takes an options object, not a bare date
catalog.check('2026-01-15')
// @ts-expect-error: a verdict is one of three words
const wrong: Verdict = 'ok'
// @ts-expect-error: render takes one of the documented kinds
render(catalog, 'helm')

export {
  verdict, severity, where, texts, services, status, owner, dependencies, tier, path, direct,
  cycle, allowed, known, offTheMainThread, codeOf, wrong, changes, changeData, broken, changeVerdict,
  entities, manifests, patch, atRevision,
}
