/**
 * @module Runs every command block of README.md as a user pastes it into bash: `npx reckon` is the built CLI, the
 * store is a fresh SQLite file (PostgreSQL for the workers' block, when TEST_DATABASE_URL is set), and servers the
 * README starts in the background (`&`) are waited for, then stopped. Each command must exit 0. What the test
 * changes is said where it does it: the port (a free one for 8080), the PostgreSQL URL, and the id placeholder `inc_…`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureBuilt, main, repo } from './helpers/built-cli.js'
import { usePgTestDatabase } from './helpers/pg-test-database.js'

/** The README's ```sh blocks, each as its text. */
function readmeBlocks(): string[] {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8')
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!)
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

const blocks = readmeBlocks()
const find = (needle: string): string => {
  const b = blocks.find((x) => x.includes(needle))
  if (b === undefined) throw new Error(`README.md has no command block with "${needle}"`)
  return b
}

let dir: string
const children: ChildProcess[] = []

beforeAll(() => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'reckon-readme-'))
  // The commands name the repository's own files (samples/…); the folder they run in holds nothing else.
  symlinkSync(join(repo, 'samples'), join(dir, 'samples'))
  mkdirSync(join(dir, 'bin'))
  // `npx reckon` in a clone runs the package's own bin, dist/cli/main.js; this stands in for npx with exactly that.
  writeFileSync(join(dir, 'bin', 'npx'), `#!/bin/sh\n[ "$1" = reckon ] || { echo "npx: only reckon here" >&2; exit 127; }\nshift\nexec node ${JSON.stringify(main)} "$@"\n`)
  chmodSync(join(dir, 'bin', 'npx'), 0o755)
})

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

/**
 * Runs `script` in bash in the test folder. Each command must succeed (errexit, with the failing command named);
 * a job started with `&` must be listening (or, for a worker, running) before the next line runs.
 */
async function runBlock(script: string, env: Record<string, string>): Promise<{ out: string; stdout: string }> {
  // Each block gets its own free port (the README's 8080 stands for it), so a server still stopping from the
  // block before can never answer for this one.
  const port = await freePort()
  script = script.replaceAll('127.0.0.1:8080', `127.0.0.1:${port}`)
  // Lines ending in `&` start servers: the test waits for the port before going on, as a person would.
  const lines = script.replace(/\\\n/g, ' ').split('\n')
  const waitForPort = `for i in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/${port}) 2>/dev/null && break; sleep 0.2; done; sleep 1`
  const prepared = lines
    .map((l) => {
      if (/&\s*(#.*)?$/.test(l)) return `${l}\n${/\bworker\b/.test(l) ? 'sleep 2' : waitForPort}`
      // curl prints an answer without a final newline; the test ends it, so each answer is a line of its own.
      if (/^curl\b/.test(l)) return `${l}\necho`
      return l
    })
    .join('\n')
  const full = `set -eE\ntrap 'echo "FAILED ($?): $BASH_COMMAND" >&2' ERR\n${prepared}\nwait_for_nothing=1\n`
  return new Promise<{ out: string; stdout: string }>((resolve, reject) => {
    const child = spawn('bash', ['-c', full], {
      cwd: dir,
      env: { PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: dir, RECKON_PORT: String(port), RECKON_RATE_LIMIT: '0', ...env },
      detached: true,
    })
    children.push(child)
    let out = ''
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      stdout += d.toString()
    })
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    // The block's own commands end; background servers it started are stopped with the whole process group.
    const timer = setInterval(() => {
      if (/FAILED \(/.test(out)) finish()
    }, 100)
    const finish = (code?: number | null): void => {
      clearInterval(timer)
      if (code === 0) resolve({ out, stdout })
      else reject(new Error(`README block failed:\n${script}\n--- output ---\n${out}`))
    }
    child.on('exit', (code) => finish(code))
    child.on('error', reject)
  }).finally(async () => {
    for (const c of children) if (c.pid !== undefined) await stopGroup(c.pid)
  })
}

/** Stops a block's whole process group (the servers it started too) and waits until it is gone. */
async function stopGroup(pid: number): Promise<void> {
  const alive = (): boolean => {
    try {
      process.kill(-pid, 0)
      return true
    } catch {
      return false
    }
  }
  if (!alive()) return
  process.kill(-pid, 'SIGTERM')
  for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100))
  if (alive()) process.kill(-pid, 'SIGKILL')
}

describe('README command blocks, pasted into bash as written', () => {
  test('the blocks this test knows are all the blocks there are', () => {
    // A new block must be added here (and run), not silently left out.
    expect(blocks.map((b) => b.split('\n')[0]!.split('#')[0]!.trim())).toEqual([
      'npm ci && npm start',
      'npx reckon ingest samples/',
      'npx reckon import --format acled samples/datasets/acled-example.csv',
      "export DATABASE_URL='postgres://reckon:reckon@127.0.0.1:5432/reckon'",
      'npx reckon match --country Pakistan',
      'TOKEN=$(npx reckon token create --role editor --name "desk-1")',
    ])
  })

  const sqlite = (): Record<string, string> => ({ DATABASE_URL: join(dir, 'reckon.db') })

  test('npm start: builds what is missing, reads the samples, prints the findings and serves', async () => {
    // `npm ci` and `npm test` are what .ci/run itself runs; `npm start` is run here, in the clone, on a fresh store.
    const block = find('npm ci && npm start')
    expect(block).toMatch(/^npm test\b/m)
    const { out } = await runBlock(`cd ${JSON.stringify(repo)}\nnpm start --silent &\n`, { DATABASE_URL: join(dir, 'start.db') })
    expect(out).toMatch(/ingested 7 new sources/)
    expect(out).toMatch(/contradiction: .*Ministry of Defence.*Amnesty International/)
    expect(out).toMatch(/open http:\/\/127\.0\.0\.1:\d+\/ in a browser/)
    expect(out).not.toMatch(/vite|transforming|modules transformed/i)
  }, 240_000)

  test('reading reports into the store', async () => {
    const { out } = await runBlock(find('npx reckon ingest samples/'), sqlite())
    expect(out).toMatch(/ingested 7 new sources/)
    expect(out).toMatch(/^inc_\w+ .*Pakistan, PK/m)
  }, 120_000)

  test('datasets: import and export', async () => {
    const { out } = await runBlock(find('npx reckon import --format acled'), sqlite())
    expect(out).toMatch(/imported 4 new rows/)
    expect(out).toMatch(/imported 3 new rows .* 1 matched to incidents on record/)
    expect(readFileSync(join(dir, 'incidents.csv'), 'utf8')).toMatch(/^event_id_cnty,/)
  }, 120_000)

  test('matching, undoing a match, and the datasets side by side', async () => {
    // The samples' UCDP row of a strike ACLED also records was matched to ACLED's incident on import; the
    // placeholder `inc_…` stands for such a merged incident's id, which this test reads from the store.
    const db = new Database(join(dir, 'reckon.db'), { readonly: true })
    const merged = db.prepare('SELECT id FROM incidents WHERE merged_into IS NOT NULL LIMIT 1').get() as { id: string } | undefined
    db.close()
    expect(merged).toBeDefined()
    const block = find('npx reckon match --country Pakistan')
    expect(block).toContain('inc_…')
    const { out } = await runBlock(block.replace('inc_…', merged!.id), sqlite())
    expect(out).toMatch(/checked, \d+ matched/)
    expect(out).toMatch(/is its own incident again/)
  }, 120_000)

  test('serving the API: a token, the server, a filtered list and a new report', async () => {
    const block = find('npx reckon serve &')
    expect(block).toContain("'http://127.0.0.1:8080/api/incidents?country=PK&from=2013-01-01&minCasualties=5'")
    const { out, stdout } = await runBlock(block, sqlite())
    const answers = stdout.split('\n').filter((l) => l.startsWith('{'))
    expect(answers, out).toHaveLength(2)
    const list = JSON.parse(answers[0]!) as { total: number; items: { place: { country: string } | null; date: { start: string } }[] }
    // The quoted URL keeps all three filters: every incident is in Pakistan, from 2013 on.
    expect(list.items.every((i) => i.place?.country === 'PK' && i.date.start >= '2013-01-01')).toBe(true)
    expect(JSON.parse(answers[1]!)).toHaveProperty('source')
  }, 120_000)

  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl === undefined) {
    test.skip('the workers block needs PostgreSQL: TEST_DATABASE_URL is not set; .ci/run sets it', () => {})
  } else {
    let pgUrl = ''
    usePgTestDatabase(adminUrl, `reckon_readme_${process.pid}`, (url) => (pgUrl = url))
    test('queued jobs on PostgreSQL: a worker, queued reports and a queued import', async () => {
      const block = find('npx reckon worker &')
      const url = /export DATABASE_URL='([^']+)'/.exec(block)![1]!
      // The README's URL names the user's database; the test's own throwaway database stands in for it.
      const { out } = await runBlock(`${block.replace(url, pgUrl)}\nfor i in $(seq 1 150); do [ "$(npx reckon sources | grep -c .)" -ge 10 ] && break; sleep 0.2; done\nnpx reckon sources | grep -c . \n`, {})
      expect(out).toMatch(/queued/)
      const lines = out.trimEnd().split('\n')
      expect(Number(lines.at(-1))).toBeGreaterThanOrEqual(10)
      expect(execFileSync('node', [main, 'sources'], { env: { ...process.env, DATABASE_URL: pgUrl } }).toString()).toMatch(/dronestre\.am strike/)
    }, 180_000)
  }
})
