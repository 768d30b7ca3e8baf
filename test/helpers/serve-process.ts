/**
 * @module `reckon serve` as a real child process from the built CLI (dist/, `npm run build` first), on a free
 * loopback port, answered /api/health before it is handed over; for tests of what only separate processes show.
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'

/** The built CLI the tests run. */
export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js')

/** A running `reckon serve`. */
export interface ServeProcess {
  readonly url: string
  readonly pid: number
  /** Everything it printed so far (stdout and stderr). */
  output(): string
  /** SIGTERM, then waits for it to exit. */
  stop(): Promise<void>
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

/** Starts `reckon serve` with `env` added to this process's environment; resolves once /api/health answers. */
export async function spawnServe(env: Readonly<Record<string, string>>): Promise<ServeProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, RECKON_HOST: '127.0.0.1', RECKON_PORT: String(port), RECKON_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const url = `http://127.0.0.1:${port}`
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`reckon serve exited with ${child.exitCode}:\n${output}`)
    if (i >= 300) {
      await stop()
      throw new Error(`reckon serve did not answer /api/health:\n${output}`)
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { url, pid: child.pid ?? -1, output: () => output, stop }
}
