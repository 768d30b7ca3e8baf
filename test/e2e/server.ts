/**
 * @module Starts a real `reckon serve` for the end-to-end tests, on a temporary SQLite store holding an editor token
 * made through the Store. RECKON_E2E_URL and RECKON_E2E_TOKEN point the tests at an already running server instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../../src/storage/open-store.js'

/** A server the browser can reach, with an editor token. */
export interface RunningServer {
  readonly url: string
  readonly token: string
  /** The SQLite file behind the server, when this harness started it. */
  readonly databasePath: string | null
  stop(): Promise<void>
}

const CLI = join(process.cwd(), 'dist', 'cli', 'main.js')

/** Why the server cannot be started here (no built CLI, or a CLI without `serve`), or null when it can. */
export function serveMissing(): string | null {
  if (process.env.RECKON_E2E_URL) return null
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' })
  if (help.status !== 0) return `the CLI at ${CLI} does not run (npm run build first): ${help.stderr.slice(0, 300)}`
  if (!/^\s+serve\b/m.test(help.stdout)) return 'the CLI has no `serve` command yet'
  return null
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))))
    })
  })
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`reckon serve exited with ${child.exitCode}:\n${log()}`)
    try {
      const r = await fetch(`${url}/api/health`)
      if (r.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`reckon serve did not answer /api/health:\n${log()}`)
}

/** Starts the server on a fresh SQLite file (or adopts the one named by RECKON_E2E_URL). */
export async function startServer(): Promise<RunningServer> {
  const given = process.env.RECKON_E2E_URL
  if (given) return { url: given, token: process.env.RECKON_E2E_TOKEN ?? '', databasePath: null, stop: () => Promise.resolve() }
  const dir = mkdtempSync(join(tmpdir(), 'reckon-e2e-'))
  const path = join(dir, 'reckon.db')
  const store = await openStore({ kind: 'sqlite', path })
  const { token } = await store.tokens.create('e2e-editor', 'editor', { actor: 'e2e test' })
  await store.close()
  const port = await freePort()
  const env = { ...process.env, DATABASE_URL: path, RECKON_HOST: '127.0.0.1', RECKON_PORT: String(port), RECKON_RATE_LIMIT: '0' }
  const child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const url = `http://127.0.0.1:${port}`
  try {
    await waitForHealth(url, child, () => output)
  } catch (e) {
    child.kill()
    rmSync(dir, { recursive: true, force: true })
    throw e
  }
  return {
    url,
    token,
    databasePath: path,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
