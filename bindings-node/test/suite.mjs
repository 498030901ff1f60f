// The one JavaScript test suite of service-catalog, written against a small adapter so that every
// JavaScript build (the napi addon, the WASM package) runs the same tests:
//
//   run({
//     name: 'napi',          // shown in test names
//     Catalog,               // the class: Catalog.fromFiles(files) and the queries
//     diff, impact,          // (base, head) => ChangeSet, (base, head, { today }) => ImpactReport
//     codes,                 // () => [{ code, meaning, fix }]
//     render, unifiedDiff,   // (catalog, kind, options) => text, (path, old, new) => diff text;
//                            // catalogs also have edit() (tests in suite-render.mjs)
//     disk: true,            // Catalog.load exists (false for WASM)
//     threads: true,         // loadAsync, checkAsync and impactAsync exist
//   })
//
// Trees are read here, in JavaScript, and handed to `Catalog.fromFiles`, so a build without a
// disk sees exactly the files `Catalog.load` reads.

import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { assertSchema } from './schemas.mjs'
import { runRenderAndEdits } from './suite-render.mjs'
import { readCases, readTree, repoRoot } from './tree.mjs'

/** The date the corpus-independent tests check as of. */
const TODAY = '2026-01-15'

/**
 * A small tree: a shared service with a misspelt field and a project of two services, where
 * shop-web requires shop-api, which requires shared-auth.
 */
export const TREE = {
  'services/catalog.toml': `[service.shared-auth]
type = "microservice"
owner = "platform-team"
version = "1.2.3"
status = "ga"
ownr = "typo"

[service.shared-auth.sla]
availability = "99.9%"
`,
  'projects/shop/services.toml': `[project]
name = "Shop"
environment = "production"
tier = "high"
owners = ["@shop-team"]

[service.shop-web]
type = "web"
version = "2.1.0"
status = "ga"
[service.shop-web.dependencies]
requires = ["shop-api"]
optional = [{ service = "shared-auth", version = "^1.2", kind = "async" }]
[service.shop-web.sla]
availability = "99.5%"

[service.shop-api]
type = "api"
version = "1.0.0"
status = "ga"
[service.shop-api.dependencies]
requires = ["shared-auth@^1.0"]
[service.shop-api.sla]
availability = "99.5%"
`,
  'README.md': 'files the format does not know are ignored\n',
}

/** The fields of a finding that the corpus pins down, in the corpus's shape. */
export function located(diagnostic) {
  const { code, severity, file, line, column, service, project } = diagnostic
  return {
    code,
    severity,
    file,
    line,
    column,
    ...(service === undefined ? {} : { service }),
    ...(project === undefined ? {} : { project }),
  }
}

/** Asserts that `call` throws an `Error` with this `code` and these extra properties. */
function assertThrowsCode(call, code, properties = {}) {
  assert.throws(call, (error) => {
    assert.ok(error instanceof Error, 'an Error is thrown')
    assert.equal(error.code, code)
    for (const [key, value] of Object.entries(properties)) assert.equal(error[key], value, key)
    assert.equal(typeof error.message, 'string')
    return true
  })
}

/** Asserts that `promise` rejects with an `Error` with this `code` and these properties. */
async function assertRejectsCode(promise, code, properties = {}) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof Error, 'an Error is rejected')
    assert.equal(error.code, code)
    for (const [key, value] of Object.entries(properties)) assert.equal(error[key], value, key)
    return true
  })
}

/**
 * The answers of a transitive query from `start` form a tree of shortest paths, nearest first:
 * each path runs from `start` to its answer, and all but its last id are the path of an earlier
 * answer (or `start` alone).
 */
function assertReachTree(start, answers) {
  const paths = new Map([[start, [start]]])
  let nearest = 1
  for (const reach of answers) {
    assert.deepEqual(Object.keys(reach), reach.project === undefined ? ['id', 'depth', 'path'] : ['id', 'project', 'depth', 'path'])
    assert.equal(reach.depth, reach.path.length - 1)
    assert.equal(reach.path.at(-1), reach.id)
    assert.deepEqual(reach.path.slice(0, -1), paths.get(reach.path.at(-2)), `the path to ${reach.id}`)
    assert.ok(reach.depth >= nearest, 'nearest first')
    nearest = reach.depth
    paths.set(reach.id, reach.path)
  }
}

/** True when `value` is plain data all the way down: plain objects, arrays and primitives. */
function isPlain(value) {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true
  if (Array.isArray(value)) return value.every(isPlain)
  return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isPlain)
}

/** The report's data as read through its properties. */
function reportData(report) {
  return {
    schema_version: report.schema_version,
    root: report.root,
    summary: report.summary,
    diagnostics: report.diagnostics,
  }
}

/** Runs the whole suite against one JavaScript build of service-catalog. */
export function run(adapter) {
  const { Catalog, codes, diff, impact } = adapter

  describe(`${adapter.name}: corpus tests/cases`, () => {
    const cases = readCases()
    test('the corpus has cases', () => {
      assert.ok(cases.length > 0, 'tests/cases holds at least one case')
    })
    for (const { name, dir, files, expected } of cases) {
      test(name, () => {
        const report = Catalog.fromFiles(files).check({ today: expected.today })
        assert.deepEqual(report.diagnostics.map(located), expected.diagnostics)
      })
      const tree = join(dir, 'tree')
      if (adapter.disk && existsSync(tree)) {
        test(`${name}: Catalog.load reads the same tree as fromFiles`, () => {
          const fromDisk = Catalog.load(tree).check({ today: expected.today })
          assert.deepEqual(fromDisk.diagnostics.map(located), expected.diagnostics)
          assert.equal(fromDisk.root, tree)
        })
      }
    }
  })

  describe(`${adapter.name}: loading`, () => {
    test('fromFiles reads a tree and keeps its load findings', () => {
      const catalog = Catalog.fromFiles(TREE)
      assert.equal(catalog.root, '')
      const diagnostics = catalog.diagnostics()
      assert.ok(isPlain(diagnostics))
      const typo = diagnostics.find((d) => d.code === 'schema/unknown-field')
      assert.deepEqual(located(typo), {
        code: 'schema/unknown-field',
        severity: 'warning',
        file: 'services/catalog.toml',
        line: 6,
        column: 1,
        service: 'shared-auth',
      })
      assert.equal(typo.help, 'did you mean `owner`?')
    })

    test('an empty tree is a finding, not an error', () => {
      const report = Catalog.fromFiles({}).check({ today: TODAY })
      assert.ok(report.diagnostics.length > 0)
      assert.equal(report.summary.verdict, 'fail')
    })

    test('a syntax error is a parse finding and the other files are still read', () => {
      const files = { ...TREE, 'projects/shop/services.toml': '[project\nname = 1\n' }
      const catalog = Catalog.fromFiles(files)
      const parse = catalog.diagnostics().find((d) => d.code === 'parse')
      assert.equal(parse.file, 'projects/shop/services.toml')
      assert.equal(parse.line, 1)
      assert.deepEqual(
        catalog.services().map((s) => s.id),
        ['shared-auth'],
      )
    })
  })

  describe(`${adapter.name}: reports`, () => {
    const report = Catalog.fromFiles(TREE).check({ today: TODAY })

    test('the report properties are its JSON shape', () => {
      const data = reportData(report)
      assert.ok(isPlain(data))
      assert.equal(data.schema_version, 1)
      assert.deepEqual(report.toJSON(), data)
      assert.deepEqual(JSON.parse(report.toJson()), data)
      assert.deepEqual(JSON.parse(JSON.stringify(report)), data)
      assert.ok(report.toJson().endsWith('}\n'))
    })

    test('the summary counts the findings and gives the verdict', () => {
      const { summary, diagnostics } = report
      const count = (severity) => diagnostics.filter((d) => d.severity === severity).length
      assert.equal(summary.errors, count('error'))
      assert.equal(summary.warnings, count('warning'))
      assert.equal(summary.infos, count('info'))
      const verdict = summary.errors > 0 ? 'fail' : summary.warnings > 0 ? 'warn' : 'pass'
      assert.equal(summary.verdict, verdict)
      assert.equal(report.hasErrors, summary.errors > 0)
    })

    test('the findings are sorted by file, line, column and code', () => {
      const key = (d) => [d.file, d.line, d.column, d.code]
      const sorted = [...report.diagnostics].sort((a, b) => {
        const [x, y] = [key(a), key(b)]
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1
        return 0
      })
      assert.deepEqual(report.diagnostics, sorted)
    })

    test('toText shows each finding with its location and source line', () => {
      const text = report.toText()
      assert.match(text, /warning\[schema\/unknown-field\]/)
      assert.match(text, /--> services\/catalog\.toml:6:1/)
      assert.match(text, /ownr = "typo"/)
      assert.doesNotMatch(text, /\x1b\[/)
      assert.match(report.toText({ color: true }), /\x1b\[/)
    })

    test('toMarkdown and toSarif render every finding', () => {
      assert.match(report.toMarkdown(), /schema\/unknown-field/)
      const sarif = JSON.parse(report.toSarif())
      assert.equal(sarif.version, '2.1.0')
      assert.equal(sarif.runs[0].results.length, report.diagnostics.length)
    })

    test('check without today checks as of the current date', () => {
      const today = new Date().toISOString().slice(0, 10)
      const catalog = Catalog.fromFiles(TREE)
      assert.deepEqual(catalog.check().toJSON(), catalog.check({ today }).toJSON())
    })

    test('a malformed today throws invalid-argument', () => {
      const catalog = Catalog.fromFiles(TREE)
      assertThrowsCode(() => catalog.check({ today: '15/01/2026' }), 'invalid-argument', {
        argument: 'today',
      })
      assertThrowsCode(() => catalog.check({ today: '2026-02-30' }), 'invalid-argument')
    })

    if (adapter.threads) {
      test('checkAsync settles with the same report as check', async () => {
        const catalog = Catalog.fromFiles(TREE)
        const pending = catalog.checkAsync({ today: TODAY })
        assert.ok(pending instanceof Promise)
        assert.deepEqual((await pending).toJSON(), catalog.check({ today: TODAY }).toJSON())
        await assertRejectsCode(catalog.checkAsync({ today: 'soon' }), 'invalid-argument')
      })
    }
  })

  describe(`${adapter.name}: queries`, () => {
    const catalog = Catalog.fromFiles(TREE)

    test('services are plain data, shared ones first', () => {
      const services = catalog.services()
      assert.ok(isPlain(services))
      assert.deepEqual(
        services.map((s) => [s.id, s.project]),
        [
          ['shared-auth', null],
          ['shop-web', 'shop'],
          ['shop-api', 'shop'],
        ],
      )
      const web = services[1]
      assert.equal(web.status, 'ga')
      assert.equal(web.type, 'web')
      assert.deepEqual(
        web.dependencies.map((d) => [d.service, d.version ?? null, d.kind, d.optional]),
        [
          ['shop-api', null, 'sync', false],
          ['shared-auth', '^1.2', 'async', true],
        ],
      )
    })

    test('service(id) is the same data as in services()', () => {
      assert.deepEqual(catalog.service('shop-api'), catalog.services()[2])
      assert.equal(catalog.service('shared-auth').sla.availability, '99.9%')
    })

    test('an unknown service id throws unknown-service with the id', () => {
      assertThrowsCode(() => catalog.service('billing'), 'unknown-service', {
        serviceId: 'billing',
      })
    })

    test('projects are plain data with their services', () => {
      const projects = catalog.projects()
      assert.ok(isPlain(projects))
      assert.deepEqual(
        projects.map((p) => p.id),
        ['shop'],
      )
      const shop = catalog.project('shop')
      assert.deepEqual(shop, projects[0])
      assert.equal(shop.name, 'Shop')
      assert.equal(shop.tier, 'high')
      assert.deepEqual(shop.services, ['shop-web', 'shop-api'])
    })

    test('an unknown project id throws unknown-project with the id', () => {
      assertThrowsCode(() => catalog.project('warehouse'), 'unknown-project', {
        projectId: 'warehouse',
      })
    })

    test('codes lists every documented diagnostic code with its meaning and fix', () => {
      const list = codes()
      const names = list.map((c) => c.code)
      assert.ok(names.includes('parse'))
      assert.ok(names.includes('schema/unknown-field'))
      assert.equal(new Set(names).size, names.length)
      for (const c of list) {
        assert.ok(c.meaning.length > 0 && c.fix.length > 0, c.code)
      }
      for (const { expected } of readCases()) {
        for (const { code } of expected.diagnostics) {
          assert.ok(names.includes(code) || code.startsWith('policy/'), code)
        }
      }
    })
  })

  describe(`${adapter.name}: relations`, () => {
    const catalog = Catalog.fromFiles(TREE)
    const ids = (reached) => reached.map((r) => r.id)

    test('dependencies are direct unless transitive is asked for', () => {
      const direct = catalog.dependencies('shop-api')
      assert.ok(isPlain(direct))
      assert.deepEqual(direct, [{ id: 'shared-auth', depth: 1, path: ['shop-api', 'shared-auth'] }])
      assert.deepEqual(ids(catalog.dependencies('shop-web')), ['shop-api', 'shared-auth'])
      assert.deepEqual(catalog.dependencies('shop-web', { transitive: false }), catalog.dependencies('shop-web'))
      assert.deepEqual(catalog.dependencies('shared-auth', { transitive: true }), [])
    })

    test('transitive consumers carry their project and the path from the queried service', () => {
      assert.deepEqual(ids(catalog.consumers('shared-auth')), ['shop-web', 'shop-api'])
      assert.deepEqual(catalog.consumers('shop-api', { transitive: true }), [
        { id: 'shop-web', project: 'shop', depth: 1, path: ['shop-api', 'shop-web'] },
      ])
      const shared = catalog.consumers('shared-auth', { transitive: true })
      for (const reach of shared) {
        assert.equal(reach.path[0], 'shared-auth')
        assert.equal(reach.path.at(-1), reach.id)
        assert.equal(reach.depth, reach.path.length - 1)
        assert.equal(reach.project, 'shop')
      }
    })

    test('an unknown id in a relation query throws unknown-service', () => {
      assertThrowsCode(() => catalog.consumers('billing'), 'unknown-service', { serviceId: 'billing' })
      assertThrowsCode(() => catalog.dependencies('billing', { transitive: true }), 'unknown-service', {
        serviceId: 'billing',
      })
      assertThrowsCode(() => catalog.wouldCreateCycle('shop-web', 'billing'), 'unknown-service', {
        serviceId: 'billing',
      })
    })

    test('wouldCreateCycle names the cycle a new edge closes, or null', () => {
      assert.deepEqual(catalog.wouldCreateCycle('shared-auth', 'shop-api'), [
        'shared-auth',
        'shop-api',
        'shared-auth',
      ])
      assert.equal(catalog.wouldCreateCycle('shop-web', 'shared-auth'), null)
    })

    test('transition says whether a lifecycle move is allowed and why not', () => {
      const allowed = catalog.transition('shop-api', 'maintenance', TODAY)
      assert.ok(isPlain(allowed))
      assert.deepEqual(
        { ...allowed, reasons: [] },
        { service: 'shop-api', from: 'ga', to: 'maintenance', date: TODAY, allowed: allowed.allowed, reasons: [] },
      )
      const backwards = catalog.transition('shop-api', 'development', TODAY)
      assert.equal(backwards.allowed, false)
      assert.ok(backwards.reasons.length > 0)
      assert.equal(catalog.transition('shop-api', 'ga', TODAY).allowed, true)
    })

    test('a malformed status or date throws invalid-argument naming the argument', () => {
      assertThrowsCode(() => catalog.transition('shop-api', 'gone', TODAY), 'invalid-argument', {
        argument: 'to',
      })
      assertThrowsCode(() => catalog.transition('shop-api', 'ga', 'tomorrow'), 'invalid-argument', {
        argument: 'date',
      })
      assertThrowsCode(() => catalog.transition('billing', 'ga', TODAY), 'unknown-service')
    })
  })

  describe(`${adapter.name}: changes`, () => {
    const base = Catalog.fromFiles(TREE)
    const major = TREE['services/catalog.toml'].replace('version = "1.2.3"', 'version = "2.0.0"')
    const head = Catalog.fromFiles({ ...TREE, 'services/catalog.toml': major })

    test('diff classifies each changed service and leaves unchanged ones out', () => {
      const changes = diff(base, head)
      assert.ok(isPlain(changes))
      assert.deepEqual(
        changes.services.map((c) => [c.id, c.kind, c.from_version, c.to_version]),
        [['shared-auth', 'major', '1.2.3', '2.0.0']],
      )
      assert.deepEqual(diff(base, base), { services: [] })
    })

    test('impact names who a breaking change reaches and breaks', () => {
      const report = impact(base, head, { today: TODAY })
      const data = report.toJSON()
      assert.ok(isPlain(data))
      assert.deepEqual(JSON.parse(report.toJson()), data)
      assert.deepEqual(JSON.parse(JSON.stringify(report)), data)
      for (const key of Object.keys(data)) assert.deepEqual(report[key], data[key], key)
      assert.deepEqual(data.changes, diff(base, head))
      assert.deepEqual(
        data.broken_consumers.map((b) => [b.consumer, b.requirement]).sort(),
        [
          ['shop-api', '^1.0'],
          ['shop-web', '^1.2'],
        ],
      )
      assert.deepEqual(
        data.affected_projects.map((p) => p.id),
        ['shop'],
      )
      assert.ok(data.findings.some((f) => f.code === 'change/breaking-without-guide'))
      assert.equal(data.summary.verdict, 'fail')
      assert.match(report.toText(), /broken consumers/)
      assert.match(report.toMarkdown(), /shared-auth/)
      assert.equal(JSON.parse(report.toSarif()).version, '2.1.0')
    })

    test('impact of no change passes', () => {
      const report = impact(base, base, { today: TODAY })
      assert.deepEqual(report.changes, { services: [] })
      assert.deepEqual(report.findings, [])
      assert.equal(report.summary.verdict, 'pass')
    })

    test('impact takes catalogs and a well-formed today', () => {
      assertThrowsCode(() => impact(base, head, { today: 'monday' }), 'invalid-argument', {
        argument: 'today',
      })
      assert.throws(() => impact(base, {}, { today: TODAY }))
    })

    if (adapter.threads) {
      test('impactAsync settles with the same impact report', async () => {
        const offThread = await adapter.impactAsync(base, head, { today: TODAY })
        assert.equal(offThread.toJson(), impact(base, head, { today: TODAY }).toJson())
        await assertRejectsCode(adapter.impactAsync(base, head, { today: '' }), 'invalid-argument')
      })
    }
  })

  describe(`${adapter.name}: runtime values match the JSON Schemas the types come from`, () => {
    const trees = [['the small tree', TREE, TODAY], ...readCases().map((c) => [c.name, c.files, c.expected.today])]
    for (const [name, files, today] of trees) {
      test(name, () => {
        const catalog = Catalog.fromFiles(files)
        const report = catalog.check({ today })
        assertSchema('report', report.toJSON())
        assertSchema('report', JSON.parse(report.toJson()))
        const services = catalog.services()
        for (const service of services) {
          assertSchema('service', service)
          for (const transitive of [false, true]) {
            for (const reach of catalog.dependencies(service.id, { transitive })) assertSchema('reach', reach)
            for (const reach of catalog.consumers(service.id, { transitive })) assertSchema('reach', reach)
          }
          assertReachTree(service.id, catalog.dependencies(service.id, { transitive: true }))
          assertReachTree(service.id, catalog.consumers(service.id, { transitive: true }))
          assertSchema('transition', catalog.transition(service.id, 'deprecated', today))
        }
        for (const project of catalog.projects()) assertSchema('project', project)
        const empty = Catalog.fromFiles({})
        for (const [from, to] of [[catalog, empty], [empty, catalog], [catalog, catalog]]) {
          assertSchema('changeset', diff(from, to))
          assertSchema('impact', impact(from, to, { today }).toJSON())
        }
      })
    }
  })

  runRenderAndEdits(adapter, TREE)

  if (adapter.disk) {
    describe(`${adapter.name}: disk`, () => {
      test('a missing tree throws not-found with the path', async () => {
        const missing = join(repoRoot, 'no-such-tree')
        assertThrowsCode(() => Catalog.load(missing), 'not-found', { path: missing })
        if (adapter.threads) {
          await assertRejectsCode(Catalog.loadAsync(missing), 'not-found', { path: missing })
        }
      })

      test('a file is not a tree', () => {
        const file = join(repoRoot, 'Cargo.toml')
        assertThrowsCode(() => Catalog.load(file), 'not-found', { path: file })
      })

      test('a tree loads the same from disk, in memory and off the main thread', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'service-catalog-'))
        try {
          for (const [path, text] of Object.entries(TREE)) {
            mkdirSync(dirname(join(dir, path)), { recursive: true })
            writeFileSync(join(dir, path), text)
          }
          const fromDisk = Catalog.load(dir)
          const inMemory = Catalog.fromFiles(readTree(dir))
          const offThread = adapter.threads ? await Catalog.loadAsync(dir) : fromDisk
          assert.equal(fromDisk.root, dir)
          assert.equal(offThread.root, dir)
          const data = (catalog) => ({
            diagnostics: catalog.diagnostics(),
            services: catalog.services(),
            projects: catalog.projects(),
            findings: catalog.check({ today: TODAY }).diagnostics,
          })
          assert.deepEqual(data(inMemory), data(fromDisk))
          assert.deepEqual(data(offThread), data(fromDisk))
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      })
    })
  }
}
