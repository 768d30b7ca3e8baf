#!/usr/bin/env node
/**
 * @module API load benchmark: a store with 100,000 incidents, a fixed-rate load (default 200 requests/s) over
 * loopback against the filtered incident list and totals, on SQLite and (with TEST_DATABASE_URL or
 * BENCH_DATABASE_URL) PostgreSQL side by side. The baseline, in the same run, is /api/me at the same rate: the
 * cost of the HTTP stack alone; each endpoint reports its p99 as a ratio to it.
 *
 * Run: `npm run build && node bench/api.mjs`. Env: BENCH_INCIDENTS (100000), BENCH_RATE (200), BENCH_SECONDS (10).
 * Each endpoint is measured three ways: one client with the read cache off (what the store query costs), one
 * client as served, and the fixed-rate load as served (incident lists and totals go through the 2 s read cache).
 * Latency is measured from each request's scheduled send time (open loop), so a stalled server cannot hide its
 * queueing delay by slowing the generator down (no coordinated omission).
 */
import http from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { createBenchDatabase } from './pg-database.mjs'

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000)
const RATE = Number(process.env.BENCH_RATE ?? 200)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const TARGET_P99_MS = 50

const ENDPOINTS = [
  ['baseline: /api/me', '/api/me'],
  ['incidents, filtered', '/api/incidents?country=PK&from=2010-01-01&to=2014-12-31&minCasualties=5&limit=50'],
  ['incidents, page 100', '/api/incidents?country=YE&limit=50&offset=5000'],
  ['totals by year, PK', '/api/totals?groupBy=year&country=PK'],
  ['totals by month, all', '/api/totals?groupBy=month'],
]

/** Sends `rate` requests/s for `seconds` to `url`, open loop; resolves to latency stats in ms. */
async function load(url, rate, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  const total = Math.round(rate * seconds)
  const lat = []
  let errors = 0
  let failed = 0
  const start = performance.now() + 50
  const one = (scheduled) =>
    new Promise((resolve) => {
      const req = http.get(url, { agent }, (res) => {
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
  const deadline = start + seconds * 1000 + 15_000
  for (let i = 0; i < total && performance.now() < deadline; i++) {
    const scheduled = start + (i * 1000) / rate
    const wait = scheduled - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    pending.push(one(scheduled))
  }
  // A server that cannot keep up is given 15 s past the end; whatever is still out then counts as an error.
  const timeout = new Promise((r) => setTimeout(r, Math.max(0, deadline - performance.now())))
  await Promise.race([Promise.all(pending), timeout])
  const elapsed = (performance.now() - start) / 1000
  errors += failed + Math.max(0, total - lat.length - failed)
  agent.destroy()
  lat.sort((a, b) => a - b)
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN
  return { rps: lat.length / elapsed, p50: q(0.5), p99: q(0.99), max: lat[lat.length - 1] ?? NaN, errors }
}

/** One client, requests back to back: the service time of one request, with no queueing. */
async function sequential(url, n) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const lat = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await new Promise((resolve, reject) => http.get(url, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject))
    lat.push(performance.now() - t)
  }
  agent.destroy()
  lat.sort((a, b) => a - b)
  return { p50: lat[Math.floor(n / 2)], p99: lat[Math.min(n - 1, Math.floor(n * 0.99))] }
}

async function runOn(label, database) {
  const worker = new Worker(new URL('./api-server.mjs', import.meta.url), { workerData: { database, incidents: INCIDENTS } })
  const ready = await new Promise((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  console.log(`${label}: ${ready.incidents} incidents (seeded in ${(ready.seedMs / 1000).toFixed(1)} s), serving ${ready.url}`)
  const results = {}
  for (const [name, path] of ENDPOINTS) {
    const raw = await sequential(ready.uncachedUrl + path, 20)
    await load(ready.url + path, 20, 1) // warm up caches and JIT
    const seq = await sequential(ready.url + path, 100)
    results[name] = { ...(await load(ready.url + path, RATE, SECONDS)), seq, raw }
    const r = results[name]
    console.log(
      `  ${name.padEnd(22)} uncached: p50 ${raw.p50.toFixed(1).padStart(6)} ms | one client: p50 ${seq.p50.toFixed(1).padStart(5)} ms p99 ${seq.p99.toFixed(1).padStart(6)} ms | ${RATE}/s: ${r.rps.toFixed(0).padStart(4)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  max ${r.max.toFixed(0).padStart(5)} ms  errors ${r.errors}`,
    )
  }
  worker.postMessage('stop')
  await new Promise((resolve) => worker.once('message', resolve))
  await worker.terminate()
  return results
}

const columns = []
const dir = mkdtempSync(join(tmpdir(), 'reckon-bench-api-'))
try {
  columns.push(['SQLite', await runOn('SQLite', { kind: 'sqlite', path: join(dir, 'bench.db') })])
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (adminUrl) {
  const db = await createBenchDatabase(adminUrl)
  try {
    columns.push(['PostgreSQL', await runOn('PostgreSQL', { kind: 'postgres', url: db.url })])
  } finally {
    await db.drop()
  }
} else {
  console.log('PostgreSQL: skipped (set TEST_DATABASE_URL or BENCH_DATABASE_URL)')
}

console.log(`\n${INCIDENTS} incidents, ${RATE} req/s for ${SECONDS} s per endpoint; target p99 < ${TARGET_P99_MS} ms`)
console.log(['endpoint'.padEnd(22), ...columns.map(([n]) => `${n}: uncached p50 | rps  p50  p99 (p99/baseline)`.padEnd(56))].join(' | '))
for (const [name] of ENDPOINTS) {
  const cells = columns.map(([, res]) => {
    const r = res[name]
    const base = res['baseline: /api/me']
    const ok = r.p99 < TARGET_P99_MS && r.errors === 0 ? 'ok' : 'MISS'
    return `${r.raw.p50.toFixed(1)} ms | ${r.rps.toFixed(0)}  ${r.p50.toFixed(1)}  ${r.p99.toFixed(1)} ms (${(r.p99 / base.p99).toFixed(1)}x) ${ok}`.padEnd(56)
  })
  console.log([name.padEnd(22), ...cells].join(' | '))
}
