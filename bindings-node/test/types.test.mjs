// The TypeScript side of the package: the committed interfaces are what the JSON Schemas
// generate today, and the entry points export what their declarations say.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { generate, output } from '../scripts/generate-types.mjs'
import * as esm from '../index.mjs'

test('types/catalog.d.ts is current with schemas/ (npm run types regenerates it)', async () => {
  assert.equal(readFileSync(output, 'utf8'), await generate())
})

test('the ES module and CommonJS entry points export the same values', () => {
  const cjs = createRequire(import.meta.url)('../index.js')
  assert.deepEqual(Object.keys(esm).sort(), Object.keys(cjs).sort())
  for (const name of Object.keys(cjs)) assert.equal(esm[name], cjs[name], name)
})

test('every value index.d.ts declares is exported at run time, and nothing else', () => {
  const declarations = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8')
  const declared = [...declarations.matchAll(/^export declare (?:class|function|const) (\w+)/gm)]
    .map((m) => m[1])
    .sort()
  assert.deepEqual(Object.keys(esm).sort(), declared)
})

test('the Report class declares the report shape as properties', () => {
  const declarations = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8')
  const report = declarations.slice(declarations.indexOf('export declare class Report'))
  for (const key of ['schema_version', 'root', 'summary', 'diagnostics']) {
    assert.match(report, new RegExp(`get ${key}\\(\\)`), key)
  }
})
