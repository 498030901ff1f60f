// The shared suite's tests of render, the format-preserving edits and unifiedDiff: pure
// operations on `Catalog.fromFiles` catalogs, so every JavaScript build runs them. `run` in
// suite.mjs calls `runRenderAndEdits` with its adapter, which also provides
// `render(catalog, kind, options)` and `unifiedDiff(path, old, new)`.

import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  EntityPolicies,
  DefaultNamespaceEntityPolicy,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  componentEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  parseEntityRef,
} from '@backstage/catalog-model'
import { parseAllDocuments } from 'yaml'
import { readTree, repoRoot } from './tree.mjs'

/** The date the edits are made on. */
const TODAY = '2026-01-15'

/** Every kind and the options it needs on a tree with the project `shop`. */
const KINDS = [
  ['services-md', undefined],
  ['topology-md', undefined],
  ['mermaid', undefined],
  ['dot', undefined],
  ['compose', { project: 'shop' }],
  ['k8s', { project: 'shop' }],
  ['backstage', undefined],
]

/** The Rust snapshots of the example tree, which every build must reproduce byte for byte. */
const SNAPSHOTS = [
  ['graph.mmd', 'mermaid', undefined],
  ['graph-identity-service.dot', 'dot', { service: 'identity-service', depth: 1 }],
  ['compose-payments.yaml', 'compose', { project: 'payments' }],
  ['k8s-storefront.yaml', 'k8s', { project: 'storefront' }],
  ['backstage.yaml', 'backstage', undefined],
]

/** The kind validators of the entities `backstage` emits. */
const KIND_VALIDATORS = {
  Component: componentEntityV1alpha1Validator,
  System: systemEntityV1alpha1Validator,
  Group: groupEntityV1alpha1Validator,
}

/** The policies the Backstage catalog enforces on every entity it ingests. */
const POLICIES = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
])

/** Asserts that `call` throws an `Error` with this `code` and these extra properties. */
function assertThrowsCode(call, code, properties = {}) {
  assert.throws(call, (error) => {
    assert.ok(error instanceof Error, 'an Error is thrown')
    assert.equal(error.code, code)
    for (const [key, value] of Object.entries(properties)) assert.equal(error[key], value, key)
    return true
  })
}

/** The YAML documents of a multi-document text, failing on any parse error. */
function documents(text) {
  return parseAllDocuments(text).map((doc) => {
    assert.deepEqual(doc.errors, [], 'the YAML parses')
    return doc.toJS()
  })
}

/** `files` with each edit applied. */
function applied(files, edits) {
  const next = { ...files }
  for (const { path, text } of edits) next[path] = text
  return next
}

/** Runs the render and edit tests against one JavaScript build. */
export function runRenderAndEdits(adapter, tree) {
  const { Catalog, render, unifiedDiff } = adapter

  describe(`${adapter.name}: render`, () => {
    const catalog = Catalog.fromFiles(tree)

    test('every kind renders the small tree, the same bytes twice', () => {
      for (const [kind, options] of KINDS) {
        const text = render(catalog, kind, options)
        assert.equal(typeof text, 'string')
        assert.match(text, /shop-api/, kind)
        assert.equal(render(Catalog.fromFiles(tree), kind, options), text, kind)
      }
    })

    test('the example tree renders exactly as the Rust snapshots', () => {
      const example = Catalog.fromFiles(readTree(join(repoRoot, 'examples', 'control-center')))
      for (const [file, kind, options] of SNAPSHOTS) {
        const snapshot = readFileSync(join(repoRoot, 'core', 'tests', 'snapshots', 'render', file), 'utf8')
        assert.equal(render(example, kind, options), snapshot, file)
      }
    })

    test('bad kinds, options and ids throw with their codes', () => {
      assertThrowsCode(() => render(catalog, 'helm'), 'invalid-argument', { argument: 'kind' })
      assertThrowsCode(() => render(catalog, 'compose'), 'invalid-argument', { argument: 'project' })
      assertThrowsCode(() => render(catalog, 'backstage', { project: 'shop' }), 'invalid-argument', {
        argument: 'project',
      })
      assertThrowsCode(() => render(catalog, 'k8s', { project: 'nope' }), 'unknown-project', {
        projectId: 'nope',
      })
      assertThrowsCode(() => render(catalog, 'mermaid', { service: 'nope' }), 'unknown-service', {
        serviceId: 'nope',
      })
    })
  })

  describe(`${adapter.name}: backstage entities`, () => {
    const example = Catalog.fromFiles(readTree(join(repoRoot, 'examples', 'control-center')))
    const entities = documents(render(example, 'backstage'))

    test("every entity passes @backstage/catalog-model's kind validator and entity policies", async () => {
      assert.ok(entities.length > 0)
      for (const entity of entities) {
        const validator = KIND_VALIDATORS[entity.kind]
        assert.ok(validator, `a known kind: ${entity.kind}`)
        assert.equal(await validator.check(entity), true, entity.metadata.name)
        assert.ok(await POLICIES.enforce(entity), entity.metadata.name)
      }
    })

    test('a Component per service, a System per project, a Group per owner', () => {
      const byKind = (kind) => entities.filter((e) => e.kind === kind)
      const names = (kind) => byKind(kind).map((e) => e.metadata.name)
      assert.deepEqual(names('Component').sort(), example.services().map((s) => s.id).sort())
      assert.deepEqual(names('System'), example.projects().map((p) => p.id))
      const owners = new Set([
        ...example.services().flatMap((s) => (s.owner == null ? [] : [s.owner])),
        ...example.projects().flatMap((p) => p.owners),
      ])
      assert.deepEqual(names('Group'), [...new Set([...owners].map((o) => o.replace(/^@/, '')))].sort())
      for (const group of byKind('Group')) {
        assert.equal(group.spec.type, 'team')
        assert.deepEqual(group.spec.children, [])
      }
    })

    test('components carry lifecycle, owner, system and dependsOn refs that resolve', () => {
      const lifecycle = {
        development: 'experimental',
        beta: 'experimental',
        ga: 'production',
        maintenance: 'production',
        deprecated: 'deprecated',
        retired: 'deprecated',
      }
      const refs = new Set(entities.map((e) => `${e.kind.toLowerCase()}:default/${e.metadata.name}`))
      const resolves = (ref, kind) => {
        const { kind: k, namespace, name } = parseEntityRef(ref, { defaultKind: kind })
        return refs.has(`${k.toLowerCase()}:${namespace}/${name}`)
      }
      for (const component of entities.filter((e) => e.kind === 'Component')) {
        const service = example.service(component.metadata.name)
        assert.equal(component.spec.lifecycle, lifecycle[service.status], service.id)
        assert.equal(component.metadata.annotations['service-catalog/status'], service.status)
        assert.equal(component.metadata.annotations['service-catalog/version'], service.version)
        assert.ok(resolves(component.spec.owner, 'group'), component.spec.owner)
        if (service.project == null) assert.equal(component.spec.system, undefined)
        else assert.ok(resolves(component.spec.system, 'system'), component.spec.system)
        const dependsOn = component.spec.dependsOn ?? []
        for (const ref of dependsOn) assert.ok(resolves(ref, 'component'), ref)
        assert.deepEqual(
          dependsOn.map((ref) => parseEntityRef(ref).name),
          [...new Set(example.dependencies(service.id).map((r) => r.id))],
          service.id,
        )
      }
    })
  })

  describe(`${adapter.name}: edits`, () => {
    const catalog = Catalog.fromFiles(tree)
    const path = 'projects/shop/services.toml'
    const reload = (edits) => Catalog.fromFiles(applied(tree, edits))

    test('setStatus changes status and since and keeps every other byte', () => {
      const edits = catalog.edit().setStatus('shop-api', 'maintenance', TODAY)
      assert.deepEqual(
        edits.map((e) => e.path),
        [path],
      )
      const diff = unifiedDiff(path, tree[path], edits[0].text)
      const changed = diff.split('\n').filter((line) => /^[-+][^-+]/.test(line))
      assert.ok(changed.every((line) => /status|since|lifecycle|^\+$/.test(line)), diff)
      const service = reload(edits).service('shop-api')
      assert.equal(service.status, 'maintenance')
      assert.equal(service.lifecycle.since, TODAY)
      assert.deepEqual(catalog.edit().setStatus('shop-api', 'ga', TODAY), [])
    })

    test('deprecate sets the status, the dates and the replacement', () => {
      const edits = catalog.edit().deprecate('shop-api', 'shared-auth', { sunset: '2026-07-01', date: TODAY })
      const service = reload(edits).service('shop-api')
      assert.equal(service.status, 'deprecated')
      assert.equal(service.lifecycle.deprecation_date, TODAY)
      assert.equal(service.lifecycle.sunset_date, '2026-07-01')
      assert.equal(service.lifecycle.replacement_service, 'shared-auth')
      assertThrowsCode(
        () => catalog.edit().deprecate('shop-api', 'shared-auth', { sunset: '2025-01-01', date: TODAY }),
        'invalid-argument',
        { argument: 'sunset' },
      )
      assertThrowsCode(() => catalog.edit().deprecate('shop-api', 'nope'), 'unknown-service', { serviceId: 'nope' })
    })

    test('setVersion writes a semver version', () => {
      const edits = catalog.edit().setVersion('shared-auth', '2.0.0')
      assert.deepEqual(
        edits.map((e) => e.path),
        ['services/catalog.toml'],
      )
      assert.match(edits[0].text, /ownr = "typo"/)
      assert.equal(reload(edits).service('shared-auth').version, '2.0.0')
      assertThrowsCode(() => catalog.edit().setVersion('shared-auth', 'two'), 'invalid-argument', {
        argument: 'version',
      })
    })

    test('removeDependency and addDependency round-trip a requirement', () => {
      const removed = catalog.edit().removeDependency('shop-web', 'shop-api')
      const without = Catalog.fromFiles(applied(tree, removed))
      assert.deepEqual(
        without.dependencies('shop-web').map((r) => r.id),
        ['shared-auth'],
      )
      const added = without.edit().addDependency('shop-web', 'shop-api@^1.0')
      const dependency = Catalog.fromFiles(applied(applied(tree, removed), added))
        .service('shop-web')
        .dependencies.find((d) => d.service === 'shop-api')
      assert.equal(dependency.version, '^1.0')
      assert.equal(dependency.optional, false)
      const optional = catalog.edit().addDependency('shared-auth', 'shop-api', { optional: true })
      assert.equal(
        reload(optional)
          .service('shared-auth')
          .dependencies.find((d) => d.service === 'shop-api').optional,
        true,
      )
      assertThrowsCode(() => catalog.edit().addDependency('shop-web', 'shop-api'), 'invalid-argument', {
        argument: 'dependency',
      })
      assertThrowsCode(() => catalog.edit().removeDependency('nope', 'shop-api'), 'unknown-service', {
        serviceId: 'nope',
      })
    })

    test('unifiedDiff is empty for equal texts and git-style otherwise', () => {
      assert.equal(unifiedDiff('a.toml', 'x\n', 'x\n'), '')
      assert.equal(unifiedDiff('a.toml', 'a\nb\n', 'a\nc\n'), '--- a/a.toml\n+++ b/a.toml\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n')
    })
  })
}
