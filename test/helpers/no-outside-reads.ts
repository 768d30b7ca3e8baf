/**
 * @module A vitest setup file that fails any test reading a file beside the repository (such as `../shared`), which
 * a user's clone does not have: tests carry their own fixtures. Temporary folders, node_modules and system paths
 * are elsewhere and stay readable; only the repository's own parent folder, outside the repository, is refused.
 */
import type * as FsModule from 'node:fs'
import { createRequire, syncBuiltinESMExports } from 'node:module'
import { dirname, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const parent = dirname(repo)

/** The resolved path when `p` names a file beside the repository, else null. */
function outside(p: unknown): string | null {
  let path: string
  if (typeof p === 'string') path = p
  else if (p instanceof URL && p.protocol === 'file:') path = fileURLToPath(p)
  else if (Buffer.isBuffer(p)) path = p.toString()
  else return null
  const abs = resolve(path)
  const inParent = abs.startsWith(parent + sep)
  const inRepo = abs === repo || abs.startsWith(repo + sep)
  return inParent && !inRepo ? abs : null
}

function message(path: string): string {
  return `test read ${path}, outside the repository: a user's clone has no such file. Copy the fixture into test/fixtures/.`
}

type Fn = (...args: unknown[]) => unknown

/** Wraps `obj[name]` so that its first argument is checked first; a promise API rejects instead of throwing. */
function guard(obj: Record<string, unknown>, name: string, promised = false): void {
  const original = obj[name] as Fn | undefined
  if (typeof original !== 'function') return
  obj[name] = function (this: unknown, ...args: unknown[]) {
    const hit = outside(args[0])
    if (hit !== null) {
      if (promised) return Promise.reject(new Error(message(hit)))
      throw new Error(message(hit))
    }
    return original.apply(this, args)
  }
}

// The CommonJS object behind node:fs is the one whose properties ESM imports are synced from.
const fs = createRequire(import.meta.url)('node:fs') as typeof FsModule
const fsObj = fs as unknown as Record<string, unknown>
for (const name of ['readFileSync', 'readFile', 'createReadStream', 'openSync', 'open', 'readdirSync', 'readdir', 'existsSync', 'statSync', 'copyFileSync', 'cpSync']) {
  guard(fsObj, name)
}
const promises = fs.promises as unknown as Record<string, unknown>
for (const name of ['readFile', 'open', 'readdir', 'stat', 'copyFile', 'cp']) guard(promises, name, true)
// ESM imports of node:fs (`import { readFileSync } from 'node:fs'`) see the wrapped functions only after this.
syncBuiltinESMExports()
