// @ts-check
/**
 * @module Store benchmark: bulk import rate and query latency at 100k incidents, SQLite and PostgreSQL side by side.
 *
 * Run after `npm run build`: `node bench/store.mjs [incidents] [sqlite|postgres]` (PostgreSQL too when TEST_DATABASE_URL is set; it
 * creates and drops its own database). Each figure comes with a baseline measured in the same process on the
 * same driver (raw prepared inserts, the same page query through the bare driver), reported as a ratio.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { createBenchDatabase } from './pg-database.mjs'
import { sourceIdFor } from '../dist/domain/source.js'
import { openPostgresStore } from '../dist/storage/postgres/postgres-store.js'
import { openSqliteStore } from '../dist/storage/sqlite/sqlite-store.js'
import { claimIdFor } from '../dist/storage/store.js'

const N = Number(process.argv[2] ?? 100_000)
/** `node bench/store.mjs 100000 postgres` runs one store only. */
const ONLY = process.argv[3]
const BATCH = 1000
const COUNTRIES = ['PK', 'YE', 'SO', 'AF', 'IQ', 'SY', 'LY']
const ACTORS = ['United States', 'United Kingdom', 'Coalition', 'Unknown']

/** Deterministic pseudo-random numbers, so every run imports the same rows. */
function rng(seed) {
  let s = seed >>> 0
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32)
}

/** The i-th dataset record: a short source, two claims (total and civilians), an incident and its figures. */
function record(i, r) {
  const y = 2004 + Math.floor(r() * 20)
  const m = 1 + Math.floor(r() * 12)
  const d = 1 + Math.floor(r() * 28)
  const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  const low = Math.floor(r() * 10)
  const high = low + Math.floor(r() * 5)
  const civ = Math.floor(r() * (low + 1))
  const country = COUNTRIES[i % COUNTRIES.length]
  const text = `Row ${i}: a drone strike on ${date} killed between ${low} and ${high} people, ${civ} of them civilians.`
  const sha256 = createHash('sha256').update(text).digest('hex')
  const sourceId = sourceIdFor(sha256)
  const base = { qualifier: 'range', scope: 'incident', incidents: 1, period: { start: date, end: date, precision: 'day' }, place: { name: null, admin1: null, country, lat: null, lon: null, precision: 'country' }, actor: ACTORS[i % ACTORS.length], claimant: null, extractor: 'import:bench', eventKey: null, names: [] }
  const q1 = text.indexOf('killed')
  const c1 = { ...base, measure: 'killed', category: 'total', min: low, max: high, quote: text.slice(q1, q1 + 6), span: { start: q1, end: q1 + 6 } }
  const q2 = text.indexOf('civilians')
  const c2 = { ...base, measure: 'killed', category: 'civilians', min: civ, max: civ, qualifier: 'exact', quote: text.slice(q2, q2 + 9), span: { start: q2, end: q2 + 9 } }
  const id1 = claimIdFor(sourceId, c1)
  const id2 = claimIdFor(sourceId, c2)
  return {
    source: { sha256, text, mediaType: 'text/csv', filename: null, byteLength: text.length, kind: 'dataset', publisher: 'bench', url: null, title: `row ${i}`, published: date, language: 'en' },
    claims: [c1, c2],
    incident: { date: { start: date, end: date, precision: 'day' }, place: base.place, actor: base.actor, target: null, victims: [], grade: null },
    figures: [
      { measure: 'killed', category: 'total', min: low, max: high, lowClaims: [id1], highClaims: [id1], claims: [id1], sources: 1 },
      { measure: 'killed', category: 'civilians', min: civ, max: civ, lowClaims: [id2], highClaims: [id2], claims: [id2], sources: 1 },
    ],
  }
}

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b)
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))]
  return { p50: q(0.5), p99: q(0.99) }
}

async function time(fn, runs) {
  const out = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn(i)
    out.push(performance.now() - t)
  }
  return stats(out)
}

const fmt = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1))

async function bench(name, store, baseline) {
  const r = rng(42)
  const rss0 = process.memoryUsage().rss
  let rssMax = rss0
  let busy = 0
  for (let i = 0; i < N; i += BATCH) {
    // Records are made outside the timed part: the figure is the store's own rate.
    const batch = []
    for (let j = i; j < Math.min(N, i + BATCH); j++) batch.push(record(j, r))
    const t = performance.now()
    await store.bulk.importRecords(batch, { actor: 'bench' })
    busy += performance.now() - t
    rssMax = Math.max(rssMax, process.memoryUsage().rss)
  }
  const secs = busy / 1000
  await baseline.analyze()
  const rate = N / secs
  const again = performance.now()
  const r2 = rng(42)
  const skipped = await store.bulk.importRecords(Array.from({ length: BATCH }, (_, j) => record(j, r2)), { actor: 'bench' })
  const againMs = performance.now() - again
  const baseRate = await baseline.insertRate()

  const list = await time((i) => store.incidents.list({}, { limit: 50, offset: (i * 37) % 1000 }), 200)
  const listFiltered = await time((i) => store.incidents.list({ country: COUNTRIES[i % 7], from: `${2004 + (i % 20)}-01-01`, to: `${2004 + (i % 20)}-12-31`, minCasualties: 5 }, { limit: 50 }), 200)
  const listRaw = await time((i) => baseline.page((i * 37) % 1000), 200)
  const totalsYear = await time(() => store.totals('year'), 20)
  const totalsCountry = await time((i) => store.totals('country', { from: `${2004 + (i % 20)}-01-01` }), 20)
  const search = await time(() => store.sources.search('drone civilians', { limit: 20 }), 50)
  console.log(`\n${name}: ${N.toLocaleString('en')} records (source + 2 claims + incident + 2 figures each)`)
  console.log(`  bulk import        ${Math.round(rate).toLocaleString('en')} records/s (${secs.toFixed(1)} s); raw driver insert of the source rows alone ${Math.round(baseRate).toLocaleString('en')} rows/s; ratio ${(rate / baseRate).toFixed(2)}`)
  console.log(`  memory             rss ${Math.round(rss0 / 2 ** 20)} → max ${Math.round(rssMax / 2 ** 20)} MiB during import`)
  console.log(`  re-import ${BATCH}       ${fmt(againMs)} ms, ${skipped.skipped} skipped, ${skipped.sources} added`)
  console.log(`  incidents.list     p50 ${fmt(list.p50)} ms, p99 ${fmt(list.p99)} ms (page of 50 + total); bare driver page p50 ${fmt(listRaw.p50)} ms; ratio p50 ${(list.p50 / listRaw.p50).toFixed(1)}`)
  console.log(`  list filtered      p50 ${fmt(listFiltered.p50)} ms, p99 ${fmt(listFiltered.p99)} ms (country + year + minCasualties)`)
  console.log(`  totals by year     p50 ${fmt(totalsYear.p50)} ms, p99 ${fmt(totalsYear.p99)} ms`)
  console.log(`  totals by country  p50 ${fmt(totalsCountry.p50)} ms, p99 ${fmt(totalsCountry.p99)} ms (from a year on)`)
  console.log(`  full-text search   p50 ${fmt(search.p50)} ms, p99 ${fmt(search.p99)} ms ("drone civilians", top 20 + total)`)
}

// SQLite
if (ONLY === undefined || ONLY === 'sqlite') {
const dir = mkdtempSync(join(tmpdir(), 'reckon-bench-'))
try {
  const path = join(dir, 'bench.db')
  const store = openSqliteStore(path)
  const raw = new Database(join(dir, 'raw.db'))
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = NORMAL')
  const reader = new Database(path, { readonly: true })
  const page = reader.prepare("SELECT * FROM incidents WHERE status = 'active' ORDER BY date_start, id LIMIT 50 OFFSET ?")
  await bench('SQLite', store, {
    insertRate: async () => {
      raw.exec('CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, sha256 TEXT UNIQUE, text TEXT, title TEXT, published TEXT)')
      const ins = raw.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)')
      const r = rng(7)
      const rows = Array.from({ length: 20_000 }, (_, i) => record(i, r).source)
      const t = performance.now()
      for (let i = 0; i < rows.length; i += BATCH) raw.transaction(() => { for (const s of rows.slice(i, i + BATCH)) ins.run(sourceIdFor(s.sha256), s.sha256, s.text, s.title, s.published) })()
      return rows.length / ((performance.now() - t) / 1000)
    },
    page: async (offset) => page.all(offset),
    analyze: async () => undefined,
  })
  reader.close()
  raw.close()
  await store.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
}

// PostgreSQL
const adminUrl = process.env.TEST_DATABASE_URL
if (ONLY !== undefined && ONLY !== 'postgres') {
  // only SQLite asked for
} else if (!adminUrl) {
  console.log('\nPostgreSQL: skipped (set TEST_DATABASE_URL, e.g. postgres://reckon:reckon@127.0.0.1:5432/reckon_test)')
} else {
  const db = await createBenchDatabase(adminUrl)
  try {
    const store = await openPostgresStore(db.url)
    const client = new pg.Client({ connectionString: db.url })
    await client.connect()
    await bench('PostgreSQL', store, {
      insertRate: async () => {
        await client.query('CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, sha256 TEXT UNIQUE, text TEXT, title TEXT, published TEXT)')
        const r = rng(7)
        const rows = Array.from({ length: 20_000 }, (_, i) => record(i, r).source)
        const t = performance.now()
        for (let i = 0; i < rows.length; i += BATCH) {
          const part = rows.slice(i, i + BATCH)
          const params = part.flatMap((s) => [sourceIdFor(s.sha256), s.sha256, s.text, s.title, s.published])
          await client.query(`INSERT INTO t VALUES ${part.map((_, j) => `($${j * 5 + 1}, $${j * 5 + 2}, $${j * 5 + 3}, $${j * 5 + 4}, $${j * 5 + 5})`).join(', ')}`, params)
        }
        return rows.length / ((performance.now() - t) / 1000)
      },
      // Autovacuum would vacuum and analyze the fresh tables soon after; the benchmark does not wait for it.
      analyze: () => client.query('VACUUM ANALYZE'),
      page: (offset) => client.query("SELECT * FROM incidents WHERE status = 'active' ORDER BY date_start, id LIMIT 50 OFFSET $1", [offset]),
    })
    await client.end()
    await store.close()
  } finally {
    await db.drop()
  }
}
