// Starts examples/portal.mjs on 127.0.0.1, queries it as a portal front end would, and stops it.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createPortal } from '../examples/portal.mjs'
import { TREE } from './suite.mjs'

const TODAY = '2026-01-15'
let server
let base

before(async () => {
  server = createPortal(TREE, { today: TODAY })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  base = `http://127.0.0.1:${server.address().port}`
})

after(() => new Promise((resolve) => server.close(resolve)))

/** The status and JSON body of a request to the portal. */
async function call(path, init) {
  const response = await fetch(`${base}${path}`, init)
  assert.match(response.headers.get('content-type'), /^application\/json/)
  return { status: response.status, body: await response.json() }
}

test('the inventory lists every service', async () => {
  const { status, body } = await call('/services')
  assert.equal(status, 200)
  assert.deepEqual(
    body.map((s) => s.id),
    ['shared-auth', 'shop-web', 'shop-api'],
  )
  assert.equal((await call('/services/shop-api')).body.version, '1.0.0')
  assert.deepEqual(
    (await call('/projects')).body.map((p) => p.id),
    ['shop'],
  )
})

test('consumers, direct and transitive, with their paths', async () => {
  const direct = await call('/services/shop-api/consumers')
  assert.deepEqual(
    direct.body.map((r) => r.path),
    [['shop-api', 'shop-web']],
  )
  const transitive = await call('/services/shared-auth/consumers?transitive=true')
  assert.deepEqual(transitive.body.map((r) => r.id).sort(), ['shop-api', 'shop-web'])
})

test('the report of the tree', async () => {
  const { status, body } = await call(`/report?today=${TODAY}`)
  assert.equal(status, 200)
  assert.ok(body.diagnostics.some((d) => d.code === 'schema/unknown-field'))
})

test('the impact of a posted change', async () => {
  const files = {
    'services/catalog.toml': TREE['services/catalog.toml'].replace('1.2.3', '2.0.0'),
  }
  const { status, body } = await call('/impact', { method: 'POST', body: JSON.stringify({ files }) })
  assert.equal(status, 200)
  assert.equal(body.summary.verdict, 'fail')
  assert.deepEqual(
    body.broken_consumers.map((b) => b.consumer).sort(),
    ['shop-api', 'shop-web'],
  )
  const none = await call('/impact', { method: 'POST', body: JSON.stringify({ files: {} }) })
  assert.equal(none.body.summary.verdict, 'pass')
})

test('errors are JSON with the library error code', async () => {
  const unknown = await call('/services/billing')
  assert.equal(unknown.status, 404)
  assert.deepEqual(unknown.body.error.code, 'unknown-service')
  assert.equal(unknown.body.error.serviceId, 'billing')
  assert.equal((await call('/report?today=someday')).status, 400)
  assert.equal((await call('/impact', { method: 'POST', body: '{' })).status, 400)
  assert.equal((await call('/impact', { method: 'POST', body: '{"files":[]}' })).status, 400)
  assert.equal((await call('/services', { method: 'DELETE' })).status, 405)
  assert.equal((await call('/nothing')).status, 404)
})
