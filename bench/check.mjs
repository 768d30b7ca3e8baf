#!/usr/bin/env node
/**
 * @module Benchmark of consistency checking (`checkClaims`) at 10k, 100k and 1M incident claims plus aggregates
 * (10,000 at 1M; one per hundred incident claims below), each size in its own process so peak memory is its own.
 *
 * Baseline, in the same process: generating the same claims and touching each once (what any pass over the store
 * costs). Reported: wall time of generate+check, the baseline, their ratio, the check's own time, peak RSS, the
 * findings found, and the growth from size to size against n and n·log n. The check runs with the disputes at one
 * incident (figure, characterisation, revision) on; the checker without them runs first on the same claims in the
 * same process, and its time is reported beside.
 *
 * Run: `npm run build && node bench/check.mjs` (or `node bench/check.mjs 1000000` for one size).
 * `node bench/check.mjs --store [n]` stores the same claims in SQLite and times `checkStore` (what `reckon check`
 * runs): reading the claims back in batches, checking them, storing the findings.
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SIZES = [10_000, 100_000, 1_000_000]

/** A small deterministic PRNG (mulberry32), so every run checks the same claims. */
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PLACES = [
  { country: 'PK', admin1: 'North Waziristan' },
  { country: 'PK', admin1: 'South Waziristan' },
  { country: 'PK', admin1: 'Khyber Agency' },
  { country: 'PK', admin1: null },
  { country: 'YE', admin1: 'Abyan' },
  { country: 'YE', admin1: 'Shabwa' },
  { country: 'YE', admin1: 'Al Bayda' },
  { country: 'SO', admin1: null },
  { country: 'AF', admin1: 'Nangarhar' },
  { country: 'AF', admin1: null },
]
const CATEGORIES = ['total', 'civilians', 'children', 'militants']
const CLAIMANTS = [...Array.from({ length: 40 }, (_, i) => `Monitor ${i}`), 'Pakistan government', 'Pakistan Ministry of Defence', 'Yemeni officials', 'US Central Command', null]

const pad = (n) => String(n).padStart(2, '0')
const DAYS = Array.from({ length: 16 * 365 }, (_, i) => {
  const d = new Date(Date.UTC(2004, 0, 1) + i * 86_400_000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
})
const placeOf = (p) => ({ name: null, admin1: p.admin1, country: p.country, lat: null, lon: null, precision: p.admin1 ? 'region' : 'country' })
const PLACE_OBJECTS = PLACES.map(placeOf)
const SPAN = { start: 0, end: 1 }
const NAMES = []

/** Lazily generates `n` incident claims (one to three per strike) and `aggregates` aggregate claims. */
function* claims(n, aggregates) {
  const r = rng(42)
  let made = 0
  let strike = 0
  while (made < n) {
    strike++
    const day = Math.floor(r() * 16 * 365)
    const date = DAYS[day]
    const place = PLACE_OBJECTS[Math.floor(r() * PLACES.length)]
    const period = { start: date, end: date, precision: 'day' }
    const perStrike = 1 + Math.floor(r() * 3)
    // One strike's reports agree roughly and respect the invariants (parts within wholes), as most real reports do.
    const dead = Math.floor(r() * 12)
    for (let k = 0; k < perStrike && made < n; k++, made++) {
      const category = CATEGORIES[Math.floor(r() * CATEGORIES.length)]
      const v = category === 'total' ? dead : category === 'civilians' ? dead >> 1 : category === 'children' ? dead >> 2 : dead - (dead >> 1)
      const open = r() < 0.2
      // Built as one literal (no spread): the generator should cost what reading a row costs, not more.
      yield {
        id: `clm_i${made}`,
        sourceId: `src_${Math.floor(r() * (n / 4))}`,
        measure: 'killed',
        category,
        min: v,
        max: open ? null : v,
        scope: 'incident',
        incidents: null,
        period,
        place,
        claimant: CLAIMANTS[Math.floor(r() * CLAIMANTS.length)],
        incidentId: `inc_${strike}`,
        eventKey: null,
        qualifier: 'exact', actor: null, quote: 'q', span: SPAN, extractor: 'bench', names: NAMES, status: 'accepted', createdAt: '', updatedAt: '',
      }
    }
  }
  for (let a = 0; a < aggregates; a++) {
    const y1 = 2004 + Math.floor(r() * 16)
    const y2 = Math.min(2019, y1 + Math.floor(r() * 5))
    const shape = r()
    const period = shape < 0.2 ? { start: `${y1}-01-01`, end: null } : shape < 0.3 ? { start: null, end: null } : { start: `${y1}-01-01`, end: `${y2}-12-31` }
    const place = r() < 0.2 ? null : placeOf(PLACES[Math.floor(r() * PLACES.length)])
    // Most aggregates are "at least" figures or generous totals; one in a hundred is a small figure that real
    // evidence will break (a planted contradiction, and tensions with the wider figures around it).
    const planted = r() < 0.01
    const bundle = !planted && r() < 0.2
    const lo = Math.floor(r() * 500)
    const shape2 = r()
    yield {
      qualifier: 'exact', actor: null, quote: 'q', span: SPAN, extractor: 'bench', names: NAMES, status: 'accepted', createdAt: '', updatedAt: '',
      id: `clm_a${a}`,
      sourceId: `src_agg${a % 500}`,
      measure: 'killed',
      category: CATEGORIES[Math.floor(r() * CATEGORIES.length)],
      min: planted ? 0 : lo,
      max: planted ? Math.floor(r() * 5) : bundle ? lo : shape2 < 0.6 ? null : lo + 10_000_000,
      scope: 'aggregate',
      incidents: bundle ? 1 + Math.floor(r() * 10) : null,
      period: { ...period, precision: 'year' },
      place,
      claimant: CLAIMANTS[Math.floor(r() * CLAIMANTS.length)],
      incidentId: null,
      eventKey: null,
    }
  }
}

async function runOne(n) {
  const { checkClaims } = await import('../dist/reconciliation/index.js')
  const aggregates = Math.max(100, Math.round(n / 100))
  // Baseline: generate and touch every claim once.
  const cpu0 = process.cpuUsage()
  let t0 = performance.now()
  let touched = 0
  for (const c of claims(n, aggregates)) touched += c.min ?? 0
  const baseline = performance.now() - t0
  const cpu1 = process.cpuUsage(cpu0)
  // The checker as it was (no disputes at one incident), on the same claims, for comparison.
  t0 = performance.now()
  const oldFindings = checkClaims(claims(n, aggregates), { disputes: false }).length
  const oldTotal = performance.now() - t0
  const cpuOld = process.cpuUsage()
  t0 = performance.now()
  const findings = checkClaims(claims(n, aggregates))
  const total = performance.now() - t0
  const cpu2 = process.cpuUsage()
  // CPU time as well as wall time: on a shared machine wall time measures the neighbours too.
  const cpuBaseline = (cpu1.user + cpu1.system) / 1000
  const cpuTotal = (cpu2.user + cpu2.system - cpuOld.user - cpuOld.system) / 1000
  const kinds = { contradiction: 0, tension: 0, figure_dispute: 0, characterisation_dispute: 0, revision: 0 }
  for (const f of findings) kinds[f.kind]++
  return { n, aggregates, baselineMs: baseline, totalMs: total, oldTotalMs: oldTotal, oldFindings, cpuBaselineMs: cpuBaseline, cpuTotalMs: cpuTotal, checkMs: total - baseline, ratio: total / baseline, peakRssMb: process.resourceUsage().maxRSS / 1024, findings: kinds, touched }
}

/**
 * The same claims stored in a fresh SQLite file (one source and incident per strike, one source per aggregate,
 * through the bulk import path), then `checkStore` as `reckon check` runs it: claims read back in batches, checked,
 * findings stored. Loading is timed apart; the figure that matters is the check's.
 */
async function runStore(n) {
  const { mkdtempSync, rmSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const { createHash } = await import('node:crypto')
  const { openStore } = await import('../dist/storage/open-store.js')
  const { checkStore } = await import('../dist/app/check-store.js')
  const dir = mkdtempSync(join(tmpdir(), 'reckon-check-bench-'))
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'bench.db') })
  const ctx = { actor: 'bench' }
  const aggregates = Math.max(100, Math.round(n / 100))
  const record = (key, claimsOf) => {
    const text = `bench ${key}: q`
    const sha256 = createHash('sha256').update(text).digest('hex')
    const source = { sha256, text, mediaType: 'text/plain', filename: null, byteLength: text.length, kind: 'dataset', publisher: 'bench', url: null, title: key, published: '2020-01-01', language: null }
    const drafts = claimsOf.map((c) => ({ measure: c.measure, category: c.category, min: c.min, max: c.max, qualifier: c.max === null ? 'at_least' : 'exact', scope: c.scope, incidents: c.incidents, period: c.period, place: c.place, actor: null, claimant: c.claimant, quote: 'q', span: { start: text.length - 1, end: text.length }, extractor: 'bench', eventKey: `${key}-${claimsOf.indexOf(c)}`, names: [] }))
    const first = claimsOf[0]
    return { source, claims: drafts, incident: first.scope === 'incident' ? { date: first.period, place: first.place, actor: null, target: null, victims: [], grade: null } : null }
  }
  let t0 = performance.now()
  let batch = []
  let strike = null
  let group = []
  const flush = async (force) => {
    if (batch.length >= 1000 || (force && batch.length > 0)) {
      await store.bulk.importRecords(batch, ctx)
      batch = []
    }
  }
  for (const c of claims(n, aggregates)) {
    if (c.scope === 'incident' && c.incidentId === strike) {
      group.push(c)
      continue
    }
    if (group.length > 0) batch.push(record(strike, group))
    await flush(false)
    strike = c.scope === 'incident' ? c.incidentId : c.id
    group = [c]
  }
  if (group.length > 0) batch.push(record(strike, group))
  await flush(true)
  const loadMs = performance.now() - t0
  const rssBefore = process.memoryUsage().rss / 1024 / 1024
  const cpu0 = process.cpuUsage()
  t0 = performance.now()
  const { findings, claims: checked } = await checkStore(store)
  const checkMs = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  await store.close()
  rmSync(dir, { recursive: true, force: true })
  const kinds = { contradiction: 0, tension: 0, figure_dispute: 0, characterisation_dispute: 0, revision: 0 }
  for (const f of findings) kinds[f.kind]++
  return { n, aggregates, checked, loadMs, checkMs, cpuCheckMs: (cpu.user + cpu.system) / 1000, rssBeforeMb: rssBefore, peakRssMb: process.resourceUsage().maxRSS / 1024, findings: kinds }
}

async function main() {
  if (process.argv[2] === '--store') {
    const n = Number(process.argv[3] ?? 1_000_000)
    if (process.argv[4] === 'child') {
      process.send(await runStore(n))
      return
    }
    const child = fork(fileURLToPath(import.meta.url), ['--store', String(n), 'child'], { execArgv: ['--max-old-space-size=4096'] })
    const res = await new Promise((resolve, reject) => {
      child.on('message', resolve)
      child.on('error', reject)
      child.on('exit', (code) => code !== 0 && reject(new Error(`store run exited with ${code}`)))
    })
    console.log(
      `reckon check on SQLite: ${res.checked} claims (${n} incident + ${res.aggregates} aggregate) loaded in ${(res.loadMs / 1000).toFixed(1)} s; ` +
        `check ${(res.checkMs / 1000).toFixed(1)} s (CPU ${(res.cpuCheckMs / 1000).toFixed(1)} s), peak RSS ${res.peakRssMb.toFixed(0)} MB ` +
        `(${res.rssBeforeMb.toFixed(0)} MB before the check), ${res.findings.contradiction} contradictions, ${res.findings.tension} tensions`,
    )
    console.log(res.checkMs < 60_000 ? `OK: checked in ${(res.checkMs / 1000).toFixed(1)} s (< 60 s)` : `TOO SLOW: ${(res.checkMs / 1000).toFixed(1)} s`)
    if (res.checkMs >= 60_000) process.exitCode = 1
    return
  }
  const arg = process.argv[2]
  if (arg !== undefined) {
    const out = await runOne(Number(arg))
    if (process.send) process.send(out)
    else console.log(JSON.stringify(out))
    return
  }
  const results = []
  for (const n of SIZES) {
    const child = fork(fileURLToPath(import.meta.url), [String(n)], { execArgv: ['--max-old-space-size=4096'] })
    const res = await new Promise((resolve, reject) => {
      child.on('message', resolve)
      child.on('error', reject)
      child.on('exit', (code) => code !== 0 && reject(new Error(`size ${n} exited with ${code}`)))
    })
    results.push(res)
    console.log(
      `${String(n).padStart(9)} incident claims + ${String(res.aggregates).padStart(6)} aggregates: ` +
        `generate+check ${(res.totalMs / 1000).toFixed(2)} s, baseline ${(res.baselineMs / 1000).toFixed(2)} s (ratio ${res.ratio.toFixed(1)}), ` +
        `check alone ≈ ${(res.checkMs / 1000).toFixed(2)} s (CPU ${(res.cpuTotalMs / 1000).toFixed(2)} s), peak RSS ${res.peakRssMb.toFixed(0)} MB, ` +
        `${res.findings.contradiction} contradictions, ${res.findings.tension} tensions, ${res.findings.figure_dispute} figure disputes, ` +
        `${res.findings.characterisation_dispute} characterisation disputes, ${res.findings.revision} revisions; ` +
        `without the disputes at one incident: ${(res.oldTotalMs / 1000).toFixed(2)} s, ${res.oldFindings} findings`,
    )
  }
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1], b = results[i]
    const k = b.n / a.n
    const nlogn = (b.n * Math.log2(b.n)) / (a.n * Math.log2(a.n))
    console.log(`growth ${a.n} → ${b.n}: time ×${(b.totalMs / a.totalMs).toFixed(1)}, CPU ×${(b.cpuTotalMs / a.cpuTotalMs).toFixed(1)} (n: ×${k}, n·log n: ×${nlogn.toFixed(1)}, n²: ×${k * k})`)
  }
  const big = results[results.length - 1]
  console.log(big.totalMs < 60_000 ? `OK: ${big.n} claims checked in ${(big.totalMs / 1000).toFixed(1)} s (< 60 s)` : `TOO SLOW: ${(big.totalMs / 1000).toFixed(1)} s`)
  if (big.totalMs >= 60_000) process.exitCode = 1
}

await main()
