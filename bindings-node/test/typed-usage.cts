// Type-checked with `tsc -p test/tsconfig.json` (no emit): the same declarations through the
// CommonJS entry point.

import serviceCatalog = require('service-catalog')

const catalog: serviceCatalog.Catalog = serviceCatalog.Catalog.fromFiles({})
const report: serviceCatalog.ReportData = catalog.check().toJSON()
const errors: number = report.summary.errors

export = { errors }
