#!/usr/bin/env node
/**
 * @module Writes against reads: `reckon serve` (the built CLI, its own process) on a store of 100,000 incidents
 * (seeded through the bulk import path), driven open loop at 150 requests/s, first with reads only (incident lists,
 * totals, findings), then with the same reads and 20% writes (a new report posted, or a claim's figures edited),
 * in one run. Every write asks for the findings re-check: it runs on its own thread as shipped, and on the thread
 * answering requests with RECKON_CHECK_THREAD=off (how it was before), served the same way side by side. Reported:
 * write latency p50/p99 and read p50/p99 of each load. Targets: write p99 < 100 ms, read p99 under the mixed load < 50 ms.
 * First, in this process, one re-check each way with a 2 ms timer running: how long the run took and the longest
 * the event loop went without a turn meanwhile (what every request waits behind).
 *
 * Run: `npm run build && node bench/mixed-load.mjs`. Env: BENCH_INCIDENTS (100000), BENCH_RATE (150),
 * BENCH_SECONDS (20), BENCH_WRITE_SHARE (0.2), BENCH_SQLITE (a SQLite file to seed once and keep, for repeated runs).
 * PostgreSQL too with TEST_DATABASE_URL or BENCH_DATABASE_URL.
 */
import { FindingsRefresher } from '../dist/app/findings-refresher.js'
import { openStore } from '../dist/storage/open-store.js'
import { onEachStore, seedStore } from './api-data.mjs'
import { generator, incidentRequests, totalsRequests } from './api-requests.mjs'
import { drain, load, serve } from './http-load.mjs'

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000)
const RATE = Number(process.env.BENCH_RATE ?? 150)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const WRITE_SHARE = Number(process.env.BENCH_WRITE_SHARE ?? 0.2)
const TARGET_WRITE_P99 = 100
const TARGET_READ_P99 = 50

const PLACES = ['Miranshah, North Waziristan', 'Wana, South Waziristan', 'Datta Khel, North Waziristan', 'Jaar, Abyan']
const WHO = ['Amnesty International', 'local officials', 'residents', 'a security official']

/** The reads: incident lists and totals with varied filters, and the findings page. */
function reads(g) {
  const incidents = incidentRequests(g)
  const totals = totalsRequests(g)
  return () => (g.chance(0.1) ? '/api/findings?limit=50' : g.chance(0.5) ? incidents() : totals())
}

/** The writes: a new short report (stored, extracted, linked), or an edit of a stored claim's figures, with a reason. */
function writes(g, token, claimIds, run) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  let n = 0
  return () => {
    n++
    if (g.chance(0.5)) {
      const killed = g.int(1, 20)
      const text =
        `Mixed-load report ${run}-${n}. A drone strike near ${g.pick(PLACES)} on ${g.int(1, 28)} March ${g.int(2009, 2013)} ` +
        `killed ${killed} people, including ${g.int(0, killed)} civilians, according to ${g.pick(WHO)}.`
      return { kind: 'write', method: 'POST', path: '/api/sources', headers, body: JSON.stringify({ text, published: '2013-10-22', kind: 'news' }) }
    }
    const min = g.int(0, 15)
    const body = JSON.stringify({ edit: { min, max: min + g.int(0, 4) }, reason: 'bench: figures corrected' })
    return { kind: 'write', method: 'PATCH', path: `/api/claims/${g.pick(claimIds)}`, headers, body }
  }
}

/** One re-check of the whole store, on its own thread or on this one: its time and the longest the loop was held. */
async function loopHeld(database, offThread) {
  const store = await openStore(database)
  const refresher = new FindingsRefresher(store, (e) => console.error(e), offThread ? { database } : {})
  let last = performance.now()
  let held = 0
  const tick = setInterval(() => {
    const t = performance.now()
    held = Math.max(held, t - last)
    last = t
  }, 2)
  const start = performance.now()
  refresher.request()
  // Waited for with a timer, not a promise: the loop must turn for the run to be seen as done, as for a request.
  await new Promise((done) => {
    const poll = setInterval(() => refresher.runs > 0 && (clearInterval(poll), done()), 5)
  })
  const end = performance.now()
  clearInterval(tick)
  await refresher.close()
  await store.close()
  return { runMs: end - start, heldMs: Math.max(held, end - last) }
}

const fmt = (s) => (s === undefined ? '       -' : `${s.p50.toFixed(1).padStart(7)} ${s.p99.toFixed(1).padStart(8)}`)

async function runOn(label, database, databaseUrl) {
  const { seedMs, total } = await seedStore(database, databaseUrl, INCIDENTS)
  const store = await openStore(database)
  const { token } = await store.tokens.create('bench-editor', 'editor', { actor: 'bench' })
  const claimIds = (await store.claims.list({ scope: 'incident' }, { limit: 1000 })).items.map((c) => c.id)
  await store.close()
  console.log(`${label}: ${total} incidents (seeded in ${(seedMs / 1000).toFixed(1)} s); ${RATE} req/s for ${SECONDS} s per load`)
  for (const offThread of [true, false]) {
    const r = await loopHeld(database, offThread)
    console.log(`  one re-check ${offThread ? 'on its own thread  ' : 'on the serving thread'}: ${(r.runMs / 1000).toFixed(1)} s, the event loop held at most ${r.heldMs.toFixed(0)} ms`)
  }
  const n = Math.round(RATE * SECONDS)
  const rows = []
  for (const [served, env] of [
    ['check on its own thread', {}],
    ['check on the serving thread', { RECKON_CHECK_THREAD: 'off' }],
  ]) {
    const server = await serve({ DATABASE_URL: databaseUrl, ...env })
    try {
      // Warm up the JIT, the connection pool and the page cache with requests unlike the measured ones.
      await load(server.base, Array.from({ length: RATE }, reads(generator(999))), RATE)
      await drain(server.base)
      const readOnly = await load(server.base, Array.from({ length: n }, reads(generator(42))), RATE)
      await drain(server.base)
      const g = generator(7)
      const read = reads(generator(42))
      const write = writes(g, token, claimIds, `${label}-${served}`)
      const mixed = await load(server.base, Array.from({ length: n }, () => (g.rand() < WRITE_SHARE ? write() : read())), RATE)
      await drain(server.base)
      for (const [name, r] of [['read only', readOnly], [`${Math.round(WRITE_SHARE * 100)}% writes`, mixed]]) {
        rows.push({ served, name, r })
        const w = r.byKind.write
        console.log(
          `  ${served.padEnd(28)} ${name.padEnd(10)} reads p50/p99 ${fmt(r.byKind.read)} ms  writes p50/p99 ${fmt(w)} ms  ` +
            `errors ${r.errors}  ${r.rps.toFixed(0)} req/s`,
        )
      }
    } finally {
      await server.stop()
    }
  }
  return rows
}

const columns = await onEachStore(runOn, process.env.BENCH_SQLITE)

console.log(`\n${INCIDENTS} incidents, ${RATE} req/s open loop; targets: write p99 < ${TARGET_WRITE_P99} ms, read p99 < ${TARGET_READ_P99} ms under the mixed load`)
console.log(`${'store'.padEnd(11)} ${'served'.padEnd(28)} ${'load'.padEnd(10)} read p50  read p99  write p50 write p99  errors  targets`)
for (const [store, rows] of columns) {
  for (const { served, name, r } of rows) {
    const w = r.byKind.write
    const met = w === undefined ? '' : w.p99 < TARGET_WRITE_P99 && r.byKind.read.p99 < TARGET_READ_P99 && r.errors === 0 ? 'met' : 'MISSED'
    const cell = (s, k) => (s === undefined ? '-'.padStart(9) : s[k].toFixed(1).padStart(9))
    console.log(
      `${store.padEnd(11)} ${served.padEnd(28)} ${name.padEnd(10)} ${cell(r.byKind.read, 'p50')} ${cell(r.byKind.read, 'p99')} ${cell(w, 'p50')} ${cell(w, 'p99')}  ${String(r.errors).padStart(6)}  ${met}`,
    )
  }
}
