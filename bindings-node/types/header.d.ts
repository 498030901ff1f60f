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

