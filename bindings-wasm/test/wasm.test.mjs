// Runs the Node package's shared suite, unchanged, against the WebAssembly build (the
// `nodejs` output in pkg/node), then checks that the `web` output the browser loads gives the
// same answers.

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { strict as assert } from 'node:assert'
import { describe, test } from 'node:test'
import { run } from '../../bindings-node/test/suite.mjs'
import { join } from 'node:path'
import { readTree, repoRoot } from '../../bindings-node/test/tree.mjs'

const require = createRequire(import.meta.url)
const binding = require('../pkg/node/service_catalog_wasm.js')

run({ name: 'wasm', ...binding, disk: false, threads: false })

describe('wasm: the web build', () => {
  test('instantiates from bytes and checks the example as the nodejs build does', async () => {
    const web = await import('../pkg/web/service_catalog_wasm.js')
    web.initSync({ module: readFileSync(new URL('../pkg/web/service_catalog_wasm_bg.wasm', import.meta.url)) })
    const files = readTree(join(repoRoot, 'examples', 'control-center'))
    const fromWeb = web.Catalog.fromFiles(files).check({ today: '2026-11-22' })
    const fromNode = binding.Catalog.fromFiles(files).check({ today: '2026-11-22' })
    assert.equal(fromWeb.toJson(), fromNode.toJson())
    assert.deepEqual(web.codes(), binding.codes())
  })
})
