/**
 * @module Builds the web app from the repository root when it is missing or its sources changed: installs web/'s own
 * dependencies when they are missing or stale (web/ has its own lockfile, so the server's dependencies stay lean),
 * then runs web's build and budget. Their output goes to a log file and is shown only when something fails, so
 * `npm start` says what the demo does instead of printing a build. `--force` builds even when nothing changed.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const root = resolve(web, '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const installed = join(web, 'node_modules', '.package-lock.json')
const lock = join(web, 'package-lock.json')
const stampFile = join(web, 'dist', '.build-stamp')
const logDir = join(root, 'node_modules', '.cache', 'reckon')
const logFile = join(logDir, 'web-build.log')

/** Everything the build reads from this repository: web's own sources and config, and the server code it imports. */
const INPUTS = [
  'web/src', 'web/build', 'web/scripts', 'web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'web/package.json', 'web/package-lock.json',
  'src/domain', 'src/gazetteer', 'src/api/schemas.ts',
]

function* files(path) {
  if (!existsSync(path)) return
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) yield* files(join(path, name))
  } else yield path
}

/** A hash of every input file's path and contents. */
function fingerprint() {
  const h = createHash('sha256')
  for (const input of INPUTS) {
    for (const f of files(join(root, input))) h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0')
  }
  return h.digest('hex')
}

const stamp = fingerprint()
const current = existsSync(stampFile) && existsSync(join(web, 'dist', 'index.html')) ? readFileSync(stampFile, 'utf8').trim() : ''
if (current === stamp && !process.argv.includes('--force')) {
  console.log('web app: up to date (web/dist)')
  process.exit(0)
}

mkdirSync(logDir, { recursive: true })
const log = openSync(logFile, 'w')
const run = (args) => execFileSync(npm, args, { cwd: web, stdio: ['ignore', log, log] })
process.stdout.write('web app: building (web/dist)… ')
const started = Date.now()
try {
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) run(['ci', '--no-audit', '--no-fund'])
  run(['run', 'build'])
} catch {
  closeSync(log)
  const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n')
  console.log('failed')
  console.error(lines.slice(-40).join('\n'))
  console.error(`web app: the build failed; the whole output is in ${relative(process.cwd(), logFile)}`)
  process.exit(1)
}
closeSync(log)
writeFileSync(stampFile, `${stamp}\n`)
// The budget script's verdict is worth a line: first-load JavaScript against its limit.
const budget = readFileSync(logFile, 'utf8').split('\n').filter((l) => /budget|gzip/i.test(l)).slice(-1)[0]
console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s${budget ? ` (${budget.trim()})` : ''}; build output in ${relative(process.cwd(), logFile)}`)
