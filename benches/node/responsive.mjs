// Shows that `checkAsync` keeps the event loop responsive: a 5 ms interval timer keeps firing
// while a large generated tree is checked off the main thread, and stops for as long as the same
// check runs synchronously.
//
//   node responsive.mjs [--services 100000] [--tree DIR]

import { Catalog } from 'service-catalog'
import { TODAY, generatedTree, option } from './tree.mjs'

const services = Number(option('services', '100000'))
const root = option('tree', undefined) ?? generatedTree(services)
const INTERVAL_MS = 5

/** Runs `work` while an interval timer ticks; the ticks seen and the longest gap between them. */
async function whileTicking(work) {
  let ticks = 0
  let last = performance.now()
  let longestGap = 0
  const timer = setInterval(() => {
    const now = performance.now()
    longestGap = Math.max(longestGap, now - last)
    last = now
    ticks++
  }, INTERVAL_MS)
  const start = performance.now()
  const result = await work()
  const elapsed = performance.now() - start
  // One more turn of the loop, so a timer that was starved sees its gap.
  await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS))
  clearInterval(timer)
  longestGap = Math.max(longestGap, performance.now() - last)
  return { result, elapsed, ticks, longestGap }
}

const catalog = await Catalog.loadAsync(root)
console.log(`tree: ${root} (${catalog.services().length} services)`)

const sync = await whileTicking(async () => catalog.check({ today: TODAY }))
const async_ = await whileTicking(() => catalog.checkAsync({ today: TODAY }))

const line = (name, run) =>
  `  ${name.padEnd(11)} ${run.elapsed.toFixed(0).padStart(6)} ms, timer fired ${String(run.ticks).padStart(5)} times, longest gap ${run.longestGap.toFixed(1)} ms`
console.log(`a ${INTERVAL_MS} ms interval timer during the check:`)
console.log(line('check', sync))
console.log(line('checkAsync', async_))
console.log(`findings: ${JSON.stringify(async_.result.summary)}`)
if (sync.result.toJson() !== async_.result.toJson()) {
  throw new Error('check and checkAsync disagree')
}
