// The WASM package declares the Node package's API exactly: every class member and function
// wasm-bindgen declares has the same TypeScript signature as in bindings-node/index.d.ts, and
// the only Node declarations missing here are the ones that need a disk or threads.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import ts from 'typescript'

/** Node declarations the browser cannot have: disk access and worker threads. */
const NODE_ONLY = [
  'Catalog.load',
  'Catalog.loadAsync',
  'Catalog.loadRevision',
  'Catalog.checkAsync',
  'impactAsync',
  '__napiBindingTarget',
]

/** Members wasm-bindgen adds to every class to free its Rust memory early. */
const WASM_ONLY = ['free', '[Symbol.dispose]', 'constructor']

/**
 * The exported declarations of the `.d.ts` at `url`: `Class.member` and function names, each
 * mapped to its signature with the name, `declare`, modifiers other than `static`, a
 * getter's `get`/`readonly` distinction and whitespace normalised away.
 */
function declarations(url) {
  const text = readFileSync(url, 'utf8')
  const source = ts.createSourceFile(url.pathname, text, ts.ScriptTarget.Latest, true)
  const found = new Map()
  const typeText = (node) => (node ? node.getText(source).replace(/\s+/g, ' ') : 'void')
  const params = (node) =>
    node.parameters.map((p) => `${p.name.getText(source)}${p.questionToken ? '?' : ''}: ${typeText(p.type)}`).join(', ')
  for (const statement of source.statements) {
    const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    if (!exported) continue
    if (ts.isFunctionDeclaration(statement)) {
      found.set(statement.name.text, `(${params(statement)}): ${typeText(statement.type)}`)
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) found.set(d.name.getText(source), typeText(d.type))
    } else if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) {
        const name = member.name ? member.name.getText(source) : 'constructor'
        const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)
        const key = `${statement.name.text}.${name}`
        if (ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member)) {
          found.set(key, `${isStatic ? 'static ' : ''}(${params(member)}): ${typeText(member.type)}`)
        } else if (ts.isGetAccessorDeclaration(member) || ts.isPropertyDeclaration(member)) {
          found.set(key, `property: ${typeText(member.type)}`)
        }
      }
    }
  }
  return found
}

const wasm = declarations(new URL('../pkg/node/service_catalog_wasm.d.ts', import.meta.url))
const web = declarations(new URL('../pkg/web/service_catalog_wasm.d.ts', import.meta.url))
const node = declarations(new URL('../../bindings-node/index.d.ts', import.meta.url))

test('every declaration of the wasm package has the Node package signature', () => {
  for (const [name, signature] of wasm) {
    if (WASM_ONLY.includes(name.slice(name.indexOf('.') + 1))) continue
    assert.equal(signature, node.get(name), `${name}: wasm and Node declare it differently`)
  }
})

test('the Node package declares nothing more, apart from disk and threads', () => {
  const missing = [...node.keys()].filter((name) => !wasm.has(name) && !NODE_ONLY.includes(name))
  assert.deepEqual(missing, [])
})

test('the web and nodejs builds declare the same API, apart from instantiation', () => {
  const instantiation = ['__wbg_init', 'initSync']
  const webApi = [...web.keys()].filter((name) => !instantiation.includes(name))
  assert.deepEqual(webApi.sort(), [...wasm.keys()].sort())
})

test('every value the declarations name is exported at run time, and nothing else', () => {
  const binding = createRequire(import.meta.url)('../pkg/node/service_catalog_wasm.js')
  const declared = [...new Set([...wasm.keys()].map((name) => name.split('.')[0]))].sort()
  assert.deepEqual(Object.keys(binding).sort(), declared)
})
