// The catalog editor page. It keeps the loaded tree as the base and an edited copy as the head,
// re-checks the head on every keystroke (one animation frame at most behind the typing), and
// shows the head's findings at their lines, its services, what the edit changes against the
// base, and the changed files as downloads and a unified diff. Everything runs in this page,
// on the package's WebAssembly build: no request leaves its origin.

import init, { Catalog, impact, unifiedDiff } from '../pkg/web/service_catalog_wasm.js'
import exampleTree from '../pkg/web/example-tree.js'

/** Paths of the files a tree is made of, relative to its root. */
const TREE_FILE = /^(services\/[^/]+|projects\/[^/]+\/[^/]+|policies\/[^/]+)\.toml$/

/** The file the source pane opens when a tree loads, if the tree has it. */
const FIRST_FILE = 'services/catalog.toml'

/** Severities from the worst down. */
const SEVERITIES = ['error', 'warning', 'info']

/** The element with the id `id`. */
const byId = (id) => document.getElementById(id)

/** The page's elements. */
const ui = {
  loadExample: byId('load-example'),
  openFolder: byId('open-folder'),
  openFiles: byId('open-files'),
  loadStatus: byId('load-status'),
  today: byId('today'),
  summary: byId('summary'),
  recheckMs: byId('recheck-ms'),
  servicesBody: byId('services').tBodies[0],
  serviceIds: byId('service-ids'),
  selectedService: byId('selected-service'),
  deprecateForm: byId('deprecate-form'),
  deprecateReplacement: byId('deprecate-replacement'),
  deprecateSunset: byId('deprecate-sunset'),
  bumpForm: byId('bump-form'),
  bumpVersion: byId('bump-version'),
  depForm: byId('dep-form'),
  depSpec: byId('dep-spec'),
  depOptional: byId('dep-optional'),
  actionError: byId('action-error'),
  actionStatus: byId('action-status'),
  impactVerdict: byId('impact-verdict'),
  impactSummary: byId('impact-summary'),
  impactChanges: byId('impact-changes'),
  impactProjects: byId('impact-projects'),
  impactBroken: byId('impact-broken'),
  impactFindings: byId('impact-findings'),
  fileSelect: byId('file-select'),
  reset: byId('reset'),
  gutter: byId('gutter'),
  source: byId('source'),
  diagnostics: byId('diagnostics'),
  diagnosticsCount: byId('diagnostics-count'),
  downloadFiles: byId('download-files'),
  downloadDiff: byId('download-diff'),
  downloads: byId('downloads'),
  diff: byId('diff'),
}

/** What the page holds: both trees' files and catalogs, the open file and the head's findings. */
const state = {
  /** The loaded tree's files, `{ path: text }`. */
  baseFiles: {},
  /** The edited copy's files. */
  headFiles: {},
  /** `Catalog` of `baseFiles`. */
  base: null,
  /** `Catalog` of `headFiles` as of the last re-check. */
  head: null,
  /** The head's services as of the last re-check. */
  services: [],
  /** The head's findings as of the last re-check. */
  diagnostics: [],
  /** The path shown in the source pane. */
  current: null,
  /** The id of the service the actions apply to, or null. */
  selected: null,
  /** The pending animation frame of a scheduled re-check, or 0. */
  frame: 0,
  /** How many re-checks ran. */
  runs: 0,
  /** The object URLs of the current downloads, revoked when they are replaced. */
  downloadUrls: [],
}

/** A new `tag` element with the properties `props` (`dataset` merged into its data attributes) and `children`. */
function h(tag, { dataset = {}, ...props } = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props)
  Object.assign(node.dataset, dataset)
  node.append(...children)
  return node
}

/** Replaces the items of `list` by `items`, or by one muted `empty` item when there are none. */
function fillList(list, items, empty = 'none') {
  list.replaceChildren(...(items.length ? items : [h('li', { className: 'none', textContent: empty })]))
}

/** Today's date in UTC, `YYYY-MM-DD`. */
function todayUtc() {
  return new Date().toISOString().slice(0, 10)
}

/** The date the checks count from: the "today" input, or today (UTC) while it is empty. */
function today() {
  return ui.today.value || todayUtc()
}

/** Shows `text` as the outcome of the last load, in red when `isError`. */
function setLoadStatus(text, isError = false) {
  ui.loadStatus.textContent = text
  ui.loadStatus.classList.toggle('error', isError)
}

/** Makes `files` (`{ path: text }`) the loaded tree: the base, and a fresh edited copy of it as the head. */
function loadTree(files, label) {
  const paths = Object.keys(files).sort()
  state.base?.free()
  state.baseFiles = Object.fromEntries(paths.map((path) => [path, files[path]]))
  state.base = Catalog.fromFiles(state.baseFiles)
  state.headFiles = { ...state.baseFiles }
  state.diagnostics = []
  state.selected = null
  clearActionMessages()
  setLoadStatus(`${label}: ${paths.length} files`)
  showFile(paths.includes(FIRST_FILE) ? FIRST_FILE : paths[0])
  recheck()
}

/** The path of a file of a picked folder inside that folder: its `webkitRelativePath` without the folder's name. */
function pathInFolder(file) {
  return file.webkitRelativePath.split('/').slice(1).join('/')
}

/** Loads the tree files of the folder picked in the "Open folder" input. */
async function openFolder() {
  const picked = [...ui.openFolder.files]
  ui.openFolder.value = ''
  const folder = picked[0]?.webkitRelativePath.split('/')[0] ?? 'the folder'
  const treeFiles = picked.filter((file) => TREE_FILE.test(pathInFolder(file)))
  if (!treeFiles.length) {
    setLoadStatus(`no services/, projects/*/ or policies/ .toml files in ${folder}`, true)
    return
  }
  const texts = await Promise.all(treeFiles.map((file) => file.text()))
  loadTree(Object.fromEntries(treeFiles.map((file, i) => [pathInFolder(file), texts[i]])), `${folder}/`)
}

/** Where a picked file named `name` goes in the edited tree: the open file when the names match, else the only file so named, else null. */
function placeFile(name) {
  const nameOf = (path) => path.slice(path.lastIndexOf('/') + 1)
  if (nameOf(state.current) === name) return state.current
  const matches = Object.keys(state.headFiles).filter((path) => nameOf(path) === name)
  return matches.length === 1 ? matches[0] : null
}

/** Puts the files picked in the "Open files" input into the edited tree, each over the file of the same name. */
async function openFiles() {
  const picked = [...ui.openFiles.files]
  ui.openFiles.value = ''
  const placed = []
  const skipped = []
  for (const file of picked) {
    const path = placeFile(file.name)
    if (path) {
      state.headFiles[path] = await file.text()
      placed.push(path)
    } else {
      skipped.push(file.name)
    }
  }
  const notes = []
  if (placed.length) notes.push(`opened ${placed.join(', ')}`)
  if (skipped.length) notes.push(`no single file of the tree to replace with ${skipped.join(', ')}`)
  setLoadStatus(notes.join('; '), skipped.length > 0)
  showFile(state.current)
  recheck()
}

/** Shows the head's file `path` in the source pane. */
function showFile(path) {
  state.current = path
  ui.fileSelect.value = path
  ui.source.value = state.headFiles[path]
  ui.source.scrollTop = 0
  ui.source.scrollLeft = 0
  renderGutter()
  renderDiagnostics()
}

/** The first 1-based line where the texts `a` and `b` differ. */
function firstDifferentLine(a, b) {
  let at = 0
  while (at < a.length && a[at] === b[at]) at += 1
  return lineCount(a.slice(0, at))
}

/**
 * Puts the new text of each edited file (`[{ path, text }]`) into the head; when the open file
 * is one of them, shows its new text scrolled to the first changed line.
 */
function applyEdits(edits) {
  for (const { path, text } of edits) state.headFiles[path] = text
  if (edits.some(({ path }) => path === state.current)) {
    const line = firstDifferentLine(ui.source.value, state.headFiles[state.current])
    ui.source.value = state.headFiles[state.current]
    revealLine(line)
  }
}

/** Re-checks the head on the next animation frame, once however many times it is asked before then. */
function scheduleRecheck() {
  state.frame ||= requestAnimationFrame(() => recheck())
}

/** Runs a scheduled re-check now, so that the head catalog matches its files. */
function flushRecheck() {
  if (state.frame) recheck()
}

/** The plain JSON shape of `report` (a `Report` or an `ImpactReport`), freeing it. */
function takeJson(report) {
  try {
    return report.toJSON()
  } finally {
    report.free()
  }
}

/** Reads the head's files into a new catalog, checks it and its impact against the base, and shows everything. */
function recheck() {
  cancelAnimationFrame(state.frame)
  state.frame = 0
  const options = { today: today() }
  const started = performance.now()
  const head = Catalog.fromFiles(state.headFiles)
  const report = takeJson(head.check(options))
  const change = takeJson(impact(state.base, head, options))
  const elapsed = performance.now() - started
  state.head?.free()
  state.head = head
  state.services = head.services()
  state.diagnostics = report.diagnostics
  renderTiming(elapsed)
  renderSummary(report.summary)
  renderServices()
  renderFileOptions()
  renderGutter()
  renderDiagnostics()
  renderImpact(change)
  renderChanges()
}

/** Shows how long the last re-check took, and counts it in `data-runs`. */
function renderTiming(ms) {
  state.runs += 1
  ui.recheckMs.textContent = ms.toFixed(1)
  ui.recheckMs.dataset.runs = String(state.runs)
}

/** The one-line text of a summary: verdict and counts. */
function summaryText({ verdict, errors, warnings, infos }) {
  return `${verdict}: ${errors} errors, ${warnings} warnings, ${infos} infos`
}

/** Shows the head's verdict and counts. */
function renderSummary(summary) {
  ui.summary.textContent = summaryText(summary)
  ui.summary.className = `verdict verdict-${summary.verdict}`
}

/** The table row of `service`, with its direct consumer count. */
function serviceRow(service) {
  const consumers = state.head.consumers(service.id, { transitive: false }).length
  return h(
    'tr',
    { tabIndex: 0, className: `status-${service.status}`, dataset: { id: service.id } },
    h('td', {}, h('code', { textContent: service.id })),
    h('td', { textContent: service.project ?? 'shared', className: service.project ? '' : 'muted' }),
    h('td', {}, h('span', { className: `badge status-${service.status}`, textContent: service.status })),
    h('td', { textContent: service.version ?? '–' }),
    h('td', { className: 'owner', textContent: service.owner ?? '', title: service.owner ?? '' }),
    h('td', { className: 'number', textContent: String(consumers) }),
  )
}

/** Fills the services table and the replacement suggestions from the head. */
function renderServices() {
  ui.servicesBody.replaceChildren(...state.services.map(serviceRow))
  ui.serviceIds.replaceChildren(...state.services.map(({ id }) => h('option', { value: id })))
  renderSelection()
}

/** Marks the selected service in the table and enables the actions when there is one. */
function renderSelection() {
  for (const row of ui.servicesBody.rows) {
    const selected = row.dataset.id === state.selected
    row.classList.toggle('selected', selected)
    row.setAttribute('aria-selected', String(selected))
  }
  ui.selectedService.textContent = state.selected ?? 'select a service above'
  for (const form of [ui.deprecateForm, ui.bumpForm, ui.depForm]) form.querySelector('fieldset').disabled = !state.selected
  const service = state.services.find(({ id }) => id === state.selected)
  ui.bumpVersion.placeholder = service?.version ?? '1.2.3'
}

/** Selects the service `id` for the actions. */
function selectService(id) {
  state.selected = id
  clearActionMessages()
  renderSelection()
}

/** Lists the head's files in the file picker, each with its edit mark and finding count. */
function renderFileOptions() {
  const counts = new Map()
  for (const { file } of state.diagnostics) counts.set(file, (counts.get(file) ?? 0) + 1)
  const options = Object.keys(state.headFiles)
    .sort()
    .map((path) => {
      const edited = state.headFiles[path] !== state.baseFiles[path] ? ' (edited)' : ''
      const count = counts.get(path) ? ` · ${counts.get(path)} findings` : ''
      return h('option', { value: path, textContent: `${path}${edited}${count}` })
    })
  ui.fileSelect.replaceChildren(...options)
  ui.fileSelect.value = state.current
}

/** The number of lines of `text`. */
function lineCount(text) {
  let lines = 1
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1
  return lines
}

/** The head's findings in the open file, grouped by line. */
function findingsByLine() {
  const byLine = new Map()
  for (const finding of state.diagnostics) {
    if (finding.file !== state.current) continue
    byLine.set(finding.line, [...(byLine.get(finding.line) ?? []), finding])
  }
  return byLine
}

/** Numbers the gutter's lines like the source's and marks each line that has a finding with its worst severity. */
function renderGutter() {
  const lines = lineCount(ui.source.value)
  while (ui.gutter.childElementCount < lines) {
    const number = ui.gutter.childElementCount + 1
    ui.gutter.append(h('div', { textContent: String(number), dataset: { line: String(number) } }))
  }
  while (ui.gutter.childElementCount > lines) ui.gutter.lastElementChild.remove()
  for (const marked of ui.gutter.querySelectorAll('[data-severity]')) {
    delete marked.dataset.severity
    delete marked.dataset.codes
    marked.title = ''
  }
  for (const [line, findings] of findingsByLine()) {
    const marker = ui.gutter.children[line - 1]
    if (!marker) continue
    marker.dataset.severity = SEVERITIES.find((severity) => findings.some((f) => f.severity === severity))
    marker.dataset.codes = findings.map(({ code }) => code).join(' ')
    marker.title = findings.map(({ severity, code, message }) => `${severity} ${code}: ${message}`).join('\n')
  }
  ui.gutter.scrollTop = ui.source.scrollTop
}

/** The list item of one finding: "file:line:col severity code message"; clicking it moves the caret there. */
function findingItem(finding) {
  const { file, line, column, severity, code, message, help } = finding
  const button = h(
    'button',
    { type: 'button', className: `finding severity-${severity}`, title: help ?? '' },
    h('span', { className: 'where', textContent: `${file}:${line}:${column}` }),
    ' ',
    h('span', { className: 'severity', textContent: severity }),
    ' ',
    h('code', { textContent: code }),
    ' ',
    h('span', { textContent: message }),
  )
  button.addEventListener('click', () => goTo(file, line, column))
  return h('li', { dataset: { file, line: String(line), column: String(column), code, severity } }, button)
}

/** Lists the head's findings under the source pane. */
function renderDiagnostics() {
  fillList(ui.diagnostics, state.diagnostics.map(findingItem), 'no findings')
  ui.diagnosticsCount.textContent = `(${state.diagnostics.length})`
}

/** The offset in `text` where the 1-based `line` starts (the end of `text` past its last line). */
function lineStart(text, line) {
  let offset = 0
  for (let n = 1; n < line; n += 1) {
    const newline = text.indexOf('\n', offset)
    if (newline === -1) return text.length
    offset = newline + 1
  }
  return offset
}

/** Opens `file` in the source pane and puts the caret at `line`:`column`, scrolled into view. */
function goTo(file, line, column) {
  if (!(file in state.headFiles)) return
  if (file !== state.current) showFile(file)
  const text = ui.source.value
  const start = lineStart(text, line)
  const end = text.indexOf('\n', start) === -1 ? text.length : text.indexOf('\n', start)
  const caret = Math.min(start + column - 1, end)
  ui.source.focus({ preventScroll: true })
  ui.source.setSelectionRange(caret, caret)
  revealLine(line)
  ui.source.scrollIntoView({ block: 'nearest' })
}

/** Scrolls the source pane so that `line` is a third of the way down. */
function revealLine(line) {
  const lineHeight = parseFloat(getComputedStyle(ui.source).lineHeight)
  ui.source.scrollTop = Math.max(0, (line - 1) * lineHeight - ui.source.clientHeight / 3)
  ui.gutter.scrollTop = ui.source.scrollTop
}

/** The list item of one changed service: id, kind, version and status moves, changed fields. */
function changeItem({ id, kind, from_version, to_version, status, fields }) {
  const details = []
  details.push(from_version === to_version ? to_version : `${from_version ?? '–'} → ${to_version ?? '–'}`)
  if (status) details.push(`${status.from} → ${status.to}${status.allowed ? '' : ' (not allowed)'}`)
  if (fields.length) details.push(fields.map(({ field }) => field).join(', '))
  return h(
    'li',
    { dataset: { id, kind } },
    h('code', { textContent: id }),
    ' ',
    h('span', { className: `badge kind-${kind}`, textContent: kind }),
    ' ',
    h('span', { className: 'muted', textContent: details.filter(Boolean).join(' · ') }),
  )
}

/** The list item of one affected project and the shortest path that reaches the change. */
function projectItem({ id, path }) {
  return h('li', { dataset: { id } }, h('strong', { textContent: id }), ' ', h('span', { className: 'muted', textContent: `via ${path.join(' → ')}` }))
}

/** The list item of one consumer the new version breaks: its requirement and the old → new version. */
function brokenItem({ consumer, project, service, requirement, old_version, new_version }) {
  const who = project ? `${consumer} (${project})` : consumer
  return h('li', { dataset: { id: consumer } }, `${who} requires ${service} ${requirement}: ${old_version} → ${new_version}`)
}

/** Shows what the head changes against the base: verdict, changes, affected projects, broken consumers, introduced findings. */
function renderImpact({ summary, changes, affected_projects, broken_consumers, findings }) {
  ui.impactVerdict.textContent = summary.verdict
  ui.impactVerdict.className = `verdict verdict-${summary.verdict}`
  const changed = changes.services.length
  ui.impactSummary.textContent = changed
    ? `${changed} changed service${changed === 1 ? '' : 's'}; introduces ${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} infos.`
    : 'No changes against the loaded tree.'
  fillList(ui.impactChanges, changes.services.map(changeItem))
  fillList(ui.impactProjects, affected_projects.map(projectItem))
  fillList(ui.impactBroken, broken_consumers.map(brokenItem))
  fillList(ui.impactFindings, findings.map(findingItem))
}

/** The paths whose head text differs from the base's, sorted. */
function changedPaths() {
  return Object.keys(state.headFiles)
    .sort()
    .filter((path) => state.headFiles[path] !== state.baseFiles[path])
}

/** An object URL of `text` as a plain-text file, revoked when the downloads are next replaced. */
function textUrl(text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }))
  state.downloadUrls.push(url)
  return url
}

/** The class of one line of a unified diff: file header, hunk header, addition, removal or context. */
function diffLineClass(line) {
  if (line.startsWith('+++') || line.startsWith('---')) return 'file'
  if (line.startsWith('@@')) return 'hunk'
  if (line.startsWith('+')) return 'add'
  if (line.startsWith('-')) return 'del'
  return ''
}

/** Shows the unified diff `text`, one coloured line per line. */
function renderDiff(text) {
  ui.diff.classList.toggle('empty', !text)
  if (!text) {
    ui.diff.textContent = 'No edits yet: the edited tree is the loaded tree.'
    return
  }
  const lines = text.replace(/\n$/, '').split('\n')
  ui.diff.replaceChildren(...lines.map((line) => h('span', { className: diffLineClass(line), textContent: line })))
}

/** Offers each changed file and the diff of all of them as downloads, and shows the diff. */
function renderChanges() {
  for (const url of state.downloadUrls) URL.revokeObjectURL(url)
  state.downloadUrls = []
  const paths = changedPaths()
  const diff = paths.map((path) => unifiedDiff(path, state.baseFiles[path] ?? '', state.headFiles[path])).join('')
  const links = paths.map((path) =>
    h('li', {}, h('a', { href: textUrl(state.headFiles[path]), download: path.replaceAll('/', '_'), textContent: path })),
  )
  fillList(ui.downloads, links, 'no changed files')
  ui.downloadFiles.disabled = !paths.length
  if (diff) ui.downloadDiff.href = textUrl(diff)
  else ui.downloadDiff.removeAttribute('href')
  ui.downloadDiff.classList.toggle('disabled', !diff)
  renderDiff(diff)
}

/** Starts the download of every changed file. */
function downloadChangedFiles() {
  for (const link of ui.downloads.querySelectorAll('a[download]')) link.click()
}

/** Clears the outcome of the last action. */
function clearActionMessages() {
  ui.actionError.textContent = ''
  ui.actionStatus.textContent = ''
}

/**
 * Runs `edit(editor, id)` on an editor of the head for the selected service and applies the
 * files it returns, then re-checks. Shows what changed, or the thrown error's code and message.
 * Returns whether the edit succeeded.
 */
function runAction(label, edit) {
  flushRecheck()
  clearActionMessages()
  let edits
  try {
    const editor = state.head.edit()
    try {
      edits = edit(editor, state.selected)
    } finally {
      editor.free()
    }
  } catch (error) {
    ui.actionError.textContent = `${error.code ?? 'error'}: ${error.message}`
    return false
  }
  applyEdits(edits)
  ui.actionStatus.textContent = edits.length
    ? `${label}: changed ${edits.map(({ path }) => path).join(', ')}`
    : `${label}: nothing to change`
  recheck()
  return true
}

/** Deprecates the selected service as the Deprecate form says. */
function deprecate() {
  const replacement = ui.deprecateReplacement.value.trim()
  const sunset = ui.deprecateSunset.value
  const options = { date: today(), ...(sunset && { sunset }) }
  return runAction(`deprecated ${state.selected}`, (editor, id) => editor.deprecate(id, replacement, options))
}

/** Sets the selected service's version as the Bump version form says. */
function bumpVersion() {
  const version = ui.bumpVersion.value.trim()
  return runAction(`${state.selected} is now ${version}`, (editor, id) => editor.setVersion(id, version))
}

/** Adds the dependency the Add dependency form says to the selected service. */
function addDependency() {
  const spec = ui.depSpec.value.trim()
  const optional = ui.depOptional.checked
  return runAction(`${state.selected} now depends on ${spec}`, (editor, id) => editor.addDependency(id, spec, { optional }))
}

/** Makes `form` run `action` on submit instead of navigating, and clears it when the action succeeds. */
function onSubmit(form, action) {
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    if (action()) form.reset()
  })
}

/** Throws away every edit: the head becomes the loaded tree again. */
function discardEdits() {
  state.headFiles = { ...state.baseFiles }
  clearActionMessages()
  showFile(state.current)
  recheck()
}

/** The id of the service row `event` happened in, or null. */
function rowId(event) {
  return event.target.closest('tr[data-id]')?.dataset.id ?? null
}

/** Connects the page's controls to what they do. */
function wire() {
  ui.loadExample.addEventListener('click', () => loadTree(exampleTree, 'Example'))
  ui.openFolder.addEventListener('change', openFolder)
  ui.openFiles.addEventListener('change', openFiles)
  ui.today.addEventListener('input', scheduleRecheck)
  ui.fileSelect.addEventListener('change', () => showFile(ui.fileSelect.value))
  ui.reset.addEventListener('click', discardEdits)
  ui.source.addEventListener('input', () => {
    state.headFiles[state.current] = ui.source.value
    scheduleRecheck()
  })
  ui.source.addEventListener('scroll', () => {
    ui.gutter.scrollTop = ui.source.scrollTop
  })
  ui.servicesBody.addEventListener('click', (event) => {
    const id = rowId(event)
    if (id) selectService(id)
  })
  ui.servicesBody.addEventListener('keydown', (event) => {
    const id = rowId(event)
    if (id && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault()
      selectService(id)
    }
  })
  onSubmit(ui.deprecateForm, deprecate)
  onSubmit(ui.bumpForm, bumpVersion)
  onSubmit(ui.depForm, addDependency)
  ui.downloadFiles.addEventListener('click', downloadChangedFiles)
}

/** Loads the WebAssembly module, then the example tree. */
async function main() {
  ui.today.value = todayUtc()
  await init()
  wire()
  loadTree(exampleTree, 'Example')
  document.documentElement.dataset.ready = 'true'
}

main().catch((error) => {
  setLoadStatus(`cannot start: ${error.message}`, true)
  throw error
})
