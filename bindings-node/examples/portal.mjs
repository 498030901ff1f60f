// A small developer-portal backend on node:http (no framework) over a control-center tree:
//
//   GET  /services                                  the inventory: every service, as plain data
//   GET  /services/:id                              one service
//   GET  /services/:id/consumers[?transitive=true]  who depends on it, with paths
//   GET  /projects                                  every project
//   GET  /report[?today=YYYY-MM-DD]                 the check report of the tree
//   POST /impact[?today=YYYY-MM-DD]                 the impact of a change: the body is
//                                                   { "files": { "<path>": "<new text>" | null } },
//                                                   the changed files of the tree (null deletes)
//
//   node examples/portal.mjs [DIR] [--port 8080] [--host 127.0.0.1]
//
// Errors are JSON `{ "error": { "code", "message", … } }` with the library's error code.

import { createServer } from 'node:http'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Catalog, impactAsync } from 'service-catalog'

/** Every file under `dir`, keyed by its path relative to `dir` with `/`. */
export function readTree(dir, relative = '', files = {}) {
  for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
    const path = relative ? `${relative}/${entry.name}` : entry.name
    if (entry.isDirectory()) readTree(dir, path, files)
    else if (entry.isFile()) files[path] = readFileSync(join(dir, path), 'utf8')
  }
  return files
}

/** An HTTP error with a status and a JSON body. */
class HttpError extends Error {
  constructor(status, code, message) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** The status for an error the library threw. */
const STATUS = { 'unknown-service': 404, 'unknown-project': 404, 'invalid-argument': 400 }

/** Reads a JSON request body (at most `limit` bytes). */
async function jsonBody(request, limit = 16 << 20) {
  let size = 0
  const chunks = []
  for await (const chunk of request) {
    size += chunk.length
    if (size > limit) throw new HttpError(413, 'too-large', 'the request body is too large')
    chunks.push(chunk)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(400, 'invalid-json', 'the request body is not JSON')
  }
}

/** The head tree of a posted change: `files` over `base`, where null deletes a file. */
function applyChange(base, body) {
  const files = body?.files
  if (!files || typeof files !== 'object' || Array.isArray(files)) {
    throw new HttpError(400, 'invalid-change', 'expected { "files": { "<path>": "<text>" | null } }')
  }
  const head = { ...base }
  for (const [path, text] of Object.entries(files)) {
    if (text === null) delete head[path]
    else if (typeof text === 'string') head[path] = text
    else throw new HttpError(400, 'invalid-change', `the new text of ${path} is not a string`)
  }
  return head
}

/**
 * A portal server over the tree of `files` (`{ path: text }`); `today` fixes the date of the
 * checks (default: the current date). Call `listen` on the result.
 */
export function createPortal(files, { today } = {}) {
  const catalog = Catalog.fromFiles(files)
  const dated = (url) => ({ today: url.searchParams.get('today') ?? today })

  const routes = [
    ['GET', /^\/services$/, () => catalog.services()],
    ['GET', /^\/services\/([^/]+)$/, (_, [id]) => catalog.service(id)],
    [
      'GET',
      /^\/services\/([^/]+)\/consumers$/,
      (url, [id]) => catalog.consumers(id, { transitive: url.searchParams.get('transitive') === 'true' }),
    ],
    ['GET', /^\/projects$/, () => catalog.projects()],
    ['GET', /^\/report$/, async (url) => (await catalog.checkAsync(dated(url))).toJSON()],
    [
      'POST',
      /^\/impact$/,
      async (url, _, request) => {
        const head = Catalog.fromFiles(applyChange(files, await jsonBody(request)))
        return (await impactAsync(catalog, head, dated(url))).toJSON()
      },
    ],
  ]

  return createServer(async (request, response) => {
    const send = (status, value) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      response.end(`${JSON.stringify(value)}\n`)
    }
    try {
      const url = new URL(request.url, 'http://portal')
      const matches = routes
        .map(([method, pattern, handle]) => [method, url.pathname.match(pattern), handle])
        .filter(([, match]) => match)
      if (matches.length === 0) throw new HttpError(404, 'no-route', `no route ${url.pathname}`)
      const route = matches.find(([method]) => method === request.method)
      if (!route) throw new HttpError(405, 'method-not-allowed', `${request.method} is not allowed here`)
      const [, match, handle] = route
      const params = match.slice(1).map(decodeURIComponent)
      send(200, await handle(url, params, request))
    } catch (error) {
      const status = error.status ?? STATUS[error.code] ?? 500
      const { code = 'internal', message, serviceId, projectId, argument } = error
      send(status, { error: { code, message, serviceId, projectId, argument } })
    }
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`)
    return at >= 0 ? process.argv[at + 1] : fallback
  }
  const dir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '.'
  const server = createPortal(readTree(dir))
  const [host, port] = [option('host', '127.0.0.1'), Number(option('port', '8080'))]
  server.listen(port, host, () => console.log(`portal for ${dir} on http://${host}:${port}/services`))
}
