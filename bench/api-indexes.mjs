#!/usr/bin/env node
/**
 * @module What the API's slowest reads cost in the store on 100,000 incidents (SQLite), before and after candidate
 * indexes, timed through the Store methods the API calls. The baseline is the schema as migrated; the ratio says
 * what each extra index buys. It only proposes: indexes belong in a storage migration.
 *
 * Run: `npm run build && node bench/api-indexes.mjs`. Env: BENCH_INCIDENTS (100000).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openStore } from '../dist/storage/open-store.js'
import { seed } from './api-data.mjs'

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000)
const dir = mkdtempSync(join(tmpdir(), 'reckon-bench-idx-'))
const path = join(dir, 'idx.db')

const QUERIES = [
  ['list PK 2010-14 ≥5 killed', (s) => s.incidents.list({ country: 'PK', from: '2010-01-01', to: '2014-12-31', minCasualties: 5 }, { limit: 50 }, '-date')],
  ['list YE page 101', (s) => s.incidents.list({ country: 'YE' }, { limit: 50, offset: 5000 }, '-date')],
  ['list all, newest first', (s) => s.incidents.list({}, { limit: 50 }, '-date')],
  ['list all, 500 a page', (s) => s.incidents.list({}, { limit: 500 }, '-date')],
  ['list actor, 2020-', (s) => s.incidents.list({ actor: 'turkey', from: '2020-01-01' }, { limit: 50 }, 'date')],
  ['list civilians ≥4, fair', (s) => s.incidents.list({ category: 'civilians', minCasualties: 4, grade: 'fair' }, { limit: 50 }, '-killed')],
  ['totals year PK', (s) => s.totals('year', { country: 'PK' })],
  ['totals month all', (s) => s.totals('month', {})],
  ['totals month ≥5 killed', (s) => s.totals('month', { minCasualties: 5 })],
]

// Lists read every listed incident's links from claims; a covering index would spare the claim rows (measured
// about 0.15 ms of a 4.5 ms request in the bench mix: proposed, not adopted, as it costs every import).
const CANDIDATES = ['CREATE INDEX IF NOT EXISTS bench_claims_links ON claims (incident_id, seq, id, link_reason, link_by, link_at)']

async function timeAll(label) {
  const store = await openStore({ kind: 'sqlite', path })
  const out = {}
  for (const [name, q] of QUERIES) {
    await q(store)
    const runs = []
    for (let i = 0; i < 7; i++) {
      const t = performance.now()
      await q(store)
      runs.push(performance.now() - t)
    }
    runs.sort((a, b) => a - b)
    out[name] = runs[3]
  }
  await store.close()
  console.log(label, Object.entries(out).map(([k, v]) => `${k}: ${v.toFixed(1)} ms`).join(' | '))
  return out
}

try {
  const store = await openStore({ kind: 'sqlite', path })
  const ms = await seed(store, INCIDENTS)
  await store.close()
  console.log(`SQLite, ${INCIDENTS} incidents (seeded in ${(ms / 1000).toFixed(1)} s); median of 7 runs`)
  const before = await timeAll('as migrated:      ')
  const db = new Database(path)
  for (const sql of CANDIDATES) db.exec(sql)
  db.exec('ANALYZE')
  db.close()
  const after = await timeAll('candidate indexes:')
  console.log(`\ncandidates: ${CANDIDATES.join('; ')}`)
  for (const [name] of QUERIES) console.log(`  ${name.padEnd(26)} ${before[name].toFixed(1).padStart(7)} ms → ${after[name].toFixed(1).padStart(7)} ms  (${(before[name] / after[name]).toFixed(1)}x)`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
