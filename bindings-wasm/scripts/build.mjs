// Builds the npm package service-catalog-wasm into pkg/: the crate compiled for
// wasm32-unknown-unknown with the size-focused `wasm-release` profile, wasm-bindgen's `web`
// (pkg/web, ES module) and `nodejs` (pkg/node, CommonJS) outputs, each `.wasm` shrunk by
// binaryen's `wasm-opt -Oz`, and the plain-data types beside them. Prints the raw and gzipped
// size of the `.wasm` and fails when it is not under the budget.
//
// Needs the wasm32-unknown-unknown target and the `wasm-bindgen` command of the crate's
// version (scripts/test-wasm.sh installs both) and `npm install` in this folder (binaryen).

import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { bundleExample } from './bundle-example.mjs'
import { catalogTypes, generate, output as typesOutput } from './generate-types.mjs'

/** The gzipped size the release `.wasm` must stay under, in bytes. */
const BUDGET_GZIPPED = 600 * 1024

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const root = resolve(here, '..')
const targetDir = resolve(root, process.env.CARGO_TARGET_DIR ?? 'target')
const binaryen = join(here, 'node_modules', 'binaryen', 'bin', 'wasm-opt')
const name = 'service_catalog_wasm'

/** Runs `command` with `args`, its output going to ours; throws when it fails. */
function run(command, args, options = {}) {
  console.log(`$ ${[command, ...args].join(' ')}`)
  execFileSync(command, args, { stdio: 'inherit', ...options })
}

if (readFileSync(typesOutput, 'utf8') !== generate()) {
  throw new Error('bindings-wasm/src/types.d.ts is stale: run `node scripts/generate-types.mjs` in bindings-wasm and commit it')
}

run(
  'cargo',
  ['build', '-p', 'service-catalog-wasm', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm-release'],
  { cwd: root },
)
const compiled = join(targetDir, 'wasm32-unknown-unknown', 'wasm-release', `${name}.wasm`)

const pkg = join(here, 'pkg')
rmSync(pkg, { recursive: true, force: true })
for (const [target, folder] of [
  ['web', 'web'],
  ['nodejs', 'node'],
]) {
  const out = join(pkg, folder)
  mkdirSync(out, { recursive: true })
  run('wasm-bindgen', ['--target', target, '--out-dir', out, '--out-name', name, compiled])
  const wasm = join(out, `${name}_bg.wasm`)
  run('node', [binaryen, '-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', wasm, '-o', wasm])
  copyFileSync(catalogTypes, join(out, 'catalog.d.ts'))
}
// The `nodejs` output is CommonJS; say so explicitly, whatever a parent package.json says.
writeFileSync(join(pkg, 'node', 'package.json'), '{ "type": "commonjs" }\n')
writeFileSync(join(pkg, 'web', 'package.json'), '{ "type": "module" }\n')
// The example tree, as a module the editor page loads without a server-side listing.
bundleExample(join(pkg, 'web', 'example-tree.js'))

const wasm = join(pkg, 'web', `${name}_bg.wasm`)
const raw = statSync(wasm).size
const gzipped = gzipSync(readFileSync(wasm), { level: 9 }).length
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
console.log(`wasm: ${kb(raw)} raw, ${kb(gzipped)} gzipped (budget ${kb(BUDGET_GZIPPED)} gzipped), before wasm-opt ${kb(statSync(compiled).size)}`)
if (gzipped >= BUDGET_GZIPPED) {
  throw new Error(`the release .wasm is ${kb(gzipped)} gzipped, over the ${kb(BUDGET_GZIPPED)} budget`)
}
