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
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { openStore } from '../dist/storage/open-store.js'
import { seed } from './api-data.mjs'
import { createBenchDatabase } from './pg-database.mjs'
import { generator, incidentRequests, totalsRequests } from './api-requests.mjs'

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000)
const RATE = Number(process.env.BENCH_RATE ?? 200)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const TARGET_P99_MS = 50
const CLI = new URL('../dist/cli/main.js', import.meta.url).pathname

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

/** Sends `paths` at `rate` per second to `base`, open loop; resolves to latency stats in ms. */
async function load(base, paths, rate) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const lat = []
  let errors = 0
  let failed = 0
  const start = performance.now() + 50
  const one = (path, scheduled) =>
    new Promise((resolve) => {
      const req = http.get(base + path, { agent }, (res) => {
        res.resume()
        res.on('end', () => {
          if (res.statusCode !== 200) errors++
          lat.push(performance.now() - scheduled)
          resolve()
        })
      })
      req.on('error', () => {
        failed++
        resolve()
      })
    })
  const pending = []
  const deadline = start + (paths.length / rate) * 1000 + 15_000
  for (let i = 0; i < paths.length && performance.now() < deadline; i++) {
    const scheduled = start + (i * 1000) / rate
    const wait = scheduled - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    pending.push(one(paths[i], scheduled))
  }
  // A server that cannot keep up is given 15 s past the last send; whatever is still out then counts as an error.
  const timeout = new Promise((r) => setTimeout(r, Math.max(0, deadline - performance.now())))
  await Promise.race([Promise.all(pending), timeout])
  const elapsed = (performance.now() - start) / 1000
  errors += failed + Math.max(0, paths.length - lat.length - failed)
  agent.destroy()
  lat.sort((a, b) => a - b)
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN
  return { rps: lat.length / elapsed, p50: q(0.5), p99: q(0.99), max: lat[lat.length - 1] ?? NaN, errors }
}

// ---------------------------------------------------------------------------------------------------- the server

/** Starts `reckon serve` on a free port with `env`; resolves to its URL and a stop function. */
async function serve(env) {
  const child = spawn(process.execPath, [CLI, 'serve', '--no-web', '--port', '0', '--host', '127.0.0.1'], {
    env: { PATH: process.env.PATH, RECKON_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reckon serve did not start:\n${out}`)), 60_000)
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.once('exit', (code) => reject(new Error(`reckon serve exited with ${code}:\n${out}`)))
  })
  return {
    base,
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** Waits until the server answers /api/me within 20 ms: a load it fell behind on must not spill into the next one. */
async function drain(base) {
  const until = performance.now() + 60_000
  while (performance.now() < until) {
    const t = performance.now()
    await fetch(`${base}/api/me`).then((r) => r.arrayBuffer())
    if (performance.now() - t < 20) return
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Seeds the store, then loads each endpoint through a server served each of the ways listed below. */
async function runOn(label, database, databaseUrl) {
  const store = await openStore(database)
  const seedMs = await seed(store, INCIDENTS)
  const total = (await store.incidents.list({}, { limit: 1 })).total
  await store.close()
  if (database.kind === 'postgres') {
    // What autovacuum does soon after a bulk import: planner statistics, and the visibility map index-only scans need.
    const c = new pg.Client({ connectionString: databaseUrl })
    await c.connect()
    await c.query('VACUUM ANALYZE')
    await c.end()
  }
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

const columns = []
const dir = mkdtempSync(join(tmpdir(), 'reckon-bench-api-'))
try {
  const path = join(dir, 'bench.db')
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
