/**
 * @module The request timeout on a real SQLite store, driven by a slow dependency the test holds open: the caller gets
 * 503 `timeout` whatever the dependency does, and the app stays usable. Streamed exports bound each part instead
 * (stream.test.ts): their body is still being written after the timeout middleware has let go.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { openStore } from '../storage/open-store.js'
import type { Store } from '../storage/store.js'
import { createApp } from './app.js'
import type { ApiDeps } from './deps.js'
import { testDeps } from './test-helpers/test-deps.js'

/** A promise the test settles when it chooses, standing for a dependency that has not answered yet. */
function held<T>(): { promise: Promise<T>; release: (v: T) => void } {
  let release!: (v: T) => void
  const promise = new Promise<T>((r) => (release = r))
  return { promise, release }
}

const dir = mkdtempSync(join(tmpdir(), 'reckon-timeout-'))
let store: Store
beforeAll(async () => {
  store = await openStore({ kind: 'sqlite', path: join(dir, 'timeout.db') })
})
afterAll(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('request timeout', () => {
  const config = loadConfig({ RECKON_REQUEST_TIMEOUT_MS: '100', RECKON_RATE_LIMIT: '0' })

  it('answers 503 timeout while a dependency has not answered, and serves the next request', async () => {
    const slow = held<Awaited<ReturnType<ApiDeps['extract']>>>()
    let called = 0
    const deps: ApiDeps = { ...testDeps(), extract: () => (called++, slow.promise) }
    const app = createApp(store, config, deps, { log: () => {} })
    const r = await app.request('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'A strike killed 3 people.' }) })
    expect(called).toBe(1)
    expect(r.status).toBe(503)
    expect(await r.json()).toEqual({ error: { code: 'timeout', message: 'the request took longer than 100 ms' } })
    // The late answer goes nowhere; the app goes on serving.
    slow.release({ claims: [], findings: [] })
    expect((await app.request('/api/health')).status).toBe(200)
  })

  it('lets a write that timed out finish unobserved, as documented, and empties the read cache when it does', async () => {
    const slow = held<undefined>()
    const base = testDeps()
    const deps: ApiDeps = {
      ...base,
      processSource: async (s, input, ctx) => {
        await slow.promise
        return base.processSource(s, input, ctx)
      },
    }
    const app = createApp(store, loadConfig({ RECKON_REQUEST_TIMEOUT_MS: '100', RECKON_RATE_LIMIT: '0', RECKON_READ_CACHE_MS: '600000' }), deps, { log: () => {} })
    const { token } = await store.tokens.create('slow-editor', 'editor', { actor: 'test' })
    const before = await store.sources.count()
    const listed = async (): Promise<number> => ((await (await app.request('/api/incidents')).json()) as { total: number }).total
    const cachedTotal = await listed()
    // Written past the app, so its read cache still holds the old answer.
    await store.incidents.create({ date: { start: '2014-01-01', end: '2014-01-01', precision: 'day' }, place: null, actor: null, target: null, victims: [], grade: null }, { actor: 'test' })
    expect(await listed()).toBe(cachedTotal)
    const text = 'Held back: a strike killed 4 people.'
    const r = await app.request('/api/sources', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ text }) })
    expect(r.status).toBe(503)
    expect(await store.sources.count()).toBe(before)
    slow.release(undefined)
    // The write runs to its end after the caller was told it timed out: the source is there once it commits.
    for (let i = 0; i < 500 && (await store.sources.count()) === before; i++) await new Promise((done) => setImmediate(done))
    expect(await store.sources.count()).toBe(before + 1)
    for (let i = 0; i < 500 && (await listed()) === cachedTotal; i++) await new Promise((done) => setImmediate(done))
    expect(await listed()).toBe(cachedTotal + 1)
  })
})
