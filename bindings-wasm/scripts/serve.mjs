// A tiny static server for the editor page: serves this package's folder (bindings-wasm/), so
// `/editor/index.html` and the built `/pkg/web/…` both resolve, and nothing outside it.
// `node scripts/serve.mjs` listens on PORT (default 8080) and prints the editor's URL.

import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder served: bindings-wasm/. */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)))

/** The path of the editor page, relative to the server's root. */
const editorPath = '/editor/index.html'

/** Content types by file extension; anything else is served as bytes. */
const contentTypes = {
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.toml': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

/** The file a request path names inside `root`, or null when it escapes the folder or does not decode. */
function fileFor(urlPath) {
  let decoded
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const file = resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`)
  return file.startsWith(root + sep) ? file : null
}

/** Ends `response` with the plain-text `status` and `text`, or cuts it off when its head is already sent. */
function fail(response, status, text) {
  if (response.headersSent) return response.destroy()
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  response.end(`${text}\n`)
}

/** Answers one request: GET or HEAD of a file under `root`. */
async function handle(request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD')
    return fail(response, 405, 'method not allowed')
  }
  const { pathname } = new URL(request.url, 'http://localhost')
  if (pathname === '/') {
    response.writeHead(302, { location: editorPath })
    return response.end()
  }
  const file = fileFor(pathname)
  if (!file) return fail(response, 403, 'forbidden')
  const info = await stat(file).catch(() => null)
  if (!info?.isFile()) return fail(response, 404, 'not found')
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-cache',
  })
  if (request.method === 'HEAD') return response.end()
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response)
}

/**
 * Starts the server on `host`:`port` (0 picks a free port). Resolves to `{ url, close }`: the
 * server's base URL (no trailing slash) and a function that stops it.
 */
export async function serve({ port = 0, host = '127.0.0.1' } = {}) {
  const server = createServer((request, response) => {
    handle(request, response).catch((error) => fail(response, 500, error.message))
  })
  await new Promise((done, reject) => {
    server.once('error', reject)
    server.listen(port, host, done)
  })
  const address = server.address()
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`
  const close = () => new Promise((done) => {
    server.closeAllConnections()
    server.close(() => done())
  })
  return { url, close }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url } = await serve({ port: Number(process.env.PORT ?? 8080) })
  console.log(`serving ${root} at ${url}/`)
  console.log(`editor: ${url}${editorPath}`)
}
