#!/usr/bin/env node
/**
 * @module Imports N generated ACLED-layout rows (default 1,000,000) into SQLite and PostgreSQL through the same code as
 * `reckon import`, and reports rows/s and peak memory side by side. Baseline in the same process: reading and
 * parsing the same rows without storing them, so the ratio shows what the store costs.
 *
 *   npm run build && node bench/import.mjs [rows] [--pg-rows N] [--batch N]
 *
 * PostgreSQL runs when TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set; it gets a fresh database, dropped after.
 * Rows are streamed from a generator, never held, so flat memory means the importer's memory is flat.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { ACLED_COLUMNS, readAcled } from '../dist/importers/acled.js'
import { csvLine } from '../dist/importers/csv.js'
import { importDataset } from '../dist/importers/import-dataset.js'
import { openPostgresStore } from '../dist/storage/postgres/postgres-store.js'
import { openSqliteStore } from '../dist/storage/sqlite/sqlite-store.js'

const args = process.argv.slice(2)
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000)
const pgRowsArg = args.indexOf('--pg-rows')
const pgRows = pgRowsArg >= 0 ? Number(args[pgRowsArg + 1]) : rows
const batchArg = args.indexOf('--batch')
const batchSize = batchArg >= 0 ? Number(args[batchArg + 1]) : 1000

const PLACES = [
  ['586', 'Pakistan', 'Khyber Pakhtunkhwa', 'North Waziristan', 'Miranshah', 33.0, 70.07],
  ['586', 'Pakistan', 'Khyber Pakhtunkhwa', 'South Waziristan', 'Wana', 32.3, 69.57],
  ['887', 'Yemen', 'Shabwah', 'Azzan', 'Azzan', 14.2, 47.1],
  ['706', 'Somalia', 'Lower Juba', 'Kismayo', 'Kismayo', -0.36, 42.55],
  ['4', 'Afghanistan', 'Nangarhar', 'Achin', 'Achin', 34.13, 70.7],
]

/** ACLED CSV text for rows [0, n), in chunks of about 1 MB. */
function* generate(n) {
  yield csvLine(ACLED_COLUMNS)
  let buf = ''
  for (let i = 0; i < n; i++) {
    const p = PLACES[i % PLACES.length]
    const day = new Date(Date.UTC(2008, 0, 1) + (i % 5000) * 86400000).toISOString().slice(0, 10)
    const v = {
      event_id_cnty: `GEN${i}`, event_date: day, year: day.slice(0, 4), time_precision: String(1 + (i % 3)), disorder_type: 'Political violence',
      event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike', actor1: 'Military Forces of the United States', inter1: 'External/Other forces',
      iso: p[0], region: 'Southern Asia', country: p[1], admin1: p[2], admin2: p[3], location: p[4], latitude: String(p[5]), longitude: String(p[6]),
      geo_precision: String(1 + (i % 3)), source: 'Generated', source_scale: 'National',
      notes: `On ${day}, a generated drone strike near ${p[4]}, ${p[3]}, killed ${i % 17} people, "reportedly" including militants.`,
      fatalities: String(i % 17), timestamp: '1700000000',
    }
    buf += csvLine(ACLED_COLUMNS.map((c) => v[c] ?? ''))
    if (buf.length > 1 << 20) { yield buf; buf = '' }
  }
  if (buf) yield buf
}

/** Runs fn while sampling RSS and heap every 50 ms; returns its result with peaks and the elapsed time. */
async function measure(fn) {
  global.gc?.()
  const base = process.memoryUsage()
  let peakRss = base.rss
  let peakHeap = base.heapUsed
  const timer = setInterval(() => {
    const m = process.memoryUsage()
    peakRss = Math.max(peakRss, m.rss); peakHeap = Math.max(peakHeap, m.heapUsed)
  }, 50)
  const t = performance.now()
  const out = await fn()
  const secs = (performance.now() - t) / 1000
  clearInterval(timer)
  return { out, secs, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 }
}

const checkpoints = []
function onProgress(label, n) {
  const step = Math.max(1, Math.floor(n / 4))
  let next = step
  let last = { rows: 0, t: performance.now() }
  return (p) => {
    if (p.rows >= next) {
      const t = performance.now()
      const rate = ((p.rows - last.rows) / ((t - last.t) / 1000)).toFixed(0)
      checkpoints.push(`${label} ${p.rows} rows: ${rate} rows/s since the last line, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`)
      last = { rows: p.rows, t }
      next += step
    }
  }
}

const results = []
// Baseline: read and parse only.
const parse = await measure(async () => { let k = 0; for await (const it of readAcled(generate(rows))) if ('record' in it) k++; return k })
results.push({ target: 'parse only (baseline)', rows: parse.out, ...parse })

const dir = mkdtempSync(join(tmpdir(), 'reckon-bench-'))
try {
  const store = await openSqliteStore(join(dir, 'bench.db'))
  const r = await measure(() => importDataset(store, 'acled', generate(rows), { ctx: { actor: 'bench' }, batchSize, onProgress: onProgress('sqlite', rows) }))
  results.push({ target: 'SQLite', rows: r.out.sources, ...r })
  await store.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (adminUrl) {
  const name = `reckon_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  try {
    const u = new URL(adminUrl)
    u.pathname = `/${name}`
    const store = await openPostgresStore(u.toString())
    const r = await measure(() => importDataset(store, 'acled', generate(pgRows), { ctx: { actor: 'bench' }, batchSize, onProgress: onProgress('postgres', pgRows) }))
    results.push({ target: 'PostgreSQL', rows: r.out.sources, ...r })
    await store.close()
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
} else {
  console.log('PostgreSQL skipped: set TEST_DATABASE_URL or BENCH_DATABASE_URL')
}

const baseRate = results[0].rows / results[0].secs
console.log(`\n${'target'.padEnd(24)}${'rows'.padStart(10)}${'seconds'.padStart(10)}${'rows/s'.padStart(10)}${'vs parse'.padStart(10)}${'peak RSS MB'.padStart(13)}${'peak heap MB'.padStart(14)}`)
for (const r of results) {
  const rate = r.rows / r.secs
  console.log(`${r.target.padEnd(24)}${String(r.rows).padStart(10)}${r.secs.toFixed(1).padStart(10)}${rate.toFixed(0).padStart(10)}${(rate / baseRate).toFixed(2).padStart(10)}${r.peakRssMb.toFixed(0).padStart(13)}${r.peakHeapMb.toFixed(0).padStart(14)}`)
}
console.log('\nmemory as the import grows:')
for (const c of checkpoints) console.log(`  ${c}`)
