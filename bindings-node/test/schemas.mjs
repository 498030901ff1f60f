// Validators for the plain data the API returns, compiled from the JSON Schemas in schemas/ (the
// same schemas the TypeScript interfaces are generated from), so a test can hold runtime values
// against their declared types.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv from 'ajv'
import { repoRoot } from './tree.mjs'

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false })
const integer = (max) => ({ type: 'number', validate: (n) => Number.isInteger(n) && n >= 0 && n <= max })
ajv.addFormat('uint', integer(Number.MAX_SAFE_INTEGER))
ajv.addFormat('uint16', integer(0xffff))
ajv.addFormat('uint32', integer(0xffffffff))
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/)
ajv.addKeyword('x-not-written')

/** The validator of `schemas/<file>`. */
function validator(file) {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', file), 'utf8'))
  return ajv.compile(schema)
}

/** The schema file of each kind of plain data. */
const FILES = {
  report: 'report.schema.json',
  service: 'service.schema.json',
  project: 'project-data.schema.json',
  reach: 'reach.schema.json',
  transition: 'transition.schema.json',
  changeset: 'changeset.schema.json',
  impact: 'impact.schema.json',
}

const validators = {}

/** Throws unless `value` is valid against the schema of `kind` (`report`, `service`, …). */
export function assertSchema(kind, value) {
  const validate = (validators[kind] ??= validator(FILES[kind]))
  if (!validate(value)) {
    const errors = validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')
    throw new Error(`not a valid ${kind} per its JSON Schema: ${errors}`)
  }
}
