// The editor page in headless Chromium: serves bindings-wasm/ (scripts/serve.mjs), opens
// /editor/index.html and drives it as a user would: opening a folder, the example's services
// table, a schema error typed into the source and shown at its line, a deprecation through the
// Deprecate form and its impact and diff, an action error; times keystroke-driven re-checks
// (printed, not asserted); saves a screenshot to artifacts/editor.png. Fails on any page
// error, console error or request that leaves the page's origin.
//
// Run after `npm run build`: `node test/browser.test.mjs` (`npm run test:browser`). Needs
// Chromium at /usr/bin/chromium; never downloads a browser.

import { strict as assert } from 'node:assert'
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { serve } from '../scripts/serve.mjs'

/** The repository's root. */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** The example tree the page bundles. */
const exampleRoot = join(repoRoot, 'examples', 'control-center')

/** The fixed date the checks count from. */
const TODAY = '2026-11-22'

/** How many keystroke-driven re-checks to time. */
const RECHECKS = 20

/** Where the screenshot goes. */
const screenshotFile = join(repoRoot, 'artifacts', 'editor.png')

/** How Chromium is started: headless, offline, with no profile side effects. */
const launchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
}

/** The shared services file the test edits, and its text. */
const CATALOG = 'services/catalog.toml'
const catalogText = readFileSync(join(exampleRoot, CATALOG), 'utf8')

/** The service deprecated through the form (shared, with consumers in two projects) and its replacement. */
const DEPRECATED = 'notification-service'
const REPLACEMENT = 'identity-service'

/** Prints one passed check. */
function ok(what) {
  console.log(`ok - ${what}`)
}

/** Every service id the example defines: the `[service.<id>]` tables of its services files. */
function exampleServiceIds() {
  const files = [CATALOG, ...readdirSync(join(exampleRoot, 'projects')).map((project) => `projects/${project}/services.toml`)]
  return files
    .flatMap((file) => [...readFileSync(join(exampleRoot, file), 'utf8').matchAll(/^\[service\.([a-z0-9-]+)\]$/gm)])
    .map((match) => match[1])
    .sort()
}

/** How many files of the example are tree files: `.toml` files of services/, projects/<id>/ and policies/. */
function exampleFileCount() {
  const toml = (folder) => readdirSync(join(exampleRoot, folder)).filter((name) => name.endsWith('.toml')).length
  const projects = readdirSync(join(exampleRoot, 'projects'))
  return toml('services') + toml('policies') + projects.reduce((sum, project) => sum + toml(`projects/${project}`), 0)
}

/** The 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text, needle) {
  const at = text.indexOf(needle)
  assert.notEqual(at, -1, `${needle} is not in the text`)
  return text.slice(0, at).split('\n').length
}

/** How many re-checks the page has run. */
async function recheckRuns(page) {
  return Number(await page.getAttribute('#recheck-ms', 'data-runs'))
}

/** Runs `act`, then waits until the page has finished the re-check it causes. */
async function afterRecheck(page, act) {
  const before = await recheckRuns(page)
  await act()
  await page.waitForFunction((runs) => Number(document.querySelector('#recheck-ms').dataset.runs) > runs, before)
}

/** The text of the element `selector`, whitespace-trimmed. */
async function text(page, selector) {
  return (await page.locator(selector).textContent()).trim()
}

/** The median of `values`. */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Opens the example's folder through the folder input and checks only its tree files are loaded. */
async function checkOpenFolder(page) {
  await afterRecheck(page, () => page.setInputFiles('#open-folder', exampleRoot))
  assert.equal(await text(page, '#load-status'), `control-center/: ${exampleFileCount()} files`)
  ok(`opening the folder loads its tree files: ${await text(page, '#load-status')}`)
}

/** Loads the example, fixes the date, and checks the services table and the clean summary. */
async function checkExample(page) {
  await afterRecheck(page, () => page.click('#load-example'))
  await afterRecheck(page, () => page.fill('#today', TODAY))
  const listed = await page.locator('#services tbody tr').evaluateAll((rows) => rows.map((row) => row.dataset.id))
  assert.deepEqual([...listed].sort(), exampleServiceIds())
  ok(`the services table lists the example's ${listed.length} services`)
  assert.equal(await text(page, '#services tr[data-id="identity-service"] td.number'), '5')
  ok('identity-service shows its 5 direct consumers')
  assert.match(await page.getAttribute('#services tr[data-id="legacy-email-gateway"]', 'class'), /status-deprecated/)
  assert.match(await page.getAttribute('#services tr[data-id="legacy-sms-gateway"]', 'class'), /status-retired/)
  ok('deprecated and retired services are marked')
  assert.equal(await text(page, '#summary'), 'pass: 0 errors, 0 warnings, 0 infos')
  ok(`the example checks clean as of ${TODAY}: ${await text(page, '#summary')}`)
  assert.equal(await text(page, '#impact-verdict'), 'pass')
  ok('the impact of the unedited tree passes')
}

/** Types one character per re-check at the end of the open file's first line; returns each re-check's time in ms. */
async function timeRechecks(page) {
  await page.evaluate(() => {
    const source = document.querySelector('#source')
    const end = source.value.indexOf('\n')
    source.focus()
    source.setSelectionRange(end, end)
  })
  const times = []
  for (let i = 0; i < RECHECKS; i += 1) {
    await afterRecheck(page, () => page.keyboard.type('x'))
    times.push(Number(await text(page, '#recheck-ms')))
  }
  await afterRecheck(page, () => page.click('#reset'))
  assert.equal(await text(page, '#summary'), 'pass: 0 errors, 0 warnings, 0 infos')
  return times
}

/** Breaks a version in the source, checks the finding at its line, then reverts it. */
async function checkFindingAtLine(page) {
  assert.equal(await page.inputValue('#file-select'), CATALOG)
  const needle = 'version = "3.2.1"'
  const line = lineOf(catalogText, needle)
  const broken = catalogText.replace(needle, 'version = "not-a-version"')
  await afterRecheck(page, () => page.fill('#source', broken))

  const item = page.locator(`#diagnostics li[data-file="${CATALOG}"][data-line="${line}"][data-code="schema/invalid-value"]`)
  assert.equal(await item.count(), 1)
  assert.match(await item.textContent(), new RegExp(`^${CATALOG}:${line}:\\d+ error schema/invalid-value `))
  ok(`the findings list shows ${(await item.textContent()).slice(0, 70)}…`)
  const marker = page.locator(`#gutter [data-line="${line}"]`)
  assert.equal(await marker.getAttribute('data-severity'), 'error')
  assert.match(await marker.getAttribute('data-codes'), /schema\/invalid-value/)
  ok(`the gutter marks line ${line} as an error`)
  assert.match(await text(page, '#summary'), /^fail: 1 errors/)
  ok(`the summary fails: ${await text(page, '#summary')}`)

  await item.locator('button').click()
  const caretLine = await page.evaluate(() => {
    const source = document.querySelector('#source')
    return source.value.slice(0, source.selectionStart).split('\n').length
  })
  assert.equal(caretLine, line)
  ok(`clicking the finding puts the caret on line ${line}`)

  await afterRecheck(page, () => page.fill('#source', catalogText))
  assert.equal(await page.locator('#diagnostics li[data-code]').count(), 0)
  assert.equal(await page.locator('#gutter [data-severity]').count(), 0)
  assert.equal(await text(page, '#summary'), 'pass: 0 errors, 0 warnings, 0 infos')
  ok('reverting the edit clears the finding')
}

/** Deprecates a service with consumers through the Deprecate form and checks the impact and the diff. */
async function checkDeprecation(page) {
  await page.click(`#services tr[data-id="${DEPRECATED}"]`)
  assert.equal(await text(page, '#selected-service'), DEPRECATED)
  await page.fill('#deprecate-replacement', REPLACEMENT)
  await afterRecheck(page, () => page.click('#deprecate-submit'))
  assert.equal(await text(page, '#action-error'), '')
  ok(`deprecated ${DEPRECATED} in favour of ${REPLACEMENT}: ${await text(page, '#action-status')}`)

  assert.equal(await page.locator(`#impact-changes li[data-id="${DEPRECATED}"][data-kind="deprecation"]`).count(), 1)
  ok(`the impact panel lists the deprecation: ${await text(page, '#impact-changes li')}`)
  const projects = await page.locator('#impact-projects li[data-id]').evaluateAll((items) => items.map((item) => item.dataset.id))
  assert.ok(projects.length >= 1, 'no affected project')
  ok(`affected projects: ${projects.join(', ')}`)
  ok(`impact verdict: ${await text(page, '#impact-verdict')}; ${await text(page, '#impact-summary')}`)

  const diff = await text(page, '#diff')
  assert.ok(diff.includes('+status = "deprecated"'), diff)
  assert.ok(diff.includes(`+deprecation_date = ${TODAY}`), diff)
  assert.ok(diff.includes(`+replacement_service = "${REPLACEMENT}"`), diff)
  ok('the diff view shows +status = "deprecated", the deprecation date and the replacement')
  assert.equal(await page.locator(`#downloads a[download="${CATALOG.replaceAll('/', '_')}"]`).count(), 1)
  assert.ok(await page.getAttribute('#download-diff', 'href'), 'no diff download')
  ok(`${CATALOG} and catalog.diff are offered as downloads`)
  assert.match(await page.getAttribute(`#services tr[data-id="${DEPRECATED}"]`, 'class'), /status-deprecated/)
  ok(`${DEPRECATED} is marked deprecated in the table`)
}

/** Submits an invalid version and checks the error's code and message are shown. */
async function checkActionError(page) {
  await page.fill('#bump-version', 'not-a-version')
  await page.click('#bump-submit')
  const error = await text(page, '#action-error')
  assert.match(error, /^invalid-argument: .*not-a-version/)
  ok(`an invalid version is refused: ${error.slice(0, 80)}…`)
}

/** Opens the page, runs every check, and saves the screenshot. */
async function run(page, url) {
  await page.goto(`${url}/editor/index.html`)
  await page.waitForSelector('html[data-ready="true"]')
  ok('the page loads the WebAssembly package and the example')
  await checkOpenFolder(page)
  await checkExample(page)

  const times = await timeRechecks(page)
  const max = Math.max(...times)
  console.log(`re-check (fromFiles + check + impact) over ${RECHECKS} keystrokes: median ${median(times).toFixed(1)} ms, max ${max.toFixed(1)} ms`)

  await checkFindingAtLine(page)
  await checkDeprecation(page)
  mkdirSync(join(repoRoot, 'artifacts'), { recursive: true })
  await page.screenshot({ path: screenshotFile, fullPage: true })
  ok(`screenshot saved to ${screenshotFile}`)
  await checkActionError(page)
}

/** Starts the server and the browser, runs the checks, and fails on page errors or off-origin requests. */
async function main() {
  const server = await serve({ port: 0, host: '127.0.0.1' })
  const browser = await chromium.launch(launchOptions)
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    const problems = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('request', (request) => {
      const target = request.url()
      if (!target.startsWith(`${server.url}/`) && !/^(blob|data):/.test(target)) problems.push(`off-origin request: ${target}`)
    })
    await run(page, server.url)
    assert.deepEqual(problems, [])
    ok('no page errors, console errors or off-origin requests')
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
console.log('browser test passed')
