/* The plain data types come from types/catalog.d.ts, generated from schemas/. */
import type {
  Affected,
  BrokenConsumer,
  ChangeSet,
  Diagnostic,
  ImpactReportData,
  Notification,
  Project,
  Reach,
  ReportData,
  Service,
  Summary,
  Transition,
} from './types/catalog'
export type * from './types/catalog'

/** What `render` produces: Markdown docs, a dependency graph, deployment manifests or Backstage entities. */
export type RenderKind =
  | 'services-md'
  | 'topology-md'
  | 'mermaid'
  | 'dot'
  | 'compose'
  | 'k8s'
  | 'backstage'


/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

/**
 * A control-center tree read into the typed model, with every finding made while reading it.
 * Loading never throws for content: parse and schema problems are in `diagnostics()`.
 */
export declare class Catalog {
  /** Reads the tree at `dir` from disk. Throws `not-found` or `io` (with `path`) only. */
  static load(dir: string): Catalog
  /**
   * Reads the tree at `dir` (inside a git work tree) as it was at the git revision `rev`,
   * without a second checkout; its `root` is `"DIR@REV"`. Throws `invalid-argument` (with
   * `argument`) for an unknown revision, `io` (with `path`) when git cannot run.
   */
  static loadRevision(dir: string, rev: string): Catalog
  /** `Catalog.load` off the main thread: the returned promise settles with the catalog. */
  static loadAsync(dir: string): Promise<Catalog>
  /**
   * Reads a tree from in-memory files: `{ "services/catalog.toml": text, … }`, paths relative
   * to the root. The pure entry point: every front door ends here.
   */
  static fromFiles(files: Record<string, string>): Catalog
  /** The tree's root as given to `Catalog.load` (empty for in-memory trees). */
  get root(): string
  /** Parse and schema findings made while loading, sorted. */
  diagnostics(): Diagnostic[]
  /** Every finding of the tree as of `today` (format §3–§7): a `Report`. */
  check(options?: CheckOptions | undefined | null): Report
  /** `check` off the main thread: the returned promise settles with the report. */
  checkAsync(options?: CheckOptions | undefined | null): Promise<Report>
  /** Every service, shared ones first, then each project's in path order. */
  services(): Service[]
  /** The service with this id; throws `unknown-service` (with `serviceId`) when there is none. */
  service(id: string): Service
  /** Every project, in path order. */
  projects(): Project[]
  /** The project with this id; throws `unknown-project` (with `projectId`) when there is none. */
  project(id: string): Project
  /**
   * What the service `id` depends on, nearest first; with `{ transitive: true }` everything
   * it reaches, each with the shortest path from `id`.
   */
  dependencies(id: string, options?: ReachOptions | undefined | null): Reach[]
  /**
   * What depends on the service `id`, nearest first; with `{ transitive: true }` everything
   * that reaches it, each with its project and the shortest path from `id` outwards.
   */
  consumers(id: string, options?: ReachOptions | undefined | null): Reach[]
  /**
   * The cycle a new dependency of `from` on `to` would close, as ids from `from` back to
   * `from`, or `null` when the edge is safe.
   */
  wouldCreateCycle(from: string, to: string): Array<string> | null
  /**
   * Format-preserving edits of this catalog's files: an `Editor` whose methods return the
   * new text of each changed file.
   */
  edit(): Editor
  /**
   * Whether the service `id` may move to the status `to` on `date` (`YYYY-MM-DD`, default
   * today, UTC), and why not (format §5).
   */
  transition(id: string, to: string, date?: string | undefined | null): Transition
}

/**
 * Edits of a catalog's files. Nothing is written: each method returns `[{ path, text }]`,
 * empty when the file would not change; apply them with `fs.writeFileSync`.
 */
export declare class Editor {
  /**
   * Moves the service `id` to `status` (`"ga"`, `"deprecated"`, …) entered on `date`
   * (`YYYY-MM-DD`, default today, UTC): sets `status` and `lifecycle.since`.
   */
  setStatus(id: string, status: string, date?: string | undefined | null): Array<FileEdit>
  /**
   * Deprecates the service `id` in favour of `replacement`: status `deprecated`, the
   * deprecation and sunset dates and the replacement.
   */
  deprecate(id: string, replacement: string, options?: DeprecateOptions | undefined | null): Array<FileEdit>
  /** Sets the `version` of the service `id` (a semver version such as `"2.0.0"`). */
  setVersion(id: string, version: string): Array<FileEdit>
  /**
   * Adds a dependency of the service `id` on `dependency` (`"id"` or `"id@REQ"`), to
   * `dependencies.requires`, or to `dependencies.optional` with `{ optional: true }`.
   */
  addDependency(id: string, dependency: string, options?: DependencyOptions | undefined | null): Array<FileEdit>
  /** Removes every dependency of the service `id` on the service `dependency`. */
  removeDependency(id: string, dependency: string): Array<FileEdit>
}

/**
 * What a change does, as plain data (the JSON shape of `toJson()`) and in four renderings.
 * Each property read builds a fresh plain value.
 */
export declare class ImpactReport {
  /** Version of the impact report's JSON shape. */
  get schema_version(): number
  /** Counts of the introduced findings and the verdict of the change. */
  get summary(): Summary
  /** Every changed service. */
  get changes(): ChangeSet
  /** Services that reach a changed service, with the shortest path. */
  get affected_services(): Affected[]
  /** Projects with an affected or changed service, with the shortest path. */
  get affected_projects(): Affected[]
  /** Consumers whose requirement the new version breaks. */
  get broken_consumers(): BrokenConsumer[]
  /** Findings on head that base did not have, and the `change/*` findings. */
  get findings(): Diagnostic[]
  /** One message per affected project. */
  get notifications(): Notification[]
  /** The whole impact report as one plain object (what `JSON.stringify(impact)` writes). */
  toJSON(): ImpactReportData
  /** The impact report as pretty-printed JSON text, ending in a newline. */
  toJson(): string
  /** The changes, who they reach, then each finding with its code frame. */
  toText(options?: TextOptions | undefined | null): string
  /** Markdown for a pull-request comment. */
  toMarkdown(): string
  /** The introduced findings as SARIF 2.1.0 text. */
  toSarif(): string
}

/**
 * Every finding of a check, sorted by file, line, column and code. Its properties are the
 * report's JSON shape (`schemas/report.schema.json`); each read builds a fresh plain value,
 * so keep `report.diagnostics` in a variable rather than reading it in a loop.
 */
export declare class Report {
  /** Version of the report's JSON shape. */
  get schema_version(): number
  /** The tree's root as the caller named it (empty for in-memory trees). */
  get root(): string
  /** Counts by severity and the verdict. */
  get summary(): Summary
  /** The findings, sorted. */
  get diagnostics(): Diagnostic[]
  /** True when the report holds at least one error. */
  get hasErrors(): boolean
  /** The whole report as one plain object (what `JSON.stringify(report)` writes). */
  toJSON(): ReportData
  /** The report as pretty-printed JSON text, ending in a newline. */
  toJson(): string
  /** The report as rustc-like text with source lines and caret underlines. */
  toText(options?: TextOptions | undefined | null): string
  /** The report as Markdown for a pull-request comment. */
  toMarkdown(): string
  /** The report as SARIF 2.1.0 text, as GitHub code scanning accepts it. */
  toSarif(): string
}

/** Options of `catalog.check()`. */
export interface CheckOptions {
  /** The date the time-based checks count from, `YYYY-MM-DD` (default: today, UTC). */
  today?: string
}

/** One documented diagnostic code. */
export interface CodeInfo {
  /** The code as written in every output, such as `dep/cycle`. */
  code: string
  /** What a finding with this code means. */
  meaning: string
  /** How to fix it. */
  fix: string
}

/** Every fixed diagnostic code, in documentation order (`policy/<rule id>` codes are per rule). */
export declare function codes(): Array<CodeInfo>

/** Options of `editor.addDependency()`. */
export interface DependencyOptions {
  /** Add to `dependencies.optional` instead of `dependencies.requires` (default false). */
  optional?: boolean
}

/** Options of `editor.deprecate()`. */
export interface DeprecateOptions {
  /** The sunset date, `YYYY-MM-DD` (default: six months after the deprecation date). */
  sunset?: string
  /** The deprecation date, `YYYY-MM-DD` (default: today, UTC). */
  date?: string
}

/**
 * Every changed service between two revisions of a tree (`base` before, `head` after), sorted
 * by id and classified: added, removed, patch, minor, major, … (format §8).
 */
export declare function diff(base: Catalog, head: Catalog): ChangeSet

/** The complete new text of one changed file. */
export interface FileEdit {
  /** The file's path relative to the tree's root, with `/`. */
  path: string
  /** Its new text. */
  text: string
}

/**
 * What the change from `base` to `head` does to everyone else, as of `today`: an
 * `ImpactReport` with the change set, the affected services and projects, broken consumers,
 * the findings the change introduces, notifications and a verdict.
 */
export declare function impact(base: Catalog, head: Catalog, options?: CheckOptions | undefined | null): ImpactReport

/** `impact` off the main thread: the returned promise settles with the impact report. */
export declare function impactAsync(base: Catalog, head: Catalog, options?: CheckOptions | undefined | null): Promise<ImpactReport>

/** Options of `catalog.dependencies()` and `catalog.consumers()`. */
export interface ReachOptions {
  /**
   * Follow chains: everything reached, each with its shortest path (default false: direct
   * answers only).
   */
  transitive?: boolean
}

/**
 * Renders `catalog` as `kind`: `services-md`, `topology-md`, `mermaid`, `dot`, `compose`,
 * `k8s` or `backstage`. Throws `invalid-argument` for an unknown kind, an option the kind
 * does not take or a missing `project`, `unknown-project` and `unknown-service` for ids the
 * catalog does not define.
 */
export declare function render(catalog: Catalog, kind: RenderKind, options?: RenderOptions): string

/**
 * Options of `render`. Each applies to some kinds only; passing one to a kind that does not
 * take it throws `invalid-argument`.
 */
export interface RenderOptions {
  /** `compose`, `k8s`: the project to deploy (required). */
  project?: string
  /**
   * `compose`, `k8s`: the environment (default: the project's own, else its first
   * deployment environment).
   */
  environment?: string
  /** `mermaid`, `dot`: draw only this service's neighbourhood. */
  service?: string
  /** `mermaid`, `dot` with `service`: how many hops the neighbourhood reaches (default 1). */
  depth?: number
}

/** Options of `report.toText()`. */
export interface TextOptions {
  /** Add ANSI colours (only for a terminal; default false). */
  color?: boolean
}

/**
 * A unified diff from `oldText` to `newText` for the file at `path` (headers `a/PATH` and
 * `b/PATH`, so `git apply` takes it from the tree's root); empty when the texts are equal.
 */
export declare function unifiedDiff(path: string, oldText: string, newText: string): string
