/**
 * @module Kill -9 during `reckon ingest` (the built CLI, a real process), then run it again: the store must hold
 * every file exactly once, with no half-written source (each has its text, its search entry and its revision).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ensureBuilt, main } from './helpers/built-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'reckon-kill-'))
const files = join(dir, 'reports')
const dbPath = join(dir, 'reckon.db')
// Ingest extracts, links and reconciles each file inside its transaction, so a few hundred files take long enough
// to be killed midway.
const FILES = 600

beforeAll(() => {
  ensureBuilt()
  mkdirSync(files)
  for (let i = 0; i < FILES; i++) {
    const body = `Report ${i}. A drone strike on ${i % 28 + 1} March killed ${i % 9} people, officials said.\n`.repeat(20)
    writeFileSync(join(files, `report-${String(i).padStart(5, '0')}.txt`), body)
  }
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function count(): number {
  if (!existsSync(dbPath)) return 0
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sources'").get()
    return has === undefined ? 0 : (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n
  } catch {
    return 0
  } finally {
    db.close()
  }
}

function ingest(): ReturnType<typeof spawn> {
  return spawn(process.execPath, [main, 'ingest', files], { env: { ...process.env, DATABASE_URL: dbPath }, stdio: 'ignore' })
}

it('leaves no duplicate or half-written source after SIGKILL mid-ingest, and a rerun completes', async () => {
  const child = ingest()
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)))
  let atKill = 0
  for (;;) {
    atKill = count()
    if (atKill >= 50) break
    await new Promise((r) => setTimeout(r, 10))
  }
  child.kill('SIGKILL')
  expect(await exited).toBe('SIGKILL')
  const afterKill = count()
  expect(afterKill).toBeGreaterThan(0)
  // The kill landed mid-run: otherwise this test proves nothing.
  expect(afterKill).toBeLessThan(FILES)

  const rerun = ingest()
  const code = await new Promise<number | null>((resolve) => rerun.on('exit', (c) => resolve(c)))
  expect(code).toBe(0)

  const db = new Database(dbPath, { readonly: true })
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    const stats = db
      .prepare(
        `SELECT count(*) AS sources, count(DISTINCT sha256) AS shas, count(DISTINCT filename) AS names,
                sum(CASE WHEN text_length = length(text) AND text_length > 0 THEN 1 ELSE 0 END) AS whole
           FROM sources`,
      )
      .get() as { sources: number; shas: number; names: number; whole: number }
    expect(stats).toEqual({ sources: FILES, shas: FILES, names: FILES, whole: FILES })
    const revisions = db.prepare("SELECT count(DISTINCT entity_id) AS n, count(*) AS m FROM revisions WHERE entity_type = 'source'").get()
    expect(revisions).toEqual({ n: FILES, m: FILES })
    const indexed = db.prepare("SELECT count(*) AS n FROM sources_fts WHERE sources_fts MATCH 'drone'").get()
    expect(indexed).toEqual({ n: FILES })
    // Claims went in with their source or not at all: every source's figure was extracted exactly once.
    const claims = db.prepare('SELECT count(*) AS n, count(DISTINCT source_id) AS s FROM claims').get() as { n: number; s: number }
    expect(claims.s).toBe(FILES)
    expect(claims.n % FILES).toBe(0)
  } finally {
    db.close()
  }
}, 180_000)
