/**
 * @module Worker side of bench/api.mjs: opens a store, fills it with synthetic incidents through store.bulk, and
 * serves the API on loopback, so the load generator in the main thread never shares this event loop.
 */
import { createHash } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'
import { createApp } from '../dist/api/app.js'
import { appDeps } from '../dist/api/app-deps.js'
import { startServer } from '../dist/api/server.js'
import { loadConfig } from '../dist/config.js'
import { sourceIdFor } from '../dist/domain/source.js'
import { openStore } from '../dist/storage/open-store.js'
import { claimIdFor } from '../dist/storage/store.js'

const { database, incidents, batch = 1000 } = workerData
const COUNTRIES = ['PK', 'YE', 'SO', 'AF', 'SY', 'IQ', 'LY']
const ACTORS = ['United States', 'United Kingdom', 'Saudi-led coalition', 'Turkey', 'Unknown']
const CENTRES = { PK: [33.0, 70.1], YE: [15.4, 44.2], SO: [2.0, 45.3], AF: [34.5, 69.2], SY: [35.0, 38.5], IQ: [33.3, 44.4], LY: [32.9, 13.2] }

// A small deterministic generator, so every run (and both stores) gets the same data.
let seed = 42
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = (a) => a[Math.floor(rand() * a.length)]
const pad = (n) => String(n).padStart(2, '0')

function record(i) {
  const y = 2004 + Math.floor(rand() * 21)
  const date = `${y}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`
  const country = pick(COUNTRIES)
  const actor = pick(ACTORS)
  const low = Math.floor(rand() * 12)
  const high = low + Math.floor(rand() * 6)
  const text = `Bench report ${i}: a strike on ${date} killed between ${low} and ${high} people.`
  const sha256 = createHash('sha256').update(text).digest('hex')
  const start = text.indexOf('killed')
  const quote = `killed between ${low} and ${high} people`
  const [lat, lon] = CENTRES[country]
  const place = { name: null, admin1: null, country, lat: lat + rand() - 0.5, lon: lon + rand() - 0.5, precision: 'district' }
  const draft = {
    measure: 'killed', category: 'total', min: low, max: high, qualifier: 'range', scope: 'incident', incidents: 1,
    period: { start: date, end: date, precision: 'day' }, place, actor, claimant: null, quote, span: { start, end: start + quote.length },
    extractor: 'bench@1', eventKey: null, names: [],
  }
  const claimId = claimIdFor(sourceIdFor(sha256), draft)
  const figure = { measure: 'killed', category: 'total', min: low, max: high, lowClaims: [claimId], highClaims: [claimId], claims: [claimId], sources: 1 }
  return {
    source: { sha256, text, mediaType: 'text/plain', filename: null, byteLength: Buffer.byteLength(text), kind: 'dataset', publisher: 'bench', url: null, title: null, published: date, language: 'en' },
    claims: [draft],
    incident: { date: { start: date, end: date, precision: 'day' }, place, actor, target: null, victims: [], grade: null },
    figures: [figure],
    linkReason: 'bench',
  }
}

const store = await openStore(database)
const t0 = performance.now()
const have = (await store.incidents.list({}, { limit: 1 })).total
for (let i = have; i < incidents; i += batch) {
  const n = Math.min(batch, incidents - i)
  await store.bulk.importRecords(Array.from({ length: n }, (_, k) => record(i + k)), { actor: 'bench', why: 'bench/api.mjs' })
}
const seedMs = performance.now() - t0
const total = (await store.incidents.list({}, { limit: 1 })).total
const config = loadConfig({ RECKON_RATE_LIMIT: '0' })
const log = (m, e) => console.error(m, e)
// The same API twice: as served (read cache on) and with the read cache off, to show what each query costs.
const server = await startServer(createApp(store, config, appDeps(), { log }), '127.0.0.1', 0)
const uncached = await startServer(createApp(store, config, appDeps(), { log, readCacheMs: 0 }), '127.0.0.1', 0)
parentPort.postMessage({ url: server.url, uncachedUrl: uncached.url, incidents: total, seedMs })
parentPort.on('message', async (m) => {
  if (m !== 'stop') return
  await server.close()
  await uncached.close()
  await store.close()
  parentPort.postMessage('stopped')
})
