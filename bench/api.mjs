#!/usr/bin/env node
/**
 * @module API load benchmark: `reckon serve` (the built CLI, in its own process) on a store with 100,000 incidents,
 * driven by an open-loop load generator in this process at a fixed rate (default 200 requests/s) over loopback.
 *
 * Every request of the incident-list and totals loads has its own filters (date range, country, actor, category,
 * grade, minCasualties), sort, page size and offset, drawn from a seeded generator, so nearly every request misses
 * the per-server read cache and the numbers measure how lists and totals are answered, not a map lookup. Each store
 * is served five ways: as shipped (the read cache, RECKON_READ_CACHE_MS, and the in-memory list snapshot,
 * RECKON_LIST_INDEX); without the read cache; without either (every answer from SQL: the ratio to the row above is
 * what the snapshot buys); and each of the first and last by two workers (RECKON_SERVE_WORKERS=2, one per core of
 * the 2-core machine the target names). The baseline, in the same run, is /api/me at the same rate: the cost of
 * the HTTP stack alone. SQLite and (with TEST_DATABASE_URL or BENCH_DATABASE_URL) PostgreSQL run side by side.
 *
 * Latency is measured from each request's scheduled send time, so a stalled server cannot hide its queueing delay
 * by slowing the generator down (no coordinated omission). Each load is bounded: what is still unanswered 15 s
 * after the last send counts as an error.
 *
 * Run: `npm run build && node bench/api.mjs`. Env: BENCH_INCIDENTS (100000), BENCH_RATE (200), BENCH_SECONDS (10).
 */
import { onEachStore, seedStore } from './api-data.mjs'
import { generator, incidentRequests, totalsRequests } from './api-requests.mjs'
import { drain, load, serve } from './http-load.mjs'

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000)
const RATE = Number(process.env.BENCH_RATE ?? 200)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const TARGET_P99_MS = 50

const LOADS = [
  ['baseline: /api/me', () => () => '/api/me', { cached: false }],
  ['incidents, varied filters', incidentRequests, { cached: true }],
  ['totals, varied filters', totalsRequests, { cached: true }],
]

// ---------------------------------------------------------------------------------------------------- the load

/** Share of `paths` that repeat a path sent less than `ttlMs` earlier: the most the read cache could answer. */
function repeatShare(paths, rate, ttlMs) {
  const last = new Map()
  let repeats = 0
  paths.forEach((p, i) => {
    const t = (i * 1000) / rate
    if (last.has(p) && t - last.get(p) < ttlMs) repeats++
    last.set(p, t)
  })
  return paths.length === 0 ? 0 : repeats / paths.length
}

// ---------------------------------------------------------------------------------------------------- the runs

/** Seeds the store, then loads each endpoint through a server served each of the ways listed below. */
async function runOn(label, database, databaseUrl) {
  const { seedMs, total } = await seedStore(database, databaseUrl, INCIDENTS)
  console.log(`${label}: ${total} incidents (seeded in ${(seedMs / 1000).toFixed(1)} s)`)
  const results = []
  const n = Math.round(RATE * SECONDS)
  for (const [cacheLabel, cacheEnv] of [
    ['as shipped', {}],
    ['no read cache', { RECKON_READ_CACHE_MS: '0' }],
    ['SQL only', { RECKON_READ_CACHE_MS: '0', RECKON_LIST_INDEX: 'off' }],
    // One worker per core (reckon serve --workers 2): reads run in parallel on this 2-core machine.
    ['2 workers', { RECKON_SERVE_WORKERS: '2' }],
    ['2 workers, SQL only', { RECKON_SERVE_WORKERS: '2', RECKON_READ_CACHE_MS: '0', RECKON_LIST_INDEX: 'off' }],
  ]) {
    const off = cacheEnv.RECKON_READ_CACHE_MS === '0'
    const server = await serve({ DATABASE_URL: databaseUrl, ...cacheEnv })
    try {
      // Warm up the JIT, the connection pool and the page cache with requests unlike the measured ones.
      for (const [, make] of LOADS.slice(1)) await load(server.base, Array.from({ length: RATE }, make(generator(999))), RATE)
      await drain(server.base)
      for (const [name, make, { cached }] of LOADS) {
        if (!cached && (off || cacheEnv.RECKON_SERVE_WORKERS)) continue
        const paths = Array.from({ length: n }, make(generator(42)))
        const ttl = off ? 0 : 2000
        const r = { name, cache: cached ? cacheLabel : 'not cached', repeats: repeatShare(paths, RATE, ttl), ...(await load(server.base, paths, RATE)) }
        results.push(r)
        await drain(server.base)
        console.log(
          `  ${r.name.padEnd(26)} ${r.cache.padEnd(19)} ${r.rps.toFixed(0).padStart(4)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  max ${r.max.toFixed(0).padStart(5)} ms  errors ${r.errors}  repeated URLs ${(r.repeats * 100).toFixed(0)}%`,
        )
      }
    } finally {
      await server.stop()
    }
  }
  return results
}

// ---------------------------------------------------------------------------------------------------- main

const columns = await onEachStore(runOn)

console.log(`\n${INCIDENTS} incidents, open loop at ${RATE} req/s for ${SECONDS} s per row; target p99 < ${TARGET_P99_MS} ms at ${RATE} req/s with no errors`)
const cell = (r) => {
  const met = r.p99 < TARGET_P99_MS && r.errors === 0 && r.rps >= RATE * 0.95
  return `${r.rps.toFixed(0).padStart(4)} ${r.p50.toFixed(1).padStart(6)} ${r.p99.toFixed(1).padStart(7)} ${met ? 'met   ' : 'MISSED'}`
}
const head = columns.map(([n]) => `${n}: req/s  p50   p99 (ms) target`.padEnd(36)).join(' | ')
console.log(`${'endpoint'.padEnd(26)} ${'served'.padEnd(19)} | ${head}`)
for (const r of columns[0][1]) {
  const cells = columns.map(([, rs]) => cell(rs.find((x) => x.name === r.name && x.cache === r.cache)).padEnd(36))
  console.log(`${r.name.padEnd(26)} ${r.cache.padEnd(19)} | ${cells.join(' | ')}`)
}
