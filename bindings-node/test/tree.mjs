// Reads control-center trees into `{ path: text }` maps in JavaScript, so that bindings without a
// disk (WASM) get exactly the files `Catalog.load` would read.

import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The shared conformance corpus: `tests/cases/<name>/{tree/,expected.json}`. */
export const casesDir = join(repoRoot, 'tests', 'cases')

/** Every file under `dir`, keyed by its path relative to `dir` with `/`, sorted. */
export function readTree(dir) {
  const files = {}
  const walk = (relative) => {
    const entries = readdirSync(join(dir, relative), { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) files[path] = readFileSync(join(dir, path), 'utf8')
    }
  }
  walk('')
  return files
}

/** The corpus cases, sorted by name: `{ name, dir, files, expected }`. */
export function readCases(root = casesDir) {
  if (!existsSync(root)) return []
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(root, name)
      return {
        name,
        dir,
        files: existsSync(join(dir, 'tree')) ? readTree(join(dir, 'tree')) : {},
        expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')),
      }
    })
}
