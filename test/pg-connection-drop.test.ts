/**
 * @module `reckon serve` (the built CLI, `npm run build` first) on a fresh PostgreSQL database while every connection
 * it holds is terminated again and again during a loop of authenticated writes: the process stays up, each write is
 * either acknowledged and stored or refused with 503 `database_unavailable`, and once the terminations stop it reads
 * and writes again by itself. Skipped without TEST_DATABASE_URL.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../src/storage/open-store.js'
import { QUEUES } from '../src/worker/queue.js'
import { main, repo } from './helpers/built-cli.js'
import { usePgTestDatabase } from './helpers/pg-test-database.js'
import { runCli } from './helpers/run-cli.js'
import { spawnServe, type ServeProcess } from './helpers/serve-process.js'

const adminUrl = process.env.TEST_DATABASE_URL

/** Terminates every other session on database `name` every `ms` to 4 × `ms` until `stop` is called; resolves to how many it cut. */
function cutConnections(name: string, ms: number): { stop: () => Promise<number> } {
  const killer = new pg.Client({ connectionString: adminUrl })
  let stopping = false
  let terminated = 0
  const cutting = (async () => {
    await killer.connect()
    try {
      while (!stopping) {
        const r = await killer.query('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])
        terminated += r.rows.filter((x: { ok: boolean }) => x.ok).length
        await new Promise((r) => setTimeout(r, ms + Math.random() * 3 * ms))
      }
    } finally {
      await killer.end()
    }
  })()
  return {
    stop: async () => {
      stopping = true
      await cutting
      return terminated
    },
  }
}

if (adminUrl === undefined || adminUrl === '') {
  describe('reckon serve when PostgreSQL drops its connections', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set (e.g. postgres://reckon:reckon@127.0.0.1:5432/reckon_test); .ci/run sets it', () => {})
  })
} else {
  describe('reckon serve when PostgreSQL drops its connections', () => {
    const dbName = `reckon_drop_${randomBytes(4).toString('hex')}`
    let url = ''
    usePgTestDatabase(adminUrl, dbName, (u) => (url = u))
    let server: ServeProcess | null = null
    afterAll(async () => {
      await server?.stop()
    })

    it('stays up, loses no acknowledged write, answers 503 database_unavailable meanwhile and recovers by itself', async () => {
      const store = await openStore({ kind: 'postgres', url })
      const token = (await store.tokens.create('drop-editor', 'editor', { actor: 'test' })).token
      await store.close()
      server = await spawnServe({ DATABASE_URL: url, RECKON_READ_CACHE_MS: '0', RECKON_LIST_INDEX: 'on' })
      const base = server.url
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
      const post = (i: number): Promise<Response> =>
        fetch(`${base}/api/sources`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ text: `Report ${i}: a drone strike on ${1 + (i % 28)} March 2012 killed ${2 + (i % 9)} people, officials said.`, published: '2012-04-01' }),
        })

      // Cut every connection to the database, the listening one and those checked out for a transaction alike.
      const cutter = cutConnections(dbName, 40)
      let terminated = 0

      const acknowledged: string[] = []
      const statuses = new Map<number, number>()
      const codes = new Set<string>()
      try {
        // Four writers at a time, so some writes are always inside a transaction when their connection is cut.
        for (let round = 0; round < 40; round++) {
          const answers = await Promise.all([0, 1, 2, 3].map((k) => post(round * 4 + k)))
          for (const a of answers) {
            statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1)
            const body = (await a.json()) as { source?: { id: string }; error?: { code: string } }
            if (a.status === 201 || a.status === 200) acknowledged.push(body.source!.id)
            else codes.add(body.error!.code)
          }
          // Reads in between go through the list snapshot's listening connection too.
          const list = await fetch(`${base}/api/incidents?limit=5`)
          expect([200, 503]).toContain(list.status)
          if (list.status === 503) codes.add(((await list.json()) as { error: { code: string } }).error.code)
        }
      } finally {
        terminated = await cutter.stop()
      }

      expect(terminated).toBeGreaterThan(0)
      // Every failure was the clean one; no 500s, no dropped sockets (fetch would have thrown).
      expect([...statuses.keys()].filter((s) => s !== 200 && s !== 201 && s !== 503)).toEqual([])
      expect([...codes].filter((c) => c !== 'database_unavailable')).toEqual([])
      expect(statuses.get(503) ?? 0).toBeGreaterThan(0)
      expect(acknowledged.length).toBeGreaterThan(0)

      // The same process, still running, answers health, reads and writes again.
      expect(server.output()).not.toMatch(/Emitted 'error' event/)
      expect((await fetch(`${base}/api/health`)).status).toBe(200)
      expect((await post(10_000)).status).toBe(201)
      for (const id of acknowledged) expect((await fetch(`${base}/api/sources/${id}`)).status).toBe(200)
      const listed = await fetch(`${base}/api/incidents?limit=5`)
      expect(listed.status).toBe(200)

      // And the store itself holds every acknowledged write.
      const check = await openStore({ kind: 'postgres', url }, { migrate: false })
      try {
        for (const id of acknowledged) expect(await check.sources.get(id as never)).toBeDefined()
      } finally {
        await check.close()
      }
    }, 120_000)

    it('a reckon worker stays up while its connections are cut, and every queued ingest job is retried until stored once', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'reckon-drop-'))
      const env = { DATABASE_URL: url, RECKON_JOB_EXPIRE_SECONDS: '10', RECKON_JOB_RETRY_DELAY: '1', RECKON_JOB_RETRY_LIMIT: '50' }
      const FILES = 12
      for (let i = 0; i < FILES; i++) {
        let text = `Queued report ${i}.\n\n`
        for (let k = 0; k < 40; k++) text += `On ${1 + (k % 28)} March a drone strike in Mir Ali killed ${2 + ((i + k) % 9)} people, officials said.\n\n`
        writeFileSync(join(dir, `queued-${i}.txt`), text)
      }
      // Queued before the worker starts: two processes creating pg-boss's schema at once can deadlock.
      expect((await runCli(['ingest', '--queue', '--published', '2013-03-30', dir], { env, cwd: repo })).code).toBe(0)
      const worker = spawn(process.execPath, [main, 'worker', '--poll', '0.5', '--maintenance', '1'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
      let output = ''
      worker.stdout.on('data', (d: Buffer) => (output += d.toString()))
      worker.stderr.on('data', (d: Buffer) => (output += d.toString()))
      const db = new pg.Client({ connectionString: url })
      try {
        while (!output.includes('waiting for jobs')) {
          if (worker.exitCode !== null) throw new Error(`reckon worker exited:\n${output}`)
          await new Promise((r) => setTimeout(r, 100))
        }
        // Long enough for jobs to be cut in flight, short enough that retries (which back off exponentially) stay quick.
        const cutter = cutConnections(dbName, 100)
        await new Promise((r) => setTimeout(r, 4000))
        expect(await cutter.stop()).toBeGreaterThan(0)
        expect(worker.exitCode).toBeNull()
        await db.connect()
        const pending = async (): Promise<number> =>
          Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state <> 'completed'`, [QUEUES.ingest])).rows[0]!.n)
        for (let waited = 0; (await pending()) > 0; waited++) {
          if (waited > 600) throw new Error(`ingest jobs never finished:\n${output}`)
          await new Promise((r) => setTimeout(r, 250))
        }
        const stored = await db.query<{ n: string }>(`SELECT count(*) AS n FROM sources WHERE filename LIKE 'queued-%'`)
        expect(stored.rows[0]!.n).toBe(String(FILES))
        const jobs = await db.query<{ problems: string; retried: string }>(
          `SELECT count(*) FILTER (WHERE jsonb_array_length(output->'problems') > 0) AS problems, count(*) FILTER (WHERE retry_count > 0) AS retried FROM pgboss.job WHERE name = $1`,
          [QUEUES.ingest],
        )
        expect(jobs.rows[0]!.problems).toBe('0')
        // Some job was cut in flight and run again: otherwise this test proves nothing.
        expect(Number(jobs.rows[0]!.retried)).toBeGreaterThan(0)
        const claims = await db.query<{ n: string; keys: string }>(
          `SELECT count(*) AS n, count(DISTINCT (c.source_id, c.span_start, c.span_end, c.measure, c.category)) AS keys FROM claims c JOIN sources s ON s.id = c.source_id WHERE s.filename LIKE 'queued-%'`,
        )
        expect(Number(claims.rows[0]!.n)).toBeGreaterThan(FILES * 30)
        expect(claims.rows[0]!.n).toBe(claims.rows[0]!.keys)
        // The worker survived every cut.
        expect(worker.exitCode).toBeNull()
      } finally {
        const exited = new Promise((r) => worker.once('exit', r))
        worker.kill('SIGTERM')
        await exited
        await db.end().catch(() => undefined)
        rmSync(dir, { recursive: true, force: true })
      }
    }, 180_000)
  })
}
