/**
 * @module Kill -9 during `reckon import` with matching on (the built CLI, a real process), on SQLite and, with
 * TEST_DATABASE_URL, PostgreSQL, then run it again: each batch is stored and matched in one transaction, so the
 * killed run leaves exactly the matches of the rows it stored, and the rerun stores and matches only the rest.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeAcledFile, writeUcdpFile } from './helpers/acled-file.js'
import { ensureBuilt, main } from './helpers/built-cli.js'
import { usePgTestDatabase } from './helpers/pg-test-database.js'

const dir = mkdtempSync(join(tmpdir(), 'reckon-import-resume-'))
const acled = join(dir, 'acled.csv')
const ucdp = join(dir, 'ucdp.csv')
const ROWS = 3000
const BATCH = 250
/** Every third ACLED row's strike is also in the UCDP file: the rows a matching import merges. */
const MATCHING = Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 3 === 0)
const matchingBelow = (n: number): number => MATCHING.filter((i) => i < n).length

beforeAll(() => {
  ensureBuilt()
  writeAcledFile(acled, ROWS, true)
  writeUcdpFile(ucdp, MATCHING)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Counts {
  acled: number
  merged: number
}

/** How many ACLED rows are stored and how many incidents are merged, read by another connection as the import runs. */
type Reader = () => Promise<Counts>

const COUNTS_SQL = `SELECT (SELECT count(*) FROM sources WHERE external_id LIKE 'KILL%') AS acled,
                           (SELECT count(*) FROM incidents WHERE status = 'merged') AS merged`

function runImport(url: string, file: string, format: string): { exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; kill: () => void; out: () => string } {
  let out = ''
  const child = spawn(process.execPath, [main, 'import', '--format', format, '--batch', String(BATCH), file], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'ignore'] })
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  return {
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    kill: () => child.kill('SIGKILL'),
    out: () => out,
  }
}

async function resumeTest(url: string, read: Reader): Promise<void> {
  const first = runImport(url, ucdp, 'ucdp-ged')
  expect((await first.exited).code).toBe(0)
  expect(first.out()).toContain(`imported ${MATCHING.length} new rows`)

  const killed = runImport(url, acled, 'acled')
  while ((await read()).acled < 2 * BATCH) await new Promise((r) => setTimeout(r, 20))
  killed.kill()
  expect((await killed.exited).signal).toBe('SIGKILL')
  const atKill = await read()
  // The kill landed mid-import, after whole batches only, each with every match of its rows and no other.
  expect(atKill.acled).toBeLessThan(ROWS)
  expect(atKill.acled % BATCH).toBe(0)
  expect(atKill.merged).toBe(matchingBelow(atKill.acled))

  const rerun = runImport(url, acled, 'acled')
  expect((await rerun.exited).code).toBe(0)
  const missing = ROWS - atKill.acled
  // Only the rows it stored were matched: the killed run's are neither stored nor matched twice.
  expect(rerun.out()).toMatch(
    new RegExp(`^imported ${missing} new rows \\(${missing} claims, ${missing} incidents\\), ${atKill.acled} already stored, 0 bad, ${MATCHING.length - matchingBelow(atKill.acled)} matched to incidents on record`),
  )
  expect(await read()).toEqual({ acled: ROWS, merged: MATCHING.length })
}

describe('resuming a killed import with matching on', () => {
  it('on SQLite: the rerun stores every row once and matches each strike once', async () => {
    const path = join(dir, 'reckon.db')
    await resumeTest(path, () => {
      const db = new Database(path, { readonly: true })
      try {
        return Promise.resolve((db.prepare(COUNTS_SQL).get() as Counts | undefined) ?? { acled: 0, merged: 0 })
      } catch {
        return Promise.resolve({ acled: 0, merged: 0 }) // the schema is being created
      } finally {
        db.close()
      }
    })
    const db = new Database(path, { readonly: true })
    try {
      expect(db.prepare('SELECT count(*) AS n, count(DISTINCT sha256) AS shas FROM sources').get()).toEqual({ n: ROWS + MATCHING.length, shas: ROWS + MATCHING.length })
      // Each UCDP incident absorbed exactly one ACLED row: the merged ones point at distinct incidents.
      expect(db.prepare("SELECT count(DISTINCT merged_into) AS n FROM incidents WHERE status = 'merged'").get()).toEqual({ n: MATCHING.length })
    } finally {
      db.close()
    }
  }, 300_000)

  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl === undefined || adminUrl === '') {
    it.skip('on PostgreSQL: skipped, TEST_DATABASE_URL is not set (e.g. postgres://reckon:reckon@127.0.0.1:5432/reckon_test); .ci/run sets it', () => {})
    return
  }
  let url = ''
  usePgTestDatabase(adminUrl, `reckon_resume_${randomBytes(4).toString('hex')}`, (u) => (url = u))
  it('on PostgreSQL: the rerun stores every row once and matches each strike once', async () => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try {
      await resumeTest(url, async () => {
        try {
          const r = await c.query<{ acled: string; merged: string }>(COUNTS_SQL)
          return { acled: Number(r.rows[0]!.acled), merged: Number(r.rows[0]!.merged) }
        } catch {
          return { acled: 0, merged: 0 } // the schema is being created
        }
      })
      const merged = await c.query<{ n: string }>("SELECT count(DISTINCT merged_into) AS n FROM incidents WHERE status = 'merged'")
      expect(Number(merged.rows[0]!.n)).toBe(MATCHING.length)
      const sources = await c.query<{ n: string; shas: string }>('SELECT count(*) AS n, count(DISTINCT sha256) AS shas FROM sources')
      expect(sources.rows[0]).toEqual({ n: String(ROWS + MATCHING.length), shas: String(ROWS + MATCHING.length) })
    } finally {
      await c.end()
    }
  }, 300_000)
})
