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

