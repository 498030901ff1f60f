// Catalog.loadRevision: a tree as it was at a git revision, read without a second checkout. Needs
// git and a disk, so it runs against the napi build only.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Catalog, diff } from '../index.mjs'
import { TREE } from './suite.mjs'

/** Runs git in `dir` with a fixed identity, so no global configuration is needed. */
function git(dir, ...args) {
  return execFileSync(
    'git',
    ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    { cwd: dir, encoding: 'utf8' },
  )
}

/** Writes `files` under `dir`. */
function write(dir, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
}

test('loadRevision reads a committed revision while the work tree has moved on', () => {
  const dir = mkdtempSync(join(tmpdir(), 'service-catalog-rev-'))
  try {
    git(dir, 'init', '-q')
    write(dir, TREE)
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'base')
    const major = TREE['services/catalog.toml'].replace('version = "1.2.3"', 'version = "2.0.0"')
    write(dir, { 'services/catalog.toml': major })

    const base = Catalog.loadRevision(dir, 'HEAD')
    const head = Catalog.load(dir)
    assert.equal(base.root, `${dir}@HEAD`)
    assert.equal(base.service('shared-auth').version, '1.2.3')
    assert.equal(head.service('shared-auth').version, '2.0.0')
    assert.deepEqual(base.services(), Catalog.fromFiles(TREE).services())
    assert.deepEqual(
      diff(base, head).services.map((c) => [c.id, c.kind]),
      [['shared-auth', 'major']],
    )

    assert.throws(
      () => Catalog.loadRevision(dir, 'no-such-revision'),
      (error) => error.code === 'invalid-argument' && error.argument === 'rev',
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
