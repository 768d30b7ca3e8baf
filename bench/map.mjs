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
 * Run: `npm run build && node web/scripts/ensure-build.mjs && node bench/map.mjs`.
 * Env: BENCH_INCIDENTS (100000), BENCH_RUNS (5), BENCH_DB (reuse this SQLite file, seeding only what is missing).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { openStore } from '../dist/storage/open-store.js'
import { seed } from './api-data.mjs'
import { serve } from './http-load.mjs'

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const CHROMIUM = process.env.RECKON_CHROMIUM ?? '/usr/bin/chromium'

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const ms = (n) => `${n.toFixed(0)} ms`

/** Time and bytes of fetching `paths` one after another (as the page does), median over RUNS. */
async function fetchAll(base, paths) {
  const times = []
  let bytes = 0
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now()
    bytes = 0
    for (const p of paths) {
      const res = await fetch(base + p)
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`)
      bytes += (await res.arrayBuffer()).byteLength
    }
    times.push(performance.now() - t)
  }
  return { ms: median(times), bytes }
}

/** The ten pages the map used to load (VIEW_CAP 5,000 in pages of 500), each waiting for the one before. */
const OLD_MAP_PAGES = (filter) => Array.from({ length: 10 }, (_, k) => `/api/incidents?${filter}${filter ? '&' : ''}limit=500&offset=${k * 500}&sort=date`)

async function apiFigures(base) {
  const rows = []
  const row = (what, r) => rows.push({ what, ms: ms(r.ms), size: kb(r.bytes) })
  row('baseline: old map, 10 pages of 500 incidents (5,000 of 100,000)', await fetchAll(base, OLD_MAP_PAGES('')))
  row('map, whole world (zoom 0): every incident', await fetchAll(base, ['/api/map?zoom=0']))
  row('map, Pakistan framed (zoom 7, box)', await fetchAll(base, ['/api/map?zoom=7&bbox=66.9,30.7,72.5,35.3']))
  row('map, filtered: YE 2012–2013 (zoom 0)', await fetchAll(base, ['/api/map?zoom=0&country=YE&from=2012-01-01&to=2013-12-31']))
  row('map, filtered: grade fair (zoom 0)', await fetchAll(base, ['/api/map?zoom=0&grade=fair']))
  row('timeline: totals by month, all', await fetchAll(base, ['/api/totals?groupBy=month']))
  row('timeline: totals by month, YE 2012–2013', await fetchAll(base, ['/api/totals?groupBy=month&country=YE&from=2012-01-01&to=2013-12-31']))
  console.table(rows)
}

/** Navigation (or a filter change) until `ready` is in the page, with DOM size and the longest task; median over RUNS. */
async function browserFigures(base) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--headless=new', '--disable-dev-shm-usage'] })
  const rows = []
  try {
    const measure = async (what, first, then, ready) => {
      const loads = []
      const changes = []
      const nodes = []
      const tasks = []
      for (let r = 0; r < RUNS; r++) {
        const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true })).newPage()
        await page.addInitScript(() => {
          window.__longest = 0
          new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__longest = Math.max(window.__longest, e.duration)))).observe({ type: 'longtask', buffered: true })
        })
        let t = performance.now()
        await page.goto(base + first)
        await page.waitForFunction(ready, null, { timeout: 60_000, polling: 50 })
        loads.push(performance.now() - t)
        // A filter change the way the app makes one: a new address in the same page (the router's pushState).
        t = performance.now()
        await page.evaluate((href) => {
          history.pushState(null, '', href)
          dispatchEvent(new PopStateEvent('popstate'))
        }, then)
        // The old drawing stays up while the new one loads: first see it start loading, then finish.
        await page.waitForFunction(`/Loading…/.test(document.querySelector('main').innerText)`, null, { timeout: 10_000, polling: 'raf' })
        await page.waitForFunction(ready, null, { timeout: 60_000, polling: 50 })
        changes.push(performance.now() - t)
        nodes.push(await page.evaluate(() => document.getElementsByTagName('*').length))
        tasks.push(await page.evaluate(() => window.__longest))
        await page.context().close()
      }
      rows.push({ what, 'interactive after navigation': ms(median(loads)), 'redrawn after filter change': ms(median(changes)), 'DOM nodes': median(nodes), 'longest task': ms(median(tasks)) })
    }
    // Ready: the summary says what it drew and marks are on the map (and nothing is loading any more).
    const mapReady = `document.querySelector('svg .incidents a, svg .country-badges a') !== null && /incidents? match/.test(document.body.innerText) && !/Loading…/.test(document.querySelector('main').innerText)`
    const timelineReady = `document.querySelector('.band rect') !== null && !/Loading…/.test(document.querySelector('main').innerText)`
    await measure('map page', '/map', '/map?country=YE&from=2012-01-01&to=2013-12-31', mapReady)
    await measure('timeline page', '/timeline', '/timeline?country=YE&from=2012-01-01&to=2013-12-31', timelineReady)
  } finally {
    await browser.close()
  }
  console.table(rows)
}

const dir = process.env.BENCH_DB ? null : mkdtempSync(join(tmpdir(), 'reckon-map-bench-'))
const path = process.env.BENCH_DB ?? join(dir, 'reckon.db')
try {
  const store = await openStore({ kind: 'sqlite', path })
  const seeded = await seed(store, INCIDENTS)
  await store.close()
  console.log(`SQLite store with ${INCIDENTS} incidents (${(seeded / 1000).toFixed(1)} s to seed).`)
  const server = await serve({ DATABASE_URL: path, RECKON_READ_CACHE_MS: '0' }, [])
  try {
    await apiFigures(server.base)
    if (existsSync(CHROMIUM)) await browserFigures(server.base)
    else console.log(`No Chromium at ${CHROMIUM}: browser figures skipped.`)
  } finally {
    await server.stop()
  }
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true })
}
