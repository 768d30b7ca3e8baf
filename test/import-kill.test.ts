/**
 * @module Kill -9 during `reckon import` (the built CLI, a real process) on SQLite, then run it again: each batch is one
 * transaction, so the killed run leaves whole batches only, and the rerun stores exactly the rows that are missing.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { writeAcledFile } from './helpers/acled-file.js'
import { ensureBuilt, main } from './helpers/built-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'reckon-import-kill-'))
const file = join(dir, 'big.csv')
const dbPath = join(dir, 'reckon.db')
const ROWS = 40_000
const BATCH = 1000

beforeAll(() => {
  ensureBuilt()
  writeAcledFile(file, ROWS)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Counts read from the database file by another connection, as the importing process writes it (WAL lets both). */
function counts(): { sources: number; claims: number; incidents: number; imports: number } {
  const zero = { sources: 0, claims: 0, incidents: 0, imports: 0 }
  if (!existsSync(dbPath)) return zero
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sources'").get() === undefined) return zero
    return db
      .prepare(
        `SELECT (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM claims) AS claims,
                (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM revisions WHERE entity_type = 'import') AS imports`,
      )
      .get() as typeof zero
  } catch {
    return zero // the schema is being created
  } finally {
    db.close()
  }
}

function runImport(): { exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; kill: () => void; out: () => string } {
  let out = ''
  // The rerun's store is no longer empty, so it would match every row: not what this test is about.
  const child = spawn(process.execPath, [main, 'import', '--no-match', '--format', 'acled', '--batch', String(BATCH), file], { env: { ...process.env, DATABASE_URL: dbPath }, stdio: ['ignore', 'pipe', 'ignore'] })
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  return {
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    kill: () => child.kill('SIGKILL'),
    out: () => out,
  }
}

it('leaves whole batches only after SIGKILL mid-import, and a rerun stores exactly the missing rows', async () => {
  const first = runImport()
  while (counts().sources < 3 * BATCH) await new Promise((r) => setTimeout(r, 20))
  first.kill()
  expect((await first.exited).signal).toBe('SIGKILL')
  const atKill = counts()
  // The kill landed mid-import: otherwise this test proves nothing.
  expect(atKill.sources).toBeLessThan(ROWS)
  // No half batch: every committed batch is whole, with a claim and an incident per row and one import revision.
  expect(atKill.sources % BATCH).toBe(0)
  expect(atKill).toEqual({ sources: atKill.sources, claims: atKill.sources, incidents: atKill.sources, imports: atKill.sources / BATCH })
  // The first run began on an empty store, so it had set the list indexes and full-text indexing aside; the kill left them recorded.
  const aside = new Database(dbPath, { readonly: true })
  try {
    expect((aside.prepare('SELECT count(*) AS n FROM deferred_indexes').get() as { n: number }).n).toBeGreaterThan(0)
    expect(aside.prepare("SELECT name FROM deferred_indexes WHERE name = 'sources_fts_insert'").get()).toEqual({ name: 'sources_fts_insert' })
    // So were the unique indexes on source and claim ids: the killed process held the ids it stored in memory.
    expect(aside.prepare("SELECT name FROM deferred_indexes WHERE name IN ('sources_id', 'claims_id') ORDER BY name").all()).toEqual([{ name: 'claims_id' }, { name: 'sources_id' }])
  } finally {
    aside.close()
  }

  const rerun = runImport()
  expect((await rerun.exited).code).toBe(0)
  const missing = ROWS - atKill.sources
  expect(rerun.out()).toMatch(new RegExp(`^imported ${missing} new rows \\(${missing} claims, ${missing} incidents\\), ${atKill.sources} already stored, 0 bad`))

  const db = new Database(dbPath, { readonly: true })
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    // The rerun found the killed run's process gone and rebuilt every index it had set aside.
    expect(db.prepare('SELECT count(*) AS n FROM deferred_indexes').get()).toEqual({ n: 0 })
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND (name LIKE 'incidents_by_%' OR name LIKE 'incident_figures_%')").all() as { name: string }[]).map((r) => r.name).sort()
    expect(indexes).toEqual(['incident_figures_by_category', 'incident_figures_by_grade', 'incident_figures_by_killed', 'incident_figures_last', 'incident_figures_start', 'incidents_by_actor', 'incidents_by_country', 'incidents_by_date', 'incidents_by_killed', 'incidents_by_span'])
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name IN ('sources_id', 'claims_id') ORDER BY name").all()).toEqual([
      { sql: 'CREATE UNIQUE INDEX claims_id ON claims (id)' },
      { sql: 'CREATE UNIQUE INDEX sources_id ON sources (id)' },
    ])
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([])
    const s = db.prepare('SELECT count(*) AS n, count(DISTINCT sha256) AS shas, count(DISTINCT external_id) AS ids FROM sources').get()
    expect(s).toEqual({ n: ROWS, shas: ROWS, ids: ROWS })
    const c = db.prepare('SELECT count(*) AS n, count(DISTINCT source_id) AS sources, count(DISTINCT incident_id) AS incidents FROM claims').get()
    expect(c).toEqual({ n: ROWS, sources: ROWS, incidents: ROWS })
    expect(db.prepare('SELECT count(*) AS n FROM incidents').get()).toEqual({ n: ROWS })
    // Rows the killed run stored without full-text indexing are found too, and new sources are indexed again as stored.
    expect(db.prepare("SELECT count(*) AS n FROM sources_fts WHERE sources_fts MATCH 'Miranshah'").get()).toEqual({ n: ROWS })
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'sources_fts_insert'").get()).toEqual({ name: 'sources_fts_insert' })
    // The totals cube agrees with the figures: sum of fatalities (i % 9) over every row.
    const low = db.prepare("SELECT sum(low) AS n FROM figure_cube WHERE measure = 'killed' AND category = 'total'").get() as { n: number }
    expect(low.n).toBe(Array.from({ length: ROWS }, (_, i) => i % 9).reduce((a, b) => a + b, 0))
  } finally {
    db.close()
  }
}, 240_000)
