/**
 * @module Worker side of bench/api.mjs: opens a store, fills it with synthetic incidents through store.bulk, and
 * serves the API on loopback, so the load generator in the main thread never shares this event loop.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createApp } from '../dist/api/app.js'
import { appDeps } from '../dist/api/app-deps.js'
import { startServer } from '../dist/api/server.js'
import { loadConfig } from '../dist/config.js'
import { openStore } from '../dist/storage/open-store.js'
import { seed } from './api-data.mjs'

const { database, incidents, batch = 1000 } = workerData
const store = await openStore(database)
const seedMs = await seed(store, incidents, batch)
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
