/**
 * @module Every CLI failure a user can cause, in a real subprocess of the built `reckon`: each ends with one line
 * naming the cause and the fix, and an exit code from sysexits(3), before any work is done.
 */
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureBuilt, main, repo } from './helpers/built-cli.js'

/** Runs the built CLI with `args`, in `cwd`, and resolves to its exit code and output (killed after 60 s). */
function reckon(args: readonly string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', [main, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env } })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, out, err })
    })
  })
}

let dir: string
let busy: Server
let busyPort = 0

beforeAll(async () => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'reckon-cli-failures-'))
  mkdirSync(join(dir, 'a-folder'))
  writeFileSync(join(dir, 'unreadable.csv'), 'event_id_cnty,event_date\n')
  chmodSync(join(dir, 'unreadable.csv'), 0o000)
  busy = createServer()
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()))
  busyPort = (busy.address() as { port: number }).port
})

afterAll(async () => {
  await new Promise<void>((r) => busy.close(() => r()))
  rmSync(dir, { recursive: true, force: true })
})

const datasets = join(repo, 'samples', 'datasets')

interface Case {
  readonly name: string
  readonly args: () => string[]
  readonly env?: () => Record<string, string>
  readonly exit: number
  /** The one line on stderr: cause and fix. */
  readonly message: RegExp | (() => RegExp)
  /** What must not have happened (work done before the refusal). */
  readonly not?: RegExp
  readonly skip?: () => string | null
}

const db = (): Record<string, string> => ({ DATABASE_URL: join(dir, 'store.db') })

const CASES: readonly Case[] = [
  {
    name: 'serve on a busy port',
    args: () => ['serve', '--port', String(busyPort)],
    exit: 69,
    message: () => new RegExp(`^reckon: port ${busyPort} on 127\\.0\\.0\\.1 is already in use by another program: stop it, or choose another with --port N or RECKON_PORT=N`),
    not: /listening/,
  },
  {
    name: 'serve --workers 2 on a busy port (RECKON_PORT)',
    args: () => ['serve', '--workers', '2'],
    env: () => ({ ...db(), RECKON_PORT: String(busyPort) }),
    exit: 69,
    message: /already in use by another program: .*--port N or RECKON_PORT=N/,
    not: /workers listening/,
  },
  {
    name: 'demo on a busy port says so before reading the samples',
    args: () => ['demo', '--port', String(busyPort)],
    exit: 69,
    message: /already in use by another program/,
    not: /ingested|claims, \d+ incidents/,
  },
  {
    name: 'a country name that names no country, with suggestions',
    args: () => ['incidents', '--country', 'Pakistn'],
    exit: 65,
    message: /^reckon: --country: "Pakistn" is not a country; did you mean Pakistan \(PK\)\?$/,
  },
  {
    name: 'a country name with nothing close to it',
    args: () => ['incidents', '--country', 'Narnia'],
    exit: 65,
    message: /"Narnia" is not a country; give an ISO 3166-1 alpha-2 code such as PK, or a country name such as Pakistan/,
  },
  {
    name: 'a SQLite path whose folder does not exist',
    args: () => ['sources'],
    env: () => ({ DATABASE_URL: join(dir, 'no-such-folder', 'x.db') }),
    exit: 69,
    message: /the folder of the SQLite database .*no-such-folder\/x\.db does not exist \(.*no-such-folder\): create it, or fix DATABASE_URL/,
  },
  {
    name: 'import of a folder',
    args: () => ['import', '--format', 'acled', join(dir, 'a-folder')],
    exit: 64,
    message: /a-folder is a folder: import reads one dataset file \(reports in a folder go through reckon ingest\)/,
  },
  {
    name: 'import of a missing file',
    args: () => ['import', '--format', 'acled', join(dir, 'missing.csv')],
    exit: 66,
    message: /missing\.csv: no such file \(check the path\)/,
  },
  {
    name: 'import of an unreadable file',
    args: () => ['import', '--format', 'acled', join(dir, 'unreadable.csv')],
    exit: 66,
    message: /unreadable\.csv: permission denied/,
    skip: () => (process.getuid?.() === 0 ? 'root reads any file, so there is no unreadable file to give it' : null),
  },
  {
    name: 'a CSV imported as dronestream is refused once, saying what it looks like',
    args: () => ['import', '--format', 'dronestream', join(datasets, 'acled-example.csv')],
    exit: 65,
    message: /is not dronestream data \(JSON or JSON Lines\): it looks like CSV \(first line: "event_id_cnty,.*"\); if it is acled data, use --format acled$/,
  },
  {
    name: 'JSON imported as ucdp-ged',
    args: () => ['import', '--format', 'ucdp-ged', join(datasets, 'dronestream-example.json')],
    exit: 65,
    message: /is not ucdp-ged data \(CSV with a header row\): it looks like JSON .*; if it is dronestream data, use --format dronestream$/,
  },
  {
    name: 'an unknown log format',
    args: () => ['serve', '--log', 'xml', '--port', '0'],
    exit: 64,
    message: /^reckon: --log must be text or json \(got "xml"\)$/,
  },
]

describe('CLI failures a user can cause: one line with cause and fix, a sysexits code', () => {
  for (const c of CASES) {
    test(c.name, async (ctx) => {
      const why = c.skip?.()
      if (why) return ctx.skip(why)
      const r = await reckon(c.args(), c.env?.() ?? db(), dir)
      const lines = r.err.trimEnd().split('\n').filter((l) => !l.startsWith('reckon: no store at'))
      expect(lines, r.err).toHaveLength(1)
      expect(lines[0]).toMatch(typeof c.message === 'function' ? c.message() : c.message)
      expect(r.code).toBe(c.exit)
      if (c.not) expect(r.out + r.err).not.toMatch(c.not)
    })
  }

  test('a command that only reads says when it created a new, empty store', async () => {
    const r = await reckon(['sources'], { DATABASE_URL: join(dir, 'fresh.db') }, dir)
    expect(r.code).toBe(0)
    expect(r.err).toMatch(/^reckon: no store at SQLite .*fresh\.db yet: created a new, empty one \(set DATABASE_URL to use another\)$/m)
    const again = await reckon(['sources'], { DATABASE_URL: join(dir, 'fresh.db') }, dir)
    expect(again.err).toBe('')
  })

  test('the default store folder (./data) is created on first use', async () => {
    const home = mkdtempSync(join(tmpdir(), 'reckon-default-'))
    try {
      const r = await reckon(['sources'], {}, home)
      expect(r.code).toBe(0)
      expect(existsSync(join(home, 'data', 'reckon.db'))).toBe(true)
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })

  test('a country by name filters as its code does', async () => {
    const byName = await reckon(['incidents', '--country', 'Pakistan', '--json'], db(), dir)
    const byCode = await reckon(['incidents', '--country', 'pk', '--json'], db(), dir)
    expect(byName.code).toBe(0)
    expect(byName.out).toBe(byCode.out)
  })
})
