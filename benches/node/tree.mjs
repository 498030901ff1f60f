// Generated trees for the Node benchmarks, written by the Rust generator
// (`cargo run --release -p service-catalog-bench --bin generate`).

import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The date the generated lifecycle dates are consistent with (the generator's `TODAY`). */
export const TODAY = '2026-01-15'

/** The hub every generated service reaches (the generator's `HUBS[0]`). */
export const HUB = 'platform-auth'

/** Reads `--name value` from the command line, or `fallback`. */
export function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback
}

/**
 * A freshly generated tree of `services` services in a temporary folder (generated on every run,
 * so it always matches the current generator), removed when the process exits.
 */
export function generatedTree(services) {
  const dir = mkdtempSync(join(tmpdir(), `service-catalog-bench-${services}-`))
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  console.error(`generating a tree of ${services} services in ${dir}`)
  execFileSync(
    'cargo',
    ['run', '--release', '--quiet', '-p', 'service-catalog-bench', '--bin', 'generate', '--',
      '--services', String(services), '--out', dir, '--force'],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  return dir
}

/** Milliseconds taken by `work`, and its result. */
export function timed(work) {
  const start = process.hrtime.bigint()
  const result = work()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result }
}

/** The median of some numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
