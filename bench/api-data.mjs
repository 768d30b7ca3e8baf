/** @module Synthetic incidents for the API benchmarks: deterministic, so every run and both stores get the same data. */
import { createHash } from 'node:crypto'
import pg from 'pg'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../dist/storage/open-store.js'
import { createBenchDatabase } from './pg-database.mjs'
import { sourceIdFor } from '../dist/domain/source.js'
import { claimIdFor } from '../dist/storage/store.js'

/** Countries the synthetic incidents are in. */
export const COUNTRIES = ['PK', 'YE', 'SO', 'AF', 'SY', 'IQ', 'LY']
/** Actors the synthetic incidents name. */
export const ACTORS = ['United States', 'United Kingdom', 'Saudi-led coalition', 'Turkey', 'Unknown']
// Most incidents are not graded yet; the rest spread over the grades.
const GRADES = [null, null, null, 'confirmed', 'fair', 'weak', 'contested', 'discounted']
const CENTRES = { PK: [33.0, 70.1], YE: [15.4, 44.2], SO: [2.0, 45.3], AF: [34.5, 69.2], SY: [35.0, 38.5], IQ: [33.3, 44.4], LY: [32.9, 13.2] }

// A small deterministic generator, so every run (and both stores) gets the same data.
let state = 42
const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = (a) => a[Math.floor(rand() * a.length)]
const pad = (n) => String(n).padStart(2, '0')

/** Import record number `i`: one source, its claims, one incident with its killed figures (total, and civilians in two of five). */
export function record(i) {
  const y = 2004 + Math.floor(rand() * 21)
  const date = `${y}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`
  const country = pick(COUNTRIES)
  const actor = pick(ACTORS)
  const low = Math.floor(rand() * 12)
  const high = low + Math.floor(rand() * 6)
  const civilians = rand() < 0.4 ? Math.floor(rand() * (low + 1)) : null
  const text = `Bench report ${i}: a strike on ${date} killed between ${low} and ${high} people${civilians === null ? '' : `, ${civilians} of them civilians`}.`
  const sha256 = createHash('sha256').update(text).digest('hex')
  const start = text.indexOf('killed')
  const quote = `killed between ${low} and ${high} people`
  const [lat, lon] = CENTRES[country]
  const place = { name: null, admin1: null, country, lat: lat + rand() - 0.5, lon: lon + rand() - 0.5, precision: 'district' }
  const draft = {
    measure: 'killed', category: 'total', min: low, max: high, qualifier: 'range', scope: 'incident', incidents: 1,
    period: { start: date, end: date, precision: 'day' }, place, actor, claimant: null, quote, span: { start, end: start + quote.length },
    extractor: 'bench@1', eventKey: null, names: [],
  }
  const drafts = [draft]
  const figure = (d) => {
    const id = claimIdFor(sourceIdFor(sha256), d)
    return { measure: 'killed', category: d.category, min: d.min, max: d.max, lowClaims: [id], highClaims: [id], claims: [id], sources: 1 }
  }
  if (civilians !== null) {
    const q = `${civilians} of them civilians`
    const at = text.indexOf(q)
    drafts.push({ ...draft, category: 'civilians', min: civilians, max: civilians, qualifier: 'exact', quote: q, span: { start: at, end: at + q.length } })
  }
  return {
    source: { sha256, text, mediaType: 'text/plain', filename: null, byteLength: Buffer.byteLength(text), kind: 'dataset', publisher: 'bench', url: null, title: null, published: date, language: 'en' },
    claims: drafts,
    incident: { date: { start: date, end: date, precision: 'day' }, place, actor, target: null, victims: [], grade: pick(GRADES) },
    figures: drafts.map(figure),
    linkReason: 'bench',
  }
}


/** Fills `store` up to `incidents` incidents through store.bulk; returns the milliseconds it took. */
export async function seed(store, incidents, batch = 1000) {
  const t0 = performance.now()
  const have = (await store.incidents.list({}, { limit: 1 })).total
  for (let i = have; i < incidents; i += batch) {
    const n = Math.min(batch, incidents - i)
    await store.bulk.importRecords(Array.from({ length: n }, (_, k) => record(i + k)), { actor: 'bench', why: 'bench/api.mjs' })
  }
  return performance.now() - t0
}

/** Opens `database`, fills it to `incidents` incidents and closes it (on PostgreSQL, then VACUUM ANALYZE); resolves to the seeding time and the incidents stored. */
export async function seedStore(database, databaseUrl, incidents) {
  const store = await openStore(database)
  const seedMs = await seed(store, incidents)
  const total = (await store.incidents.list({}, { limit: 1 })).total
  await store.close()
  if (database.kind === 'postgres') {
    // What autovacuum does soon after a bulk import: planner statistics, and the visibility map index-only scans need.
    const c = new pg.Client({ connectionString: databaseUrl })
    await c.connect()
    await c.query('VACUUM ANALYZE')
    await c.end()
  }
  return { seedMs, total }
}

/**
 * Runs `runOn(label, database, databaseUrl)` on a SQLite file (a temporary one, or `sqlitePath` kept for repeated
 * runs) and, when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on a fresh PostgreSQL database (dropped after);
 * resolves to [label, result] pairs.
 */
export async function onEachStore(runOn, sqlitePath) {
  const columns = []
  const dir = mkdtempSync(join(tmpdir(), 'reckon-bench-'))
  try {
    const path = sqlitePath ?? join(dir, 'bench.db')
    columns.push(['SQLite', await runOn('SQLite', { kind: 'sqlite', path }, path)])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
  if (adminUrl) {
    const db = await createBenchDatabase(adminUrl)
    try {
      columns.push(['PostgreSQL', await runOn('PostgreSQL', { kind: 'postgres', url: db.url }, db.url)])
    } finally {
      await db.drop()
    }
  } else {
    console.log('PostgreSQL: skipped (set TEST_DATABASE_URL or BENCH_DATABASE_URL)')
  }
  return columns
}
