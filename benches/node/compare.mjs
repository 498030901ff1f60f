// Load + full check of a generated tree through the Node binding, side by side in one run with
// the same graph work done in JavaScript: smol-toml parsing every file of the tree, a graphology
// graph of the dependencies, cycle detection and the ancestors (transitive consumers) of a hub.
//
//   node compare.mjs [--services 10000] [--runs 5] [--warmup 2] [--tree DIR]

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import { parse } from 'smol-toml'
import Graph from 'graphology'
import { hasCycle } from 'graphology-dag'
import { bfsFromNode } from 'graphology-traversal'
import { Catalog } from 'service-catalog'
import { HUB, TODAY, generatedTree, median, option, timed } from './tree.mjs'

const services = Number(option('services', '10000'))
const runs = Number(option('runs', '5'))
const warmup = Number(option('warmup', '2'))
const root = option('tree', undefined) ?? generatedTree(services)

/** Every `.toml` file of the tree's services/, policies/ and projects/*\/ folders. */
function tomlFiles(dir) {
  const files = []
  const add = (folder) => {
    let entries
    try {
      entries = readdirSync(join(dir, folder), { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      if (entry.isFile() && entry.name.endsWith('.toml')) files.push(join(dir, folder, entry.name))
    }
  }
  add('services')
  add('policies')
  for (const project of readdirSync(join(dir, 'projects'), { withFileTypes: true })) {
    if (project.isDirectory()) add(join('projects', project.name))
  }
  return files
}

/** The id a dependency entry names: `"id"`, `"id@REQ"` or `{ service, … }`. */
function dependencyId(entry) {
  return typeof entry === 'string' ? entry.split('@')[0].trim() : entry.service
}

/**
 * The JavaScript side: parse, build the graph, detect cycles, find the hub's ancestors. The graph
 * holds every dependency edge; the core looks for cycles among required `sync` edges only, which
 * on a generated tree gives the same answer (checked below) with less work on this side.
 */
function javascript(dir) {
  const graph = new Graph({ type: 'directed', allowSelfLoops: true })
  for (const path of tomlFiles(dir)) {
    const document = parse(readFileSync(path, 'utf8'))
    if (!path.endsWith('services.toml') && !path.endsWith('catalog.toml')) continue
    for (const [id, service] of Object.entries(document.service ?? {})) {
      graph.mergeNode(id)
      const { requires = [], optional = [] } = service.dependencies ?? {}
      for (const entry of [...requires, ...optional]) graph.mergeEdge(id, dependencyId(entry))
    }
  }
  const cyclic = hasCycle(graph)
  let ancestors = -1
  bfsFromNode(graph, HUB, () => void ancestors++, { mode: 'inbound' })
  return { services: graph.order, cyclic, ancestors }
}

/** The Rust side through the binding: load, full check and, where the core has it, consumers. */
function binding(dir) {
  const catalog = Catalog.load(dir)
  const report = catalog.check({ today: TODAY })
  const consumers =
    typeof catalog.consumers === 'function'
      ? catalog.consumers(HUB, { transitive: true })
      : undefined
  return { catalog, report, consumers }
}

/** What the binding found, read after the clock stopped. */
function bindingAnswers({ catalog, report, consumers }) {
  return {
    services: catalog.services().length,
    cyclic: report.diagnostics.some((d) => d.code === 'dep/cycle'),
    ancestors: consumers?.length,
    summary: report.summary,
  }
}

const times = { binding: [], javascript: [] }
let last
let answers
// Each side starts from a collected heap, so neither pays for the other's garbage (the
// JavaScript side leaves hundreds of megabytes, which V8 would otherwise collect in the middle
// of whatever runs next), and after a turn of the event loop, as a server gets between
// requests: Node runs the finalizers of collected native objects (the catalogs) there.
v8.setFlagsFromString('--expose-gc')
const collectGarbage = vm.runInNewContext('gc')
const settle = async () => {
  collectGarbage()
  await new Promise((resolve) => setImmediate(resolve))
}
// The first rounds are not counted, for either side: they pay for what only a fresh process
// pays (compiling the JavaScript, reading the tree into the page cache, growing both heaps).
for (let run = 0; run < warmup + runs; run++) {
  await settle()
  const rust = timed(() => binding(root))
  await settle()
  const js = timed(() => javascript(root))
  if (run >= warmup) {
    times.binding.push(rust.ms)
    times.javascript.push(js.ms)
  }
  last = { binding: rust.result, javascript: js.result }
}
// The answers are read once, from the last round: reading the binding's (every service as
// plain data) between rounds would leave megabytes of garbage in both heaps for the next
// round to pay for.
answers = { binding: bindingAnswers(last.binding), javascript: last.javascript }

const [rust, js] = [median(times.binding), median(times.javascript)]
console.log(`tree: ${root} (${answers.javascript.services} services)`)
console.log(`runs: ${runs} after ${warmup} not counted, median wall time of each side, same process`)
console.log(`  binding   Catalog.load + check${answers.binding.ancestors === undefined ? '' : ' + consumers'}: ${rust.toFixed(1)} ms`)
console.log(`  smol-toml + graphology parse + graph + hasCycle + ancestors: ${js.toFixed(1)} ms`)
console.log(`  ratio: the binding is ${(js / rust).toFixed(1)}x faster`)
console.log(`answers: ${JSON.stringify(answers)}`)
if (answers.binding.ancestors !== undefined && answers.binding.ancestors !== answers.javascript.ancestors) {
  throw new Error('the two sides disagree on the ancestors of the hub')
}
if (answers.binding.cyclic !== answers.javascript.cyclic) {
  throw new Error('the two sides disagree on whether the graph has a cycle')
}
