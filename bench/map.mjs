#!/usr/bin/env node
/**
 * @module Map and timeline at scale: `reckon serve` (the built CLI and web app) on a SQLite store of 100,000
 * incidents (bench/api-data.mjs, 2004–2024, seven countries).
 *
 * API, read cache off (RECKON_READ_CACHE_MS=0), median of BENCH_RUNS: time and bytes of what the map and the
 * timeline ask for. The baseline, in the same run, is what the map asked for before it was aggregated on the server:
 * ten sequential pages of 500 whole incidents (/api/incidents?limit=500), which drew only the earliest 5,000.
 *
 * Chromium (/usr/bin/chromium through playwright-core, or RECKON_CHROMIUM), laptop viewport: from navigation until
 * the map's marks (or the timeline's bands) are drawn, and from a filter change (a new address) until they are
 * drawn again; with the DOM size and the longest main-thread task seen (PerformanceObserver 'longtask').
 *
 * A/B: BENCH_BASELINE names the root of another built copy of Reckon (its dist/, bench/ and web/dist/, for example
 * the same commit before a change); both serve the same store, and every request and page is measured on one and
 * then the other in turn, so both see the same machine load. The load average is printed with the figures.
 *
 * Run: `npm run build && node web/scripts/ensure-build.mjs && node bench/map.mjs`.
 * Env: BENCH_INCIDENTS (100000), BENCH_RUNS (5), BENCH_DB (reuse this SQLite file, seeding only what is missing),
 * BENCH_BASELINE (a built copy to compare with).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { openStore } from '../dist/storage/open-store.js'
import { seed } from './api-data.mjs'
import { serve } from './http-load.mjs'

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const CHROMIUM = process.env.RECKON_CHROMIUM ?? '/usr/bin/chromium'
const BASELINE = process.env.BENCH_BASELINE ? resolve(process.env.BENCH_BASELINE) : null

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const ms = (n) => `${n.toFixed(0)} ms`
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ')

/** Time and bytes of fetching `paths` one after another (as the page does), once. */
async function fetchOnce(base, paths) {
  const t = performance.now()
  let bytes = 0
  for (const p of paths) {
    const res = await fetch(base + p)
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`)
    bytes += (await res.arrayBuffer()).byteLength
  }
  return { ms: performance.now() - t, bytes }
}

/** The ten pages the map used to load (VIEW_CAP 5,000 in pages of 500), each waiting for the one before. */
const OLD_MAP_PAGES = (filter) => Array.from({ length: 10 }, (_, k) => `/api/incidents?${filter}${filter ? '&' : ''}limit=500&offset=${k * 500}&sort=date`)

const REQUESTS = [
  ['baseline: old map, 10 pages of 500 incidents (5,000 of 100,000)', OLD_MAP_PAGES('')],
  ['map, whole world (zoom 0): every incident', ['/api/map?zoom=0']],
  ['map, Pakistan framed (zoom 7, box)', ['/api/map?zoom=7&bbox=66.9,30.7,72.5,35.3']],
  ['map, filtered: YE 2012–2013 (zoom 0)', ['/api/map?zoom=0&country=YE&from=2012-01-01&to=2013-12-31']],
  ['map, filtered: grade fair (zoom 0)', ['/api/map?zoom=0&grade=fair']],
  ['timeline: totals by month, all', ['/api/totals?groupBy=month']],
  ['timeline: totals by month, YE 2012–2013', ['/api/totals?groupBy=month&country=YE&from=2012-01-01&to=2013-12-31']],
]

/** Each request on each server in turn, RUNS times; one row per request with each server's median. */
async function apiFigures(servers) {
  const rows = []
  for (const [what, paths] of REQUESTS) {
    const times = servers.map(() => [])
    const bytes = servers.map(() => 0)
    for (let r = 0; r < RUNS; r++)
      for (const [k, s] of servers.entries()) {
        const got = await fetchOnce(s.base, paths)
        times[k].push(got.ms)
        bytes[k] = got.bytes
      }
    const row = { what }
    for (const [k, s] of servers.entries()) {
      row[`${s.label} time`] = ms(median(times[k]))
      row[`${s.label} size`] = kb(bytes[k])
    }
    if (servers.length === 2) row['B/A time'] = (median(times[1]) / median(times[0])).toFixed(3)
    rows.push(row)
  }
  console.log(`load average during the API figures (1, 5, 15 min): ${load()}`)
  console.table(rows)
}

/** Navigation (or a filter change) until `ready` is in the page, with DOM size and the longest task; median over RUNS, servers in turn. */
async function browserFigures(servers) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--headless=new', '--disable-dev-shm-usage'] })
  const rows = []
  try {
    const once = async (base, first, then, ready) => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true })).newPage()
      try {
        await page.addInitScript(() => {
          window.__longest = 0
          new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__longest = Math.max(window.__longest, e.duration)))).observe({ type: 'longtask', buffered: true })
        })
        let t = performance.now()
        await page.goto(base + first)
        await page.waitForFunction(ready, null, { timeout: 60_000, polling: 50 })
        const load = performance.now() - t
        // A filter change the way the app makes one: a new address in the same page (the router's pushState).
        t = performance.now()
        await page.evaluate((href) => {
          history.pushState(null, '', href)
          dispatchEvent(new PopStateEvent('popstate'))
        }, then)
        // The old drawing stays up while the new one loads: first see it start loading, then finish.
        await page.waitForFunction(`/Loading…/.test(document.querySelector('main').innerText)`, null, { timeout: 10_000, polling: 'raf' })
        await page.waitForFunction(ready, null, { timeout: 60_000, polling: 50 })
        const change = performance.now() - t
        return { load, change, nodes: await page.evaluate(() => document.getElementsByTagName('*').length), task: await page.evaluate(() => window.__longest) }
      } finally {
        await page.context().close()
      }
    }
    const measure = async (what, first, then, ready) => {
      const got = servers.map(() => [])
      for (let r = 0; r < RUNS; r++) for (const [k, s] of servers.entries()) got[k].push(await once(s.base, first, then, ready))
      for (const [k, s] of servers.entries()) {
        const m = (f) => median(got[k].map(f))
        const row = { what: `${what} (${s.label})`, 'interactive after navigation': ms(m((x) => x.load)), 'redrawn after filter change': ms(m((x) => x.change)), 'DOM nodes': m((x) => x.nodes), 'longest task': ms(m((x) => x.task)) }
        if (k === 1) {
          const ratio = (f) => (m(f) / median(got[0].map(f))).toFixed(3)
          Object.assign(row, { 'B/A navigation': ratio((x) => x.load), 'B/A filter change': ratio((x) => x.change) })
        }
        rows.push(row)
      }
    }
    // Ready: the summary says what it drew and marks are on the map (and nothing is loading any more).
    const mapReady = `document.querySelector('svg .incidents a, svg .country-badges a') !== null && /incidents? match/.test(document.body.innerText) && !/Loading…/.test(document.querySelector('main').innerText)`
    const timelineReady = `document.querySelector('.band rect') !== null && !/Loading…/.test(document.querySelector('main').innerText)`
    await measure('map page', '/map', '/map?country=YE&from=2012-01-01&to=2013-12-31', mapReady)
    await measure('timeline page', '/timeline', '/timeline?country=YE&from=2012-01-01&to=2013-12-31', timelineReady)
  } finally {
    await browser.close()
  }
  console.log(`load average during the browser figures (1, 5, 15 min): ${load()}`)
  console.table(rows)
}

const dir = process.env.BENCH_DB ? null : mkdtempSync(join(tmpdir(), 'reckon-map-bench-'))
const path = process.env.BENCH_DB ?? join(dir, 'reckon.db')
try {
  const store = await openStore({ kind: 'sqlite', path })
  const seeded = await seed(store, INCIDENTS)
  await store.close()
  console.log(`SQLite store with ${INCIDENTS} incidents (${(seeded / 1000).toFixed(1)} s to seed).`)
  const env = { DATABASE_URL: path, RECKON_READ_CACHE_MS: '0' }
  const servers = []
  try {
    // The baseline's own `serve` starts its own CLI, which serves its own web app.
    if (BASELINE) servers.push({ label: 'A', ...(await (await import(pathToFileURL(join(BASELINE, 'bench', 'http-load.mjs')).href)).serve(env, [])) })
    servers.push({ label: BASELINE ? 'B' : 'this build', ...(await serve(env, [])) })
    if (BASELINE) console.log(`A: ${BASELINE}; B: this build. Same store, measured in turn.`)
    await apiFigures(servers)
    if (existsSync(CHROMIUM)) await browserFigures(servers)
    else console.log(`No Chromium at ${CHROMIUM}: browser figures skipped.`)
  } finally {
    for (const s of servers) await s.stop()
  }
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true })
}
